// Unknown addresses: a page for people, RFC 9457 problem+json for programs (src/http/app.ts notFound).
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import { DomainError } from '../../domain/errors.js';
import type { AppEnv } from '../env.js';
import { problemOf } from '../problem.js';
import { htmlPage } from './http-helpers.js';
import { localHref, pickLang, type Bilingual, type Lang } from './i18n.js';
import { safeNext, signedInOf, webPage } from '../web/page.js';
import { Layout, type LayoutProps } from './layout.js';

/**
 * Addresses programs call (the API, credentials, status lists, keys, contexts, OAuth, health):
 * a miss there is always problem+json, even for a browser, since no person is meant to land there.
 */
export const API_PATH = /^\/(?:api|credentials|status-lists|status|\.well-known|contexts|presentations|oauth|problems)(?:\/|$)|^\/(?:healthz|readyz|openapi\.json)$/;

/** A browser navigating (its Accept names text/html, not refused with q=0) rather than an API client. */
export function wantsHtmlPage(accept: string | undefined): boolean {
  return (accept ?? '')
    .split(',')
    .some((part) => {
      const [type, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return (type === 'text/html' || type === 'application/xhtml+xml') && (q === undefined || Number(q.slice(2)) > 0);
    });
}

export const NotFoundPage: FC<{ lang: Lang; path: string; signedIn?: LayoutProps['signedIn'] }> = ({ lang, path, signedIn }) => {
  const ja = lang === 'ja';
  const title = ja ? 'ページが見つかりません' : 'Page not found';
  return (
    <Layout lang={lang} title={title} section={null} otherLangHref={localHref(path, ja ? 'en' : 'ja')} signedIn={signedIn}>
      <h1>{title}</h1>
      <p class="lead">
        {ja
          ? 'お探しのページは、このアドレスにはありません。アドレスの入力に誤りがないか、ご確認ください。'
          : 'There is no page at this address. Please check that the address is typed correctly.'}
      </p>
      <h2>{ja ? '次のページからお探しください' : 'You may be looking for'}</h2>
      <ul class="link-list">
        <li>
          <a href={localHref('/', lang)}>{ja ? 'ホーム' : 'Home'}</a>
        </li>
        <li>
          <a href={localHref('/organizations', lang)}>{ja ? '宣言団体・表彰団体を検索する' : 'Search organizations'}</a>
        </li>
        <li>
          <a href={localHref('/verify', lang)}>{ja ? 'バッジを確認する（QR コードやバッジ画像の確認）' : 'Verify a badge (a QR code or a badge image)'}</a>
        </li>
      </ul>
    </Layout>
  );
};

/** Where a person who opened a form's target goes on: their own part of the site. */
function wayOnOf(path: string): { href: string; label: Bilingual } {
  if (/^\/my(?:\/|$)/.test(path)) return { href: '/my', label: { ja: 'マイページ（団体のページ）へ', en: 'Go to your organization’s pages' } };
  if (/^\/admin(?:\/|$)/.test(path)) return { href: '/admin', label: { ja: '事務局の管理画面へ', en: 'Go to the back office' } };
  if (/^\/(?:auth|join)(?:\/|$)/.test(path)) return { href: '/login', label: { ja: 'ログインページへ', en: 'Go to sign-in' } };
  return { href: '/', label: { ja: 'ホームへ', en: 'Go to the home page' } };
}

/**
 * A form's target (an address that only takes POST) opened from the address bar, a bookmark or a
 * restored tab: what it is, and the way on. Nothing was done by opening it.
 */
export const MethodNotAllowedPage: FC<{ lang: Lang; path: string; wayOn: { href: string; label: Bilingual }; signedIn?: LayoutProps['signedIn'] }> = ({ lang, path, wayOn, signedIn }) => {
  const ja = lang === 'ja';
  const title = ja ? 'このページは直接開けません' : 'This page cannot be opened directly';
  return (
    <Layout lang={lang} title={title} section={null} otherLangHref={localHref(path, ja ? 'en' : 'ja')} signedIn={signedIn}>
      <h1>{title}</h1>
      <p class="lead">
        {ja
          ? 'このアドレスは、ボタンを押したときの送信先です。アドレス欄からの入力、ブックマーク、再読み込みやタブの復元では開けません。開いただけでは何も変更されていません。'
          : 'This address is where a button sends a form. It cannot be opened from the address bar, a bookmark, a reload or a restored tab. Opening it changed nothing.'}
      </p>
      <p>
        {ja
          ? '操作が済んでいるかどうかは、次のページでご確認ください。'
          : 'Check on the following page whether what you were doing was done.'}
      </p>
      <p>
        <a class="button" href={wayOn.href}>{wayOn.label[lang]}</a>
      </p>
    </Layout>
  );
};

/** The answer to an address no route serves. */
export async function notFoundAnswer(c: Context<AppEnv>, publicBaseUrl: string, methodsAt: (path: string) => string[]): Promise<Response> {
  // The address exists, but not for this method: 405 with the methods it takes (RFC 9110 §15.5.6).
  const allowed = methodsAt(c.req.path);
  if (allowed.length > 0 && !allowed.includes(c.req.method)) {
    // Both answers depend on Accept: caches must keep them apart.
    c.header('Vary', 'Accept', { append: true });
    if (wantsHtmlPage(c.req.header('accept')) && !API_PATH.test(c.req.path)) {
      const lang = pickLang(c.req.query('lang'), c.req.header('accept-language'));
      const path = `/${new URL(c.req.url).pathname.replace(/^\/+/, '')}`;
      const wayOn = wayOnOf(c.req.path);
      // A sign-in's target keeps where the person was going (the sign-in's own sanitiser).
      const next = wayOn.href === '/login' ? c.req.query('next') : undefined;
      const href = localHref(wayOn.href, lang, next ? { next: safeNext(next, lang) } : {});
      c.header('Allow', allowed.join(', '));
      // The signed-in pages' headers: never cached, and no Referer (a /join/ address carries its token).
      return webPage(c, <MethodNotAllowedPage lang={lang} path={path} wayOn={{ href, label: wayOn.label }} signedIn={signedInOf(c)} />, 405);
    }
    const { body } = problemOf(new DomainError('method-not-allowed', `このアドレスは ${allowed.join(', ')} で使います。`, `This address takes ${allowed.join(', ')}.`), {
      baseUrl: publicBaseUrl,
      instance: c.req.path,
      requestId: c.var.requestId,
    });
    return c.json(body, 405, { 'Content-Type': 'application/problem+json', Allow: allowed.join(', ') });
  }
  // A public page's address with a slash after it (/verify/, /v/{id}/: a CMS or a link shortener
  // adds one) is that page, not 「ページが見つかりません」. One leading slash: "//host/" must not
  // become a redirect to another site.
  // The raw path (still percent-encoded): a decoded one would put %5C back as a backslash.
  const raw = new URL(c.req.url).pathname;
  const bare = `/${raw.replace(/^\/+/, '')}`.replace(/\/$/, '');
  if ((c.req.method === 'GET' || c.req.method === 'HEAD') && bare !== '' && bare !== raw && allowed.includes('GET') && !API_PATH.test(bare) && !/^\/(?:admin|my)(?:\/|$)/.test(bare)) {
    return c.redirect(`${bare}${new URL(c.req.url).search}`, 301);
  }
  // Both answers depend on Accept: caches must keep them apart.
  c.header('Vary', 'Accept', { append: true });
  if (wantsHtmlPage(c.req.header('accept')) && !API_PATH.test(c.req.path)) {
    const lang = pickLang(c.req.query('lang'), c.req.header('accept-language'));
    // The raw (still percent-encoded) path, with one leading slash: "//host" would make the
    // language switch a link to another site.
    const path = `/${new URL(c.req.url).pathname.replace(/^\/+/, '')}`;
    // Under /my, /admin… (where the session is read) a signed-in person keeps their header, as on
    // the 405 page; that page carries their token, so it gets the signed-in pages' headers (no-store).
    const signedIn = signedInOf(c);
    const page = <NotFoundPage lang={lang} path={path} signedIn={signedIn} />;
    return signedIn ? webPage(c, page, 404) : htmlPage(c, page, 404);
  }
  const { status, body } = problemOf(new DomainError('not-found', 'このアドレスには何もありません。', 'There is nothing at this address.'), {
    baseUrl: publicBaseUrl,
    instance: c.req.path,
    requestId: c.var.requestId,
  });
  return c.json(body, status, { 'Content-Type': 'application/problem+json' });
}
