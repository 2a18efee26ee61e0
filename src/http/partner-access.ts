import type { Context, Next } from 'hono';
import type { Registry } from '../registry.js';
import type { AppEnv } from './env.js';
import { enforceRateLimit } from './rate-limit.js';

/** Registry API tokens are "trr_…"; partner access tokens are JWTs (three base64url parts). */
export const isPartnerAccessToken = (token: string) => /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(token);

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

  enforceRateLimit(c, rateLimiter.hit(partner.id, partner.rateLimitPerMinute, Date.now()), { ja: '', en: '' });
  await next();
  if (c.res.status < 400) await clients.countRequest(partner.id);
}
