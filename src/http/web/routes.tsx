// The web application for people who declare: sign-in, sign-out and the signed-in pages (/my).
// Server-rendered with hono/jsx like the public pages; the same routes run on Node and Workers.
import { Hono, type Context } from 'hono';
import { DomainError } from '../../domain/errors.js';
import { STATUS } from '../problem.js';
import type { Registry } from '../../registry.js';
import { oidcRoutes } from '../auth/oidc.js';
import { selfRegistrationRoutes } from '../auth/oidc-registration.js';
import { passkeyRoutes } from '../auth/passkeys.js';
import { sessionCookie, webSession } from '../auth/session.js';
import type { AppEnv } from '../env.js';
import { localHref, type Bilingual } from '../pages/i18n.js';
import { FormShownAgain, readCheckedForm } from './form.js';
import { safeNext, signedInOf, webLang, webPage } from './page.js';
import { LoginPage, WebErrorPage } from './sign-in-pages.js';
import { myRoutes } from './my/routes.js';
import { keepFormOfEndedSession } from './session-ended.js';
import { adminRoutes } from '../admin/routes.js';

export interface WebRouteDeps {
  registry: Registry;
  publicBaseUrl: string;
  logError?: (error: unknown, requestId: string) => void;
  /** Whether badge.png can be rendered here (Node has resvg, the Worker none): the badge kit offers it only then. */
  pngBadge?: boolean;
}

/** The paths where a session cookie means something. Everywhere else (the API above all) it is ignored. */
export const WEB_PATHS = ['/login/*', '/my/*', '/auth/*', '/join/*', '/admin/*'] as const; // '/x/*' matches /x too

/** 302 to the sign-in page, coming back here afterwards. */
export function toSignIn(c: Context<AppEnv>) {
  const lang = webLang(c);
  const url = new URL(c.req.url);
  return c.redirect(localHref('/login', lang, { next: url.pathname + url.search }), 302);
}

/** A refusal as a page in the site's layout (forms are used by people, not programs). */
export function webErrorResponse(c: Context<AppEnv>, error: unknown, logError?: WebRouteDeps['logError']) {
  const lang = webLang(c);
  return webErrorPage(c, error, logError, { href: localHref('/my', lang), label: { ja: 'マイページに戻る', en: 'Back to my page' } });
}

/**
 * The refusal page's language switch: this page in the other language, as every /my and /admin
 * page's switch is. A refused form's address (POST) is no page to open, so its switch leads where
 * the page's own link does: `back`, in the other language.
 */
function refusalOtherLangHref(c: Context<AppEnv>, back: { href: string }): string {
  const lang = webLang(c);
  const here = new URL(c.req.url);
  const target = c.req.method === 'GET' || c.req.method === 'HEAD' ? here : new URL(back.href, here);
  const params = Object.fromEntries([...target.searchParams].filter(([name]) => name !== 'lang'));
  return localHref(target.pathname, lang === 'ja' ? 'en' : 'ja', params);
}

/** The refusal page, with `back` as the way on. */
export function webErrorPage(c: Context<AppEnv>, error: unknown, logError: WebRouteDeps['logError'], back: { href: string; label: Bilingual }) {
  const lang = webLang(c);
  const otherLangHref = refusalOtherLangHref(c, back);
  if (error instanceof FormShownAgain) return error.response;
  if (error instanceof DomainError) {
    const known = STATUS[error.kind];
    // webPage's statuses; a kind with another status (412, 401…) is shown as a 400 page.
    const status = known === 403 || known === 404 || known === 409 || known === 413 || known === 429 ? known : 400;
    const title = status === 403 ? { ja: 'この操作はできません', en: 'Not allowed' } : status === 404 ? { ja: '見つかりません', en: 'Not found' } : { ja: '処理できませんでした', en: 'Could not be done' };
    // A signed-in person keeps their header (name, organization, sign-out) on the refusal page.
    return webPage(c, <WebErrorPage lang={lang} title={title} message={{ ja: error.ja, en: error.en }} back={back} signedIn={signedInOf(c)} otherLangHref={otherLangHref} />, status);
  }
  logError?.(error, c.var.requestId ?? '');
  return webPage(
    c,
    <WebErrorPage lang={lang} title={{ ja: 'エラーが発生しました', en: 'Something went wrong' }} message={{ ja: '時間をおいて再度お試しください。', en: 'Please retry later.' }} otherLangHref={otherLangHref} />,
    500,
  );
}

export function webRoutes(deps: WebRouteDeps) {
  const { registry, publicBaseUrl } = deps;
  const cookie = sessionCookie(publicBaseUrl);
  const app = new Hono<AppEnv>();
  for (const path of WEB_PATHS) app.use(path, webSession(registry, publicBaseUrl));
  // A form sent after the session ended keeps what was typed (before the routes' sign-in redirect).
  for (const path of ['/my/*', '/admin/*']) app.use(path, keepFormOfEndedSession(publicBaseUrl));

  app
    .get('/login', (c) => {
      const lang = webLang(c);
      if (c.var.web?.organization) return c.redirect(safeNext(c.req.query('next'), lang), 302);
      return webPage(c, <LoginPage lang={lang} oidcEnabled={registry.web.settings.oidc !== null} next={safeNext(c.req.query('next'), lang)} />);
    })
    .route('/my', myRoutes(deps))
    .post('/auth/logout', async (c) => {
      const web = c.var.web;
      if (web) {
        await readCheckedForm(c, publicBaseUrl);
        await registry.web.accounts.signOut(c.var.ctx, web.idHash);
      }
      cookie.clear(c);
      return c.redirect(localHref('/', webLang(c)), 303);
    });

  app.route('/', adminRoutes(deps));
  app.route('/', oidcRoutes(deps));
  app.route('/', selfRegistrationRoutes(deps));
  app.route('/', passkeyRoutes(deps));
  app.onError((error, c) => webErrorResponse(c, error, deps.logError));
  return app;
}
