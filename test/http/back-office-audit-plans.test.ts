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

/** Every statement of one page of the log with `filters`, newest first; `narrowRange` as the repository's option. */
const plansOf = (filters: Parameters<ReturnType<typeof createKyselyAudit>['list']>[0], options?: Parameters<typeof createKyselyAudit>[1]) =>
  queryPlansOf(server.dbPath, (db) => createKyselyAudit(db, options), (audit) => audit.list(filters));
const pageOf = (plans: Awaited<ReturnType<typeof plansOf>>) => {
  const pages = plans.filter(({ sql }) => sql.startsWith('select * from "audit_log"'));
  expect(pages).toHaveLength(1);
  return pages[0]!.plan.join('\n');
};

describe("the audit log's dates at scale", () => {
  // A day a year ago, as the page's filters send it (Japan time); no entry of the test's falls in it.
  const aYearAgo = { from: '2025-12-04T15:00:00.000Z', to: '2025-12-05T15:00:00.000Z' };

  it('finds the entries of a narrow range (one day a year ago) by an index on their time, not by walking every newer entry', async () => {
    for (const cursor of [null, 'MTAw']) {
      const page = pageOf(await plansOf({ ...aYearAgo, cursor, limit: 50, newestFirst: true }));
      expect(page).toMatch(/SEARCH audit_log USING COVERING INDEX audit_at_idx \(at>\? AND at<\?\)/);
      expect(page).not.toMatch(/^SCAN audit_log/m);
      expect(page).not.toContain('TEMP B-TREE');
    }
  });

  it('walks a wide range (more entries than a narrow one holds) newest first, as its CSV export reads it, sorting nothing', async () => {
    // Every entry of the test's in range, with a narrow range of at most one entry.
    for (const limit of [50, 500]) {
      const page = pageOf(await plansOf({ from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z', limit, newestFirst: true }, { narrowRange: 1 }));
      expect(page).toMatch(/^SCAN audit_log$/m);
      expect(page).not.toContain('audit_at_idx');
      expect(page).not.toContain('TEMP B-TREE');
    }
  });

  it('gives the same pages either way, the next ones by their cursor too', async () => {
    const everything = { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' };
    const pages = async (options?: Parameters<typeof createKyselyAudit>[1]) => {
      const read: Awaited<ReturnType<ReturnType<typeof createKyselyAudit>['list']>>[] = [];
      await queryPlansOf(server.dbPath, (db) => createKyselyAudit(db, options), async (audit) => {
        read.push(await audit.list({ ...everything, limit: 3, newestFirst: true }));
        read.push(await audit.list({ ...everything, cursor: read[0]!.nextCursor, limit: 3, newestFirst: true }));
      });
      return read;
    };
    const narrow = await pages();
    expect(narrow.map((page) => page.items.length)).toEqual([3, 3]);
    expect(await pages({ narrowRange: 1 })).toEqual(narrow);
  });
});
