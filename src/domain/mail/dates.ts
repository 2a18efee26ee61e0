/**
 * Dates in messages are read in Japan: shown in Japan time (UTC+9, no daylight saving), worked out
 * by hand so the same text comes out on Node and Workers whatever the ICU data.
 */
const JST_OFFSET_MS = 9 * 3_600_000;
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function jstParts(iso: string) {
  const d = new Date(new Date(iso).getTime() + JST_OFFSET_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), hh: d.getUTCHours(), mm: d.getUTCMinutes() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2027年3月31日 / 31 March 2027 */
export function formatDate(iso: string): { ja: string; en: string } {
  const p = jstParts(iso);
  return { ja: `${p.y}年${p.m}月${p.d}日`, en: `${p.d} ${MONTHS_EN[p.m - 1]} ${p.y}` };
}

/** 2027年3月31日 15:00（日本時間） / 31 March 2027, 15:00 Japan time */
export function formatDateTime(iso: string): { ja: string; en: string } {
  const p = jstParts(iso);
  const date = formatDate(iso);
  return { ja: `${date.ja} ${pad(p.hh)}:${pad(p.mm)}（日本時間）`, en: `${date.en}, ${pad(p.hh)}:${pad(p.mm)} Japan time` };
}
