// Static assets served by the registry itself. Their URLs carry a content hash, so browsers may
// cache them for a year and a new deploy is picked up at once.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../env.js';
import { ifNoneMatchHits } from '../conditional.js';
import { SITE_CSS } from './site-css.js';
import { COPY_JS } from './copy-js.js';
import { PASSKEYS_JS } from './passkeys-js.js';
import { FILE_PICKER_JS } from './file-picker-js.js';
import { LOGO_SVG } from '../../adapters/badge/logo.js';

/** FNV-1a, 32 bit: a cache-busting fingerprint, not a security measure. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

const CSS_VERSION = fingerprint(SITE_CSS);

/** Where pages link the stylesheet. */
export const SITE_CSS_PATH = `/assets/site.${CSS_VERSION}.css`;

export function assetRoutes() {
  const etag = `"${CSS_VERSION}"`;
  return new Hono<AppEnv>().get('/assets/:file{site\\.[0-9a-f]{8}\\.css}', (c) => {
    const headers = { ETag: etag, 'Cache-Control': 'public, max-age=31536000, immutable', 'X-Content-Type-Options': 'nosniff' };
    if (ifNoneMatchHits(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    return c.body(SITE_CSS, 200, { ...headers, 'Content-Type': 'text/css; charset=utf-8' });
  })
    // Fingerprinted (COPY_JS_PATH, FILE_PICKER_JS_PATH): cached for a year, so a second visit asks for nothing.
    .get('/assets/:file{copy\\.[0-9a-f]{8}\\.js}', (c) => script(c, COPY_JS, COPY_JS_ETAG, YEAR))
    .get('/assets/:file{file-picker\\.[0-9a-f]{8}\\.js}', (c) => script(c, FILE_PICKER_JS, FILE_PICKER_JS_ETAG, YEAR))
    // The fixed addresses pages named before: revalidated, for a page kept from before a deploy.
    .get('/assets/copy.js', (c) => script(c, COPY_JS, COPY_JS_ETAG, 'public, no-cache'))
    .get('/assets/file-picker.js', (c) => script(c, FILE_PICKER_JS, FILE_PICKER_JS_ETAG, 'public, no-cache'))
    // Fingerprinted (PASSKEYS_JS_PATH): cached for a year.
    .get('/assets/:file{passkeys\\.[0-9a-f]{8}\\.js}', (c) => passkeysJs(c, 'public, max-age=31536000, immutable'))
    // The tab icon is the logo mark. Browsers that ask for /favicon.ico on their own are sent to it.
    .get('/favicon.svg', (c) => {
      const headers = { ETag: FAVICON_ETAG, 'Cache-Control': 'public, max-age=86400', 'X-Content-Type-Options': 'nosniff' };
      if (ifNoneMatchHits(c.req.header('if-none-match'), FAVICON_ETAG)) return c.body(null, 304, headers);
      return c.body(LOGO_SVG, 200, { ...headers, 'Content-Type': 'image/svg+xml' });
    })
    .get('/favicon.ico', (c) => c.redirect('/favicon.svg', 301));
}

const YEAR = 'public, max-age=31536000, immutable';

function script(c: Context<AppEnv>, text: string, etag: string, cacheControl: string) {
  const headers = { ETag: etag, 'Cache-Control': cacheControl, 'X-Content-Type-Options': 'nosniff' };
  if (ifNoneMatchHits(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
  return c.body(text, 200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' });
}

function passkeysJs(c: Context<AppEnv>, cacheControl: string) {
  const headers = { ETag: PASSKEYS_JS_ETAG, 'Cache-Control': cacheControl, 'X-Content-Type-Options': 'nosniff' };
  if (ifNoneMatchHits(c.req.header('if-none-match'), PASSKEYS_JS_ETAG)) return c.body(null, 304, headers);
  return c.body(PASSKEYS_JS, 200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' });
}

const PASSKEYS_JS_VERSION = fingerprint(PASSKEYS_JS);
const PASSKEYS_JS_ETAG = `"${PASSKEYS_JS_VERSION}"`;

/** Where pages load the passkey script (src/http/assets/passkeys-js.ts). */
export const PASSKEYS_JS_PATH = `/assets/passkeys.${PASSKEYS_JS_VERSION}.js`;

const COPY_JS_VERSION = fingerprint(COPY_JS);
const COPY_JS_ETAG = `"${COPY_JS_VERSION}"`;
/** Where pages load the copy button script (src/http/assets/copy-js.ts). */
export const COPY_JS_PATH = `/assets/copy.${COPY_JS_VERSION}.js`;

const FILE_PICKER_JS_VERSION = fingerprint(FILE_PICKER_JS);
const FILE_PICKER_JS_ETAG = `"${FILE_PICKER_JS_VERSION}"`;
/** Where /verify loads its file picker script (src/http/assets/file-picker-js.ts). */
export const FILE_PICKER_JS_PATH = `/assets/file-picker.${FILE_PICKER_JS_VERSION}.js`;
const FAVICON_ETAG = `"${fingerprint(LOGO_SVG)}"`;
