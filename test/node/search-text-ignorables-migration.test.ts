// migrations/2026-12-06T1500-search-text-ignorables.ts on a database whose organizations were
// registered before foldForSearch dropped the characters that show as nothing: a name holding a
// zero-width space or a soft hyphen gets its search text folded again (and so its FTS row, by the
// trigger), so it is found by the name a person reads; other rows are left as they were.
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { getPlatformProxy } from 'wrangler';
import { applyMigrationInBatch } from '../../src/adapters/d1/apply-migration-in-batch.js';
import { openD1, type D1Like } from '../../src/adapters/d1/open.js';
import { migrateToLatest } from '../../src/adapters/kysely/migrator.js';
import { migrations } from '../../migrations/index.js';

const NAME = '2026-12-06T1500-search-text-ignorables';
const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < NAME));
const upToIt = Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= NAME));
const INSERT = `INSERT INTO organizations (id, kind, name, name_kana, search_text, prefecture_code, row_version, created_at, updated_at)
  VALUES (?, 'company', ?, ?, ?, '13', 1, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z')`;

describe('search text ignorables migration', () => {
  it('folds again the search text of names with invisible characters, and the full-text index finds them', async () => {
    const raw = new BetterSqlite3(':memory:');
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) });
    await migrateToLatest(db, before);
    const insert = raw.prepare(INSERT);
    // As the earlier foldForSearch wrote them: the invisible characters kept.
    insert.run('zwsp', '株式会社ゼロ\u200b幅ワーク', null, '株式会社ぜろ\u200b幅わーく');
    insert.run('shy', 'ソフト\u00adハイフン株式会社', 'ソフト\u00adハイフン', 'そふと\u00adはいふん株式会社 そふと\u00adはいふん');
    insert.run('plain', '普通の名前株式会社', null, 'stale but untouched');

    expect(await migrateToLatest(db, upToIt)).toEqual([NAME]);
    const text = (id: string) => (raw.prepare('SELECT search_text FROM organizations WHERE id = ?').get(id) as { search_text: string }).search_text;
    expect(text('zwsp')).toBe('株式会社ぜろ幅わーく');
    expect(text('shy')).toBe('そふとはいふん株式会社 そふとはいふん');
    expect(text('plain')).toBe('stale but untouched');
    const found = (phrase: string) => raw.prepare('SELECT organization_id FROM organizations_search WHERE organizations_search MATCH ?').all(`"${phrase}"`).map((r: any) => r.organization_id);
    expect(found('ぜろ幅わーく')).toEqual(['zwsp']);
    expect(found('そふとはいふん')).toEqual(['shy']);
    await db.destroy();
  });

  // D1 refuses a GLOB pattern of more than 50 bytes ("pattern too complex") once a row is compared:
  // over an empty table it passed; over a registry's rows the Worker could not start.
  it('does the same on D1 (local, as the Worker runs it), one batch', async () => {
    const proxy = await getPlatformProxy<{ DB: D1Like }>({ configPath: join(import.meta.dirname, '../../wrangler.toml'), persist: { path: mkdtempSync(join(tmpdir(), 'ignorables-d1-')) } });
    try {
      const binding = proxy.env.DB;
      const { db } = openD1(binding);
      await migrateToLatest(db, before, applyMigrationInBatch(binding));
      const insert = (...values: unknown[]) => binding.batch([binding.prepare(INSERT).bind(...values)]);
      await insert('zwsp', '株式会社ゼロ\u200b幅ワーク', null, '株式会社ぜろ\u200b幅わーく');
      await insert('tag', 'タグ\u{e0041}文字株式会社', null, 'たぐ\u{e0041}文字株式会社');
      await insert('plain', '普通の名前株式会社', null, 'stale but untouched');
      expect(await migrateToLatest(db, upToIt, applyMigrationInBatch(binding))).toEqual([NAME]);
      const rows = await db.selectFrom('organizations').select(['id', 'search_text']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: 'plain', search_text: 'stale but untouched' },
        { id: 'tag', search_text: 'たぐ文字株式会社' },
        { id: 'zwsp', search_text: '株式会社ぜろ幅わーく' },
      ]);
    } finally {
      await proxy.dispose();
    }
  });
});
