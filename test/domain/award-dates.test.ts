/** An award's day is a Japanese calendar day: recorded at 01:00 in Japan (16:00 UTC the day before), it is awarded "today" in Japan. */
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
