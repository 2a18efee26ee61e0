/**
 * The public year filters (/awards?fiscalYear=, /organizations?awardYear=) end at this fiscal year
 * in Japan, as the back office's selector does: a year not yet begun can hold no award, so asking
 * for one falls back to every year, as any other unusable year does, rather than answering
 * 「この年度の表彰はありません」 or an empty search under a year offered nowhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalYearOf } from '../../src/domain/fiscal-year.js';
import { japanDate } from '../../src/domain/japan-calendar.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
// This fiscal year as the registry counts it: from 1 April 00:00 in Japan.
const thisYear = fiscalYearOf(new Date(`${japanDate(new Date().toISOString())}T00:00:00Z`));

beforeAll(async () => {
  server = await startTestServer();
  const { organization } = await seedCompany(server, { n: 650, publish: true, name: '年度絞込株式会社' });
  const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: organization.id, fiscalYear: 2024, category: 'minister', awardedOn: '2025-02-10' } });
  expect(award.status, award.text).toBe(201);
});
afterAll(() => server?.close());

const page = async (path: string) => {
  const response = await server.call('GET', path, { token: null });
  expect(response.status, path).toBe(200);
  return response.text;
};

describe('the public year filters end at this fiscal year', () => {
  it('/awards?fiscalYear=<next year> shows every year, as an unusable year does; this year is still honoured', async () => {
    const next = await page(`/awards?fiscalYear=${thisYear + 1}`);
    const years = (html: string) => /<ul class="years">[\s\S]*?<\/ul>/.exec(html)![0];
    expect(years(next)).toMatch(/<a href="\/awards" aria-current="page">/);
    expect(next).not.toContain('この年度の表彰はありません。');
    expect(next).toContain('年度絞込株式会社');
    const current = await page(`/awards?fiscalYear=${thisYear}`);
    expect(years(current)).not.toMatch(/<a href="\/awards" aria-current="page">/);
    expect(current).toContain('この年度の表彰はありません。');
  });

  it('/organizations?awardYear=<next year> drops the filter, as an unusable year does; this year still filters', async () => {
    const next = await page(`/organizations?awardYear=${thisYear + 1}`);
    expect(next).not.toContain(`<option value="${thisYear + 1}"`);
    expect(next).toContain('年度絞込株式会社');
    const current = await page(`/organizations?awardYear=${thisYear}`);
    expect(current).toMatch(new RegExp(`<option value="${thisYear}" selected="">`));
    expect(current).toContain('検索結果（0件）');
  });
});
