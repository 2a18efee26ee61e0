/**
 * The webhook dispatcher runs after every commit that may have queued a delivery, on every
 * worker: when nothing is due it must not need the write lock, or it would queue behind (and
 * hold up) other workers' writes on the one SQLite file for nothing.
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createKyselyDeliveries } from '../../src/adapters/kysely/deliveries.js';
import { freshDatabaseFile } from '../helpers/database-file.js';

describe('claiming due webhook deliveries (real SQLite file)', () => {
  it('with nothing due answers at once while another connection holds the write lock', async () => {
    const { store, path } = await freshDatabaseFile('claim-');
    const other = new BetterSqlite3(path);
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
    }
  });
});
