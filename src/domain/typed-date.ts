/**
 * A calendar day as people in Japan type it, or as Japanese Excel writes a date cell into a CSV
 * file (the cell's display format): 2026-04-01, 2026/4/1, 2026.4.1, ２０２６－０４－０１,
 * 2026年4月1日, and in the Japanese era, 令和8年4月1日, 令和元年5月1日, R8.4.1, H31.4.30 (Excel's
 * 和暦 formats). Pure string work: runs on the Worker too.
 */
import { DASHES } from './identifiers.js';

/** Any hyphen or dash a Japanese input method or a PDF gives, a slash or a dot, between the numbers. */
const SEPARATOR = `(?:${DASHES}|[/.])`;
const WESTERN = new RegExp(`^(\\d{4})(?:${SEPARATOR}(\\d{1,2})${SEPARATOR}(\\d{1,2})|年(\\d{1,2})月(\\d{1,2})日)$`);
const ERA = new RegExp(`^(令和|平成|R|H)(元|\\d{1,2})(?:${SEPARATOR}(\\d{1,2})${SEPARATOR}(\\d{1,2})|年(\\d{1,2})月(\\d{1,2})日)$`, 'i');

/** Each era's year 1 in the Western calendar, and its first and last days (平成 ended 2019-04-30). */
const ERAS: Record<string, { offset: number; first: string; last: string }> = {
  令和: { offset: 2018, first: '2019-05-01', last: '9999-12-31' },
  r: { offset: 2018, first: '2019-05-01', last: '9999-12-31' },
  平成: { offset: 1988, first: '1989-01-08', last: '2019-04-30' },
  h: { offset: 1988, first: '1989-01-08', last: '2019-04-30' },
};

const iso = (year: string | number, month: string, day: string) => `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;

/**
 * The typed day as YYYY-MM-DD, or null when it is not in one of the shapes above (or names an era
 * day outside that era: 令和1年4月1日 was still 平成). Full-width digits and every kind of space
 * are read as a person means them (NFKC, spaces dropped). A shape that names no real day
 * (2025-02-30) comes back as is, for the rules that check dates to refuse by name.
 */
export function readTypedDate(typed: string): string | null {
  const text = typed.normalize('NFKC').replace(/\s+/g, '');
  const western = WESTERN.exec(text);
  if (western) return iso(western[1]!, western[2] ?? western[4]!, western[3] ?? western[5]!);
  const era = ERA.exec(text);
  if (!era) return null;
  const { offset, first, last } = ERAS[era[1]!.toLowerCase()]!;
  const date = iso(offset + (era[2] === '元' ? 1 : Number(era[2])), era[3] ?? era[5]!, era[4] ?? era[6]!);
  return date >= first && date <= last ? date : null;
}
