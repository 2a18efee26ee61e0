import { describe, expect, it } from 'vitest';
import { STATUS_LIST_LENGTH, decodeStatusList, encodeStatusList } from '../../src/adapters/crypto/status-list.js';
import { base64urlDecode } from '../../src/domain/encoding.js';

describe('Bitstring Status List', () => {
  it('round-trips 131,072 entries with the given bits set', async () => {
    const set = [0, 1, 7, 8, 4242, 65_535, STATUS_LIST_LENGTH - 1];
    const encoded = await encodeStatusList(set, STATUS_LIST_LENGTH);
    expect(encoded.startsWith('u')).toBe(true);
    const bits = await decodeStatusList(encoded);
    expect(bits.length).toBe(STATUS_LIST_LENGTH);
    for (let i = 0; i < STATUS_LIST_LENGTH; i++) {
      if (bits.isSet(i) !== set.includes(i)) throw new Error(`bit ${i} wrong`);
    }
  });

  it('puts index 0 in the most significant bit of the first byte (gzip inside)', async () => {
    const encoded = await encodeStatusList([0, 9]);
    const gz = base64urlDecode(encoded.slice(1));
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);
    const raw = new Uint8Array(
      await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer(),
    );
    expect([raw[0], raw[1], raw[2]]).toEqual([0x80, 0x40, 0x00]);
  });

  it('rejects short lists and out-of-range indexes', async () => {
    await expect(encodeStatusList([], 1024)).rejects.toThrow(RangeError);
    await expect(encodeStatusList([STATUS_LIST_LENGTH])).rejects.toThrow(RangeError);
    const bits = await decodeStatusList(await encodeStatusList([]));
    expect(() => bits.isSet(-1)).toThrow(RangeError);
    await expect(decodeStatusList('zabc')).rejects.toThrow(/base64url/);
  });
});
