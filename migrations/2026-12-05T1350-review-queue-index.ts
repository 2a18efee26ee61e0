import type { Kysely } from 'kysely';

/**
 * The back office's review queue lists the submitted declarations oldest submission first, a page
 * at a time (keyset on submitted_at, id: src/adapters/kysely/declarations.ts search): without this
 * index each page read every submitted declaration with its text and sorted them, ~15 ms of CPU
 * a page with the ~5,000 under review of a 100,000-organization registry.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('declarations_status_submitted_idx').on('declarations').columns(['status', 'submitted_at', 'id']).execute();
}
