/**
 * The open data files' queries at scale, by their plans on the server's database: every GET of a
 * file first sums up what it shows (its ETag, so also every 304), then reads its rows (the
 * declarations from their index in the file's order, the awards by the ids of their rows).
 * With 100,000 organizations, reading each organization's and declaration's row for a few times
 * took about a second a request, and on Node that blocks the whole server; answered from indexes,
 * no row is read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKyselyOpenData } from '../../src/adapters/kysely/open-data.js';
import { queryPlansOf } from '../helpers/query-plans.js';
import { declarationAction, expireDeclarations, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const listed = await seedCompany(server, { n: 641, publish: true, name: '計画検証株式会社' });
  const renewing = await seedCompany(server, { n: 642, publish: true, name: '計画更新株式会社' });
  await expireDeclarations(server, [renewing.declarationId]);
  await declarationAction(server, renewing.declarationId, 'renew', { token: renewing.orgToken });
  const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: listed.organization.id, fiscalYear: 2025, category: 'excellence', overview: '地方拠点の整備' } });
  expect(award.status).toBe(201);
});
afterAll(() => server?.close());

/** The plan of every query `read` runs, on the server's database file. */
const plansOf = (read: (openData: ReturnType<typeof createKyselyOpenData>) => Promise<unknown>) => queryPlansOf(server.dbPath, createKyselyOpenData, read);

/** A step that reads a table's rows (a scan or a search not by a covering index); json_each is no table. */
const rowReads = (plan: string[]) => plan.filter((step) => /^(SCAN|SEARCH) (?!json_each)/.test(step) && !/USING (COVERING|INTEGER PRIMARY KEY)/.test(step));

describe("open data's queries at scale", () => {
  it('sum up the declarations file (its ETag, every 304) from indexes, reading no row', async () => {
    const plans = await plansOf((openData) => openData.declarationSummary());
    expect(plans).toHaveLength(2);
    for (const { sql, plan } of plans) expect(rowReads(plan), sql).toEqual([]);
  });

  it('start the declarations file with its first batch, walking the publication order from an index, sorting nothing', async () => {
    // Before its first row the file read and sorted every declaration's id: ~1 s at 100,000 organizations.
    // Batches of one row: the first batch, then the next after where it ended.
    const plans = await queryPlansOf(server.dbPath, (db) => createKyselyOpenData(db, { batchSize: 1 }), async (openData) => {
      const batches = (await openData.declarations()).batches()[Symbol.asyncIterator]();
      await batches.next();
      await batches.next();
    });
    for (const { sql, plan } of plans) expect(plan.filter((step) => step.includes('TEMP B-TREE')), sql).toEqual([]);
    const batches = plans.filter(({ sql }) => /"v"."content"/.test(sql));
    expect(batches).toHaveLength(2);
    expect(batches[0]!.plan[0], batches[0]!.sql).toMatch(/^SEARCH d USING INDEX declarations_published_idx \(published_at<\?\)$/);
    expect(batches[1]!.plan[0], batches[1]!.sql).toMatch(/^SEARCH d USING INDEX declarations_published_idx \(\(published_at,id\)>\(\?,\?\) AND published_at<\?\)$/);
    // Before them, only the summary (kept until a commit on the server): from indexes, reading no row.
    for (const { sql, plan } of plans.filter((p) => !batches.includes(p))) expect(rowReads(plan), sql).toEqual([]);
  });

  it('sum up and list the awards from the awards, not by walking every listed organization', async () => {
    // A few thousand awards against 100,000 organizations: each award looks up its organization.
    for (const read of [(openData: ReturnType<typeof createKyselyOpenData>) => openData.awardSummary(), (openData: ReturnType<typeof createKyselyOpenData>) => openData.awards()]) {
      for (const { sql, plan } of (await plansOf(read)).filter(({ sql }) => /from "awards"/.test(sql))) {
        expect(plan[0], sql).toMatch(/^SCAN a\b/);
        expect(plan.filter((step) => /^SEARCH o .*\(listed=\?\)$/.test(step)), sql).toEqual([]);
      }
    }
  });
});
