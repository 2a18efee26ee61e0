/**
 * What a registry credential says, read back from its JSON in either shape the registry has
 * issued: the OB 3.0 shape with embedded terms (open-badge.ts, from 2025) and the first shape
 * with the deployment's own context (teleworkDeclaration / teleworkAward, prefectureCode,
 * organizationKind). Pages, badges and APIs read credentials through this one function, so a
 * badge issued years ago shows the same facts as a new one. It only reads: whether the
 * credential is genuine is the verifier's question, not this one's.
 */
import {
  AWARD_ACHIEVEMENT_PATH, DECLARATION_ACHIEVEMENT_PATH, EXT, GUIDELINE_AREAS_RESULT, ORGANIZATION_KIND_TYPES,
} from './open-badge.js';

type Json = Record<string, unknown>;
export interface BilingualText {
  ja: string;
  en: string;
}

export interface CredentialClaims {
  kind: 'declaration' | 'award' | 'other';
  /** The credential's name; English falls back to Japanese. */
  title: BilingualText | null;
  organization: {
    /** The registry's organization id, from the subject id `…/api/v1/organizations/{id}`. */
    id: string | null;
    name: string;
    nameEn: string | null;
    kind: 'company' | 'municipality' | 'other' | null;
    corporateNumber: string | null;
    localGovernmentCode: string | null;
    /** JIS X 0401 two-digit code, "13". */
    prefectureCode: string | null;
  } | null;
  declaration: {
    declarationId: string | null;
    version: number | null;
    /** YYYY-MM-DD. */
    committedOn: string | null;
    guidelineAreas: string[];
    policy: string | null;
  } | null;
  award: {
    awardId: string | null;
    fiscalYear: number;
    categoryCode: string | null;
    category: BilingualText;
    division: BilingualText | null;
    overview: string | null;
    /** YYYY-MM-DD. */
    awardedOn: string | null;
  } | null;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
const obj = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const list = (value: unknown): Json[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(obj);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
const lastSegment = (url: string | null) => (url ? decodeURIComponent(url.slice(url.lastIndexOf('/') + 1)) : null);
/** "2025-04-01T00:00:00+09:00" → "2025-04-01" (the registry writes Japan's midnight or UTC midnight of that day). */
const dayOf = (value: unknown) => {
  const text = str(value);
  return text && /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : null;
};
const idAfter = (value: unknown, path: string) => {
  const id = str(value);
  return id && id.includes(path) ? lastSegment(id) : null;
};

const KIND_BY_TYPE = new Map(Object.entries(ORGANIZATION_KIND_TYPES).map(([kind, type]) => [type as string, kind as 'company' | 'municipality' | 'other']));
const KINDS = ['company', 'municipality', 'other'] as const;

/** Reads either shape; every field is null (or empty) when the credential does not say it. */
export function readCredentialClaims(credential: unknown): CredentialClaims {
  const vc = obj(credential);
  const subject = obj(Array.isArray(vc.credentialSubject) ? vc.credentialSubject[0] : vc.credentialSubject);
  const achievement = obj(subject.achievement);
  const achievementId = str(achievement.id) ?? '';
  const legacyDeclaration = subject.teleworkDeclaration !== undefined ? obj(subject.teleworkDeclaration) : null;
  const legacyAward = subject.teleworkAward !== undefined ? obj(subject.teleworkAward) : null;
  const evidence = list(vc.evidence)[0] ?? {};

  const isDeclaration = !!legacyDeclaration || (achievement.achievementType === EXT.declaration && achievementId.endsWith(DECLARATION_ACHIEVEMENT_PATH));
  const isAward = !isDeclaration && (!!legacyAward || achievementId.includes(AWARD_ACHIEVEMENT_PATH));

  const name = str(vc.name);
  return {
    kind: isDeclaration ? 'declaration' : isAward ? 'award' : 'other',
    title: name ? { ja: name, en: str(vc.nameEn) ?? name } : null,
    organization: organizationOf(subject),
    declaration: isDeclaration ? declarationOf(subject, achievementId, evidence, legacyDeclaration) : null,
    award: isAward ? awardOf(vc, achievement, achievementId, evidence, legacyAward) : null,
  };
}

function organizationOf(subject: Json): CredentialClaims['organization'] {
  const name = str(subject.name);
  if (!name) return null;
  const identifiers = list(subject.identifier);
  const identifier = (type: string) => str(identifiers.find((i) => i.identityType === type)?.identityHash);
  const region = str(subject.addressRegion);
  const legacyKind = KINDS.find((k) => k === subject.organizationKind) ?? null;
  return {
    id: idAfter(subject.id, '/api/v1/organizations/'),
    name,
    nameEn: str(subject.nameEn),
    kind: legacyKind ?? KIND_BY_TYPE.get(str(subject.additionalType) ?? '') ?? null,
    corporateNumber: identifier(EXT.corporateNumber),
    localGovernmentCode: identifier(EXT.localGovernmentCode),
    prefectureCode: str(subject.prefectureCode) ?? (region && /^JP-\d{2}$/.test(region) ? region.slice(3) : null),
  };
}

function declarationOf(subject: Json, achievementId: string, evidence: Json, legacy: Json | null): CredentialClaims['declaration'] {
  if (legacy) {
    return {
      declarationId: idAfter(legacy.id, '/api/v1/declarations/'),
      version: typeof legacy.declarationVersion === 'number' ? legacy.declarationVersion : null,
      committedOn: dayOf(legacy.committedOn),
      guidelineAreas: strings(legacy.guidelineAreas),
      policy: str(legacy.policy),
    };
  }
  const areasResult = `${achievementId}${GUIDELINE_AREAS_RESULT}`;
  const version = /第(\d+)版/.exec(str(evidence.name) ?? '')?.[1];
  return {
    declarationId: idAfter(evidence.id, '/api/v1/declarations/'),
    version: version ? Number(version) : null,
    committedOn: dayOf(subject.activityStartDate),
    guidelineAreas: list(subject.result)
      .filter((r) => r.resultDescription === areasResult)
      .map((r) => str(r.value))
      .filter((v): v is string => v !== null),
    policy: str(evidence.narrative),
  };
}

function awardOf(vc: Json, achievement: Json, achievementId: string, evidence: Json, legacy: Json | null): CredentialClaims['award'] {
  if (legacy) {
    const fiscalYear = typeof legacy.fiscalYear === 'number' ? legacy.fiscalYear : Number(legacy.fiscalYear);
    if (!Number.isInteger(fiscalYear)) return null;
    const categoryJa = str(legacy.awardCategoryName) ?? str(legacy.awardCategory) ?? '';
    const divisionJa = str(legacy.awardDivision);
    return {
      awardId: idAfter(legacy.id, '/api/v1/awards/'),
      fiscalYear,
      categoryCode: str(legacy.awardCategory),
      category: { ja: categoryJa, en: str(legacy.awardCategoryNameEn) ?? categoryJa },
      division: divisionJa ? { ja: divisionJa, en: str(legacy.awardDivisionEn) ?? divisionJa } : null,
      overview: str(legacy.overview),
      awardedOn: dayOf(legacy.awardedOn),
    };
  }
  // `${baseUrl}/achievements/telework-award/{fiscalYear}/{categoryCode}`, a division's with `/{divisionCode}` after it
  const [year, code] = achievementId.slice(achievementId.indexOf(AWARD_ACHIEVEMENT_PATH) + AWARD_ACHIEVEMENT_PATH.length).split('/');
  const fiscalYear = Number(year);
  if (!Number.isInteger(fiscalYear)) return null;
  const alignments = list(achievement.alignment);
  const target = (type: string) => {
    const found = alignments.find((a) => a.targetType === type);
    const ja = str(found?.targetName);
    return ja ? { ja, en: str(found?.targetNameEn) ?? ja, code: str(found?.targetCode) } : null;
  };
  const category = target(EXT.awardCategory);
  const division = target(EXT.awardDivision);
  return {
    awardId: idAfter(evidence.id, '/api/v1/awards/'),
    fiscalYear,
    categoryCode: category?.code ?? (code ? decodeURIComponent(code) : null),
    category: category ? { ja: category.ja, en: category.en } : { ja: '', en: '' },
    division: division ? { ja: division.ja, en: division.en } : null,
    overview: str(evidence.narrative),
    awardedOn: dayOf(vc.awardedDate),
  };
}
