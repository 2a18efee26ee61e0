import { sql, type Kysely } from 'kysely';

/**
 * Two costs found at scale: the bulk re-issue after a key rotation asks for live credentials not
 * signed by the active key (index), and closing a full status list counted all its entries on
 * every issuance (a counter instead).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('credentials_status_key_idx').on('credentials').columns(['status', 'key_id']).execute();
  await db.schema.alterTable('status_lists').addColumn('allocated', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`UPDATE status_lists SET allocated = (SELECT count(*) FROM status_entries WHERE status_entries.list_id = status_lists.id)`.execute(db);
}
