// Japanese first, English on request: ?lang=en (or ?lang=ja) wins, then Accept-Language when
// it ranks English above Japanese. Every page link carries ?lang=en forward so the choice sticks
// without a cookie; Japanese chosen on a browser preferring English is carried by the answer's
// links too (chosen-japanese.ts), so the links built here stay plain for the Japanese visitor.

import { parseAccept } from 'hono/utils/accept';

export type Lang = 'ja' | 'en';

/** A text in both languages. */
export interface Bilingual {
  ja: string;
  en: string;
}

export function pickLang(query: string | undefined, acceptLanguage: string | undefined): Lang {
  if (query === 'en' || query === 'ja') return query;
  return fromAcceptLanguage(acceptLanguage ?? '');
}

/**
 * Whichever of Japanese and English the browser ranks higher (by q, then by order), so a browser
 * set to French, Chinese or Vietnamese with English as its second language reads English, not
 * only one whose first language is English; Japanese when it names neither (or refuses both, q=0).
 */
function fromAcceptLanguage(header: string): Lang {
  // parseAccept (Hono's, as compression reads Accept-Encoding) lists the tags highest q first, in order among equals.
  for (const { type, q } of parseAccept(header)) {
    if (!(q > 0)) break;
    const tag = type.toLowerCase();
    if (tag === 'ja' || tag.startsWith('ja-')) return 'ja';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'ja';
}

export const pick = (lang: Lang, text: Bilingual) => text[lang];

/** A parenthetical after a word, in the language's own brackets: 「（大企業部門）」, " (Large companies)". */
export const inParentheses = (lang: Lang, text: string) => (lang === 'ja' ? `（${text}）` : ` (${text})`);

/**
 * An address on this site that opens in `lang` on this browser, for an answer whose own address
 * names no language (a sign-in's return from the provider): ?lang=en as localHref writes it, and
 * ?lang=ja where the browser alone would pick English (as chosen-japanese.ts does for links).
 */
export function inLangFor(address: string, lang: Lang, acceptLanguage: string | undefined): string {
  if (!address.startsWith('/') || address.startsWith('//') || /[?&]lang=/.test(address.split('#')[0]!)) return address;
  if (lang === 'ja' && pickLang(undefined, acceptLanguage) === 'ja') return address;
  const hash = address.indexOf('#');
  const [path, fragment] = hash < 0 ? [address, ''] : [address.slice(0, hash), address.slice(hash)];
  return `${path}${path.includes('?') ? '&' : '?'}lang=${lang}${fragment}`;
}

/** A path on this site in the current language (query parameters kept). */
export function localHref(path: string, lang: Lang, params: Record<string, string | number | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(name, String(value));
  if (lang === 'en') search.set('lang', 'en');
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
