/**
 * The back office's list of organizations narrowed to a declaration status, at scale, by the plan
 * of its query on the server's database. Organizations were walked in id order (oldest first),
 * each asked for a declaration in that status: the ones under review or sent back are the newest,
 * so with 100,000 organizations a page of 審査中, 下書き or 差戻し walked some 85,000 of them
 * (~45-65 ms of CPU), and one with none walked them all. The declarations in that status are
 * walked instead, by organization, from an index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKyselyOrganizations } from '../../src/adapters/kysely/organizations.js';
import { queryPlansOf } from '../helpers/query-plans.js';
import { DECLARATION, declarationAction, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator } from '../helpers/staff.js';

let server: TestServer;
let submitted: string;

beforeAll(async () => {
  server = await startTestServer();
  await seedCompany(server, { n: 701, publish: true, name: '状態計画公表株式会社' });
  const second = await seedCompany(server, { n: 702, name: '状態計画審査株式会社' });
  await declarationAction(server, second.declarationId, 'submit', { token: second.orgToken });
  submitted = second.organization.id;
});
afterAll(() => server?.close());

describe("the back office's organizations by declaration status at scale", () => {
  for (const [status, returned] of [['submitted', undefined], ['draft', true], ['draft', false]] as const) {
    it(`walks the ${status}${returned === undefined ? '' : returned ? ' (returned)' : ' (never returned)'} declarations by organization from an index, not every organization`, async () => {
      for (const cursor of [null, 'MDA']) {
        const plans = await queryPlansOf(server.dbPath, createKyselyOrganizations, async (organizations) => {
          const page = await organizations.search({ declarationStatus: status, ...(returned === undefined ? {} : { declarationReturned: returned }), kind: 'company', cursor, limit: 25, listedOnly: false });
          if (status === 'submitted') expect(page.items.map((o) => o.id)).toEqual([submitted]);
        });
        expect(plans).toHaveLength(1);
        const plan = plans[0]!.plan.join('\n');
        expect(plan).toMatch(/^SEARCH d USING COVERING INDEX \w+ \(status=\?/);
        expect(plan).not.toMatch(/SCAN o\b|TEMP B-TREE/);
      }
    });
  }

  it('lists an organization with two declarations in the status once', async () => {
    const twice = await seedCompany(server, { n: 703, publish: true, name: '状態計画二度取下げ株式会社' });
    await declarationAction(server, twice.declarationId, 'withdraw', { token: twice.orgToken });
    const again = await server.call('POST', `/api/v1/organizations/${twice.organization.id}/declarations`, { token: twice.orgToken, body: DECLARATION });
    expect(again.status).toBe(201);
    await declarationAction(server, again.body.id, 'submit', { token: twice.orgToken });
    await declarationAction(server, again.body.id, 'publish');
    await declarationAction(server, again.body.id, 'withdraw', { token: twice.orgToken });
    const admin = await signInAsAdministrator(server);
    const page = await admin.request('GET', '/admin/organizations?status=withdrawn');
    expect(page.status).toBe(200);
    expect(page.text.split('状態計画二度取下げ株式会社').length - 1).toBe(1);
  });
});
