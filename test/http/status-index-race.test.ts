/**
 * Status list indexes under concurrent issuance. An index is drawn at random among the free ones
 * and signed into the credential before the batch that claims it commits, so two issuances in
 * flight can draw the same one; the loser's batch fails on the status_entries primary key. That
 * once surfaced as a 500 ("unique constraint failed: status_entries.list_id,
 * status_entries.idx", 1 in ~13,000 issuances with 131,072-index lists). Here lists have 16
 * indexes (TEST_STATUS_LIST_LENGTH) and more issuances than that are in flight at once, so
 * collisions are certain: every answer must still be a success (the loser is signed again with
 * another index), each credential must hold its own (list, index) pairs, and each must verify.
 * A list that fills up rolls over to a new one: issuance never runs out of room.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VC_V2, decodeBitstring, declarationCredential, localUrl } from '../helpers/credentials.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { commitIssuance } from '../../src/domain/services/commit-change.js';
import { DomainError } from '../../src/domain/errors.js';
import { UniqueViolation } from '../../src/ports/store.js';

type Json = Record<string, any>;
type Answer = Awaited<ReturnType<TestServer['call']>>;

const LENGTH = 16;
const ISSUANCES = 24;
const PUBLICATIONS = 4;
/** More than two lists can hold. */
const SEQUENTIAL = 2 * LENGTH + 1;
/** The Bitstring Status List minimum: what a published list has, however short the list is. */
const PUBLISHED_LENGTH = 131_072;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ TEST_STATUS_LIST_LENGTH: String(LENGTH) });
});
afterAll(() => server?.close());

const issue = () =>
  server.call('POST', '/credentials/issue', {
    body: { credential: { '@context': [VC_V2], type: ['VerifiableCredential'], credentialSubject: { id: `urn:uuid:${crypto.randomUUID()}` } } },
  });

/** "list URL#index" of each of a credential's status entries, checked to lie inside the short list. */
function slotsOf(credential: Json): string[] {
  const entries = credential.credentialStatus as Json[];
  expect(entries.map((e) => e.statusPurpose).sort()).toEqual(['revocation', 'suspension']);
  return entries.map((e) => {
    const index = Number(e.statusListIndex);
    expect(Number.isInteger(index) && index >= 0 && index < LENGTH, `index ${e.statusListIndex}`).toBe(true);
    return `${e.statusListCredential}#${index}`;
  });
}

/** Every slot once; returns how many lists they span. */
function expectDistinct(credentials: Json[]): number {
  const slots = credentials.flatMap(slotsOf);
  expect(new Set(slots).size).toBe(slots.length);
  return new Set(slots.map((slot) => slot.slice(0, slot.indexOf('#')))).size;
}

/** Each answer's status and, when it is not the expected one, its body (a 500 shows its problem). */
const statuses = (answers: Answer[], expected: number) => answers.map((a) => (a.status === expected ? expected : `${a.status} ${a.text}`));

async function expectVerified(credentials: Json[]) {
  for (let i = 0; i < credentials.length; i += 12) {
    const outcomes = await Promise.all(
      credentials.slice(i, i + 12).map((verifiableCredential) => server.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential } })),
    );
    for (const outcome of outcomes) {
      expect(outcome.body.problemDetails, outcome.text).toEqual([]);
      expect(outcome.status).toBe(200);
      expect(outcome.body.verified).toBe(true);
    }
  }
}

function readDb<T>(read: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(server.dbPath, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe(`status list indexes with ${LENGTH}-index lists`, () => {
  it('a full list rolls over to a new one: more issuances in a row than two lists can hold all succeed', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) answers.push(await issue());
    expect(statuses(answers, 201)).toEqual(answers.map(() => 201));
    const credentials = answers.map((a) => a.body.verifiableCredential as Json);
    // Two purposes, each spread over at least three lists (none can hold more than LENGTH).
    expect(expectDistinct(credentials)).toBeGreaterThanOrEqual(2 * 3);
    await expectVerified(credentials);
    // A short list is still published at the spec's minimum length, its unused tail all zeros.
    const list = await server.call('GET', new URL(credentials[0]!.credentialStatus[0].statusListCredential).pathname, { token: null });
    expect(list.status).toBe(200);
    expect(decodeBitstring(list.body.credentialSubject.encodedList).length).toBe(PUBLISHED_LENGTH);
  });

  it(`${ISSUANCES} issuances and ${PUBLICATIONS} publications at once: no 500, every credential its own index, all valid`, async () => {
    const companies = [];
    for (let n = 1; n <= PUBLICATIONS; n++) {
      const company = await seedCompany(server, { n });
      const submitted = await server.call('POST', `/api/v1/declarations/${company.declarationId}/submit`, { token: company.orgToken });
      expect(submitted.status, submitted.text).toBe(200);
      companies.push(company);
    }
    const before = readDb((db) => (db.prepare('SELECT count(*) AS n FROM credentials').get() as { n: number }).n);

    const [issued, published] = await Promise.all([
      Promise.all(Array.from({ length: ISSUANCES }, issue)),
      Promise.all(companies.map((c) => server.call('POST', `/api/v1/declarations/${c.declarationId}/publish`))),
    ]);
    expect(statuses(issued, 201)).toEqual(issued.map(() => 201));
    expect(statuses(published, 200)).toEqual(published.map(() => 200));

    const credentials = [
      ...issued.map((a) => a.body.verifiableCredential as Json),
      ...(await Promise.all(companies.map(async (c) => (await declarationCredential(server, c.declarationId)).dataIntegrity))),
    ];
    // Each purpose's entries need at least this many lists.
    expect(expectDistinct(credentials)).toBeGreaterThanOrEqual(2 * Math.ceil((ISSUANCES + PUBLICATIONS) / LENGTH));
    // The database agrees: one row per credential and two entries each (a lost draw left nothing behind), one audit entry per issuance.
    const after = readDb((db) => ({
      credentials: (db.prepare('SELECT count(*) AS n FROM credentials').get() as { n: number }).n,
      notTwoEntries: (db.prepare('SELECT count(*) AS n FROM credentials c WHERE (SELECT count(*) FROM status_entries e WHERE e.credential_id = c.id) <> 2').get() as { n: number }).n,
      audited: (db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'credential.issue'").get() as { n: number }).n,
    }));
    expect(after).toEqual({ credentials: before + ISSUANCES + PUBLICATIONS, notTwoEntries: 0, audited: SEQUENTIAL + ISSUANCES });
    await expectVerified(credentials);
    // What each issuance answered (signed again after a lost draw) is what the registry keeps.
    for (const credential of credentials.slice(0, ISSUANCES)) {
      expect((await server.call('GET', new URL(localUrl(server, credential.id)).pathname, { token: null })).body).toEqual(credential);
    }
  }, 180_000);
});

describe('commitIssuance', () => {
  const failing = (error: Error) => ({ commits: 0, async commit() { this.commits++; throw error; } });

  it('gives up on an index lost again and again with a 409 problem, not a 500, and rethrows any other failure at once', async () => {
    const lost = failing(new UniqueViolation('status_entries.list_id, status_entries.idx'));
    let builds = 0;
    const outcome = await commitIssuance(lost, async () => (builds++, [])).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(DomainError);
    expect((outcome as DomainError).kind).toBe('conflict');
    expect([builds, lost.commits]).toEqual([16, 16]);

    const other = failing(new UniqueViolation('organizations.corporate_number'));
    await expect(commitIssuance(other, async () => [])).rejects.toBeInstanceOf(UniqueViolation);
    expect(other.commits).toBe(1);
  });
});
