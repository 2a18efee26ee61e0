/**
 * Open data files are streamed in batches (TEST_OPEN_DATA_BATCH_SIZE makes them small here), and
 * every byte is what the whole-file answer sent before streaming: a seeded registry of a fixed
 * PRNG seed, clock and ids gives the same files every run, whose digests below were taken from
 * the unstreamed implementation (commit 9df8fbc). A deliberate change of what the files show
 * changes them; a change of how they are sent must not.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIssuerKey } from '../../src/adapters/crypto/keys.js';
import { openSqlite, type SqliteStore } from '../../src/adapters/sqlite/open.js';
import { seed } from '../../src/cli/seed.js';
import { createApp } from '../../src/http/app.js';
import type { OpenDataReader, OpenDataSnapshot } from '../../src/ports/open-data.js';
import { createKyselyRegistry } from '../../src/registry.js';
import { mulberry32 } from '../../src/cli/seeded-random.js';
import { onWorker } from '../helpers/targets.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

const BASE_URL = 'https://registry.example';
/** Far enough ahead that the server's expiry sweep at start finds nothing due for years. */
const SEEDED_AT = new Date('2030-01-01T00:00:00Z');
const BATCH = 7;

/** Today's files for that seed: bytes and SHA-256, from the whole-file implementation (declarations' validUntil since at the end of a day in Japan). */
const GOLDEN: Record<string, { bytes: number; sha256: string }> = {
  'declarations.csv': { bytes: 321057, sha256: '05dd20ecabb5ded15f04e66e7dc9a428422b70a7c5f45876f6816a796ee6f3da' },
  'declarations.json': { bytes: 675400, sha256: 'cbed1548833f4309af40d72941e75969b3877aaac8447b273eac74f9fd60c710' },
  'awards.csv': { bytes: 5198, sha256: 'aadb4adda8f34f2e0ed27fa34d3f5ace11e24c1ef23fb96da925875f6e2619ba' },
  'awards.json': { bytes: 17110, sha256: 'ba53bdd1d268636171a1db2daf7448dde42106be0e98affa395186445bd85d30' },
};

/**
 * seed() with ids of a fixed sequence: uuidv7's random bits come from crypto.getRandomValues,
 * here a seeded PRNG for the duration of the seed (the test file's own process, nothing else runs).
 */
async function deterministicSeed(databasePath: string) {
  const keys = [await generateIssuerKey({ now: SEEDED_AT })];
  const random = mulberry32(621);
  const own = Object.getOwnPropertyDescriptor(crypto, 'getRandomValues');
  Object.defineProperty(crypto, 'getRandomValues', {
    configurable: true,
    value: <T extends ArrayBufferView | null>(array: T): T => {
      const bytes = new Uint8Array(array!.buffer, array!.byteOffset, array!.byteLength);
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
      return array;
    },
  });
  try {
    return await seed({ databasePath, organizations: 600, credentials: 700, baseUrl: BASE_URL, keys, realOrganizations: 0, seed: 621, now: SEEDED_AT });
  } finally {
    if (own) Object.defineProperty(crypto, 'getRandomValues', own);
    else delete (crypto as { getRandomValues?: unknown }).getRandomValues;
  }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let dir: string;
let seeded: string;
beforeAll(async () => {
  if (onWorker) return;
  dir = mkdtempSync(join(tmpdir(), 'open-data-golden-'));
  seeded = join(dir, 'seeded.sqlite');
  await deterministicSeed(seeded);
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(onWorker)('open data files, streamed in batches, are byte for byte the whole-file answers', () => {
  let server: TestServer;
  beforeAll(async () => {
    const databasePath = join(dir, 'registry.sqlite');
    copyFileSync(seeded, databasePath);
    server = await startTestServer({ DATABASE_PATH: databasePath, PUBLIC_BASE_URL: BASE_URL, TEST_OPEN_DATA_BATCH_SIZE: String(BATCH) });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  for (const path of ['declarations.csv', 'declarations.json', 'awards.csv', 'awards.json']) {
    it(`${path}: the same bytes over several batches`, async () => {
      const response = await fetch(`${server.url}/api/v1/open-data/${path}`);
      expect(response.status).toBe(200);
      // Sent as it is read, a batch at a time: its length is not known when the first bytes leave.
      expect(response.headers.get('content-length')).toBeNull();
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (path.endsWith('.json')) {
        const body = JSON.parse(new TextDecoder().decode(bytes));
        expect(body.count).toBe(body.items.length);
        expect(body.count, 'three batches or more').toBeGreaterThan(2 * BATCH);
        expect(new Set(body.items.map((item: { id: string }) => item.id)).size).toBe(body.count);
      }
      expect({ bytes: bytes.length, sha256: sha256(bytes) }).toEqual(GOLDEN[path]);
    });
  }
});

/**
 * On Node one thread serves every request, and better-sqlite3 reads synchronously: a file sent
 * to a fast client must still let other requests in between its batches, not keep them waiting
 * until its last byte (a 100,000-row file takes seconds).
 */
describe.skipIf(onWorker)('other requests while an open data file streams', () => {
  let server: TestServer;
  beforeAll(async () => {
    const databasePath = join(dir, 'busy.sqlite');
    copyFileSync(seeded, databasePath);
    server = await startTestServer({ DATABASE_PATH: databasePath, PUBLIC_BASE_URL: BASE_URL, TEST_OPEN_DATA_BATCH_SIZE: '1' });
  });
  afterAll(() => server?.close());

  it('are answered before the file has been sent', async () => {
    const download = await fetch(`${server.url}/api/v1/open-data/declarations.json`);
    expect(download.status).toBe(200);
    const order: string[] = [];
    await Promise.all([
      download.arrayBuffer().then(() => order.push('file')),
      fetch(`${server.url}/healthz`).then(async (response) => order.push(`healthz ${response.status} ${await response.text()}`)),
    ]);
    expect(order).toEqual(['healthz 200 {"status":"ok"}', 'file']);
  });
});

/**
 * Changes committed while a file streams, between its first and second batch (the reader is
 * wrapped so that they land exactly there): every row the file had before shows once, in its
 * place, and the JSON count is the number of items sent. The declarations are read by a keyset on
 * their order, where a declaration published again after its renewal moves to the end: sent
 * already, it must not come twice; not yet, it must still come (last). The awards' file is read by
 * ids, where a keyset would leave out an award revoked before its batch, under a count that said otherwise.
 */
describe.skipIf(onWorker)('open data files changed while they stream', () => {
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;
  let reader: OpenDataReader;
  /** Runs once, after the first batch of the next file read. */
  let between: (() => void) | null = null;

  /** A snapshot whose batches() runs `between` once its first batch has been taken. */
  const pausing = <T>(snapshot: OpenDataSnapshot<T>): OpenDataSnapshot<T> => ({
    count: snapshot.count,
    async *batches() {
      let first = true;
      for await (const batch of snapshot.batches()) {
        yield batch;
        if (first) between?.(), (between = null), (first = false);
      }
    },
  });

  beforeAll(async () => {
    const databasePath = join(dir, 'changing.sqlite');
    copyFileSync(seeded, databasePath);
    store = await openSqlite({ path: databasePath });
    const config = { validityMonths: 36, publicBaseUrl: BASE_URL, didMethod: 'did:web' as const, openDataBatchSize: BATCH };
    const registry = await createKyselyRegistry({ db: store.db, unitOfWork: store.unitOfWork, config });
    reader = registry.openData;
    registry.openData = {
      ...reader,
      declarations: async () => pausing(await reader.declarations()),
      awards: async () => pausing(await reader.awards()),
    };
    app = createApp({ registry, publicBaseUrl: BASE_URL });
  });
  afterAll(async () => {
    await store?.close();
  });

  const json = async (path: string) => (await (await app.request(`/api/v1/open-data/${path}`)).json()) as { count: number; items: any[] };
  const csvIds = async (path: string) => (await (await app.request(`/api/v1/open-data/${path}`)).text()).split('\r\n').slice(1, -1).map((line) => line.slice(0, 36));
  const run = (statement: string, ...values: unknown[]) => store.raw.prepare(statement).run(...values);

  it('declarations: one row each, in order, through a publication, a re-publication, a revocation and a rename', async () => {
    const before = await json('declarations.json');
    const ids = before.items.map((item) => item.id as string);
    // After every seeded time, so that the re-published row goes last, before the new publication.
    const now = new Date(SEEDED_AT.getTime() + 60_000).toISOString();
    const later = new Date(SEEDED_AT.getTime() + 120_000).toISOString();
    const last = before.items.at(-1)!;
    const draft = store.raw.prepare("SELECT id, organization_id FROM declarations WHERE published_at IS NULL AND status = 'draft' LIMIT 1").get() as { id: string; organization_id: string };
    const changes = () => {
      // The first row, sent already: its renewal is published, which moves it to the end of the order.
      run("UPDATE declarations SET status = 'published', published_at = ?, valid_from = ?, public_updated_at = ?, updated_at = ? WHERE id = ?", now, now, now, now, ids[0]);
      // The last row, not sent yet: revoked, and its organization renamed.
      run("UPDATE declarations SET status = 'revoked', public_updated_at = ?, updated_at = ? WHERE id = ?", now, now, last.id);
      run('UPDATE organizations SET name = ?, public_updated_at = ?, updated_at = ? WHERE id = ?', '改名後株式会社', now, now, last.organization.id);
      // A declaration published for the first time.
      run("UPDATE declarations SET status = 'published', published_at = ?, valid_from = ?, valid_until = ?, public_updated_at = ?, updated_at = ? WHERE id = ?", later, later, '2033-01-01T00:00:00.000Z', later, later, draft.id);
      run('UPDATE organizations SET listed = 1 WHERE id = ?', draft.organization_id);
    };

    between = changes;
    const during = await json('declarations.json');
    expect(between, 'the changes ran between two batches').toBeNull();
    expect(during.items.map((item) => item.id)).toEqual(ids);
    expect(during.count).toBe(during.items.length);
    const shown = during.items.at(-1)!;
    expect([shown.organization.name, shown.status], 'a row not yet sent shows as its batch reads it').toEqual(['改名後株式会社', 'revoked']);

    // The next download has the new publication, and the re-published row at its new place.
    const after = await json('declarations.json');
    expect(after.items.map((item) => item.id)).toEqual([...ids.slice(1), ids[0], draft.id]);

    between = () => run("UPDATE declarations SET status = 'published', published_at = ? WHERE id = ?", new Date(SEEDED_AT.getTime() + 180_000).toISOString(), after.items[0].id);
    expect(await csvIds('declarations.csv'), 'the CSV likewise').toEqual(after.items.map((item) => item.id));
  });

  it('declarations: one not sent yet whose renewal is published meanwhile comes once, last, at its new place', async () => {
    const before = await json('declarations.json');
    const ids = before.items.map((item) => item.id as string);
    // A row of the third batch that was published with a credential (its renewal is a publication again).
    const renewed = ids.slice(2 * BATCH).find((id) => store.raw.prepare("SELECT 1 FROM credentials WHERE subject_type = 'declaration' AND subject_id = ?").get(id))!;
    expect(renewed).toBeDefined();
    const again = new Date(SEEDED_AT.getTime() + 240_000).toISOString();
    between = () => run("UPDATE declarations SET status = 'published', published_at = ?, valid_from = ?, public_updated_at = ?, updated_at = ? WHERE id = ?", again, again, again, again, renewed);
    const during = await json('declarations.json');
    expect(between, 'the change ran between two batches').toBeNull();
    expect(during.items.map((item) => item.id)).toEqual([...ids.filter((id) => id !== renewed), renewed]);
    expect(during.count).toBe(during.items.length);
    expect(during.items.at(-1).updatedAt, 'as it is when read').toBe(again);
    expect((await json('declarations.json')).items.map((item) => item.id), 'where the next download has it').toEqual(during.items.map((item) => item.id));
  });

  it('awards: an award revoked before its batch is still one row, so the count holds', async () => {
    const before = await json('awards.json');
    const ids = before.items.map((item) => item.id as string);
    between = () => run("UPDATE awards SET status = 'revoked', updated_at = ? WHERE id = ?", new Date().toISOString(), ids.at(-1));
    const during = await json('awards.json');
    expect(during.items.map((item) => item.id)).toEqual(ids);
    expect(during.count).toBe(during.items.length);
    expect(during.items.at(-1).status).toBe('revoked');
    expect((await json('awards.json')).items.map((item) => item.id), 'gone from the next download').toEqual(ids.slice(0, -1));
  });
});

/** On both runtimes (D1 included: a batch's ids are one json_each parameter), over batches of two rows. */
describe('open data files in batches of two, on this runtime', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TEST_OPEN_DATA_BATCH_SIZE: '2' });
    for (let n = 1; n <= 5; n++) {
      const company = await seedCompany(server, { n: 640 + n, publish: true, name: `分割配信${n}株式会社` });
      const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: company.organization.id, fiscalYear: 2020 + n, category: 'excellence', overview: `概要${n}` } });
      expect(award.status).toBe(201);
    }
  });
  afterAll(() => server?.close());

  for (const dataset of ['declarations', 'awards']) {
    it(`${dataset}: every row once, the JSON and the CSV in the same order, count first`, async () => {
      const response = await fetch(`${server.url}/api/v1/open-data/${dataset}.json`);
      expect(response.headers.get('content-type')).toBe('application/json');
      const text = await response.text();
      expect(text).toMatch(/^\{"asOf":"[^"]+","count":5,"documentation":"[^"]+\/docs","items":\[\{/);
      const body = JSON.parse(text);
      expect(body.items).toHaveLength(5);
      const ids = body.items.map((item: { id: string }) => item.id);
      expect(new Set(ids).size).toBe(5);
      const csv = await (await fetch(`${server.url}/api/v1/open-data/${dataset}.csv`)).text();
      expect(csv.split('\r\n').slice(1, -1).map((line) => line.slice(0, 36))).toEqual(ids);
      expect(csv.endsWith('\r\n')).toBe(true);
    });
  }

  it('the API documentation says what a file shows when rows change during its download', async () => {
    const paths = (await server.call('GET', '/openapi.json', { token: null })).body.paths;
    for (const file of ['declarations.csv', 'declarations.json', 'awards.csv', 'awards.json']) {
      expect(paths[`/api/v1/open-data/${file}`].get.description, file).toMatch(/fixed when the download starts.*as it is when read/);
    }
    expect(paths['/api/v1/open-data/awards.json'].get.description).toContain('status `revoked`');
  });

  it('a HEAD answers the headers a GET would, without a body', async () => {
    const get = await fetch(`${server.url}/api/v1/open-data/declarations.csv`);
    await get.arrayBuffer();
    const head = await fetch(`${server.url}/api/v1/open-data/declarations.csv`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    for (const name of ['etag', 'last-modified', 'content-disposition', 'cache-control', 'content-type']) expect(head.headers.get(name), name).toBe(get.headers.get(name));
    expect(await head.text()).toBe('');
  });
});
