import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../test/helpers/server.js';
import { waitUntilUp } from '../../test/helpers/targets.js';

export const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';

export interface Child {
  url: string;
  dir: string;
  stop(): Promise<void>;
}

/** Starts `node --import tsx <entry>` with `env` and waits for GET /healthz. */
export async function startNodeProcess(entry: string, env: Record<string, string> = {}): Promise<Child> {
  const dir = mkdtempSync(join(tmpdir(), 'registry-bench-'));
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: {
      ...process.env,
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
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
