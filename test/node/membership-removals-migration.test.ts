// migrations/2026-12-05T0900-membership-removals.ts on a fresh database and on one that already
// holds removals (made before the table existed, known by their audit entries).
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/adapters/kysely/migrator.js';
import { migrations } from '../../migrations/index.js';

const NAME = '2026-12-05T0900-membership-removals';

function open() {
  const raw = new BetterSqlite3(':memory:');
  return { raw, db: new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) }) };
}

describe('membership removals migration', () => {
  it('creates the table on a fresh database', async () => {
    const { raw, db } = open();
    expect(await migrateToLatest(db, migrations)).toContain(NAME);
    expect(raw.prepare('SELECT COUNT(*) AS n FROM membership_removals').get()).toEqual({ n: 0 });
    await db.destroy();
  });

  it('on an existing database, keeps out whom an owner removed (not those who moved company, nor those who are members again)', async () => {
    const { raw, db } = open();
    const earlier = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < NAME));
    // Up to this one: later migrations are not this test's subject.
    const upToThis = Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= NAME));
    await migrateToLatest(db, earlier);
    raw.prepare(`INSERT INTO organizations (id, kind, name, search_text, prefecture_code, row_version, created_at, updated_at)
      VALUES ('org', 'company', '株式会社', '', '13', 1, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z')`).run();
    const account = raw.prepare(`INSERT INTO accounts (id, display_name, created_at) VALUES (?, ?, '2026-12-01T00:00:00Z')`);
    for (const id of ['removed', 'moved', 'back']) account.run(id, id);
    raw.prepare(`INSERT INTO memberships VALUES ('org', 'back', 'editor', '2026-12-03T00:00:00Z')`).run();
    const audit = raw.prepare(`INSERT INTO audit_log (at, actor_role, action, entity_type, entity_id, before, after) VALUES (?, 'organization', 'member.remove', 'organization', 'org', ?, ?)`);
    audit.run('2026-12-01T10:00:00Z', JSON.stringify({ accountId: 'removed', role: 'editor' }), null);
    audit.run('2026-12-02T10:00:00Z', JSON.stringify({ accountId: 'removed', role: 'editor' }), null);
    audit.run('2026-12-02T11:00:00Z', JSON.stringify({ accountId: 'moved', role: 'owner' }), JSON.stringify({ reason: 'oidc-claim-changed', corporateNumber: '1' }));
    audit.run('2026-12-02T12:00:00Z', JSON.stringify({ accountId: 'back', role: 'editor' }), null);

    expect(await migrateToLatest(db, upToThis)).toEqual([NAME]);
    expect(raw.prepare('SELECT * FROM membership_removals').all()).toEqual([{ organization_id: 'org', account_id: 'removed', removed_at: '2026-12-02T10:00:00Z' }]);
    expect(await migrateToLatest(db, upToThis)).toEqual([]);
    await db.destroy();
  });
});
