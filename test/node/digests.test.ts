import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digests, toHex } from '../../src/domain/encoding.js';
import { nodeDigests } from '../../src/adapters/node/digests.js';

const web = { ...digests };

describe('the Node SHA-256 answers as the Web Crypto version does', () => {
  it('for text (as UTF-8, lone surrogates included) and for bytes', async () => {
    expect(await nodeDigests.sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(await web.sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.uint8Array({ maxLength: 200 })), async (data) => {
        const input = typeof data === 'string' ? data : new Uint8Array(data);
        expect(await nodeDigests.sha256Hex(input)).toBe(await web.sha256Hex(input));
        expect(await nodeDigests.sha256(input)).toEqual(await web.sha256(input));
      }),
      { numRuns: 2000 },
    );
  });
});
