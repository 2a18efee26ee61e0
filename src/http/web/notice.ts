// A form's notice after its POST-redirect-GET ("saved", "removed": ?done=…) is said once. The
// redirect sets a short-lived cookie for the page it sends to, naming the notice; that page shows
// the notice only with the cookie, and clears it. A reload, a bookmark or a shared address still
// carries ?done=, but not the cookie: the notice does not come back. No JavaScript is needed, and
// hono/cookie runs on the Worker as on Node. The cookie holds the notice's name only, no secret.
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';

const COOKIE = 'registry_notice';
/** Long enough to follow the redirect on a slow connection, short enough not to meet a later visit. */
const MAX_AGE_SECONDS = 60;
/** The query parameters that name a notice (the member pages use `saved` and `removed` too). */
const NOTICE_PARAMS = ['done', 'saved', 'removed'] as const;
type NoticeParam = (typeof NOTICE_PARAMS)[number];

/** Scoped to the one page that shows it; Secure when the request came over https (it holds no secret either way). */
const optionsFor = (c: Context, path: string) => ({ path, httpOnly: true, sameSite: 'Lax' as const, secure: new URL(c.req.url).protocol === 'https:' });

/** A 303 to `location` (a page of this site, with ?done=… or the like): its notice is shown there once. */
export function redirectWithNotice(c: Context, location: string): Response {
  const url = new URL(location, c.req.url);
  const param = NOTICE_PARAMS.find((name) => url.searchParams.has(name));
  if (param) setCookie(c, COOKIE, `${param}:${url.searchParams.get(param)}`, { ...optionsFor(c, url.pathname), maxAge: MAX_AGE_SECONDS });
  return c.redirect(location, 303);
}

/** The notice this page is to show (the `param` of its address), once: only right after the redirect that set it. */
export function noticeOf(c: Context, param: NoticeParam = 'done'): string | undefined {
  const value = c.req.query(param);
  if (!value) return undefined;
  // Cookies of the same name for other paths may be sent too: any of them naming this notice will do.
  const expected = `${param}:${value}`;
  const sent = (c.req.header('cookie') ?? '').split(';').some((pair) => {
    const at = pair.indexOf('=');
    return at > 0 && pair.slice(0, at).trim() === COOKIE && safeDecode(pair.slice(at + 1).trim()) === expected;
  });
  if (!sent) return undefined;
  deleteCookie(c, COOKIE, optionsFor(c, new URL(c.req.url).pathname));
  return value;
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
