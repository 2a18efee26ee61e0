/**
 * RFC 9457 problem types for verification results. Spec-defined types where they exist
 * (VC Data Model 2.0, Data Integrity, Bitstring Status List); the registry's own under
 * `${baseUrl}/problems/…` for verdicts the specs leave to the verifier (revoked, expired, …).
 */
import type { ProblemDetail } from '../../ports/credentials.js';
import type { VerificationProblemTitle } from '../../domain/credentials/verification-messages.js';

const VCDM = 'https://www.w3.org/TR/vc-data-model#';
const SECURITY = 'https://w3id.org/security#';
const STATUS_LIST = 'https://www.w3.org/ns/credentials/status-list#';

export const SPEC_PROBLEMS = {
  parsing: `${VCDM}PARSING_ERROR`,
  malformed: `${VCDM}MALFORMED_VALUE_ERROR`,
  cryptographic: `${VCDM}CRYPTOGRAPHIC_SECURITY_ERROR`,
  range: `${VCDM}RANGE_ERROR`,
  invalidChallenge: `${SECURITY}INVALID_CHALLENGE_ERROR`,
  invalidDomain: `${SECURITY}INVALID_DOMAIN_ERROR`,
  /** Data Integrity 1.0: an error during proof verification; here, the key could not be retrieved (key-retrieval.ts). */
  proofVerification: `${SECURITY}PROOF_VERIFICATION_ERROR`,
  /** Data Integrity 1.0 "Verify Proof": a proofPurpose other than the one expected (assertionMethod for a credential). */
  mismatchedProofPurpose: `${SECURITY}MISMATCHED_PROOF_PURPOSE_ERROR`,
  /** Data Integrity 1.0: a proof that does not have the form the specification gives it. */
  malformedProof: `${SECURITY}MALFORMED_PROOF_ERROR`,
  /** Controlled Identifiers 1.0 §3.3: a proof's verificationMethod that is not a URL. */
  invalidVerificationMethodUrl: `${SECURITY}INVALID_VERIFICATION_METHOD_URL`,
  statusRetrieval: `${STATUS_LIST}STATUS_RETRIEVAL_ERROR`,
  statusVerification: `${STATUS_LIST}STATUS_VERIFICATION_ERROR`,
} as const;

export const REGISTRY_PROBLEM_NAMES = [
  'revoked',
  'suspended',
  'expired',
  'not-yet-valid',
  'untrusted-issuer',
  'unknown-key',
  'retired-key',
  'schema',
  // A warning, not a failure: a check the caller left out of options.checks.
  'not-checked',
] as const;
export type RegistryProblemName = (typeof REGISTRY_PROBLEM_NAMES)[number];

export function registryProblemType(baseUrl: string, name: RegistryProblemName): string {
  return `${baseUrl}/problems/${name}`;
}

/** Titles from the table of their Japanese only (verification-messages.ts): none goes out untranslated. */
export function problem(type: string, title: VerificationProblemTitle, detail: string): ProblemDetail {
  return { type, title, detail };
}
