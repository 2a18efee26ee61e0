import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { DomainError, unauthenticated } from '../domain/errors.js';
import type { Registry } from '../registry.js';
import type { AppEnv } from './env.js';
import { problemOf } from './problem.js';
import { adminRoutes } from './routes/admin.js';
import { awardCodeRoutes, awardRoutes } from './routes/awards.js';
import { declarationRoutes } from './routes/declarations.js';
import { organizationRoutes } from './routes/organizations.js';
import { credentialRoutes } from './routes/credentials.js';

export interface AppDeps {
  registry: Registry;
  /** The address people and credentials use, without a trailing slash. */
  publicBaseUrl: string;
  /** Where unexpected errors go (never the response). */
  logError?: (error: unknown, requestId: string) => void;
}

/** The whole HTTP API as one Hono app; each runtime's entry point only builds `deps`. */
export function createApp(deps: AppDeps) {
  const { registry, publicBaseUrl } = deps;
  const app = new Hono<AppEnv>();

  app.use(requestId({ limitLength: 64 }));
  app.use(async (c, next) => {
    c.set('actor', { role: 'public' });
    c.set('ctx', { actor: { role: 'public' }, requestId: c.var.requestId });
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+([\x21-\x7e]{1,512})$/i.exec(header.trim());
      if (!match) throw unauthenticated();
      const actor = await registry.tokens.authenticate(match[1]!);
      c.set('actor', actor);
      c.set('ctx', { actor, requestId: c.var.requestId });
    }
    await next();
  });

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  const api = new Hono<AppEnv>()
    .route('/organizations', organizationRoutes(registry))
    .route('/declarations', declarationRoutes(registry))
    .route('/awards', awardRoutes(registry))
    .route('/award-categories', awardCodeRoutes(registry, 'category'))
    .route('/award-divisions', awardCodeRoutes(registry, 'division'))
    .route('/', adminRoutes(registry));
  app.route('/', credentialRoutes(registry));
  app.route('/api/v1', api);

  app.notFound((c) => {
    const { status, body } = problemOf(
      new DomainError('not-found', 'このアドレスには何もありません。', 'There is nothing at this address.'),
      { baseUrl: publicBaseUrl, instance: c.req.path, requestId: c.var.requestId },
    );
    return c.json(body, status, { 'Content-Type': 'application/problem+json' });
  });

  app.onError((error, c) => {
    const requestIdValue = c.var.requestId ?? '';
    const domainError =
      error instanceof DomainError
        ? error
        : (deps.logError?.(error, requestIdValue),
          new DomainError('internal', '内部エラーが発生しました。時間をおいて再度お試しください。', 'An internal error occurred; please retry later.'));
    const { status, body } = problemOf(domainError, { baseUrl: publicBaseUrl, instance: c.req.path, requestId: requestIdValue });
    if (status === 401) c.header('WWW-Authenticate', 'Bearer realm="registry"');
    return c.json(body, status, { 'Content-Type': 'application/problem+json' });
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
