// A migration that fails midway (a statement after the first refused) leaves the database as the
// previous version left it, on SQLite and on D1 (wrangler's local D1, the Worker's own binding):
// no half-made column, no name recorded; the next start runs it again from its beginning. A
// second start runs nothing. Before, the first statement stayed and every later start failed on it.
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { getPlatformProxy } from 'wrangler';
import { migrateToLatest, type ApplyMigration } from '../../src/adapters/kysely/migrator.js';
import { applyMigrationInBatch } from '../../src/adapters/d1/apply-migration-in-batch.js';
import { openD1, type D1Like } from '../../src/adapters/d1/open.js';
import { migrations, type Migration } from '../../migrations/index.js';

const dir = mkdtempSync(join(tmpdir(), 'registry-migrations-transaction-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LATER = '2099-01-01T0000-organization-note';
/** A later migration as one could be written: a column, then a backfill (here one that fails). */
const failingMidway: Migration = {
  async up(db) {
    await db.schema.alterTable('organizations').addColumn('note', 'text').execute();
    await sql`INSERT INTO no_such_table SELECT id FROM organizations`.execute(db);
  },
};
const fixed: Migration = {
  async up(db) {
    await db.schema.alterTable('organizations').addColumn('note', 'text').execute();
    await sql`UPDATE organizations SET note = name`.execute(db);
  },
};

type Read = (query: string) => Promise<unknown[]>;

async function expectAtomic(db: Kysely<any>, read: Read, apply?: ApplyMigration) {
  await migrateToLatest(db, migrations, apply);
  await sql`INSERT INTO organizations (id, kind, name, search_text, prefecture_code, row_version, created_at, updated_at)
    VALUES ('org', 'company', '株式会社テスト', '', '13', 1, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z')`.execute(db);
  const applied = await read('SELECT name, applied_at FROM schema_migrations ORDER BY name');

  await expect(migrateToLatest(db, { ...migrations, [LATER]: failingMidway }, apply)).rejects.toThrow(/no_such_table/);
  const columns = (await read(`SELECT name FROM pragma_table_info('organizations')`)).map((row) => (row as { name: string }).name);
  expect(columns).not.toContain('note');
  expect(await read('SELECT name, applied_at FROM schema_migrations ORDER BY name')).toEqual(applied);
  // The previous version still reads and writes it.
  await sql`UPDATE organizations SET name = '株式会社テスト2' WHERE id = 'org'`.execute(db);

  // The next start, with the migration corrected, runs it from its beginning; the one after, nothing.
  expect(await migrateToLatest(db, { ...migrations, [LATER]: fixed }, apply)).toEqual([LATER]);
  expect(await read(`SELECT note FROM organizations`)).toEqual([{ note: '株式会社テスト2' }]);
  const after = await read('SELECT name, applied_at FROM schema_migrations ORDER BY name');
  expect(await migrateToLatest(db, { ...migrations, [LATER]: fixed }, apply)).toEqual([]);
  expect(await read('SELECT name, applied_at FROM schema_migrations ORDER BY name')).toEqual(after);
}

describe('each migration is one transaction', () => {
  it('on SQLite (a database file)', async () => {
    const raw = new BetterSqlite3(join(dir, 'registry.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) });
    await expectAtomic(db, async (query) => raw.prepare(query).all());
    await db.destroy();
  });

  it('on D1 (local, as wrangler runs the Worker)', async () => {
    const proxy = await getPlatformProxy<{ DB: D1Like }>({
      configPath: join(import.meta.dirname, '../../wrangler.toml'),
      persist: { path: join(dir, 'wrangler-state') },
    });
    try {
      const binding = proxy.env.DB;
      const { db } = openD1(binding);
      const read: Read = async (query) => (await (binding.prepare(query) as unknown as { all(): Promise<{ results: unknown[] }> }).all()).results;
      await expectAtomic(db, read, applyMigrationInBatch(binding));
      // Its writes are collected before any runs: a read after a write would get the database as it
      // was before that write, so it is refused; a read before any write gets the database's answer.
      const readsAfterWriting: Migration = {
        up: async (db) => {
          await db.insertInto('schema_migrations').values({ name: 'written-first', applied_at: 'x' }).execute();
          await db.selectFrom('schema_migrations').selectAll().execute();
        },
      };
      await expect(migrateToLatest(db, { ...migrations, [LATER]: fixed, '2099-01-02T0000-reads': readsAfterWriting }, applyMigrationInBatch(binding))).rejects.toThrow(/cannot read after it has written/);
      let seen: string[] = [];
      const readsFirst: Migration = { up: async (db) => void (seen = (await db.selectFrom('schema_migrations').select('name').execute()).map((row) => row.name)) };
      await migrateToLatest(db, { ...migrations, [LATER]: fixed, '2099-01-03T0000-reads-first': readsFirst }, applyMigrationInBatch(binding));
      expect(seen).toContain(LATER);
      expect(seen).not.toContain('written-first');
    } finally {
      await proxy.dispose();
    }
  });
});
