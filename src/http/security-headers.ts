import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { CROSS_ORIGIN_GROUPS } from './cors.js';
import type { AppEnv } from './env.js';

/**
 * The policy for answers that set none of their own (JSON, problem+json, CSV, JWTs): load
 * nothing, run nothing, never be framed. HTML pages (pages/http-helpers.ts PAGE_CSP, docs.ts
 * DOCS_CSP) and images (IMAGE_CSP) set their own, stricter-where-it-matters policy, which is kept;
 * every one of them carries frame-ancestors 'none' too.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Paths other sites may load as subresources (`<img>`, no-cors fetch): the badge, QR and logo, and the public API. */
const EMBEDDABLE = [/^\/logo\.svg$/, ...CROSS_ORIGIN_GROUPS.flatMap((group) => group.paths)];

/**
 * Security headers on every answer, including errors, 404s, preflights and images, via hono's
 * secureHeaders with `overwrite: false` so a header a handler chose (a page's CSP, the pages'
 * Referrer-Policy) wins over the default here:
 *
 * - Content-Security-Policy (API_CSP unless the handler set one), X-Frame-Options: DENY (legacy
 *   browsers; frame-ancestors is the modern one), X-Content-Type-Options: nosniff,
 *   Referrer-Policy: strict-origin-when-cross-origin (as the pages), Cross-Origin-Opener-Policy:
 *   same-origin, Origin-Agent-Cluster, X-Permitted-Cross-Domain-Policies: none, and the other
 *   harmless hono defaults.
 * - Cross-Origin-Resource-Policy: cross-origin where other sites embed or read us (badges, QR
 *   codes, the logo, credentials, status lists, the public API — the CORS groups), same-origin
 *   elsewhere (pages, the secretariat's API).
 * - Strict-Transport-Security only when the public address is https (the registry is then behind
 *   TLS); without includeSubDomains, which would bind the operator's other hosts too.
 */
export function securityHeaders({ publicBaseUrl }: { publicBaseUrl: string }): MiddlewareHandler<AppEnv> {
  const https = publicBaseUrl.startsWith('https://');
  const common = secureHeaders({
    overwrite: false,
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    xFrameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
    crossOriginResourcePolicy: false, // per path, below
    strictTransportSecurity: https ? 'max-age=31536000' : false,
  });
  // The same headers, computed once, set BEFORE the handler runs: a handler's own headers still
  // win (Hono lets explicit response headers override prepared ones), and the answer stays a
  // lightweight response in @hono/node-server instead of being rebuilt to add headers afterwards.
  const prepared = new Map<string, string>([
    ['Content-Security-Policy', API_CSP],
    ['X-Frame-Options', 'DENY'],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Origin-Agent-Cluster', '?1'],
    ['X-DNS-Prefetch-Control', 'off'],
    ['X-Download-Options', 'noopen'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
    ['X-XSS-Protection', '0'],
    ...(https ? [['Strict-Transport-Security', 'max-age=31536000'] as [string, string]] : []),
  ]);
  return async (c, next) => {
    const embeddable = EMBEDDABLE.some((pattern) => pattern.test(c.req.path));
    for (const [name, value] of prepared) c.header(name, value);
    c.header('Cross-Origin-Resource-Policy', embeddable ? 'cross-origin' : 'same-origin');
    await next();
    // A handler that returned a Response of its own bypasses prepared headers: fill them in.
    if (!c.res.headers.has('X-Content-Type-Options')) {
      await common(c, async () => {});
      if (!c.res.headers.has('Cross-Origin-Resource-Policy')) c.res.headers.set('Cross-Origin-Resource-Policy', embeddable ? 'cross-origin' : 'same-origin');
    }
  };
}
