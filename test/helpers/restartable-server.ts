/**
 * A real registry that can be stopped and started again on the SAME database, keys, port and
 * PUBLIC_BASE_URL (so its did:web and credential ids stay the same), to rotate or retire issuer
 * keys between runs as an operator would:
 * - Node: key files in `${dir}/keys`, changed with the real CLI (`tsx src/cli/keys.ts rotate`,
 *   `… retire <keyId>`, what `npm run keys:rotate` runs); the first start generates the
 *   development key.
 * - Worker (REGISTRY_TARGET=worker): keys only come from ISSUER_KEYS, so the same changes are
 *   made to that JSON; the D1 state persists in `dir` across restarts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateIssuerKey } from '../../src/adapters/crypto/keys.js';
import { readKeyFiles } from '../../src/adapters/node/key-files.js';
import { parseConfig } from '../../src/config.js';
import { startNodeServer, type Logger } from '../../src/node/server.js';
import { ADMIN_TOKEN, freePort, httpCaller, snapshotOf, type TestServer } from './server.js';
import { onWorker, startWorker } from './targets.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

interface KeyJson {
  keyId: string;
  createdAt: string;
  retiredAt: string | null;
  privateJwk: JsonWebKey;
}

export interface RestartableServer {
  dir: string;
  port: number;
  /** The running instance; throws when stopped. */
  readonly current: TestServer;
  /** Starts (again) on the same database, keys, port and base URL; `env` changes settings for this start (an operator's configuration change). */
  start(env?: Record<string, string>): Promise<TestServer>;
  /** Stops the running instance, keeping the database and keys. */
  stop(): Promise<void>;
  /** Stops and deletes the folder. */
  dispose(): Promise<void>;
  /** `npm run keys:rotate` (or a new key in ISSUER_KEYS): returns the new key's id. Only while stopped. */
  rotateKey(): Promise<string>;
  /** `npm run keys -- retire <keyId>` (or retiredAt in ISSUER_KEYS). Only while stopped. */
  retireKey(keyId: string): Promise<void>;
  /** Every issuer key with its private `d`, as stored (key files or ISSUER_KEYS). */
  keys(): { keyId: string; retiredAt: string | null; d: string }[];
}

export async function createRestartableServer(env: Record<string, string> = {}): Promise<RestartableServer> {
  const dir = mkdtempSync(join(tmpdir(), 'registry-restart-test-'));
  const nodeDbPath = join(dir, 'registry.sqlite');
  const keysDir = join(dir, 'keys');
  const port = await freePort();
  const baseEnv = { PORT: String(port), DATABASE_PATH: nodeDbPath, REGISTRY_ADMIN_TOKEN: ADMIN_TOKEN, KEYS_DIR: keysDir, PUBLIC_BASE_URL: `http://localhost:${port}`, ...env };
  /** Worker only: the ISSUER_KEYS secret. */
  const workerKeys: KeyJson[] = [];
  let running: { close(): Promise<void>; api: TestServer } | null = null;

  const keysCli = (...args: string[]) =>
    execFileSync('npx', ['tsx', 'src/cli/keys.ts', ...args], { cwd: repoRoot, env: { ...process.env, KEYS_DIR: keysDir }, encoding: 'utf8' });

  async function newWorkerKey() {
    const { keyId, createdAt, privateJwk } = await generateIssuerKey();
    workerKeys.push({ keyId, createdAt, retiredAt: null, privateJwk: privateJwk! });
    return keyId;
  }

  async function start(env: Record<string, string> = {}): Promise<TestServer> {
    if (running) throw new Error('already running');
    const settings = { ...baseEnv, ...env };
    const logs: string[] = [];
    let url: string;
    let dbPath: () => string;
    let close: () => Promise<void>;
    if (onWorker) {
      if (workerKeys.length === 0) await newWorkerKey();
      const worker = await startWorker({ dir, port, env: { ...settings, ISSUER_KEYS: JSON.stringify(workerKeys) } });
      ({ url } = worker);
      dbPath = () => worker.dbPath();
      close = () => worker.close();
    } else {
      const logger: Logger = {
        info: (event, fields) => logs.push(JSON.stringify({ event, ...fields })),
        error: (event, fields) => logs.push(JSON.stringify({ level: 'error', event, ...fields })),
      };
      const server = await startNodeServer(parseConfig(settings), { logger });
      ({ url } = server);
      dbPath = () => nodeDbPath;
      close = () => server.close();
    }
    const api: TestServer = {
      url,
      dir,
      get dbPath() {
        return dbPath();
      },
      logs,
      call: httpCaller(url),
      snapshot: () => snapshotOf(dbPath()),
      close: () => stop(),
    };
    running = { close, api };
    return api;
  }

  async function stop() {
    const was = running;
    running = null;
    await was?.close();
  }

  const whileStopped = () => {
    if (running) throw new Error('stop the server before changing its keys (it loads them at start)');
  };

  return {
    dir,
    port,
    get current() {
      if (!running) throw new Error('not running');
      return running.api;
    },
    start,
    stop,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    async rotateKey() {
      whileStopped();
      if (onWorker) return newWorkerKey();
      const before = new Set(readKeyFiles(keysDir).map((k) => k.keyId));
      const output = keysCli('rotate');
      const created = readKeyFiles(keysDir).filter((k) => !before.has(k.keyId));
      if (created.length !== 1) throw new Error(`keys rotate did not create exactly one key:\n${output}`);
      return created[0]!.keyId;
    },
    async retireKey(keyId) {
      whileStopped();
      if (onWorker) {
        const key = workerKeys.find((k) => k.keyId === keyId);
        if (!key) throw new Error(`no key ${keyId}`);
        key.retiredAt = new Date().toISOString();
        return;
      }
      keysCli('retire', keyId);
    },
    keys() {
      const stored = onWorker ? workerKeys : readKeyFiles(keysDir);
      return stored.map((k) => ({ keyId: k.keyId, retiredAt: k.retiredAt, d: k.privateJwk!.d! }));
    },
  };
}
