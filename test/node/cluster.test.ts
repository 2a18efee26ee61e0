import BetterSqlite3 from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBitstring, fetchCredential, credentialsOf } from '../helpers/credentials.js';
import { accessToken, registerPartner, startReceiver } from '../helpers/partners.js';
import { ADMIN_TOKEN, COMPANY, corporateNumberFor, freePort, MUNICIPALITY, seedCompany, type TestServer } from '../helpers/server.js';
import { npmStart } from '../helpers/start-command.js';
import { organizationInFileAlone } from '../helpers/database-file.js';
import { insideOneRateWindow } from '../helpers/rate-window.js';

/**
 * npm start with WEB_CONCURRENCY=2: a primary and two worker processes on one SQLite file.
 * Every request opens its own connection, so the primary hands them to the workers in turn;
 * the access log says which worker answered which request id.
 */
const dir = mkdtempSync(join(tmpdir(), 'registry-cluster-'));
const RATE_LIMIT = 30;
let child: ChildProcess;
let port: number;
let stdout = '';
let stderr = '';
let receiver: Awaited<ReturnType<typeof startReceiver>>;

interface Answer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** One request on a new connection (no keep-alive), optionally as client `ip` (TRUST_PROXY=true). */
function call(method: string, path: string, { token = ADMIN_TOKEN, body, ip = '198.51.100.1', headers = {} }: { token?: string | null; body?: unknown; ip?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1', port, path, method, agent: false,
        headers: {
          'x-forwarded-for': ip,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            /* not JSON */
          }
          const answerHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') answerHeaders.set(name, value);
          resolve({ status: res.statusCode!, headers: answerHeaders, body: parsed, text });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The helpers' seeding and partner functions, over `call`. */
const server = () => ({ url: `http://127.0.0.1:${port}`, call }) as unknown as TestServer;

const requestLines = () =>
  stdout
    .split('\n')
    .filter((line) => line.includes('"event":"request"'))
    .map((line) => JSON.parse(line) as { requestId: string; worker: number; path: string; status: number });

/** Which worker answered the request with this X-Request-Id (its access line may trail the answer by a turn). */
async function workerOf(answer: Answer): Promise<number> {
  const id = answer.headers.get('x-request-id');
  for (let i = 0; i < 100; i++) {
    const line = requestLines().find((l) => l.requestId === id);
    if (line) return line.worker;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no access log line for request ${id}`);
}

async function until(condition: () => boolean, what: string, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${ms} ms:\n${stdout}\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Repeats `send` until a worker other than `than` answers it (the primary alternates workers). */
async function onOtherWorker(than: number, send: () => Promise<Answer>): Promise<Answer> {
  for (let i = 0; i < 10; i++) {
    const answer = await send();
    if ((await workerOf(answer)) !== than) return answer;
  }
  throw new Error(`worker ${than} answered ten times in a row`);
}

async function startCluster(env: Record<string, string> = {}) {
  stdout = '';
  stderr = '';
  child = spawn(npmStart.command, npmStart.args, {
    env: {
      ...process.env, ...npmStart.env, WEB_CONCURRENCY: '2', PORT: String(port), DATABASE_PATH: join(dir, 'registry.sqlite'), REGISTRY_ADMIN_TOKEN: ADMIN_TOKEN, KEYS_DIR: join(dir, 'keys'), MAIL_DIR: join(dir, 'mail'),
      TRUST_PROXY: 'true', RATE_LIMIT_PUBLIC_PER_MINUTE: String(RATE_LIMIT), WEBHOOK_ALLOW_INSECURE_LOCALHOST: 'true', WEBHOOK_DISPATCH_INTERVAL_MS: '50', ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('Registry listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${stdout}\n${stderr}`)));
  });
}

beforeAll(async () => {
  port = await freePort();
  receiver = await startReceiver();
  await startCluster();
});
afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('WEB_CONCURRENCY=2 (node:cluster over one SQLite file)', () => {
  it('starts two workers that share the port and the file, and spreads requests over both', async () => {
    expect(stdout).toContain('with 2 workers');
    // Migrated and bootstrapped once (worker 1 before worker 2 opened the file).
    // (A worker's own lines reach the shared stdout on its next turn, maybe after the primary's.)
    await until(() => stdout.match(/"event":"server_started"/g)?.length === 2, 'two server_started lines');
    const answers = [];
    for (let n = 0; n < 6; n++) answers.push(await call('GET', '/api/v1/organizations', { ip: '198.51.100.10' }));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const workers = await Promise.all(answers.map(workerOf));
    expect(new Set(workers)).toEqual(new Set([1, 2]));
    // Writes through both workers at once: each waits for the other's transaction (busy_timeout), none fails.
    const created = await Promise.allSettled(Array.from({ length: 16 }, (_, n) => seedCompany(server(), { n: 900 + n, publish: true })));
    expect(created.filter((c) => c.status === 'rejected'), stderr).toEqual([]);
    expect(stderr).not.toMatch(/SQLITE_BUSY|database is locked/);
  });

  it('copies what worker 2 commits into the database file within moments: worker 1’s checkpoint thread serves both', async () => {
    let n = 950;
    const created = await onOtherWorker(1, () => call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: `チェックポイント確認${n}株式会社`, corporateNumber: corporateNumberFor(n++) } }));
    expect(created.status).toBe(201);
    await until(() => organizationInFileAlone(join(dir, 'registry.sqlite'), created.body.name), 'the organization in the database file alone (without the WAL)');
  });

  it('a revocation through one worker is seen at once through the other (status list, verification, /v)', async () => {
    const company = await seedCompany(server(), { n: 1, publish: true });
    const [ref] = await credentialsOf(server(), `/api/v1/declarations/${company.declarationId}`);
    const vc = await fetchCredential(server(), ref!.id);
    const id = ref!.id.slice(ref!.id.lastIndexOf('/') + 1);
    const entry = (vc.dataIntegrity.credentialStatus as { statusPurpose: string; statusListCredential: string; statusListIndex: string }[]).find((e) => e.statusPurpose === 'revocation')!;
    const listPath = new URL(entry.statusListCredential).pathname;
    const verify = () => call('POST', '/credentials/verify', { token: null, ip: '198.51.100.20', body: { verifiableCredential: vc.dataIntegrity } });
    const page = () => call('GET', `/v/${id}`, { token: null, ip: '198.51.100.20', headers: { accept: 'application/json' } });
    const list = () => call('GET', listPath, { token: null });

    // Both workers have verified it (and kept whatever they keep) before the change.
    for (const worker of [1, 2]) {
      const other = worker === 1 ? 2 : 1;
      const verified = await onOtherWorker(other, verify);
      expect(verified.body).toMatchObject({ verified: true, status: { revoked: false } });
      expect((await onOtherWorker(other, page)).body.verdict).toBe('valid');
      expect(decodeBitstring((await onOtherWorker(other, list)).body.credentialSubject.encodedList).isSet(Number(entry.statusListIndex))).toBe(false);
    }

    const revoked = await call('POST', `/api/v1/declarations/${company.declarationId}/revoke`, { body: { reason: 'false-declaration' } });
    expect(revoked.status).toBe(200);
    const by = await workerOf(revoked);

    const listed = await onOtherWorker(by, list);
    expect(decodeBitstring(listed.body.credentialSubject.encodedList).isSet(Number(entry.statusListIndex))).toBe(true);
    const verified = await onOtherWorker(by, verify);
    expect(verified.status).toBe(400);
    expect(verified.body.status).toEqual({ revoked: true, suspended: false });
    expect((await onOtherWorker(by, page)).body.verdict).toBe('revoked');
  });

  it('delivers each webhook exactly once while both workers push and worker 1 polls', async () => {
    const token = await accessToken(server(), await registerPartner(server()));
    const hook = await call('POST', '/api/v1/partners/me/webhooks', { token, body: { url: receiver.url, events: ['declaration.published', 'declaration.revoked'] } });
    expect(hook.status).toBe(201);
    const count = 10;
    const companies = await Promise.all(Array.from({ length: count }, (_, n) => seedCompany(server(), { n: 500 + n, publish: true })));
    const revocations = await Promise.all(companies.map((c) => call('POST', `/api/v1/declarations/${c.declarationId}/revoke`, { body: { reason: 'false-declaration' } })));
    expect(revocations.every((r) => r.status === 200)).toBe(true);
    expect(new Set(await Promise.all(revocations.map(workerOf)))).toEqual(new Set([1, 2]));

    await receiver.waitFor(2 * count, 10_000);
    // Time for a duplicate to show up, were a delivery claimed twice.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(receiver.received).toHaveLength(2 * count);
    const events = receiver.received.map((m) => JSON.parse(m.body) as { id: string; type: string; subject: { id: string } });
    expect(new Set(receiver.received.map((m) => m.headers['webhook-id'])).size).toBe(2 * count);
    expect(new Set(events.map((e) => e.id)).size).toBe(2 * count);
    for (const company of companies) {
      expect(events.filter((e) => e.subject.id === company.declarationId).map((e) => e.type).sort()).toEqual(['declaration.published', 'declaration.revoked']);
    }
  });

  it(`holds the public limit (${RATE_LIMIT} a minute per address) across both workers, not once per worker`, async () => {
    // A burst the machine's load stretched over a minute's turn is run again from a new address:
    // the new window's fresh count would read as a request let through.
    let answers: Answer[] = [];
    for (let attempt = 1; answers.length === 0; attempt++) {
      await insideOneRateWindow();
      const minute = Math.floor(Date.now() / 60_000);
      for (let n = 0; n < RATE_LIMIT + 10; n++) {
        answers.push(await call('GET', '/api/v1/organizations', { token: null, ip: `203.0.113.${6 + attempt}` }));
        // A count is sent on at once after a quiet 25 ms, so a client that waits meets the exact limit.
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      if (Math.floor(Date.now() / 60_000) !== minute && attempt < 3) answers = [];
    }
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200), `statuses in order: ${statuses.join(' ')}`).toHaveLength(RATE_LIMIT);
    expect(statuses.slice(RATE_LIMIT).every((s) => s === 429)).toBe(true);
    expect(answers.at(-1)!.headers.get('ratelimit-remaining')).toBe('0');
    expect(new Set(await Promise.all(answers.map(workerOf)))).toEqual(new Set([1, 2]));
    // Another address has its own count.
    expect((await call('GET', '/api/v1/organizations', { token: null, ip: '203.0.113.99' })).status).toBe(200);

    // A partner's own limit is one count across the workers too.
    const partner = await registerPartner(server(), { name: '上限テスト株式会社', rateLimitPerMinute: 6 });
    const token = await accessToken(server(), partner);
    const partnerAnswers: Answer[] = [];
    await insideOneRateWindow();
    for (let n = 0; n < 9; n++) {
      partnerAnswers.push(await call('GET', '/api/v1/partners/me/webhooks', { token }));
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    expect(partnerAnswers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429]);
    expect(new Set(await Promise.all(partnerAnswers.map(workerOf)))).toEqual(new Set([1, 2]));
  }, 120_000); // up to two waits for a fresh minute, one burst perhaps run twice

  it('replaces a worker that died, under the same number', async () => {
    const listening = () =>
      stdout
        .split('\n')
        .filter((line) => line.includes('"event":"worker_listening"'))
        .map((line) => JSON.parse(line) as { worker: number; pid: number });
    const before = listening().filter((l) => l.worker === 2).at(-1)!;
    process.kill(before.pid, 'SIGKILL');
    const deadline = Date.now() + 60_000;
    while (!listening().some((l) => l.worker === 2 && l.pid !== before.pid)) {
      if (Date.now() > deadline) throw new Error(`worker 2 was not replaced:\n${stdout}\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(stderr).toContain('"event":"worker_exited"');
    expect(stdout.match(/Registry listening/g)).toHaveLength(1);
    const answers = [];
    for (let n = 0; n < 4; n++) answers.push(await call('GET', '/api/v1/organizations/' + 'none', { ip: '198.51.100.30' }));
    expect(new Set(await Promise.all(answers.map(workerOf)))).toEqual(new Set([1, 2]));
  });

  it('SIGTERM: the primary stops both workers, the request in flight finishes, every process exits 0', async () => {
    // 'close': after the exit and the last output of every process sharing the pipes.
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    const body = Buffer.from(JSON.stringify(MUNICIPALITY));
    const answer = new Promise<Answer>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/api/v1/organizations', method: 'POST', agent: false, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', 'content-length': body.length } },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, headers: new Headers(), body: JSON.parse(text), text }));
        },
      );
      req.on('error', reject);
      // Half the body, SIGTERM while the request is in flight, then the rest.
      req.write(body.subarray(0, 10));
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => req.end(body.subarray(10)), 300);
      }, 200);
    });
    const created = await answer;
    expect(created.status, created.text).toBe(201);
    expect(await exited).toBe(0);
    expect(stdout.match(/"event":"server_stopped"/g)).toHaveLength(2);
    expect(stdout).toContain('"event":"cluster_stopped"');
    // Both closed the file cleanly: it is whole, and the request answered during shutdown was kept.
    const db = new BetterSqlite3(join(dir, 'registry.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT name FROM organizations WHERE id = ?').get(created.body.id)).toEqual({ name: MUNICIPALITY.name });
    } finally {
      db.close();
    }
  });

  it('SIGTERM while the workers are still starting: every process stops, the primary exits 0', async () => {
    const starting = spawn(npmStart.command, npmStart.args, {
      env: { ...process.env, ...npmStart.env, WEB_CONCURRENCY: '2', PORT: String(await freePort()), DATABASE_PATH: join(dir, 'starting.sqlite'), REGISTRY_ADMIN_TOKEN: ADMIN_TOKEN, KEYS_DIR: join(dir, 'keys'), MAIL_DIR: join(dir, 'mail') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => starting.once('close', resolve));
    let output = '';
    // Right after worker 1 listens, while worker 2 is starting.
    await new Promise<void>((resolve) => starting.stdout!.on('data', (chunk) => (output += chunk).includes('"event":"worker_listening"') && resolve()));
    starting.kill('SIGTERM');
    expect(await exited, output).toBe(0);
    expect(output).toContain('"event":"cluster_stopped"');
  });

  it('a second SIGTERM while a request never finishes: every worker cuts it at once, closes the database, and the primary exits 0', async () => {
    const clusterPort = await freePort();
    const stalling = spawn(npmStart.command, npmStart.args, {
      env: { ...process.env, ...npmStart.env, WEB_CONCURRENCY: '2', PORT: String(clusterPort), DATABASE_PATH: join(dir, 'stalled.sqlite'), REGISTRY_ADMIN_TOKEN: ADMIN_TOKEN, KEYS_DIR: join(dir, 'keys'), MAIL_DIR: join(dir, 'mail') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => stalling.once('close', resolve));
    let output = '';
    stalling.stderr!.on('data', (chunk) => (output += chunk));
    await new Promise<void>((resolve) => stalling.stdout!.on('data', (chunk) => (output += chunk).includes('Registry listening') && resolve()));
    // A request whose body never comes, on each worker (connections are handed out in turn).
    const sockets = [];
    for (let n = 0; n < 2; n++) {
      const socket = connect(clusterPort, '127.0.0.1');
      socket.on('error', () => {});
      socket.write(`POST /api/v1/organizations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"kind"`);
      sockets.push(socket);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    stalling.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const second = Date.now();
    stalling.kill('SIGTERM');
    expect(await exited, output).toBe(0);
    expect(Date.now() - second).toBeLessThan(3_000);
    expect(output.match(/"event":"server_stopped"/g)).toHaveLength(2);
    for (const socket of sockets) socket.destroy();
    const db = new BetterSqlite3(join(dir, 'stalled.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
