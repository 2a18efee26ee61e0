import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import BetterSqlite3 from 'better-sqlite3';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, COMPANY, freePort } from '../helpers/server.js';
import { npmStart } from '../helpers/start-command.js';

const dir = mkdtempSync(join(tmpdir(), 'registry-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the real entry point and waits until it listens: by default as `npm start` runs it once
 * built (node on the bundle), or through npm itself. `output()` is all it wrote so far.
 */
async function start(port: number, { command, args, env = {} }: { command: string; args: string[]; env?: Record<string, string> } = npmStart): Promise<ChildProcess & { output(): string }> {
  const child = spawn(command, args, {
    env: { ...process.env, ...env, PORT: String(port), DATABASE_PATH: join(dir, 'registry.sqlite'), REGISTRY_ADMIN_TOKEN: ADMIN_TOKEN, KEYS_DIR: join(dir, 'keys'), MAIL_DIR: join(dir, 'mail') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Registry listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${output}`)));
  });
  return Object.assign(child, { output: () => output });
}

describe('SIGTERM', () => {
  it('finishes the request in flight, closes the database, exits 0, and the data is there after a restart', async () => {
    const port = await freePort();
    const child = await start(port);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

    const body = Buffer.from(JSON.stringify(COMPANY));
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/api/v1/organizations', method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', 'content-length': body.length } },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, body: text }));
        },
      );
      req.on('error', reject);
      // Half the body now, SIGTERM while the request is in flight, the rest afterwards.
      req.write(body.subarray(0, 10));
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => req.end(body.subarray(10)), 300);
      }, 200);
    });

    const answer = await response;
    expect(answer.status).toBe(201);
    expect(await exited).toBe(0);

    const again = await start(port);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/organizations/${JSON.parse(answer.body).id}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(res.status).toBe(200);
      expect((await res.json()).name).toBe(COMPANY.name);
    } finally {
      again.kill('SIGTERM');
      await new Promise((resolve) => again.once('exit', resolve));
    }
  });

  it('npm start passes SIGTERM on to the server: it stops cleanly and is not left running', async () => {
    const port = await freePort();
    // --ignore-scripts skips the prestart build (done once for the run by test/global-setup.ts), so
    // that no other test's server reads the bundle while it is being written.
    const npm = await start(port, { command: 'npm', args: ['start', '--ignore-scripts'] });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    const outputEnded = new Promise<void>((resolve) => npm.stdout!.once('close', () => resolve()));
    const exited = new Promise<number | null>((resolve) => npm.once('exit', resolve));
    npm.kill('SIGTERM');
    await Promise.all([exited, outputEnded]);
    expect(npm.output()).toContain('"event":"server_stopped"');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('refuses to start with a bad configuration, naming every problem in one message', async () => {
    const child = spawn(npmStart.command, npmStart.args, {
      env: { ...process.env, ...npmStart.env, PORT: 'abc', PUBLIC_BASE_URL: 'not a url', REGISTRY_ADMIN_TOKEN: 'short' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('PUBLIC_BASE_URL');
    expect(stderr).toContain('REGISTRY_ADMIN_TOKEN');
  });

  it('names a bad PORT once: the public address made from it is not reported as a second problem', async () => {
    const { PUBLIC_BASE_URL: _, ...inherited } = process.env;
    const child = spawn(npmStart.command, npmStart.args, {
      env: { ...inherited, ...npmStart.env, PORT: 'abc', REGISTRY_ADMIN_TOKEN: ADMIN_TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(1);
    expect(stderr).toContain('PORT must be an integer from 0 to 65535 (got "abc")');
    expect(stderr).not.toContain('PUBLIC_BASE_URL');
  });

  it('a port already taken, or a HOST that is not this machine’s, is one plain message and exit 1, not a stack trace', async () => {
    const port = await freePort();
    const holder = (await import('node:net')).createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => holder.once('listening', resolve));
    try {
      for (const [env, expected] of [[{ PORT: String(port) }, `PORT ${port} is already in use`], [{ PORT: String(await freePort()), HOST: '999.1.1.1' }, '999.1.1.1\\" is not an address of this machine']] as const) {
        const child = spawn(npmStart.command, npmStart.args, {
          env: { ...process.env, ...npmStart.env, ...env, DATABASE_PATH: join(dir, 'listen.sqlite'), KEYS_DIR: join(dir, 'keys'), MAIL_DIR: join(dir, 'mail'), REGISTRY_ADMIN_TOKEN: ADMIN_TOKEN },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout!.on('data', (chunk) => (output += chunk));
        child.stderr!.on('data', (chunk) => (output += chunk));
        expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(1);
        expect(output).toContain(expected);
        expect(output).not.toMatch(/^\s+at /m);
      }
    } finally {
      holder.close();
    }
  });
});

/** A request whose body never comes: in flight for Node's requestTimeout (300 s) unless the server cuts it. */
async function stalledRequest(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.on('error', () => {});
  socket.write(`POST /api/v1/organizations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"kind"`);
  // Let the server take the request in before the signal.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return socket;
}

/** The database file as the next start finds it: whole, and nothing left in a WAL to replay. */
function expectClosedCleanly() {
  const path = join(dir, 'registry.sqlite');
  expect(!existsSync(`${path}-wal`) || statSync(`${path}-wal`).size === 0).toBe(true);
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db.close();
  }
}

describe('a request that does not finish during shutdown', () => {
  it('SIGTERM: it is cut after a grace period, the database is closed cleanly and the process exits 0', async () => {
    const port = await freePort();
    const child = await start(port);
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const socket = await stalledRequest(port);
    const closedByServer = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const sent = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    await closedByServer;
    expect(Date.now() - sent).toBeLessThan(20_000);
    expect(child.output()).toContain('"event":"server_stopped"');
    expectClosedCleanly();
  }, 40_000);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`a second ${signal} while it waits cuts it at once, still closes the database, and exits 0`, async () => {
      const port = await freePort();
      const child = await start(port);
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
      const socket = await stalledRequest(port);
      child.kill(signal);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const second = Date.now();
      child.kill(signal);
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - second).toBeLessThan(3_000);
      expect(child.output()).toContain('"event":"server_stopped"');
      socket.destroy();
      expectClosedCleanly();
    }, 40_000);
  }
});
