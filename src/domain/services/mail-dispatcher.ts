import type { MailOutbox, MailSendResult, MailTransport, QueuedMail } from '../../ports/mail.js';
import type { UnitOfWork } from '../../ports/store.js';
import type { Clock } from './context.js';
import { backoffMs } from './webhook-dispatcher.js';
import { mapConcurrently } from './concurrency.js';
import { createDrain } from './drain.js';

/** What last_error says while no transport is configured (the Worker without MAIL_API_URL). */
export const NO_TRANSPORT = 'no mail transport configured';

export interface MailDispatcherOptions {
  outbox: MailOutbox;
  /** Null: nothing is sent; pending messages wait in the outbox, marked NO_TRANSPORT. */
  transport: MailTransport | null;
  uow: UnitOfWork;
  clock: Clock;
  newId(): string;
  /** The From header (MAIL_FROM or its default). */
  from: string;
  /**
   * The Reply-To header (MAIL_REPLY_TO), or none. Read when a message is sent, while its footer
   * was written when it was queued: a message queued before the setting changed keeps its footer.
   */
  replyTo?: string | null;
  /** First retry delay; each further retry doubles it, up to retryCapMs (5 s, 10 s, 20 s, … 1 h). */
  retryBaseMs?: number;
  retryCapMs?: number;
  /** Attempts before a message is left failed (≈ 3.4 h of retries with the defaults). */
  maxAttempts?: number;
  /** The longest one send may take (the transports' own timeouts stay below it); sizes the lease. */
  sendTimeoutMs?: number;
  batchSize?: number;
  /** Messages sent at once. */
  concurrency?: number;
}

export interface MailRunResult {
  attempted: number;
  sent: number;
  /** Messages that exhausted their attempts in this run: they stay failed, with their last error. */
  gaveUp: { id: string; kind: string; error: string }[];
}

/**
 * Sends the outbox. A run leases due messages in the database (two runs, processes or isolates
 * never send the same one at once; a crashed run's lease lapses and is taken over), sends each,
 * and records its outcome at once: sent, or retried later with exponential backoff, or (after
 * maxAttempts, or an error the server says is permanent) failed and left visible in the outbox.
 * The change that queued a message is committed already: a failure here never undoes it.
 */
export function createMailDispatcher({
  outbox, transport, uow, clock, newId, from, replyTo = null,
  retryBaseMs = 5_000, retryCapMs = 3_600_000, maxAttempts = 12, sendTimeoutMs = 60_000, batchSize = 20, concurrency = 4,
}: MailDispatcherOptions) {
  const leaseMs = Math.ceil(batchSize / concurrency) * sendTimeoutMs + 30_000;

  async function attempt(message: QueuedMail, owner: string, result: MailRunResult) {
    let outcome: MailSendResult;
    try {
      outcome = await transport!.send({ id: message.id, from, ...(replyTo ? { replyTo } : {}), to: message.recipient, subject: message.subject, text: message.text, html: message.html });
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    result.attempted++;
    if (outcome.ok) {
      await uow.commit([outbox.markSent(message.id, owner, clock.now().toISOString())]);
      result.sent++;
      return;
    }
    const attempts = message.attempts + 1;
    const gaveUp = attempts >= maxAttempts || outcome.permanent === true;
    await uow.commit([
      outbox.markFailed(message.id, owner, { attempts, nextAttemptAt: clock.now().getTime() + backoffMs(attempts, retryBaseMs, retryCapMs), error: outcome.error, gaveUp }),
    ]);
    if (gaveUp) result.gaveUp.push({ id: message.id, kind: message.kind, error: outcome.error });
  }

  /** Sends everything due now, batch by batch. */
  async function runOnce(): Promise<MailRunResult> {
    const result: MailRunResult = { attempted: 0, sent: 0, gaveUp: [] };
    if (!transport) {
      await outbox.noteUnsendable(NO_TRANSPORT);
      return result;
    }
    for (;;) {
      const now = clock.now().getTime();
      // A read first: an idle outbox costs no write (Node looks every second).
      const next = await outbox.nextDueAt();
      if (next === null || next > now) return result;
      const owner = newId();
      const claimed = await outbox.claimDue({ owner, now, leaseUntil: now + leaseMs, limit: batchSize });
      if (claimed.length === 0) return result;
      await mapConcurrently(claimed, concurrency, (message) => attempt(message, owner, result));
    }
  }

  /**
   * Runs until nothing is due within `budgetMs`, waiting for a retry when it is near (the Worker
   * after a change, and its cron). At least a moment between looks: a due message leased by
   * another run is not ours to spin on. Without a transport nothing can be sent, so nothing waits.
   */
  const drain = createDrain({ clock, runOnce, nextDueAt: () => (transport ? outbox.nextDueAt() : Promise.resolve(null)), minWaitMs: 200 });

  return { runOnce, drain, transportName: transport?.name ?? null };
}

export type MailDispatcher = ReturnType<typeof createMailDispatcher>;
