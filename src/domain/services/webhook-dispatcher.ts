import type { ClaimedDelivery, DeliveryOutcome, DeliveryStore, WebhookSender } from '../../ports/partners.js';
import type { UnitOfWork } from '../../ports/store.js';
import { signWebhook } from '../partners/webhook-signature.js';
import type { Clock } from './context.js';
import { mapConcurrently } from './concurrency.js';
import { createDrain } from './drain.js';

export interface DispatcherOptions {
  store: DeliveryStore;
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

/** Delay before attempt n+1 after n failed attempts. */
export const backoffMs = (attempts: number, base: number, cap: number) => Math.min(cap, base * 2 ** Math.max(0, attempts - 1));

/**
 * Delivers outbox rows at least once. Each run leases due deliveries in the database (so two
 * runs, processes or isolates never send the same one at once, and a crashed run's lease lapses
 * and is taken over), POSTs them signed, then records each outcome and schedules retries.
 */
export function createWebhookDispatcher({
  store, sender, uow, clock, newId,
  retryBaseMs = 1000, retryCapMs = 3_600_000, maxAttempts = 12, timeoutMs = 10_000, concurrency = 32, batchSize = 200,
}: DispatcherOptions) {
  const leaseMs = timeoutMs * 2 + 5_000;

  async function attempt(delivery: ClaimedDelivery, owner: string): Promise<DeliveryOutcome> {
    const base = { id: delivery.id, leaseOwner: owner, attempts: delivery.attempts + 1, at: clock.now().toISOString() };
    if (delivery.webhookDeleted) return { ...base, attempts: delivery.attempts, status: 'cancelled', nextAttemptAt: 0, statusCode: null, error: 'webhook deleted' };
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
    const exhausted = base.attempts >= maxAttempts;
    return {
      ...base,
      status: exhausted ? 'failed' : 'pending',
      nextAttemptAt: clock.now().getTime() + backoffMs(base.attempts, retryBaseMs, retryCapMs),
      statusCode: result.statusCode,
      error: result.error,
    };
  }

  /** Sends everything due now, batch by batch; returns how many deliveries were attempted. */
  async function runOnce(): Promise<{ attempted: number; delivered: number }> {
    let attempted = 0;
    let delivered = 0;
    for (;;) {
      const owner = newId();
      const now = clock.now().getTime();
      const claimed = await store.claimDue({ owner, now, leaseUntil: now + leaseMs, limit: batchSize });
      if (claimed.length === 0) return { attempted, delivered };
      const outcomes = await mapConcurrently(claimed, concurrency, (d) => attempt(d, owner));
      await uow.commit(outcomes.map((o) => store.record(o)));
      attempted += claimed.length;
      delivered += outcomes.filter((o) => o.status === 'delivered').length;
    }
  }

  /** Runs until nothing is due within `budgetMs`, sleeping until the next retry when it is near. */
  const drain = createDrain({ clock, runOnce, nextDueAt: () => store.nextDueAt() });

  return { runOnce, drain };
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;
