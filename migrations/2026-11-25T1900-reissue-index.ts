import type { Kysely } from 'kysely';

/** The bulk re-issue after a key rotation asks for live credentials not signed by the active key. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('credentials_status_key_idx').on('credentials').columns(['status', 'key_id']).execute();
}
