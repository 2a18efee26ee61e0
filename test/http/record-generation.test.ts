/**
 * The portal, open data and the statistics keep their answers while the record's generation stays
 * the same (keptUntilRecordChanges). It must move with every change to the record, by whichever
 * connection, and with nothing else: people signing in, invitations and their e-mail, page views
 * and verifications leave it, so that on a busy registry the kept answers are not thrown away every
 * few seconds for nothing (a signed-in session alone is written once a minute).
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarationCredential } from '../helpers/credentials.js';
import { inviteStaff, signInAsAdministrator, signInAsMember } from '../helpers/staff.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;

/** Read by a connection of its own, as another worker would. */
const generation = () => {
  const db = new BetterSqlite3(server.dbPath, { readonly: true });
  try {
    return db.prepare('SELECT n FROM record_generation WHERE id = 1').pluck().get() as number;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe("the record's generation", () => {
  it('stays while people sign in, invite, browse and verify', async () => {
    const { organization, declarationId } = await seedCompany(server, { n: 951, publish: true, name: '世代据置株式会社' });
    const credential = await declarationCredential(server, declarationId);
    const before = generation();

    const admin = await signInAsAdministrator(server);
    await inviteStaff(admin, 'reviewer');
    const member = await signInAsMember(server, organization.id);
    expect((await member.request('GET', '/my')).status).toBe(200);
    for (const path of ['/', '/organizations', '/awards', `/organizations/${organization.id}`, '/api/v1/open-data/declarations.csv']) {
      expect((await server.call('GET', path, { token: null })).status, path).toBe(200);
    }
    expect((await server.call('GET', '/api/v1/statistics')).status).toBe(200);
    const verified = await server.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential: credential.dataIntegrity } });
    expect(verified.body.verified, verified.text).toBe(true);
    expect((await server.call('GET', new URL(credential.ref.verificationUrl).pathname, { token: null })).status).toBe(200);

    expect(generation()).toBe(before);
  });

  it('moves with a publication, an award, its suspension and an edit another process commits', async () => {
    let last = generation();
    const moved = () => {
      const now = generation();
      const didMove = now > last;
      last = now;
      return didMove;
    };
    const { organization } = await seedCompany(server, { n: 952, publish: true, name: '世代前進株式会社' });
    expect(moved()).toBe(true);
    const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: organization.id, fiscalYear: 2025, category: 'excellence' } });
    expect(award.status, award.text).toBe(201);
    expect(moved()).toBe(true);
    expect((await server.call('POST', `/api/v1/awards/${award.body.id}/suspend`)).status).toBe(200);
    expect(moved()).toBe(true);

    const other = new BetterSqlite3(server.dbPath);
    try {
      other.prepare('UPDATE organizations SET name = ? WHERE id = ?').run('世代前進ホールディングス株式会社', organization.id);
    } finally {
      other.close();
    }
    expect(moved()).toBe(true);
  });
});
