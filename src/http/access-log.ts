import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';

/** One line per request. Only what is listed here is logged: never headers, query strings or bodies. */
export interface AccessLogEntry {
  requestId: string;
  method: string;
  /** The path without the query string (which may carry secrets), cut to 512 characters. */
  path: string;
  status: number;
  durationMs: number;
  /** Who asked: public, admin, organization, partner (a failed sign-in stays public). */
  actor: string;
}

/** An invitation link's token (an organization's or the staff's) is a secret until used: the log keeps the route, not the token. */
const withoutSecrets = (path: string) => path.replace(/^(\/admin)?\/join\/[^/]+/, '$1/join/{token}');

/** Where access lines go: Node writes JSON lines through its logger, the Worker through console. */
export type AccessLogger = (entry: AccessLogEntry, level: 'info' | 'error') => void;

/**
 * Structured access log, outermost after the request id so it sees every answer (errors, 404s,
 * refused preflights, rate-limited requests). 5xx answers are logged at level error.
 */
export function accessLog(log: AccessLogger, now: () => number = () => performance.now()): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = now();
    try {
      await next();
    } finally {
      const status = c.res.status;
      const actor = c.get('actor')?.role ?? 'public';
      try {
        log(
          { requestId: c.var.requestId, method: c.req.method, path: withoutSecrets(c.req.path).slice(0, 512), status, durationMs: Math.round((now() - started) * 10) / 10, actor },
          status >= 500 ? 'error' : 'info',
        );
      } catch {
        /* a broken log sink must not break the answer */
      }
    }
  };
}
