import type { Kysely } from 'kysely';

/**
 * The secretariat's statistics (GET /api/v1/statistics, the back office's 統計 page, the awards
 * list's year counts) count every publication in the audit log, the published declarations by
 * their organization's prefecture and industry, and every declaration by its state. With 100,000
 * organizations they read each of those rows: about 0.6 s of CPU a request. These indexes hold
 * the columns counted, so no row is read (src/adapters/kysely/statistics.ts). The declarations'
 * and organizations' ones begin with the columns of the indexes they replace, so a write updates
 * no more indexes than before; the audit log's by action also finds the back office's log
 * filtered by an operation, newest first, without walking the whole log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_action_idx').on('audit_log').columns(['action', 'seq', 'at']).execute();
  await db.schema.createIndex('declarations_status_state_idx').on('declarations').columns(['status', 'id', 'status_reason', 'published_at']).execute();
  await db.schema.dropIndex('declarations_status_idx').execute();
  await db.schema.createIndex('organizations_prefecture_industry_idx').on('organizations').columns(['prefecture_code', 'id', 'industry_code']).execute();
  await db.schema.dropIndex('organizations_prefecture_idx').execute();
}
