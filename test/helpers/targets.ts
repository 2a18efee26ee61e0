import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Miniflare, type WorkerOptions } from 'miniflare';
import { inject } from 'vitest';
import { generateIssuerKey } from '../../src/adapters/crypto/keys.js';
import { CONFIG_VARIABLES } from '../../src/config.js';
import { WEB_VARIABLES } from '../../src/web-settings.js';
import { WORKER_MODULE } from './worker-bundle.js';

/**
 * Which runtime the HTTP contract tests run against: the Node server (default) or the Worker in
 * local workerd with a local D1 (REGISTRY_TARGET=worker; the "worker" vitest project sets it).
 */
export const TARGET: 'node' | 'worker' = process.env.REGISTRY_TARGET === 'worker' ? 'worker' : 'node';
export const onWorker = TARGET === 'worker';

const WORKER_VARS = [
  'PUBLIC_BASE_URL', 'REGISTRY_ADMIN_TOKEN', 'ISSUER_KEYS', 'DECLARATION_VALIDITY_MONTHS', 'DID_METHOD',
  'WEBHOOK_ALLOW_INSECURE_LOCALHOST', 'WEBHOOK_RETRY_BASE_MS', 'WEBHOOK_MAX_ATTEMPTS', 'WEBHOOK_TIMEOUT_MS', 'WEBHOOK_DISPATCH_INTERVAL_MS',
  'RATE_LIMIT_PUBLIC_PER_MINUTE', 'TEST_STATUS_LIST_LENGTH', 'TEST_OPEN_DATA_BATCH_SIZE', 'TRUSTED_ISSUERS',
  'SITE_OPERATOR_NAME', 'SITE_OPERATOR_NAME_EN', 'SITE_CONTACT_URL', 'SITE_PRIVACY_URL', 'SITE_TERMS_URL', 'SITE_ACCESSIBILITY_URL',
  ...WEB_VARIABLES,
];

export interface WorkerTarget {
  url: string;
  /** The local D1 database file (created by the first query). */
  dbPath(): string;
  /** What wrangler and the Worker wrote (stdout and stderr) so far. */
  output(): string;
  close(): Promise<void>;
}

/**
 * Polls GET /healthz until it answers 200 (each try on a connection of its own: wrangler dev's
 * proxy may drop kept-alive ones), or until `answered` says the answer will do (a Worker that
 * cannot start answers, but not 200); fails with the output if the process exits (or `exited`, for
 * a Worker run by Miniflare, names why it ended), or after 60 s.
 */
export async function waitUntilUp(url: string, exited: ChildProcess | (() => string | null), output: () => string = () => '', answered: (response: Response) => boolean = (response) => response.ok) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const exit = typeof exited === 'function' ? exited() : exited.exitCode === null ? null : `process exited with ${exited.exitCode}`;
    if (exit !== null) throw new Error(`${url}: ${exit}:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`, { headers: { connection: 'close' }, signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (answered(response)) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer GET /healthz in 60 s:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * How long one start of the Worker may take before it is abandoned and tried once more. Twice in
 * full clean-clone runs (never alone) a start of wrangler dev neither answered nor failed within
 * the 120 s hook timeout, though its wrangler answered later; the abandoned one is stopped, never left running.
 */
const WORKER_START_TRY_MS = 50_000;

/**
 * The Worker in local workerd with a local D1, its D1 state in `dir`, on `port`: the bundle that
 * `wrangler dev` runs (taken once per run, test/helpers/worker-bundle.ts), with wrangler's own
 * reading of wrangler.toml, run by Miniflare as `wrangler dev` runs it, less what tests do not
 * need (loading wrangler and bundling at every start, its proxy Worker in a second workerd).
 * `npm run dev:worker` itself runs in startDevWorker. `answered` as waitUntilUp's.
 */
export async function startWorker(options: { dir: string; port: number; env: Record<string, string>; answered?: (response: Response) => boolean }): Promise<WorkerTarget> {
  try {
    return await startWorkerOnce(options, WORKER_START_TRY_MS);
  } catch (error) {
    if (!(error instanceof StartTimedOut)) throw error;
    return startWorkerOnce(options); // bounded by waitUntilUp's own 60 s
  }
}

class StartTimedOut extends Error {}

async function startWorkerOnce({ dir, port, env, answered }: { dir: string; port: number; env: Record<string, string>; answered?: (response: Response) => boolean }, limitMs?: number): Promise<WorkerTarget> {
  const persist = join(dir, 'wrangler-state');
  const { keyId, createdAt, privateJwk } = await generateIssuerKey();
  const vars: Record<string, string> = {
    PUBLIC_BASE_URL: `http://localhost:${port}`,
    ISSUER_KEYS: JSON.stringify([{ keyId, createdAt, retiredAt: null, privateJwk }]),
    ...Object.fromEntries(Object.entries(env).filter(([name]) => WORKER_VARS.includes(name))),
  };
  const bundle = inject('workerBundle');
  let output = '';
  const worker = new Miniflare({
    host: '127.0.0.1',
    port,
    // The registry never reads request.cf: Miniflare's placeholder, not a fetch from workers.cloudflare.com.
    cf: false,
    // As wrangler dev: the Worker logs each request itself; Miniflare's own request log would pass
    // every request through this process once more.
    logRequests: false,
    // As wrangler dev: /cdn-cgi/handler/scheduled runs the cron handler; D1 under <persist>/v3.
    unsafeTriggerHandlers: true,
    defaultPersistRoot: join(persist, 'v3'),
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      stdout.on('data', (chunk: Buffer) => (output += chunk));
      stderr.on('data', (chunk: Buffer) => (output += chunk));
    },
    workers: [
      {
        ...bundle.workerOptions,
        bindings: { ...bundle.workerOptions.bindings, ...vars },
        modulesRoot: bundle.dir,
        // Listed, not found by Miniflare: finding them parses the 4.7 MB bundle in Node at every start.
        modules: [{ type: 'ESModule', path: join(bundle.dir, WORKER_MODULE) }],
      } as WorkerOptions,
    ],
  });
  let failed: string | null = null;
  const started = worker.ready.catch((error: Error) => {
    failed = error.message;
  });
  const url = `http://127.0.0.1:${port}`;
  const close = () => worker.dispose();
  let timer: NodeJS.Timeout | undefined;
  const up = started.then(() => waitUntilUp(url, () => failed, () => output, answered));
  up.catch(() => undefined); // when abandoned below, its own failure has no one to hear it
  try {
    await Promise.race([
      up,
      new Promise((_, reject) => {
        if (limitMs !== undefined) timer = setTimeout(() => reject(new StartTimedOut(`${url}: the Worker did not answer in ${limitMs / 1000} s:\n${output}`)), limitMs);
      }),
    ]);
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return { url, dbPath: () => localD1File(persist), close, output: () => output };
}

/** SIGTERM to a process group, then SIGKILL if it has not ended within 10 s. */
export async function stopProcessGroup(group: number): Promise<void> {
  const alive = () => processGroupAlive(group);
  if (alive()) process.kill(-group, 'SIGTERM');
  for (const deadline = Date.now() + 10_000; alive() && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 100));
  if (alive()) process.kill(-group, 'SIGKILL');
}

/** Whether any process of the group is still running. */
export function processGroupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

/** The local D1 database file wrangler keeps under its --persist-to folder (created by the first query). */
export function localD1File(persist: string): string {
  const folder = join(persist, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(folder).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
  if (!file) throw new Error(`no D1 database file in ${folder}`);
  return join(folder, file);
}

/**
 * `npm run dev:worker` itself (src/cli/dev-worker.ts, which translates npm start's variables for
 * the Worker) on `port`, its D1 state in `dir`. Of the caller's environment, the registry's
 * variables (CONFIG_VARIABLES) are dropped: only `env` configures it.
 */
export async function startDevWorker({ dir, port, env }: { dir: string; port: number; env: Record<string, string> }): Promise<WorkerTarget & { output(): string; pid: number }> {
  const persist = join(dir, 'wrangler-state');
  const inherited = Object.entries(process.env).filter(([name]) => !(CONFIG_VARIABLES as readonly string[]).includes(name));
  // Its own process group: npm, tsx, dev-worker.ts, wrangler and workerd are stopped together.
  const child: ChildProcess = spawn('npm', ['run', '--silent', 'dev:worker', '--', '--persist-to', persist, '--inspector-port', '0'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...Object.fromEntries(inherited), PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const stop = () => stopProcessGroup(child.pid!);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, dbPath: () => localD1File(persist), close: stop, output: () => output, pid: child.pid! };
}
