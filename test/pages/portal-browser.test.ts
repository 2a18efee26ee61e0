/**
 * The portal in a real browser (issue 15 points 8 and 5): the home page's figures and recent
 * awardees, the list's second page reached through the numbered pages and reordered with the sort
 * form (no JavaScript needed), the awards page with 大臣賞 and 優秀賞 told apart, the organization
 * page with its badges and its declaration's published details, and the English awards page. Each is axe-clean and has no sideways
 * scrolling at 320, 390 and 1280 px; screenshots go to test-artifacts/screenshots/portal-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, browserMissing, pagePerTest, screenshotsAt, seriousAxeViolations } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { COMPANY_COUNT, seedPortal, type SeededPortal } from './portal-fixtures.js';

if (browserMissing) console.warn(`Skipping the portal browser tests: ${CHROMIUM_PATH} is missing.`);

describe.skipIf(browserMissing)('the portal in a real browser', () => {
  let server: TestServer;
  let s: SeededPortal;

  beforeAll(async () => {
    server = await startTestServer();
    s = await seedPortal(server);
  }, 300_000);

  afterAll(async () => {
    await server?.close();
  });

  const b = pagePerTest(() => server);

  const check = (name: string, width: number, scrollWidth: number) => expect(scrollWidth, `${name} at ${width}px: no sideways scrolling`).toBeLessThanOrEqual(width);
  /** axe-clean at phone and desktop widths, then screenshots at 320, 390 and 1280 px without sideways scrolling. */
  async function looksRight(name: string) {
    expect(await seriousAxeViolations(b.page), name).toEqual([]);
    await screenshotsAt(b.page, `portal-${name}`, check);
  }
  const main = () => b.page.locator('main').innerText();

  it('home: the figures and the most recent awardees', async () => {
    await b.page.goto(`${server.url}/`);
    const figures = b.page.locator('.figures');
    expect(await figures.locator('.figure').count()).toBe(4);
    expect(await figures.innerText()).toContain(`${COMPANY_COUNT}`);
    const recent = b.page.locator('section[aria-labelledby="recent-awards-heading"]');
    expect(await recent.locator('.card').count()).toBe(3);
    expect(await recent.locator('.card').first().locator('.award-mark--star').innerText()).toContain('大臣賞');
    await looksRight('home');
  });

  it('the list: numbered pages with previous and next, then ordered by name with the sort form', async () => {
    await b.page.goto(`${server.url}/organizations`);
    expect(await b.page.locator('#results-summary').innerText()).toBe(`全 ${COMPANY_COUNT + 1} 件中 1–20 件を表示（新しい順（公表日・表彰日））`);
    await Promise.all([b.page.waitForURL('**/organizations?page=2'), b.page.getByRole('link', { name: '2ページ目' }).click()]);
    expect(await b.page.locator('#results-summary').innerText()).toContain(`21–${COMPANY_COUNT + 1} 件`);
    expect(await b.page.locator('.pagination [aria-current="page"]').innerText()).toBe('2');
    expect(await b.page.getByRole('link', { name: '‹ 前へ' }).count()).toBe(1);
    await looksRight('list-page-2');

    await b.page.getByLabel('並び順').selectOption('name');
    await Promise.all([b.page.waitForURL('**/organizations?sort=name'), b.page.getByRole('button', { name: '並べ替える' }).click()]);
    const names = await b.page.locator('.org-card h3').allInnerTexts();
    expect(names.slice(0, 2)).toEqual(['ポータル試験1号株式会社', 'ポータル試験2号株式会社']);
    const first = b.page.locator('.org-card').first();
    expect(await first.locator('.status-mark').innerText()).toContain('公表中');
    expect(await first.locator('.award-mark--star').innerText()).toBe('令和7年度（2025年度） 大臣賞 受賞');
    expect(await first.locator('.kind-tag').innerText()).toBe('企業');
    await looksRight('list-by-name');
  });

  it('awards: only years with awards, 大臣賞 and 優秀賞 told apart by emblem and words', async () => {
    await b.page.goto(`${server.url}/awards`);
    const years = await b.page.locator('.years a').allInnerTexts();
    expect(years).toEqual(['すべての年度', '令和7年度（2025年度）', '令和5年度（2023年度）']);
    const fy2025 = b.page.locator('section[aria-labelledby="fy-2025"]');
    expect(await fy2025.locator('.award-mark--star polygon[data-emblem="star"]').count()).toBe(1);
    expect(await fy2025.locator('.award-mark--medal [data-emblem="medal"]').count()).toBe(1);
    expect(await fy2025.locator('.card').first().innerText()).toContain('ポータル試験1号株式会社');
    await looksRight('awards');
  });

  it('the organization page: its badges, each linking to its verification page', async () => {
    await b.page.goto(`${server.url}/organizations/${s.companies[0]!.id}`);
    const gallery = b.page.locator('.badge-gallery');
    expect(await gallery.locator('img').count()).toBe(2);
    // The images load (same origin, SVG) and are not broken.
    await expect.poll(() => gallery.locator('img').evaluateAll((imgs) => imgs.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0))).toBe(true);
    await looksRight('organization');
    await Promise.all([b.page.waitForURL(`**/v/${s.minister.credentialId}`), gallery.locator(`a[href="/v/${s.minister.credentialId}"]`).first().click()]);
    expect(await main()).toContain('ポータル試験1号株式会社');
  });

  it('the organization page: the signer, purposes and measures its published declaration consented to publish, labelled as on the form', async () => {
    await b.page.goto(`${server.url}/organizations/${s.companies[0]!.id}`);
    const details = b.page.locator('.card dl.declaration-details');
    expect(await details.locator('dt').allInnerTexts()).toEqual(['宣言者（代表者）の氏名', '宣言者の役職', '社内で共有した日', '取組の目的', '取組内容']);
    expect(await details.locator('dd').allInnerTexts()).toEqual([
      '佐藤 一郎',
      '代表取締役社長',
      '2025年4月10日',
      '【1】採用の優位性の確保・社員の離職防止\n【5】ワーケーション推進',
      'サテライトオフィス<3拠点>を開設。\n移住した社員の交通費を補助。',
    ]);
    await looksRight('organization-declaration-details');
    // Not consented: none of it on the second company's page.
    await b.page.goto(`${server.url}/organizations/${s.companies[1]!.id}`);
    expect(await b.page.locator('dl.declaration-details').count()).toBe(0);
    expect(await main()).not.toContain('鈴木 二郎');
  });

  it('English awards page: English names where given', async () => {
    await b.page.goto(`${server.url}/awards?lang=en`);
    const text = await main();
    expect(text).toContain('Portal Test One Co., Ltd.');
    expect(text).toContain('Chiyoda City');
    expect(text).toContain("Minister's Award");
    await looksRight('awards-en');
  });
});
