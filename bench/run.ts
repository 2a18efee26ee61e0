/**
 * npm run bench: every benchmark, three tables (see BENCHMARKS.md for the method).
 *
 * HTTP load comes from autocannon in a separate process (bench/lib/load-child.ts), 10 connections,
 * a warm-up first. For every HTTP figure: req/s, p50/p95, the server tree's CPU per request (from
 * /proc), the load generator's CPU per request and the server's peak RSS. Each figure runs back to
 * back with its baseline, three rounds alternating; the headline is the ratio of CPU per request.
 *
 * BENCH_SECONDS (default 3) per measurement, BENCH_WARMUP_SECONDS (2), BENCH_SETTLE_SECONDS (15,
 * added to each side's first warm-up), BENCH_ROUNDS (3), BENCH_CONNECTIONS (10). BENCH_QUICK=1 (or
 * BENCH_SECONDS=1): 1 s measurements, 1 s warm-up, no settling, no Worker, no scale run: a few
 * minutes. BENCH_SKIP_WORKER=1, BENCH_SKIP_SCALE=1 skip those parts.
 */
import { CompactSign, importJWK } from 'jose';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readKeyFiles } from '../src/adapters/node/key-files.js';
import { generateIssuerKey } from '../src/adapters/crypto/keys.js';
import { decodeBitstring } from '../test/helpers/credentials.js';
import { freePort } from '../test/helpers/server.js';
import { startWorker } from '../test/helpers/targets.js';
import {
  autocannonLoad, bodyPool, compare, inProcessLoop, measurementRows, MEASUREMENT_HEADER, num, QUICK, RATIO_HEADER, ratioRows, ROUNDS, SECONDS, SETTLE_SECONDS,
  table, WARMUP_SECONDS, CONNECTIONS, type Comparison, type LoadSpec,
} from './lib/load.js';
import { printTable, type Figure } from './lib/measure.js';
import { plainVc } from './lib/plain-vc.js';
import { variedCredentials } from '../test/helpers/varied-credentials.js';
import { declarationInput, organizationInput } from './lib/publication-flow.js';
import { childPidMatching, machine, treeRssBytes } from './lib/procfs.js';
import { ADMIN_TOKEN, startNodeProcess, type Child } from './lib/processes.js';
import { partnerFigures } from './partners.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
const json = { 'content-type': 'application/json' };
const comparisons: Comparison[] = [];
const others: Figure[] = [];
const log = (line: string) => console.error(line);
type Json = Record<string, any>;

async function api(base: string, method: string, path: string, body?: unknown): Promise<Json> {
  const response = await fetch(base + path, { method, headers: admin, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<Json>;
}

// Far from the numbers the partner and scale benchmarks and the publication flow use.
let corporate = 200_000_000;

/** Creates an organization and a declaration and submits it: ready to be published. */
async function submittedDeclaration(base: string): Promise<string> {
  const n = ++corporate;
  const org = await api(base, 'POST', '/api/v1/organizations', organizationInput(n));
  const d = await api(base, 'POST', `/api/v1/organizations/${org.id}/declarations`, declarationInput(n));
  await api(base, 'POST', `/api/v1/declarations/${d.id}/submit`);
  return d.id as string;
}

/** Publishes a declaration; its credential's URL on this machine (PUBLIC_BASE_URL says localhost). */
async function publish(base: string, declarationId: string): Promise<string> {
  const published = await api(base, 'POST', `/api/v1/declarations/${declarationId}/publish`);
  return (published.credentials[0].id as string).replace(/^http:\/\/localhost/, 'http://127.0.0.1');
}

const jwtAt = async (url: string) => (await fetch(url, { headers: { accept: 'application/vc+jwt' } })).text();

/** `count` published credentials, both forms, `parallel` at a time. */
async function publishedCredentials(base: string, count: number, parallel = 4) {
  const out: { declarationId: string; url: string; dataIntegrity: Json; jwt: string }[] = [];
  let started = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (started++ < count) {
        const declarationId = await submittedDeclaration(base);
        const url = await publish(base, declarationId);
        out.push({ declarationId, url, dataIntegrity: (await (await fetch(url)).json()) as Json, jwt: await jwtAt(url) });
      }
    }),
  );
  return out;
}

/**
 * The same credentials as vc+jwt the registry did not store: signed again with its key under a
 * reordered (equivalent) header, so the bytes differ from the stored JWT and the registry cannot
 * recognise them; it must check the Ed25519 signature (the full verification path).
 */
async function unstoredJwts(keysDir: string, jwts: string[]) {
  const key = readKeyFiles(keysDir).find((k) => k.retiredAt === null && k.privateJwk)!;
  const signingKey = await importJWK(key.privateJwk as Parameters<typeof importJWK>[0], 'EdDSA');
  return Promise.all(
    jwts.map(async (jwt) => {
      const [header, payload] = jwt.split('.');
      const reordered = Object.fromEntries(Object.entries(JSON.parse(Buffer.from(header!, 'base64url').toString())).reverse());
      const resigned = await new CompactSign(Buffer.from(payload!, 'base64url')).setProtectedHeader(reordered as { alg: string }).sign(signingKey);
      if (resigned === jwt) throw new Error('the re-signed JWT equals the stored one');
      return resigned;
    }),
  );
}

/** A measurement's warm-up when compare() asks for another than the default (see SETTLE_SECONDS). */
const warmup = (warmupSeconds: number | undefined) => (warmupSeconds === undefined ? {} : { warmupSeconds });
/** POST /credentials/verify (or `path`), one body or a pool of different ones, against a server process. */
const verifyLoad = (server: Child, credentials: unknown[], path = '/credentials/verify') => {
  const spec: Omit<LoadSpec, 'warmupSeconds' | 'seconds'> = { url: server.url, path, method: 'POST', headers: json, serverPid: server.pid };
  if (credentials.length === 1) spec.body = JSON.stringify({ verifiableCredential: credentials[0] });
  else spec.bodiesFile = bodyPool(credentials.map((c) => ({ verifiableCredential: c })));
  return (warmupSeconds?: number) => autocannonLoad({ ...spec, ...warmup(warmupSeconds) });
};
const getLoad = (server: Child, path: string) => (warmupSeconds?: number) => autocannonLoad({ url: server.url, path, serverPid: server.pid, ...warmup(warmupSeconds) });

/** Publication end to end (bench/lib/publication-flow.ts): rate and CPU are per publication. */
let publicationRuns = 0;
const publicationLoad = (server: Child) => (warmupSeconds?: number) =>
  autocannonLoad({ url: server.url, flow: 'publication', firstNumber: 300_000_000 + 1_000_000 * publicationRuns++, headers: admin, serverPid: server.pid, expectStatus: [200, 201], ...warmup(warmupSeconds) });

/**
 * Revocation pushed: a partner's webhook (registered through the API) on a local receiver; for
 * each of `count` published declarations, POST …/revoke, then the time from its answer to the
 * webhook's arrival, and whether the status list read right after the answer has the bit set.
 */
async function revocationPush(server: Child, count: number): Promise<Figure[]> {
  const arrivals = new Map<string, number>();
  const receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const at = performance.now();
      try {
        const event = JSON.parse(body) as Json;
        const id = event.data?.declaration?.id as string | undefined;
        if (event.type === 'declaration.revoked' && id && !arrivals.has(id)) arrivals.set(id, at);
      } catch {
        // not ours
      }
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const partner = await api(server.url, 'POST', '/api/v1/partners', { name: 'ベンチ通知先', kind: 'hr-company', rateLimitPerMinute: 100_000 });
  await api(server.url, 'POST', `/api/v1/partners/${partner.id}/webhooks`, { url: hook, events: ['declaration.revoked'] });

  const targets = await publishedCredentials(server.url, count);
  const answeredAt = new Map<string, number>();
  const bitDelays: number[] = [];
  let bitsSet = 0;
  for (const t of targets) {
    await api(server.url, 'POST', `/api/v1/declarations/${t.declarationId}/revoke`, { reason: 'false-declaration' });
    const answered = performance.now();
    answeredAt.set(t.declarationId, answered);
    const entry = (t.dataIntegrity.credentialStatus as Json[]).find((e) => e.statusPurpose === 'revocation')!;
    const list = (await (await fetch(String(entry.statusListCredential).replace(/^http:\/\/localhost/, 'http://127.0.0.1'))).json()) as Json;
    if (decodeBitstring(list.credentialSubject.encodedList).isSet(Number(entry.statusListIndex))) bitsSet++;
    bitDelays.push(performance.now() - answered);
    await new Promise((resolve) => setTimeout(resolve, 20)); // one revocation at a time, as people revoke
  }
  const deadline = performance.now() + 15_000;
  while (arrivals.size < targets.length && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  receiver.close();
  // Negative: the webhook arrived before the revoke answer did.
  const delays = targets.filter((t) => arrivals.has(t.declarationId)).map((t) => arrivals.get(t.declarationId)! - answeredAt.get(t.declarationId)!);
  delays.sort((a, b) => a - b);
  const at = (q: number) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))] ?? NaN;
  bitDelays.sort((a, b) => a - b);
  return [
    { name: `revocation → webhook arrival, p50 (${delays.length}/${count} arrived)`, value: at(0.5), unit: 'ms' },
    { name: 'revocation → webhook arrival, p95 (target ≤ 100 ms)', value: at(0.95), unit: 'ms' },
    { name: `status list bit set when read right after the revoke answer`, value: bitsSet, unit: `of ${count}` },
    { name: 'status list read after the revoke answer, p50', value: bitDelays[Math.floor(bitDelays.length / 2)] ?? NaN, unit: 'ms' },
  ];
}

// ---------------------------------------------------------------------------------------------------
const { model, cpus } = machine();
const header = `npm run bench — ${new Date().toISOString()}, Node ${process.version}, ${cpus} × ${model}; autocannon ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up (${WARMUP_SECONDS + SETTLE_SECONDS} s in each side's first round) + ${SECONDS} s measured, ${ROUNDS} alternating rounds per pair${QUICK ? ' (quick mode)' : ''}`;
log(header);
const DISTINCT = Number(process.env.BENCH_DISTINCT ?? 1000); // fewer only to try the bench out quickly

// ---- Verification: the registry, a bare Hono+jose route, and the DCC verifier ------------------
const registry = await startNodeProcess('src/node.ts', { WEBHOOK_ALLOW_INSECURE_LOCALHOST: 'true' });
const registryIdleRss = treeRssBytes(registry.pid); // up and answering, nothing asked of it yet
log(`publishing ${DISTINCT + 1} credentials…`);
const published = await publishedCredentials(registry.url, DISTINCT + 1);
const sample = published[0]!;
const many = published.slice(1);
const unstored = await unstoredJwts(`${registry.dir}/keys`, many.map((p) => p.jwt));
const bare = await startNodeProcess('bench/baselines/bare-jose-server.ts', { JWKS_URL: `${registry.url}/.well-known/jwks.json` });
const peer = await startNodeProcess('bench/baselines/verifier-core-server.ts', { REGISTRY_URL: registry.url });
// Over the registry's own database and keys, under its public address (see the server's comment).
const floor = await startNodeProcess('bench/baselines/verification-floor-server.ts', {
  DATABASE_PATH: `${registry.dir}/registry.sqlite`,
  KEYS_DIR: `${registry.dir}/keys`,
  PUBLIC_BASE_URL: registry.url.replace('127.0.0.1', 'localhost'),
});

log('vc+jwt, one credential: registry vs bare Hono+jose');
comparisons.push(
  ...(await compare({ label: 'bare Hono+jose: vc+jwt, one JWT', measure: verifyLoad(bare, [sample.jwt]) }, [
    { name: 'verify vc+jwt, one credential', label: 'registry: vc+jwt, one credential', measure: verifyLoad(registry, [sample.jwt]), target: { cpu: 0.7 } },
  ])),
);
log(`vc+jwt and Data Integrity, ${DISTINCT} different credentials (nothing the registry stored or memoised): registry vs bare Hono+jose`);
comparisons.push(
  ...(await compare({ label: `bare Hono+jose: vc+jwt, ${DISTINCT} different JWTs`, measure: verifyLoad(bare, unstored) }, [
    { name: `verify vc+jwt, ${DISTINCT} different, not stored`, label: `registry: vc+jwt, ${DISTINCT} different, not stored`, measure: verifyLoad(registry, unstored), target: { cpu: 0.7 } },
    { name: `verify Data Integrity, ${DISTINCT} different (uncached path)`, label: `registry: Data Integrity, ${DISTINCT} different`, measure: verifyLoad(registry, many.map((p) => p.dataIntegrity)), target: { cpu: 0.5 } },
    { name: `floor: the checks alone, vc+jwt, ${DISTINCT} different`, label: `floor, the checks alone: vc+jwt, ${DISTINCT} different, not stored`, measure: verifyLoad(floor, unstored, '/checks-alone/verify') },
    { name: `floor: the service without HTTP app, vc+jwt`, label: `floor, the service in a bare route: vc+jwt, ${DISTINCT} different, not stored`, measure: verifyLoad(floor, unstored, '/service/verify') },
    { name: `floor: the service without HTTP app, Data Integrity`, label: `floor, the service in a bare route: Data Integrity, ${DISTINCT} different`, measure: verifyLoad(floor, many.map((p) => p.dataIntegrity), '/service/verify') },
  ])),
);
log('Data Integrity, one credential: registry vs @digitalcredentials/verifier-core');
comparisons.push(
  ...(await compare({ label: 'verifier-core: Data Integrity, one credential', measure: verifyLoad(peer, [sample.dataIntegrity]) }, [
    { name: 'verify Data Integrity, one credential, vs the DCC verifier', label: 'registry: Data Integrity, one credential', measure: verifyLoad(registry, [sample.dataIntegrity]), target: { cpu: 20, throughput: 20 } },
  ])),
);
log(`Data Integrity, ${DISTINCT} different credentials: registry vs @digitalcredentials/verifier-core`);
comparisons.push(
  ...(await compare({ label: `verifier-core: Data Integrity, ${DISTINCT} different`, measure: verifyLoad(peer, many.map((p) => p.dataIntegrity)) }, [
    { name: `verify Data Integrity, ${DISTINCT} different, vs the DCC verifier`, label: `registry: Data Integrity, ${DISTINCT} different (beside verifier-core)`, measure: verifyLoad(registry, many.map((p) => p.dataIntegrity)), target: { cpu: 20, throughput: 20 } },
  ])),
);
await bare.stop();
await peer.stop();
await floor.stop();

// ---- Pages: /v/{id} and badge.svg against /healthz -----------------------------------------------
const credentialId = String(sample.dataIntegrity.id).split('/').pop();
log('pages: /v/{id}, badge.svg vs /healthz');
comparisons.push(
  ...(await compare({ label: 'registry: GET /healthz', measure: getLoad(registry, '/healthz') }, [
    { name: 'GET /v/{id} (verification page)', label: 'registry: GET /v/{id}', measure: getLoad(registry, `/v/${credentialId}`), target: { cpu: 0.5 } },
    { name: 'GET badge.svg', label: 'registry: GET badge.svg', measure: getLoad(registry, `/credentials/${credentialId}/badge.svg`) },
  ])),
);

// ---- Issuance: POST /credentials/issue and publication against a plain vc.issue loop ------------
log('issuance: POST /credentials/issue (varied shapes), publication end to end vs a plain vc.issue loop');
const plain = await plainVc({ baseUrl: registry.url.replace('127.0.0.1', 'localhost') });
const plainKey = await generateIssuerKey();
const plainIssue = await plain.issuer(plainKey, 'did:example:bench#key', 'did:example:bench');
const varied = variedCredentials(sample.dataIntegrity, 4000);
// The plain loop signs the same content, with what the registry adds (id, issuer, two status entries).
const plainInput = (i: number): Json => {
  const credential = varied[i % varied.length]!;
  const list = `${registry.url}/status-lists/bench`;
  return {
    ...credential,
    id: `urn:uuid:${crypto.randomUUID()}`,
    issuer: { ...credential.issuer, id: 'did:example:bench' },
    credentialStatus: ['revocation', 'suspension'].map((statusPurpose) => ({ id: `${list}-${statusPurpose}#${i}`, type: 'BitstringStatusListEntry', statusPurpose, statusListIndex: String(i % 131072), statusListCredential: `${list}-${statusPurpose}` })),
  };
};
const issueBodies = bodyPool(varied.map((credential) => ({ credential })));
comparisons.push(
  ...(await compare({ label: 'plain vc.issue loop (in process), same varied credentials', unit: 'issued/s', measure: (warmupSeconds) => inProcessLoop((i) => plainIssue(plainInput(i)), warmup(warmupSeconds)) }, [
    { name: 'POST /credentials/issue, varied shapes', label: 'registry: POST /credentials/issue (both forms)', unit: 'issued/s', measure: (warmupSeconds) => autocannonLoad({ url: registry.url, path: '/credentials/issue', method: 'POST', headers: admin, bodiesFile: issueBodies, serverPid: registry.pid, expectStatus: [201], ...warmup(warmupSeconds) }), target: { throughput: 4 } },
    { name: 'publication end to end (create, submit, publish)', label: 'registry: publication end to end', unit: 'published/s', measure: publicationLoad(registry), target: { throughput: 2 } },
  ])),
);

// ---- Revocation pushed to a partner's webhook ----------------------------------------------------
log('revocation push: 50 revocations');
others.push(...(await revocationPush(registry, 50)));
await registry.stop();

// ---- One worker and N (WEB_CONCURRENCY) ----------------------------------------------------------
{
  const workers = Math.max(2, cpus);
  log(`cluster: 1 worker vs ${workers} (WEB_CONCURRENCY)`);
  const one = await startNodeProcess('src/node.ts', { WEB_CONCURRENCY: '1' });
  const n = await startNodeProcess('src/node.ts', { WEB_CONCURRENCY: String(workers) });
  const [onOne] = await publishedCredentials(one.url, 1, 1);
  const [onN] = await publishedCredentials(n.url, 1, 1);
  const id = (p: typeof onOne) => String(p!.dataIntegrity.id).split('/').pop();
  comparisons.push(
    ...(await compare({ label: 'registry, 1 worker: GET /v/{id}', measure: getLoad(one, `/v/${id(onOne)}`) }, [
      { name: `GET /v/{id}, ${workers} workers vs 1`, label: `registry, ${workers} workers: GET /v/{id}`, measure: getLoad(n, `/v/${id(onN)}`) },
    ])),
    ...(await compare({ label: 'registry, 1 worker: verify Data Integrity', measure: verifyLoad(one, [onOne!.dataIntegrity]) }, [
      { name: `verify Data Integrity, ${workers} workers vs 1`, label: `registry, ${workers} workers: verify Data Integrity`, measure: verifyLoad(n, [onN!.dataIntegrity]) },
    ])),
  );
  await one.stop();
  await n.stop();
}

// ---- The Worker in local workerd (informative: wrangler dev is not production) -------------------
if (process.env.BENCH_SKIP_WORKER !== '1' && !QUICK) {
  // Informative only: a failure here is reported and the run goes on to print what it measured.
  try {
    log('Worker (wrangler dev, local workerd) vs Node: verify vc+jwt');
    const node = await startNodeProcess('src/node.ts');
    const port = await freePort();
    const worker = await startWorker({ dir: mkdtempSync(join(tmpdir(), 'registry-bench-worker-')), port, env: { REGISTRY_ADMIN_TOKEN: ADMIN_TOKEN, RATE_LIMIT_PUBLIC_PER_MINUTE: '0' } });
    // wrangler is a child of this process; workerd runs under it: its whole tree is charged.
    const pid = childPidMatching(['wrangler', String(port)]);
    if (pid === null) throw new Error('wrangler process not found');
    const workerChild: Child = { url: worker.url, dir: '', pid, stop: () => worker.close() };
    const [onNode] = await publishedCredentials(node.url, 1, 1);
    const [onWorker] = await publishedCredentials(worker.url, 1, 1);
    comparisons.push(
      ...(await compare({ label: 'Node registry: verify vc+jwt', measure: verifyLoad(node, [onNode!.jwt]) }, [
        { name: 'Worker (local workerd) vs Node: verify vc+jwt', label: 'Worker registry: verify vc+jwt', measure: verifyLoad(workerChild, [onWorker!.jwt]) },
      ])),
    );
    await worker.close();
    await node.stop();
  } catch (error) {
    log(`Worker figures skipped: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// ---- Partner API and scale (driven in process: latency and growth figures) ------------------------
others.push(...(await partnerFigures()));
if (process.env.BENCH_SKIP_SCALE !== '1' && !QUICK) {
  try {
    const { scaleFigures } = await import('./scale.js');
    others.push(...(await scaleFigures({ seconds: SECONDS, log })));
  } catch (error) {
    log(`scale figures skipped: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

console.log(`${header}\n`);
console.log('Ratios (the headline; per round, then median and min–max of the rounds)\n');
console.log(table(RATIO_HEADER, ratioRows(comparisons)));
console.log('\nMeasurements\n');
console.log(table(MEASUREMENT_HEADER, measurementRows(comparisons)));
console.log('\nOther figures (latency and growth; driven from the bench process)\n');
printTable(others);
const registryPeak = Math.max(...comparisons.flatMap((c) => [c.figure, c.baseline]).filter((s) => s.label.startsWith('registry') && !s.label.includes('workers')).flatMap((s) => s.results.map((r) => r.peakRssBytes)));
console.log(`\nRegistry (one process) peak RSS over all its figures: ${num(registryPeak / 2 ** 20)} MB (target ≤ 200 MB); ${num(registryIdleRss / 2 ** 20)} MB right after start.`);
process.exit(0);
