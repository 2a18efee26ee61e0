import { Hono, type Context } from 'hono';
import { isStaff } from '../../domain/actor.js';
import { forbidden } from '../../domain/errors.js';
import type { RequestContext } from '../../domain/services/index.js';
import { buildStatistics } from '../../domain/statistics.js';
import type { Registry } from '../../registry.js';
import type { AppEnv } from '../env.js';
import { formatAsOf } from '../pages/format.js';
import { requireSignedIn } from '../request.js';
import { StatisticsPage, statisticsPageCsp } from '../statistics/statistics-page.js';

/** The numbers as of now, for any staff member (the JSON, the standalone page, the back office's page). */
export async function loadStatistics(registry: Registry, ctx: RequestContext) {
  if (!isStaff(ctx.actor)) throw forbidden();
  return readStatistics(registry);
}

/** The numbers as of now, for whoever may see them (the public page shows a part of them). */
export async function readStatistics(registry: Registry) {
  const asOf = registry.deps.clock.now();
  const [counts, categories] = await Promise.all([registry.statistics.counts(), registry.deps.repos.awards.categories()]);
  return { asOf, stats: buildStatistics(counts, { asOf: asOf.toISOString(), categories }) };
}

/**
 * The secretariat's numbers for its PDCA cycle: JSON under /api/v1, and a page with charts, for a
 * bearer token of the secretariat. A staff member's session gets the same charts inside the back
 * office instead (src/http/admin/audit-statistics.tsx answers first and passes anything else here).
 */
export function statisticsRoutes(registry: Registry) {
  const load = (c: Context<AppEnv>) => loadStatistics(registry, requireSignedIn(c));

  return new Hono<AppEnv>()
    .get('/api/v1/statistics', async (c) => {
      const { stats } = await load(c);
      return c.json(stats, 200, { 'Cache-Control': 'no-store' });
    })
    .get('/admin/statistics', async (c) => {
      const { stats, asOf } = await load(c);
      const page = StatisticsPage({ stats, asOfLabel: formatAsOf(asOf, 'ja') });
      return c.html(`<!doctype html>${await page}`, 200, { 'Cache-Control': 'no-store', 'Content-Security-Policy': await statisticsPageCsp() });
    });
}
