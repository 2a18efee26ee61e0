import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { generateIssuerKey } from '../adapters/crypto/keys.js';
import { loadIssuerKeys } from '../adapters/node/key-files.js';
import { CONFIG_VARIABLES, ConfigError, parseConfig, type ConfigVariable } from '../config.js';
import type { IssuerKey } from '../ports/credentials.js';

/**
 * npm run dev:worker: the Worker in local workerd with a local D1, offline, configured by the
 * same environment variables as npm start (CONFIG_VARIABLES in src/config.ts):
 * - they are checked here first, so a bad value stops at once with every problem named;
 * - PORT and HOST become wrangler's --port and --ip (PUBLIC_BASE_URL defaults to localhost:PORT);
 * - KEYS_DIR is read here, as npm start reads it, and its keys are passed as ISSUER_KEYS (the
 *   Worker has no file system); ISSUER_KEYS itself wins, as on Node. Without either, .dev.vars
 *   (git-ignored) holds a development key written on first run, so credentials survive restarts;
 * - DATABASE_PATH and TRUST_PROXY have no meaning on the Worker: a note says so;
 * - every other variable is passed on as it is (--var).
 * The cron triggers of wrangler.toml run here on their schedule, through the /__scheduled
 * endpoint that `wrangler dev --test-scheduled` adds; DEV_WORKER_CRON_INTERVAL_MS=n runs every
 * one of them each n ms instead (tests). Extra arguments go to wrangler dev (e.g. --persist-to).
 */
/** Taken care of here: PORT and HOST become wrangler's --port and --ip, KEYS_DIR and ISSUER_KEYS the ISSUER_KEYS below. */
const HANDLED_HERE: readonly ConfigVariable[] = ['PORT', 'HOST', 'KEYS_DIR', 'ISSUER_KEYS'];
/** npm start's alone, and why. */
const NODE_ONLY: Partial<Record<ConfigVariable, string>> = {
  DATABASE_PATH: 'the Worker keeps its local D1 in .wrangler/state (another folder: npm run dev:worker -- --persist-to <folder>)',
  TRUST_PROXY: 'the Worker takes the client IP from the CF-Connecting-IP header',
  WEB_CONCURRENCY: 'Cloudflare runs as many isolates as the traffic needs',
};

const env = process.env;
try {
  parseConfig(env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
for (const [name, why] of Object.entries(NODE_ONLY)) {
  if (env[name]) console.warn(`${name} is not used by the Worker: ${why}.`);
}

let issuerKeys = env.ISSUER_KEYS || null;
if (!issuerKeys && env.KEYS_DIR) {
  const { keys, generated } = await loadIssuerKeys({ dir: env.KEYS_DIR, json: null });
  if (generated) console.warn(`No issuer key was found in ${env.KEYS_DIR}/, so a development key was generated there.`);
  issuerKeys = JSON.stringify(keys.map(issuerKeysEntry));
} else if (!issuerKeys && !existsSync('.dev.vars')) {
  writeFileSync('.dev.vars', `ISSUER_KEYS='${JSON.stringify([issuerKeysEntry(await generateIssuerKey())])}'\n`, { mode: 0o600 });
  console.warn('Wrote .dev.vars with a development issuer key (never use it in production).');
}

const port = env.PORT || '8787';
const host = env.HOST || '127.0.0.1';
const vars: Record<string, string> = { PUBLIC_BASE_URL: `http://localhost:${port}` };
for (const name of CONFIG_VARIABLES) if (!HANDLED_HERE.includes(name) && !(name in NODE_ONLY) && env[name]) vars[name] = env[name];
if (issuerKeys) vars.ISSUER_KEYS = issuerKeys;

const wrangler = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');
const args = [wrangler, 'dev', '--local', '--port', port, '--ip', host, '--test-scheduled'];
for (const [name, value] of Object.entries(vars)) args.push('--var', `${name}:${value}`);
const child = spawn(process.execPath, [...args, ...process.argv.slice(2)], {
  stdio: ['inherit', 'pipe', 'pipe'],
  env: {
    ...env,
    WRANGLER_SEND_METRICS: 'false',
    // Offline, fetching the Request.cf placeholder from workers.cloudflare.com fails with a stack
    // trace (twice); the registry never reads request.cf, so use miniflare's built-in one.
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}),
  },
});

/**
 * Output lines that look like failures but are not. kysely 0.28 warns once per isolate that a
 * driver is "outdated" because kysely-d1 0.4.0 (its latest release) returns the deprecated
 * numUpdatedOrDeletedRows next to numAffectedRows; kysely reads numAffectedRows, results are right.
 */
const NOISE = [/^kysely:warning: outdated driver\/plugin detected!/];
function relay(from: Readable, to: Writable) {
  createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => {
    if (!NOISE.some((pattern) => pattern.test(stripVTControlCharacters(line)))) to.write(`${line}\n`);
  });
}
relay(child.stdout, process.stdout);
relay(child.stderr, process.stderr);

/** The cron expressions of wrangler.toml's [triggers]: the local Worker runs the same jobs. */
const crons = [...(/^\s*crons\s*=\s*\[([^\]]*)\]/m.exec(readFileSync('wrangler.toml', 'utf8'))?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
for (const cron of crons) {
  if (!/^\s*[\d*,/-]+(\s+[\d*,/-]+){4}\s*$/.test(cron)) console.warn(`The cron trigger "${cron}" is not run locally (only numeric fields are understood here).`);
}
const localUrl = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host}:${port}`;
const running = new Set<string>();
/**
 * How long a run may take to answer before it is given up (the job itself goes on in the Worker).
 * wrangler dev's proxy holds a GET whose connection to the Worker failed until a reload that never
 * comes: without a bound, that run never ended and the cron never ran again.
 */
const SCHEDULED_TIMEOUT_MS = 20_000;
async function runScheduled(cron: string) {
  if (running.has(cron)) return; // the previous run has not finished
  running.add(cron);
  try {
    const response = await fetch(`${localUrl}/__scheduled?cron=${encodeURIComponent(cron)}`, { signal: AbortSignal.timeout(SCHEDULED_TIMEOUT_MS) });
    if (!response.ok) console.error(`The scheduled job "${cron}" failed: ${response.status} ${await response.text()}`);
  } catch {
    // Not listening yet, restarting after a change, or held past the timeout: the next run tries again.
  } finally {
    running.delete(cron);
  }
}
const everyMs = Number(env.DEV_WORKER_CRON_INTERVAL_MS || 0);
let timer: NodeJS.Timeout;
if (everyMs > 0) {
  timer = setInterval(() => crons.forEach(runScheduled), everyMs);
} else {
  const untilNextMinute = () => 60_000 - (Date.now() % 60_000);
  const tick = () => {
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    for (const cron of crons) if (cronMatches(cron, minute)) void runScheduled(cron);
    timer = setTimeout(tick, untilNextMinute());
  };
  timer = setTimeout(tick, untilNextMinute());
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    clearTimeout(timer);
    child.kill(signal);
  });
}
child.on('exit', (code) => process.exit(code ?? 0));

/** The JSON ISSUER_KEYS holds (src/adapters/crypto/keys.ts parseIssuerKeys). */
function issuerKeysEntry({ keyId, createdAt, retiredAt, privateJwk, publicJwk }: IssuerKey) {
  return { keyId, createdAt, retiredAt, ...(privateJwk ? { privateJwk } : { publicJwk }) };
}

/**
 * Whether a five-field cron expression (minute hour day-of-month month day-of-week, in UTC as on
 * Cloudflare) matches `at`; numeric fields with *, lists, ranges and steps (no names, no L/W/#).
 */
function cronMatches(expression: string, at: Date): boolean {
  const fields = expression.trim().split(/\s+/);
  const values = [at.getUTCMinutes(), at.getUTCHours(), at.getUTCDate(), at.getUTCMonth() + 1, at.getUTCDay()];
  const bounds = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 6]] as const;
  return fields.length === 5 && fields.every((field, i) => field.split(',').some((part) => {
    const [range = '', step = '1'] = part.split('/');
    const [first, last] = range === '*' ? bounds[i]! : range.includes('-') ? range.split('-').map(Number) : [Number(range), part.includes('/') ? bounds[i]![1] : Number(range)];
    const value = values[i]!;
    return value >= first! && value <= last! && (value - first!) % Number(step) === 0;
  }));
}
