import type { Actor } from '../domain/actor.js';
import type { RequestContext } from '../domain/services/index.js';

/** Hono context variables set by the app's middleware. */
export interface AppEnv {
  Variables: {
    actor: Actor;
    requestId: string;
    ctx: RequestContext;
  };
}
