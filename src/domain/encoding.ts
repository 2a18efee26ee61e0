/**
 * Byte encodings (base58btc, base64, base64url, UTF-8, hex) and SHA-256, on Web APIs only (no
 * Buffer), so the same code runs on Node and Cloudflare Workers, in every layer.
 */

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE58_INDEX = new Map([...BASE58_ALPHABET].map((c, i) => [c, i]));

export function base58btcEncode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i]!;
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j]! << 8;
      digits[j] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = (carry / 58) | 0;
    }
  }
  return '1'.repeat(zeros) + digits.reverse().map((d) => BASE58_ALPHABET[d]).join('');
}

export function base58btcDecode(text: string): Uint8Array<ArrayBuffer> {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  const bytes: number[] = [];
  for (let i = zeros; i < text.length; i++) {
    const value = BASE58_INDEX.get(text[i]!);
    if (value === undefined) throw new TypeError(`Invalid base58btc character "${text[i]}".`);
    let carry = value;
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j]! * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  const out = new Uint8Array(zeros + bytes.length);
  out.set(bytes.reverse(), zeros);
  return out;
}

const codesOf = (alphabet: string) => Uint8Array.from(alphabet, (c) => c.charCodeAt(0));
const BASE64_CODES = codesOf('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE64URL_CODES = codesOf(BASE64URL_ALPHABET);
const PAD = 61; // "="
const asciiDecoder = new TextDecoder();

/**
 * Base64 by table into ASCII bytes, then one decode into text: ~10× faster than btoa over a binary
 * string built with String.fromCharCode(...bytes), which cost ~0.5 ms for 8 KB (an idempotent
 * answer stored on every POST with an Idempotency-Key).
 */
function encodeWith(codes: Uint8Array, bytes: Uint8Array, pad: boolean): string {
  const n = bytes.length;
  const rest = n % 3;
  const out = new Uint8Array(Math.floor(n / 3) * 4 + (rest === 0 ? 0 : pad ? 4 : rest + 1));
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const x = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = codes[x >> 18]!;
    out[o++] = codes[(x >> 12) & 63]!;
    out[o++] = codes[(x >> 6) & 63]!;
    out[o++] = codes[x & 63]!;
  }
  if (rest > 0) {
    const x = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    out[o++] = codes[x >> 18]!;
    out[o++] = codes[(x >> 12) & 63]!;
    if (rest === 2) out[o++] = codes[(x >> 6) & 63]!;
    else if (pad) out[o++] = PAD;
    if (pad) out[o++] = PAD;
  }
  return asciiDecoder.decode(out);
}

/** Standard base64, padded. */
export const base64Encode = (bytes: Uint8Array): string => encodeWith(BASE64_CODES, bytes, true);

/** Standard base64; throws on anything else. */
export function base64Decode(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Unpadded base64url. */
export const base64urlEncode = (bytes: Uint8Array): string => encodeWith(BASE64URL_CODES, bytes, false);

const BASE64URL_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64URL_ALPHABET.length; i++) BASE64URL_VALUE[BASE64URL_ALPHABET.charCodeAt(i)] = i;

/**
 * Unpadded base64url; throws on any other character. A table lookup per character: JWT payloads
 * of ~10 KB are decoded on every verification, and atob after two replaces cost several times more.
 */
export function base64urlDecode(text: string): Uint8Array<ArrayBuffer> {
  const length = text.length;
  if (length % 4 === 1) throw new TypeError('Invalid base64url encoding.');
  const out = new Uint8Array((length * 3) >> 2);
  const full = length - (length % 4);
  // Validity is checked once at the end: any code ≥ 128 sets a high bit of `codes`, any character
  // outside the alphabet makes `values` negative.
  let codes = 0;
  let values = 0;
  let o = 0;
  for (let i = 0; i < full; i += 4) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = text.charCodeAt(i + 2);
    const c3 = text.charCodeAt(i + 3);
    codes |= c0 | c1 | c2 | c3;
    const v0 = BASE64URL_VALUE[c0 & 127]!;
    const v1 = BASE64URL_VALUE[c1 & 127]!;
    const v2 = BASE64URL_VALUE[c2 & 127]!;
    const v3 = BASE64URL_VALUE[c3 & 127]!;
    values |= v0 | v1 | v2 | v3;
    const n = (v0 << 18) | (v1 << 12) | (v2 << 6) | v3;
    out[o++] = n >> 16;
    out[o++] = n >> 8;
    out[o++] = n;
  }
  if (length > full) {
    const c0 = text.charCodeAt(full);
    const c1 = text.charCodeAt(full + 1);
    const c2 = length - full === 3 ? text.charCodeAt(full + 2) : 65; // 'A': zero bits
    codes |= c0 | c1 | c2;
    const v0 = BASE64URL_VALUE[c0 & 127]!;
    const v1 = BASE64URL_VALUE[c1 & 127]!;
    const v2 = BASE64URL_VALUE[c2 & 127]!;
    values |= v0 | v1 | v2;
    const n = (v0 << 18) | (v1 << 12) | (v2 << 6);
    out[o++] = n >> 16;
    if (length - full === 3) out[o++] = n >> 8;
  }
  if (codes > 127 || values < 0) throw new TypeError('Invalid base64url encoding.');
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });
export const utf8 = {
  encode: (text: string): Uint8Array<ArrayBuffer> => encoder.encode(text),
  decode: (bytes: Uint8Array): string => decoder.decode(bytes),
};

/**
 * The two decodings on every request's path: a JSON body's bytes and a JWS part, to text. These
 * Web API versions run everywhere; a runtime with faster native ones puts them in place once at
 * start (Node: src/adapters/node/text-decoders.ts; for a 10 KB vc+jwt payload base64url ~7× and
 * UTF-8 ~2× faster). Any replacement must answer exactly as these do, throwing where they throw.
 */
export const textDecoders = {
  /** UTF-8 bytes to text; throws on bytes that are not UTF-8; a leading BOM is dropped. */
  utf8Strict: (bytes: Uint8Array): string => strictDecoder.decode(bytes),
  /** Unpadded base64url of UTF-8 text; throws on a character outside base64url; invalid UTF-8 becomes U+FFFD. */
  base64urlToText: (text: string): string => decoder.decode(base64urlDecode(text)),
};

/**
 * FNV-1a (32 bits) over UTF-16 units: a cheap fingerprint of a long string, for counting how
 * often inputs come back (a collision only makes two inputs count as one). Not a digest.
 */
export function fingerprint32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Bytes as lower-case hex. */
export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * SHA-256 of bytes or of UTF-8 text, as bytes or hex, by Web Crypto (Node and Workers alike). Node
 * puts node:crypto's hash in place once at start (src/adapters/node/digests.ts): Web Crypto's
 * digest is a round trip through the thread pool: ~15 µs of CPU per digest in a loop against
 * ~1 µs, and every authenticated request hashes its token (4 % of a publication's profile). A
 * replacement must give the same digest for the same input (text as UTF-8, a lone surrogate as U+FFFD).
 */
export const digests = {
  sha256: async (data: Uint8Array<ArrayBuffer> | string): Promise<Uint8Array> => {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  },
  sha256Hex: async (data: Uint8Array<ArrayBuffer> | string): Promise<string> => toHex(await digests.sha256(data)),
};

/** SHA-256 of bytes or of UTF-8 text, as hex (see digests). */
export const sha256Hex = (data: Uint8Array<ArrayBuffer> | string): Promise<string> => digests.sha256Hex(data);
