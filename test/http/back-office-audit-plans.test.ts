/**
 * The back office's audit log at scale, by the plans of its queries on the server's database: the
 * log grows by every change (600,000 entries in the seeded 100,000-organization registry), and a
 * page narrowed to one staff member, API token or operation walked all of it, newest first, to
 * find 50 entries that few (~70 ms of CPU a page, ~0.1 s per 500-entry step of its CSV).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKyselyAudit } from '../../src/adapters/kysely/audit.js';
import { queryPlansOf } from '../helpers/query-plans.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await seedCompany(server, { n: 681, publish: true, name: '監査計画株式会社' });
});
afterAll(() => server?.close());

/** The plan of one page of the log with `filters`, newest first, after a cursor as the next page reads it. */
const planOf = async (filters: Parameters<ReturnType<typeof createKyselyAudit>['list']>[0]) => {
  const plans = await queryPlansOf(server.dbPath, createKyselyAudit, (audit) => audit.list(filters));
  expect(plans).toHaveLength(1);
  return plans[0]!.plan;
};

describe("the audit log's filters at scale", () => {
  for (const [name, filters] of [
    ['a staff member or an API token', { actorTokenId: 'account:0190a0b1-0000-7000-8000-000000000001' }],
    ['an operation', { action: 'staff.create' }],
  ] as const) {
    it(`finds the entries of ${name} by an index, newest first, without walking the log`, async () => {
      for (const cursor of [null, 'MTAw']) {
        const plan = await planOf({ ...filters, cursor, limit: 50, newestFirst: true });
        expect(plan.join('\n')).toMatch(/^SEARCH audit_log USING INDEX \w+ \((actor_token_id|action)=\?/);
        expect(plan.join('\n')).not.toContain('TEMP B-TREE');
      }
    });
  }
});
