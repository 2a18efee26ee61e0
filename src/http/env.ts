import type { Context } from 'hono';
import type { Actor } from '../domain/actor.js';
import type { RequestContext } from '../domain/services/index.js';
import type { WebSession } from './auth/session.js';
import type { SiteFrame } from './pages/site-frame.js';

/** Hono context variables set by the app's middleware. */
export interface AppEnv {
  Variables: {
    actor: Actor;
    requestId: string;
    ctx: RequestContext;
    /** The signed-in person on the web pages (src/http/auth/session.ts); null when none, unset outside them. */
    web: WebSession | null;
    /** The operator and links every page's frame shows (set by createApp from the configuration). */
    site: SiteFrame;
    /** The whole app, answering a request made here (set by createApp): a page rendered again (web/page-again.ts). */
    ownFetch: ((c: Context<AppEnv>, request: Request) => Promise<Response>) | undefined;
  };
}
