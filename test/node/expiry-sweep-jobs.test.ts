/**
 * Node's minute sweep runs three jobs (expiry, ended sessions and sign-ins, e-mail past its
 * retention), as the Worker's cron does: one failing must not keep the others from running, and
 * each failure is logged by its job's name. A registry over a real SQLite file whose declarations
 * table is made unreadable, so the expiry fails.
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startExpirySweep, type SweepTimers } from '../../src/node/expiry-sweep.js';
import { registryOnFreshFile } from '../helpers/database-file.js';

describe('Node’s sweep', () => {
  it('purges an ended sign-in although the expiry fails, and logs the expiry’s failure by name', async () => {
    const { registry, path } = await registryOnFreshFile('expiry-sweep-jobs-');
    const db = new BetterSqlite3(path, { timeout: 5000 });
    try {
      db.prepare('INSERT INTO auth_flows (id_hash, kind, data, expires_at) VALUES (?, ?, ?, ?)').run('ended-flow', 'oidc', '{}', Date.now() - 60_000);
      db.exec('ALTER TABLE declarations RENAME TO declarations_unreadable');
    } finally {
      db.close();
    }
    const errors: Record<string, unknown>[] = [];
    const timers: SweepTimers = { now: () => Date.now(), setTimeout: () => null, clearTimeout: () => {} };
    const sweep = await startExpirySweep(registry, { info: () => {}, error: (event, fields) => errors.push({ event, ...fields }) }, timers);
    await sweep.stop();
    expect(errors).toEqual([expect.objectContaining({ event: 'expiry_sweep_failed', job: 'expiry', message: expect.stringContaining('declarations') })]);
    const after = new BetterSqlite3(path, { readonly: true });
    try {
      expect(after.prepare('SELECT count(*) AS n FROM auth_flows').get()).toEqual({ n: 0 });
    } finally {
      after.close();
    }
  });
});
