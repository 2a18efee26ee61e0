import { Hono } from 'hono';
import { jsx } from 'hono/jsx';
import { DocsPage } from '../assets/docs/docs-page.js';
import { EXPLORER_CSS } from '../assets/docs/explorer-css.js';
import { EXPLORER_JS } from '../assets/docs/explorer-js.js';
import type { AppEnv } from '../env.js';
import { buildOpenApiDocument } from '../openapi/document.js';
import { pickLang } from '../pages/i18n.js';
import { withSiteFrame } from '../pages/site-frame.js';

/**
 * The site pages' policy (pages/http-helpers.ts PAGE_CSP) plus our own script and its fetches of
 * /openapi.json and of the endpoints tried: the explorer must work with no third-party requests.
 */
const DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** GET /openapi.json and the interactive documentation at /docs, both served by the registry itself. */
export function docsRoutes({ publicBaseUrl }: { publicBaseUrl: string }) {
  // Built once: the document depends only on the code and the base URL.
  const document = JSON.stringify(buildOpenApiDocument({ baseUrl: publicBaseUrl }));
  const assetHeaders = { 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' };
  return new Hono<AppEnv>()
    .get('/openapi.json', (c) => c.body(document, 200, { ...assetHeaders, 'Content-Type': 'application/json; charset=utf-8' }))
    .get('/docs', async (c) => {
      const lang = pickLang(c.req.query('lang'), c.req.header('accept-language'));
      const body = `<!DOCTYPE html>${await withSiteFrame(c.var.site, jsx(DocsPage, { lang })).toString()}`;
      return c.body(body, 200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': DOCS_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'strict-origin-when-cross-origin',
        // As the other pages: the footer and the stylesheet's address change with a deploy or the settings.
        'Cache-Control': 'no-cache',
        Vary: 'Accept-Language',
      });
    })
    .get('/docs/explorer.js', (c) => c.body(EXPLORER_JS, 200, { ...assetHeaders, 'Content-Type': 'text/javascript; charset=utf-8' }))
    .get('/docs/explorer.css', (c) => c.body(EXPLORER_CSS, 200, { ...assetHeaders, 'Content-Type': 'text/css; charset=utf-8' }));
}
