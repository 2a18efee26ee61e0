// A copy of the registry's own badge pasted on /verify after the key that signed it was retired.
import type { BakedCredential } from '../../adapters/badge/bake.js';
import type { StoredCredential } from '../../ports/credential-store.js';
import type { VerificationOutcome } from '../../ports/credentials.js';
import type { Registry } from '../../registry.js';

const RETIRED_KEY = (p: { type: string }) => p.type.endsWith('/problems/retired-key');

/**
 * The registry's record of a pasted copy whose issuer check says "signed with a retired key", when
 * the copy is the one the registry stored: the very document (or vc+jwt text) that key signed, so
 * it reads key-retired as on /v/{id}, not "invalid". Its signature alone can no longer be checked
 * here: a retired key leaves the DID document, which Data Integrity proofs are checked against.
 * Any altered copy differs from the stored one, and one matching no key of ours has no
 * retired-key problem: both stay invalid. Only the page reads this; POST /credentials/verify keeps
 * saying retired-key (README "After a rotation").
 */
export async function storedCopySignedWithRetiredKey(registry: Registry, outcome: VerificationOutcome, pasted: BakedCredential): Promise<StoredCredential | null> {
  if (!outcome.problemDetails.some(RETIRED_KEY)) return null;
  const url = outcome.credential?.id;
  const id = typeof url === 'string' ? registry.credentials.credentialIdOf(url) : null;
  const stored = id ? await registry.credentials.get(id) : null;
  if (!stored) return null;
  // Compared as JSON values, not as text: the paste's own spacing is not part of what was signed.
  const same = typeof pasted === 'string' ? pasted === stored.jwt : JSON.stringify(pasted) === JSON.stringify(JSON.parse(stored.dataIntegrity));
  return same ? stored : null;
}
