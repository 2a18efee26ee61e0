import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { DomainError } from '../domain/errors.js';
import type { AppEnv } from './env.js';

/**
 * Which endpoints a recruiting site's page may call from the browser. Everything that verifies
 * or looks up public facts is open to every origin: answers are public or need a bearer token,
 * which a browser never attaches on its own, so `*` leaks nothing and no cookies are involved.
 * Administrative endpoints are in no group: they send no CORS headers and their preflight is
 * refused, so a page elsewhere cannot drive the secretariat's tools even with a stolen token.
 */
export const CROSS_ORIGIN_GROUPS = [
  {
    name: 'public reads and lookups',
    methods: ['GET', 'HEAD'],
    paths: [
      /^\/credentials\/[^/]+(\/[^/]+)?$/, // a credential, its QR code and badge image
      /^\/status-lists\/[^/]+$/,
      /^\/\.well-known\/[^/]+$/,
      /^\/did\.json$/, // the DID document where did:web resolves a DID with a path
      /^\/contexts\/.+$/,
      /^\/achievements\/.+$/, // the OB Achievement a badge names, as JSON (Accept: application/json or application/ld+json)
      /^\/v\/[^/]+$/, // the verification answer as JSON (Accept: application/json)
      /^\/api\/v1\/(organizations|declarations|awards)(\/.*)?$/, // incl. organizations/by-corporate-number/{n}
      /^\/api\/v1\/award-(categories|divisions)$/,
      /^\/api\/v1\/open-data\/[^/]+$/,
      /^\/api\/v1\/changes(\/latest)?$/,
      /^\/openapi\.json$/,
    ],
  },
  {
    name: 'verification and partner calls',
    methods: ['POST'],
    paths: [/^\/credentials\/verify$/, /^\/presentations\/verify$/, /^\/api\/v1\/lookup$/, /^\/oauth\/token$/],
  },
] as const;

/** Headers a page may read from our answers: caching, pagination, rate limits, request ids. */
const EXPOSED = ['ETag', 'Last-Modified', 'Location', 'Link', 'Content-Disposition', 'Retry-After', 'RateLimit', 'RateLimit-Policy', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'X-Request-Id'];

const refused = () =>
  new DomainError(
    'forbidden',
    'このエンドポイントは他のサイトのページ（クロスオリジン）からは呼び出せません。',
    'This endpoint cannot be called from another site’s page (cross-origin requests are not allowed).',
  );

/**
 * CORS by route group, with hono/cors doing the header work for each group. Chromium caps a
 * preflight's cache at two hours, so `maxAge` defaults to that.
 */
export function crossOrigin({ maxAge = 7200 }: { maxAge?: number } = {}): MiddlewareHandler<AppEnv> {
  const groups = CROSS_ORIGIN_GROUPS.map((group) => ({
    ...group,
    handler: cors({
      origin: '*',
      allowMethods: [...group.methods],
      allowHeaders: ['Authorization', 'Content-Type', 'If-None-Match'],
      exposeHeaders: EXPOSED,
      maxAge,
    }),
  }));
  return async (c, next) => {
    const requested = c.req.header('access-control-request-method');
    const preflight = c.req.method === 'OPTIONS' && c.req.header('origin') !== undefined && requested !== undefined;
    // A preflight is judged by the method the page wants to send, not by OPTIONS itself.
    const method = preflight ? requested.trim().toUpperCase() : c.req.method;
    const group = groups.find((g) => (g.methods as readonly string[]).includes(method) && g.paths.some((p) => p.test(c.req.path)));
    if (group && preflight) return group.handler(c, next);
    if (group) {
      // An actual request gets what hono/cors would add (origin '*': no Vary needed), set before
      // the handler runs so the answer keeps @hono/node-server's fast path; a handler that built
      // its own Response bypasses prepared headers, so those are completed afterwards.
      c.header('Access-Control-Allow-Origin', '*');
      c.header('Access-Control-Expose-Headers', EXPOSED.join(','));
      await next();
      if (!c.res.headers.has('Access-Control-Allow-Origin')) {
        c.res.headers.set('Access-Control-Allow-Origin', '*');
        c.res.headers.set('Access-Control-Expose-Headers', EXPOSED.join(','));
      }
      return;
    }
    if (preflight) throw refused();
    return next();
  };
}
