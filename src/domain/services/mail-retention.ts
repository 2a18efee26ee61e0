import type { MailOutbox, MailTransport } from '../../ports/mail.js';
import type { Clock } from './context.js';

const DAY_MS = 86_400_000;

/**
 * Sent e-mail is not kept forever (the privacy notice states the period): a message sent, or given
 * up, more than `days` days ago is deleted with its recipient and text; a pending one never is.
 * Run by the same schedule as the session purge. Deletes a batch at a time, and at most
 * `maxBatches` per run, so that a large backlog (the first run after an upgrade) is worked off
 * over a few runs rather than in one long one. A transport that keeps copies of what it sent (the
 * folder of .eml files) loses those of the same age.
 */
export function createMailRetention({
  outbox, transport = null, clock, days, batchSize = 500, maxBatches = 20,
}: { outbox: Pick<MailOutbox, 'purgeSettled'>; transport?: Pick<MailTransport, 'purgeSentBefore'> | null; clock: Clock; days: number; batchSize?: number; maxBatches?: number }) {
  return {
    days,
    /** Returns how many messages were deleted from the outbox. */
    async purge(): Promise<number> {
      const before = clock.now().getTime() - days * DAY_MS;
      let deleted = 0;
      for (let batch = 0; batch < maxBatches; batch++) {
        const count = await outbox.purgeSettled({ before, limit: batchSize });
        deleted += count;
        if (count < batchSize) break;
      }
      await transport?.purgeSentBefore?.(before);
      return deleted;
    },
  };
}

export type MailRetention = ReturnType<typeof createMailRetention>;
