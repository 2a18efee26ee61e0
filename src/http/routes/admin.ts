import { Hono } from 'hono';
import type { TokenRole } from '../../domain/model.js';
import { invalid } from '../../domain/errors.js';
import { japanDayBounds } from '../../domain/japan-calendar.js';
import type { Registry } from '../../registry.js';
import type { AppEnv } from '../env.js';
import { parseQuery, readJson, readOptionalJson, requireSignedIn } from '../request.js';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;
const EXAMPLE_TIME = '2025-04-01T09:00:00';
/** A date-time that says which instant it is: its offset, Z or ±hh:mm (+09:00 in Japan). */
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Ids, comma-separated (expectCreated). */
const ID_LIST = /^[\w-]{1,64}(,[\w-]{1,64})*$/;

/**
 * The instant a `from`/`to` filter names, as the log stores it (UTC, toISOString): the log's
 * times are compared as strings, so "…+09:00" is read as its instant, not as written. A date
 * alone is a whole day in Japan, as on /admin/audit: `from` its start, `to` the start of the next
 * day (to=from gives that day). A date-time must say its offset: without one, 10:00 could be
 * Japan's or UTC's ('unzoned'). Null for a date or time that does not exist.
 */
function auditBound(value: string | undefined, bound: 'from' | 'to'): string | null | 'unzoned' | undefined {
  if (value === undefined) return undefined;
  if (value.length > 10) {
    if (!ZONED_TIME.test(value)) return /(Z|[+-]\d{2}:\d{2})$/.test(value) ? null : 'unzoned';
    const time = Date.parse(value);
    return Number.isNaN(time) ? null : new Date(time).toISOString();
  }
  const day = japanDayBounds(value);
  return day && (bound === 'to' ? day.end : day.start);
}

/** Secretariat tools: API tokens, the audit log, and the expiry sweep. */
export function adminRoutes(registry: Registry) {
  return new Hono<AppEnv>()
    .get('/tokens', async (c) => c.json({ items: await registry.tokens.list(requireSignedIn(c)) }))
    .post('/tokens', async (c) => {
      const ctx = requireSignedIn(c);
      const input = await readJson<{ role: TokenRole; organizationId?: string | null; label: string }>(c, 'token');
      const { token, secret } = await registry.tokens.create(ctx, input);
      c.header('Cache-Control', 'no-store');
      return c.json({ ...token, token: secret }, 201);
    })
    .delete('/tokens/:id', async (c) => {
      const ctx = requireSignedIn(c);
      const query = parseQuery(c);
      // What the token made goes with it only when asked: see TokenService.revoke.
      const revokeCreated = query.oneOf('revokeCreated', ['true', 'false'] as const) === 'true';
      // What the client saw it made, comma-separated ids: anything else stops the revocation (409).
      const expected = query.string('expectCreated', { max: 12_000, pattern: ID_LIST });
      query.done();
      if (expected !== undefined && !revokeCreated) {
        throw invalid([{ field: 'expectCreated', ja: 'クエリ expectCreated は revokeCreated=true と一緒に指定します。', en: 'Query parameter expectCreated goes with revokeCreated=true.' }]);
      }
      return c.json(await registry.tokens.revoke(ctx, c.req.param('id'), { revokeCreated, ...(expected !== undefined ? { expectCreated: expected.split(',') } : {}) }));
    })
    .get('/audit-log', async (c) => {
      const ctx = requireSignedIn(c);
      const query = parseQuery(c);
      const filters = {
        entityType: query.string('entityType', { max: 40 }),
        entityId: query.string('entityId', { max: 64 }),
        action: query.string('action', { max: 64 }),
        actorTokenId: query.string('actorTokenId', { max: 64 }),
        from: auditBound(query.string('from', { pattern: ISO_TIME }), 'from'),
        to: auditBound(query.string('to', { pattern: ISO_TIME }), 'to'),
        ...query.page(),
      };
      query.done();
      const wrong = (['from', 'to'] as const).filter((field) => filters[field] === null || filters[field] === 'unzoned');
      if (wrong.length > 0) {
        throw invalid(
          wrong.map((field) =>
            filters[field] === 'unzoned'
              ? { field, ja: `クエリ ${field} の日時には時差を付けてください（日本時間なら「${EXAMPLE_TIME}+09:00」、UTC なら「${EXAMPLE_TIME}Z」）。`, en: `Query parameter ${field} must give its offset (${EXAMPLE_TIME}+09:00 for Japan time, ${EXAMPLE_TIME}Z for UTC).` }
              : { field, ja: `クエリ ${field} は実在する日付（YYYY-MM-DD）か日時です。`, en: `Query parameter ${field} must be a real date (YYYY-MM-DD) or date-time.` },
          ),
        );
      }
      const bound = (value: string | null | undefined) => (value === null || value === 'unzoned' ? undefined : value);
      return c.json(await registry.audit.list(ctx, { ...filters, from: bound(filters.from), to: bound(filters.to) }));
    })
    .post('/admin/expire-due', async (c) => {
      const ctx = requireSignedIn(c);
      await readOptionalJson(c, 'declarationAction');
      return c.json({ expired: await registry.declarations.expireDue(ctx) });
    })
    // After a key rotation: re-issues up to `limit` live credentials with the current key; call again until remaining is 0.
    .post('/admin/reissue', async (c) => {
      const ctx = requireSignedIn(c);
      const query = parseQuery(c);
      const limit = query.int('limit', { min: 1, max: 200 }) ?? 50;
      query.done();
      return c.json(await registry.reissue.run(ctx, { limit }));
    });
}
