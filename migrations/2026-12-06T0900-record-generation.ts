import { sql, type Kysely } from 'kysely';

/**
 * The registry's record (organizations, declarations, awards, credentials and what the portal,
 * open data and the statistics count from them) gets a generation that moves with every change to
 * it and with nothing else. Read models keep their aggregates until it moves
 * (src/adapters/kysely/kept-until-record-changes.ts). Until now they were kept until the next commit of
 * any kind, and a signed-in member's session is touched once a minute, a mail or a webhook
 * delivery is queued or sent, a rate limit counted: on a busy registry the kept answers were
 * thrown away every few seconds for nothing. Triggers move it, so a change by any connection (a
 * cluster worker, the CLI, D1) moves it in the same transaction. A new table that read models
 * count from needs its triggers here too (RECORD_TABLES).
 */
export const RECORD_TABLES = ['organizations', 'declarations', 'declaration_versions', 'awards', 'award_categories', 'award_divisions', 'credentials', 'status_entries'] as const;

const MOVE = sql.raw('UPDATE record_generation SET n = n + 1 WHERE id = 1');

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('record_generation')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO record_generation (id, n) VALUES (1, 0)`.execute(db);
  for (const table of RECORD_TABLES) {
    for (const event of ['insert', 'update', 'delete']) {
      await sql`CREATE TRIGGER ${sql.raw(`${table}_${event}_record_generation`)} AFTER ${sql.raw(event.toUpperCase())} ON ${sql.table(table)} BEGIN ${MOVE}; END`.execute(db);
    }
  }
  // The statistics count publications from the audit log (append-only: inserts alone).
  await sql`CREATE TRIGGER audit_log_publish_record_generation AFTER INSERT ON audit_log WHEN NEW.action = 'declaration.publish' BEGIN ${MOVE}; END`.execute(db);
}
