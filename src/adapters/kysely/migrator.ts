import { sql, type Kysely } from 'kysely';
import type { Migration } from '../../../migrations/index.js';

/**
 * Applies pending migrations in name order. Kysely's own Migrator inspects tables with
 * pragma_table_info, which D1 refuses; this one only needs sqlite_master and a plain table,
 * so the same code migrates better-sqlite3 and D1.
 */
export async function migrateToLatest(db: Kysely<any>, migrations: Record<string, Migration>): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`.execute(db);
  const applied = new Set(
    (await db.selectFrom('schema_migrations').select('name').execute()).map((row: { name: string }) => row.name),
  );
  const ran: string[] = [];
  for (const name of Object.keys(migrations).sort()) {
    if (applied.has(name)) continue;
    await migrations[name]!.up(db);
    await db.insertInto('schema_migrations').values({ name, applied_at: new Date().toISOString() }).execute();
    ran.push(name);
  }
  return ran;
}
