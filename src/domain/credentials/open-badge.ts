/**
 * Unsigned Open Badges 3.0 credentials (VC Data Model 2.0) for the registry: the logo credential
 * of a published self-declaration (宣言, never 認定) and the credential of an award (表彰).
 * Pure data shaping; signing lives in adapters/crypto.
 */
import { formatFiscalYearJa } from '../fiscal-year.js';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_0_3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** Where the app serves the registry's own JSON-LD context (see adapters/crypto/contexts). */
export function registryContextUrl(baseUrl: string): string {
  return `${baseUrl}/contexts/registry/v1`;
}

export type StatusPurpose = 'revocation' | 'suspension';
export type GuidelineArea = 'labor' | 'personnel' | 'compensation' | 'connectivity' | 'security';

export interface IssuerProfileInput {
  /** The registry's DID. */
  id: string;
  nameJa: string;
  nameEn: string;
  url: string;
}

export interface OrganizationInput {
  id: string;
  name: string;
  nameEn?: string;
  kind: 'company' | 'municipality' | 'other';
  corporateNumber?: string;
  localGovernmentCode?: string;
  prefectureCode: string;
}

export interface StatusSlot {
  /** The status list credential URL, `${baseUrl}/status-lists/${listId}`. */
  listUrl: string;
  index: number;
}

export interface CredentialCommonInput {
  baseUrl: string;
  /** UUID; the credential id is `${baseUrl}/credentials/${credentialId}`. */
  credentialId: string;
  issuer: IssuerProfileInput;
  organization: OrganizationInput;
  validFrom: string;
  validUntil?: string;
  status: { revocation: StatusSlot; suspension: StatusSlot };
}

export interface DeclarationCredentialInput extends CredentialCommonInput {
  declaration: {
    declarationId: string;
    version: number;
    committedOn: string;
    guidelineAreas: readonly GuidelineArea[];
    policy?: string;
  };
}

export interface AwardCredentialInput extends CredentialCommonInput {
  award: {
    awardId: string;
    fiscalYear: number;
    categoryCode: string;
    categoryNameJa: string;
    categoryNameEn: string;
    division?: string;
    divisionEn?: string;
    overview?: string;
    awardedOn?: string;
  };
}

export type UnsignedCredential = Record<string, unknown>;

export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  statusListIndex: string;
  statusListCredential: string;
}

export function statusListEntry(slot: StatusSlot, statusPurpose: StatusPurpose): BitstringStatusListEntry {
  return {
    id: `${slot.listUrl}#${slot.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose,
    statusListIndex: String(slot.index),
    statusListCredential: slot.listUrl,
  };
}

function identifiersOf(org: OrganizationInput): Record<string, unknown>[] {
  const identity = (identityHash: string, identityType: string) => ({
    type: 'IdentityObject',
    hashed: false,
    identityHash,
    identityType,
  });
  return [
    ...(org.corporateNumber ? [identity(org.corporateNumber, 'ext:JPCorporateNumber')] : []),
    ...(org.localGovernmentCode ? [identity(org.localGovernmentCode, 'ext:JPLocalGovernmentCode')] : []),
  ];
}

function envelope(
  input: CredentialCommonInput,
  names: { ja: string; en: string },
  achievement: Record<string, unknown>,
  details: Record<string, unknown>,
): UnsignedCredential {
  const { baseUrl, issuer, organization: org } = input;
  const identifier = identifiersOf(org);
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_0_3_CONTEXT, registryContextUrl(baseUrl)],
    id: `${baseUrl}/credentials/${input.credentialId}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: names.ja,
    nameEn: names.en,
    issuer: { id: issuer.id, type: ['Profile'], name: issuer.nameJa, nameEn: issuer.nameEn, url: issuer.url },
    validFrom: input.validFrom,
    ...(input.validUntil ? { validUntil: input.validUntil } : {}),
    credentialSubject: {
      id: `${baseUrl}/api/v1/organizations/${org.id}`,
      type: ['AchievementSubject'],
      name: org.name,
      ...(org.nameEn ? { nameEn: org.nameEn } : {}),
      organizationKind: org.kind,
      prefectureCode: org.prefectureCode,
      ...(identifier.length ? { identifier } : {}),
      achievement,
      ...details,
    },
    credentialStatus: [
      statusListEntry(input.status.revocation, 'revocation'),
      statusListEntry(input.status.suspension, 'suspension'),
    ],
  };
}

const logoImage = (baseUrl: string) => ({
  id: `${baseUrl}/logo.svg`,
  type: 'Image',
  caption: '地方創生テレワーク ロゴマーク',
});

/** The logo credential of a published self-declaration (自己宣言). */
export function buildDeclarationCredential(input: DeclarationCredentialInput): UnsignedCredential {
  const { baseUrl, declaration: d } = input;
  const achievement = {
    id: `${baseUrl}/achievements/telework-self-declaration`,
    type: ['Achievement'],
    achievementType: 'ext:TeleworkSelfDeclaration',
    name: '地方創生テレワーク自己宣言',
    nameEn: 'Regional Revitalization Telework Self-Declaration',
    description:
      '経営トップのコミットメントのもと、地方創生テレワーク（転職なき移住）の推進と社内制度整備ガイドラインに沿った取組を自ら宣言し、登録簿に公表されている団体であることを示します。団体自身による宣言です。',
    descriptionEn:
      'The organization has declared, with the commitment of its top management, that it promotes regional revitalization telework (moving to the regions without changing jobs) and follows the guidelines for internal rules; the declaration is published in the registry. It is a self-declaration, not a certification.',
    criteria: {
      narrative:
        '経営トップが地方創生テレワークの推進にコミットし、その方針を社内で共有したうえで、社内制度整備ガイドライン（労務制度・人事制度・給与制度・通信環境・情報セキュリティ）に沿った取組を宣言し、登録簿に公表されていること。',
      narrativeEn:
        'Top management has committed to regional revitalization telework, shared the policy internally, and declared measures following the guidelines for internal rules (labor, personnel, compensation, connectivity, information security); the declaration is published in the registry.',
    },
    image: logoImage(baseUrl),
    inLanguage: 'ja',
  };
  const details = {
    teleworkDeclaration: {
      id: `${baseUrl}/api/v1/declarations/${d.declarationId}`,
      declarationVersion: d.version,
      committedOn: d.committedOn,
      guidelineAreas: [...d.guidelineAreas],
      ...(d.policy ? { policy: d.policy } : {}),
    },
  };
  const names = {
    ja: '地方創生テレワーク自己宣言（ロゴマーク）',
    en: 'Regional Revitalization Telework Self-Declaration (logo mark)',
  };
  return envelope(input, names, achievement, details);
}

/** The credential of an award (表彰), e.g. 大臣賞 or 優秀賞 of a fiscal year. */
export function buildAwardCredential(input: AwardCredentialInput): UnsignedCredential {
  const { baseUrl, award: a } = input;
  const divisionJa = a.division ? `（${a.division}）` : '';
  const divisionEn = a.divisionEn ?? a.division;
  const nameJa = `${formatFiscalYearJa(a.fiscalYear)} 地方創生テレワーク表彰 ${a.categoryNameJa}${divisionJa}`;
  const nameEn = `Regional Revitalization Telework Award FY${a.fiscalYear}: ${a.categoryNameEn}${divisionEn ? ` (${divisionEn})` : ''}`;
  const achievement = {
    id: `${baseUrl}/achievements/telework-award/${a.fiscalYear}/${encodeURIComponent(a.categoryCode)}`,
    type: ['Achievement'],
    achievementType: 'ext:TeleworkAward',
    name: nameJa,
    nameEn,
    description: `地方創生テレワークの推進に優れた取組を行った団体として、${formatFiscalYearJa(a.fiscalYear)}の地方創生テレワーク表彰において${a.categoryNameJa}を受賞したことを示します。`,
    descriptionEn: `The organization received the ${a.categoryNameEn} of the Regional Revitalization Telework Award for FY${a.fiscalYear} for its excellent efforts to promote regional revitalization telework.`,
    criteria: {
      narrative:
        '地方創生テレワークに取り組む企業等（自己宣言を公表していること）および自治体のうち、特に優れた取組に大臣賞、優れた取組に優秀賞などを授与します。',
      narrativeEn:
        "Among declared companies and other bodies, and municipalities, particularly excellent efforts receive the Minister's Award and excellent ones the Excellence Award, among other categories.",
    },
    image: logoImage(baseUrl),
    inLanguage: 'ja',
  };
  const details = {
    teleworkAward: {
      id: `${baseUrl}/api/v1/awards/${a.awardId}`,
      fiscalYear: a.fiscalYear,
      awardCategory: a.categoryCode,
      awardCategoryName: a.categoryNameJa,
      awardCategoryNameEn: a.categoryNameEn,
      ...(a.division ? { awardDivision: a.division } : {}),
      ...(divisionEn ? { awardDivisionEn: divisionEn } : {}),
      ...(a.overview ? { overview: a.overview } : {}),
      ...(a.awardedOn ? { awardedOn: a.awardedOn } : {}),
    },
  };
  return envelope(input, { ja: nameJa, en: nameEn }, achievement, details);
}

/** An unsigned BitstringStatusListCredential served at `${baseUrl}/status-lists/${listId}`. */
export function buildStatusListCredential({
  baseUrl,
  listId,
  purpose,
  encodedList,
  validFrom,
  validUntil,
  issuer,
}: {
  baseUrl: string;
  listId: string;
  purpose: StatusPurpose;
  encodedList: string;
  validFrom: string;
  validUntil?: string;
  /** The registry's DID. */
  issuer: string;
}): UnsignedCredential {
  const id = `${baseUrl}/status-lists/${listId}`;
  return {
    '@context': [VC_V2_CONTEXT],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    validFrom,
    ...(validUntil ? { validUntil } : {}),
    credentialSubject: { id: `${id}#list`, type: 'BitstringStatusList', statusPurpose: purpose, encodedList },
  };
}
