import type { PartnerSettings } from '../partner-settings.js';
import type { Registry } from '../registry.js';
import type { Logger } from './server.js';

/**
 * Node runs the webhook dispatcher on an interval. Deliveries live in the database, so a
 * restart resumes them (a lease held by a killed process lapses and is taken over).
 * `stop()` waits for the run in flight so the database is not closed under it.
 */
export function startWebhookDispatch(registry: Registry, settings: PartnerSettings, logger: Logger) {
  if (settings.webhookDispatchIntervalMs === 0) return { stop: async () => {} };
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= registry.partners.dispatcher
      .runOnce()
      .then(({ attempted, delivered }) => {
        if (attempted > 0) logger.info('webhooks_dispatched', { attempted, delivered });
      })
      .catch((error: unknown) => logger.error('webhook_dispatch_failed', { message: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, settings.webhookDispatchIntervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
