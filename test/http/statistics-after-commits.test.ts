/**
 * The statistics show every commit at once, though on Node their counts are kept between commits
 * (keptUntilRecordChanges): a publication through the API, an award, and a change another process
 * commits to the same SQLite file (a second worker, the CLI). Each answer is read before and
 * after, so counts kept past a commit would show.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAsAdministrator } from '../helpers/staff.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import type { Browser } from '../helpers/web-browser.js';

let server: TestServer;
let admin: Browser;

const statistics = async () => {
  const response = await server.call('GET', '/api/v1/statistics');
  expect(response.status).toBe(200);
  return response.body;
};
/** The awards list's choice of fiscal year 2025, with its count of awards. */
const yearOption = async () => {
  const page = await admin.request('GET', '/admin/awards?year=2025');
  expect(page.status).toBe(200);
  return /<option value="2025"[^>]*>([^]*?)<\/option>/.exec(page.text)?.[1];
};
const publishedIn = (body: any, code: string) => body.declarations.publishedByPrefecture.find((p: any) => p.code === code).count;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signInAsAdministrator(server);
  await seedCompany(server, { n: 661, publish: true, name: '統計即時一号株式会社' });
});
afterAll(() => server?.close());

describe('the statistics after a commit', () => {
  it('count a publication and an award on the next request, in the API and on the back office pages', async () => {
    const before = await statistics();
    expect(before.declarations.publishedNow).toBe(1);
    const second = await seedCompany(server, { n: 662, publish: true, name: '統計即時二号株式会社' });
    const after = await statistics();
    expect(after.declarations.publishedNow).toBe(2);
    expect(publishedIn(after, '13')).toBe(publishedIn(before, '13') + 1);

    expect(await yearOption()).not.toContain('件');
    const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: second.organization.id, fiscalYear: 2025, category: 'excellence' } });
    expect(award.status).toBe(201);
    expect((await statistics()).awards.total).toBe(1);
    expect(await yearOption()).toContain('（1件）');
  });

  it('count a change another process committed to the same database file', async () => {
    const before = await statistics();
    const other = new BetterSqlite3(server.dbPath);
    try {
      other.prepare("UPDATE organizations SET prefecture_code = '27' WHERE name = ?").run('統計即時一号株式会社');
    } finally {
      other.close();
    }
    const after = await statistics();
    expect(publishedIn(after, '27')).toBe(publishedIn(before, '27') + 1);
    expect(publishedIn(after, '13')).toBe(publishedIn(before, '13') - 1);
  });
});
