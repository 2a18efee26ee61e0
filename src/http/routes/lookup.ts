import { Hono } from 'hono';
import { forbidden } from '../../domain/errors.js';
import type { Registry } from '../../registry.js';
import type { AppEnv } from '../env.js';
import { presentLookupMatch, presentLookupResult } from '../present-lookup.js';
import { parseQuery, readJson, requireSignedIn } from '../request.js';

/**
 * Lookups for recruiting sites: one organization by 法人番号 (anyone), and in bulk (partners and
 * the secretariat). Every answer carries `asOf`, the moment the registry's data was read.
 */
export function lookupRoutes(registry: Registry, baseUrl: string) {
  const { lookup, changes } = registry.partners;
  return new Hono<AppEnv>()
    .get('/organizations/by-corporate-number/:corporateNumber', async (c) => {
      const on = c.req.query('on');
      const { asOf, match } = await lookup.byCorporateNumber(c.req.param('corporateNumber'), on);
      return c.json({ asOf, ...(on === undefined ? {} : { on }), ...presentLookupMatch(match, baseUrl) });
    })
    .post('/lookup', async (c) => {
      const ctx = requireSignedIn(c);
      if (ctx.actor.role !== 'partner' && ctx.actor.role !== 'admin') throw forbidden();
      const input = await readJson<{ corporateNumbers?: string[]; credentialIds?: string[]; on?: string }>(c, 'lookup');
      const { asOf, results } = await lookup.bulk(input);
      return c.json({ asOf, ...(input.on === undefined ? {} : { on: input.on }), results: results.map((r) => presentLookupResult(r, baseUrl)) });
    })
    .get('/changes', async (c) => {
      const query = parseQuery(c);
      const after = query.string('after', { max: 20 });
      const limit = query.int('limit', { min: 1, max: 500 }) ?? 100;
      query.done();
      return c.json(await changes.read({ after, limit }));
    })
    .get('/changes/latest', async (c) => c.json({ cursor: await changes.latest() }));
}
