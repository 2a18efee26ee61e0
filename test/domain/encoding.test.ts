import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, base64urlDecode, base64urlEncode, fingerprint32 } from '../../src/domain/encoding.js';

describe('base64url', () => {
  it('decodes what Node encodes, at every length of the last group', () => {
    for (let length = 0; length < 64; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + length * 31) & 0xff);
      const text = Buffer.from(bytes).toString('base64url');
      expect(base64urlDecode(text)).toEqual(bytes);
      expect(base64urlEncode(bytes)).toBe(text);
    }
  });

  it('encodes and decodes standard base64 as Node does, padding included, up to 40 KB', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 255, 256, 40_000, 40_001, 40_002]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 193 + length) & 0xff);
      const text = Buffer.from(bytes).toString('base64');
      expect(base64Encode(bytes)).toBe(text);
      expect(base64Decode(text)).toEqual(bytes);
    }
  });

  it('refuses other alphabets, padding, non-ASCII and impossible lengths', () => {
    for (const bad of ['ab+c', 'ab/c', 'YQ==', 'あいうえ', 'abcde', 'ab c']) {
      expect(() => base64urlDecode(bad), bad).toThrow(TypeError);
    }
  });
});

describe('fingerprint32', () => {
  it('is FNV-1a over UTF-16 units (published test vectors for ASCII) and tells near strings apart', () => {
    expect(fingerprint32('')).toBe(0x811c9dc5);
    expect(fingerprint32('a')).toBe(0xe40c292c);
    expect(fingerprint32('foobar')).toBe(0xbf9cf968);
    expect(fingerprint32('地方創生テレワーク')).not.toBe(fingerprint32('地方創生テレワーク '));
  });
});
