import { base64Decode, base64Encode } from '../encoding.js';

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): the secret is "whsec_" +
 * base64 of random bytes; the signature is "v1," + base64(HMAC-SHA256(secret, `${id}.${timestamp}.${body}`)).
 *
 * A receiver must, in this order:
 * 1. reject when Webhook-Timestamp is more than 5 minutes from its own clock (stops old replays);
 * 2. recompute the signature over the raw body bytes and compare in constant time with every
 *    "v1,…" entry of Webhook-Signature (space-separated; several during secret rotation);
 * 3. remember Webhook-Id for at least those 5 minutes and drop a message whose id it has seen
 *    (a retry of a delivery keeps its id, so this also makes processing idempotent).
 */
const encoder = new TextEncoder();

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

export function generateWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + base64Encode(crypto.getRandomValues(new Uint8Array(32)));
}

function secretBytes(secret: string): Uint8Array<ArrayBuffer> {
  const base64 = secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret;
  return base64Decode(base64);
}

const keys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size > 1000) keys.clear();
    key = crypto.subtle.importKey('raw', secretBytes(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keys.set(secret, key);
  }
  return key;
}

/** "v1,<base64 HMAC-SHA256 over `${id}.${timestamp}.${body}`>" */
export async function signWebhook({ secret, id, timestamp, body }: { secret: string; id: string; timestamp: number; body: string }): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(`${id}.${timestamp}.${body}`)));
  return `v1,${base64Encode(mac)}`;
}

/** The receiver's check (steps 1 and 2 above); the caller keeps the seen-id set for step 3. */
export async function verifyWebhook({
  secret, id, timestamp, body, signature, now = Date.now(), toleranceSeconds = 300,
}: { secret: string; id: string; timestamp: string; body: string; signature: string; now?: number; toleranceSeconds?: number }): Promise<boolean> {
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(now / 1000 - seconds) > toleranceSeconds) return false;
  const expected = await signWebhook({ secret, id, timestamp: seconds, body });
  return signature.split(' ').some((candidate) => candidate.length === expected.length && diff(candidate, expected) === 0);
}

function diff(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return d;
}
