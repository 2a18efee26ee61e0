import type { Kysely } from 'kysely';
import { createKyselyMailOutbox, createKyselyReminderLedger } from './adapters/kysely/mail-outbox.js';
import type { Database } from './adapters/kysely/schema.js';
import { createHttpMailApiTransport } from './adapters/http/mail-api.js';
import type { Bilingual } from './domain/mail/letter.js';
import type { MailPromise } from './domain/mail/recipients.js';
import type { Organization } from './domain/model.js';
import { defaultMailFrom } from './domain/mail/sender.js';
import type { Clock } from './domain/services/context.js';
import { createMailDispatcher } from './domain/services/mail-dispatcher.js';
import { createMailNotifications } from './domain/services/mail-notifications.js';
import { createMailProblems } from './domain/services/mail-problems.js';
import { createMailRetention } from './domain/services/mail-retention.js';
import type { AccountRepository } from './ports/accounts.js';
import type { MailTransport } from './ports/mail.js';
import type { Repositories } from './ports/repositories.js';
import type { UnitOfWork } from './ports/store.js';
import type { WebSettings } from './web-settings.js';

/**
 * E-mail notifications over any Kysely SQLite database (better-sqlite3 or D1): the outbox, the
 * notifications that fill it (declaration changes, renewal reminders, invitations) and the
 * dispatcher that empties it through `transport`. Without a transport from the entry point,
 * MAIL_API_URL gives one (fetch, any runtime); with neither, messages wait in the outbox.
 */
export function createMailComponents({
  db, uow, repos, accounts, clock, newId, now, baseUrl, sender, contactUrl = null, settings, transport,
}: {
  db: Kysely<Database>;
  uow: UnitOfWork;
  repos: Repositories;
  accounts: Pick<AccountRepository, 'members'>;
  clock: Clock;
  newId(): string;
  now(): Date;
  baseUrl: string;
  /** The registry's name: signature, and MAIL_FROM's default display name. */
  sender: Bilingual;
  /** SITE_CONTACT_URL: the signature's 「お問い合わせ」. */
  contactUrl?: string | null;
  settings: Pick<WebSettings, 'mailFrom' | 'mailReplyTo' | 'mailApiUrl' | 'mailApiToken' | 'mailRetentionDays'>;
  transport?: MailTransport | null;
}) {
  const outbox = createKyselyMailOutbox(db, { now: () => now().getTime() });
  const chosen = transport !== undefined ? transport : settings.mailApiUrl ? createHttpMailApiTransport({ url: settings.mailApiUrl, token: settings.mailApiToken }) : null;
  const from = settings.mailFrom ?? defaultMailFrom({ name: sender.ja, publicBaseUrl: baseUrl });
  const notifications = createMailNotifications({ outbox, reminders: createKyselyReminderLedger(db), members: accounts, repos, uow, clock, newId, baseUrl, sender, contactUrl, replyTo: settings.mailReplyTo });
  return {
    from,
    outbox,
    notifications,
    /** Outbox ops for an invitation e-mail, to commit in the batch that creates the invitation (see InvitationMail). */
    invitation: notifications.invitation,
    /** The same for a staff invitation (the back office's one-time link). */
    staffInvitation: notifications.staffInvitation,
    dispatcher: createMailDispatcher({ outbox, transport: chosen, uow, clock, newId, from, replyTo: settings.mailReplyTo }),
    /** What a page may promise about a letter to the organization's people (MailPromise). */
    async promiseTo(organization: Organization): Promise<MailPromise> {
      if ((await notifications.recipientsOf(organization)).length === 0) return 'no-address';
      return chosen ? 'sent' : 'unsendable';
    },
    /** What did not go out, for the back office (list; an administrator retries a failed one). */
    problems: createMailProblems({ outbox, audit: repos.audit, uow, clock }),
    /** Deletes what was sent or given up MAIL_RETENTION_DAYS ago (the expiry sweep and cron run it). */
    retention: createMailRetention({ outbox, transport: chosen, clock, days: settings.mailRetentionDays }),
  };
}

export type MailComponents = ReturnType<typeof createMailComponents>;
