import type { Kysely } from 'kysely';

/**
 * The registry disables a webhook whose receiver answered 410 Gone (Standard Webhooks: the
 * endpoint is gone, stop sending): while disabled_at is set no delivery is queued for it, until
 * the partner (or the secretariat) enables it again. Webhooks registered before this are enabled (null).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('webhooks').addColumn('disabled_at', 'text').execute();
  await db.schema.alterTable('webhooks').addColumn('disabled_reason', 'text').execute();
}
