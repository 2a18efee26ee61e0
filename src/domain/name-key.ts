/**
 * What two names have in common when a person would read them as the same: the key duplicate-name
 * checks compare. The readable-text rule lets invisible characters stay inside a name (a ZWJ
 * emoji needs them), so "株式会社A\u200b", "株式会社A\u2060", "株式会社\u00adA" and "株式会社Ａ" must not pass
 * for a new name:
 * - default-ignorable code points go (zero-width space and joiners, U+2060, U+200E/F marks, the
 *   soft hyphen, variation selectors, Hangul fillers…): they show as nothing;
 * - NFKC: full-width and half-width forms (Ａ, ｶﾞ), compatibility characters (㈱ → (株)) read alike;
 * - spaces of any kind collapse to one, none at either end;
 * - lower case: an English name's capitals do not make another partner.
 * Pure string work (Unicode property escapes, String.prototype.normalize): runs on the Worker too.
 */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/** The text without the code points that show as nothing (Default_Ignorable_Code_Point). */
export const withoutIgnorables = (text: string): string => text.replace(IGNORABLE, '');

export function nameKey(name: string): string {
  // Removed before and after NFKC: an ignorable between a letter and a combining mark would keep
  // them from composing, and normalization must not bring one back.
  return withoutIgnorables(withoutIgnorables(name).normalize('NFKC').toLowerCase().normalize('NFKC')).replace(/\s+/g, ' ').trim();
}

/** The first of `records` whose name reads as `name` (nameKey), if any. */
export function findSameName<T extends { name: string }>(records: readonly T[], name: string): T | undefined {
  const key = nameKey(name);
  return records.find((record) => nameKey(record.name) === key);
}
