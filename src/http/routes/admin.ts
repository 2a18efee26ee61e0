import { Hono } from 'hono';
import type { TokenRole } from '../../domain/model.js';
import type { Registry } from '../../registry.js';
import type { AppEnv } from '../env.js';
import { parseQuery, readJson, readOptionalJson, requireSignedIn } from '../request.js';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/;

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
    .delete('/tokens/:id', async (c) => c.json(await registry.tokens.revoke(requireSignedIn(c), c.req.param('id'))))
    .get('/audit-log', async (c) => {
      const ctx = requireSignedIn(c);
      const query = parseQuery(c);
      const filters = {
        entityType: query.string('entityType', { max: 40 }),
        entityId: query.string('entityId', { max: 64 }),
        action: query.string('action', { max: 64 }),
        actorTokenId: query.string('actorTokenId', { max: 64 }),
        from: query.string('from', { pattern: ISO_TIME }),
        to: query.string('to', { pattern: ISO_TIME }),
        ...query.page(),
      };
      query.done();
      return c.json(await registry.audit.list(ctx, filters));
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
