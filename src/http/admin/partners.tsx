import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import type { AdminRouteDeps } from './routes.js';

/** Back office: partners (to be built). */
export function partnerRoutes(_deps: AdminRouteDeps) {
  return new Hono<AppEnv>();
}
