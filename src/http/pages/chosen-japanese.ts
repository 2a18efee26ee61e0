// Japanese chosen on a browser that prefers English sticks. A page's language is ?lang= first, then
// Accept-Language (i18n.ts pickLang); its links carry ?lang=en, and nothing for Japanese, so the
// ordinary Japanese visitor's links stay plain (localHref). On a browser whose Accept-Language puts
// English first, a plain link means English: the person who pressed 「日本語」 would be back in
// English at the next click, and the switch itself (a plain link) would never leave English.
//
// Only the answer knows both the page's language and the browser's, so the answers to such a
// browser get lang=ja written onto the links of this site that lead to Japanese, rather than every
// link builder being handed the browser's preference:
//  - on a Japanese page, every link and form naming no language (they mean the page's own);
//  - on an English page, the language switch (hreflang="ja");
//  - a redirect answering a request that chose Japanese.
// Attribute values are written by hono/jsx, which escapes every `"`: an attribute is found by its quotes.
import type { Context, MiddlewareHandler, Next } from 'hono';
import { pickLang } from './i18n.js';

export function chosenJapaneseSticks(): MiddlewareHandler {
  // Not async where the browser does not prefer English (every API client, the bench): no frame
  // of its own around the other handlers on the paths that are measured.
  return (c, next) => (pickLang(undefined, c.req.header('accept-language')) === 'en' ? withChoiceKept(c, next) : next());
}

async function withChoiceKept(c: Context, next: Next): Promise<void> {
  await next();
  const answer = c.res;
  const location = answer.headers.get('location');
  if (location !== null && answer.status >= 300 && answer.status < 400) {
    if (c.req.query('lang') === 'ja' && isOwnPath(location) && !namesLanguage(location)) answer.headers.set('location', withJapanese(location));
    return;
  }
  if (!answer.body || !answer.headers.get('content-type')?.startsWith('text/html')) return;
  const html = await answer.text();
  const headers = new Headers(answer.headers);
  headers.delete('content-length');
  c.res = undefined;
  c.res = new Response(withJapaneseLinks(html), { status: answer.status, statusText: answer.statusText, headers });
}

/** The page with lang=ja on its links that lead to Japanese (see above), and on its GET forms. */
export function withJapaneseLinks(html: string): string {
  const japanesePage = /<html lang="ja"/.test(html);
  const linked = html.replace(/<(a|form)(\s[^>]*)>/g, (tag, name: string, attributes: string) => {
    if (!japanesePage && !/\shreflang="ja"/.test(attributes)) return tag;
    const target = name === 'a' ? 'href' : 'action';
    return `<${name}${attributes.replace(new RegExp(`(\\s${target}=")([^"]*)"`), (whole, before: string, value: string) => {
      const address = value.replaceAll('&amp;', '&');
      return isOwnPath(address) && !namesLanguage(address) ? `${before}${withJapanese(address).replaceAll('&', '&amp;')}"` : whole;
    })}>`;
  });
  if (!japanesePage) return linked;
  // A GET form sends its fields as the query, dropping its action's: it carries the choice as a field.
  return linked.replace(/(<form\s[^>]*>)([\s\S]*?<\/form>)/g, (whole, start: string, rest: string) =>
    /\smethod="post"/i.test(start) || /\sname="lang"/.test(rest) ? whole : `${start}<input type="hidden" name="lang" value="ja"/>${rest}`,
  );
}

/** A path on this site (never //host, never another scheme). */
const isOwnPath = (address: string) => address.startsWith('/') && !address.startsWith('//');

const namesLanguage = (address: string) => /[?&]lang=/.test(address.split('#')[0]!);

function withJapanese(address: string): string {
  const hash = address.indexOf('#');
  const [path, fragment] = hash < 0 ? [address, ''] : [address.slice(0, hash), address.slice(hash)];
  return `${path}${path.includes('?') ? '&' : '?'}lang=ja${fragment}`;
}
