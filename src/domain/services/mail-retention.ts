import type { MailOutbox } from '../../ports/mail.js';
import type { Clock } from './context.js';

const DAY_MS = 86_400_000;

/**
 * Sent e-mail is not kept forever (the privacy notice states the period): a message sent, or given
 * up, more than `days` days ago is deleted with its recipient and text; a pending one never is.
 * Run by the same schedule as the session purge. Deletes a batch at a time, and at most
 * `maxBatches` per run, so that a large backlog (the first run after an upgrade) is worked off
 * over a few runs rather than in one long one.
 */
export function createMailRetention({ outbox, clock, days, batchSize = 500, maxBatches = 20 }: { outbox: Pick<MailOutbox, 'purgeSettled'>; clock: Clock; days: number; batchSize?: number; maxBatches?: number }) {
  return {
    days,
    /** Returns how many messages were deleted. */
    async purge(): Promise<number> {
      const before = clock.now().getTime() - days * DAY_MS;
      let deleted = 0;
      for (let batch = 0; batch < maxBatches; batch++) {
        const count = await outbox.purgeSettled({ before, limit: batchSize });
        deleted += count;
        if (count < batchSize) break;
      }
      return deleted;
    },
  };
}

export type MailRetention = ReturnType<typeof createMailRetention>;
