import { createHttpMailApiTransport } from '../adapters/http/mail-api.js';
import { createFolderMailTransport } from '../adapters/node/folder-mail.js';
import { createSmtpMailTransport } from '../adapters/node/smtp-mail.js';
import { withoutAddresses } from '../domain/audit-redaction.js';
import type { MailTransport } from '../ports/mail.js';
import type { Registry } from '../registry.js';
import type { WebSettings } from '../web-settings.js';
import type { Logger } from './server.js';

/** How often Node looks for due messages: a read of one index when there are none. */
const MAIL_DISPATCH_MS = 1000;

/**
 * E-mail on Node: SMTP when SMTP_URL is set; else the HTTP mail API when MAIL_API_URL is set;
 * else .eml files in MAIL_DIR (default data/mail), so that everything works offline.
 */
export function nodeMailTransport(settings: Pick<WebSettings, 'smtpUrl' | 'mailApiUrl' | 'mailApiToken' | 'mailDir'>): MailTransport {
  if (settings.smtpUrl) return createSmtpMailTransport({ url: settings.smtpUrl });
  if (settings.mailApiUrl) return createHttpMailApiTransport({ url: settings.mailApiUrl, token: settings.mailApiToken });
  return createFolderMailTransport({ dir: settings.mailDir });
}

/**
 * Node runs the mail dispatcher on an interval. Messages live in the database, so a restart
 * resumes them; a failed send is retried with backoff, and one that gives up is logged (its row
 * stays in mail_outbox with status 'failed' and the last error). Addresses are not logged: not
 * the recipient, nor the one a server's refusal echoes ("550 5.1.1 <taro@…>: … rejected").
 * `stop()` waits for the run in flight so the database is not closed under it.
 */
export function startMailDispatch(registry: Registry, logger: Logger) {
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= registry.mail.dispatcher
      .runOnce()
      .then(({ attempted, sent, gaveUp }) => {
        if (attempted > 0) logger.info('mail_dispatched', { attempted, sent });
        for (const failed of gaveUp) logger.error('mail_failed', { id: failed.id, kind: failed.kind, error: withoutAddresses(failed.error) });
      })
      .catch((error: unknown) => logger.error('mail_dispatch_failed', { message: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, MAIL_DISPATCH_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
