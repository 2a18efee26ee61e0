// The upgrade of test/node/upgrade-from-early-release.test.ts on Cloudflare Workers: the early
// release's database as the Worker's D1 (wrangler's local D1), migrated by the Worker itself at
// its first request (each migration one D1 batch), then its credentials answer as they did.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { freePort } from '../helpers/server.js';
import { startWorker, type WorkerTarget } from '../helpers/targets.js';

const fixtures = new URL('../fixtures/upgrade/', import.meta.url).pathname;
const old = JSON.parse(readFileSync(join(fixtures, 'old-registry.json'), 'utf8'));
const key = JSON.parse(readFileSync(join(fixtures, 'old-registry-issuer-key.json'), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'registry-upgrade-d1-'));
let worker: WorkerTarget | undefined;
afterAll(async () => {
  await worker?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('upgrading an early release on Workers (local D1)', () => {
  it('migrates the D1 database at the first request, and its credentials answer as before', async () => {
    const port = await freePort();
    const env = { PUBLIC_BASE_URL: old.publicBaseUrl, ISSUER_KEYS: JSON.stringify([key]), REGISTRY_ADMIN_TOKEN: old.adminToken, RATE_LIMIT_PUBLIC_PER_MINUTE: '0' };
    // The first start makes the local D1 file; it is then replaced by the release's database.
    worker = await startWorker({ dir, port, env });
    const d1File = worker.dbPath();
    await worker.close();
    copyFileSync(join(fixtures, 'old-registry.db'), d1File);
    rmSync(`${d1File}-wal`, { force: true });
    rmSync(`${d1File}-shm`, { force: true });
    worker = await startWorker({ dir, port, env });

    for (const credential of old.credentials) {
      const short = credential.path.split('/').pop();
      const page = await fetch(`${worker.url}/v/${short}`, { headers: { accept: 'application/json', connection: 'close' } });
      expect((await page.json()).verdict, credential.path).toBe(credential.verdict);
      const verified = await fetch(`${worker.url}/credentials/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify({ verifiableCredential: credential.jwt }),
      });
      expect((await verified.json()).verified, credential.path).toBe(credential.verdict === 'valid');
    }
    const page = await fetch(`${worker.url}/organizations/${old.organizations.reinstated.id}`, { headers: { accept: 'text/html', connection: 'close' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('これまでの経過');

    const db = new BetterSqlite3(worker.dbPath(), { readonly: true });
    expect(db.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all()).toEqual(Object.keys(migrations).sort());
    db.close();
  });

  it('refuses, unchanged, a D1 database that a newer version migrated: 503 to visitors, the reason in the log', async () => {
    const d1File = worker!.dbPath();
    await worker!.close();
    const db = new BetterSqlite3(d1File);
    db.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES ('2099-01-01T0000-from-the-future', '2099-01-01T00:00:00.000Z')").run();
    db.close();
    const port = await freePort();
    worker = await startWorker({ dir, port, env: { PUBLIC_BASE_URL: old.publicBaseUrl, ISSUER_KEYS: JSON.stringify([key]), REGISTRY_ADMIN_TOKEN: old.adminToken }, answered: () => true });
    const answer = await fetch(`${worker.url}/organizations`, { headers: { connection: 'close' } });
    expect(answer.status).toBe(503);
    const line = () => worker!.output().split('\n').find((l) => l.includes('"event":"startup_failed"'));
    await expect.poll(line, { timeout: 10_000 }).toBeDefined();
    expect(line()).toContain('newer version of the registry (migration 2099-01-01T0000-from-the-future');
  });
});
