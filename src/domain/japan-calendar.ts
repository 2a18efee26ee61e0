/** The registry's days are Japan's (UTC+9, no daylight saving time). */
const JAPAN_OFFSET_MS = 9 * 3_600_000;

/** "2025-04-01T15:30:00Z" → "2025-04-02": the Japanese calendar day of an instant. */
export function japanDate(iso: string | null): string | null {
  if (!iso) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : new Date(time + JAPAN_OFFSET_MS).toISOString().slice(0, 10);
}

/** 2025-04-01 → 2025-04-01T00:00:00+09:00: the start of a Japanese calendar day (OB's dates are date-times). */
export const japanMidnight = (date: string) => `${date}T00:00:00+09:00`;
