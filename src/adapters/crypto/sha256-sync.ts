/**
 * SHA-256 of a string's UTF-8 bytes, synchronously, in plain JavaScript (FIPS 180-4).
 *
 * Why not crypto.subtle.digest: RDF canonicalization hashes every blank node of a document (a
 * dozen or more small inputs per credential) and Web Crypto is asynchronous; on Node each digest
 * is a thread-pool round trip that costs more CPU than hashing a few hundred bytes here. Only for
 * hashes whose value is public (canonical blank-node labels), never for secrets.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const encoder = new TextEncoder();
const W = new Int32Array(64);
const H = new Int32Array(8);
/** Reused input buffer (grown when needed): hashing allocates nothing per call for small inputs. */
let buffer = new Uint8Array(4096);

function compress(bytes: Uint8Array, blocks: number) {
  let h0 = 0x6a09e667 | 0, h1 = 0xbb67ae85 | 0, h2 = 0x3c6ef372 | 0, h3 = 0xa54ff53a | 0;
  let h4 = 0x510e527f | 0, h5 = 0x9b05688c | 0, h6 = 0x1f83d9ab | 0, h7 = 0x5be0cd19 | 0;
  for (let block = 0; block < blocks; block++) {
    const o = block * 64;
    for (let t = 0; t < 16; t++) {
      const p = o + t * 4;
      W[t] = (bytes[p]! << 24) | (bytes[p + 1]! << 16) | (bytes[p + 2]! << 8) | bytes[p + 3]!;
    }
    for (let t = 16; t < 64; t++) {
      const w15 = W[t - 15]!, w2 = W[t - 2]!;
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      W[t] = (W[t - 16]! + s0 + W[t - 7]! + s1) | 0;
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[t]! + W[t]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
  }
  H[0] = h0; H[1] = h1; H[2] = h2; H[3] = h3; H[4] = h4; H[5] = h5; H[6] = h6; H[7] = h7;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex SHA-256 of the UTF-8 encoding of `text` (lone surrogates become U+FFFD, as TextEncoder does). */
export function sha256HexSync(text: string): string {
  // UTF-8 takes at most 3 bytes per UTF-16 unit; room for the padding (1 + 8 bytes, up to a block).
  const room = text.length * 3 + 72;
  if (buffer.length < room) buffer = new Uint8Array(Math.max(room, buffer.length * 2));
  const { written } = encoder.encodeInto(text, buffer);
  const length = written;
  const blocks = Math.ceil((length + 9) / 64);
  const end = blocks * 64;
  buffer[length] = 0x80;
  buffer.fill(0, length + 1, end - 8);
  // The length in bits as a 64-bit big-endian integer.
  const bits = length * 8;
  const high = Math.floor(bits / 0x100000000);
  const low = bits >>> 0;
  buffer[end - 8] = high >>> 24;
  buffer[end - 7] = (high >>> 16) & 0xff;
  buffer[end - 6] = (high >>> 8) & 0xff;
  buffer[end - 5] = high & 0xff;
  buffer[end - 4] = low >>> 24;
  buffer[end - 3] = (low >>> 16) & 0xff;
  buffer[end - 2] = (low >>> 8) & 0xff;
  buffer[end - 1] = low & 0xff;
  compress(buffer, blocks);
  let hex = '';
  for (let i = 0; i < 8; i++) {
    const word = H[i]!;
    hex += HEX[word >>> 24]! + HEX[(word >>> 16) & 0xff]! + HEX[(word >>> 8) & 0xff]! + HEX[word & 0xff]!;
  }
  // A large one-off input should not pin its buffer for the life of the process.
  if (buffer.length > 1 << 20) buffer = new Uint8Array(4096);
  return hex;
}
