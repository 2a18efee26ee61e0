/**
 * Scale: the same requests against a registry seeded with 1,000 and with 100,000 organizations
 * (3 credentials per organization, seeded by src/cli/seed.ts), each over HTTP against a real Node
 * server. Every figure at the large size is printed with the 1,000-organization figure measured
 * in the same run as its baseline, so the ratio is the growth.
 *
 *   npx tsx bench/scale.ts                       (BENCH_SECONDS per measurement, default 3)
 *   SCALE_MAX_ORGS=10000 npx tsx bench/scale.ts  (a quicker run with a smaller top size)
 *
 * Only the credentials of the first 1,000 organizations are signed for real (see the seed); the
 * verification figure uses one of those.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateIssuerKey } from '../src/adapters/crypto/keys.js';
import { writeKeyFile } from '../src/adapters/node/key-files.js';
import { formatSeedResult, seed } from '../src/cli/seed.js';
import { freePort } from '../test/helpers/server.js';
import { loop, printTable, type Figure } from './lib/measure.js';
import { autocannonLoad, type LoadResult, type LoadSpec } from './lib/load.js';
import { ADMIN_TOKEN, startNodeProcess } from './lib/processes.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
const SEARCH_TERM = 'システム'; // in about 1 in 30 seeded names
const SEARCH_PREFECTURE = '13';

interface SizeFigures {
  organizations: number;
  seedSeconds: number;
  searchCommon: LoadResult;
  searchSelective: LoadResult;
  lookup: LoadResult;
  verify: LoadResult;
  statusUpdates: number;
  statusListAfterChange: { p50: number; p95: number };
  /** Mean first-fetch time of the revocation lists. */
  revocationListCold: number;
}

async function measureSize(organizations: number, seconds: number, log: (line: string) => void): Promise<SizeFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'registry-scale-'));
  try {
    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    const keysDir = join(dir, 'keys');
    const key = await generateIssuerKey();
    writeKeyFile(keysDir, key);
    const databasePath = join(dir, 'registry.sqlite');
    log(`seeding ${organizations.toLocaleString('en')} organizations…`);
    const seeded = await seed({ databasePath, organizations, credentials: organizations * 3, baseUrl, keys: [key], realOrganizations: 1000 });
    log(formatSeedResult(seeded));

    // Test inputs, read from the seeded file before the server opens it.
    const db = new BetterSqlite3(databasePath, { readonly: true });
    const selective = db
      .prepare(`SELECT name, prefecture_code FROM organizations WHERE listed = 1 ORDER BY id LIMIT 200`)
      .all() as { name: string; prefecture_code: string }[];
    const revocationLists = (db.prepare(`SELECT id FROM status_lists WHERE purpose = 'revocation'`).all() as { id: string }[]).map((r) => r.id);
    const changes = db
      .prepare(
        `SELECT d.id AS declarationId, e.list_id AS listId FROM declarations d
           JOIN credentials c ON c.subject_type = 'declaration' AND c.subject_id = d.id AND c.status = 'active'
           JOIN status_entries e ON e.credential_id = c.id AND e.purpose = 'suspension'
         WHERE d.id IN (${seeded.samples.publishedDeclarationIds.map(() => '?').join(',')})`,
      )
      .all(...seeded.samples.publishedDeclarationIds) as { declarationId: string; listId: string }[];
    db.close();

    const server = await startNodeProcess('src/node.ts', {
      PORT: String(port),
      PUBLIC_BASE_URL: baseUrl,
      DATABASE_PATH: databasePath,
      KEYS_DIR: keysDir,
      RATE_LIMIT_PUBLIC_PER_MINUTE: '0',
    });
    try {
      const url = server.url;
      const get = (path: string) => fetch(url + path);

      // First fetch of each revocation list (encoded and signed from its set bits; at 100k the
      // lists are full and most of their bits are set, by superseded and revoked credentials).
      let coldTotal = 0;
      for (const listId of revocationLists) {
        const t = performance.now();
        const r = await get(`/status-lists/${listId}`);
        await r.arrayBuffer();
        if (!r.ok) throw new Error(`GET /status-lists/${listId}: ${r.status}`);
        coldTotal += performance.now() - t;
      }
      const revocationListCold = coldTotal / revocationLists.length;
      const corporateNumbers = seeded.samples.corporateNumbers;

      // HTTP load from autocannon in its own process (bench/lib/load.ts), as in the rest of the bench.
      const load = (spec: Partial<LoadSpec>) => autocannonLoad({ url, serverPid: server.pid, seconds, ...spec });
      const searchCommon = await load({ path: `/api/v1/organizations?q=${encodeURIComponent(SEARCH_TERM)}&prefectureCode=${SEARCH_PREFECTURE}` });
      const searchSelective = await load({ paths: selective.map((o) => `/api/v1/organizations?q=${encodeURIComponent(o.name)}&prefectureCode=${o.prefecture_code}`) });
      const lookup = await load({ paths: corporateNumbers.map((n) => `/api/v1/organizations/by-corporate-number/${n}`) });

      const credentialId = seeded.samples.realCredentialIds[0]!;
      const credential = await (await get(`/credentials/${credentialId}`)).json();
      const verified = (await (await postVerify(url, credential)()).json()) as { verified?: boolean };
      if (verified.verified !== true) throw new Error(`the sample credential did not verify: ${JSON.stringify(verified).slice(0, 400)}`);
      const verify = await load({ path: '/credentials/verify', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verifiableCredential: credential }) });

      // Status-list updates: suspend then reinstate a published declaration (each flips one bit
      // of its credential's suspension list in the same batch as the state change).
      const act = async (id: string, action: 'suspend' | 'reinstate') => {
        const r = await fetch(`${url}/api/v1/declarations/${id}/${action}`, {
          method: 'POST',
          headers: admin,
          body: JSON.stringify(action === 'suspend' ? { reason: 'under-investigation' } : {}),
        });
        if (!r.ok) throw new Error(`${action} ${id}: ${r.status} ${await r.text()}`);
        await r.arrayBuffer();
      };
      const pairsPerSecond = await loop(async (i) => {
        const { declarationId } = changes[i % changes.length]!;
        await act(declarationId, 'suspend');
        await act(declarationId, 'reinstate');
      }, seconds);

      // The first GET of a status list after one of its bits changed (re-encoded and re-signed).
      const afterChange: number[] = [];
      const deadline = performance.now() + seconds * 1000;
      for (let i = 0; afterChange.length < 5 || (performance.now() < deadline && afterChange.length < 200); i++) {
        const { declarationId, listId } = changes[(i + 500) % changes.length]!;
        await act(declarationId, 'suspend');
        const t = performance.now();
        const r = await get(`/status-lists/${listId}`);
        await r.arrayBuffer();
        if (!r.ok) throw new Error(`GET /status-lists/${listId}: ${r.status}`);
        afterChange.push(performance.now() - t);
        await act(declarationId, 'reinstate');
      }
      afterChange.sort((a, b) => a - b);
      const at = (q: number) => afterChange[Math.min(afterChange.length - 1, Math.floor(q * afterChange.length))]!;

      return {
        organizations,
        seedSeconds: seeded.seconds,
        searchCommon,
        searchSelective,
        lookup,
        verify,
        statusUpdates: pairsPerSecond * 2,
        statusListAfterChange: { p50: at(0.5), p95: at(0.95) },
        revocationListCold,
      };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const postVerify = (base: string, credential: unknown) => () =>
  fetch(`${base}/credentials/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verifiableCredential: credential }) });

/** Scale figures: each at the top size (100,000 organizations, or SCALE_MAX_ORGS) against 1,000. */
export async function scaleFigures({ seconds, log = () => {} }: { seconds: number; log?: (line: string) => void }): Promise<Figure[]> {
  const top = Math.max(1000, Number(process.env.SCALE_MAX_ORGS ?? 100_000));
  const small = await measureSize(1000, seconds, log);
  const large = await measureSize(top, seconds, log);
  const label = (n: number) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));
  const L = `scale ${label(top)} orgs`;
  const B = `${label(1000)} orgs`;
  const f = (name: string, value: number, unit: string, baseline: number, target?: string): Figure => ({
    name: `${L}: ${name}`,
    value,
    unit,
    baseline: { name: B, value: baseline, ...(target ? { target } : {}) },
  });
  return [
    f('seed time (3 credentials/org)', large.seedSeconds, 's', small.seedSeconds),
    f(`search q=${SEARCH_TERM}&pref=${SEARCH_PREFECTURE} p50`, large.searchCommon.p50, 'ms', small.searchCommon.p50),
    f(`search q=${SEARCH_TERM}&pref=${SEARCH_PREFECTURE} p95`, large.searchCommon.p95, 'ms', small.searchCommon.p95),
    f('search, q = a full organization name, p50', large.searchSelective.p50, 'ms', small.searchSelective.p50),
    f('search, q = a full organization name, p95', large.searchSelective.p95, 'ms', small.searchSelective.p95),
    f('lookup by 法人番号 p50', large.lookup.p50, 'ms', small.lookup.p50),
    f('lookup by 法人番号 p95', large.lookup.p95, 'ms', small.lookup.p95),
    f('lookup by 法人番号', large.lookup.perSecond, 'req/s', small.lookup.perSecond),
    f('lookup by 法人番号, server CPU per request', large.lookup.serverCpuPerRequest, 'µs', small.lookup.serverCpuPerRequest),
    f('verify Data Integrity', large.verify.perSecond, 'req/s', small.verify.perSecond),
    f('verify Data Integrity, server CPU per request', large.verify.serverCpuPerRequest, 'µs', small.verify.serverCpuPerRequest),
    f('search (common term), server peak RSS', large.searchCommon.peakRssBytes / 2 ** 20, 'MB', small.searchCommon.peakRssBytes / 2 ** 20),
    f('status updates (suspend/reinstate)', large.statusUpdates, '/s', small.statusUpdates),
    f('GET status list after a change p50', large.statusListAfterChange.p50, 'ms', small.statusListAfterChange.p50),
    f('GET status list after a change p95', large.statusListAfterChange.p95, 'ms', small.statusListAfterChange.p95),
    f('GET revocation list, first fetch (mean)', large.revocationListCold, 'ms', small.revocationListCold),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const seconds = Number(process.env.BENCH_SECONDS ?? 3);
  console.log(`bench/scale.ts — Node ${process.version}, ${seconds}s per measurement, ${new Date().toISOString()}\n`);
  const figures = await scaleFigures({ seconds, log: (line) => console.log(line) });
  console.log();
  printTable(figures);
  process.exit(0);
}
