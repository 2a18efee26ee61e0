/**
 * The back office's review queue at scale, by the queries it runs on the server's database: a page
 * of 50 submitted declarations read each one's organization and every declaration of that
 * organization (to name a first declaration, a renewal or a new one after a withdrawal), two
 * queries per row: 101 a page, ~20 ms of CPU at 100,000 organizations. A page is read in a fixed
 * number of queries, whatever its length, and its own query walks the submitted declarations in
 * the order of submission from an index and stops after the page: sorting the ~5,000 submitted
 * declarations with their text for each page was ~15 ms more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKyselyRepositories } from '../../src/adapters/kysely/index.js';
import { encodeCursor } from '../../src/domain/cursor.js';
import { reviewQueue } from '../../src/http/admin/reviews-data.js';
import { queryPlansOf } from '../helpers/query-plans.js';
import { DECLARATION, declarationAction, expireDeclarations, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator } from '../helpers/staff.js';

let server: TestServer;

/** A submitted declaration of each kind, and one more first declaration. */
beforeAll(async () => {
  server = await startTestServer();
  const first = await seedCompany(server, { n: 741, name: '審査計画初回株式会社' });
  await declarationAction(server, first.declarationId, 'submit', { token: first.orgToken });

  const renewed = await seedCompany(server, { n: 742, publish: true, name: '審査計画更新株式会社' });
  await expireDeclarations(server, [renewed.declarationId]);
  await declarationAction(server, renewed.declarationId, 'renew', { token: renewed.orgToken });

  // Published and withdrawn twice, then a third declaration submitted: its predecessor is found among several.
  const again = await seedCompany(server, { n: 743, publish: true, name: '審査計画再宣言株式会社' });
  await declarationAction(server, again.declarationId, 'withdraw', { token: again.orgToken });
  for (const submitOnly of [false, true]) {
    const next = await server.call('POST', `/api/v1/organizations/${again.organization.id}/declarations`, { token: again.orgToken, body: DECLARATION });
    expect(next.status).toBe(201);
    await declarationAction(server, next.body.id, 'submit', { token: again.orgToken });
    if (submitOnly) break;
    await declarationAction(server, next.body.id, 'publish');
    await declarationAction(server, next.body.id, 'withdraw', { token: again.orgToken });
  }

  const another = await seedCompany(server, { n: 744, name: '審査計画初回二株式会社' });
  await declarationAction(server, another.declarationId, 'submit', { token: another.orgToken });
});
afterAll(() => server?.close());

describe("the back office's review queue at scale", () => {
  it('reads a page in three queries, not two per row, and names each kind', async () => {
    const plans = await queryPlansOf(server.dbPath, createKyselyRepositories, async (repos) => {
      const page = await reviewQueue(repos, null);
      const kinds = Object.fromEntries(page.items.map((item) => [item.organization?.name, item.kind]));
      expect(kinds).toEqual({ 審査計画初回株式会社: 'first', 審査計画更新株式会社: 'renewal', 審査計画再宣言株式会社: 'redeclaration', 審査計画初回二株式会社: 'first' });
      expect(page.items[0]!.organization).toMatchObject({ name: '審査計画初回株式会社', corporateNumber: expect.any(String), prefectureCode: expect.any(String) });
    });
    expect(plans.map(({ sql }) => sql.slice(0, 60))).toHaveLength(3);
    // None of them walks a table: the declarations and organizations are looked up by index.
    for (const { sql, plan } of plans) expect(plan.filter((step) => /^SCAN /.test(step)), sql).toEqual([]);
  });

  it('walks the submitted declarations in the order of submission from an index, without sorting them all with their text', async () => {
    const plans = await queryPlansOf(server.dbPath, createKyselyRepositories, async (repos) => {
      const first = (await reviewQueue(repos, null)).items[0]!.declaration;
      const after = await reviewQueue(repos, encodeCursor(`${first.submittedAt} ${first.id}`));
      expect(after.items.map((item) => item.organization?.name)).toEqual(['審査計画更新株式会社', '審査計画再宣言株式会社', '審査計画初回二株式会社']);
    });
    const pages = plans.filter(({ sql }) => /^select "d"\.\*, "v"\."content" from "declarations"/.test(sql));
    expect(pages).toHaveLength(2);
    for (const { sql, plan } of pages) {
      expect(plan[0], sql).toMatch(/^SEARCH d USING INDEX \w+ \(status=\?/);
      expect(plan.filter((step) => /TEMP B-TREE/.test(step)), sql).toEqual([]);
    }
  });

  it('shows the queue with its kinds to the staff', async () => {
    const admin = await signInAsAdministrator(server);
    const page = await admin.request('GET', '/admin/reviews');
    expect(page.status).toBe(200);
    // The kind's last cell may hold its phrases in spans (更新 / （有効期限の後）), read as text.
    const rows = [...page.text.matchAll(/class="review-link"[^>]*>\s*([^<]+?)\s*<\/a>[\s\S]*?<td>((?:(?!<\/td>)[\s\S])*)<\/td>\s*<\/tr>/g)].map((m) => [m[1], m[2]!.replace(/<[^>]+>/g, '')]);
    expect(rows).toEqual([
      ['審査計画初回株式会社', '初めての宣言'],
      ['審査計画更新株式会社', '更新（有効期限の後）'],
      ['審査計画再宣言株式会社', '再宣言（以前の宣言は取下げ・取消）'],
      ['審査計画初回二株式会社', '初めての宣言'],
    ]);
  });
});
