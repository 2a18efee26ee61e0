import { describe, expect, it } from 'vitest';
import { dataVersionOf } from '../../src/domain/open-data-version.js';

describe('dataVersionOf', () => {
  it('is the newest public time and a digest that changes with any count, sum or time, and only with one', async () => {
    const summary = { checksum: [2, 1000, 2000, 1, 500], newest: ['2026-01-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', null] };
    const version = await dataVersionOf(summary);
    expect(version.at).toBe('2026-03-01T00:00:00.000Z');
    expect(version.tag).toMatch(/^[0-9a-f]{32}$/);
    expect(await dataVersionOf({ checksum: [...summary.checksum], newest: [...summary.newest] })).toEqual(version);
    expect((await dataVersionOf({ ...summary, checksum: [2, 1001, 2000, 1, 500] })).tag).not.toBe(version.tag);
    expect((await dataVersionOf({ ...summary, checksum: [3, 1000, 2000, 1, 500] })).tag).not.toBe(version.tag);
    expect((await dataVersionOf({ checksum: [0, null], newest: [null] })).at).toBeNull();
  });
});
