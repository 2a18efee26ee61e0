// A button pressed with an expired CSRF token (a form whose only field is the token: approve,
// withdraw, cancel, sign out…) brings back the page it was on, saying so, with a fresh token. The
// page is rendered by its own GET route, within this request (the app's `ownFetch`), so every such
// button behaves alike without a handler of its own; its status is made 403: nothing was done.
// The inner request passes the app's middleware like any other (it has its own access-log line).
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import type { PageContext } from '../pages/page-context.js';

/** The inner requests that render a page again: only they show the notice (a URL cannot ask for it). */
const SHOWN_AGAIN = new WeakSet<Request>();

/** Notices of a redirect after an action (?done=…, ?saved=…, ?removed=…): said once, not again on the way back. */
const ONE_SHOT_PARAMS = ['done', 'saved', 'removed'];

/** The signed-in areas: the only pages a form can come back to. */
const SIGNED_IN_PAGE = /^\/(?:my|admin)(?:[/?]|$)/;

/**
 * The page a post's form was on (its fromPage, once checked), by request: a page answering the
 * post (a form refused and shown again, a link just made) belongs to it, so its own forms name it.
 */
const POSTED_FROM = new WeakMap<Request, string>();

/** What the page being rendered knows about itself (pages/page-context.tsx). */
export function pageContextOf(c: Context<AppEnv>): PageContext {
  const address = c.req.method === 'GET' ? addressOf(new URL(c.req.url)) : (POSTED_FROM.get(c.req.raw) ?? null);
  return { address, shownAgain: SHOWN_AGAIN.has(c.req.raw) };
}

/**
 * Called with a web form's fromPage once the form was read (web/form.ts, the award import): kept
 * for the page answering it only if it is a signed-in page of this site, as pageShownAgain checks.
 */
export function rememberFromPage(c: Context<AppEnv>, address: string | null): void {
  const url = signedInPageUrl(c, address);
  const page = url && addressOf(url);
  if (page) POSTED_FROM.set(c.req.raw, page);
}

/** `address` as a signed-in page of this site (never another site's, never //host), or null. */
function signedInPageUrl(c: Context<AppEnv>, address: string | null): URL | null {
  if (!address || !SIGNED_IN_PAGE.test(address) || !/^\/(?!\/)[\w\-/.?=&%~]*$/.test(address)) return null;
  const url = new URL(address, c.req.url);
  return SIGNED_IN_PAGE.test(url.pathname) ? url : null; // "/admin/../api" is not a page of the back office
}

function addressOf(url: URL): string | null {
  if (!SIGNED_IN_PAGE.test(url.pathname)) return null;
  for (const name of ONE_SHOT_PARAMS) url.searchParams.delete(name);
  return url.pathname + url.search;
}

/**
 * The page at `address` (a form's fromPage field) as a 403 with the notice and the session's token,
 * or null: not a signed-in page of this site (never another site's, never //host), no way to render
 * it here, or its route did not answer 200 (gone meanwhile, signed out): the caller refuses as before.
 */
export async function pageShownAgain(c: Context<AppEnv>, address: string | null): Promise<Response | null> {
  const ownFetch = c.var.ownFetch;
  const url = ownFetch ? signedInPageUrl(c, address) : null;
  if (!ownFetch || !url) return null;
  const headers = new Headers({ accept: 'text/html' });
  for (const name of ['cookie', 'accept-language', 'user-agent']) {
    const value = c.req.header(name);
    if (value !== undefined) headers.set(name, value);
  }
  const request = new Request(url, { headers });
  SHOWN_AGAIN.add(request);
  const page = await ownFetch(c, request);
  if (page.status !== 200 || !page.headers.get('content-type')?.startsWith('text/html')) {
    await page.body?.cancel();
    return null;
  }
  return new Response(page.body, { status: 403, headers: page.headers });
}
