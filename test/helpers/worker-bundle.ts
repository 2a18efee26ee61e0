import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './server.js';
import { stopProcessGroup, waitUntilUp } from './targets.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const wranglerBin = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');

/** The Worker as `wrangler dev` runs it, and its Miniflare settings (see buildWorkerBundle). */
export interface WorkerBundle {
  /** The folder of the bundle: `worker.js` is its one module. */
  dir: string;
  /** What wrangler makes of wrangler.toml for Miniflare: compatibility date and flags, [vars], the D1 binding. */
  workerOptions: Record<string, unknown> & { bindings?: Record<string, unknown> };
}

/** The bundle's module, named after wrangler.toml's main (src/worker.ts). */
export const WORKER_MODULE = 'worker.js';
/** Where wrangler dev writes the bundle it runs: .wrangler/tmp/dev-<random>/worker.js. */
const WRANGLER_TMP = join(repoRoot, '.wrangler', 'tmp');

/**
 * Once per test run (test/global-setup.ts): the bundle that `wrangler dev` builds and runs
 * (wrangler.toml's main and [define], nodejs_compat, and wrangler's development middleware, which
 * reads a request body the Worker left unread, as Cloudflare does: workerd alone resets the
 * connection), taken from one `wrangler dev`; and wrangler's own reading of wrangler.toml for
 * Miniflare. Each test file's Worker then starts on these (test/helpers/targets.ts startWorker)
 * instead of loading wrangler and bundling again.
 */
export async function buildWorkerBundle(): Promise<WorkerBundle> {
  const dir = mkdtempSync(join(tmpdir(), 'registry-worker-bundle-'));
  const before = new Set(existsSync(WRANGLER_TMP) ? readdirSync(WRANGLER_TMP) : []);
  const port = await freePort();
  const child = spawn(process.execPath, [wranglerBin, 'dev', '--local', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', join(dir, 'state'), '--inspector-port', '0', '--show-interactive-dev-session=false'], {
    cwd: repoRoot,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  try {
    const { unstable_getMiniflareWorkerOptions } = await import('wrangler');
    const { workerOptions } = unstable_getMiniflareWorkerOptions(join(repoRoot, 'wrangler.toml'));
    await waitUntilUp(`http://127.0.0.1:${port}`, child, () => output);
    const built = readdirSync(WRANGLER_TMP).filter((name) => name.startsWith('dev-') && !before.has(name) && existsSync(join(WRANGLER_TMP, name, WORKER_MODULE)));
    if (built.length !== 1) throw new Error(`expected one new wrangler dev bundle in ${WRANGLER_TMP}, found ${built.length} (another wrangler dev started meanwhile?)`);
    cpSync(join(WRANGLER_TMP, built[0]!, WORKER_MODULE), join(dir, WORKER_MODULE));
    // Passed on through vitest's provide, as JSON: what wrangler reads from wrangler.toml is plain data.
    return { dir, workerOptions: JSON.parse(JSON.stringify(workerOptions)) };
  } finally {
    await stopProcessGroup(child.pid!);
    rmSync(join(dir, 'state'), { recursive: true, force: true });
  }
}
