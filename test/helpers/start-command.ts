import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const scripts: Record<string, string> = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts;

/** Builds dist/node.mjs with package.json's `build` script: what `npm start` does first (prestart). */
export function buildBundle(): void {
  execFileSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: 'inherit' });
}

/** Bundles another entry point with the `build` script's esbuild options (the bench's baselines). */
export function bundleAsBuild(entry: string, outfile: string): void {
  const [program, , ...options] = scripts.build!.split(/\s+/);
  if (program !== 'esbuild') throw new Error(`The build script no longer runs esbuild: ${scripts.build}`);
  const esbuild = join(repoRoot, 'node_modules', '.bin', 'esbuild');
  execFileSync(esbuild, [entry, ...options.filter((option) => !option.startsWith('--outfile=')), `--outfile=${outfile}`], { cwd: repoRoot, stdio: 'inherit' });
}

/**
 * What `npm start` runs once the bundle is built: `node` with the flags and environment of
 * package.json's start script (`exec env NAME=value … node …`), read from it so that tests and the
 * bench start the server exactly as a user does.
 */
function startCommand(): { command: string; args: string[]; env: Record<string, string> } {
  const script = scripts.start!;
  const words = script.split(/\s+/).filter((word) => word !== 'exec');
  const env: Record<string, string> = {};
  if (words[0] === 'env') words.shift();
  while (/^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? '')) {
    const [name, ...value] = words.shift()!.split('=');
    env[name!] = value.join('=');
  }
  const [program, ...args] = words;
  if (program !== 'node') throw new Error(`The start script no longer runs node: ${script}`);
  return { command: process.execPath, args, env };
}

/** The server as `npm start` runs it: the bundle, with the start script's node flags and environment. */
export const npmStart = startCommand();
