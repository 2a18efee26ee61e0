import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import type { AdminRouteDeps } from './routes.js';

/** Back office: staff (to be built). */
export function staffRoutes(_deps: AdminRouteDeps) {
  return new Hono<AppEnv>();
}
