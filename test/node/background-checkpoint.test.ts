/**
 * WAL checkpoints on a worker thread (src/adapters/sqlite/background-checkpoint.ts): what the
 * server writes reaches the database file within moments, without the request thread copying it;
 * the WAL stays bounded; closing leaves the file alone complete; and a thread that cannot run is
 * reported while SQLite goes on checkpointing by itself.
 */
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/adapters/sqlite/open.js';
import { startBackgroundCheckpoint } from '../../src/adapters/sqlite/background-checkpoint.js';
import { seedCompany, startTestServer } from '../helpers/server.js';
import { organizationInFileAlone } from '../helpers/database-file.js';

const scratch = mkdtempSync(join(tmpdir(), 'registry-checkpoint-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const until = async (check: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  return check();
};

describe('WAL checkpoints on a worker thread', () => {
  it('a running server’s writes reach the database file within a second, far below SQLite’s own 1,000-page threshold', async () => {
    const server = await startTestServer();
    try {
      const name = 'チェックポイント確認株式会社';
      await seedCompany(server, { n: 8101, publish: true, name });
      // A few hundred KB: SQLite alone would leave all of it in the WAL until ~4 MB had gathered.
      expect(statSync(`${server.dbPath}-wal`).size).toBeLessThan(4 * 1024 * 1024);
      expect(await until(() => organizationInFileAlone(server.dbPath, name))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('keeps the WAL bounded under a steady stream of commits and leaves the file alone complete when closed', async () => {
    const path = join(scratch, 'stream.sqlite');
    const store = await openSqlite({ path, checkpointInBackground: { onError: (error) => expect.fail(String(error)) } });
    store.raw.exec('CREATE TABLE scratch (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
    const insert = store.raw.prepare('INSERT INTO scratch (body) VALUES (?)');
    let largestWal = 0;
    // 64 MB in 64 KB commits, a little at a time as requests would write: the WAL never waits
    // long enough for a PASSIVE checkpoint alone to let it start over.
    for (let i = 0; i < 1024; i++) {
      insert.run(Buffer.alloc(64 * 1024, i % 251));
      if (i % 16 === 15) {
        await new Promise((resolve) => setTimeout(resolve, 30));
        largestWal = Math.max(largestWal, statSync(`${path}-wal`).size);
      }
    }
    expect(largestWal).toBeGreaterThan(0);
    // 4,000 pages (16 MB) and what came in meanwhile; never all 64 MB.
    expect(largestWal).toBeLessThan(40 * 1024 * 1024);
    await store.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reopened = new BetterSqlite3(path, { readonly: true });
    expect(reopened.prepare('SELECT count(*) AS n FROM scratch').get()).toEqual({ n: 1024 });
    reopened.close();
  });

  it('a cluster worker without a thread leaves its commits in the WAL for the first worker’s thread, which copies them', async () => {
    const path = join(scratch, 'cluster.sqlite');
    const second = await openSqlite({ path, checkpointInBackground: { byAnotherProcess: true } });
    second.raw.exec('CREATE TABLE scratch (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
    const insert = second.raw.prepare('INSERT INTO scratch (body) VALUES (?)');
    const fileBefore = statSync(path).size;
    // ~6 MB, past SQLite's own 1,000 pages, and time enough for a thread's checkpoints: none came.
    for (let i = 0; i < 96; i++) {
      insert.run(Buffer.alloc(64 * 1024, i));
      if (i % 16 === 15) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(statSync(path).size).toBe(fileBefore);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(6 * 1024 * 1024);
    // The first worker's store starts the thread: it copies the other connection's commits.
    const first = await openSqlite({ path, checkpointInBackground: { onError: (error) => expect.fail(String(error)) } });
    expect(await until(() => statSync(path).size > 6 * 1024 * 1024)).toBe(true);
    await first.close();
    await second.close();
  });

  it('reports a thread that cannot run, and SQLite then checkpoints inside commits again', async () => {
    const path = join(scratch, 'fallback.sqlite');
    const raw = new BetterSqlite3(path);
    raw.pragma('journal_mode = WAL');
    const errors: unknown[] = [];
    // The thread opens the file by its path: one in a folder that does not exist fails at once.
    const checkpoint = startBackgroundCheckpoint(raw, join(scratch, 'missing', 'x.sqlite'), (error) => errors.push(error));
    expect(await until(() => errors.length > 0)).toBe(true);
    // ~6 MB written: past 1,000 pages SQLite copies them into the file itself.
    raw.exec('CREATE TABLE scratch (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
    const insert = raw.prepare('INSERT INTO scratch (body) VALUES (?)');
    for (let i = 0; i < 96; i++) insert.run(Buffer.alloc(64 * 1024, i));
    expect(statSync(path).size).toBeGreaterThan(3 * 1024 * 1024);
    await checkpoint.stop();
    raw.close();
  });
});
