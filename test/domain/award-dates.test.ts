/** An award's day is a Japanese calendar day: recorded at 01:00 in Japan (16:00 UTC the day before), it is awarded "today" in Japan. */
import { newestAwardsFirst } from '../../src/domain/awards/labels.js';
import { describe, expect, it } from 'vitest';
import { newAward } from '../../src/domain/services/awards.js';
import { japanDate, japanMidnight } from '../../src/domain/japan-calendar.js';

describe('award dates in Japan time', () => {
  it('defaults awardedOn to the day in Japan, not in UTC', () => {
    const input = { organizationId: 'o', fiscalYear: 2026, category: 'minister' };
    expect(newAward(input, { id: 'a', now: '2026-12-03T16:00:00.000Z' }).awardedOn).toBe('2026-12-04');
    expect(newAward(input, { id: 'a', now: '2026-12-03T14:59:59.000Z' }).awardedOn).toBe('2026-12-03');
  });

  it('starts the award credential’s validity at midnight in Japan, which has passed when it is recorded', () => {
    expect(japanMidnight('2026-12-04')).toBe('2026-12-04T00:00:00+09:00');
    expect(Date.parse(japanMidnight(japanDate('2026-12-03T16:00:00Z')!))).toBeLessThanOrEqual(Date.parse('2026-12-03T16:00:00Z'));
  });
});

describe('an organization’s awards as its pages list them', () => {
  it('the latest fiscal year first, whatever order they were recorded in; within a year the latest award first', () => {
    const recorded = [
      { id: 'a', fiscalYear: 2025, awardedOn: '2026-01-20' },
      { id: 'b', fiscalYear: 2019, awardedOn: '2020-02-01' },
      { id: 'c', fiscalYear: 2026, awardedOn: '2026-11-05' },
      { id: 'd', fiscalYear: 2025, awardedOn: '2026-03-01' },
    ];
    expect(newestAwardsFirst(recorded).map((a) => a.id)).toEqual(['c', 'd', 'a', 'b']);
    expect(recorded.map((a) => a.id)).toEqual(['a', 'b', 'c', 'd']); // a copy: the caller's list is left alone
  });
});
