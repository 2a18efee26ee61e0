// Japanese first, English on request: ?lang=en (or ?lang=ja) wins, then Accept-Language when
// English is its first choice. Every page link carries ?lang=en forward so the choice sticks
// without a cookie; Japanese chosen on a browser preferring English is carried by the answer's
// links too (chosen-japanese.ts), so the links built here stay plain for the Japanese visitor.

export type Lang = 'ja' | 'en';

/** A text in both languages. */
export interface Bilingual {
  ja: string;
  en: string;
}

export function pickLang(query: string | undefined, acceptLanguage: string | undefined): Lang {
  if (query === 'en' || query === 'ja') return query;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ja';
}

export const pick = (lang: Lang, text: Bilingual) => text[lang];

/** A path on this site in the current language (query parameters kept). */
export function localHref(path: string, lang: Lang, params: Record<string, string | number | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(name, String(value));
  if (lang === 'en') search.set('lang', 'en');
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
