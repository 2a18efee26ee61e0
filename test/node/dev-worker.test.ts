import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyFile } from '../../src/adapters/node/key-files.js';
import { CONFIG_VARIABLES, parseConfig } from '../../src/config.js';
import { registerPartner } from '../helpers/partners.js';
import { ADMIN_TOKEN, freePort, httpCaller, seedCompany, type TestServer } from '../helpers/server.js';
import { processGroupAlive, startDevWorker } from '../helpers/targets.js';
import { insideOneRateWindow } from '../helpers/rate-window.js';

/**
 * `npm run dev:worker` passes every variable of npm start on to the Worker (src/cli/dev-worker.ts)
 * and runs wrangler.toml's cron triggers locally. One start of the real command, checked from outside.
 */
let dir: string;
let keyId: string;
let worker: Awaited<ReturnType<typeof startDevWorker>>;
let server: TestServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'registry-dev-worker-'));
  keyId = (await createKeyFile(join(dir, 'keys'))).keyId;
  worker = await startDevWorker({
    dir,
    port: await freePort(),
    env: {
      REGISTRY_ADMIN_TOKEN: ADMIN_TOKEN,
      RATE_LIMIT_PUBLIC_PER_MINUTE: '2',
      WEBHOOK_ALLOW_INSECURE_LOCALHOST: 'true',
      KEYS_DIR: join(dir, 'keys'),
      DEV_WORKER_CRON_INTERVAL_MS: '1000',
    },
  });
  // What the helpers below use of a test server: HTTP calls as the administrator.
  server = { url: worker.url, call: httpCaller(worker.url) } as TestServer;
});
afterAll(async () => {
  await worker?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run dev:worker', () => {
  it('derives what it passes from the one list of variables: exactly what parseConfig reads', () => {
    const read = new Set<string>();
    const recording = (value: string | undefined) => new Proxy({}, { get: (_, name) => (read.add(String(name)), value) });
    // Unset, then every variable set (to a wrong value: parseConfig then reads the dependent ones too).
    for (const value of [undefined, 'x']) {
      try {
        parseConfig(recording(value));
      } catch {
        /* ConfigError: expected for 'x' */
      }
    }
    // Variables only tests set (TEST_…) are neither documented nor passed on.
    expect([...read].filter((name) => !name.startsWith('TEST_')).sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('KEYS_DIR: the Worker signs with the key files of that folder', async () => {
    const jwks = await server.call('GET', '/.well-known/jwks.json', { token: null });
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys.map((key: { kid: string }) => key.kid.split('#')[1])).toEqual([keyId]);
  });

  it('WEBHOOK_ALLOW_INSECURE_LOCALHOST: a webhook to http://127.0.0.1 is accepted', async () => {
    const partner = await registerPartner(server);
    const webhook = await server.call('POST', `/api/v1/partners/${partner.id}/webhooks`, { body: { url: 'http://127.0.0.1:9/hooks/registry', events: ['declaration.published'] } });
    expect(webhook.status, webhook.text).toBe(201);
  });

  it('runs the scheduled expiry sweep by itself (no POST /api/v1/admin/expire-due)', async () => {
    const company = await seedCompany(server, { n: 71, publish: true });
    const read = () => server.call('GET', `/api/v1/declarations/${company.declarationId}`);
    expect((await read()).body.status).toBe('published');
    // Its validity ends in the past, as if 36 months had gone by.
    const db = new BetterSqlite3(worker.dbPath(), { timeout: 5000 });
    try {
      expect(db.prepare("UPDATE declarations SET valid_until = '2020-01-01T00:00:00.000Z' WHERE id = ?").run(company.declarationId).changes).toBe(1);
    } finally {
      db.close();
    }
    const deadline = Date.now() + 20_000;
    let status = 'published';
    while (status !== 'expired' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await read()).body.status;
    }
    expect(status).toBe('expired');
  });

  it('RATE_LIMIT_PUBLIC_PER_MINUTE=2: the third anonymous verification in a minute is refused', async () => {
    await insideOneRateWindow();
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 3; i++) {
      last = await server.call('POST', '/credentials/verify', { token: null, body: {} });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([400, 400, 429]);
    expect(last!.headers.get('ratelimit-limit')).toBe('2');
    expect(last!.body.messages.ja).toContain('毎分 2 件');
  });

  it('starts without alarming noise: no stack traces for the offline Request.cf fetch, no driver warning', () => {
    const output = worker.output();
    expect(output).toContain('Ready on');
    expect(output).not.toMatch(/Request\.cf|ENOTFOUND|kysely:warning|Scheduled Workers are not automatically triggered|\n\s+at /);
  });

  // Last: it stops the Worker. A supervisor or a terminal signals npm alone; npm's shell used to
  // die and leave dev-worker.ts, wrangler and workerd running, holding the port.
  it('SIGTERM to npm stops everything it started: wrangler and workerd end, the port is free', async () => {
    process.kill(worker.pid, 'SIGTERM');
    const deadline = Date.now() + 15_000;
    while (processGroupAlive(worker.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(processGroupAlive(worker.pid)).toBe(false);
    await expect(fetch(`${worker.url}/healthz`)).rejects.toThrow();
  });
});
