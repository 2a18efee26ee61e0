/**
 * The load generator, in its own process so that its CPU is not the bench's or the server's:
 * autocannon (closed loop, keep-alive, `connections` in flight) for a warm-up, then for the
 * measured seconds. Around the measured run it reads the server tree's CPU time from /proc and
 * its own with process.cpuUsage(), and samples the server tree's resident memory throughout.
 * Spec: a JSON file named by argv[2] (see LoadSpec in load.ts). Result: one JSON line on stdout.
 */
import autocannon, { type Options, type Request, type Result } from 'autocannon';
import { readFileSync } from 'node:fs';
import { sampleRss, treeCpu } from './procfs.js';
import type { LoadResult, LoadSpec } from './load.js';
import { publicationRequests } from './publication-flow.js';

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadSpec;
const bodies: string[] | null = spec.bodiesFile ? (JSON.parse(readFileSync(spec.bodiesFile, 'utf8')) as unknown[]).map((b) => (typeof b === 'string' ? b : JSON.stringify(b))) : null;
const paths = spec.paths ?? null;
const expected = new Set(spec.expectStatus ?? [200]);
/** A sequence of requests per item (each connection runs it in turn), or one request per item. */
const flow = spec.flow === 'publication' ? publicationRequests(spec.firstNumber ?? 0) : null;
const perItem = flow?.length ?? 1;

/**
 * One autocannon run: warm-up, then the measured window. The window opens when the warm-up has
 * lasted its seconds and seen at least one answer per connection, and closes when it has lasted
 * its seconds and counted at least MIN_ANSWERS (a slow peer still gets a figure); CPU of both
 * sides is read at both ends. One run, so the generator's own start-up and reconnections are
 * charged to no figure.
 */
const MIN_ANSWERS = 30;
function run() {
  let next = 0;
  let unexpected = 0;
  let lastStatus = 0;
  let answers = 0;
  let measuring = false;
  const latencies: number[] = [];
  const request: Request = {
    method: spec.method ?? 'GET',
    headers: spec.headers ?? {},
    ...(spec.body !== undefined ? { body: spec.body } : {}),
    // A different body or path on every request when the spec has a pool (in order, cycling).
    ...(bodies || paths
      ? {
          setupRequest: (r: Request) => {
            const i = next++;
            return { ...r, ...(bodies ? { body: bodies[i % bodies.length] } : {}), ...(paths ? { path: paths[i % paths.length] } : {}) };
          },
        }
      : {}),
  };
  const connections = spec.connections ?? 10;
  // autocannon's own limit is only a backstop: the timer below ends the run.
  const options: Options = { url: spec.url + (spec.path ?? ''), connections, duration: spec.warmupSeconds + spec.seconds + 300, headers: spec.headers ?? {}, requests: flow ?? [request], timeout: 60 };
  const mark = () => ({ server: treeCpu(spec.serverPid), client: process.cpuUsage(), at: performance.now() });
  const begun = performance.now();
  let start = mark();
  let end = start;
  return new Promise<{ result: Result; unexpected: number; lastStatus: number; latencies: number[]; start: ReturnType<typeof mark>; end: ReturnType<typeof mark> }>((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve({ result, unexpected, lastStatus, latencies, start, end })));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      answers++;
      if (!expected.has(statusCode)) {
        unexpected++;
        lastStatus = statusCode;
      }
      if (measuring) latencies.push(responseTime);
    });
    const timer = setInterval(() => {
      const now = performance.now();
      if (!measuring && now - begun >= spec.warmupSeconds * 1000 && answers >= connections) {
        start = mark();
        measuring = true;
      } else if (measuring && now - start.at >= spec.seconds * 1000 && latencies.length >= MIN_ANSWERS) {
        end = mark();
        measuring = false;
        clearInterval(timer);
        instance.stop();
      }
    }, 20);
  });
}

const rss = sampleRss(spec.serverPid);
const { result, unexpected, lastStatus, latencies, start, end } = await run();
const elapsed = (end.at - start.at) / 1000;
const client = { user: end.client.user - start.client.user, system: end.client.system - start.client.system };
const serverCpu = end.server.all - start.server.all;
const serverMainCpu = end.server.mainThreads - start.server.mainThreads;
const peakRss = rss.stop();

if (unexpected > 0 || result.errors > 0) {
  console.error(`load ${spec.method ?? 'GET'} ${spec.url}${spec.path ?? ''}: ${unexpected} unexpected answers (last ${lastStatus}), ${result.errors} errors, ${result.timeouts} timeouts`);
  process.exit(1);
}
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
const n = latencies.length / perItem;
const answer: LoadResult = {
  requests: n,
  perSecond: n / elapsed,
  // A flow's answers mix four kinds of request: their latencies together say little.
  p50: flow ? NaN : at(0.5),
  p95: flow ? NaN : at(0.95),
  serverCpuPerRequest: (serverCpu * 1e6) / n,
  serverMainThreadCpuPerRequest: (serverMainCpu * 1e6) / n,
  clientCpuPerRequest: (client.user + client.system) / n,
  peakRssBytes: peakRss,
};
console.log(JSON.stringify(answer));
process.exit(0);
