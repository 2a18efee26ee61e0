import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { freePort } from '../../test/helpers/server.js';
import { waitUntilUp } from '../../test/helpers/targets.js';
import { buildBundle, bundleAsBuild, npmStart } from '../../test/helpers/start-command.js';

export const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';

export interface Child {
  url: string;
  dir: string;
  /** The server's pid (the root of its process tree: cluster workers are its children). */
  pid: number;
  stop(): Promise<void>;
}

const REGISTRY_ENTRY = 'src/node.ts';
const built = new Map<string, string[]>();

/**
 * How to run `entry` as plain JavaScript, built once per bench: the registry exactly as `npm start`
 * runs it (package.json's build, then node with the start script's flags and environment); a baseline bundled with
 * the build script's esbuild options and run with node's defaults. Neither pays for tsx's loader
 * at run time.
 */
function nodeArguments(entry: string): string[] {
  let args = built.get(entry);
  if (!args) {
    if (entry === REGISTRY_ENTRY) {
      buildBundle();
      args = npmStart.args;
    } else {
      const outfile = join('dist', 'bench', basename(entry).replace(/\.ts$/, '.mjs'));
      bundleAsBuild(entry, outfile);
      args = [outfile];
    }
    built.set(entry, args);
  }
  return args;
}

/** Starts `entry` (see nodeArguments) with `env` and waits for GET /healthz. */
export async function startNodeProcess(entry: string, env: Record<string, string> = {}): Promise<Child> {
  const dir = mkdtempSync(join(tmpdir(), 'registry-bench-'));
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child: ChildProcess = spawn(process.execPath, nodeArguments(entry), {
    env: {
      ...process.env,
      ...(entry === REGISTRY_ENTRY ? npmStart.env : {}),
      PORT: String(port),
      DATABASE_PATH: join(dir, 'registry.sqlite'),
      KEYS_DIR: join(dir, 'keys'),
      REGISTRY_ADMIN_TOKEN: ADMIN_TOKEN,
      PUBLIC_BASE_URL: `http://localhost:${port}`,
      RATE_LIMIT_PUBLIC_PER_MINUTE: '0', // load from one address would otherwise measure 429s
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(url, child);
  return {
    url,
    dir,
    pid: child.pid!,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
