/**
 * The non-cryptographic checks of a credential: validity dates and Bitstring Status List
 * entries, read through the registry's own StatusLookup (never HTTP). Each returns problems.
 */
import type { CredentialStatusState, ProblemDetail, StatusLookup } from '../../ports/credentials.js';
import { dateTimeStampInstant } from '../../domain/credentials/date-time-stamp.js';
import type { VerificationProblemTitle } from '../../domain/credentials/verification-messages.js';
import { SPEC_PROBLEMS, problem, registryProblemType } from './problems.js';
import { STATUS_LIST_LENGTH } from './status-list.js';

type Json = Record<string, unknown>;

/** The two outcomes of a time check, whichever claim (validFrom/nbf, validUntil/exp) gave the time. */
const notYetValid = (baseUrl: string, detail: string) => problem(registryProblemType(baseUrl, 'not-yet-valid'), 'Credential not yet valid', detail);
const expired = (baseUrl: string, detail: string) => problem(registryProblemType(baseUrl, 'expired'), 'Credential expired', detail);

export function checkValidFrom(credential: Json, now: Date, baseUrl: string): ProblemDetail[] {
  if (credential.validFrom === undefined) return [];
  const validFrom = dateTimeStampInstant(credential.validFrom);
  if (!validFrom) return [problem(SPEC_PROBLEMS.malformed, 'Malformed validFrom', `"validFrom" is not a date-time.`)];
  return validFrom > now ? [notYetValid(baseUrl, `The credential is valid from ${credential.validFrom}; it was checked at ${now.toISOString()}.`)] : [];
}

export function checkValidUntil(credential: Json, now: Date, baseUrl: string): ProblemDetail[] {
  if (credential.validUntil === undefined) return [];
  const validUntil = dateTimeStampInstant(credential.validUntil);
  if (!validUntil) return [problem(SPEC_PROBLEMS.malformed, 'Malformed validUntil', `"validUntil" is not a date-time.`)];
  // VC 2.0 §4.9: validUntil MUST NOT be before validFrom. No instant lies in such a period: it is
  // malformed, the same in both forms, rather than "expired" or "not yet valid" by the clock.
  const validFrom = dateTimeStampInstant(credential.validFrom);
  if (validFrom && validUntil < validFrom) {
    return [problem(SPEC_PROBLEMS.malformed, 'Validity period reversed', `"validUntil" (${String(credential.validUntil)}) is before "validFrom" (${String(credential.validFrom)}); VC 2.0 §4.9 requires it to be the same or later.`)];
  }
  return validUntil < now ? [expired(baseUrl, `The credential was valid until ${credential.validUntil}; it was checked at ${now.toISOString()}.`)] : [];
}

/**
 * A vc+jwt's own JWT time claims, honoured when present (RFC 7519 §4.1.4–5: a JWT is not
 * accepted after "exp" nor before "nbf"), beside validUntil and validFrom. NumericDate: seconds.
 */
export function checkJwtTimes(payload: Json, now: Date, baseUrl: string): { validFrom: ProblemDetail[]; validUntil: ProblemDetail[] } {
  const judge = (claim: 'nbf' | 'exp') => {
    const value = payload[claim];
    if (value === undefined) return [];
    if (typeof value !== 'number' || !Number.isFinite(value)) return [problem(SPEC_PROBLEMS.malformed, claim === 'nbf' ? 'Malformed nbf' : 'Malformed exp', `The JWT claim "${claim}" is not a NumericDate.`)];
    const ms = value * 1000;
    // Beyond the range of a Date (±8.64e15 ms), said as the number itself.
    const when = Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : `${value} s`;
    if (claim === 'nbf' && ms > now.getTime()) return [notYetValid(baseUrl, `The JWT is not valid before ${when} ("nbf"); it was checked at ${now.toISOString()}.`)];
    if (claim === 'exp' && ms <= now.getTime()) return [expired(baseUrl, `The JWT expired at ${when} ("exp"); it was checked at ${now.toISOString()}.`)];
    return [];
  };
  return { validFrom: judge('nbf'), validUntil: judge('exp') };
}

export interface StatusCheck {
  problems: ProblemDetail[];
  status: CredentialStatusState | null;
}

/**
 * Reads every BitstringStatusListEntry. Only lists under `${baseUrl}/status-lists/` can be read
 * (offline, from our data); a credential from elsewhere gets STATUS_RETRIEVAL_ERROR. A status
 * that could not be read is always a failure, never a pass.
 */
export async function checkStatus(
  credential: Json,
  { baseUrl, statusLookup, ownIssuer }: { baseUrl: string; statusLookup?: StatusLookup; ownIssuer: boolean },
): Promise<StatusCheck> {
  const raw = credential.credentialStatus;
  if (raw === undefined) return { problems: [], status: null };
  const entries = (Array.isArray(raw) ? raw : [raw]) as unknown[];
  const problems: ProblemDetail[] = [];
  const status: CredentialStatusState = { revoked: false, suspended: false };
  const fail = (type: string, title: VerificationProblemTitle, detail: string) => problems.push(problem(type, title, detail));
  if (entries.length === 0) {
    fail(SPEC_PROBLEMS.malformed, 'Malformed credentialStatus', '"credentialStatus" is an empty list: there is no status to read.');
  }

  for (const entry of entries) {
    const { type, statusPurpose, statusListIndex, statusListCredential, statusSize } = (entry ?? {}) as Json;
    // VC 2.0 §4.10 and Bitstring Status List §2.1 require both: a missing one is malformed, not an unsupported "undefined".
    const missing = (['type', 'statusPurpose'] as const).filter((name) => ({ type, statusPurpose })[name] === undefined);
    if (missing.length > 0) {
      fail(SPEC_PROBLEMS.malformed, 'Malformed credentialStatus', `Each "credentialStatus" entry requires ${missing.map((name) => `"${name}"`).join(' and ')} (Bitstring Status List §2.1).`);
      continue;
    }
    if (type !== 'BitstringStatusListEntry') {
      fail(SPEC_PROBLEMS.statusVerification, 'Unsupported status entry', `Status entry type "${String(type)}" is not supported.`);
      continue;
    }
    if (statusPurpose !== 'revocation' && statusPurpose !== 'suspension') {
      fail(SPEC_PROBLEMS.statusVerification, 'Unsupported status purpose', `Status purpose "${String(statusPurpose)}" is not supported.`);
      continue;
    }
    // Bitstring Status List §2.1: one bit per entry unless statusSize says more (and statusMessage says what each value means).
    if (statusSize !== undefined && statusSize !== 1) {
      fail(SPEC_PROBLEMS.statusVerification, 'Unsupported status size', `statusSize ${JSON.stringify(statusSize)} is not supported: the registry's lists hold one bit per entry.`);
      continue;
    }
    // A malformed value, not one out of range (VC 2.0 §7.2): §2.1 asks for a base-10 integer string.
    if (typeof statusListIndex !== 'string' || !/^(0|[1-9][0-9]*)$/.test(statusListIndex)) {
      fail(SPEC_PROBLEMS.malformed, 'Malformed status index', `statusListIndex ${JSON.stringify(statusListIndex)} is not a non-negative integer in a base-10 string.`);
      continue;
    }
    if (typeof statusListCredential !== 'string' || !statusListCredential.startsWith(`${baseUrl}/status-lists/`)) {
      fail(SPEC_PROBLEMS.statusRetrieval, 'Status list not retrievable', `Status list "${String(statusListCredential)}" is not one of this registry's lists; it is not fetched.`);
      continue;
    }
    // A list holds the status of its issuer's credentials only: another issuer's credential cannot borrow a bit of ours.
    if (!ownIssuer) {
      fail(SPEC_PROBLEMS.statusVerification, 'Status list of another issuer', `Status list "${statusListCredential}" is this registry's; it holds no status of another issuer's credentials.`);
      continue;
    }
    if (!statusLookup) {
      fail(SPEC_PROBLEMS.statusRetrieval, 'No status source', 'No status lookup was provided to read the status list.');
      continue;
    }
    // Bitstring Status List §3.2 (step 10): an index outside the bitstring MUST raise RANGE_ERROR
    // (VC 2.0 §7.2). Every list of ours is published with STATUS_LIST_LENGTH bits.
    if (Number(statusListIndex) >= STATUS_LIST_LENGTH) {
      fail(SPEC_PROBLEMS.range, 'Status index out of range', `statusListIndex ${statusListIndex} is past the end of ${statusListCredential}, whose indexes run from 0 to ${STATUS_LIST_LENGTH - 1}.`);
      continue;
    }
    let isSet: boolean | null;
    try {
      isSet = await statusLookup({ statusListCredential, statusListIndex: Number(statusListIndex), statusPurpose });
    } catch (error) {
      fail(SPEC_PROBLEMS.statusRetrieval, 'Status list not readable', `Status list "${statusListCredential}" could not be read: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (isSet === null) {
      fail(SPEC_PROBLEMS.statusVerification, 'Unknown status entry', `Index ${statusListIndex} of ${statusListCredential} is not a ${statusPurpose} entry known to the registry.`);
    } else if (isSet && statusPurpose === 'revocation') {
      status.revoked = true;
      fail(registryProblemType(baseUrl, 'revoked'), 'Credential revoked', 'The issuer has revoked this credential.');
    } else if (isSet) {
      status.suspended = true;
      fail(registryProblemType(baseUrl, 'suspended'), 'Credential suspended', 'The issuer has suspended this credential.');
    }
  }
  return { problems, status };
}
