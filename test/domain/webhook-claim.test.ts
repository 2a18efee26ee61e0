/**
 * The webhook dispatcher runs after every commit that may have queued a delivery, on every
 * worker: when nothing is due it must not need the write lock, or it would queue behind (and
 * hold up) other workers' writes on the one SQLite file for nothing.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/adapters/sqlite/open.js';
import { createKyselyDeliveries } from '../../src/adapters/kysely/deliveries.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('claiming due webhook deliveries (real SQLite file)', () => {
  it('with nothing due answers at once while another connection holds the write lock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claim-'));
    dirs.push(dir);
    const store = await openSqlite({ path: join(dir, 'registry.sqlite') });
    const other = new BetterSqlite3(join(dir, 'registry.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    try {
      const now = Date.now();
      const started = performance.now();
      await expect(createKyselyDeliveries(store.db).claimDue({ owner: 'run-1', now, leaseUntil: now + 30_000, limit: 10 })).resolves.toEqual([]);
      // Waiting for the lock would take the busy timeout (5 s) and then fail.
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      other.exec('ROLLBACK');
      other.close();
      await store.close();
    }
  });
});
