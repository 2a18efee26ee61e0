import type { Kysely } from 'kysely';

/**
 * The back office's audit log narrowed to a few days (this day, from, to): without an index on
 * `at`, a page of an old, narrow range walked the whole log newer than it, newest first, to find
 * its entries (~84 ms of CPU a page in a 600,000-entry log). The repository reads such a range
 * from this index and sorts the few entries it holds; a wide range still walks the log newest
 * first (src/adapters/kysely/audit.ts), which finds its page at once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_at_idx').on('audit_log').column('at').execute();
}
