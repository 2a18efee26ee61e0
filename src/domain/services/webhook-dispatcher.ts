import type { ClaimedDelivery, DeliveryOutcome, DeliveryStore, WebhookRepository, WebhookSender } from '../../ports/partners.js';
import type { AuditRepository } from '../../ports/repositories.js';
import { WriteConflict, type UnitOfWork } from '../../ports/store.js';
import { signWebhook } from '../partners/webhook-signature.js';
import { auditEntry, type Clock, type RequestContext } from './context.js';
import { createDrain } from './drain.js';

export interface DispatcherOptions {
  store: DeliveryStore;
  /** A 410 Gone disables the webhook, in the same batch as the delivery's outcome and its audit entry. */
  webhooks: WebhookRepository;
  audit: AuditRepository;
  sender: WebhookSender;
  uow: UnitOfWork;
  clock: Clock;
  newId(): string;
  /** First retry delay; each further retry doubles it (1 s, 2 s, 4 s, … by default). */
  retryBaseMs?: number;
  retryCapMs?: number;
  /** Attempts before a delivery is marked failed (it can still be replayed from the log). */
  maxAttempts?: number;
  timeoutMs?: number;
  /** Deliveries sent at once; one slow receiver does not hold up the others beyond this. */
  concurrency?: number;
  batchSize?: number;
}

/** How often a run looks for new work while a slow receiver holds a slot. */
const POLL_MS = 25;

/** The delivery log's reason for a delivery the receiver answered 410 Gone; its webhook is disabled with it. */
export const GONE_ERROR = 'HTTP 410 Gone: the receiver says this endpoint no longer exists; not retried, and the webhook is disabled. Enable it again once the endpoint is back, then catch up from the change feed.';
/** The last error of a delivery cancelled because its webhook was disabled after a 410 Gone. */
export const WEBHOOK_DISABLED_ERROR = 'webhook disabled (410 Gone)';
/** Why the webhook was disabled, as its disabledReason says. */
export const goneReason = (deliveryId: string) => `The receiver answered 410 Gone to delivery ${deliveryId}: the endpoint no longer exists, so nothing more is sent to it.`;
/** Whose doing a webhook disabled by a 410 Gone is, in the audit log (actor role system:webhook-dispatcher). */
const DISPATCHER: RequestContext = { actor: { role: 'system', process: 'webhook-dispatcher' }, requestId: null };

/** Delay before attempt n+1 after n failed attempts. */
export const backoffMs = (attempts: number, base: number, cap: number) => Math.min(cap, base * 2 ** Math.max(0, attempts - 1));

/**
 * Delivers outbox rows at least once. Each run leases due deliveries in the database (so two
 * runs, processes or isolates never send the same one at once, and a crashed run's lease lapses
 * and is taken over), POSTs them signed, then records each outcome and schedules retries.
 */
export function createWebhookDispatcher({
  store, webhooks, audit, sender, uow, clock, newId,
  retryBaseMs = 1000, retryCapMs = 3_600_000, maxAttempts = 12, timeoutMs = 10_000, concurrency = 32, batchSize = 200,
}: DispatcherOptions) {
  const leaseMs = timeoutMs * 2 + 5_000;

  async function attempt(delivery: ClaimedDelivery, owner: string): Promise<DeliveryOutcome> {
    const base = { id: delivery.id, leaseOwner: owner, attempts: delivery.attempts + 1, at: clock.now().toISOString() };
    if (delivery.webhookDeleted) return { ...base, attempts: delivery.attempts, status: 'cancelled', nextAttemptAt: 0, statusCode: null, error: 'webhook deleted' };
    if (delivery.webhookDisabled) return { ...base, attempts: delivery.attempts, status: 'cancelled', nextAttemptAt: 0, statusCode: null, error: WEBHOOK_DISABLED_ERROR };
    const { event } = delivery;
    const body = JSON.stringify({ id: event.id, type: event.type, timestamp: event.occurredAt, subject: event.subject, data: event.data });
    const timestamp = Math.floor(clock.now().getTime() / 1000);
    const signature = await signWebhook({ secret: delivery.secret, id: delivery.id, timestamp, body });
    const result = await sender.send({
      url: delivery.url,
      body,
      timeoutMs,
      headers: { 'content-type': 'application/json', 'webhook-id': delivery.id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature },
    });
    if (result.ok) return { ...base, status: 'delivered', nextAttemptAt: 0, statusCode: result.statusCode, error: null };
    // 410 Gone says the endpoint is gone for good (RFC 9110 §15.5.11): retrying for an hour would
    // only knock on a door that was removed, and so would every later event (recordGone disables
    // the webhook). Other failures may be passing, so they are retried.
    if (result.statusCode === 410) return { ...base, status: 'failed', nextAttemptAt: 0, statusCode: 410, error: GONE_ERROR };
    const exhausted = base.attempts >= maxAttempts;
    return {
      ...base,
      status: exhausted ? 'failed' : 'pending',
      nextAttemptAt: clock.now().getTime() + backoffMs(base.attempts, retryBaseMs, retryCapMs),
      statusCode: result.statusCode,
      error: result.error,
    };
  }

  /** An attempt that threw (a signing or bookkeeping fault, not the receiver's answer) is retried like a failed send. */
  async function settled(delivery: ClaimedDelivery, owner: string): Promise<DeliveryOutcome> {
    try {
      return await attempt(delivery, owner);
    } catch (error) {
      const attempts = delivery.attempts + 1;
      const at = clock.now();
      return {
        id: delivery.id, leaseOwner: owner, attempts, at: at.toISOString(), statusCode: null, error: error instanceof Error ? error.message : String(error),
        status: attempts >= maxAttempts ? 'failed' : 'pending', nextAttemptAt: at.getTime() + backoffMs(attempts, retryBaseMs, retryCapMs),
      };
    }
  }

  /**
   * A 410 Gone: in one batch, the webhook is disabled (with why), the delivery's outcome recorded,
   * the webhook's other pending deliveries cancelled (their leases released: an attempt on its way
   * records nothing) and the audit entry written. When the webhook was disabled or removed
   * meanwhile, or this attempt lost its lease, the guard aborts that batch: the outcome alone then,
   * as for any other delivery.
   */
  async function recordGone(outcome: DeliveryOutcome, delivery: ClaimedDelivery): Promise<void> {
    const reason = goneReason(delivery.id);
    const before = { id: delivery.webhookId, partnerId: delivery.partnerId, url: delivery.url, disabledAt: null, disabledReason: null };
    const after = { ...before, disabledAt: outcome.at, disabledReason: reason };
    try {
      await uow.commit([
        ...webhooks.disable(delivery.webhookId, { at: outcome.at, reason, delivery: { id: outcome.id, leaseOwner: outcome.leaseOwner } }),
        store.record(outcome),
        store.cancelPendingOfWebhook(delivery.webhookId, outcome.at, WEBHOOK_DISABLED_ERROR),
        audit.append(auditEntry(DISPATCHER, outcome.at, { action: 'webhook.disable', entityType: 'webhook', entityId: delivery.webhookId, before, after })),
      ]);
    } catch (error) {
      if (!(error instanceof WriteConflict)) throw error;
      await uow.commit([store.record(outcome)]);
    }
  }

  /**
   * Sends everything due now and returns once every attempt has ended; returns how many were
   * attempted. Deliveries are claimed only as slots free up (each starts within its lease), and
   * while a slow receiver holds a slot the run keeps looking for new work every POLL_MS: a
   * change committed meanwhile goes out at once, not after the slowest receiver's timeout (one
   * partner's hanging endpoint held every partner's revocation notices for up to 10 s).
   * Slots are refilled a quarter of them at a time (or at the next look): claiming and recording
   * for each delivery as it ended cost a claim and a commit per delivery, a third of the
   * throughput. Outcomes that ended together are recorded in one commit.
   */
  async function runOnce(): Promise<{ attempted: number; delivered: number }> {
    let attempted = 0;
    let delivered = 0;
    const running = new Set<Promise<void>>();
    const ended: { outcome: DeliveryOutcome; delivery: ClaimedDelivery }[] = [];
    const refillAt = Math.max(1, Math.floor(concurrency / 4));
    let wake = () => {};
    const record = async () => {
      const done = ended.splice(0);
      if (done.length === 0) return;
      // 410 Gone is rare and disables its webhook: a batch of its own each, after the others (which
      // may leave another of that webhook's deliveries pending, to be cancelled with it).
      const isGone = (o: DeliveryOutcome) => o.status === 'failed' && o.statusCode === 410;
      const outcomes = done.filter(({ outcome }) => !isGone(outcome)).map(({ outcome }) => outcome);
      if (outcomes.length > 0) await uow.commit(outcomes.map((o) => store.record(o)));
      for (const { outcome, delivery } of done) if (isGone(outcome)) await recordGone(outcome, delivery);
      delivered += outcomes.filter((o) => o.status === 'delivered').length;
    };
    for (;;) {
      await record();
      const room = Math.min(concurrency - running.size, batchSize);
      const owner = newId();
      const now = clock.now().getTime();
      const claimed = room > 0 ? await store.claimDue({ owner, now, leaseUntil: now + leaseMs, limit: room }) : [];
      for (const delivery of claimed) {
        const run: Promise<void> = settled(delivery, owner)
          .then((outcome) => void ended.push({ outcome, delivery }))
          .finally(() => {
            running.delete(run);
            wake();
          });
        running.add(run);
      }
      attempted += claimed.length;
      if (running.size === 0) {
        await record();
        return { attempted, delivered };
      }
      // Until a quarter of the slots (or every running attempt) has ended, or POLL_MS: then what
      // ended is recorded, freed slots are filled, and work committed meanwhile is found.
      const enough = Math.min(refillAt, running.size);
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve) => {
        wake = () => void ((ended.length >= enough || running.size === 0) && resolve());
        timer = setTimeout(resolve, POLL_MS);
      });
      clearTimeout(timer);
      wake = () => {};
    }
  }

  /** Runs until nothing is due within `budgetMs`, sleeping until the next retry when it is near. */
  const drain = createDrain({ clock, runOnce, nextDueAt: () => store.nextDueAt() });

  return { runOnce, drain };
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;
