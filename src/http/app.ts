import { Hono, type Context } from 'hono';
import { requestId } from 'hono/request-id';
import { DomainError, unauthenticated } from '../domain/errors.js';
import type { Registry } from '../registry.js';
import type { AppEnv } from './env.js';
import { DEFAULT_SITE_FRAME, type SiteFrame, type SiteSettings } from './pages/site-frame.js';
import { problemOf } from './problem.js';
import { adminRoutes } from './routes/admin.js';
import { invitationRoutes } from './routes/invitations.js';
import { awardCodeRoutes, awardRoutes } from './routes/awards.js';
import { declarationRoutes } from './routes/declarations.js';
import { organizationRoutes } from './routes/organizations.js';
import { credentialRoutes } from './routes/credentials.js';
import { lookupRoutes } from './routes/lookup.js';
import { oauthRoutes } from './routes/oauth.js';
import { partnerRoutes } from './routes/partners.js';
import { isPartnerAccessToken, servePartnerRequest } from './partner-access.js';
import { publicSiteRoutes } from './pages/site.js';
import { tooManyRequestsPage } from './pages/too-many-requests-page.js';
import { notFoundAnswer } from './pages/not-found-page.js';
import { chosenJapaneseSticks } from './pages/chosen-japanese.js';
import { allowedMethods } from './allowed-methods.js';
import { webRoutes } from './web/routes.js';
import { crossOrigin } from './cors.js';
import { docsRoutes } from './routes/docs.js';
import { openDataRoutes } from './routes/open-data.js';
import { statisticsRoutes } from './routes/statistics.js';
import { securityHeaders } from './security-headers.js';
import { publicRateLimit, type PublicRateLimitOptions } from './rate-limit.js';
import { accessLog, type AccessLogger } from './access-log.js';
import { readinessRoutes } from './routes/readiness.js';
import { IDEMPOTENT_POSTS, idempotencyKeys } from './idempotency.js';
import { compression } from './compression.js';

export interface AppDeps {
  registry: Registry;
  /** The address people and credentials use, without a trailing slash. */
  publicBaseUrl: string;
  /** SVG → PNG for badge.png; Node passes resvg, the Worker has none (badge.png answers 501). */
  renderPng?: (svg: string, options: { width: number }) => Promise<Uint8Array>;
  /** Where unexpected errors go (never the response). */
  logError?: (error: unknown, requestId: string) => void;
  /** One structured line per request (src/http/access-log.ts); none when absent. */
  accessLog?: AccessLogger;
  /** Per-IP limit on the public endpoints for anonymous callers (src/http/rate-limit.ts); none when absent. */
  publicRateLimit?: Omit<PublicRateLimitOptions, 'now'>;
  /** A trivial database query for GET /readyz (adapters/kysely/ping.ts); without it /readyz reports the database as failed. */
  pingDatabase?: () => Promise<void>;
  /** The operator and footer links of the pages (SITE_* settings); neutral defaults when absent. */
  site?: SiteSettings;
  /** gzip text answers for clients that ask (src/http/compression.ts): Node sets it; on Workers Cloudflare's edge compresses. */
  compress?: boolean;
}

/** Workers give each request an ExecutionContext; Node does not (Hono's getter throws then). */
function executionContextOf(c: Context<AppEnv>): Context<AppEnv>['executionCtx'] | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}

/** The whole HTTP API as one Hono app; each runtime's entry point only builds `deps`. */
export function createApp(deps: AppDeps) {
  const { registry, publicBaseUrl } = deps;
  const app = new Hono<AppEnv>();

  const site: SiteFrame = { ...DEFAULT_SITE_FRAME, ...deps.site, publicBaseUrl };
  // A page shown again after a button's expired token is its own GET route's answer (web/page-again.ts).
  // Made once, not per request: only that rare path asks for the execution context (a throw on Node).
  const ownFetch = async (c: Context<AppEnv>, request: Request) => app.fetch(request, c.env, executionContextOf(c));
  app.use(requestId({ limitLength: 64 }));
  // Outermost but for the request ID: it sees every answer as finished, error pages and security headers included.
  if (deps.compress) app.use(compression());
  // Per app, per request: the pages' frame reads it through a render context (site-frame.ts).
  app.use(async (c, next) => {
    c.set('site', site);
    c.set('ownFetch', ownFetch);
    await next();
  });
  if (deps.accessLog) app.use(accessLog(deps.accessLog));
  // Japanese chosen on a browser that prefers English stays chosen on every page's links and redirects.
  app.use(chosenJapaneseSticks());
  app.use(securityHeaders({ publicBaseUrl }));
  // First, so preflights are answered and even a 401 carries CORS headers a page can read.
  app.use(crossOrigin());
  // Before the token endpoint and authentication, so a flood of anonymous requests costs no database work.
  if (deps.publicRateLimit) app.use(publicRateLimit(deps.publicRateLimit));
  // Before bearer authentication: the token endpoint authenticates clients by their own credentials.
  app.route('/oauth', oauthRoutes(registry));
  app.use(async (c, next) => {
    c.set('actor', { role: 'public' });
    c.set('ctx', { actor: { role: 'public' }, requestId: c.var.requestId });
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+([\x21-\x7e]{1,2048})$/i.exec(header.trim()); // partner JWTs run to ~600 characters
      if (!match) throw unauthenticated();
      if (isPartnerAccessToken(match[1]!)) return servePartnerRequest(c, next, registry, match[1]!);
      const actor = await registry.tokens.authenticate(match[1]!);
      c.set('actor', actor);
      c.set('ctx', { actor, requestId: c.var.requestId });
    }
    await next();
  });

  // After authentication (keys are scoped to the caller), before the routes that create things.
  if (registry.idempotency) for (const path of IDEMPOTENT_POSTS) app.use(path, idempotencyKeys(registry.idempotency));
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.route('/', readinessRoutes({ registry, publicBaseUrl, pingDatabase: deps.pingDatabase }));

  const api = new Hono<AppEnv>()
    .route('/', lookupRoutes(registry, publicBaseUrl))
    .route('/partners', partnerRoutes(registry))
    .route('/organizations', organizationRoutes(registry))
    .route('/declarations', declarationRoutes(registry))
    .route('/awards', awardRoutes(registry))
    .route('/award-categories', awardCodeRoutes(registry, 'category'))
    .route('/award-divisions', awardCodeRoutes(registry, 'division'))
    .route('/', adminRoutes(registry))
    .route('/', invitationRoutes(registry));
  app.route('/', credentialRoutes(registry));
  app.route('/', webRoutes({ registry, publicBaseUrl, logError: deps.logError, pngBadge: !!deps.renderPng }));
  app.route('/', publicSiteRoutes(deps));
  app.route('/api/v1', api);
  app.route('/api/v1/open-data', openDataRoutes(registry));
  app.route('/', statisticsRoutes(registry));
  app.route('/', docsRoutes(deps));

  // A page in the site's frame for browsers, problem+json for API clients (pages/not-found-page.tsx).
  const methodsAt = allowedMethods(app);
  app.notFound((c) => notFoundAnswer(c, publicBaseUrl, methodsAt));

  app.onError(async (error, c) => {
    const requestIdValue = c.var.requestId ?? '';
    const domainError =
      error instanceof DomainError
        ? error
        : (deps.logError?.(error, requestIdValue),
          new DomainError('internal', '内部エラーが発生しました。時間をおいて再度お試しください。', 'An internal error occurred; please retry later.'));
    const { status, body } = problemOf(domainError, { baseUrl: publicBaseUrl, instance: c.req.path, requestId: requestIdValue });
    if (status === 429) {
      const page = await tooManyRequestsPage(c, domainError);
      if (page) return page;
    }
    // RFC 6750 §3.1: a token that was sent and refused is invalid_token; a request without one gets no error code.
    const bearer = /^bearer\s/i.test(c.req.header('authorization') ?? '');
    if (status === 401) c.header('WWW-Authenticate', bearer ? 'Bearer realm="registry", error="invalid_token"' : 'Bearer realm="registry"');
    // §3.1 again: a valid token refused for what it may not do (an organization's token on another's
    // records, a partner's outside "lookup", a reviewer's token suspending). No scope is named: the
    // one scope a client can obtain is the partner's; the rest needs another of the registry's tokens.
    if (status === 403 && bearer) c.header('WWW-Authenticate', 'Bearer realm="registry", error="insufficient_scope"');
    return c.json(body, status, { 'Content-Type': 'application/problem+json' });
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
