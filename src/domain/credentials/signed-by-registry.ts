import type { VerificationOutcome } from '../../ports/credentials.js';

/**
 * Issued by this registry, as far as anyone can tell: the issuer is ours, the key one of our
 * current keys (issuedByRegistry), and the signature held with it. A forgery or tampered copy
 * naming the registry and its key passes the first two, never the third.
 */
export const signedByRegistry = (outcome: Pick<VerificationOutcome, 'issuedByRegistry' | 'results'>): boolean =>
  outcome.issuedByRegistry && outcome.results.some((r) => r.check === 'proof' && r.verified);
