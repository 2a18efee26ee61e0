/**
 * The statistics' queries at scale, by their plans on the server's database: GET /api/v1/statistics,
 * the back office's 統計 page and the awards list all count them. With 100,000 organizations they
 * read each publication's audit entry, each published declaration's organization (twice: by
 * prefecture, then by industry) and every declaration's row for its state: about 0.6 s of CPU a
 * request, blocking the whole server on Node. Answered from indexes, no row is read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKyselyStatistics } from '../../src/adapters/kysely/statistics.js';
import { queryPlansOf } from '../helpers/query-plans.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const company = await seedCompany(server, { n: 651, publish: true, name: '統計計画株式会社' });
  await seedCompany(server, { n: 652, name: '統計下書き株式会社' });
  const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: company.organization.id, fiscalYear: 2025, category: 'excellence' } });
  expect(award.status).toBe(201);
});
afterAll(() => server?.close());

/** A step that reads a table's rows (a scan or a search not by a covering index). */
const rowReads = (plan: string[]) => plan.filter((step) => /^(SCAN|SEARCH) /.test(step) && !/USING (COVERING|INTEGER PRIMARY KEY)/.test(step));

describe("the statistics' queries at scale", () => {
  it('count from indexes, reading no row of the audit log, declarations or organizations', async () => {
    const plans = await queryPlansOf(server.dbPath, createKyselyStatistics, (statistics) => statistics.counts());
    const big = plans.filter(({ sql }) => !/from "awards"/.test(sql));
    for (const { sql, plan } of big) expect(rowReads(plan), sql).toEqual([]);
  });

  it('walk the published declarations once, for prefectures and industries together', async () => {
    const plans = await queryPlansOf(server.dbPath, createKyselyStatistics, (statistics) => statistics.counts());
    expect(plans.filter(({ sql }) => /"organizations"/.test(sql))).toHaveLength(1);
  });

  it('are counted once while nothing is committed (the store says so by its generation)', async () => {
    const once = await queryPlansOf(server.dbPath, (db) => createKyselyStatistics(db, { generation: () => 'unchanged' }), (statistics) => statistics.counts());
    const twice = await queryPlansOf(server.dbPath, (db) => createKyselyStatistics(db, { generation: () => 'unchanged' }), async (statistics) => {
      expect(await statistics.counts()).toEqual(await statistics.counts());
    });
    expect(twice).toHaveLength(once.length);
    // Where the store cannot tell (a null generation), every request counts.
    const unknown = await queryPlansOf(server.dbPath, (db) => createKyselyStatistics(db, { generation: () => null }), async (statistics) => {
      await statistics.counts();
      await statistics.counts();
    });
    expect(unknown).toHaveLength(2 * once.length);
  });
});
