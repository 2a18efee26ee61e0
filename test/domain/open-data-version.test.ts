import { describe, expect, it } from 'vitest';
import { dataVersionOf } from '../../src/domain/open-data-version.js';

const row = (id: string, ...times: (string | null)[]) => ({ ids: [id, `cred-${id}`], times });

describe('dataVersionOf', () => {
  it('is the newest public time and a digest that changes with any stamp, and only with one', async () => {
    const stamps = [row('a', '2026-01-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'), row('b', '2026-02-01T00:00:00.000Z', null)];
    const version = await dataVersionOf(stamps);
    expect(version.at).toBe('2026-03-01T00:00:00.000Z');
    expect(version.tag).toMatch(/^[0-9a-f]{32}$/);
    expect(await dataVersionOf(stamps.map((s) => ({ ...s })))).toEqual(version);
    expect((await dataVersionOf([stamps[0]!])).tag).not.toBe(version.tag);
    expect((await dataVersionOf([stamps[0]!, { ...stamps[1]!, ids: ['b', 'cred-new'] }])).tag).not.toBe(version.tag);
    expect(await dataVersionOf([])).toEqual({ tag: expect.any(String), at: null });
  });
});
