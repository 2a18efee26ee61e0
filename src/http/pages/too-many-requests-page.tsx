// The per-address limit met by a person in a browser (a search, /verify, /check, the back
// office's sign-in form): a page in their language saying when to try again, not problem+json.
import type { Context } from 'hono';
import type { DomainError } from '../../domain/errors.js';
import type { AppEnv } from '../env.js';
import { WebErrorPage } from '../web/sign-in-pages.js';
import { htmlPage } from './http-helpers.js';
import { webLang } from '../web/page.js';
import { localHref } from './i18n.js';
import { API_PATH, wantsHtmlPage } from './not-found-page.js';

/** The 429 page for a browser's request to a page's address; null for a program (it gets the problem). */
export async function tooManyRequestsPage(c: Context<AppEnv>, error: DomainError): Promise<Response | null> {
  if (!wantsHtmlPage(c.req.header('accept')) || API_PATH.test(c.req.path)) return null;
  const lang = webLang(c);
  const url = new URL(c.req.url);
  const params = Object.fromEntries([...url.searchParams].filter(([name]) => name !== 'lang'));
  // A page opened again is the same address; a form sent again starts from its page (same path, GET).
  const again = localHref(url.pathname, lang, c.req.method === 'GET' ? params : {});
  const page = (
    <WebErrorPage
      lang={lang}
      title={{ ja: 'アクセスが多すぎます', en: 'Too many requests' }}
      message={{ ja: error.ja, en: error.en }}
      back={{ href: again, label: { ja: 'しばらくしてからもう一度試す', en: 'Try again in a moment' } }}
      otherLangHref={localHref(url.pathname, lang === 'ja' ? 'en' : 'ja', c.req.method === 'GET' ? params : {})}
    />
  );
  return htmlPage(c, page, 429);
}
