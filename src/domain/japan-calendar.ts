/** The registry's days are Japan's (UTC+9, no daylight saving time). */
export const JAPAN_OFFSET_MS = 9 * 3_600_000;
export const DAY_MS = 86_400_000;

function japanDateParsed(iso: string): string | null {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : new Date(time + JAPAN_OFFSET_MS).toISOString().slice(0, 10);
}

/** A UTC time as the registry writes it (toISOString): its day, and its hour before or from 15:00. */
const UTC_TIME = /^(\d{4}-\d{2}-\d{2})T(?:([01]\d|2[0-3])):[0-5]\d:[0-5]\d(?:\.\d{1,3})?Z$/;
/** A UTC day's two Japanese days: before 15:00 UTC its own, from 15:00 the next. */
const japanDaysOf = new Map<string, readonly [string | null, string | null]>();

/**
 * "2025-04-01T15:30:00Z" → "2025-04-02": the Japanese calendar day of an instant. A UTC time's
 * Japanese day depends only on its day and whether its hour is before 15, so those are parsed
 * once a day: an open data file calls this twice a row (90,000 rows at 100,000 organizations),
 * and parsing and formatting a Date each time was ~5 % of the file's CPU.
 */
export function japanDate(iso: string | null): string | null {
  if (!iso) return null;
  const utc = UTC_TIME.exec(iso);
  if (!utc) return japanDateParsed(iso);
  const day = utc[1]!;
  let days = japanDaysOf.get(day);
  if (!days) {
    if (japanDaysOf.size >= 20_000) japanDaysOf.clear();
    days = [japanDateParsed(`${day}T00:00:00Z`), japanDateParsed(`${day}T15:00:00Z`)];
    japanDaysOf.set(day, days);
  }
  return days[utc[2]! < '15' ? 0 : 1];
}

/** 2025-04-01 → 2025-04-01T00:00:00+09:00: the start of a Japanese calendar day (OB's dates are date-times). */
export const japanMidnight = (date: string) => `${date}T00:00:00+09:00`;

/**
 * A Japanese calendar day ("2025-04-01") as the instants that bound it: `start` its midnight in
 * Japan, `end` the next day's (exclusive), both UTC ISO strings; null when it is not a real date.
 */
export function japanDayBounds(date: string): { start: string; end: string } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return null;
  const start = utc.getTime() - JAPAN_OFFSET_MS;
  return { start: new Date(start).toISOString(), end: new Date(start + DAY_MS).toISOString() };
}

/** The last instant of a Japanese calendar day: 2026-04-01 → 2026-04-01T14:59:59.999Z (23:59:59.999 JST). */
export const japanDayEnd = (date: string): Date => new Date(Date.parse(japanMidnight(date)) + DAY_MS - 1);

/**
 * A calendar date ("2025-04-01") `months` months on; a month without that day gives its last day,
 * as 民法143条 ends such a period: 2024-02-29 + 12 months → 2025-02-28, 2025-01-31 + 1 → 2025-02-28.
 */
export function addCalendarMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return first.toISOString().slice(0, 10);
}

/** Whole days in Japan from the day of `from` to the day of `to` (the same day: 0), as a calendar counts 「残り○日」. */
export const japanDaysBetween = (from: Date, to: Date): number =>
  Math.round((Date.parse(japanDate(to.toISOString())!) - Date.parse(japanDate(from.toISOString())!)) / DAY_MS);
