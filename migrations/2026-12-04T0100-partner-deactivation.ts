import type { Kysely } from 'kysely';

/**
 * An administrator can deactivate a promotion partner (with a reason) and reactivate it. While
 * deactivated_at is set the partner obtains no access token, the ones it holds are refused and its
 * webhooks receive nothing. Partners registered before this are active (null).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('partners').addColumn('deactivated_at', 'text').execute();
  await db.schema.alterTable('partners').addColumn('deactivation_reason', 'text').execute();
}
