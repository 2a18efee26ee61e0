/**
 * Ed25519 issuer keys: generation, JWK ⇄ Multikey conversion, parsing from a Worker secret,
 * and imported-CryptoKey caches (re-importing a key costs about 1.5× per signature).
 */
import type { IssuerKey } from '../../ports/credentials.js';
import { LruCache } from '../../domain/lru-cache.js';
import { base58btcDecode, base58btcEncode, base64urlDecode, base64urlEncode, toHex } from '../../domain/encoding.js';

const ED25519 = { name: 'Ed25519' } as const;
/** Multicodec varint for ed25519-pub, the prefix of a Multikey public key. */
const ED25519_PUB_PREFIX = [0xed, 0x01] as const;

/** "key-20251125T143800-3f9a1c": sortable by creation time, unique within a second. */
export function newKeyId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15);
  const suffix = toHex(crypto.getRandomValues(new Uint8Array(3)));
  return `key-${stamp}-${suffix}`;
}

export async function generateIssuerKey({ now = new Date() }: { now?: Date } = {}): Promise<IssuerKey> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const privateJwk = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey;
  return issuerKeyFromJwk({ keyId: newKeyId(now), jwk: privateJwk, createdAt: now.toISOString(), retiredAt: null });
}

/** Builds an IssuerKey from a private (with "d") or public OKP/Ed25519 JWK. */
export function issuerKeyFromJwk({
  keyId,
  jwk,
  createdAt,
  retiredAt = null,
}: {
  keyId: string;
  jwk: JsonWebKey;
  createdAt: string;
  retiredAt?: string | null;
}): IssuerKey {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new TypeError(`Key "${keyId}" is not an OKP/Ed25519 JWK.`);
  }
  const publicJwk: JsonWebKey = { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
  const key: IssuerKey = {
    keyId,
    publicKeyMultibase: multibaseFromPublicJwk(publicJwk),
    publicJwk,
    createdAt,
    retiredAt,
  };
  if (typeof jwk.d === 'string') key.privateJwk = { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d };
  return key;
}

/** OKP JWK → Multikey "z6Mk…" (base58btc of 0xed01 + 32 raw bytes). */
export function multibaseFromPublicJwk(jwk: JsonWebKey): string {
  const raw = base64urlDecode(jwk.x ?? '');
  if (raw.length !== 32) throw new TypeError('Ed25519 public key must be 32 bytes.');
  return 'z' + base58btcEncode(Uint8Array.from([...ED25519_PUB_PREFIX, ...raw]));
}

/** Multikey "z6Mk…" → raw 32-byte Ed25519 public key; throws on anything else. */
export function rawPublicKeyFromMultibase(multibase: string): Uint8Array<ArrayBuffer> {
  if (!multibase.startsWith('z')) throw new TypeError('Multikey must be base58btc ("z…").');
  const bytes = base58btcDecode(multibase.slice(1));
  if (bytes.length !== 34 || bytes[0] !== ED25519_PUB_PREFIX[0] || bytes[1] !== ED25519_PUB_PREFIX[1]) {
    throw new TypeError('Multikey is not an Ed25519 public key.');
  }
  return bytes.slice(2);
}

export function publicJwkFromMultibase(multibase: string): JsonWebKey {
  return { kty: 'OKP', crv: 'Ed25519', x: base64urlEncode(rawPublicKeyFromMultibase(multibase)) };
}

/**
 * Reads keys from an environment variable (Workers secret): a JSON array of
 * `{ keyId, privateJwk, createdAt, retiredAt }` (publicJwk accepted instead of privateJwk).
 */
export function parseIssuerKeys(json: string): IssuerKey[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new TypeError('Issuer keys must be a JSON array.');
  return parsed.map((entry: Record<string, unknown>, i) => {
    const jwk = (entry.privateJwk ?? entry.publicJwk) as JsonWebKey | undefined;
    if (typeof entry.keyId !== 'string' || !jwk || typeof entry.createdAt !== 'string') {
      throw new TypeError(`Issuer key #${i} needs keyId, privateJwk and createdAt.`);
    }
    const retiredAt = typeof entry.retiredAt === 'string' ? entry.retiredAt : null;
    return issuerKeyFromJwk({ keyId: entry.keyId, jwk, createdAt: entry.createdAt, retiredAt });
  });
}

// Caches are keyed by key material, so sharing them across identities cannot mix keys up.
// Least recently used evicted beyond 256 keys each (a registry has a handful; did:key issuers more).
const MAX_CACHED_KEYS = 256;
const verifyKeys = new LruCache<string, Promise<CryptoKey>>({ maxEntries: MAX_CACHED_KEYS });
const signingKeys = new LruCache<string, Promise<CryptoKey>>({ maxEntries: MAX_CACHED_KEYS });

function remember<T>(cache: LruCache<string, T>, id: string, make: () => T): T {
  let value = cache.get(id);
  if (value === undefined) {
    value = make();
    cache.set(id, value);
  }
  return value;
}

/** Imported verification key for a Multikey, cached per key. */
export function importVerifyKey(publicKeyMultibase: string): Promise<CryptoKey> {
  return remember(verifyKeys, publicKeyMultibase, () =>
    crypto.subtle.importKey('raw', rawPublicKeyFromMultibase(publicKeyMultibase), ED25519, true, ['verify']),
  );
}

/** Imported signing key for an issuer key, cached per keyId and public key. */
export function importSigningKey(key: IssuerKey): Promise<CryptoKey> {
  if (!key.privateJwk) return Promise.reject(new TypeError(`Key "${key.keyId}" has no private key.`));
  const jwk = key.privateJwk;
  return remember(signingKeys, `${key.keyId} ${key.publicKeyMultibase}`, () =>
    crypto.subtle.importKey('jwk', jwk, ED25519, false, ['sign']),
  );
}
