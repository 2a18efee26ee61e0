import { sql, type Kysely } from 'kysely';
import type { Migration } from '../../../migrations/index.js';

/**
 * Runs one migration and records its name as one transaction: a migration that fails midway
 * leaves the database as it was before it (still usable by the version that made it), and the
 * next start tries it again from its beginning. A half-applied migration, recorded as not applied,
 * failed forever after ("table already exists") and left the old version facing a changed schema.
 */
export type ApplyMigration = (db: Kysely<any>, name: string, migration: Migration) => Promise<void>;

/** Where the database can hold a transaction open (better-sqlite3): SQLite's own BEGIN … COMMIT, DDL included. */
export const applyInTransaction: ApplyMigration = (db, name, migration) =>
  db.transaction().execute(async (trx) => {
    await migration.up(trx);
    await recordApplied(trx, name);
  });

export function recordApplied(db: Kysely<any>, name: string): Promise<unknown> {
  return db.insertInto('schema_migrations').values({ name, applied_at: new Date().toISOString() }).execute();
}

/** A database migrated by a newer version than this code: refused before anything is changed. */
export class DatabaseFromNewerVersion extends Error {
  constructor(readonly unknownMigrations: string[]) {
    super(
      `The database was migrated by a newer version of the registry (migration ${unknownMigrations.join(', ')} is unknown to this version): ` +
        'run that version or a later one, or restore the backup made before the upgrade (npm run restore). Nothing was changed.',
    );
    this.name = 'DatabaseFromNewerVersion';
  }
}

/**
 * Applies pending migrations in name order, each in a transaction of its own (`apply`). Kysely's
 * own Migrator inspects tables with pragma_table_info, which D1 refuses; this one only needs
 * sqlite_master and a plain table, so the same code migrates better-sqlite3 and D1.
 */
export async function migrateToLatest(db: Kysely<any>, migrations: Record<string, Migration>, apply: ApplyMigration = applyInTransaction): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`.execute(db);
  const applied = new Set(
    (await db.selectFrom('schema_migrations').select('name').execute()).map((row: { name: string }) => row.name),
  );
  // An older version would otherwise write to tables whose meaning changed since, unseen.
  const unknown = [...applied].filter((name) => !(name in migrations)).sort();
  if (unknown.length > 0) throw new DatabaseFromNewerVersion(unknown);
  const ran: string[] = [];
  for (const name of Object.keys(migrations).sort()) {
    if (applied.has(name)) continue;
    await apply(db, name, migrations[name]!);
    ran.push(name);
  }
  return ran;
}
