import { isAdmin } from '../actor.js';
import type { Actor } from '../actor.js';
import { concurrentChange, conflict, DomainError, forbidden, invalid, notFound } from '../errors.js';
import type { Page } from '../model.js';
import type { ChangeEventType, Delivery, Webhook } from '../partners/model.js';
import { CHANGE_EVENT_TYPES } from '../partners/model.js';
import { generateWebhookSecret } from '../partners/webhook-signature.js';
import { checkWebhookUrl } from '../partners/webhook-url.js';
import type { AuditRepository } from '../../ports/repositories.js';
import type { DeliveryQuery, DeliveryStore, PartnerRepository, WebhookRepository } from '../../ports/partners.js';
import { WriteConflict, type UnitOfWork } from '../../ports/store.js';
import { auditEntry, type Clock, type RequestContext } from './context.js';

/** Exported so that the API document states the very limit enforced here (409 beyond it). */
export const MAX_WEBHOOKS_PER_PARTNER = 10;
const WEBHOOK = { ja: 'Webhook', en: 'Webhook' };
const DELIVERY = { ja: '配信記録', en: 'Delivery' };

/**
 * A deactivated partner's webhook would receive nothing until reactivation, and nothing would say
 * so: registering or enabling one, or replaying a delivery, is refused (409) rather than kept unsaid.
 */
const DEACTIVATED_REFUSALS = {
  register: { ja: 'Webhook を登録できません。パートナーを再開してから登録してください。', en: 'registering a webhook' },
  enable: { ja: 'Webhook を有効に戻せません。パートナーを再開してから有効に戻してください。', en: 'enabling a webhook' },
  replay: { ja: '配信を再送できません。パートナーを再開してから再送してください。', en: 'replaying a delivery' },
};
const partnerDeactivated = (action: keyof typeof DEACTIVATED_REFUSALS) =>
  conflict(`このパートナーは停止中のため、${DEACTIVATED_REFUSALS[action].ja}`, `The partner is deactivated: reactivate it before ${DEACTIVATED_REFUSALS[action].en}.`, { currentStatus: 'deactivated' });
/**
 * The limit counts every webhook a partner holds, disabled ones included: they keep their URL,
 * events and secret to be enabled again, and a limit that ignored them would let disabled ones pile
 * up without end. So the message says which to delete to make room.
 */
const overLimit = (held: readonly Webhook[]) => {
  const disabled = held.filter((w) => w.disabledAt).length;
  return conflict(
    `Webhook は1つのパートナーにつき ${MAX_WEBHOOKS_PER_PARTNER} 件まで登録できます（無効になったものも数えます）。` +
      (disabled > 0 ? `無効になった Webhook が ${disabled} 件あります。不要なものを削除してから登録してください。` : '不要な Webhook を削除してから登録してください。'),
    `A partner may hold at most ${MAX_WEBHOOKS_PER_PARTNER} webhooks, disabled ones included. ` +
      (disabled > 0 ? `${disabled} of them ${disabled === 1 ? 'is' : 'are'} disabled: delete one no longer needed, then register again.` : 'Delete one no longer needed, then register again.'),
    { limit: MAX_WEBHOOKS_PER_PARTNER, disabledWebhooks: disabled },
  );
};
/** The stored URL as the URL parser writes it: rows stored before checkWebhookUrl normalized them compare the same. */
const sameUrl = (a: string, b: string) => (URL.canParse(a) ? new URL(a).href : a) === (URL.canParse(b) ? new URL(b).href : b);
/**
 * A second webhook of one partner to the same URL would receive every change twice (a double
 * click, a reload of the form, a client retrying): refused, naming the one that holds the URL. Its
 * signing secret is not shown again, so the way out for a lost secret is deleting it first.
 */
const duplicateUrl = (existing: Webhook) => {
  const state = existing.disabledAt ? { ja: '、無効（410 Gone）', en: ', disabled after a 410 Gone' } : { ja: '', en: '' };
  const message = {
    ja: `この URL の Webhook はすでに登録されています（ID ${existing.id}、${existing.createdAt} 登録${state.ja}）。同じ変更が二度届くため、重ねては登録できません。署名シークレットを控えていない場合は、登録済みのものを削除してから登録し直してください。`,
    en: `A webhook to this URL is already registered (id ${existing.id}, registered ${existing.createdAt}${state.en}); another would receive every change twice. If you did not keep its signing secret, delete it and register again.`,
  };
  return new DomainError('conflict', message.ja, message.en, [{ field: '/url', ...message }], { existingWebhookId: existing.id });
};
const notDisabled = () => conflict('この Webhook は無効になっていません。', 'The webhook is not disabled.', { currentStatus: 'enabled' });
const disabledWebhook = () =>
  conflict('この Webhook は無効になっています（受信側が 410 Gone を返しました）。有効に戻してから再送してください。', 'The webhook is disabled (its receiver answered 410 Gone): enable it before replaying.', { currentStatus: 'disabled' });

export interface WebhookServiceDeps {
  partners: PartnerRepository;
  webhooks: WebhookRepository;
  deliveries: DeliveryStore;
  audit: AuditRepository;
  uow: UnitOfWork;
  clock: Clock;
  newId(): string;
  allowInsecureLocalhost: boolean;
}

/**
 * Webhook subscriptions and the delivery log. `partnerRef` is "me" for the partner itself or a
 * partner id, which the secretariat uses to act on a partner's behalf.
 */
export function createWebhookService(deps: WebhookServiceDeps) {
  const { webhooks, deliveries, uow, clock } = deps;

  async function partnerIdFor(actor: Actor, partnerRef: string): Promise<string> {
    if (actor.role === 'partner') {
      if (partnerRef !== 'me' && partnerRef !== actor.partnerId) throw forbidden();
      return actor.partnerId;
    }
    // Partners' webhooks hold signing secrets: administrators only (not reviewers or viewers).
    if (!isAdmin(actor)) throw forbidden();
    const partner = partnerRef === 'me' ? null : await deps.partners.get(partnerRef);
    if (!partner) throw notFound({ ja: 'パートナー', en: 'Partner' });
    return partner.id;
  }

  const isDeactivated = async (partnerId: string) => Boolean((await deps.partners.get(partnerId))?.deactivatedAt);

  return {
    /** The secret is returned once; the registry signs every delivery to this endpoint with it. */
    async register(ctx: RequestContext, partnerRef: string, input: { url: string; events: ChangeEventType[] }): Promise<{ webhook: Webhook; secret: string }> {
      const partnerId = await partnerIdFor(ctx.actor, partnerRef);
      if (await isDeactivated(partnerId)) throw partnerDeactivated('register');
      const url = checkWebhookUrl(input.url, { allowInsecureLocalhost: deps.allowInsecureLocalhost });
      const events = [...new Set(input.events)].filter((e) => CHANGE_EVENT_TYPES.includes(e));
      if (events.length === 0) throw invalid([{ field: '/events', ja: 'イベント種別を1つ以上指定してください。', en: 'events must name at least one event type.' }]);
      const held = await webhooks.listByPartner(partnerId);
      const twin = held.find((w) => sameUrl(w.url, url));
      if (twin) throw duplicateUrl(twin);
      if (held.length >= MAX_WEBHOOKS_PER_PARTNER) throw overLimit(held);
      const webhook: Webhook = { id: deps.newId(), partnerId, url, events, createdAt: clock.now().toISOString(), disabledAt: null, disabledReason: null };
      const secret = generateWebhookSecret();
      try {
        await uow.commit([
          ...webhooks.insert(webhook, secret, { limit: MAX_WEBHOOKS_PER_PARTNER }),
          deps.audit.append(auditEntry(ctx, webhook.createdAt, { action: 'webhook.create', entityType: 'webhook', entityId: webhook.id, before: null, after: webhook })),
        ]);
      } catch (error) {
        if (!(error instanceof WriteConflict)) throw error;
        // The insert found the partner deactivated, the URL taken, or the limit reached, since the checks above (it re-checks them as it writes).
        if (await isDeactivated(partnerId)) throw partnerDeactivated('register');
        const heldNow = await webhooks.listByPartner(partnerId);
        const twinNow = heldNow.find((w) => sameUrl(w.url, url));
        if (twinNow) throw duplicateUrl(twinNow);
        // Under the limit again by now (one removed meanwhile): trying once more will do.
        throw heldNow.length >= MAX_WEBHOOKS_PER_PARTNER ? overLimit(heldNow) : concurrentChange();
      }
      return { webhook, secret };
    },

    async list(ctx: RequestContext, partnerRef: string): Promise<Webhook[]> {
      return webhooks.listByPartner(await partnerIdFor(ctx.actor, partnerRef));
    },

    /** Stops new deliveries; pending ones are cancelled when the dispatcher reaches them. */
    async remove(ctx: RequestContext, partnerRef: string, id: string): Promise<void> {
      const partnerId = await partnerIdFor(ctx.actor, partnerRef);
      const webhook = await webhooks.get(id);
      if (!webhook || webhook.partnerId !== partnerId || webhook.deletedAt) throw notFound(WEBHOOK);
      const at = clock.now().toISOString();
      await uow.commit([
        ...webhooks.remove(id, at),
        deps.audit.append(auditEntry(ctx, at, { action: 'webhook.delete', entityType: 'webhook', entityId: id, before: webhook, after: null })),
      ]);
    },

    /**
     * Enables a webhook the registry disabled after its receiver answered 410 Gone: events from now
     * on are delivered to it again. Those that happened while it was disabled are not sent (as
     * for a reactivated partner): the partner reads them from the change feed
     * (GET /api/v1/changes?after=the last cursor it processed), or replays chosen deliveries.
     * Refused while the partner is deactivated (only the secretariat could try: the partner's own
     * tokens are refused then): it would still receive nothing, so it is reactivated first.
     */
    async enable(ctx: RequestContext, partnerRef: string, id: string): Promise<Webhook> {
      const partnerId = await partnerIdFor(ctx.actor, partnerRef);
      const found = await webhooks.get(id);
      if (!found || found.partnerId !== partnerId || found.deletedAt) throw notFound(WEBHOOK);
      const { deletedAt: _deleted, ...before } = found;
      if (!before.disabledAt) throw notDisabled();
      if (await isDeactivated(partnerId)) throw partnerDeactivated('enable');
      const after: Webhook = { ...before, disabledAt: null, disabledReason: null };
      const at = clock.now().toISOString();
      try {
        await uow.commit([
          ...webhooks.enable(id),
          deps.audit.append(auditEntry(ctx, at, { action: 'webhook.enable', entityType: 'webhook', entityId: id, before, after })),
        ]);
      } catch (error) {
        // Enabled (or removed) meanwhile by someone else, or the partner deactivated since the check above.
        if (error instanceof WriteConflict) throw (await isDeactivated(partnerId)) ? partnerDeactivated('enable') : notDisabled();
        throw error;
      }
      return after;
    },

    async deliveries(ctx: RequestContext, partnerRef: string, query: Omit<DeliveryQuery, 'partnerId'>): Promise<Page<Delivery>> {
      return deliveries.list({ ...query, partnerId: await partnerIdFor(ctx.actor, partnerRef) });
    },

    /** Sends the same event again as a new delivery (a new Webhook-Id, so receivers do not drop it as a duplicate). */
    async replay(ctx: RequestContext, partnerRef: string, deliveryId: string): Promise<Delivery> {
      const partnerId = await partnerIdFor(ctx.actor, partnerRef);
      const original = await deliveries.get(deliveryId);
      if (!original || original.partnerId !== partnerId) throw notFound(DELIVERY);
      const webhook = await webhooks.get(original.webhookId);
      if (!webhook || webhook.deletedAt) throw conflict('この Webhook は削除されています。', 'The webhook of this delivery was deleted.');
      if (webhook.disabledAt) throw disabledWebhook();
      if (await isDeactivated(partnerId)) throw partnerDeactivated('replay');
      const id = `msg_${deps.newId().replace(/-/g, '')}`;
      const now = clock.now();
      await uow.commit(deliveries.replay({ id: original.id, webhookId: original.webhookId, partnerId, eventSeq: original.eventSeq }, id, now.getTime(), now.toISOString()));
      // As the delivery log lists it: the row's partner and event sequence are bookkeeping, not part of a Delivery.
      const { partnerId: _partner, eventSeq: _event, ...replayed } = (await deliveries.get(id))!;
      return replayed;
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
