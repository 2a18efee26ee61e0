import type { Context, MiddlewareHandler } from 'hono';
import { DomainError } from '../domain/errors.js';
import { createFixedWindowLimiter, type RateLimitState, type SharedWindowCounts } from '../domain/partners/rate-limit.js';
import type { AppEnv } from './env.js';
import { checkRequestWeight } from './pages/check-routes.js';

export interface PublicRateLimitOptions {
  /** Requests per minute per client IP; 0 disables the limit. */
  perMinute: number;
  /**
   * The client's address, as the runtime knows it: on Node the socket's peer (or, with
   * TRUST_PROXY=true, the address the proxy in front appended to X-Forwarded-For); on Workers
   * CF-Connecting-IP. Undefined when unknown: such requests share one bucket.
   */
  clientIp: (c: Context<AppEnv>) => string | undefined;
  /** Node with WEB_CONCURRENCY > 1: the other workers' counts, so the limit holds across them. */
  shared?: SharedWindowCounts;
  now?: () => number;
}

/**
 * The public endpoints that cost something to answer (signature checks, searches, exports, the
 * token endpoint a guesser would hammer). Images, status lists, DID documents and contexts are
 * left out: they are cheap, cached, and recruiting pages and verifiers fetch them a lot.
 */
export const RATE_LIMITED: { methods: readonly string[]; path: RegExp; bearerIgnored?: true; weight?: (c: Context<AppEnv>) => Promise<number> }[] = [
  { methods: ['POST'], path: /^\/(credentials|presentations)\/verify$/ },
  { methods: ['POST'], path: /^\/verify$/ },
  // A list of 1,000 costs as much as a hundred single lookups: it counts as one request per 100 entries.
  { methods: ['POST'], path: /^\/check$/, weight: checkRequestWeight, bearerIgnored: true },
  { methods: ['POST'], path: /^\/oauth\/token$/, bearerIgnored: true },
  { methods: ['POST'], path: /^\/api\/v1\/lookup$/ },
  { methods: ['GET', 'HEAD'], path: /^\/api\/v1\/(organizations|declarations|awards)(\/.*)?$/ },
  { methods: ['GET', 'HEAD'], path: /^\/api\/v1\/(changes(\/latest)?|open-data\/[^/]+)$/ },
  { methods: ['GET', 'HEAD'], path: /^\/(organizations(\/[^/]+)?|awards|v\/[^/]+)?$/ }, // the public site's search and verification pages
  // Sign-in: each login writes a flow row and each callback calls the provider; passkeys and invitations are guessable by brute force.
  // None of them reads a bearer token (bearerIgnored): one attached, however valid, must not lift the limit.
  { methods: ['GET', 'HEAD'], path: /^\/auth\/(staff-)?oidc\/(login|callback)$/, bearerIgnored: true },
  // A company's self-registration after GビズID asks the 法人番号 Web-API at each view and post.
  { methods: ['GET', 'HEAD', 'POST'], path: /^\/auth\/oidc\/register$/, bearerIgnored: true },
  { methods: ['POST'], path: /^\/auth\/passkey\/.+$/, bearerIgnored: true },
  { methods: ['GET', 'HEAD', 'POST'], path: /^(\/admin)?\/join\/.+$/, bearerIgnored: true },
  // The back office's token form.
  { methods: ['POST'], path: /^\/admin\/login$/, bearerIgnored: true },
];

/** Sets the RateLimit-* headers for one counted request; over the limit, 429 with Retry-After. */
export function enforceRateLimit(c: Context<AppEnv>, state: RateLimitState, source: { ja: string; en: string }) {
  c.header('RateLimit-Limit', String(state.limit));
  c.header('RateLimit-Remaining', String(state.remaining));
  c.header('RateLimit-Reset', String(state.resetSeconds));
  c.header('RateLimit-Policy', `${state.limit};w=60`);
  if (state.allowed) return;
  c.header('Retry-After', String(state.resetSeconds));
  throw new DomainError(
    'rate-limited',
    `${source.ja}リクエストが多すぎます（上限 毎分 ${state.limit} 件）。${state.resetSeconds} 秒後に再度お試しください。`,
    `Too many requests${source.en} (limit ${state.limit} per minute); retry in ${state.resetSeconds} s.`,
    [],
    { retryAfter: state.resetSeconds },
  );
}

/**
 * Per-IP limit on the public endpoints for anonymous callers, with RateLimit-* headers on every
 * limited answer and 429 problem+json + Retry-After when over. A request exempts itself only with
 * a credential that is checked for its route: registry tokens belong to the secretariat and
 * organizations, and partner access tokens have their own per-partner limit (partner-access.ts).
 * A bearer header that fails authentication (401) counts like none, and where the route never
 * reads one (the token endpoint: clients authenticate with Basic or in the body; the sign-in
 * forms and invitation links) the request is always counted.
 *
 * In-memory fixed one-minute windows (the partner limiter). On Node one count for all the
 * WEB_CONCURRENCY workers (`shared`); per isolate on Workers, so with several isolates the
 * effective ceiling is a multiple of the limit. A Durable Object or Cloudflare's own rate
 * limiting rules would make it exact there.
 */
export function publicRateLimit({ perMinute, clientIp, shared, now = Date.now }: PublicRateLimitOptions): MiddlewareHandler<AppEnv> {
  const limiter = createFixedWindowLimiter(shared ? { shared } : {});
  const hit = (c: Context<AppEnv>, weight = 1) => limiter.hit(`ip:${clientIp(c) ?? 'unknown'}`, perMinute, now(), weight);
  const enforce = (c: Context<AppEnv>, state: RateLimitState) => enforceRateLimit(c, state, { ja: 'このアドレスからの', en: ' from this address' });
  return async (c, next) => {
    if (perMinute <= 0) return next();
    const row = RATE_LIMITED.find((r) => r.methods.includes(c.req.method) && r.path.test(c.req.path));
    if (!row) return next();
    // Where the route never reads a bearer (the token endpoint, the sign-in forms), a valid registry
    // token attached by its holder (any organization has one) would otherwise let them guess unlimited.
    const bearer = !row.bearerIgnored && /^bearer\s/i.test(c.req.header('authorization') ?? '');
    if (!bearer) {
      enforce(c, hit(c, row.weight ? await row.weight(c) : 1));
      return next();
    }
    await next();
    if (c.res.status !== 401) return;
    const state = hit(c);
    // The 401's challenge does not belong on the 429 that replaces it.
    if (!state.allowed) c.res.headers.delete('WWW-Authenticate');
    enforce(c, state);
  };
}

/** Workers: Cloudflare sets CF-Connecting-IP to the visitor's address (a client cannot forge it through Cloudflare). */
export const cloudflareClientIp = (c: Context<AppEnv>) => c.req.header('cf-connecting-ip')?.trim() || undefined;

/**
 * The address a trusted reverse proxy saw: the last X-Forwarded-For entry (the one it appended;
 * earlier entries come from the client and can be anything). Assumes exactly one proxy hop.
 */
export function lastForwardedFor(header: string | undefined): string | undefined {
  const last = header?.split(',').pop()?.trim();
  return last || undefined;
}
