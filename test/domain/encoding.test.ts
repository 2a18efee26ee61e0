import { describe, expect, it } from 'vitest';
import { base64urlDecode, base64urlEncode } from '../../src/domain/encoding.js';

describe('base64url', () => {
  it('decodes what Node encodes, at every length of the last group', () => {
    for (let length = 0; length < 64; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + length * 31) & 0xff);
      const text = Buffer.from(bytes).toString('base64url');
      expect(base64urlDecode(text)).toEqual(bytes);
      expect(base64urlEncode(bytes)).toBe(text);
    }
  });

  it('refuses other alphabets, padding, non-ASCII and impossible lengths', () => {
    for (const bad of ['ab+c', 'ab/c', 'YQ==', 'あいうえ', 'abcde', 'ab c']) {
      expect(() => base64urlDecode(bad), bad).toThrow(TypeError);
    }
  });
});
