import type { MiddlewareHandler } from 'hono';
import { conflict, DomainError, invalid, unprocessable } from '../domain/errors.js';
import type { Actor } from '../domain/actor.js';
import type { IdempotencyStore } from '../ports/idempotency.js';
import type { AppEnv } from './env.js';
import { MAX_BODY_BYTES } from './request.js';
import { readBodyBytes } from './body.js';
import { base64Decode, base64Encode, sha256Hex, utf8 } from '../domain/encoding.js';

/**
 * The POSTs that create something, each of which accepts an `Idempotency-Key` header
 * (draft-ietf-httpapi-idempotency-key-header). app.ts applies the middleware to these paths.
 */
export const IDEMPOTENT_POSTS = [
  '/api/v1/organizations',
  '/api/v1/organizations/:id/declarations',
  '/api/v1/awards',
  '/api/v1/tokens',
  '/api/v1/partners',
  '/api/v1/partners/:partnerId/webhooks',
  '/credentials/issue',
] as const;

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** How long a claim protects a running request; a claim older than this belongs to a dead process. */
export const IDEMPOTENCY_LEASE_MS = 5 * 60 * 1000;
/** Response headers worth replaying (CORS, request id and rate-limit headers are set afresh). */
const REPLAYED_HEADERS = ['content-type', 'location', 'etag', 'cache-control', 'content-location', 'link'];

/**
 * Idempotency-Key for creating POSTs. The key is scoped to the caller (API token or partner),
 * the method and the path, and bound to a SHA-256 of the request body:
 *  - first request: the key is claimed (one atomic INSERT), the request runs, and a 2xx answer
 *    (status, body, the headers above) is stored for 24 h;
 *  - same key, same body, first one done → the stored answer, with `Idempotency-Replayed: true`;
 *  - same key, different body → 422 problem;
 *  - same key while the first is still running → 409 problem (retry later).
 * A 4xx/5xx answer is not stored: the key is released, so a retry runs afresh (a rejected request
 * changed nothing, so running it again is safe and the database stays as it was).
 *
 * Not atomic with the creation: the answer is stored right after the handler's own batch has
 * committed (the answer is only built after that commit, and making every use case write the
 * key in its batch would be invasive). The window: if the process dies between the creation's
 * commit and `complete()` (one statement later), the key stays "in flight" for the lease
 * (5 min; retries get 409) and is then taken over by the next retry, which creates a second
 * resource (for organizations, the corporate-number / local-government-code uniqueness still
 * refuses it with 409). The same holds for a 5xx raised after the commit.
 *
 * Stored answers may hold a secret shown only once (API tokens, partner client secrets, webhook
 * secrets), so they are encrypted (AES-GCM) with a key derived from the Idempotency-Key itself,
 * which is never stored: a database copy or backup alone does not reveal them.
 * Web Crypto only, so it runs on Node and Workers alike.
 */
export function idempotencyKeys(
  store: IdempotencyStore,
  { now = () => Date.now(), ttlMs = IDEMPOTENCY_TTL_MS, leaseMs = IDEMPOTENCY_LEASE_MS }: { now?: () => number; ttlMs?: number; leaseMs?: number } = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || header === undefined) return next();
    const key = parseKey(header);
    const scope = scopeOf(c.var.actor);
    // Unauthenticated callers get their 401 from the handler.
    if (!scope) return next();
    let body: Uint8Array<ArrayBuffer>;
    try {
      // Kept for the request by readBodyBytes: the handler's read gets the same bytes (or error).
      body = await readBodyBytes(c, MAX_BODY_BYTES);
    } catch (error) {
      // Too large or cut off: the handler answers it (413 / 400) when it reads the body, after its own checks.
      if (error instanceof DomainError) return next();
      throw error;
    }

    const requestHash = await sha256Hex(body);
    const id = await sha256Hex(`${scope}\n${c.req.method}\n${c.req.path}\n${key}`);
    const claim = await store.claim({ id, requestHash, now: now(), leaseMs, ttlMs });
    if (claim.kind !== 'claimed') {
      if (claim.requestHash !== requestHash) throw keyReused();
      if (claim.kind === 'in-flight') throw stillRunning();
      const stored = JSON.parse(utf8.decode(await decrypt(key, id, claim.response))) as { headers: [string, string][]; body: string };
      const headers = new Headers(stored.headers);
      headers.set('Idempotency-Replayed', 'true');
      return new Response(base64Decode(stored.body), { status: claim.status, headers });
    }

    try {
      await next();
    } catch (error) {
      await store.release(id);
      throw error;
    }
    const status = c.res.status;
    if (status < 200 || status > 299) {
      await store.release(id);
      return;
    }
    const answer = c.res.clone();
    const headers: [string, string][] = [];
    for (const name of REPLAYED_HEADERS) {
      const value = answer.headers.get(name);
      if (value !== null) headers.push([name, value]);
    }
    const plain = JSON.stringify({ headers, body: base64Encode(new Uint8Array(await answer.arrayBuffer())) });
    await store.complete(id, { status, response: await encrypt(key, id, utf8.encode(plain)) });
  };
}

function scopeOf(actor: Actor): string | null {
  if (actor.role === 'admin' || actor.role === 'organization') return `token:${actor.tokenId}`;
  if (actor.role === 'partner') return `partner:${actor.partnerId}`;
  return null;
}

/** The draft makes the value a Structured Field string ("…"); a bare token is accepted too. */
function parseKey(header: string): string {
  const trimmed = header.trim();
  const key = /^"(.*)"$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
  if (!/^[\x21-\x7e]{1,255}$/.test(key) || key.includes('"') || key.includes('\\')) {
    throw invalid([{ field: 'Idempotency-Key', ja: 'Idempotency-Key は 1〜255 文字の ASCII 文字列です（UUID を推奨）。', en: 'Idempotency-Key must be 1–255 visible ASCII characters (a UUID is recommended).' }]);
  }
  return key;
}

const keyReused = () =>
  unprocessable(
    'この Idempotency-Key は別の内容のリクエストに使われています。新しいキーを使ってください。',
    'This Idempotency-Key was already used with a different request body; use a new key.',
  );

const stillRunning = (): DomainError =>
  conflict(
    '同じ Idempotency-Key のリクエストを処理中です。完了してから再度お試しください。',
    'A request with this Idempotency-Key is still being processed; retry once it has completed.',
  );

async function cipherKey(key: string, id: string) {
  const material = await crypto.subtle.importKey('raw', utf8.encode(key), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8.encode(id), info: utf8.encode('registry idempotent response v1') },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

async function encrypt(key: string, id: string, plain: Uint8Array<ArrayBuffer>): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await cipherKey(key, id), plain));
  return `${base64Encode(iv)}.${base64Encode(sealed)}`;
}

async function decrypt(key: string, id: string, stored: string): Promise<Uint8Array> {
  const [iv, sealed] = stored.split('.');
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: base64Decode(iv!) }, await cipherKey(key, id), base64Decode(sealed!)));
}
