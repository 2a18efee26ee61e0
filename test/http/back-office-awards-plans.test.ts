/**
 * The back office's awards list at scale, by the queries it runs on the server's database: a
 * fiscal year holds hundreds of awards in a registry of 100,000 organizations (the seeded one: about
 * 800). Its year selector's counts read the awards alone, not every statistic of the registry (the
 * audit log, every declaration: ~0.5 s of CPU after each commit), and the year's organizations are
 * read together, not one query per award (800 queries, ~0.1 s).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKyselyRepositories } from '../../src/adapters/kysely/index.js';
import { createKyselyStatistics } from '../../src/adapters/kysely/statistics.js';
import { awardsOfYear } from '../../src/http/admin/awards-data.js';
import { queryPlansOf } from '../helpers/query-plans.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  for (const n of [671, 672, 673]) {
    const company = await seedCompany(server, { n, publish: true, name: `表彰一覧計画${n}株式会社` });
    const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: company.organization.id, fiscalYear: 2025, category: 'excellence' } });
    expect(award.status).toBe(201);
  }
});
afterAll(() => server?.close());

describe("the back office's awards list at scale", () => {
  it("counts the years' awards from the awards alone", async () => {
    const plans = await queryPlansOf(server.dbPath, createKyselyStatistics, async (statistics) => {
      expect(await statistics.awardsByYearAndCategory()).toEqual([{ fiscalYear: 2025, category: 'excellence', count: 3 }]);
    });
    expect(plans.map(({ sql }) => sql).filter((sql) => !/^select .* from "awards" where/.test(sql))).toEqual([]);
  });

  it("reads the year's organizations in one query, not one per award", async () => {
    const plans = await queryPlansOf(server.dbPath, createKyselyRepositories, async (repos) => {
      const { awards, organizations } = await awardsOfYear(repos, 2025);
      expect(awards).toHaveLength(3);
      expect([...organizations.values()].map((o) => o?.name).sort()).toEqual(['表彰一覧計画671株式会社', '表彰一覧計画672株式会社', '表彰一覧計画673株式会社']);
    });
    expect(plans.filter(({ sql }) => /from "?organizations"?\b/i.test(sql))).toHaveLength(1);
  });

  it("finds a municipality's awards as partner municipality (its dashboard) from an index, not by reading every award", async () => {
    const plans = await queryPlansOf(server.dbPath, createKyselyRepositories, async (repos) => {
      expect((await repos.awards.search({ partnerMunicipalityId: 'no-such-municipality', limit: 500 })).items).toEqual([]);
    });
    const plan = plans.find(({ sql }) => /from "awards"/.test(sql))!.plan.join(' / ');
    expect(plan).toMatch(/USING INDEX awards_partner_idx/);
  });
});
