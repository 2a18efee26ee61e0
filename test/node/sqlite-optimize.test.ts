/**
 * PRAGMA optimize where the Node store opens and closes (src/adapters/sqlite/open.ts): the query
 * planner has statistics for what an upgrade's migrations added, and for tables that have grown
 * since they were last analyzed. Without them SQLite guesses, and a guess can walk a 600,000-entry
 * log where an index would have found a page at once.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/adapters/kysely/migrator.js';
import { openSqlite } from '../../src/adapters/sqlite/open.js';
import { migrations } from '../../migrations/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'registry-optimize-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const NEW_INDEX_MIGRATION = '2026-12-06T1110-audit-at-index';

/** A registry's file as an earlier release left it: migrated up to before `until`, `entries` audit entries, analyzed. */
async function earlierRelease(path: string, entries: number, until = NEW_INDEX_MIGRATION) {
  const raw = new BetterSqlite3(path);
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) });
  await migrateToLatest(db, Object.fromEntries(Object.entries(migrations).filter(([name]) => name < until)));
  appendEntries(raw, entries, 0);
  raw.exec('ANALYZE');
  await db.destroy();
}

function appendEntries(raw: BetterSqlite3.Database, entries: number, from: number) {
  const insert = raw.prepare("INSERT INTO audit_log (at, actor_role, action, entity_type, entity_id) VALUES (?, 'admin', 'organization.update', 'organization', ?)");
  raw.transaction(() => {
    for (let i = from; i < from + entries; i++) insert.run(new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(), `org-${i % 50}`);
  })();
}

/** The audit log's row count in sqlite_stat1, per index, as the planner reads it when a connection opens. */
function auditStatistics(path: string) {
  const raw = new BetterSqlite3(path, { readonly: true });
  try {
    const rows = raw.prepare("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'audit_log'").all() as { idx: string; stat: string }[];
    return Object.fromEntries(rows.map((row) => [row.idx, Number(row.stat.split(' ')[0])]));
  } finally {
    raw.close();
  }
}

describe('statistics for the query planner', () => {
  it('an index an upgrade adds has statistics as soon as the store opens', async () => {
    const path = join(scratch, 'upgrade.sqlite');
    await earlierRelease(path, 200);
    expect(auditStatistics(path)).not.toHaveProperty('audit_at_idx');
    const store = await openSqlite({ path });
    try {
      expect(auditStatistics(path)).toMatchObject({ audit_at_idx: 200, audit_entity_idx: 200 });
    } finally {
      await store.close();
    }
  });

  it('a table read since it grew tenfold is analyzed again when the store closes', async () => {
    const path = join(scratch, 'grown.sqlite');
    await earlierRelease(path, 100, '9999');
    const store = await openSqlite({ path });
    appendEntries(store.raw, 1900, 100);
    // Read through an index, as the back office's log is: the planner uses the table's statistics.
    store.raw.prepare("SELECT COUNT(*) FROM audit_log WHERE entity_type = 'organization' AND entity_id = 'org-1'").get();
    expect(auditStatistics(path)).toMatchObject({ audit_entity_idx: 100 });
    await store.close();
    expect(auditStatistics(path)).toMatchObject({ audit_entity_idx: 2000 });
  });
});
