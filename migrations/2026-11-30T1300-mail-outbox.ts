import type { Kysely } from 'kysely';

/**
 * E-mail notifications (issue: organizations run their own declaration, point 3).
 *
 * mail_outbox: one row per message and recipient, inserted in the same batch as the change that
 * causes it (a message is never sent for a rolled-back change, nor lost for a committed one), then
 * sent by the mail dispatcher with retries. A message that exhausted its attempts stays here with
 * status 'failed' and its last error, for the secretariat to see.
 *
 * mail_reminders: one row per renewal reminder queued (declaration, validity end, days before),
 * so the 90-, 30- and 7-day reminders are each queued once, whichever process sweeps and however
 * often; the validity end is part of the key so that a renewed declaration is reminded again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // e.g. declaration.published, declaration.renewal-reminder, invitation
    .addColumn('organization_id', 'text')
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | sent | failed
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'integer', (c) => c.notNull()) // ms since the epoch
    // A dispatcher run leases the rows it sends, so two runs (processes, isolates) never send one twice at once.
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'integer')
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('mail_outbox_due_idx').on('mail_outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('mail_outbox_org_idx').on('mail_outbox').columns(['organization_id', 'created_at']).execute();

  await db.schema
    .createTable('mail_reminders')
    .addColumn('declaration_id', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('days_before', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mail_reminders_pk', ['declaration_id', 'valid_until', 'days_before'])
    .execute();
}
