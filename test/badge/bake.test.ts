import { crc32 as zlibCrc32 } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { badgeSvg } from '../../src/adapters/badge/badge-svg.js';
import { bakePng, bakeSvg, extractFromPng, extractFromSvg, OB3_NAMESPACE } from '../../src/adapters/badge/bake.js';
import { crc32, parseChunks } from '../../src/adapters/badge/png.js';
import { renderPng } from '../../src/adapters/badge/render-png.js';
import { qrPng } from '../../src/adapters/qr/qr.js';
import { declarationInput, HOSTILE, VERIFY_URL } from './fixtures.js';

const JSON_CREDENTIAL = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'https://registry.telework.example.jp/credentials/01973a2c-5f1e-7b3a-9c4d-2e8f6a1b0c9d',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: '地方創生テレワーク 自己宣言',
  credentialSubject: { type: ['AchievementSubject'], name: HOSTILE, note: 'a]]>b ]]]]> ]]' },
  proof: [{ type: 'DataIntegrityProof', proofValue: 'z58DAdFfa9SkqZMVPxAQp' }],
};
const JWT = 'eyJhbGciOiJFZERTQSIsImtpZCI6ImtleS0xIn0.eyJ2YyI6eyJuYW1lIjoi5a6j6KiAIn19.c2lnbmF0dXJlLWJ5dGVz_-';

const svg = () => badgeSvg(declarationInput());
const pngOf = () => qrPng(VERIFY_URL, { scale: 2 });

describe('Open Badges 3.0 baking: SVG', () => {
  it('round-trips a JSON-LD credential in CDATA right after the <svg> tag', () => {
    const baked = bakeSvg(svg(), JSON_CREDENTIAL);
    expect(baked).toMatch(/^<svg [^>]*xmlns:openbadges="https:\/\/purl\.imsglobal\.org\/ob\/v3p0"[^>]*><openbadges:credential><!\[CDATA\[\{/);
    expect(baked).not.toContain('verify=');
    expect(extractFromSvg(baked)).toEqual(JSON_CREDENTIAL);
  });

  it('round-trips a VC-JWT in the verify attribute', () => {
    const baked = bakeSvg(svg(), JWT);
    expect(baked).toContain(`<openbadges:credential verify="${JWT}"></openbadges:credential>`);
    expect(extractFromSvg(baked)).toBe(JWT);
  });

  it('keeps "]]>" and markup inside the credential inert: one CDATA section, still renderable', async () => {
    const baked = bakeSvg(svg(), JSON_CREDENTIAL);
    expect(baked.split(']]>').length - 1).toBe(1); // only the real end of the CDATA section
    expect(baked).not.toMatch(/<script/i);
    expect(baked.slice(baked.indexOf('</openbadges:credential>'))).not.toContain('alert');
    await expect(renderPng(baked, { width: 200 })).resolves.toBeInstanceOf(Uint8Array); // still well-formed
  });

  it('replaces an existing baked credential instead of adding a second one', () => {
    const twice = bakeSvg(bakeSvg(svg(), JSON_CREDENTIAL), JWT);
    expect(twice.match(/<openbadges:credential/g)).toHaveLength(1);
    expect(twice.match(/xmlns:openbadges=/g)).toHaveLength(1);
    expect(extractFromSvg(twice)).toBe(JWT);
  });

  it("reads other bakers' forms: another prefix, entity-escaped JSON, an XML declaration", () => {
    const json = JSON.stringify({ id: 'urn:x', name: 'a<b' });
    const foreign = `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:ob="${OB3_NAMESPACE}" viewBox="0 0 1 1">\n  <ob:credential>\n    ${json.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')}\n  </ob:credential></svg>`;
    expect(extractFromSvg(foreign)).toEqual({ id: 'urn:x', name: 'a<b' });
  });

  it('returns null for SVGs without a usable credential', () => {
    expect(extractFromSvg(svg())).toBeNull();
    expect(extractFromSvg('')).toBeNull();
    expect(extractFromSvg('<svg><openbadges:credential>not json</openbadges:credential></svg>')).toBeNull();
    expect(extractFromSvg('<svg><openbadges:credential><![CDATA[[1,2]]]></openbadges:credential></svg>')).toBeNull();
    expect(extractFromSvg('<svg><openbadges:credential verify="<script>"/></svg>')).toBeNull();
    expect(extractFromSvg(42 as unknown as string)).toBeNull();
    const t = performance.now();
    expect(extractFromSvg(`<svg>${'<openbadges:credential>'.repeat(50_000)}</svg>`)).toBeNull(); // unclosed
    expect(performance.now() - t).toBeLessThan(500);
  });

  it('refuses to bake something that is neither a credential object nor a compact JWS', () => {
    expect(() => bakeSvg(svg(), '"><script>alert(1)</script>')).toThrow(TypeError);
    expect(() => bakeSvg('<html></html>', JSON_CREDENTIAL)).toThrow(TypeError);
  });
});

describe('Open Badges 3.0 baking: PNG', () => {
  it('round-trips a JSON-LD credential and a VC-JWT through an iTXt chunk before IEND', async () => {
    for (const credential of [JSON_CREDENTIAL, JWT]) {
      const baked = bakePng(await pngOf(), credential);
      expect(extractFromPng(baked)).toEqual(credential);
      const chunks = parseChunks(baked)!;
      const itxt = chunks.filter((c) => c.type === 'iTXt');
      expect(itxt).toHaveLength(1);
      expect(chunks[chunks.length - 2]!.type).toBe('iTXt');
      const text = new TextDecoder().decode(itxt[0]!.data);
      expect(text.startsWith('openbadgecredential\0\0\0\0\0')).toBe(true); // keyword, uncompressed, no language
    }
  });

  it('still decodes as a valid PNG (pngjs checks every CRC) and keeps its pixels', async () => {
    const original = await pngOf();
    const baked = bakePng(original, JSON_CREDENTIAL);
    const a = PNG.sync.read(Buffer.from(original));
    const b = PNG.sync.read(Buffer.from(baked), { checkCRC: true } as never);
    expect(b.width).toBe(a.width);
    expect(Buffer.compare(a.data, b.data)).toBe(0);
  });

  it('writes CRCs that match zlib', () => {
    const samples = [new Uint8Array(0), new TextEncoder().encode('IEND'), crypto.getRandomValues(new Uint8Array(4096))];
    for (const bytes of samples) expect(crc32(bytes)).toBe(zlibCrc32(bytes));
  });

  it('replaces an existing credential chunk when baked twice', async () => {
    const twice = bakePng(bakePng(await pngOf(), JSON_CREDENTIAL), JWT);
    expect(parseChunks(twice)!.filter((c) => c.type === 'iTXt')).toHaveLength(1);
    expect(extractFromPng(twice)).toBe(JWT);
  });

  it('returns null, without throwing, for malformed or unbaked PNGs', async () => {
    const baked = bakePng(await pngOf(), JSON_CREDENTIAL);
    const corruptCrc = baked.slice();
    corruptCrc[baked.length - 20] = baked[baked.length - 20]! ^ 0xff; // inside the iTXt chunk
    const compressed = bakePng(await pngOf(), JWT);
    const flagAt = findBytes(compressed, new TextEncoder().encode('openbadgecredential\0')) + 20;
    compressed[flagAt] = 1;
    for (const bad of [
      new Uint8Array(0),
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      crypto.getRandomValues(new Uint8Array(1000)),
      baked.subarray(0, baked.length - 30), // truncated
      corruptCrc,
      await pngOf(), // valid but not baked
      new TextEncoder().encode(bakeSvg(badgeSvg(declarationInput()), JWT)), // an SVG, not a PNG
      null as unknown as Uint8Array,
    ]) {
      expect(extractFromPng(bad)).toBeNull();
    }
    expect(extractFromPng(fixCrcs(compressed))).toBeNull(); // compression is forbidden by the spec
    expect(() => bakePng(new Uint8Array(10), JWT)).toThrow(TypeError);
  });
});

function findBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Recomputes every chunk CRC, so a deliberately edited chunk is judged on its content alone. */
function fixCrcs(png: Uint8Array): Uint8Array {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let offset = 8; offset + 12 <= png.length; ) {
    const length = view.getUint32(offset);
    view.setUint32(offset + 8 + length, crc32(png.subarray(offset + 4, offset + 8 + length)));
    offset += 12 + length;
  }
  return png;
}
