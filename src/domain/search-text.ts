import { withoutIgnorables } from './name-key.js';

/**
 * Folds text for search so that kanji, kana (hiragana or katakana, full or half width) and
 * English (any case, full-width letters) all match: NFKC, lower case, katakana → hiragana.
 * Characters that show as nothing go, before and after NFKC (as nameKey drops them): a name
 * pasted from a web page with a zero-width space or a soft hyphen inside is found by the name a
 * person reads, and a query pasted with one finds the plain name.
 */
export function foldForSearch(text: string): string {
  return withoutIgnorables(withoutIgnorables(text).normalize('NFKC'))
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    // Control characters read as spaces: a NUL would end the full-text index's query string early.
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim();
}
