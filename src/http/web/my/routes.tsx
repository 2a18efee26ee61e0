// The signed-in organization's pages, mounted at /my by src/http/web/routes.tsx (after the session
// middleware). Each page checks for a member itself (not signed in: 302 to /login?next=…), and
// every post reads its form with readCheckedForm (size limit and CSRF token) before anything else.
import { Hono } from 'hono';
import type { AppEnv } from '../../env.js';
import type { WebRouteDeps } from '../routes.js';
import { webErrorResponse } from '../routes.js';
import { badgeRoutes } from './badges.js';
import { dashboardRoutes } from './dashboard-routes.js';
import { declarationRoutes } from './declaration-routes.js';
import { historyRoutes } from './history.js';
import { memberRoutes } from './members-routes.js';
import { profileRoutes } from './profile.js';

export type MyRouteDeps = WebRouteDeps;

export function myRoutes(deps: MyRouteDeps) {
  const app = new Hono<AppEnv>()
    .route('/', dashboardRoutes(deps))
    .route('/', declarationRoutes(deps))
    .route('/', historyRoutes(deps))
    .route('/', badgeRoutes(deps))
    .route('/', memberRoutes(deps))
    .route('/', profileRoutes(deps));
  app.onError((error, c) => webErrorResponse(c, error, deps.logError));
  return app;
}
