import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64urlEncode, textDecoders } from '../../src/domain/encoding.js';
import { nodeTextDecoders } from '../../src/adapters/node/text-decoders.js';

/** The same answer, or both throw. */
function outcome(decode: () => string): { text: string } | { threw: true } {
  try {
    return { text: decode() };
  } catch {
    return { threw: true };
  }
}

const bytes = fc.uint8Array({ maxLength: 64 });
/** Valid base64url, then with one character replaced by something Buffer would skip or accept. */
const base64urlLike = fc.oneof(
  bytes.map((b) => base64urlEncode(b)),
  fc.tuple(bytes, fc.nat(), fc.constantFrom('+', '/', '=', ' ', '\n', '.', 'あ', '😀', '%', '\u0000')).map(([b, at, c]) => {
    const text = base64urlEncode(b);
    const i = text.length === 0 ? 0 : at % text.length;
    return text.slice(0, i) + c + text.slice(i + 1);
  }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

describe('Node text decoders answer as the Web API versions do', () => {
  it('base64url to text: same text, or both refuse (lenient Buffer input never gets through)', () => {
    fc.assert(
      fc.property(base64urlLike, (text) => {
        expect(outcome(() => nodeTextDecoders.base64urlToText(text))).toEqual(outcome(() => textDecoders.base64urlToText(text)));
      }),
      { numRuns: 3000 },
    );
  });

  it('UTF-8 bytes to text: same text (a leading BOM dropped), or both refuse invalid UTF-8', () => {
    const utf8ish = fc.oneof(
      fc.string({ unit: 'grapheme' }).map((s) => new TextEncoder().encode(s)),
      fc.string().map((s) => new TextEncoder().encode(`\uFEFF${s}`)),
      bytes,
    );
    fc.assert(
      fc.property(utf8ish, (b) => {
        expect(outcome(() => nodeTextDecoders.utf8Strict(b))).toEqual(outcome(() => textDecoders.utf8Strict(b)));
      }),
      { numRuns: 3000 },
    );
  });

  it('decodes a Japanese vc+jwt payload, refuses one with a "+" in it, and drops a BOM', () => {
    const payload = base64urlEncode(new TextEncoder().encode(JSON.stringify({ name: '株式会社テレワーク' })));
    expect(JSON.parse(nodeTextDecoders.base64urlToText(payload))).toEqual({ name: '株式会社テレワーク' });
    expect(() => nodeTextDecoders.base64urlToText(`${payload.slice(0, 4)}+${payload.slice(5)}`)).toThrow();
    expect(nodeTextDecoders.utf8Strict(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe('{}');
    expect(() => nodeTextDecoders.utf8Strict(new Uint8Array([0x7b, 0xff, 0x7d]))).toThrow();
    const ascii = Uint8Array.from({ length: 128 * 100 }, (_, i) => i % 128); // every ASCII byte, as a vc+jwt body is
    expect(nodeTextDecoders.utf8Strict(ascii)).toBe(textDecoders.utf8Strict(ascii));
    const long = `{"a":"${'é株😀x'.repeat(8000)}"}`; // beyond the first buffer, with 2-, 3- and 4-byte characters
    expect(nodeTextDecoders.utf8Strict(new TextEncoder().encode(long))).toBe(long);
  });
});
