/**
 * The back office's CSV of every organization at scale, by the queries it runs on the server's
 * database: each organization's current declaration status comes from one pass over the
 * declarations. That pass read each declaration with its current version's text (and its
 * organization's row) only to keep its status: with 100,000 organizations ~1.5 s of the export's
 * ~3.3 s of server CPU. It reads the status columns alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKyselyRepositories } from '../../src/adapters/kysely/index.js';
import { currentStatuses } from '../../src/http/admin/organizations-export.js';
import { queryPlansOf } from '../helpers/query-plans.js';
import { declarationAction, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let published: string;
let returned: string;

beforeAll(async () => {
  server = await startTestServer();
  published = (await seedCompany(server, { n: 691, publish: true, name: '出力計画株式会社' })).organization.id;
  const second = await seedCompany(server, { n: 692, name: '出力差戻し株式会社' });
  returned = second.organization.id;
  await declarationAction(server, second.declarationId, 'submit', { token: second.orgToken });
  await declarationAction(server, second.declarationId, 'return', { body: { reason: '取組内容を具体的に書いてください。' } });
});
afterAll(() => server?.close());

describe("the organizations CSV's statuses at scale", () => {
  it("read each declaration's status alone, without its text or its organization", async () => {
    const plans = await queryPlansOf(server.dbPath, createKyselyRepositories, async (repos) => {
      const statuses = await currentStatuses(repos, 1);
      expect(statuses.get(published)).toEqual({ status: 'published', returned: false, renewalUnderReview: false });
      expect(statuses.get(returned)).toEqual({ status: 'draft', returned: true, renewalUnderReview: false });
    });
    expect(plans.length).toBeGreaterThanOrEqual(2);
    for (const { sql } of plans) expect(sql).not.toMatch(/declaration_versions|organizations/);
  });
});
