import { Hono } from 'hono';
import type { ChangeEventType, Partner, PartnerUsageDay } from '../../domain/partners/model.js';
import type { PartnerInput } from '../../domain/services/partners.js';
import type { Registry } from '../../registry.js';
import type { AppEnv } from '../env.js';
import { parseQuery, readJson, requireSignedIn } from '../request.js';

const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const;

const presentPartner = (p: Partner) => ({
  id: p.id,
  name: p.name,
  kind: p.kind,
  clientId: p.clientId,
  rateLimitPerMinute: p.rateLimitPerMinute,
  createdAt: p.createdAt,
  secretRotatedAt: p.secretRotatedAt,
  deactivatedAt: p.deactivatedAt,
  deactivationReason: p.deactivationReason,
});

/**
 * Partner administration (the secretariat) and each partner's webhooks and delivery log.
 * `:partnerId` is "me" for a partner's own token, or a partner id for the secretariat.
 */
export function partnerRoutes(registry: Registry) {
  const { clients, webhooks, rateLimiter } = registry.partners;
  /** As GET /api/v1/partners lists a partner and GET /api/v1/partners/{id} answers: with its requests this minute and per day. */
  const presentWithUsage = (p: Partner & { usage: PartnerUsageDay[] }, now: number) => ({
    ...presentPartner(p),
    usage: { currentMinute: rateLimiter.current(p.id, now), days: p.usage },
  });
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const now = Date.now();
      const items = await clients.list(requireSignedIn(c));
      return c.json({ items: items.map((p) => presentWithUsage(p, now)) });
    })
    .post('/', async (c) => {
      const ctx = requireSignedIn(c);
      const input = await readJson<PartnerInput>(c, 'partner');
      const { partner, clientSecret } = await clients.register(ctx, input);
      c.header('Cache-Control', 'no-store');
      c.header('Location', `/api/v1/partners/${partner.id}`);
      return c.json({ ...presentPartner(partner), client_id: partner.clientId, client_secret: clientSecret }, 201);
    })
    .get('/:partnerId', async (c) => {
      const partner = await clients.get(requireSignedIn(c), c.req.param('partnerId'));
      return c.json(presentWithUsage(partner, Date.now()));
    })
    .post('/:partnerId/rotate-secret', async (c) => {
      const { partner, clientSecret } = await clients.rotateSecret(requireSignedIn(c), c.req.param('partnerId'));
      c.header('Cache-Control', 'no-store');
      return c.json({ ...presentPartner(partner), client_id: partner.clientId, client_secret: clientSecret });
    })
    .post('/:partnerId/deactivate', async (c) => {
      const ctx = requireSignedIn(c);
      const input = await readJson<{ reason: string }>(c, 'partnerDeactivation');
      return c.json(presentPartner(await clients.deactivate(ctx, c.req.param('partnerId'), input)));
    })
    .post('/:partnerId/reactivate', async (c) => c.json(presentPartner(await clients.reactivate(requireSignedIn(c), c.req.param('partnerId')))))
    .get('/:partnerId/webhooks', async (c) => c.json({ items: await webhooks.list(requireSignedIn(c), c.req.param('partnerId')) }))
    .post('/:partnerId/webhooks', async (c) => {
      const ctx = requireSignedIn(c);
      const input = await readJson<{ url: string; events: ChangeEventType[] }>(c, 'webhook');
      const { webhook, secret } = await webhooks.register(ctx, c.req.param('partnerId'), input);
      c.header('Cache-Control', 'no-store');
      return c.json({ ...webhook, secret }, 201);
    })
    .post('/:partnerId/webhooks/:webhookId/enable', async (c) => c.json(await webhooks.enable(requireSignedIn(c), c.req.param('partnerId'), c.req.param('webhookId'))))
    .delete('/:partnerId/webhooks/:webhookId', async (c) => {
      await webhooks.remove(requireSignedIn(c), c.req.param('partnerId'), c.req.param('webhookId'));
      return c.body(null, 204);
    })
    .get('/:partnerId/deliveries', async (c) => {
      const ctx = requireSignedIn(c);
      const query = parseQuery(c);
      const filters = { status: query.oneOf('status', DELIVERY_STATUSES), ...query.page() };
      query.done();
      return c.json(await webhooks.deliveries(ctx, c.req.param('partnerId'), filters));
    })
    .post('/:partnerId/deliveries/:deliveryId/replay', async (c) => {
      const delivery = await webhooks.replay(requireSignedIn(c), c.req.param('partnerId'), c.req.param('deliveryId'));
      return c.json(delivery, 202);
    });
}
