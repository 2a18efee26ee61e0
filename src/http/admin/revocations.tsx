import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import type { AdminRouteDeps } from './routes.js';

/** Back office: revocations (to be built). */
export function revocationRoutes(_deps: AdminRouteDeps) {
  return new Hono<AppEnv>();
}
