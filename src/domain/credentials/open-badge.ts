/**
 * Unsigned Open Badges 3.0 credentials (VC Data Model 2.0) for the registry: the logo credential
 * of a published self-declaration (宣言, never 認定) and the credential of an award (表彰).
 * Pure data shaping; signing lives in adapters/crypto.
 *
 * A credential must verify with the standard contexts alone (VC 2.0 and OB 3.0.3, which every
 * OB 3.0 verifier bundles): offline, behind a firewall, or after the registry moved to another
 * domain. So the registry's data is said with OB 3.0 terms (achievement, criteria, alignment,
 * result, evidence, awardedDate, IdentityObject), and the few things OB 3.0 has no term for
 * travel in a small context EMBEDDED in the credential (REGISTRY_TERMS_CONTEXT below), whose
 * terms map to schema.org and OB IRIs only: nothing to fetch, nothing that moves with
 * PUBLIC_BASE_URL, and the proof covers it. Credentials issued before (2025) name the
 * deployment's own context `${baseUrl}/contexts/registry/v1` instead; it stays served and in
 * the document loader so they keep verifying (see readCredentialClaims for reading both shapes).
 */
import { japanMidnight } from '../japan-calendar.js';
import { GUIDELINE_AREAS } from '../codes.js';
import { formatFiscalYearJa } from '../fiscal-year.js';
import { GUIDELINE_TEXTS } from '../guideline-texts.js';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_0_3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/**
 * Where the app serves the registry's first, deployment-specific JSON-LD context. Only
 * credentials issued before the embedded context name it; new ones never do.
 */
export function registryContextUrl(baseUrl: string): string {
  return `${baseUrl}/contexts/registry/v1`;
}

const SCHEMA_ORG = 'https://schema.org/';
const OB_VOCAB = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#';

/**
 * The terms OB 3.0 lacks, embedded as the credential's third @context entry (VC 2.0 §4.3 allows
 * context objects; the OB 3.0 schema's Context is "a URI or a Map"). Every term maps to a
 * schema.org or OB IRI, so there is no vocabulary of the registry's own to host:
 * - nameEn, descriptionEn, narrativeEn, targetNameEn: the English alternatives of OB's Japanese
 *   texts, as the same properties tagged @en (RDF consumers see one name in two languages);
 * - addressRegion: the prefecture as its ISO 3166-2 code ("JP-13");
 * - additionalType: company / municipality / other as schema.org organization types.
 * No VC or OB term is redefined (OB's Address has the same addressRegion), so @protected holds.
 * Each credential carries its own copy under its proof: a change here reaches new credentials
 * only, and readCredentialClaims must keep reading the old ones.
 */
export const REGISTRY_TERMS_CONTEXT = Object.freeze({
  '@protected': true,
  nameEn: Object.freeze({ '@id': `${SCHEMA_ORG}name`, '@language': 'en' }),
  descriptionEn: Object.freeze({ '@id': `${SCHEMA_ORG}description`, '@language': 'en' }),
  narrativeEn: Object.freeze({ '@id': `${OB_VOCAB}narrative`, '@language': 'en' }),
  targetNameEn: Object.freeze({ '@id': `${SCHEMA_ORG}targetName`, '@language': 'en' }),
  addressRegion: Object.freeze({ '@id': `${SCHEMA_ORG}addressRegion` }),
  additionalType: Object.freeze({ '@id': `${SCHEMA_ORG}additionalType`, '@type': '@id' }),
});

/** The @context of every new registry credential: standard URLs, then the embedded terms. */
export function credentialContext(): unknown[] {
  return [VC_V2_CONTEXT, OB_V3_0_3_CONTEXT, structuredClone(REGISTRY_TERMS_CONTEXT) as unknown];
}

/**
 * The organization's kind as a schema.org type, in schema:additionalType (a value, not a second
 * `type`, so the three kinds share one document shape for canonicalization).
 */
export const ORGANIZATION_KIND_TYPES = {
  company: `${SCHEMA_ORG}Corporation`,
  municipality: `${SCHEMA_ORG}GovernmentOrganization`,
  other: `${SCHEMA_ORG}Organization`,
} as const;

/** Names of OB extension values (achievementType, resultType, targetType, identityType) the registry uses. */
export const EXT = {
  declaration: 'ext:TeleworkSelfDeclaration',
  guidelineArea: 'ext:TeleworkGuidelineArea',
  awardCategory: 'ext:TeleworkAwardCategory',
  awardDivision: 'ext:TeleworkAwardDivision',
  corporateNumber: 'ext:JPCorporateNumber',
  localGovernmentCode: 'ext:JPLocalGovernmentCode',
} as const;

/** The frameworks the achievements' alignments point into (Alignment.targetFramework). */
const GUIDELINE_FRAMEWORK = '地方創生テレワーク 社内制度整備ガイドライン';
const AWARD_FRAMEWORK = '地方創生テレワーク表彰';

/** The achievement every self-declaration credential names (also how readers recognise one). */
export const DECLARATION_ACHIEVEMENT_PATH = '/achievements/telework-self-declaration';
/** Award achievements are `${baseUrl}${AWARD_ACHIEVEMENT_PATH}${fiscalYear}/${categoryCode}`, then `/${divisionCode}` for a division's. */
export const AWARD_ACHIEVEMENT_PATH = '/achievements/telework-award/';
/** The fragment of the ResultDescription whose results are the declared guideline areas. */
export const GUIDELINE_AREAS_RESULT = '#guideline-areas';

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
    /** The division's code: an award of a division is its own achievement (its id and alignment name it). */
    divisionCode?: string;
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

/**
 * One of a credential's TWO status entries: every credential has a `revocation` entry and a
 * `suspension` entry, each a bit in a list of that purpose. Decided against the alternative of
 * a single entry with statusPurpose "message", statusSize 2 and statusMessage (valid / suspended /
 * revoked), which would satisfy the 1EdTech OB 3.0 schema (it allows ONE credentialStatus
 * object), by what verifiers show their users (tried in 2025):
 * - DCC verifier-core 1.0.0-beta.11 (npm) reports a row per entry, `revocation_status` and
 *   `suspension_status`, so a revoked and a suspended badge read as such. A "message" entry
 *   becomes `message_status`, and its status-list library reads ONE bit at statusListIndex
 *   (no statusSize): a suspended badge (0x1) showed as valid, and a valid one whose list had
 *   another badge's bit at that position showed as failed.
 * - verifier-core's current source checks only revocation and suspension entries: a "message"
 *   entry is skipped, so a revoked badge would show no status problem at all.
 * - @digitalbazaar/vc-bitstring-status-list 2.0.1 likewise reads one bit per entry.
 * What the two entries cost is a non-fatal "schema" warning in verifiers that apply the
 * published schema to the array (verifier-core: schema_check / schema.obv3.json, not fatal);
 * the registry's own check relaxes exactly that (src/cli/compile-ob3-schema.ts), nothing else.
 */
export function statusListEntry(slot: StatusSlot, statusPurpose: StatusPurpose): BitstringStatusListEntry {
  return {
    id: `${slot.listUrl}#${slot.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose,
    statusListIndex: String(slot.index),
    statusListCredential: slot.listUrl,
  };
}

/**
 * 法人番号 and 地方公共団体コード as OB 3.0 recipient identifiers: AchievementSubject.identifier
 * holds IdentityObjects (IdentifierEntry is the type of Profile/Achievement.otherIdentifier),
 * whose identityType takes the same IdentifierTypeEnum with "ext:" extensions.
 */
function identifiersOf(org: OrganizationInput): Record<string, unknown>[] {
  const identity = (identityHash: string, identityType: string) => ({
    type: 'IdentityObject',
    hashed: false,
    identityHash,
    identityType,
  });
  return [
    ...(org.corporateNumber ? [identity(org.corporateNumber, EXT.corporateNumber)] : []),
    ...(org.localGovernmentCode ? [identity(org.localGovernmentCode, EXT.localGovernmentCode)] : []),
  ];
}

function envelope(
  input: CredentialCommonInput,
  names: { ja: string; en: string },
  achievement: Record<string, unknown>,
  subjectDetails: Record<string, unknown>,
  credentialDetails: Record<string, unknown>,
): UnsignedCredential {
  const { baseUrl, issuer, organization: org } = input;
  const identifier = identifiersOf(org);
  return {
    '@context': credentialContext(),
    id: `${baseUrl}/credentials/${input.credentialId}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: names.ja,
    nameEn: names.en,
    issuer: { id: issuer.id, type: ['Profile'], name: issuer.nameJa, nameEn: issuer.nameEn, url: issuer.url },
    validFrom: input.validFrom,
    ...(input.validUntil ? { validUntil: input.validUntil } : {}),
    ...credentialDetails,
    credentialSubject: {
      id: `${baseUrl}/api/v1/organizations/${org.id}`,
      type: ['AchievementSubject'],
      name: org.name,
      ...(org.nameEn ? { nameEn: org.nameEn } : {}),
      additionalType: ORGANIZATION_KIND_TYPES[org.kind],
      ...(identifier.length ? { identifier } : {}),
      addressRegion: `JP-${org.prefectureCode}`,
      ...subjectDetails,
      achievement,
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

/** The achievement every self-declaration credential names: the same for all of them. */
export function declarationAchievement(baseUrl: string): Record<string, unknown> {
  const achievementId = `${baseUrl}${DECLARATION_ACHIEVEMENT_PATH}`;
  const areaCodes = Object.keys(GUIDELINE_AREAS) as GuidelineArea[];
  return {
    id: achievementId,
    type: ['Achievement'],
    achievementType: EXT.declaration,
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
    // The five areas of the guideline the declaration follows; which of them this organization
    // declared (and agreed to publish) are its results.
    alignment: areaCodes.map((code) => ({
      type: ['Alignment'],
      targetType: EXT.guidelineArea,
      targetFramework: GUIDELINE_FRAMEWORK,
      targetCode: code,
      targetName: GUIDELINE_AREAS[code]!.ja,
      targetNameEn: GUIDELINE_AREAS[code]!.en,
      targetDescription: GUIDELINE_TEXTS[code]!.ja,
      targetUrl: `${achievementId}#${code}`,
    })),
    resultDescription: [
      {
        id: `${achievementId}${GUIDELINE_AREAS_RESULT}`,
        type: ['ResultDescription'],
        name: '宣言した取組の分野（社内制度整備ガイドライン）',
        nameEn: 'Guideline areas declared',
        resultType: EXT.guidelineArea,
        allowedValue: areaCodes,
      },
    ],
    image: logoImage(baseUrl),
    inLanguage: 'ja',
  };
}

/** The logo credential of a published self-declaration (自己宣言). */
export function buildDeclarationCredential(input: DeclarationCredentialInput): UnsignedCredential {
  const { baseUrl, declaration: d } = input;
  const resultDescriptionId = `${baseUrl}${DECLARATION_ACHIEVEMENT_PATH}${GUIDELINE_AREAS_RESULT}`;
  const subject = {
    // The day top management committed: when the declared activity started.
    activityStartDate: japanMidnight(d.committedOn),
    ...(d.guidelineAreas.length
      ? { result: d.guidelineAreas.map((code) => ({ type: ['Result'], resultDescription: resultDescriptionId, value: code })) }
      : {}),
  };
  const evidence = {
    evidence: [
      {
        id: `${baseUrl}/api/v1/declarations/${d.declarationId}`,
        type: ['Evidence'],
        name: `地方創生テレワーク自己宣言（第${d.version}版）`,
        nameEn: `Regional Revitalization Telework Self-Declaration (version ${d.version})`,
        // The policy the organization published with its declaration, in its own words.
        ...(d.policy ? { narrative: d.policy } : {}),
      },
    ],
  };
  const names = {
    ja: '地方創生テレワーク自己宣言（ロゴマーク）',
    en: 'Regional Revitalization Telework Self-Declaration (logo mark)',
  };
  return envelope(input, names, declarationAchievement(baseUrl), subject, evidence);
}

/** What names an award's achievement: its year, category and division. */
export type AwardAchievementInput = Pick<
  AwardCredentialInput['award'], 'fiscalYear' | 'categoryCode' | 'categoryNameJa' | 'categoryNameEn' | 'divisionCode' | 'division' | 'divisionEn'
>;

/** The achievement of an award of a year and category (and division): the same for every credential of it. */
export function awardAchievement(baseUrl: string, a: AwardAchievementInput): Record<string, unknown> {
  const { nameJa, nameEn } = awardNames(a);
  const yearJa = formatFiscalYearJa(a.fiscalYear);
  const divisionEn = a.divisionEn ?? a.division;
  const winners = `${baseUrl}/organizations?awardYear=${a.fiscalYear}&awardCategory=${encodeURIComponent(a.categoryCode)}`;
  return {
    // OB 3.0 Achievement.id is unique: the divisions of one category are achievements of their own names.
    id: `${baseUrl}${AWARD_ACHIEVEMENT_PATH}${a.fiscalYear}/${encodeURIComponent(a.categoryCode)}${a.divisionCode ? `/${encodeURIComponent(a.divisionCode)}` : ''}`,
    type: ['Achievement'],
    achievementType: 'Award',
    name: nameJa,
    nameEn,
    description: `地方創生テレワークの推進に優れた取組を行った団体として、${yearJa}の地方創生テレワーク表彰において${a.categoryNameJa}を受賞したことを示します。`,
    descriptionEn: `The organization received the ${a.categoryNameEn} of the Regional Revitalization Telework Award for FY${a.fiscalYear} for its excellent efforts to promote regional revitalization telework.`,
    criteria: {
      narrative:
        '地方創生テレワークに取り組む企業等（自己宣言を公表していること）および自治体のうち、特に優れた取組に大臣賞、優れた取組に優秀賞などを授与します。',
      narrativeEn:
        "Among declared companies and other bodies, and municipalities, particularly excellent efforts receive the Minister's Award and excellent ones the Excellence Award, among other categories.",
    },
    // The category (and division) of the award scheme this achievement is.
    alignment: [
      {
        type: ['Alignment'],
        targetType: EXT.awardCategory,
        targetFramework: AWARD_FRAMEWORK,
        targetCode: a.categoryCode,
        targetName: a.categoryNameJa,
        targetNameEn: a.categoryNameEn,
        targetUrl: winners,
      },
      ...(a.division
        ? [{ type: ['Alignment'], targetType: EXT.awardDivision, targetFramework: AWARD_FRAMEWORK, ...(a.divisionCode ? { targetCode: a.divisionCode } : {}), targetName: a.division, ...(divisionEn ? { targetNameEn: divisionEn } : {}), targetUrl: winners }]
        : []),
    ],
    image: logoImage(baseUrl),
    inLanguage: 'ja',
  };
}

function awardNames(a: AwardAchievementInput): { nameJa: string; nameEn: string } {
  const divisionEn = a.divisionEn ?? a.division;
  return {
    nameJa: `${formatFiscalYearJa(a.fiscalYear)} 地方創生テレワーク表彰 ${a.categoryNameJa}${a.division ? `（${a.division}）` : ''}`,
    nameEn: `Regional Revitalization Telework Award FY${a.fiscalYear}: ${a.categoryNameEn}${divisionEn ? ` (${divisionEn})` : ''}`,
  };
}

/** The credential of an award (表彰), e.g. 大臣賞 or 優秀賞 of a fiscal year. */
export function buildAwardCredential(input: AwardCredentialInput): UnsignedCredential {
  const { baseUrl, award: a } = input;
  const yearJa = formatFiscalYearJa(a.fiscalYear);
  // The fiscal year of the award, as OB's "term in which this assertion was achieved".
  const subject = { term: yearJa };
  const details = {
    ...(a.awardedOn ? { awardedDate: japanMidnight(a.awardedOn) } : {}),
    evidence: [
      {
        id: `${baseUrl}/api/v1/awards/${a.awardId}`,
        type: ['Evidence'],
        name: `${yearJa} 地方創生テレワーク表彰の記録`,
        nameEn: `Record of the Regional Revitalization Telework Award FY${a.fiscalYear}`,
        // What the organization was recognised for.
        ...(a.overview ? { narrative: a.overview } : {}),
      },
    ],
  };
  const { nameJa, nameEn } = awardNames(a);
  return envelope(input, { ja: nameJa, en: nameEn }, awardAchievement(baseUrl, a), subject, details);
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
