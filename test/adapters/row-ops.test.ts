/**
 * The one-row statements written without Kysely's builder (src/adapters/kysely/ops.ts) must write
 * what Kysely wrote: columns without a value left out (their default applies), nulls kept, and the
 * UPDATE touching only the rows its keys name.
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { insertRowOp, updateRowOp } from '../../src/adapters/kysely/ops.js';

function database() {
  const db = new BetterSqlite3(':memory:');
  db.exec(`CREATE TABLE declaration_versions (declaration_id TEXT NOT NULL, version INTEGER NOT NULL, content TEXT NOT NULL,
    created_at TEXT NOT NULL, created_by TEXT DEFAULT 'system', PRIMARY KEY (declaration_id, version))`);
  return { db, run: (op: { sql: string; parameters: readonly unknown[] }) => db.prepare(op.sql).run(...(op.parameters as unknown[])) };
}

describe('insertRowOp and updateRowOp', () => {
  it('insert the columns that have a value (undefined left out, null kept)', () => {
    const { db, run } = database();
    run(insertRowOp('declaration_versions', { declaration_id: 'd1', version: 1, content: '{}', created_at: '2026-12-01', created_by: undefined as unknown as string }));
    // This table's created_by is nullable (the registry's is not): null must be written as NULL.
    run(insertRowOp('declaration_versions', { declaration_id: 'd1', version: 2, content: '{"a":"転職なき移住"}', created_at: '2026-12-02', created_by: null as unknown as string }));
    expect(db.prepare('SELECT * FROM declaration_versions ORDER BY version').all()).toEqual([
      { declaration_id: 'd1', version: 1, content: '{}', created_at: '2026-12-01', created_by: 'system' },
      { declaration_id: 'd1', version: 2, content: '{"a":"転職なき移住"}', created_at: '2026-12-02', created_by: null },
    ]);
  });

  it('update only the rows every key names', () => {
    const { db, run } = database();
    for (const version of [1, 2]) run(insertRowOp('declaration_versions', { declaration_id: 'd1', version, content: '{}', created_at: 'x', created_by: 'a' }));
    const result = run(updateRowOp('declaration_versions', { content: '{"b":1}', created_by: null as unknown as string }, { declaration_id: 'd1', version: 2 }));
    expect(result.changes).toBe(1);
    expect(db.prepare('SELECT version, content, created_by FROM declaration_versions ORDER BY version').all()).toEqual([
      { version: 1, content: '{}', created_by: 'a' },
      { version: 2, content: '{"b":1}', created_by: null },
    ]);
  });

  it('refuse a value that is not plain (a raw SQL expression needs Kysely)', () => {
    expect(() => insertRowOp('declaration_versions', { declaration_id: 'd1', version: 1, content: {} as unknown as string, created_at: 'x', created_by: 'a' })).toThrow(/content/);
  });
});
