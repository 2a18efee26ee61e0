import { LruCache } from '../../domain/lru-cache.js';
import { decodeVcJwt, type DecodedVcJwt } from './jwt.js';
import { deepFreeze } from './deep-freeze.js';

/**
 * A popular badge's vc+jwt is verified again and again (by every recruiting site that shows it),
 * and decoding and parsing its ~7 KB payload costs ~30–50 µs each time. So a JWT that comes back
 * while still among the last RECENT seen is kept decoded, by its exact text, until RECENT others
 * have come since. A stream of more different ones than that (each back only after RECENT
 * others) keeps nothing: each costs a lookup and a 12-character mark, as keeping every one for a
 * while costs more (its objects outlive the young generation) than decoding it again.
 * What is kept is frozen: every request that finds it shares it.
 */
const RECENT = 64;
const recent = new LruCache<string, { jwt?: string; decoded?: DecodedVcJwt }>({ maxEntries: RECENT });

export function decodeVcJwtMemoised(jwt: string): DecodedVcJwt | undefined {
  // 12 characters of the signature (72 bits) find it; V8 copies a slice that short, where a longer
  // one would keep the whole request string alive for as long as it is remembered.
  const start = jwt.lastIndexOf('.') + 1;
  const key = jwt.slice(start, start + 12);
  const entry = recent.get(key);
  if (entry?.decoded && entry.jwt === jwt) return entry.decoded;
  const decoded = decodeVcJwt(jwt);
  if (!entry) recent.set(key, {});
  else if (decoded && !entry.decoded) {
    entry.jwt = jwt;
    entry.decoded = deepFreeze(decoded);
  }
  return decoded;
}
