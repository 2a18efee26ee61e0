import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY, MUNICIPALITY, corporateNumberFor, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

describe('statistics for the secretariat', () => {
  let server: TestServer;
  let orgToken: string;

  beforeAll(async () => {
    server = await startTestServer();
    const first = await seedCompany(server, { n: 1, publish: true });
    orgToken = first.orgToken;
    await seedCompany(server, { n: 2, publish: true });
    const osaka = await seedCompany(server, { n: 3, publish: true, name: '大阪テレワーク株式会社' });
    await server.call('PUT', `/api/v1/organizations/${osaka.organization.id}`, { body: { ...COMPANY, name: '大阪テレワーク株式会社', corporateNumber: corporateNumberFor(3), prefectureCode: '27', industryCode: 'G' } });
    await seedCompany(server, { n: 4 }); // a draft
    const municipality = await server.call('POST', '/api/v1/organizations', { body: MUNICIPALITY });
    await server.call('POST', '/api/v1/awards', { body: { organizationId: municipality.body.id, fiscalYear: 2025, category: 'minister' } });
    await server.call('POST', '/api/v1/awards', { body: { organizationId: first.organization.id, fiscalYear: 2025, category: 'excellence' } });
    const revoked = await server.call('POST', '/api/v1/awards', { body: { organizationId: first.organization.id, fiscalYear: 2024, category: 'excellence' } });
    await server.call('POST', `/api/v1/awards/${revoked.body.id}/revoke`);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('counts declarations by month, prefecture, industry and status, and awards by year and category', async () => {
    const { status, body } = await server.call('GET', '/api/v1/statistics');
    expect(status).toBe(200);
    const d = body.declarations;
    expect(d.publishedNow).toBe(3);
    // Publications this month in Japan time.
    const thisMonth = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 7);
    expect(d.publicationsByMonth).toEqual([{ month: thisMonth, count: 3 }]);
    expect(d.publishedByPrefecture).toHaveLength(47);
    expect(d.publishedByPrefecture.find((p: any) => p.code === '13')).toEqual({ code: '13', name: { ja: '東京都', en: 'Tokyo' }, count: 2 });
    expect(d.publishedByPrefecture.find((p: any) => p.code === '27').count).toBe(1);
    expect(d.publishedByIndustry.find((i: any) => i.code === 'G')).toMatchObject({ name: { ja: '情報通信業' }, count: 1 });
    expect(d.publishedByIndustry.find((i: any) => i.code === null).count).toBe(2);
    expect(Object.fromEntries(d.byStatus.map((s: any) => [s.status, s.count]))).toMatchObject({ published: 3, draft: 1, revoked: 0 });
    const a = body.awards;
    expect(a.total).toBe(2);
    expect(a.byFiscalYear).toEqual([
      expect.objectContaining({ fiscalYear: 2025, count: 2, label: { ja: '令和7年度（2025年度）', en: expect.stringContaining('FY2025') } }),
    ]);
    expect(a.byCategory.map((c: any) => [c.category, c.name.ja, c.count])).toEqual([['minister', '大臣賞', 1], ['excellence', '優秀賞', 1]]);
  });

  it('is for administrators only', async () => {
    expect((await server.call('GET', '/api/v1/statistics', { token: null })).status).toBe(401);
    expect((await server.call('GET', '/api/v1/statistics', { token: orgToken })).status).toBe(403);
    expect((await server.call('GET', '/admin/statistics', { token: null })).status).toBe(401);
    expect((await server.call('GET', '/admin/statistics', { token: orgToken })).status).toBe(403);
  });

  it('renders a page of accessible SVG bar charts with data tables, without any external resource', async () => {
    const { status, headers, text } = await server.call('GET', '/admin/statistics');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/html/);
    expect(text.startsWith('<!doctype html>')).toBe(true);
    expect(text).toContain('<html lang="ja">');
    expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}時\d{2}分時点/);
    const charts = [...text.matchAll(/<svg[^>]*role="img"[^>]*aria-labelledby="([^"]+)"/g)];
    // Six charts; the month chart twice, as columns and as rows for a narrow screen (CSS shows one).
    expect(charts.length).toBe(7);
    for (const [, ids] of charts) {
      for (const id of ids!.split(' ')) expect(text, id).toMatch(new RegExp(`<(title|desc) id="${id}">[^<]+</\\1>`));
    }
    expect(text).toContain('<title id="by-prefecture-title">都道府県別の公表中の宣言</title>');
    expect(text).toMatch(/<th scope="row">東京都<\/th><td class="number">2<\/td>/);
    expect(text).toMatch(/<th scope="row">令和7年度（2025年度）<\/th><td class="number">2<\/td>/);
    expect(text).not.toMatch(/<script|src="https?:|href="https?:/);
  });
});
