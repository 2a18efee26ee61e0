// Dates as people in Japan read them. Times are shown in JST (UTC+9, no daylight saving), computed
// by hand so the output is the same on every runtime whatever its time-zone data.
import { formatFiscalYearEn, formatFiscalYearJa } from '../../domain/fiscal-year.js';
import type { Lang } from './i18n.js';

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function jstParts(date: Date) {
  const jst = new Date(date.getTime() + JST_OFFSET_MS);
  return { y: jst.getUTCFullYear(), m: jst.getUTCMonth() + 1, d: jst.getUTCDate(), hh: jst.getUTCHours(), mm: jst.getUTCMinutes() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 「2025年4月1日 9時05分時点」 / "as of 1 April 2025, 09:05 JST". */
export function formatAsOf(date: Date, lang: Lang): string {
  const p = jstParts(date);
  return lang === 'ja'
    ? `${p.y}年${p.m}月${p.d}日 ${p.hh}時${pad(p.mm)}分時点`
    : `as of ${p.d} ${MONTHS_EN[p.m - 1]} ${p.y}, ${pad(p.hh)}:${pad(p.mm)} JST`;
}

/**
 * A calendar date: "2025-04-01" as written, or an instant ("2025-03-31T15:00:00Z") as its JST
 * day. Returns the input unchanged when it is not a date, rather than printing "NaN".
 */
export function formatDate(value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  let p: { y: number; m: number; d: number };
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (plain) p = { y: Number(plain[1]), m: Number(plain[2]), d: Number(plain[3]) };
  else {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return value;
    p = jstParts(date);
  }
  return lang === 'ja' ? `${p.y}年${p.m}月${p.d}日` : `${p.d} ${MONTHS_EN[p.m - 1]} ${p.y}`;
}

/**
 * An instant as its JST day and time: 「2025年4月1日 9:05」 / "1 April 2025, 09:05 JST". Every page
 * that shows a moment (the back office, /my) uses this one, so they all read alike; the input
 * comes back unchanged when it is not a date, and empty when missing.
 */
export function formatDateTime(value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const p = jstParts(date);
  return lang === 'ja' ? `${formatDate(value, lang)} ${p.hh}:${pad(p.mm)}` : `${formatDate(value, lang)}, ${pad(p.hh)}:${pad(p.mm)} JST`;
}

/**
 * A period between two written dates: 「2025年4月1日〜2026年3月31日」 as Japanese writes a range,
 * "1 April 2025 – 31 March 2026" with an en dash in English. Every page that shows a validity
 * period uses this one, so the organization page, the badge kit and the verification page agree.
 */
export const formatRange = (start: string, end: string, lang: Lang) => (lang === 'ja' ? `${start}〜${end}` : `${start} – ${end}`);

/** 令和7年度（2025年度） / FY2025 (April 2025 – March 2026). */
export const formatFiscalYear = (fiscalYear: number, lang: Lang) => (lang === 'ja' ? formatFiscalYearJa(fiscalYear) : formatFiscalYearEn(fiscalYear));

/** A fiscal year on award marks: 「令和7年度（2025年度）」 as domain.md writes it (not 令和 alone); "FY2025" in English, without the months. */
export const formatFiscalYearShort = (fiscalYear: number, lang: Lang) => (lang === 'en' ? `FY${fiscalYear}` : formatFiscalYearJa(fiscalYear));

/** A count with thousands separators, the same on every runtime (no Intl locale data needed). */
export const formatCount = (n: number) => String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
