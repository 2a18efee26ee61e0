import type { PartnerSettings } from '../partner-settings.js';
import type { Registry } from '../registry.js';
import type { Logger } from './server.js';

/**
 * Node's webhook dispatcher: a run starts right after a commit queued deliveries (`kick`, wired
 * through kickAfterCommit), and on an interval as the safety net that also sends retries when
 * they fall due. Deliveries live in the database and each run claims its rows in SQL, so a
 * restart resumes them and several processes (WEB_CONCURRENCY) never send the same one at once.
 * `poll: false` (the other cluster workers) keeps the kick and leaves polling to one process.
 * `stop()` waits for the run in flight so the database is not closed under it.
 */
export function startWebhookDispatch(registry: Registry, settings: PartnerSettings, logger: Logger, { poll = true }: { poll?: boolean } = {}) {
  if (settings.webhookDispatchIntervalMs === 0) return { kick: () => {}, stop: async () => {} };
  let running: Promise<void> | null = null;
  // A kick during a run: rows committed after its claim would otherwise wait for the next poll.
  let again = false;
  let stopped = false;
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          const { attempted, delivered } = await registry.partners.dispatcher.runOnce();
          if (attempted > 0) logger.info('webhooks_dispatched', { attempted, delivered });
        } catch (error) {
          logger.error('webhook_dispatch_failed', { message: error instanceof Error ? error.message : String(error) });
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  };
  const timer = poll ? setInterval(run, settings.webhookDispatchIntervalMs) : null;
  timer?.unref();
  return {
    kick: run,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
