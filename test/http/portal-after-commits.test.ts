/**
 * The portal's pages show every commit at once, though on Node their counts and pages are kept
 * between commits (keptUntilRecordChanges): a publication through the API, an award, a suspension, and a
 * public edit that another process commits to the same SQLite file (a second worker, the CLI).
 * Each page is read before and after, so an answer kept past a commit would show.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;

const page = async (path: string) => {
  const response = await server.call('GET', path, { token: null });
  expect(response.status, path).toBe(200);
  return response.text;
};
const figure = (html: string, label: string) =>
  new RegExp(`<dt[^>]*>${label}</dt><dd><a href="[^"]*"[^>]*><span class="figure__value">(\\d+)</span>`).exec(html)?.[1];

beforeAll(async () => {
  server = await startTestServer();
  await seedCompany(server, { n: 731, publish: true, name: '即時反映一号株式会社' });
});
afterAll(() => server?.close());

describe('the portal after a commit', () => {
  it('counts a publication, lists it and shows an award and its suspension on the next view', async () => {
    expect(figure(await page('/'), '公表中の自己宣言')).toBe('1');
    expect(await page('/organizations')).not.toContain('即時反映二号株式会社');

    const second = await seedCompany(server, { n: 732, publish: true, name: '即時反映二号株式会社' });
    expect(figure(await page('/'), '公表中の自己宣言')).toBe('2');
    expect(await page('/organizations')).toContain('即時反映二号株式会社');
    expect(figure(await page('/'), '表彰')).toBe('0');

    const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: second.organization.id, fiscalYear: 2025, category: 'excellence' } });
    expect(award.status).toBe(201);
    expect(figure(await page('/'), '表彰')).toBe('1');
    expect(await page('/awards')).toContain('即時反映二号株式会社');
    expect(await page('/organizations?awardYear=2025')).toContain('即時反映二号株式会社');

    const suspended = await server.call('POST', `/api/v1/awards/${award.body.id}/suspend`);
    expect(suspended.status, suspended.text).toBe(200);
    const list = await page('/organizations?awardYear=2025');
    expect(list).toContain('一時停止中');
  });

  it('shows a public edit that another process committed to the same database file', async () => {
    expect(await page('/organizations')).toContain('即時反映一号株式会社');
    const other = new BetterSqlite3(server.dbPath);
    try {
      const at = new Date().toISOString();
      other.prepare('UPDATE organizations SET name = ?, public_updated_at = ?, updated_at = ? WHERE name = ?').run('即時反映ホールディングス株式会社', at, at, '即時反映一号株式会社');
    } finally {
      other.close();
    }
    const after = await page('/organizations');
    expect(after).toContain('即時反映ホールディングス株式会社');
    expect(after).not.toContain('即時反映一号株式会社');
  });
});
