// Minimal PNG plumbing shared by badge baking and the QR encoder. Uint8Array/DataView only
// (no Buffer, no zlib) so it runs unchanged on Node and on Cloudflare Workers.

export const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as PNG requires) over the given bytes. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface PngChunk {
  type: string;
  data: Uint8Array;
}

/** One chunk as bytes: length, type, data, CRC over type + data. */
export function encodeChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * Splits a PNG into its chunks, or returns null when it is not a well-formed PNG (bad
 * signature, truncated chunk, wrong CRC, missing IHDR/IEND). Uploaded images are untrusted,
 * so this never throws.
 */
export function parseChunks(png: Uint8Array): PngChunk[] | null {
  if (png.length < PNG_SIGNATURE.length + 12) return null;
  for (let i = 0; i < PNG_SIGNATURE.length; i++) if (png[i] !== PNG_SIGNATURE[i]) return null;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: PngChunk[] = [];
  let offset = PNG_SIGNATURE.length;
  while (offset + 12 <= png.length) {
    const length = view.getUint32(offset);
    const end = offset + 12 + length;
    if (length > 0x7fffffff || end > png.length) return null;
    const typeBytes = png.subarray(offset + 4, offset + 8);
    if (!typeBytes.every((b) => (b >= 65 && b <= 90) || (b >= 97 && b <= 122))) return null;
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) !== view.getUint32(offset + 8 + length)) {
      return null;
    }
    const type = String.fromCharCode(...typeBytes);
    chunks.push({ type, data: png.subarray(offset + 8, offset + 8 + length) });
    offset = end;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR' || chunks[chunks.length - 1]?.type !== 'IEND') return null;
  return chunks;
}

/** Reassembles chunks into a PNG file. */
export function assemblePng(chunks: PngChunk[]): Uint8Array {
  const encoded = chunks.map((c) => encodeChunk(c.type, c.data));
  const out = new Uint8Array(PNG_SIGNATURE.length + encoded.reduce((n, c) => n + c.length, 0));
  out.set(PNG_SIGNATURE, 0);
  let offset = PNG_SIGNATURE.length;
  for (const c of encoded) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** zlib-deflates bytes with the Web Streams CompressionStream (global on Node 18+ and Workers). */
async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  // Copy: TS's BlobPart wants an ArrayBuffer-backed view, `bytes` may view a SharedArrayBuffer.
  const stream = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Encodes an 8-bit greyscale image (one byte per pixel, row-major) as a PNG. */
export async function encodeGreyPng(width: number, height: number, pixels: Uint8Array): Promise<Uint8Array> {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 0, 0, 0, 0], 8); // bit depth 8, colour type 0 (grey), deflate, filter 0, no interlace
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter type None: QR images compress well without filtering
    raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  }
  return assemblePng([
    { type: 'IHDR', data: ihdr },
    { type: 'IDAT', data: await deflate(raw) },
    { type: 'IEND', data: new Uint8Array(0) },
  ]);
}
