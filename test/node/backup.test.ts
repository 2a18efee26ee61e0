/**
 * npm run backup under write load, then npm run restore into a fresh DATABASE_PATH and a server
 * started on it (issue 7, point 4). Node only: the Worker's D1 is backed up by Cloudflare.
 */
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { npmRun } from '../helpers/npm-script.js';



let server: TestServer;
let scratch: string;
beforeAll(async () => {
  server = await startTestServer();
  scratch = mkdtempSync(join(tmpdir(), 'registry-backup-'));
});
afterAll(async () => {
  await server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('copies the live database consistently under write load, and restores it round trip', async () => {
    const before = await seedCompany(server, { n: 7000, publish: true, name: 'バックアップ前株式会社' });

    // Write load: 6 loops creating organizations, tokens, declarations and publishing them.
    let stop = false;
    let n = 7001;
    const writes: number[] = [];
    const loop = async () => {
      while (!stop) {
        await seedCompany(server, { n: n++, publish: true });
        writes.push(Date.now());
      }
    };
    const loops = Array.from({ length: 6 }, loop);
    while (writes.length < 10) await new Promise((resolve) => setTimeout(resolve, 20));

    const backupFile = join(scratch, 'registry-backup.sqlite');
    const backupStarted = Date.now();
    const backup = await npmRun(['backup', '--', backupFile], { DATABASE_PATH: server.dbPath });
    const backupEnded = Date.now();
    // Keep writing a little after the copy, then stop.
    await new Promise((resolve) => setTimeout(resolve, 200));
    stop = true;
    await Promise.all(loops);
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toContain('integrity ok');
    expect(existsSync(`${backupFile}.partial`)).toBe(false);
    const duringBackup = writes.filter((t) => t >= backupStarted && t <= backupEnded).length;
    expect(duringBackup, 'the server kept writing while the backup ran').toBeGreaterThan(0);

    // The copy: intact, referentially clean, and one committed state (no half-applied change).
    const copy = new BetterSqlite3(backupFile, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('foreign_key_check')).toEqual([]);
      const all = (sqlText: string) => copy.prepare(sqlText).all();
      // Every credential has exactly its two status entries, and every entry its credential.
      expect(all(`SELECT c.id FROM credentials c LEFT JOIN status_entries e ON e.credential_id = c.id GROUP BY c.id
        HAVING sum(e.purpose = 'revocation') IS NOT 1 OR sum(e.purpose = 'suspension') IS NOT 1`)).toEqual([]);
      expect(all('SELECT e.credential_id FROM status_entries e LEFT JOIN credentials c ON c.id = e.credential_id WHERE c.id IS NULL')).toEqual([]);
      // Every published declaration has its credential; every record its audit entries.
      expect(all(`SELECT d.id FROM declarations d WHERE d.status = 'published'
        AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.subject_type = 'declaration' AND c.subject_id = d.id)`)).toEqual([]);
      expect(all(`SELECT d.id FROM declarations d WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_id = d.id AND a.action = 'declaration.create')
        OR (d.status = 'published' AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_id = d.id AND a.action = 'declaration.publish'))`)).toEqual([]);
      expect(all(`SELECT o.id FROM organizations o WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_id = o.id AND a.action = 'organization.create')`)).toEqual([]);
      expect(all(`SELECT d.id FROM declarations d WHERE d.current_version <> (SELECT count(*) FROM declaration_versions v WHERE v.declaration_id = d.id)`)).toEqual([]);
      // And audit entries point at records that exist (nothing audited but rolled back).
      expect(all(`SELECT a.entity_id FROM audit_log a WHERE a.entity_type = 'declaration' AND NOT EXISTS (SELECT 1 FROM declarations d WHERE d.id = a.entity_id)`)).toEqual([]);
      const inCopy = (copy.prepare('SELECT count(*) AS n FROM organizations').get() as { n: number }).n;
      const live = new BetterSqlite3(server.dbPath, { readonly: true });
      const inLive = (live.prepare('SELECT count(*) AS n FROM organizations').get() as { n: number }).n;
      live.close();
      expect(inCopy).toBeGreaterThan(10);
      expect(inCopy).toBeLessThan(inLive); // the load went on after the snapshot
    } finally {
      copy.close();
    }

    // Restore refuses while a server holds the target database.
    const refused = await npmRun(['restore', '--', backupFile], { DATABASE_PATH: server.dbPath });
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('in use');

    // Restore into a fresh DATABASE_PATH, start a server on it, read back what was there before.
    const restoredPath = join(scratch, 'restored', 'registry.sqlite');
    const restore = await npmRun(['restore', '--', backupFile], { DATABASE_PATH: restoredPath });
    expect(restore.code, restore.output).toBe(0);
    const restored = await startTestServer({ DATABASE_PATH: restoredPath, KEYS_DIR: join(server.dir, 'keys') });
    try {
      const organization = await restored.call('GET', `/api/v1/organizations/${before.organization.id}`);
      expect(organization.status).toBe(200);
      expect(organization.body.name).toBe('バックアップ前株式会社');
      const declaration = await restored.call('GET', `/api/v1/declarations/${before.declarationId}`);
      expect(declaration.body.status).toBe('published');
      // Its credential still verifies with the same keys, status included.
      const [ref] = declaration.body.credentials;
      const verification = await restored.call('GET', new URL(ref.verificationUrl).pathname, { token: null, headers: { accept: 'application/json' } });
      expect(verification.status, verification.text).toBe(200);
      // The restored registry takes writes.
      expect((await seedCompany(restored, { n: 9999, publish: true })).organization.id).toBeTruthy();
    } finally {
      await restored.close();
    }

    // Restored again over that database: the change feed cursors it handed out are never handed out again.
    const handedOut = Number((await startTestServer({ DATABASE_PATH: restoredPath, KEYS_DIR: join(server.dir, 'keys') }).then(async (s) => {
      try {
        return (await s.call('GET', '/api/v1/changes/latest', { token: null })).body.cursor;
      } finally {
        await s.close();
      }
    })));
    const again = await npmRun(['restore', '--', backupFile], { DATABASE_PATH: restoredPath });
    expect(again.code, again.output).toBe(0);
    const rolledBack = await startTestServer({ DATABASE_PATH: restoredPath, KEYS_DIR: join(server.dir, 'keys') });
    try {
      // The partner's cursor is past what the restored feed holds: refused, not echoed back.
      expect((await rolledBack.call('GET', `/api/v1/changes?after=${handedOut}`, { token: null })).status).toBe(400);
      await seedCompany(rolledBack, { n: 9998, publish: true });
      const next = await rolledBack.call('GET', `/api/v1/changes?after=${handedOut}`, { token: null });
      expect(next.status).toBe(200);
      expect(next.body.items.length).toBeGreaterThan(0);
      expect(Number(next.body.items[0].cursor)).toBeGreaterThan(handedOut);
    } finally {
      await rolledBack.close();
    }
  }, 180_000); // four runs of npm's commands (each starting node with tsx) and four servers: past 60 s on a busy machine
});
