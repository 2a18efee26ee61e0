import { withoutIgnorables } from './name-key.js';

/** The longest search, in characters as a person counts them (𠮷 is one, though two UTF-16 units). */
export const SEARCH_QUERY_MAX = 100;

/** A typed query cut to SEARCH_QUERY_MAX characters, never inside one (a lone half of 𠮷 shows as �). */
export const searchQueryOf = (typed: string | undefined): string | undefined => (typed === undefined ? undefined : [...typed].slice(0, SEARCH_QUERY_MAX).join(''));

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
