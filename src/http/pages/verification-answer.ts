// The answer to "is this badge genuine?", as one plain object: the verification page renders it
// and GET /v/{id} with Accept: application/json returns it. What it says about the organization,
// declaration or award comes from the signed credential itself; the award message, which is
// not in the credential, comes from the registry's public record.
import { GUIDELINE_AREAS, PREFECTURES } from '../../domain/codes.js';
import { japanFiscalYearOf } from '../../domain/fiscal-year.js';
import type { VerificationOutcome } from '../../ports/credentials.js';
import type { StoredCredential } from '../../ports/credential-store.js';
import { readCredentialClaims, type CredentialClaims } from '../../domain/credentials/claims.js';
import { REGISTRY_NAME, type Registry } from '../../registry.js';
import { reasonLabel } from '../../domain/mail/reasons.js';
import { compareClaimsWithRecord, type ClaimsComparison } from './claims-comparison.js';
import { formatFiscalYear } from './format.js';
import type { Bilingual } from './i18n.js';
import { VERDICT_LABELS, contentShown, contentTrusted, verdictExplanation, verdictOf, type Verdict } from './verdict.js';
import { withdrawnByOrganization } from '../../domain/credentials/withdrawal.js';
import { problemMessages } from '../../domain/credentials/verification-messages.js';
import { signedByRegistry } from '../../domain/credentials/signed-by-registry.js';
import { keyIdOf } from '../../domain/credentials/key-id.js';
import { publicStateOf } from '../../domain/declaration-lifecycle.js';

type Json = Record<string, unknown>;

export interface VerificationAnswer {
  verdict: Verdict;
  verdictLabel: Bilingual;
  explanation: Bilingual;
  /** True only for the verdict "valid". */
  valid: boolean;
  /** When this answer was produced (ISO 8601). */
  asOf: string;
  /** The credential's uuid when the registry holds it. */
  credentialId: string | null;
  format: 'jwt' | 'data-integrity' | null;
  kind: 'declaration' | 'award' | 'other';
  title: Bilingual | null;
  organization: {
    id: string | null;
    name: string;
    nameEn: string | null;
    corporateNumber: string | null;
    localGovernmentCode: string | null;
    prefectureCode: string | null;
    prefecture: Bilingual | null;
  } | null;
  declaration: {
    committedOn: string | null;
    fiscalYear: number | null;
    guidelineAreas: { code: string; ja: string; en: string }[];
    policy: string | null;
  } | null;
  award: {
    fiscalYear: number;
    fiscalYearLabel: Bilingual;
    category: Bilingual;
    division: Bilingual | null;
    overview: string | null;
    message: string | null;
    awardedOn: string | null;
  } | null;
  validFrom: string | null;
  validUntil: string | null;
  /**
   * issuedByRegistry (with name and domain): this registry signed it, its signature held with one
   * of its current keys. namesRegistry: the credential names this registry's DID as its issuer,
   * whether or not that holds (a tampered or forged copy names it too).
   */
  issuer: { id: string | null; name: Bilingual | null; domain: string | null; issuedByRegistry: boolean; namesRegistry: boolean };
  /**
   * For a suspended, revoked or expired credential: when that happened and, for a suspension or
   * revocation, the reason's label (the registry keeps codes; people read labels).
   */
  statusChange: { at: string | null; reason: Bilingual | null } | null;
  /**
   * For a superseded credential, and for an expired one whose declaration was renewed and
   * published again: the credential in force now (none while the renewal is still under review).
   */
  currentVersion: { credentialId: string; verificationUrl: string } | null;
  /**
   * For an expired declaration badge: the organization has applied to renew the declaration and
   * the renewal is under review (更新を審査中). Nothing of the renewal is shown until it is
   * published; then currentVersion names its badge.
   */
  renewalUnderReview: boolean;
  /**
   * The registry's own badge signed with a key it has since retired (verdict key-retired, or an
   * older version so signed): when the key was retired. The key is then no longer in did.json or
   * jwks.json, so nobody can check the signature there. Null otherwise.
   */
  keyRetiredAt: string | null;
  /**
   * What the credential claims beside what the registry records now for it (organization, what
   * was declared or awarded, validity), row by row; for an invalid credential too, since that is
   * where an altered claim shows. Nothing to compare for other issuers and unknown ids.
   */
  comparison: ClaimsComparison;
  /**
   * Where to check the answer independently. The registry's DID document, JWK Set and status lists
   * only for a credential naming this registry as its issuer (verified or not: its keys are the
   * ones to check it against); another issuer's badge is checked against that issuer's keys.
   */
  links: { page: string | null; dataIntegrity: string | null; jwt: string | null; didDocument: string | null; jwks: string | null; statusLists: string[] };
  /** Why it is not valid: each problem's title and detail (English), and its message in Japanese and English. */
  problems: { title: string; detail: string; messages: Bilingual }[];
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
const obj = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});

function organizationOf(claims: CredentialClaims): VerificationAnswer['organization'] {
  const org = claims.organization;
  if (!org) return null;
  const { prefectureCode } = org;
  return {
    id: org.id,
    name: org.name,
    nameEn: org.nameEn,
    corporateNumber: org.corporateNumber,
    localGovernmentCode: org.localGovernmentCode,
    prefectureCode,
    prefecture: prefectureCode ? PREFECTURES[prefectureCode] ?? null : null,
  };
}

function declarationOf(details: NonNullable<CredentialClaims['declaration']>, validFrom: string | null): VerificationAnswer['declaration'] {
  const from = validFrom ? new Date(validFrom) : null;
  return {
    committedOn: details.committedOn,
    fiscalYear: from && !Number.isNaN(from.getTime()) ? japanFiscalYearOf(from) : null,
    guidelineAreas: details.guidelineAreas.map((code) => ({ code, ...(GUIDELINE_AREAS[code] ?? { ja: code, en: code }) })),
    policy: details.policy,
  };
}

function awardOf(details: CredentialClaims['award'], message: string | null): VerificationAnswer['award'] {
  if (!details) return null;
  const { fiscalYear } = details;
  return {
    fiscalYear,
    fiscalYearLabel: { ja: formatFiscalYear(fiscalYear, 'ja'), en: formatFiscalYear(fiscalYear, 'en') },
    category: details.category,
    division: details.division,
    overview: details.overview,
    message,
    awardedOn: details.awardedOn,
  };
}

/** When the key that signed the registry's stored copy was retired, or null while it is in use. */
function keyRetiredAtOf(registry: Registry, record: StoredCredential | null): string | null {
  if (!record) return null;
  const { identity } = registry;
  return identity.keys.find((k) => keyIdOf(identity.verificationMethodId(k)) === record.keyId)?.retiredAt ?? null;
}

/** A revoked credential whose declaration its organization withdrew reads as withdrawn, not as a sanction. */
async function withdrawalOf(registry: Registry, verdict: Verdict, record: StoredCredential | null): Promise<Verdict> {
  return verdict === 'revoked' && record && (await withdrawnByOrganization(registry.deps.repos, record)) ? 'withdrawn' : verdict;
}

/**
 * The credential that replaced a superseded one, or an expired one once its declaration was
 * renewed and published again (active or suspended, newest first). A renewal under review has
 * issued nothing yet, so an expired badge then leads nowhere.
 */
async function currentVersionOf(registry: Registry, record: StoredCredential): Promise<VerificationAnswer['currentVersion']> {
  if (!record.organizationId) return null;
  const siblings = await registry.credentials.listByOrganization(record.organizationId);
  const live = siblings
    // Never the credential itself: one past its end but not yet swept is still stored as active.
    .filter((c) => c.id !== record.id && c.subjectType === record.subjectType && c.subjectId === record.subjectId && (c.status === 'active' || c.status === 'suspended'))
    .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))[0];
  return live ? { credentialId: live.id, verificationUrl: `${registry.identity.baseUrl}/v/${live.id}` } : null;
}

/** Whether the expired badge's declaration is back in review because its organization applied to renew it. */
async function renewalUnderReviewOf(registry: Registry, verdict: Verdict, record: StoredCredential | null): Promise<boolean> {
  if (verdict !== 'expired' || record?.subjectType !== 'declaration') return false;
  const declaration = await registry.deps.repos.declarations.get(record.subjectId);
  return !!declaration && !!publicStateOf(declaration)?.renewalUnderReview;
}

/**
 * When a credential stopped being valid and why. A suspended declaration's day is its suspension's
 * (suspendedAt: an amendment while suspended moves its updatedAt); otherwise the declaration or
 * award keeps the time of its last status change (updatedAt: nothing else changes it once revoked,
 * withdrawn or expired, nor an award's while suspended) and the reason code; a credential revoked
 * on its own (no such subject) has neither.
 */
async function statusChangeOf(registry: Registry, verdict: Verdict, record: StoredCredential | null, validUntil: string | null, now: Date): Promise<VerificationAnswer['statusChange']> {
  if (verdict !== 'suspended' && verdict !== 'revoked' && verdict !== 'withdrawn' && verdict !== 'expired') return null;
  const past = (iso: string | null) => (iso && new Date(iso).getTime() <= now.getTime() ? iso : null);
  const { repos } = registry.deps;
  if (record?.subjectType === 'declaration') {
    const declaration = await repos.declarations.get(record.subjectId);
    if (declaration && verdict === 'withdrawn') return { at: declaration.updatedAt, reason: null };
    if (declaration && declaration.status === verdict) {
      if (verdict === 'expired') return { at: past(declaration.validUntil) ?? declaration.updatedAt, reason: null };
      const at = verdict === 'suspended' ? (await registry.declarations.suspendedAt([declaration])).get(declaration.id)! : declaration.updatedAt;
      return { at, reason: reasonLabel(verdict === 'revoked' ? 'revoke' : 'suspend', declaration.statusReason) };
    }
  }
  if (record?.subjectType === 'award' && verdict !== 'expired') {
    const award = await repos.awards.get(record.subjectId);
    if (award && award.status === verdict) return { at: award.updatedAt, reason: reasonLabel(verdict === 'revoked' ? 'revoke' : 'suspend', award.statusReason) };
  }
  return { at: verdict === 'expired' ? past(validUntil) ?? past(record?.validUntil ?? null) : null, reason: null };
}

export async function buildVerificationAnswer({
  registry,
  outcome,
  record,
  now,
}: {
  registry: Registry;
  outcome: VerificationOutcome;
  record: StoredCredential | null;
  now: Date;
}): Promise<VerificationAnswer> {
  const baseUrl = registry.identity.baseUrl;
  const verdict = await withdrawalOf(registry, verdictOf(outcome, record), record);
  const credential = obj(outcome.credential);
  const issuer = typeof credential.issuer === 'string' ? { id: credential.issuer } : obj(credential.issuer);
  // Either credential shape the registry has issued (src/domain/credentials/claims.ts).
  const claims = readCredentialClaims(credential);
  const declarationDetails = claims.declaration;
  const awardDetails = claims.award;
  const validFrom = str(credential.validFrom);
  // The message is published with the award but is not part of the signed credential.
  const awardRecord = awardDetails && record?.subjectType === 'award' && contentTrusted(verdict) ? await registry.deps.repos.awards.get(record.subjectId) : null;
  const statuses = Array.isArray(credential.credentialStatus) ? credential.credentialStatus.map(obj) : [obj(credential.credentialStatus)];
  const id = record?.id ?? null;
  const issuerId = str(issuer.id);
  const namesOurDid = issuerId !== null && registry.identity.isOwnDid(issuerId);
  // Whose keys to check it against: a stored record is the registry's own badge; otherwise the
  // issuer it names, whatever the proof says.
  const ourKeysApply = record !== null || namesOurDid;
  const signed = signedByRegistry(outcome);
  // Content that failed, or never had, the signature or issuer check is not repeated: it may be forged.
  const trusted = contentShown(verdict, outcome);
  return {
    verdict,
    verdictLabel: VERDICT_LABELS[verdict],
    explanation: verdictExplanation(verdict, outcome, issuerId),
    valid: verdict === 'valid',
    asOf: now.toISOString(),
    credentialId: id,
    format: outcome.format ?? null,
    kind: claims.kind,
    title: trusted ? claims.title : null,
    organization: trusted ? organizationOf(claims) : null,
    declaration: trusted && declarationDetails ? declarationOf(declarationDetails, validFrom) : null,
    award: trusted && awardDetails ? awardOf(awardDetails, awardRecord?.message ?? null) : null,
    validFrom: trusted ? validFrom : null,
    validUntil: trusted ? str(credential.validUntil) : null,
    issuer: {
      id: issuerId,
      name: signed ? REGISTRY_NAME : null,
      domain: signed ? new URL(baseUrl).host : null,
      issuedByRegistry: signed,
      namesRegistry: namesOurDid,
    },
    statusChange: trusted ? await statusChangeOf(registry, verdict, record, str(credential.validUntil), now) : null,
    currentVersion: (verdict === 'superseded' || verdict === 'expired') && record ? await currentVersionOf(registry, record) : null,
    renewalUnderReview: await renewalUnderReviewOf(registry, verdict, record),
    keyRetiredAt: keyRetiredAtOf(registry, record),
    comparison: await compareClaimsWithRecord(registry, outcome, record),
    links: {
      page: id ? `${baseUrl}/v/${id}` : null,
      dataIntegrity: id ? `${baseUrl}/credentials/${id}` : null,
      jwt: id ? `${baseUrl}/credentials/${id}/credential.jwt` : null,
      didDocument: ourKeysApply ? `${baseUrl}/.well-known/did.json` : null,
      jwks: ourKeysApply ? `${baseUrl}/.well-known/jwks.json` : null,
      statusLists: ourKeysApply ? statuses.map((s) => str(s.statusListCredential)).filter((u): u is string => u !== null && u.startsWith(`${baseUrl}/status-lists/`)) : [],
    },
    // The revocation bit's problem already says what happened (registry.credentials.verify).
    problems: outcome.problemDetails.map((p) => ({ title: p.title, detail: p.detail, messages: problemMessages(p) })),
  };
}
