import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import type { AdminRouteDeps } from './routes.js';

/** Back office: reviews (to be built). */
export function reviewRoutes(_deps: AdminRouteDeps) {
  return new Hono<AppEnv>();
}
