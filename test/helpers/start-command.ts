import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Builds dist/node.mjs with package.json's `build` script: what `npm start` does first (prestart). */
export function buildBundle(): void {
  execFileSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: 'inherit' });
}

/**
 * What `npm start` runs once the bundle is built: `node` with the flags of package.json's start
 * script, read from it so that tests and the bench start the server exactly as a user does.
 */
function startCommand(): { command: string; args: string[] } {
  const script: string = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts.start;
  const [program, ...args] = script.split(/\s+/).filter((word) => word !== 'exec');
  if (program !== 'node') throw new Error(`The start script no longer runs node: ${script}`);
  return { command: process.execPath, args };
}

/** The server as `npm start` runs it: the bundle, with the start script's node flags. */
export const npmStart = startCommand();
