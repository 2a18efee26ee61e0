import type { FC } from 'hono/jsx';
import { localHref, type Lang } from '../../pages/i18n.js';
import { Layout } from '../../pages/layout.js';

/** Where /docs loads its explorer (src/http/assets/docs/explorer-js.ts). */
export const EXPLORER_JS_PATH = '/docs/explorer.js';

/**
 * /docs in the site's frame: the header, language switch and footer of every page, a breadcrumb
 * back home, and a shell that explorer.js fills from /openapi.json (so it never drifts from the
 * document). The explorer reads <html lang> to speak the page's language.
 */
export const DocsPage: FC<{ lang: Lang }> = ({ lang }) => {
  const ja = lang === 'ja';
  const title = ja ? 'API ドキュメント' : 'API documentation';
  return (
    <Layout
      lang={lang}
      title={title}
      section={null}
      otherLangHref={localHref('/docs', ja ? 'en' : 'ja')}
      description={ja ? '地方創生テレワーク宣言・表彰レジストリの API（OpenAPI 3.1）と、その場で試せる呼び出しフォーム。' : 'The registry’s API (OpenAPI 3.1), with a form to try each call.'}
    >
      <nav class="docs-breadcrumbs" aria-label={ja ? '現在位置' : 'Breadcrumb'}>
        <ol>
          <li>
            <a href={localHref('/', lang)}>{ja ? 'ホーム' : 'Home'}</a>
          </li>
          <li aria-current="page">{title}</li>
        </ol>
      </nav>
      <div class="api-docs">
        <h1>{title}</h1>
        {ja ? (
          <>
            <p>
              地方創生テレワーク宣言・表彰レジストリの API です。各エンドポイントを開き「試す」から実際に呼び出せます。機械向けの定義は{' '}
              <a href="/openapi.json">/openapi.json</a>（OpenAPI 3.1）にあります。
            </p>
            <p>
              エラーはすべて RFC 9457 の <code>application/problem+json</code>（日本語・英語のメッセージ付き）です。
            </p>
          </>
        ) : (
          <>
            <p>
              The API of the Regional Revitalization Telework Declaration and Award Registry. Open an endpoint and use “Try it” to call it; the machine-readable
              definition is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).
            </p>
            <p>
              Every error is RFC 9457 <code>application/problem+json</code>, with messages in Japanese and English.
            </p>
          </>
        )}
        <div class="api-docs__token">
          <label for="token">{ja ? 'アクセストークン（任意）' : 'Bearer token (optional)'}</label>
          <input id="token" type="password" autocomplete="off" spellcheck={false} aria-describedby="token-hint" />
          <p id="token-hint" class="hint">
            {ja ? 'トークンはこのページの中だけで使い、保存しません。' : 'Used only on this page, never stored.'}
          </p>
        </div>
        <nav class="api-docs__sections" aria-label={ja ? 'API の分類' : 'API sections'}>
          <ul id="tag-nav"></ul>
        </nav>
        {/* Empty until the script runs: without JavaScript it would say "loading" forever. */}
        <p id="load-status" role="status"></p>
        <div id="operations"></div>
        <noscript>
          <p>
            {ja ? 'このページは JavaScript で /openapi.json を表示します。JavaScript が使えない場合は ' : 'This page shows /openapi.json with JavaScript. Without JavaScript, read '}
            <a href="/openapi.json">/openapi.json</a>
            {ja ? ' を直接ご覧ください。' : ' directly.'}
          </p>
        </noscript>
      </div>
      <script src={EXPLORER_JS_PATH} defer></script>
    </Layout>
  );
};
