import { Hono } from 'hono';
import { DOCS_HTML } from '../assets/docs/docs-html.js';
import { EXPLORER_CSS } from '../assets/docs/explorer-css.js';
import { EXPLORER_JS } from '../assets/docs/explorer-js.js';
import type { AppEnv } from '../env.js';
import { buildOpenApiDocument } from '../openapi/document.js';

/** Only our own files and /openapi.json: the explorer must work with no third-party requests. */
const DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** GET /openapi.json and the interactive documentation at /docs, both served by the registry itself. */
export function docsRoutes({ publicBaseUrl }: { publicBaseUrl: string }) {
  // Built once: the document depends only on the code and the base URL.
  const document = JSON.stringify(buildOpenApiDocument({ baseUrl: publicBaseUrl }));
  const assetHeaders = { 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' };
  return new Hono<AppEnv>()
    .get('/openapi.json', (c) => c.body(document, 200, { ...assetHeaders, 'Content-Type': 'application/json; charset=utf-8' }))
    .get('/docs', (c) => c.html(DOCS_HTML, 200, { ...assetHeaders, 'Content-Security-Policy': DOCS_CSP }))
    .get('/docs/explorer.js', (c) => c.body(EXPLORER_JS, 200, { ...assetHeaders, 'Content-Type': 'text/javascript; charset=utf-8' }))
    .get('/docs/explorer.css', (c) => c.body(EXPLORER_CSS, 200, { ...assetHeaders, 'Content-Type': 'text/css; charset=utf-8' }));
}
