/**
 * HTTP load through autocannon in a separate process (load-child.ts), pairs of figure and
 * baseline run back to back and alternating, and the tables that report them.
 *
 * Why: a load generator sharing the server's process or cores can be the bottleneck and squeeze
 * every ratio towards 1. So each HTTP figure carries the server's CPU per request (its process
 * tree, from /proc) and the generator's; the headline is the ratio of CPU per request against a
 * baseline measured in the same run, which holds on a shared, noisy machine; req/s stands beside it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mainThreadCpuSeconds, sampleRss } from './procfs.js';

export interface LoadSpec {
  url: string;
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** A JSON file holding an array of bodies: request i sends body i mod n (objects are stringified). */
  bodiesFile?: string;
  /** Request i asks for path i mod n. */
  paths?: string[];
  /** Instead of one request, a sequence per item (bench/lib/publication-flow.ts); rates and CPU are per item. */
  flow?: 'publication';
  /** The first organization number a flow uses (a range no other run uses). */
  firstNumber?: number;
  connections?: number;
  warmupSeconds: number;
  seconds: number;
  /** The server process whose tree's CPU and memory are charged to this load. */
  serverPid: number;
  expectStatus?: number[];
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  /** Milliseconds. */
  p50: number;
  p95: number;
  /** Microseconds of the server tree's CPU per answered request. */
  serverCpuPerRequest: number;
  /** The part of it on the server processes' main threads (JavaScript); the rest is other threads. */
  serverMainThreadCpuPerRequest: number;
  /** Microseconds of the load generator's CPU per answered request (NaN where there is none). */
  clientCpuPerRequest: number;
  peakRssBytes: number;
}

/** Settings every HTTP figure shares: BENCH_SECONDS (default 3, 1 in quick mode), 2 s warm-up, 10 connections. */
export const QUICK = process.env.BENCH_QUICK === '1' || process.env.BENCH_SECONDS === '1';
export const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 1 : 3));
export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? (QUICK ? 1 : 2));
/**
 * Added to the warm-up of each side's first round: V8 needs more than a short warm-up to finish
 * optimizing a large server's code. Measured on the registry (a fresh process, load in 4 s slices,
 * --trace-opt): publication end to end went from 12.7 to ~7 ms of CPU per publication over its
 * first ~25 s of load while V8 optimized ~1,000 functions; verification and issuance settled in
 * 4–8 s. Every side, baselines included, gets the same settling time; later rounds keep the
 * per-round warm-up, since the process stays warm.
 */
export const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? (QUICK ? 0 : 15));
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const scratch = mkdtempSync(join(tmpdir(), 'registry-bench-load-'));
// Request pools are tens of MB: gone with the run.
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
let files = 0;

/** Writes a pool of request bodies once; pass the path as LoadSpec.bodiesFile. */
export function bodyPool(bodies: unknown[]): string {
  const file = join(scratch, `bodies-${++files}.json`);
  writeFileSync(file, JSON.stringify(bodies));
  return file;
}

const childEntry = fileURLToPath(new URL('./load-child.ts', import.meta.url));

/** Runs autocannon in its own process against `spec`; throws on any unexpected answer. */
export async function autocannonLoad(partial: Omit<LoadSpec, 'warmupSeconds' | 'seconds'> & Partial<Pick<LoadSpec, 'warmupSeconds' | 'seconds'>>): Promise<LoadResult> {
  const spec: LoadSpec = { warmupSeconds: WARMUP_SECONDS, seconds: SECONDS, connections: CONNECTIONS, ...partial };
  const file = join(scratch, `spec-${++files}.json`);
  writeFileSync(file, JSON.stringify(spec));
  const child = spawn(process.execPath, ['--import', 'tsx', childEntry, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`load generator failed (${code}) for ${spec.method ?? 'GET'} ${spec.url}${spec.path ?? ''}`);
  // JSON has no NaN: it comes back as null.
  return JSON.parse(out.trim().split('\n').pop()!, (_key, value) => (value === null ? NaN : value)) as LoadResult;
}

/**
 * A loop in this process (a library baseline: no HTTP, no generator). Its CPU per operation is
 * this process's, measured after `warmupSeconds` of the same loop; its memory is this process's.
 */
export async function inProcessLoop(op: (i: number) => Promise<unknown>, { seconds = SECONDS, warmupSeconds = WARMUP_SECONDS } = {}): Promise<LoadResult> {
  let n = 0;
  const rss = sampleRss(process.pid);
  const mainThread = () => mainThreadCpuSeconds(process.pid);
  const warmEnd = performance.now() + warmupSeconds * 1000;
  while (performance.now() < warmEnd || n < 5) await op(n++);
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const mainAtStart = mainThread();
  const start = performance.now();
  while (performance.now() - start < seconds * 1000 || latencies.length < 20) {
    const t = performance.now();
    await op(n++);
    latencies.push(performance.now() - t);
  }
  const elapsed = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const usedOnMain = mainThread() - mainAtStart;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: at(0.5),
    p95: at(0.95),
    serverCpuPerRequest: (used.user + used.system) / latencies.length,
    serverMainThreadCpuPerRequest: (usedOnMain * 1e6) / latencies.length,
    clientCpuPerRequest: NaN,
    peakRssBytes: rss.stop(),
  };
}

/** One measurement; `warmupSeconds` replaces the default warm-up (the first round's is longer). */
export type Measure = (warmupSeconds?: number) => Promise<LoadResult>;

export interface Side {
  label: string;
  unit: string;
  results: LoadResult[];
}

export interface Comparison {
  name: string;
  figure: Side;
  baseline: Side;
  /** Targets for baseline CPU ÷ figure CPU and figure rate ÷ baseline rate. */
  target?: { cpu?: number; throughput?: number };
}

export interface Pairing {
  label: string;
  measure: Measure;
  unit?: string;
}

/**
 * Runs the baseline and each figure back to back, `rounds` times, alternating the order each
 * round (so that a drift of the machine does not favour one side). Figures measured once are
 * reused where several comparisons share a baseline.
 */
export async function compare(
  baseline: Pairing,
  figures: (Pairing & { name: string; target?: Comparison['target'] })[],
  { rounds = ROUNDS, log = (line: string) => console.error(line) } = {},
): Promise<Comparison[]> {
  const all = [baseline, ...figures];
  const results = all.map(() => [] as LoadResult[]);
  for (let round = 0; round < rounds; round++) {
    const order = all.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const result = await all[i]!.measure(round === 0 ? WARMUP_SECONDS + SETTLE_SECONDS : undefined);
      results[i]!.push(result);
      log(`  ${all[i]!.label}: ${result.perSecond.toFixed(0)} /s, server ${result.serverCpuPerRequest.toFixed(0)} µs/req (main thread ${result.serverMainThreadCpuPerRequest.toFixed(0)}), generator ${Number.isNaN(result.clientCpuPerRequest) ? '–' : result.clientCpuPerRequest.toFixed(0)} µs/req`);
    }
  }
  // One Side per measured thing, shared by the comparisons (the report lists each once).
  const sides = all.map((p, i): Side => ({ label: p.label, unit: p.unit ?? 'req/s', results: results[i]! }));
  return figures.map((f, i) => ({ name: f.name, figure: sides[i + 1]!, baseline: sides[0]!, ...(f.target ? { target: f.target } : {}) }));
}

// ---- reporting ----------------------------------------------------------------------------------

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const spread = (xs: number[], f: (n: number) => string) => `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;
export const num = (n: number) => (Number.isNaN(n) ? '–' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const ratioText = (n: number) => (n >= 10 ? n.toFixed(1) : n.toFixed(2));

/** Per-round ratios: the figure's CPU per request is `cpu`× less than the baseline's; its rate `throughput`× the baseline's. */
export function ratios(c: Comparison) {
  const cpu = c.figure.results.map((f, i) => c.baseline.results[i]!.serverCpuPerRequest / f.serverCpuPerRequest);
  const throughput = c.figure.results.map((f, i) => f.perSecond / c.baseline.results[i]!.perSecond);
  return { cpu, throughput };
}

/** One row per distinct measured side: rate, latency, CPU (server and generator), peak memory. */
export function measurementRows(comparisons: Comparison[]): string[][] {
  const seen = new Set<Side>();
  const rows: string[][] = [];
  for (const c of comparisons) {
    for (const s of [c.baseline, c.figure]) {
      if (seen.has(s)) continue;
      seen.add(s);
      const r = s.results;
      const server = median(r.map((x) => x.serverCpuPerRequest));
      const client = median(r.map((x) => x.clientCpuPerRequest));
      rows.push([
        s.label,
        `${spread(r.map((x) => x.perSecond), num)} ${s.unit}`,
        `${num(median(r.map((x) => x.p50)))} / ${num(median(r.map((x) => x.p95)))}`,
        spread(r.map((x) => x.serverCpuPerRequest), num),
        num(median(r.map((x) => x.serverMainThreadCpuPerRequest))),
        num(client),
        (Math.max(...r.map((x) => x.peakRssBytes)) / 2 ** 20).toFixed(0),
        client > server ? 'client-bound' : '',
      ]);
    }
  }
  return rows;
}
export const MEASUREMENT_HEADER = ['measured (median of rounds, min–max)', 'rate', 'p50 / p95 ms', 'server CPU µs/req', 'of it main thread', 'generator CPU µs/req', 'peak RSS MB', ''];

export function ratioRows(comparisons: Comparison[]): string[][] {
  return comparisons.map((c) => {
    const { cpu, throughput } = ratios(c);
    const met = (values: number[], target?: number) => (target === undefined ? '' : median(values) >= target ? 'met' : 'not met');
    const targets = [c.target?.cpu !== undefined ? `CPU ≥ ${c.target.cpu}×` : '', c.target?.throughput !== undefined ? `rate ≥ ${c.target.throughput}×` : ''].filter(Boolean).join(', ');
    const verdict = [met(cpu, c.target?.cpu), met(throughput, c.target?.throughput)].filter(Boolean);
    return [c.name, `${c.figure.label} vs ${c.baseline.label}`, `${spread(cpu, ratioText)}×`, `${spread(throughput, ratioText)}×`, targets, verdict.join(', ')];
  });
}
export const RATIO_HEADER = ['comparison', 'figure vs baseline (same run)', 'CPU/request: baseline ÷ figure', 'rate: figure ÷ baseline', 'target', ''];

/** A Markdown table, columns padded (CJK counted as two columns). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c + ' '.repeat(widths[i]! - displayWidth(c))).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map((r) => line(header.map((_, i) => r[i] ?? '')))].join('\n');
}

const displayWidth = (text: string) =>
  [...text].reduce((width, ch) => width + (/[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) ? 2 : 1), 0);
