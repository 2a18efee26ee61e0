// Static assets served by the registry itself. Their URLs carry a content hash, so browsers may
// cache them for a year and a new deploy is picked up at once.
import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { SITE_CSS } from './site-css.js';

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
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    return c.body(SITE_CSS, 200, { ...headers, 'Content-Type': 'text/css; charset=utf-8' });
  });
}
