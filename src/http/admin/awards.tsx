import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import type { AdminRouteDeps } from './routes.js';

/** Back office: awards (to be built). */
export function awardRoutes(_deps: AdminRouteDeps) {
  return new Hono<AppEnv>();
}
