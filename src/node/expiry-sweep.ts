import type { Registry } from '../registry.js';
import type { Logger } from './server.js';

const MINUTE_MS = 60_000;

/** The timers the sweep is scheduled with: Node's, or a test's. */
export interface SweepTimers {
  now(): number;
  setTimeout(run: () => unknown, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

const nodeTimers: SweepTimers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

/**
 * Node's expiry sweep: expires declarations whose validity has ended (and sends the renewal
 * reminders), purges ended sessions, and deletes e-mail sent past its retention period. Runs once now, then at the start of every minute: a
 * validity ends at 23:59:59.999 JST and Japan is UTC+9, so 00:00 JST is a minute's start, and the
 * stored status (what lists filtered by status read) turns expired right after it, not up to a
 * minute later. Each run is scheduled when the last has finished, so two never overlap.
 * `stop()` waits for the run in flight so the database is not closed under it.
 */
export async function startExpirySweep(registry: Registry, logger: Logger, timers: SweepTimers = nodeTimers) {
  let running: Promise<void> | null = null;
  let timer: unknown;
  let stopped = false;
  // Each job on its own, as the Worker's cron runs them (settleAll): one failing does not stop the next.
  const jobs: Record<string, () => Promise<void>> = {
    expiry: async () => {
      const expired = await registry.declarations.expireDue({ actor: { role: 'system', process: 'expiry' }, requestId: null });
      if (expired > 0) logger.info('declarations_expired', { count: expired });
    },
    // Ended sessions and abandoned sign-ins (their rows are useless once expired).
    sessions: () => registry.web.sessions.purgeExpired(),
    mail: async () => {
      const purged = await registry.mail.retention.purge();
      if (purged > 0) logger.info('mail_purged', { count: purged, retentionDays: registry.mail.retention.days });
    },
  };
  const sweep = async () => {
    for (const [job, run] of Object.entries(jobs)) {
      try {
        await run();
      } catch (error) {
        logger.error(job === 'mail' ? 'mail_purge_failed' : 'expiry_sweep_failed', { job, message: error instanceof Error ? error.message : String(error) });
      }
    }
  };
  const runAt = (at: number) => {
    timer = timers.setTimeout(() => {
      // A timer may fire a moment before the wall clock reaches its time: wait for the rest.
      if (timers.now() < at) return runAt(at);
      return tick();
    }, at - timers.now());
  };
  const tick = async () => {
    running = sweep();
    await running;
    running = null;
    if (!stopped) runAt((Math.floor(timers.now() / MINUTE_MS) + 1) * MINUTE_MS);
  };
  await tick();
  return {
    async stop() {
      stopped = true;
      timers.clearTimeout(timer);
      await running;
    },
  };
}
