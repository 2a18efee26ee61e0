import type { Context } from 'hono';
import { accountName } from '../../domain/accounts/staff.js';
import type { AppEnv } from '../env.js';
import { localHref, pickLang, type Lang } from '../pages/i18n.js';
import { withPageContext } from '../pages/page-context.js';
import { withSiteFrame } from '../pages/site-frame.js';
import { pageContextOf } from './page-again.js';
import { organizationNameIn } from '../pages/organization-name.js';

/**
 * The policy for the signed-in pages: as the public pages, plus the registry's own scripts
 * (passkeys and the copy button need JavaScript; everything else works without it).
 */
export const WEB_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export const webLang = (c: Context<AppEnv>): Lang => pickLang(c.req.query('lang'), c.req.header('accept-language'));

/** A signed-in page (or a sign-in page): never cached, never stored by a shared cache. */
export async function webPage(c: Context<AppEnv>, element: { toString(): string | Promise<string> }, status: 200 | 400 | 403 | 404 | 405 | 409 | 410 | 413 | 422 | 429 | 500 = 200) {
  // Its forms carry its address, and a page shown again says why (page-again.ts).
  const page = withPageContext(pageContextOf(c), element);
  return c.body(`<!DOCTYPE html>${await withSiteFrame(c.var.site, page).toString()}`, status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': WEB_CSP,
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer', // invitation tokens travel in /join URLs
  });
}

/** Where to go after signing in: only a path on this site (no open redirect). */
export function safeNext(next: string | undefined, lang: Lang): string {
  return next && /^\/(?!\/)[\w\-/.?=&%]*$/.test(next) && !next.includes('\\') ? next : localHref('/my', lang);
}

/**
 * The language switch of a signed-in page: this page in the other language. A page answering a post
 * (a refused form, what a form made) has no address of its own to open (the post's answers 405):
 * its switch leads to the page the form was on (known once the form was read), else to `home`.
 */
export function otherLangHrefOf(c: Context<AppEnv>, lang: Lang, home: string): string {
  const other = lang === 'ja' ? 'en' : 'ja';
  const get = c.req.method === 'GET' || c.req.method === 'HEAD';
  const from = get ? null : pageContextOf(c).address;
  if (!get && !from) return localHref(home, other);
  const page = new URL(from ?? c.req.url, c.req.url);
  return localHref(page.pathname, other, Object.fromEntries([...page.searchParams].filter(([name]) => name !== 'lang')));
}

/** What the layout shows for the signed-in person. */
export function signedInOf(c: Context<AppEnv>) {
  const web = c.var.web;
  return web ? { name: accountName(web.account, webLang(c)), organizationName: web.organization ? organizationNameIn(web.organization, webLang(c)) : null, csrf: web.session.csrfToken, staff: web.account.staffRole !== null } : undefined;
}
