/**
 * /statistics: the registry in figures for anyone (the press, a municipality's 移住 desk): what is
 * published, by prefecture, industry, month and award year, never the secretariat's own work
 * (drafts, returns, reviews).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUNICIPALITY, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { pageText } from '../helpers/web-browser.js';

describe('the public statistics page', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    const published = await seedCompany(server, { n: 1, publish: true });
    await seedCompany(server, { n: 2 }); // a draft: not public, not counted
    const city = await server.call('POST', '/api/v1/organizations', { body: MUNICIPALITY });
    expect((await server.call('POST', '/api/v1/awards', { body: { organizationId: city.body.id, fiscalYear: 2025, category: 'minister' } })).status).toBe(201);
    expect((await server.call('POST', '/api/v1/awards', { body: { organizationId: published.organization.id, fiscalYear: 2025, category: 'excellence' } })).status).toBe(201);
  }, 60_000);
  afterAll(() => server?.close());

  it('shows what is published, by prefecture and award year, with the time it was counted; not the declarations by status', async () => {
    const page = await server.call('GET', '/statistics', { token: null });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const text = pageText(page.text);
    expect(text).toMatch(/公表中の宣言\s*1件/);
    expect(text).toMatch(/表彰（取消を除く）\s*2件/);
    expect(text).toMatch(/\d{4}年\d+月\d+日 \d+時\d{2}分時点/);
    expect(page.text).toContain('都道府県別の公表中の宣言');
    expect(text).toMatch(/東京都\s*1/);
    expect(text).toMatch(/令和7年度（2025年度）\s*2/);
    // The secretariat's stages are not public: no chart of them, no draft or return counted.
    expect(page.text).not.toContain('状態別の宣言');
    expect(text).not.toContain('下書き');
    expect(text).not.toContain('差戻し');
    expect(page.text).not.toContain('/api/v1/statistics');
  });

  it('in English, and found from the open data links', async () => {
    const page = await server.call('GET', '/statistics?lang=en', { token: null });
    expect(pageText(page.text)).toContain('Published declarations by prefecture');
    expect(page.text).toContain('<html lang="en"');
    const organizations = await server.call('GET', '/organizations', { token: null });
    expect(organizations.text).toContain('<a href="/statistics">数字で見る宣言と表彰（統計）</a>');
  });
});
