/**
 * The public portal over real HTTP, on Node and on the Worker (issue 15 points 8 and 5): list cards
 * with status and award marks and the kind of organization, totals, numbered pages with previous
 * and next, a stated and changeable order; the home page's figures and recent awardees; 大臣賞 and
 * 優秀賞 told apart on pages and badges; award years without awards hidden; the organization's
 * badges and what its published declaration consented to publish; English names on the English
 * awards page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKyselyPortal } from '../../src/adapters/kysely/portal.js';
import { queryPlansOf } from '../helpers/query-plans.js';
import { corporateNumberFor, startTestServer, type TestServer } from '../helpers/server.js';
import { COMPANY_COUNT, DETAILED_DECLARATION, seedPortal, type SeededPortal } from '../pages/portal-fixtures.js';

let server: TestServer;
let s: SeededPortal;

const page = async (path: string) => {
  const response = await server.call('GET', path, { token: null });
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type'), path).toContain('text/html');
  return response.text;
};
/** The cards' organization names, in page order. */
// A Japanese name alone on an English page is in <span lang="ja">.
const cardNames = (html: string) => [...html.matchAll(/<li class="card org-card">[\s\S]*?<h3><a href="\/organizations\/[^"]+">(?:<span lang="ja">)?([^<]+)/g)].map((m) => m[1]!.replace(/\s*\($/, '').trim());
const pagination = (html: string) => /<nav class="pagination"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
const TOTAL = COMPANY_COUNT + 1; // the companies and the awarded municipality

beforeAll(async () => {
  server = await startTestServer();
  s = await seedPortal(server);
}, 300_000);

afterAll(async () => {
  await server?.close();
});

describe('the list of organizations', () => {
  it('states the total, the range shown and the order, and numbers its pages', async () => {
    const html = await page('/organizations');
    expect(html).toContain('公表中の団体');
    expect(html).toContain(`全 ${TOTAL} 件中 1–20 件を表示（新しい順（公表日・表彰日））`);
    expect(cardNames(html)).toHaveLength(20);
    const nav = pagination(html);
    expect(nav).toContain('aria-label="ページ送り"');
    expect(nav).toMatch(/<a href="\/organizations" aria-current="page"[^>]*>1<\/a>/);
    expect(nav).toContain('href="/organizations?page=2"');
    expect(nav).toMatch(/<a href="\/organizations\?page=2" rel="next">次へ ›<\/a>/);
    expect(nav).not.toContain('rel="prev"'); // no previous page from the first

    const second = await page('/organizations?page=2');
    expect(second).toContain(`全 ${TOTAL} 件中 21–${TOTAL} 件を表示`);
    expect(cardNames(second)).toHaveLength(TOTAL - 20);
    const nav2 = pagination(second);
    expect(nav2).toMatch(/<a href="\/organizations" rel="prev">‹ 前へ<\/a>/);
    expect(nav2).toMatch(/aria-current="page"[^>]*>2<\/a>/);
    expect(nav2).not.toContain('rel="next"');
    // No organization on both pages; every one of them on one.
    const all = [...cardNames(html), ...cardNames(second)];
    expect(new Set(all).size).toBe(TOTAL);
  });

  it('a page past the last is 404 and a page number that is no whole number from 1 is 400: each says so, lists nothing and links to the first and last page, the search kept', async () => {
    const answer = async (path: string, status: number) => {
      const response = await server.call('GET', path, { token: null });
      expect(response.status, path).toBe(status);
      expect(response.headers.get('content-type'), path).toContain('text/html');
      return response.text;
    };
    const notice = (html: string) => /<div class="notice notice--error" id="page-problem">[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
    for (const path of ['/organizations?page=3', '/organizations?page=999', '/organizations?page=10001', `/organizations?page=${'9'.repeat(400)}`]) {
      const html = await answer(path, 404);
      expect(html).toContain('<title>このページはありません – 宣言団体・表彰団体を探す');
      expect(notice(html)).toContain(`この一覧は全 ${TOTAL} 件、2 ページまでです。`);
      expect(notice(html)).toContain('<a href="/organizations">最初のページへ</a>');
      expect(notice(html)).toContain('<a href="/organizations?page=2">最後のページ（2ページ目）へ</a>');
      // Not page 1 under another page's address: no cards, no page numbers, no 「1–20 件を表示」.
      expect(cardNames(html), path).toEqual([]);
      expect(html).not.toContain('class="pagination"');
      expect(html).not.toContain('件を表示');
    }
    for (const value of ['0', '-1', 'abc', '1.5', '1e3', '０２', '00']) {
      const html = await answer(`/organizations?page=${encodeURIComponent(value)}`, 400);
      expect(html).toContain('<title>ページ番号が正しくありません – 宣言団体・表彰団体を探す');
      expect(notice(html), value).toContain('ページ番号（page）は 1 以上の整数で指定してください。');
      expect(notice(html)).toContain('<a href="/organizations?page=2">最後のページ（2ページ目）へ</a>');
      expect(cardNames(html), value).toEqual([]);
    }
    // The search and the order are kept in the links and the form; English says it in English.
    const searched = await answer('/organizations?kind=company&sort=name&page=5&lang=en', 404);
    expect(notice(searched)).toContain(`There is no such page`);
    expect(notice(searched)).toContain(`This list has ${COMPANY_COUNT} organizations on 2 pages.`);
    expect(notice(searched)).toContain('<a href="/organizations?kind=company&amp;sort=name&amp;lang=en">Go to the first page</a>');
    expect(notice(searched)).toContain('<a href="/organizations?kind=company&amp;sort=name&amp;page=2&amp;lang=en">Go to the last page (page 2)</a>');
    expect(searched).toMatch(/<option value="company" selected="">Company<\/option>/);
    expect(notice(await answer('/organizations?page=abc&lang=en', 400))).toContain('The page number (page) must be a whole number, 1 or more.');
    // The pages that exist still answer, a leading zero or an empty page number too.
    expect(cardNames(await page('/organizations?page=02'))).toEqual(cardNames(await page('/organizations?page=2')));
    expect(cardNames(await page('/organizations?page='))).toEqual(cardNames(await page('/organizations')));
  });

  it('newest first by default; by reading (よみがな) on request, with the choice kept across pages', async () => {
    const recent = cardNames(await page('/organizations'));
    // Companies were published one after another: the last published comes first.
    expect(recent[0]).toBe(`ポータル試験${COMPANY_COUNT}号株式会社`);
    expect(recent[1]).toBe(`ポータル試験${COMPANY_COUNT - 1}号株式会社`);
    const html = await page('/organizations?sort=name');
    const byName = cardNames(html);
    expect(byName.slice(0, 3)).toEqual(['ポータル試験1号株式会社', 'ポータル試験2号株式会社', 'ポータル試験3号株式会社']);
    expect(html).toContain('（名称順（よみがな））');
    expect(html).toMatch(/<option value="name" selected="">名称順（よみがな）<\/option>/);
    expect(pagination(html)).toContain('href="/organizations?sort=name&amp;page=2"');
    // The sort form is a GET form that keeps the search.
    const filtered = await page('/organizations?prefectureCode=13&kind=company');
    const form = /<form class="sort-form" method="get" action="\/organizations">[\s\S]*?<\/form>/.exec(filtered)![0];
    expect(form).toContain('<input type="hidden" name="kind" value="company"/>');
    expect(form).toContain('<input type="hidden" name="prefectureCode" value="13"/>');
    expect(form).toMatch(/<select id="sort" name="sort">/);
    expect(filtered).toContain(`検索結果（${COMPANY_COUNT}件）`);
  });

  it('marks each card: 公表中, the awards won (大臣賞 and 優秀賞 differently), and company or municipality', async () => {
    // Both pages: 千代田区 has no reading, so by name it comes after the katakana names.
    const html = (await page('/organizations?sort=name')) + (await page('/organizations?sort=name&page=2'));
    const card = (name: string) => new RegExp(`<li class="card org-card">((?:(?!</li>\\s*<li class="card org-card">)[\\s\\S])*?${name}[\\s\\S]*?)</li>`).exec(html)?.[1] ?? '';
    const minister = card('ポータル試験1号株式会社');
    expect(minister).toContain('自己宣言 公表中');
    expect(minister).toContain('award-mark award-mark--star');
    expect(minister).toContain('令和7年度（2025年度） 大臣賞 受賞');
    expect(minister).toContain('<span class="kind-tag">企業</span>');
    expect(minister).toContain('法人番号');
    const excellence = card('ポータル試験2号株式会社');
    expect(excellence).toContain('award-mark award-mark--medal');
    expect(excellence).toContain('令和7年度（2025年度） 優秀賞 受賞');
    expect(excellence).not.toContain('大臣賞');
    // A revoked award is no mark at all.
    expect(card('ポータル試験3号株式会社')).not.toContain('award-mark');
    const municipality = card('千代田区');
    expect(municipality).toContain('<span class="kind-tag">自治体</span>');
    expect(municipality).toContain('地方公共団体コード 131016');
    expect(municipality).not.toContain('自己宣言 公表中'); // listed for its award alone
    expect(municipality).toContain('令和5年度（2023年度） 優秀賞 受賞');
    // The kind filter.
    expect(cardNames(await page('/organizations?kind=municipality'))).toEqual(['千代田区']);
    // The award-year select offers only years with awards; an old link to another year finds none, and says so.
    const years = /<select id="search-year"[\s\S]*?<\/select>/.exec(await page('/organizations'))![0];
    expect([...years.matchAll(/<option value="(\d+)"/g)].map((m) => m[1])).toEqual(['2025', '2023']);
    const none = await page('/organizations?awardYear=2024');
    expect(none).toContain('検索結果（0件）');
    expect(none).toMatch(/<option value="2024" selected="">/);
    expect(cardNames(await page('/organizations?awardYear=2023'))).toEqual(['千代田区']);
  });

  it('a suspended award is marked 一時停止中 on the card, not 受賞', async () => {
    const card = async () => /<li class="card org-card">((?:(?!<\/li>)[\s\S])*?ポータル試験2号株式会社[\s\S]*?)<\/li>/.exec(await page('/organizations?sort=name'))?.[1] ?? '';
    expect(await server.call('POST', `/api/v1/awards/${s.excellence.id}/suspend`)).toMatchObject({ status: 200 });
    try {
      expect(await card()).toContain('令和7年度（2025年度） 優秀賞（一時停止中）');
      expect(await card()).not.toContain('受賞');
    } finally {
      expect(await server.call('POST', `/api/v1/awards/${s.excellence.id}/reinstate`)).toMatchObject({ status: 200 });
    }
  });

  it('in English: English names, English kinds and marks, sorted by English name', async () => {
    const html = await page('/organizations?lang=en&sort=name');
    expect(html).toContain('Showing 1–20 of 23 (by name (a–z))');
    expect(html).toContain('Portal Test One Co., Ltd. (<span lang="ja">ポータル試験1号株式会社</span>)');
    expect(html).toContain('Chiyoda City (<span lang="ja">千代田区</span>)');
    expect(html).toContain('<span class="kind-tag">Municipality</span>');
    expect(html).toContain("FY2025 Minister&#39;s Award");
    expect(pagination(html)).toContain('href="/organizations?sort=name&amp;page=2&amp;lang=en"');
    expect(pagination(html)).toContain('aria-label="Pages"');
    // Names without an English name keep the Japanese order (by reading): 2号 before 10号, not after.
    const byName = [...cardNames(html), ...cardNames(await page('/organizations?lang=en&sort=name&page=2'))];
    const japanese = cardNames((await page('/organizations?sort=name')) + (await page('/organizations?sort=name&page=2')));
    expect(byName.slice(0, 2)).toEqual(['Chiyoda City', 'Portal Test One Co., Ltd.']);
    expect(byName.slice(2)).toEqual(japanese.filter((name) => name !== 'ポータル試験1号株式会社' && name !== '千代田区'));
    expect(byName.slice(2, 5)).toEqual(['ポータル試験2号株式会社', 'ポータル試験3号株式会社', 'ポータル試験4号株式会社']);
  });

  it('the partner API keeps its cursor pages', async () => {
    const first = await server.call('GET', '/api/v1/organizations?limit=20', { token: null });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(20);
    expect(typeof first.body.nextCursor).toBe('string');
  });
});

describe('the home page', () => {
  it('shows the figures and the most recent awardees', async () => {
    const html = await page('/');
    const figures = /<dl class="figures">[\s\S]*?<\/dl>/.exec(html)![0];
    const figure = (label: string) => new RegExp(`<dt[^>]*>${label}</dt><dd><a href="[^"]*"[^>]*><span class="figure__value">(\\d+)</span>`).exec(figures)?.[1];
    expect(figure('公表中の自己宣言')).toBe(String(COMPANY_COUNT));
    expect(figure('企業')).toBe(String(COMPANY_COUNT));
    expect(figure('自治体')).toBe('1');
    expect(figure('表彰')).toBe('3'); // the revoked award is not counted
    expect(figures).toContain('href="/organizations?kind=municipality"');
    // A name box, and the way to every condition.
    expect(html).toContain('<a class="search__more" href="/organizations">都道府県・業種・表彰などの条件で探す</a>');
    const recent = /<section aria-labelledby="recent-awards-heading">[\s\S]*?<\/section>/.exec(html)![0];
    expect(recent).toContain('最近の受賞団体');
    // Newest award first: FY2025's two, then the municipality's FY2023 one; never the revoked one.
    const order = ['ポータル試験1号株式会社', 'ポータル試験2号株式会社', '千代田区'].map((name) => recent.indexOf(name));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order[0]).toBeLessThan(order[1]!); // the same day: 大臣賞 before 優秀賞
    expect(order[2]).toBeGreaterThan(order[1]!);
    expect(recent).not.toContain('ポータル試験3号株式会社');
    expect(recent).toContain('award-mark--star');
    expect(recent).toContain('award-mark--medal');
  });

  it('in English', async () => {
    const html = await page('/?lang=en');
    expect(html).toContain('The registry in figures');
    expect(html).toContain('Portal Test One Co., Ltd.');
    expect(html).toContain('Recent awards');
  });
});

describe('the awards page', () => {
  it('offers only the years that have awards, and says so for a year without', async () => {
    const html = await page('/awards');
    const years = /<ul class="years">[\s\S]*?<\/ul>/.exec(html)![0];
    expect(years).toContain('令和7年度（2025年度）');
    expect(years).toContain('令和5年度（2023年度）');
    expect(years).not.toContain('2024年度'); // no award that year
    expect(years).not.toContain('2022年度'); // its only award was revoked
    expect(years).not.toContain('2026年度');
    const empty = await page('/awards?fiscalYear=2024');
    expect(empty).toContain('この年度の表彰はありません。');
    expect(empty).not.toContain('ポータル試験1号株式会社');
    const fy2023 = await page('/awards?fiscalYear=2023');
    expect(fy2023).toContain('千代田区');
    expect(fy2023).not.toContain('ポータル試験1号株式会社');
  });

  it('tells 大臣賞 from 優秀賞 by emblem, frame and words, 大臣賞 first', async () => {
    const html = await page('/awards?fiscalYear=2025');
    const section = /<section aria-labelledby="fy-2025">[\s\S]*?<\/section>/.exec(html)![0];
    const minister = section.indexOf('ポータル試験1号株式会社');
    const excellence = section.indexOf('ポータル試験2号株式会社');
    expect(minister).toBeGreaterThan(0);
    expect(excellence).toBeGreaterThan(minister);
    expect(section).toMatch(/award-mark--star"><svg[^>]*aria-hidden="true"[^>]*><polygon data-emblem="star"[\s\S]*?<span>大臣賞<\/span>/);
    expect(section).toMatch(/award-mark--medal"><svg[^>]*aria-hidden="true"[^>]*><g data-emblem="medal"[\s\S]*?<span>優秀賞<\/span>/);
  });

  it("in English, organizations' English names", async () => {
    const html = await page('/awards?lang=en');
    expect(html).toContain('Portal Test One Co., Ltd. (<span lang="ja">ポータル試験1号株式会社</span>)');
    expect(html).toContain('Chiyoda City (<span lang="ja">千代田区</span>)');
    expect(html).toContain('ポータル試験2号株式会社'); // no English name: the Japanese one
    expect(html).toContain('FY2025 (April 2025 – March 2026)');
    expect(html).toContain("Minister&#39;s Award");
  });
});

describe('the organization page lists its badges', () => {
  it('the declaration badge and each award badge, image and link to its verification page', async () => {
    const company = s.companies[0]!;
    const html = await page(`/organizations/${company.id}`);
    const gallery = /<section aria-labelledby="badges-heading">[\s\S]*?<\/section>/.exec(html)![0];
    for (const id of [s.declarationCredentialId, s.minister.credentialId]) {
      expect(gallery).toContain(`<a href="/v/${id}"><img src="/credentials/${id}/badge.svg?size=compact"`);
    }
    expect(gallery.indexOf(s.declarationCredentialId)).toBeLessThan(gallery.indexOf(s.minister.credentialId));
    expect(gallery).toContain('地方創生テレワーク 自己宣言のバッジ（検証ページを開く）');
    expect(gallery).toContain('award-mark--star');
    // A revoked award has no badge to show.
    const third = await page(`/organizations/${s.companies[2]!.id}`);
    expect(third).not.toContain(s.revoked.credentialId);
    const municipality = await page(`/organizations/${s.municipality.id}`);
    expect(municipality).toContain(`/credentials/${s.municipal.credentialId}/badge.svg?size=compact`);
    expect(municipality).toContain('地方公共団体コード');
    // In English, the English name is the heading and the title.
    const english = await page(`/organizations/${company.id}?lang=en`);
    expect(english).toContain('<title>Portal Test One Co., Ltd. | ');
    expect(english).toMatch(/<h1>Portal Test One Co., Ltd.<br\/><span class="lead" lang="ja">ポータル試験1号株式会社<\/span><\/h1>/);
    expect(english).toContain('Telework self-declaration badge (opens its verification page)');
    // The badge kits' previews are described in the page's language too, and so is the snippet to paste.
    const previews = (html: string) => [...html.matchAll(/<img class="badge-preview badge-embed__preview" [^>]*alt="([^"]*)"/g)].map((m) => m[1]);
    expect(previews(english)).toEqual(['Portal Test One Co., Ltd.: Telework self-declaration badge', 'Portal Test One Co., Ltd.: FY2025 (April 2025 – March 2026) Minister&#39;s Award badge']);
    expect(previews(html)).toEqual(['ポータル試験1号株式会社 地方創生テレワーク 自己宣言のバッジ', 'ポータル試験1号株式会社 令和7年度（2025年度） 大臣賞のバッジ']);
    expect(english).toContain('alt=&quot;Portal Test One Co., Ltd.: Regional Revitalization Telework — Self-declaration (click to check it is genuine)&quot;');
    expect(english).not.toContain('クリックで真正性を確認');
    expect(html).toContain('alt=&quot;ポータル試験1号株式会社 地方創生テレワーク 自己宣言（クリックで真正性を確認）&quot;');
  });
});

describe('award badges tell 大臣賞 from 優秀賞', () => {
  it('by emblem and words, on the full and the compact card', async () => {
    for (const size of ['', '?size=compact']) {
      const minister = (await server.call('GET', `/credentials/${s.minister.credentialId}/badge.svg${size}`, { token: null })).text;
      const excellence = (await server.call('GET', `/credentials/${s.excellence.credentialId}/badge.svg${size}`, { token: null })).text;
      expect(minister).toContain('data-emblem="star"');
      expect(minister).not.toContain('data-emblem="medal"');
      expect(minister).toMatch(/>(地方創生テレワーク )?大臣賞<\/text>/);
      expect(minister).toContain(">Minister&#39;s Award</text>");
      expect(excellence).toContain('data-emblem="medal"');
      expect(excellence).not.toContain('data-emblem="star"');
      expect(excellence).toMatch(/>(地方創生テレワーク )?優秀賞<\/text>/);
      expect(excellence).toContain('>Excellence Award</text>');
    }
  });
});

describe("the portal's queries at scale", () => {
  /**
   * The plans of the very queries the home page and the list run, on the server's database: with
   * 100,000 organizations, a query that reads every organization's or declaration's row, or sorts
   * every listed organization for one page of names, made those pages take over a second.
   */
  const plansOf = (read: (portal: ReturnType<typeof createKyselyPortal>) => Promise<unknown>) => queryPlansOf(server.dbPath, createKyselyPortal, read);
  /**
   * A step that reads whole rows where an index holds the answer: every organization's row, or a
   * declaration's or award's row per organization to ask for its status and date.
   */
  const rowReads = (plan: string[]) =>
    plan.filter((step) => /^SCAN o(?! USING COVERING)|^SEARCH (ld|la) USING INDEX|^SEARCH (d|a) USING INDEX /.test(step));

  it('answers the home page figures and the public-status questions from indexes', async () => {
    const plans = await plansOf((portal) => portal.figures());
    expect(plans).toHaveLength(3);
    for (const { sql, plan } of plans) expect(rowReads(plan), sql).toEqual([]);
    // A few thousand awards, each looking up its organization, not every listed organization walked for its awards.
    const awards = plans.find(({ sql }) => /^select count\(\*\) as "n" from "awards"/.test(sql))!;
    expect(awards.plan[0], awards.sql).toMatch(/^SCAN a\b/);
  });

  it('finds a page of names by walking an index, without sorting every listed organization', async () => {
    for (const sort of ['name', 'name-en'] as const) {
      const plans = await plansOf((portal) => portal.list({ sort, offset: 20, limit: 20 }));
      const page = plans.find(({ sql }) => /^select "o"\."id" from/.test(sql))!;
      expect(page.plan.join('\n'), sort).not.toContain('USE TEMP B-TREE FOR ORDER BY');
      expect(page.plan.join('\n'), sort).toContain(sort === 'name' ? 'organizations_name_order_idx' : 'organizations_name_en_order_idx');
      for (const { sql, plan } of plans) expect(rowReads(plan), sql).toEqual([]);
    }
  });
});

describe('an empty registry', () => {
  let empty: TestServer;
  beforeAll(async () => {
    empty = await startTestServer();
  });
  afterAll(async () => {
    await empty?.close();
  });

  it('shows zero figures, no recent awards, no year navigation, and says there are no awards yet', async () => {
    const get = async (path: string) => {
      const response = await empty.call('GET', path, { token: null });
      expect(response.status, path).toBe(200);
      return response.text;
    };
    const home = await get('/');
    expect([...home.matchAll(/<span class="figure__value">(\d+)<\/span>/g)].map((m) => m[1])).toEqual(['0', '0', '0', '0']);
    expect(home).not.toContain('recent-awards-heading');
    const awards = await get('/awards');
    expect(awards).toContain('表彰の記録はまだありません。');
    expect(awards).not.toContain('class="years"');
    const list = await get('/organizations');
    expect(list).toContain('該当する団体は 0 件です。');
    expect(list).not.toContain('class="pagination"');
    // With nothing listed there is page 1 only.
    const second = await empty.call('GET', '/organizations?page=2', { token: null });
    expect(second.status).toBe(404);
    expect(second.text).toContain('条件に合う団体はないため、1ページ目だけです。');
    expect(second.text).toContain('<a href="/organizations">最初のページへ</a>');
    expect(second.text).not.toContain('最後のページ');
  });
});

describe("the organization page shows what its published declaration consented to publish", () => {
  /** The declaration card's definition list: [label, value] pairs, tags stripped, entities kept. */
  const detailsOf = (html: string) => {
    const list = /<dl class="facts declaration-details">([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? '';
    return [...list.matchAll(/<dt>([\s\S]*?)<\/dt>\s*<dd[^>]*>([\s\S]*?)<\/dd>/g)].map((m) => [m[1]!, m[2]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()]);
  };
  const publicContentOf = async (organizationId: string) => (await server.call('GET', `/api/v1/organizations/${organizationId}`, { token: null })).body.declarations[0].content;

  it('the signer, the date shared internally, purposes and measures, with the form’s labels, as the public API has them; markup as text', async () => {
    const company = s.companies[0]!;
    const content = await publicContentOf(company.id);
    expect(content).toMatchObject({ signerName: '佐藤 一郎', signerTitle: '代表取締役社長', sharedOn: '2025-04-10', purposes: ['1', '5'], measures: DETAILED_DECLARATION.measures });
    const html = await page(`/organizations/${company.id}`);
    expect(detailsOf(html)).toEqual([
      ['宣言者（代表者）の氏名', '佐藤 一郎'],
      ['宣言者の役職', '代表取締役社長'],
      ['社内で共有した日', '2025年4月10日'],
      ['取組の目的', '【1】採用の優位性の確保・社員の離職防止 【5】ワーケーション推進'],
      ['取組内容', 'サテライトオフィス&lt;3拠点&gt;を開設。 移住した社員の交通費を補助。'],
    ]);
    expect(html).not.toContain('<3拠点>');
    const english = await page(`/organizations/${company.id}?lang=en`);
    expect(detailsOf(english).map(([label]) => label)).toEqual(['Signer&#39;s (representative&#39;s) name', 'Signer&#39;s title', 'Shared internally on', 'Purposes', 'Measures']);
    expect(english).toContain('[1] Recruiting advantage and retention');
    expect(english).not.toContain('【');
    expect(english).toContain('<dd lang="ja">佐藤 一郎</dd>');
  });

  it('nothing the organization did not consent to publish (the API does not publish it either)', async () => {
    const company = s.companies[1]!;
    const content = await publicContentOf(company.id);
    expect(Object.keys(content).sort()).toEqual(['committedOn', 'guidelineAreas', 'policy']);
    const html = await page(`/organizations/${company.id}`);
    expect(html).toContain('本社機能の一部を地方拠点へ移し');
    for (const hidden of ['鈴木 二郎', '代表取締役社長', '非公表の取組内容です。', '宣言者（代表者）の氏名', '取組の目的', 'ワーケーション推進']) expect(html).not.toContain(hidden);
  });

  // Last in this file: it adds an organization to the list the tests above count.
  it('only while the declaration is published: a suspended one shows none of it', async () => {
    const org = await server.call('POST', '/api/v1/organizations', { body: { kind: 'company', name: '詳細停止テスト株式会社', corporateNumber: corporateNumberFor(390), prefectureCode: '13' } });
    const declaration = await server.call('POST', `/api/v1/organizations/${org.body.id}/declarations`, { body: { ...DETAILED_DECLARATION, signerName: '高橋 三郎' } });
    for (const [action, body] of [['submit', undefined], ['publish', undefined]] as const) {
      expect((await server.call('POST', `/api/v1/declarations/${declaration.body.id}/${action}`, { body })).status, action).toBe(200);
    }
    expect(detailsOf(await page(`/organizations/${org.body.id}`))[0]).toEqual(['宣言者（代表者）の氏名', '高橋 三郎']);
    expect((await server.call('POST', `/api/v1/declarations/${declaration.body.id}/suspend`, { body: { reason: 'under-investigation' } })).status).toBe(200);
    const html = await page(`/organizations/${org.body.id}`);
    expect(html).toContain('一時停止中');
    expect(html).not.toContain('declaration-details');
    expect(html).not.toContain('高橋 三郎');
  });
});
