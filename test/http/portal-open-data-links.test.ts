/**
 * The open data is reachable from the portal: a recruiting site's staff on / or /organizations
 * finds the published declarations and awards as CSV and JSON, and the API documentation, through
 * links on the page (not by knowing /api/v1/open-data/…), in Japanese and English; each link
 * answers the file with the organization in it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
const NAME = 'オープンデータ案内テスト株式会社';

beforeAll(async () => {
  server = await startTestServer();
  const company = await seedCompany(server, { n: 42, publish: true, name: NAME });
  const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: company.organization.id, fiscalYear: 2025, category: 'excellence', awardedOn: '2026-01-20', overview: '取組' } });
  if (award.status !== 201) throw new Error(`award: ${award.status} ${award.text}`);
});

afterAll(async () => {
  await server?.close();
});

/** The open data section of a page: its links' addresses by their text. */
async function openDataLinks(path: string): Promise<Map<string, string>> {
  const response = await server.call('GET', path, { token: null });
  expect(response.status, path).toBe(200);
  const section = /<section[^>]*aria-labelledby="open-data-heading"[\s\S]*?<\/section>/.exec(response.text)?.[0] ?? '';
  return new Map([...section.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => [m[2]!.trim(), m[1]!.replace(/&amp;/g, '&')]));
}

describe('the portal links its open data', () => {
  it('on / and /organizations in Japanese: declarations and awards as CSV and JSON, each answering the file', async () => {
    for (const path of ['/', '/organizations']) {
      const links = await openDataLinks(path);
      const expected = {
        '自己宣言の一覧（CSV）': 'text/csv',
        '自己宣言の一覧（JSON）': 'application/json',
        '表彰の一覧（CSV）': 'text/csv',
        '表彰の一覧（JSON）': 'application/json',
      };
      for (const [text, type] of Object.entries(expected)) {
        const href = links.get(text);
        expect(href, `${path}: ${text}`).toBeDefined();
        const file = await fetch(server.url + href);
        expect(file.status, href).toBe(200);
        expect(file.headers.get('content-type'), href).toContain(type);
        expect(await file.text(), href).toContain(NAME);
      }
      expect(links.get('API ドキュメント'), path).toBe('/docs');
    }
  });

  it('in English', async () => {
    const links = await openDataLinks('/?lang=en');
    expect([...links.keys()]).toEqual(expect.arrayContaining(['Declarations (CSV)', 'Declarations (JSON)', 'Awards (CSV)', 'Awards (JSON)', 'API documentation']));
    expect(links.get('API documentation')).toBe('/docs?lang=en');
  });
});
