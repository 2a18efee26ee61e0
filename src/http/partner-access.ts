import type { Context, Next } from 'hono';
import { DomainError } from '../domain/errors.js';
import type { Registry } from '../registry.js';
import type { AppEnv } from './env.js';

/** Registry API tokens are "trr_…"; partner access tokens are JWTs (three base64url parts). */
export const isPartnerAccessToken = (token: string) => /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(token);

const rateLimited = (retryAfter: number, limit: number) =>
  new DomainError(
    'rate-limited',
    `リクエストが多すぎます（上限 毎分 ${limit} 件）。${retryAfter} 秒後に再度お試しください。`,
    `Too many requests (limit ${limit} per minute); retry in ${retryAfter} s.`,
    [],
    { retryAfter },
  );

/**
 * Serves one request made with a partner access token: authenticates it, applies the partner's
 * per-minute limit with RateLimit headers on every response (429 + Retry-After when over), and
 * counts the request in today's usage once it was served (rejected requests change nothing stored).
 */
export async function servePartnerRequest(c: Context<AppEnv>, next: Next, registry: Registry, token: string) {
  const { clients, rateLimiter } = registry.partners;
  const partner = await clients.authenticate(token);
  const actor = { role: 'partner' as const, partnerId: partner.id };
  c.set('actor', actor);
  c.set('ctx', { actor, requestId: c.var.requestId });

  const state = rateLimiter.hit(partner.id, partner.rateLimitPerMinute, Date.now());
  c.header('RateLimit-Limit', String(state.limit));
  c.header('RateLimit-Remaining', String(state.remaining));
  c.header('RateLimit-Reset', String(state.resetSeconds));
  c.header('RateLimit-Policy', `${state.limit};w=60`);
  if (!state.allowed) {
    c.header('Retry-After', String(state.resetSeconds));
    throw rateLimited(state.resetSeconds, state.limit);
  }
  await next();
  if (c.res.status < 400) await clients.countRequest(partner.id);
}
