import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import type { AdminRouteDeps } from './routes.js';

/** Back office: audit (to be built). */
export function auditRoutes(_deps: AdminRouteDeps) {
  return new Hono<AppEnv>();
}
