// What an operator sees when a setting points at the wrong thing: the real bundle (as `npm start`
// runs it) stops at once with exit 1 and one line naming the setting and what is wrong with it,
// not a library's message or a stack trace, and not a server that starts only to fail later.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openSqlite } from '../../src/adapters/sqlite/open.js';
import { ADMIN_TOKEN, freePort } from '../helpers/server.js';
import { npmStart } from '../helpers/start-command.js';

const dir = mkdtempSync(join(tmpdir(), 'registry-start-failures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Starts the bundle with `env` over a working configuration; resolves with its exit code and all
 * it wrote. Once it listens, `whileListening` runs (given the output so far), then it is stopped.
 */
async function startWith(env: Record<string, string>, whileListening?: (output: string) => Promise<void>): Promise<{ code: number | null; output: string }> {
  const child = spawn(npmStart.command, npmStart.args, {
    env: {
      ...process.env,
      ...npmStart.env,
      PORT: String(await freePort()),
      DATABASE_PATH: join(dir, 'registry.sqlite'),
      KEYS_DIR: join(dir, 'keys'),
      MAIL_DIR: join(dir, 'mail'),
      REGISTRY_ADMIN_TOKEN: ADMIN_TOKEN,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let listening = false;
  child.stdout!.on('data', (chunk) => {
    output += chunk;
    // A start that should have failed: stop it, the test fails on the exit code.
    if (output.includes('Registry listening') && !listening) {
      listening = true;
      void (whileListening?.(output) ?? Promise.resolve()).finally(() => child.kill('SIGTERM'));
    }
  });
  child.stderr!.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}

function expectOneLineNaming(result: { code: number | null; output: string }, ...words: string[]) {
  expect(result.code, result.output).toBe(1);
  for (const word of words) expect(result.output).toContain(word);
  expect(result.output).not.toMatch(/^\s+at /m);
  expect(result.output).not.toContain('Registry listening');
}

/** A file this process cannot write, even as root (mode bits do not stop root; the immutable flag does). */
function makeReadOnly(path: string): (() => void) | null {
  chmodSync(path, 0o444);
  if (process.getuid?.() !== 0) return () => chmodSync(path, 0o644);
  try {
    execFileSync('chattr', ['+i', path], { stdio: 'ignore' });
    return () => execFileSync('chattr', ['-i', path], { stdio: 'ignore' });
  } catch {
    return null;
  }
}

describe('a setting that points at the wrong thing stops the start with one line naming it', () => {
  it('DATABASE_PATH that is a folder', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    expectOneLineNaming(await startWith({ DATABASE_PATH: folder }), 'DATABASE_PATH', folder, 'is a folder');
  });

  it('DATABASE_PATH that is not an SQLite database', async () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'これはデータベースではありません。'.repeat(100));
    expectOneLineNaming(await startWith({ DATABASE_PATH: path }), 'DATABASE_PATH', path, 'not an SQLite database');
  });

  it('DATABASE_PATH migrated by a newer version: refused, naming it, and left unchanged for that version', async () => {
    const path = join(dir, 'from-a-newer-version.sqlite');
    const store = await openSqlite({ path });
    await store.close();
    const file = new Database(path);
    file.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES ('2099-01-01T0000-from-the-future', '2099-01-01T00:00:00.000Z')").run();
    const before = file.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all();
    file.close();
    expectOneLineNaming(await startWith({ DATABASE_PATH: path }), 'DATABASE_PATH', path, 'newer version', '2099-01-01T0000-from-the-future', 'npm run restore');
    const after = new Database(path, { readonly: true });
    expect(after.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all()).toEqual(before);
    after.close();
  });

  it('DATABASE_PATH whose folder cannot be made (a file is in the way)', async () => {
    writeFileSync(join(dir, 'plain-file'), '');
    const path = join(dir, 'plain-file', 'data', 'registry.sqlite');
    expectOneLineNaming(await startWith({ DATABASE_PATH: path }), 'DATABASE_PATH', path, 'folder');
  });

  it('DATABASE_PATH that is read-only: refused at start, not served until the first write fails', async () => {
    const path = join(dir, 'read-only.sqlite');
    // A registry database, made by a first start (stopped once it listens).
    expect((await startWith({ DATABASE_PATH: path })).code).toBe(0);
    expect(existsSync(path)).toBe(true);
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
    const undo = makeReadOnly(path);
    if (!undo) return void console.warn('skipped: chattr is not permitted here, and root writes a 0444 file anyway');
    try {
      expectOneLineNaming(await startWith({ DATABASE_PATH: path }), 'DATABASE_PATH', path, 'read-only');
    } finally {
      undo();
    }
  });

  it('KEYS_DIR that is a file', async () => {
    const path = join(dir, 'keys-file');
    writeFileSync(path, '');
    expectOneLineNaming(await startWith({ KEYS_DIR: path, DATABASE_PATH: join(dir, 'keys-file.sqlite') }), 'KEYS_DIR', path, 'not a folder');
  });

  it('KEYS_DIR holding a key file that is not valid JSON names the file', async () => {
    const keys = join(dir, 'broken-keys');
    mkdirSync(keys);
    writeFileSync(join(keys, 'key-broken.json'), '{"keyId": "key-broken",');
    expectOneLineNaming(await startWith({ KEYS_DIR: keys, DATABASE_PATH: join(dir, 'broken-keys.sqlite') }), 'KEYS_DIR', 'key-broken.json');
  });

  it('ISSUER_KEYS that is not JSON, or not keys, before any database is made', async () => {
    for (const value of ['nope', '[{"keyId": 1}]']) {
      const path = join(dir, `issuer-keys-${value.length}.sqlite`);
      expectOneLineNaming(await startWith({ ISSUER_KEYS: value, DATABASE_PATH: path }), 'ISSUER_KEYS');
      expect(existsSync(path)).toBe(false);
    }
  });

  it('a first start that cannot listen prints no administrator token: the next start that does prints it, and it works', async () => {
    const path = join(dir, 'first-start.sqlite');
    const holder = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => holder.once('listening', resolve));
    try {
      const taken = String((holder.address() as AddressInfo).port);
      const failed = await startWith({ DATABASE_PATH: path, PORT: taken, REGISTRY_ADMIN_TOKEN: '' });
      expectOneLineNaming(failed, 'PORT', 'already in use');
      expect(failed.output).not.toMatch(/trr_/);
    } finally {
      holder.close();
    }
    const port = await freePort();
    let token = '';
    let status = 0;
    const started = await startWith({ DATABASE_PATH: path, PORT: String(port), REGISTRY_ADMIN_TOKEN: '' }, async (output) => {
      token = /trr_[\w-]+/.exec(output)?.[0] ?? '';
      status = (await fetch(`http://127.0.0.1:${port}/api/v1/tokens`, { headers: { authorization: `Bearer ${token}` } })).status;
    });
    expect(started.code, started.output).toBe(0);
    expect(token, started.output).not.toBe('');
    expect(status).toBe(200);
  });

  it('MAIL_FROM without an address, MAIL_API_URL that is not an https URL: named before anything starts', async () => {
    const result = await startWith({ MAIL_FROM: 'registry', MAIL_API_URL: 'mail.example.jp/send', DATABASE_PATH: join(dir, 'mail-settings.sqlite') });
    expectOneLineNaming(result, 'MAIL_FROM', 'MAIL_API_URL');
    const plain = await startWith({ MAIL_FROM: '"地方創生テレワーク" <no-reply@example.go.jp>', MAIL_API_URL: 'http://mail.example.jp/send', DATABASE_PATH: join(dir, 'mail-settings.sqlite') });
    expectOneLineNaming(plain, 'MAIL_API_URL must be an https URL');
    expect(plain.output).not.toContain('MAIL_FROM');
    expect(existsSync(join(dir, 'mail-settings.sqlite'))).toBe(false);
  });

  it('MAIL_DIR that cannot be a folder (a file is in the way), when messages go there', async () => {
    const path = join(dir, 'mail-file');
    writeFileSync(path, '');
    const result = await startWith({ MAIL_DIR: path, DATABASE_PATH: join(dir, 'mail-dir.sqlite') });
    expectOneLineNaming(result, 'MAIL_DIR', path);
  });
});
