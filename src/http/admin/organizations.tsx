import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import type { AdminRouteDeps } from './routes.js';

/** Back office: organizations (to be built). */
export function organizationRoutes(_deps: AdminRouteDeps) {
  return new Hono<AppEnv>();
}
