/**
 * Whether the key a proof names could be had at all, before its signature is judged. Verification
 * is offline: only did:key keys (computed from the DID) and the registry's own DID documents are
 * at hand. A key of another did:web, an https key URL or an unknown DID method is never fetched,
 * so its signature was not checked, and saying 'Invalid proof' (altered, or signed with another
 * key) about it would be false. Controlled Identifiers 1.0 §3.3 (retrieve verification method)
 * and Data Integrity 1.0 §2.5 (processing errors) name the types used here.
 */
import type { ProblemDetail } from '../../ports/credentials.js';
import type { DocumentLoader } from './document-loader.js';
import type { IssuerIdentity } from './issuer.js';
import { SPEC_PROBLEMS, problem } from './problems.js';

/** Whose key the proof names: the credential's issuer, or the presentation's holder. */
export type KeyOwner = 'issuer' | 'holder';

/**
 * A key known to be retrievable without asking the loader: a did:key (its own document; every
 * "did:key:…" string parses as a URL) or one of the registry's keys. Synchronous and allocation-free
 * because the registry's own credentials, the verification hot path, always take it.
 */
export function keyAtHand(verificationMethod: string, identity: Pick<IssuerIdentity, 'keyForVerificationMethod'>): boolean {
  return verificationMethod.startsWith('did:key:') || identity.keyForVerificationMethod(verificationMethod) !== undefined;
}

/** The problem that stops the signature from being checked at all, or null when the key can be looked up. */
export async function unretrievableKeyProblem(verificationMethod: string, documentLoader: DocumentLoader, owner: KeyOwner = 'issuer'): Promise<ProblemDetail | null> {
  if (!URL.canParse(verificationMethod)) {
    return problem(SPEC_PROBLEMS.invalidVerificationMethodUrl, 'Invalid verification method URL', `The proof's key "${verificationMethod}" is not a URL, so the key cannot be looked up; the signature was not checked.`);
  }
  // A did:key is its own document: one that does not resolve is malformed, which the signature check reports.
  const controllerDocument = verificationMethod.split('#')[0]!;
  if (controllerDocument.startsWith('did:key:')) return null;
  try {
    await documentLoader(controllerDocument);
    return null;
  } catch {
    return problem(
      SPEC_PROBLEMS.proofVerification,
      'Verification method not retrievable',
      `The ${owner}'s public key "${verificationMethod}" could not be retrieved (this verifier resolves did:key and the registry's own keys only, and fetches nothing), so the signature could not be checked. It was neither confirmed nor found wrong.`,
    );
  }
}

/** The problems of every proof key that cannot be had (empty when all can be). */
export async function unretrievableKeyProblems(verificationMethods: readonly string[], documentLoader: DocumentLoader, owner: KeyOwner = 'issuer'): Promise<ProblemDetail[]> {
  const found = await Promise.all(verificationMethods.map((method) => unretrievableKeyProblem(method, documentLoader, owner)));
  return found.filter((p) => p !== null);
}

/**
 * The keys whose controller document can be had but that it does not hold: a did:key naming
 * another fragment than its own multibase, a malformed did:key (not an Ed25519 Multikey), an
 * unknown key id under the registry's DID. The signature was never checked: neither "correct" nor
 * "altered" may be said of it. Asked only once a proof failed, never on the verified path.
 */
export async function unknownKeyProblems(verificationMethods: readonly string[], documentLoader: DocumentLoader, owner: KeyOwner = 'issuer'): Promise<ProblemDetail[]> {
  const known = await Promise.all(verificationMethods.map((method) => documentLoader(method).then(() => true, () => false)));
  return verificationMethods
    .filter((_, i) => !known[i])
    .map((method) =>
      problem(
        SPEC_PROBLEMS.proofVerification,
        'Unknown verification method',
        `The ${owner}'s key "${method}" is not a key of its DID (a did:key names one key, its own multibase; a malformed did:key names none), so the signature could not be checked. It was neither confirmed nor found wrong.`,
      ),
    );
}
