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

/** What the page being rendered knows about itself (pages/page-context.tsx). */
export function pageContextOf(c: Context<AppEnv>): PageContext {
  return { address: c.req.method === 'GET' ? addressOf(new URL(c.req.url)) : null, shownAgain: SHOWN_AGAIN.has(c.req.raw) };
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
  if (!ownFetch || !address || !SIGNED_IN_PAGE.test(address) || !/^\/(?!\/)[\w\-/.?=&%~]*$/.test(address)) return null;
  const url = new URL(address, c.req.url);
  if (!SIGNED_IN_PAGE.test(url.pathname)) return null; // "/admin/../api" is not a page of the back office
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
