import { Hono } from 'hono';
import { DOCS_HTML } from '../assets/docs/docs-html.js';
import { EXPLORER_CSS } from '../assets/docs/explorer-css.js';
import { EXPLORER_JS } from '../assets/docs/explorer-js.js';
import type { AppEnv } from '../env.js';
import { buildOpenApiDocument } from '../openapi/document.js';
import { pickLang } from '../pages/i18n.js';

/**
 * The English shell of /docs (?lang=en or an English Accept-Language): the same explorer, with
 * the page's own words in English and a link back to the Japanese page.
 */
const DOCS_HTML_EN = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API documentation | Regional Revitalization Telework Declaration and Award Registry</title>
<link rel="stylesheet" href="/docs/explorer.css">
<script src="/docs/explorer.js" defer></script>
</head>
<body>
<header>
<h1>API documentation <span lang="ja">API ドキュメント</span></h1>
<p>The API of the Regional Revitalization Telework Declaration and Award Registry. Open an endpoint and use “Try it” to call it; the machine-readable definition is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<p>Every error is RFC 9457 <code>application/problem+json</code>, with messages in Japanese and English.</p>
<p><a href="/docs?lang=ja" lang="ja" hreflang="ja">日本語</a></p>
</header>
<div class="token">
<label for="token">Bearer token (optional)</label><br>
<input id="token" type="password" autocomplete="off" spellcheck="false">
<p class="hint">Used only on this page, never stored.</p>
</div>
<nav aria-label="Sections"><ul id="tag-nav"></ul></nav>
<p id="load-status" role="status">Loading…</p>
<main id="operations"></main>
<noscript><p>This page shows /openapi.json with JavaScript. Without JavaScript, read <a href="/openapi.json">/openapi.json</a> directly.</p></noscript>
</body>
</html>
`;

/** Only our own files and /openapi.json: the explorer must work with no third-party requests. */
const DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** GET /openapi.json and the interactive documentation at /docs, both served by the registry itself. */
export function docsRoutes({ publicBaseUrl }: { publicBaseUrl: string }) {
  // Built once: the document depends only on the code and the base URL.
  const document = JSON.stringify(buildOpenApiDocument({ baseUrl: publicBaseUrl }));
  const assetHeaders = { 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' };
  return new Hono<AppEnv>()
    .get('/openapi.json', (c) => c.body(document, 200, { ...assetHeaders, 'Content-Type': 'application/json; charset=utf-8' }))
    .get('/docs', (c) => {
      const lang = pickLang(c.req.query('lang'), c.req.header('accept-language'));
      return c.html(lang === 'en' ? DOCS_HTML_EN : DOCS_HTML, 200, { ...assetHeaders, 'Content-Security-Policy': DOCS_CSP, Vary: 'Accept-Language' });
    })
    .get('/docs/explorer.js', (c) => c.body(EXPLORER_JS, 200, { ...assetHeaders, 'Content-Type': 'text/javascript; charset=utf-8' }))
    .get('/docs/explorer.css', (c) => c.body(EXPLORER_CSS, 200, { ...assetHeaders, 'Content-Type': 'text/css; charset=utf-8' }));
}
