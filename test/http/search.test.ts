import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corporateNumberFor, DECLARATION, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
const ids: Record<string, string> = {};

async function publishedCompany(n: number, body: Record<string, unknown>) {
  const org = await server.call('POST', '/api/v1/organizations', { body: { kind: 'company', corporateNumber: corporateNumberFor(n), ...body } });
  const d = await server.call('POST', `/api/v1/organizations/${org.body.id}/declarations`, { body: DECLARATION });
  await server.call('POST', `/api/v1/declarations/${d.body.id}/submit`);
  await server.call('POST', `/api/v1/declarations/${d.body.id}/publish`);
  return org.body.id as string;
}

beforeAll(async () => {
  server = await startTestServer();
  ids.mirai = await publishedCompany(1, { name: '株式会社みらいワーク', nameKana: 'ミライワーク', nameEn: 'Mirai Work Inc.', prefectureCode: '13', industryCode: 'G' });
  ids.hokkai = await publishedCompany(2, { name: '北海道テレワーク株式会社', nameKana: 'ホッカイドウテレワーク', prefectureCode: '01', industryCode: 'E' });
  ids.kyoto = await publishedCompany(3, { name: '京都ソフト合同会社', nameEn: 'Kyoto Soft LLC', prefectureCode: '26', industryCode: 'G' });
  ids.percent = await publishedCompany(4, { name: '100%リモート株式会社', prefectureCode: '40' });
  ids.underscore = await publishedCompany(5, { name: 'Work_Life合同会社', prefectureCode: '40' });
  ids.space = await publishedCompany(6, { name: 'Work Life合同会社', prefectureCode: '40' });
  for (let i = 10; i < 35; i++) await publishedCompany(i, { name: `ページ株式会社${i}`, prefectureCode: '27' });
  // Registered but never published: not in public search.
  await server.call('POST', '/api/v1/organizations', { body: { kind: 'company', name: '非公開株式会社', corporateNumber: corporateNumberFor(99), prefectureCode: '13' } });
  await server.call('POST', '/api/v1/awards', { body: { organizationId: ids.kyoto, fiscalYear: 2025, category: 'excellence' } });
});
afterAll(() => server.close());

const search = async (query: string) =>
  (await server.call('GET', `/api/v1/organizations?${query}`, { token: null })).body.items.map((o: any) => o.name);

describe('public search', () => {
  it('finds organizations by kanji, by kana in either script, and by English name in any case', async () => {
    expect(await search(`q=${encodeURIComponent('みらい')}`)).toEqual(['株式会社みらいワーク']);
    expect(await search(`q=${encodeURIComponent('ほっかいどう')}`)).toEqual(['北海道テレワーク株式会社']);
    expect(await search(`q=${encodeURIComponent('ミライ')}`)).toEqual(['株式会社みらいワーク']);
    expect(await search('q=kyoto%20SOFT')).toEqual(['京都ソフト合同会社']);
    expect(await search(`q=${encodeURIComponent('ＭＩＲＡＩ')}`)).toEqual(['株式会社みらいワーク']);
  });

  it('matches substrings of any length (three characters on, through the trigram index), % and _ literally', async () => {
    expect(await search(`q=${encodeURIComponent('北')}`)).toEqual(['北海道テレワーク株式会社']);
    expect(await search(`q=${encodeURIComponent('テレ')}`)).toEqual(['北海道テレワーク株式会社']);
    expect(await search(`q=${encodeURIComponent('てれわーく')}`)).toEqual(['北海道テレワーク株式会社']);
    expect(await search(`q=${encodeURIComponent('0%')}`)).toEqual(['100%リモート株式会社']);
    expect(await search(`q=${encodeURIComponent('100%リ')}`)).toEqual(['100%リモート株式会社']);
    expect(await search(`q=${encodeURIComponent('k_')}`)).toEqual(['Work_Life合同会社']);
    expect(await search(`q=${encodeURIComponent('work_life')}`)).toEqual(['Work_Life合同会社']);
    // Words apart: both names hold "work" and "life".
    expect((await search(`q=${encodeURIComponent('WORK LIFE')}`)).sort()).toEqual(['Work Life合同会社', 'Work_Life合同会社'].sort());
    expect(await search(`q=${encodeURIComponent('"quoted" name')}`)).toEqual([]);
  });

  it('finds an organization by its new name after a rename, and no longer by the old one', async () => {
    const before = await server.call('GET', `/api/v1/organizations/${ids.space}`);
    const renamed = await server.call('PUT', `/api/v1/organizations/${ids.space}`, {
      body: { kind: 'company', name: 'ライフワーク合同会社', corporateNumber: before.body.corporateNumber, prefectureCode: '40' },
    });
    expect(renamed.status).toBe(200);
    expect(await search(`q=${encodeURIComponent('ライフワーク')}`)).toEqual(['ライフワーク合同会社']);
    expect(await search('q=work%20life')).toEqual(['Work_Life合同会社']);
  });

  it('finds a name by its words typed apart, in any order, with a full-width space (every word must be in it)', async () => {
    expect(await search(`q=${encodeURIComponent('株式会社 みらいワーク')}`)).toEqual(['株式会社みらいワーク']);
    expect(await search(`q=${encodeURIComponent('みらいワーク　株式会社')}`)).toEqual(['株式会社みらいワーク']);
    expect(await search(`q=${encodeURIComponent('ミライ Work')}`)).toEqual(['株式会社みらいワーク']);
    expect(await search(`q=${encodeURIComponent('北 テレ')}`)).toEqual(['北海道テレワーク株式会社']);
    expect(await search(`q=${encodeURIComponent('みらいワーク 京都')}`)).toEqual([]);
    // Nothing but a control character: no words, every organization (not a 500).
    const nul = await server.call('GET', '/organizations?q=%00', { token: null, headers: { accept: 'text/html' } });
    expect(nul.status).toBe(200);
    expect((await server.call('GET', '/api/v1/organizations?q=%00', { token: null })).status).toBe(200);
    // The portal's search box answers the same.
    const page = await server.call('GET', `/organizations?q=${encodeURIComponent('株式会社　みらいワーク')}`, { token: null, headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('株式会社みらいワーク</a>');
    expect(page.text).not.toContain('該当する団体は');
  });

  it('filters by prefecture, industry, status, award year and category', async () => {
    expect(await search('prefectureCode=01')).toEqual(['北海道テレワーク株式会社']);
    expect((await search('industryCode=G')).sort()).toEqual(['京都ソフト合同会社', '株式会社みらいワーク'].sort());
    expect(await search('awardYear=2025&awardCategory=excellence')).toEqual(['京都ソフト合同会社']);
    expect(await search('awardYear=2024')).toEqual([]);
    expect((await search('status=published&prefectureCode=13'))).toEqual(['株式会社みらいワーク']);
  });

  it('never lists an organization that has not published anything', async () => {
    expect(await search(`q=${encodeURIComponent('非公開')}`)).toEqual([]);
    const admin = await server.call('GET', `/api/v1/organizations?q=${encodeURIComponent('非公開')}`);
    expect(admin.body.items).toHaveLength(1);
  });

  it('pages with a cursor in a stable order, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: any = await server.call('GET', `/api/v1/organizations?prefectureCode=27&limit=10${cursor ? `&cursor=${cursor}` : ''}`, { token: null });
      seen.push(...response.body.items.map((o: any) => o.name));
      cursor = response.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen[0]).toBe('ページ株式会社10');
    expect(seen[24]).toBe('ページ株式会社34');
  });

  it('searches declarations by organization name and returns only published ones by default', async () => {
    const response = await server.call('GET', `/api/v1/declarations?q=${encodeURIComponent('みらい')}`, { token: null });
    expect(response.body.items).toHaveLength(1);
    expect(response.body.items[0].status).toBe('published');
    expect(response.body.items[0].organizationId).toBe(ids.mirai);
    const drafts = await server.call('GET', '/api/v1/declarations?status=draft', { token: null });
    expect(drafts.status).toBe(400);
  });

  it("serves an organization's page data with its declarations and awards", async () => {
    const page = await server.call('GET', `/api/v1/organizations/${ids.kyoto}`, { token: null });
    expect(page.body.name).toBe('京都ソフト合同会社');
    expect(page.body.prefecture).toBe('京都府');
    expect(page.body.declarations[0].status).toBe('published');
    expect(page.body.awards[0].fiscalYearLabel.ja).toBe('令和7年度（2025年度）');
  });
});
