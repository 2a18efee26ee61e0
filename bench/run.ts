/**
 * npm run bench: every benchmark, one table. Each figure is printed next to a baseline measured
 * in the same run on this machine, with the ratio (absolute numbers on shared machines mean
 * little). BENCH_SECONDS (default 3) sets the length of each measurement.
 */
import { generateIssuerKey } from '../src/adapters/crypto/keys.js';
import { buildDeclarationCredential } from '../src/domain/credentials/open-badge.js';
import { createIssuerIdentity } from '../src/adapters/crypto/issuer.js';
import { createCredentialSecurer } from '../src/adapters/crypto/securer.js';
import { startWorker } from '../test/helpers/targets.js';
import { httpLoad, loop, loopCpu, printTable, type Figure } from './lib/measure.js';
import { readKeyFiles } from '../src/adapters/node/key-files.js';
import { CompactSign, importJWK } from 'jose';
import { plainVc } from './lib/plain-vc.js';
import { partnerFigures } from './partners.js';
import { ADMIN_TOKEN, startNodeProcess } from './lib/processes.js';
import { corporateNumberFor, freePort } from '../test/helpers/server.js';
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
const figures: Figure[] = [];

async function api(base: string, method: string, path: string, body?: unknown) {
  const response = await fetch(base + path, { method, headers: admin, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<any>;
}

let corporate = 0;
// Far from the numbers the partner and scale benchmarks use.
const nextCorporateNumber = () => corporateNumberFor(200_000_000 + ++corporate);

/** Submitted declarations, ready to be published (each publication issues a credential). */
async function submittedDeclarations(base: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const org = await api(base, 'POST', '/api/v1/organizations', { kind: 'company', name: `ベンチ株式会社${corporate}`, corporateNumber: nextCorporateNumber(), prefectureCode: '13' });
    const d = await api(base, 'POST', `/api/v1/organizations/${org.id}/declarations`, { signerName: '山田 太郎', signerTitle: '代表取締役', committedOn: '2025-04-01', guidelineAreas: ['labor', 'security'], policy: '転職なき移住を支援します。' });
    await api(base, 'POST', `/api/v1/declarations/${d.id}/submit`);
    ids.push(d.id);
  }
  return ids;
}

/** Publishes a submitted declaration; the URL of the credential it issued, on this machine. */
async function publish(base: string, declarationId: string): Promise<string> {
  const published = await api(base, 'POST', `/api/v1/declarations/${declarationId}/publish`);
  return published.credentials[0].id.replace(/^http:\/\/localhost/, 'http://127.0.0.1');
}

const jwtAt = async (url: string) => (await fetch(url, { headers: { accept: 'application/vc+jwt' } })).text();

async function sampleCredential(base: string) {
  const [id] = await submittedDeclarations(base, 1);
  const url = await publish(base, id!);
  return { dataIntegrity: await (await fetch(url)).json(), jwt: await jwtAt(url) };
}

const postVerify = (base: string, credential: unknown) => () =>
  fetch(`${base}/credentials/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verifiableCredential: credential }) });

/** Publications per second over HTTP: each one signs both forms and commits with its status entries. */
async function issuanceRate(base: string, count: number) {
  const ids = await submittedDeclarations(base, count);
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < ids.length) await publish(base, ids[next++]!);
    }),
  );
  return ids.length / ((performance.now() - start) / 1000);
}

/**
 * Published credentials in both forms, to verify a different one on each request, as recruiting
 * sites checking many companies' badges do: nothing per credential stays warm between requests.
 * 1,200 credentials are twice that many canonicalization inputs, more than the server's
 * 1,000-entry canonical memo holds, so cycling through them in order never hits it.
 */
async function distinctCredentials(base: string, count: number) {
  const jwts: string[] = [];
  const dataIntegrity: unknown[] = [];
  for (const id of await submittedDeclarations(base, count)) {
    const url = await publish(base, id);
    jwts.push(await jwtAt(url));
    dataIntegrity.push(await (await fetch(url)).json());
  }
  return { jwts, dataIntegrity };
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

async function runtimeFigures(label: string, base: string) {
  const sample = await sampleCredential(base);
  const jwt = await httpLoad(postVerify(base, sample.jwt), { seconds });
  const di = await httpLoad(postVerify(base, sample.dataIntegrity), { seconds });
  const issuance = await issuanceRate(base, Math.max(30, seconds * 40));
  return { label, sample, jwt, di, issuance };
}

console.log(`npm run bench — Node ${process.version}, ${seconds}s per measurement, ${new Date().toISOString()}\n`);

// ---- Node registry and its baselines -------------------------------------------------------
const registry = await startNodeProcess('src/node.ts');
const node = await runtimeFigures('Node', registry.url);

const bare = await startNodeProcess('bench/baselines/bare-jose-server.ts', { JWKS_URL: `${registry.url}/.well-known/jwks.json` });
const bareJose = await httpLoad(postVerify(bare.url, node.sample.jwt), { seconds });
const many = await distinctCredentials(registry.url, 1200);
const manyUnstored = await unstoredJwts(`${registry.dir}/keys`, many.jwts);
const verifyMany = (server: typeof bare, pool: unknown[]) =>
  httpLoad((i) => postVerify(server.url, pool[i % pool.length])(), { seconds, cpuSeconds: () => server.cpuSeconds() });
const nodeMany = await verifyMany(registry, many.jwts);
const bareMany = await verifyMany(bare, many.jwts);
const nodeUnstored = await verifyMany(registry, manyUnstored);
const bareUnstored = await verifyMany(bare, manyUnstored);
const nodeManyDi = await verifyMany(registry, many.dataIntegrity);
await bare.stop();

const plain = await plainVc({ baseUrl: registry.url.replace('127.0.0.1', 'localhost') });
const plainVerifyRate = await loop(() => plain.verify(node.sample.dataIntegrity), seconds);
const plainVerifyMany = await loopCpu((i) => plain.verify(many.dataIntegrity[i % many.dataIntegrity.length]), seconds);
const key = await generateIssuerKey();
const plainIssue = await plain.issuer(key, 'did:example:bench#key', 'did:example:bench');
const unsigned = (i: number) =>
  buildDeclarationCredential({
    baseUrl: registry.url.replace('127.0.0.1', 'localhost'),
    credentialId: crypto.randomUUID(),
    issuer: { id: 'did:example:bench', nameJa: 'ベンチ', nameEn: 'Bench', url: registry.url },
    organization: { id: `org-${i}`, name: `株式会社テスト${i}`, kind: 'company', corporateNumber: '7123456789012', prefectureCode: '13' },
    declaration: { declarationId: `d-${i}`, version: 1, committedOn: '2025-04-01', guidelineAreas: ['labor', 'security'], policy: '転職なき移住を支援します。' },
    validFrom: '2025-04-01T00:00:00Z',
    validUntil: '2030-03-31T14:59:59Z',
    status: { revocation: { listUrl: `${registry.url}/status-lists/r`, index: i }, suspension: { listUrl: `${registry.url}/status-lists/s`, index: i } },
  });
const plainIssueRate = await loop((i) => plainIssue(unsigned(i)), seconds);
// The registry's own issuing component on the same input, in the same process: both forms signed.
const securer = createCredentialSecurer({ identity: createIssuerIdentity({ baseUrl: registry.url.replace('127.0.0.1', 'localhost'), keys: [key] }) });
const registryIssueRate = await loop((i) => securer.secure(unsigned(i)), seconds);

// ---- Pages and images (issue 5), same registry -------------------------------------------------
const credentialId = String(node.sample.dataIntegrity.id).split('/').pop();
const healthz = await httpLoad(() => fetch(`${registry.url}/healthz`), { seconds });
const verificationPage = await httpLoad(() => fetch(`${registry.url}/v/${credentialId}`), { seconds });
const badgeSvg = await httpLoad(() => fetch(`${registry.url}/credentials/${credentialId}/badge.svg`), { seconds });
// A PNG badge is rendered once, then served from the cache: time the first and the next requests.
const timed = async (url: string) => {
  const start = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return performance.now() - start;
};
const firstPng = await timed(`${registry.url}/credentials/${credentialId}/badge.png`);
let cachedPng = 0;
for (let i = 0; i < 20; i++) cachedPng += (await timed(`${registry.url}/credentials/${credentialId}/badge.png`)) / 20;

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const message = Buffer.from(node.sample.jwt);
const signature = sign(null, message, privateKey);
const rawVerify = await loop(async () => verify(null, message, publicKey, signature), seconds);
await registry.stop();

figures.push(
  { name: 'raw node:crypto Ed25519 verify (reference)', value: rawVerify, unit: 'ops/s' },
  { name: 'Node: verify vc+jwt over HTTP', value: node.jwt.perSecond, unit: 'req/s', baseline: { name: 'bare Hono+jose route', value: bareJose.perSecond, target: '≥ 0.70×' } },
  { name: 'Node: verify vc+jwt, 1,200 different credentials', value: nodeMany.perSecond, unit: 'req/s', baseline: { name: 'bare Hono+jose route, same JWTs', value: bareMany.perSecond } },
  { name: 'Node: verify vc+jwt, 1,200 different, not stored', value: nodeUnstored.perSecond, unit: 'req/s', baseline: { name: 'bare Hono+jose route, same JWTs', value: bareUnstored.perSecond } },
  { name: 'Node: … same, server CPU per request', value: nodeUnstored.cpuPerRequest, unit: 'µs', baseline: { name: 'bare Hono+jose route', value: bareUnstored.cpuPerRequest } },
  { name: 'Node: verify Data Integrity, 1,200 different credentials', value: nodeManyDi.perSecond, unit: 'req/s', baseline: { name: 'plain vc.verifyCredential loop, same', value: plainVerifyMany.perSecond } },
  { name: 'Node: … same, server CPU per request', value: nodeManyDi.cpuPerRequest, unit: 'µs', baseline: { name: 'plain loop, CPU per verification', value: plainVerifyMany.cpuPerOp } },
  { name: 'Node: verify Data Integrity over HTTP', value: node.di.perSecond, unit: 'req/s', baseline: { name: 'plain vc.verifyCredential loop', value: plainVerifyRate, target: '≥ 5×' } },
  { name: 'issuance: registry signer, both forms (in process)', value: registryIssueRate, unit: '/s', baseline: { name: 'plain vc.issue loop', value: plainIssueRate, target: '≥ 3×' } },
  { name: 'Node: issuance end to end (publish over HTTP + commit)', value: node.issuance, unit: '/s', baseline: { name: 'plain vc.issue loop', value: plainIssueRate } },
  { name: 'Node: GET /v/{id} (verification page)', value: verificationPage.perSecond, unit: 'req/s', baseline: { name: 'GET /healthz', value: healthz.perSecond, target: '≥ 0.50×' } },
  { name: 'Node: GET badge.svg', value: badgeSvg.perSecond, unit: 'req/s', baseline: { name: 'GET /healthz', value: healthz.perSecond, target: '≥ 1,000 req/s' } },
  { name: 'Node: badge.png served from cache', value: cachedPng, unit: 'ms', baseline: { name: 'first render', value: firstPng, target: '≪ 1×' } },
);

// ---- The same requests on the Worker in local workerd (informative: not production) ---------
if (process.env.BENCH_SKIP_WORKER !== '1') {
  const port = await freePort();
  const worker = await startWorker({ dir: mkdtempSync(join(tmpdir(), 'registry-bench-worker-')), port, env: { REGISTRY_ADMIN_TOKEN: ADMIN_TOKEN, RATE_LIMIT_PUBLIC_PER_MINUTE: '0' } });
  const onWorker = await runtimeFigures('Worker', worker.url);
  await worker.close();
  figures.push(
    { name: 'Worker (local workerd): verify vc+jwt', value: onWorker.jwt.perSecond, unit: 'req/s', baseline: { name: 'Node, same request', value: node.jwt.perSecond } },
    { name: 'Worker (local workerd): verify Data Integrity', value: onWorker.di.perSecond, unit: 'req/s', baseline: { name: 'Node, same request', value: node.di.perSecond } },
    { name: 'Worker (local workerd): issuance (publish)', value: onWorker.issuance, unit: '/s', baseline: { name: 'Node, same request', value: node.issuance } },
  );
}

// ---- Partner API (issue 6) and scale (issue 7) ---------------------------------------------------
figures.push(...(await partnerFigures()));
if (process.env.BENCH_SKIP_SCALE !== '1') {
  const { scaleFigures } = await import('./scale.js');
  figures.push(...(await scaleFigures({ seconds })));
}

printTable(figures);
process.exit(0);
