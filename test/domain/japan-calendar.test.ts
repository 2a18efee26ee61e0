import { describe, expect, it } from 'vitest';
import { japanDate, japanDayBounds } from '../../src/domain/japan-calendar.js';

describe('a day in Japan as the instants that bound it', () => {
  it('starts at midnight in Japan (15:00 the day before in UTC) and ends at the next day’s', () => {
    expect(japanDayBounds('2025-04-01')).toEqual({ start: '2025-03-31T15:00:00.000Z', end: '2025-04-01T15:00:00.000Z' });
    // The last day of a leap February and of a year.
    expect(japanDayBounds('2024-02-29')).toEqual({ start: '2024-02-28T15:00:00.000Z', end: '2024-02-29T15:00:00.000Z' });
    expect(japanDayBounds('2025-12-31')?.end).toBe('2025-12-31T15:00:00.000Z');
  });

  it('an instant inside the bounds is that day in Japan, the end is the next day', () => {
    const { start, end } = japanDayBounds('2025-04-01')!;
    expect(japanDate(start)).toBe('2025-04-01');
    expect(japanDate(new Date(Date.parse(end) - 1).toISOString())).toBe('2025-04-01');
    expect(japanDate(end)).toBe('2025-04-02');
  });

  it.each(['2025-02-29', '2025-04-31', '2025-13-01', '2025-4-1', '0999-01-01', '2025-04-01T00:00:00Z', ''])('%j is not a day', (text) => {
    expect(japanDayBounds(text)).toBeNull();
  });
});

describe('the Japanese day of an instant', () => {
  /** What japanDate gave when it parsed every time (before the day's two answers were kept). */
  const parsedEachTime = (iso: string) => {
    const time = Date.parse(iso);
    return Number.isNaN(time) ? null : new Date(time + 9 * 3_600_000).toISOString().slice(0, 10);
  };

  it.each([
    '2025-04-01T14:59:59.999Z', '2025-04-01T15:00:00.000Z', '2025-04-01T00:00:00Z', '2025-04-01T23:59:59Z',
    '2024-02-28T15:00:00.000Z', '2024-02-29T14:59:59.999Z', '2024-02-29T15:00:00.000Z', '2025-12-31T15:00:00.000Z',
    '2025-12-31T08:30:00.5Z', '2025-02-29T10:00:00.000Z', '2025-02-30T16:00:00.000Z', '2025-13-01T10:00:00.000Z',
    '2025-04-01T24:00:00.000Z', '2025-04-01T24:30:00.000Z', '2025-04-01T15:60:00.000Z', '2025-04-01T15:30:00+09:00',
    '2025-04-01T15:30:00', '2025-04-01', '+002025-04-01T15:00:00.000Z', 'not a date',
  ])('%s is the day it was when parsed each time', (iso) => {
    // Twice: the second answer comes from the day's kept answers.
    expect(japanDate(iso)).toBe(parsedEachTime(iso));
    expect(japanDate(iso)).toBe(parsedEachTime(iso));
  });

  it('is null without an instant', () => {
    expect(japanDate(null)).toBeNull();
    expect(japanDate('')).toBeNull();
  });
});
