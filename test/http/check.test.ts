/**
 * /check: a business federation pastes its members' 法人番号 (a column from Excel) and sees which
 * are listed, with their declaration and awards, as a page or as a CSV for Excel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insideOneRateWindow } from '../helpers/rate-window.js';
import { corporateNumberFor, declarationAction, recordsOf, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescape = (html: string) => html.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!);

/** The results table's rows, each as its cells' text. */
function rowsOf(html: string): string[][] {
  const body = /<table class="check-table">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) => [...row!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, cell]) => unescape(cell!.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim()));
}

const post = (server: TestServer, numbers: string, extra: Record<string, string> = {}, lang = '') =>
  server.call('POST', `/check${lang}`, { token: null, rawBody: new URLSearchParams({ numbers, ...extra }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

describe('checking a list of 法人番号 at once (/check)', () => {
  let server: TestServer;
  let listed: string;
  let suspended: string;
  const draftOnly = corporateNumberFor(3);

  beforeAll(async () => {
    server = await startTestServer();
    const a = await seedCompany(server, { n: 1, name: '株式会社まとめて一', publish: true });
    // With its division (部門): two 大臣賞 of one year read alike without it.
    expect((await server.call('POST', '/api/v1/award-divisions', { body: { code: 'large', nameJa: '大企業部門', nameEn: 'Large companies', sortOrder: 10 } })).status).toBe(201);
    expect((await server.call('POST', '/api/v1/awards', { body: { organizationId: a.organization.id, fiscalYear: 2025, category: 'minister', division: 'large' } })).status).toBe(201);
    listed = a.organization.corporateNumber;
    const b = await seedCompany(server, { n: 2, name: '株式会社まとめて二', publish: true });
    await declarationAction(server, b.declarationId, 'suspend', { body: { reason: 'under-investigation' } });
    suspended = b.organization.corporateNumber;
    await seedCompany(server, { n: 3, name: '株式会社下書きのみ' });
  }, 60_000);

  afterAll(() => server?.close());

  it('answers each entry in the order given: listed with its declaration and award, suspended, not listed, not a 法人番号; repeats once', async () => {
    const fullWidth = listed.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const pasted = `法人番号\t団体名\r\n${listed}\t株式会社まとめて一\r\n${suspended}\r\n${draftOnly}, 1234567890123\r\n${fullWidth}\r\n`;
    const answer = await post(server, pasted);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    const rows = rowsOf(answer.text);
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      [listed, '公表あり'],
      [suspended, '公表あり'],
      [draftOnly, '公表されている登録なし'],
      ['1234567890123', '法人番号の誤り'],
    ]);
    expect(rows[0]![2]).toBe('株式会社まとめて一');
    expect(rows[0]![3]).toMatch(/^公表中 \d{4}年\d+月\d+日〜\d{4}年\d+月\d+日$/);
    expect(rows[0]![4]).toBe('令和7年度（2025年度） 大臣賞（大企業部門）');
    expect(rows[1]![3]).toMatch(/^一時停止中/);
    expect(rows[1]![4]).toBe('なし');
    expect(rows[2]![2]).toContain('公表されていません');
    expect(rows[3]![2]).toContain('チェックディジット');
    expect(answer.text).toMatch(/4件を確認しました（\d{4}年\d+月\d+日 \d+時\d{2}分時点）。公表あり 2件、公表されている登録なし 1件、法人番号の誤り 1件。重複していた1件は1件にまとめました。/);
    // The organization's page is one link away, and the list stays in the box to check again or download.
    expect(answer.text).toMatch(/<a href="\/organizations\/[0-9a-f-]{36}">株式会社まとめて一<\/a>/);
    expect(answer.text).toContain(`${suspended}\r\n`);
  });

  it('in English: the English words, and a Japanese-only name marked as Japanese', async () => {
    const rows = rowsOf((await post(server, `${listed}\n${draftOnly}`, {}, '?lang=en')).text);
    expect(rows).toEqual([
      [listed, 'Listed', '株式会社まとめて一', expect.stringMatching(/^Published \d+ \w+ \d{4} – \d+ \w+ \d{4}$/), "FY2025 Minister's Award (Large companies)"],
      [draftOnly, 'Not listed', expect.stringContaining('No organization with this corporate number is listed')],
    ]);
    expect((await post(server, listed, {}, '?lang=en')).text).toContain('<span lang="ja">株式会社まとめて一</span>');
    expect((await post(server, listed, { format: 'csv' }, '?lang=en')).text).toContain(`"FY2025 Minister's Award (Large companies)"`);
  });

  it('downloads the same answer as CSV for Excel: BOM, the 法人番号 kept as written, one row an entry', async () => {
    const answer = await post(server, `${listed}\n${draftOnly}\nabc 12`, { format: 'csv' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="_+-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''%E6%B3%95/);
    const lines = answer.text.split('\r\n');
    // The bytes themselves (a decoder drops the BOM): a BOM, so that Excel opens it as UTF-8.
    const bytes = new Uint8Array(await (await fetch(`${server.url}/check`, { method: 'POST', body: new URLSearchParams({ numbers: listed, format: 'csv' }) })).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines[0]).toBe('"入力","結果","法人番号","団体名","団体のページ","自己宣言","有効期間の開始","有効期間の終了","表彰","確認日時（日本時間）"');
    expect(lines[1]).toMatch(new RegExp(`^"=""${listed}""","公表あり","=""${listed}""","株式会社まとめて一","http://[^/"]+/organizations/[0-9a-f-]{36}","公表中","\\d{4}-\\d{2}-\\d{2}","\\d{4}-\\d{2}-\\d{2}","令和7年度（2025年度） 大臣賞（大企業部門）","\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"$`));
    expect(lines[2]).toMatch(new RegExp(`^"=""${draftOnly}""","公表されている登録なし","","",`));
    expect(lines[3]).toMatch(/^"12","法人番号の誤り",/);
    expect(lines).toHaveLength(5);
  });

  it('with a day (基準日), also shows each declaration and the awards as they stood at the end of that day, on the page and in the CSV', async () => {
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const page = await post(server, `${listed}\n${suspended}\n${draftOnly}`, { on: today });
    expect(page.status, page.text).toBe(200);
    expect(page.text).toMatch(/<th scope="col">\d{4}年\d+月\d+日の自己宣言<\/th>/);
    expect(page.text).toMatch(/<th scope="col">\d{4}年\d+月\d+日の表彰<\/th>/);
    expect(page.text).toMatch(new RegExp(`<input type="date" id="f-on" name="on" value="${today}"`));
    const rows = rowsOf(page.text);
    expect(rows[0]![4]).toMatch(/^公表中 /);
    expect(rows[0]![6]).toBe('令和7年度（2025年度） 大臣賞（大企業部門）');
    expect(rows[1]![4]).toMatch(/^一時停止中 /);
    expect(rows[2]).toHaveLength(3);
    // Before any was published: none on that day, while the current state is still shown beside it.
    const early = rowsOf((await post(server, listed, { on: '2020-04-01' })).text);
    expect(early[0]![3]).toMatch(/^公表中 /);
    expect(early[0]![4]).toBe('なし');
    // The award (recorded today, awarded today) was not held yet; today's column still shows it.
    expect(early[0]![5]).toBe('令和7年度（2025年度） 大臣賞（大企業部門）');
    expect(early[0]![6]).toBe('なし');
    // The day as people write it where no date picker opens (an old browser, a pasted date): the same day.
    for (const typed of ['2020/4/1', '令和2年4月1日', 'R2.4.1', '２０２０年４月１日']) {
      const written = await post(server, listed, { on: typed });
      expect(written.status, typed).toBe(200);
      expect(rowsOf(written.text)[0]![4], typed).toBe('なし');
      expect(written.text, typed).toMatch(/<input type="date" id="f-on" name="on" value="2020-04-01"/);
    }
    const csv = (await post(server, `${listed}\n${draftOnly}`, { on: '2020-04-01', format: 'csv' })).text.split('\r\n');
    expect(csv[0]).toMatch(/,"確認日時（日本時間）","基準日（2020-04-01）の自己宣言","基準日（2020-04-01）の表彰"$/);
    expect(csv[1]).toMatch(/,"令和7年度（2025年度） 大臣賞（大企業部門）","\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}","なし","なし"$/);
    expect(csv[2]).toMatch(/,"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}","",""$/);
  });

  it('refuses a day that is not a date or is still to come, naming the field, with the list kept', async () => {
    const notADay = await post(server, listed, { on: '2025/2/30' });
    expect(notADay.status).toBe(400);
    expect(notADay.text).toContain('<a href="#f-on">基準日は実在する日付を「2026-04-01」の形で入力してください。</a>');
    expect(notADay.text).toMatch(/<input type="date" id="f-on"[^>]*aria-invalid="true"/);
    expect(notADay.text).toContain(`${listed}</textarea>`);
    const toCome = await post(server, '', { on: '2999-01-01' });
    expect(toCome.status).toBe(400);
    // Both fields named at once.
    expect(toCome.text).toContain('<a href="#f-numbers">');
    expect(toCome.text).toMatch(/<a href="#f-on">基準日は今日（\d{4}年\d+月\d+日）までの日付を入力してください。<\/a>/);
  });

  it('refuses an empty list, or more than 1,000, naming the field, and changes nothing', async () => {
    const before = recordsOf(server);
    const empty = await post(server, '株式会社だけ\n');
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('<a href="#f-numbers">法人番号（13桁）を1件以上入力してください。</a>');
    expect(empty.text).toMatch(/<textarea[^>]*id="f-numbers"[^>]*aria-invalid="true"/);
    const many = Array.from({ length: 1001 }, (_, i) => corporateNumberFor(100 + i)).join('\n');
    const tooMany = await post(server, many);
    expect(tooMany.status).toBe(400);
    expect(tooMany.text).toContain('一度に確認できるのは1,000件までです（今は1,001件）');
    const huge = await post(server, '1'.repeat(300 * 1024));
    expect(huge.status).toBe(413);
    expect(huge.text).toContain('入力が大きすぎます');
    expect(recordsOf(server)).toBe(before);
  });

  it('is found from the organization search', async () => {
    const page = await server.call('GET', '/organizations', { token: null });
    expect(page.text).toContain('<a href="/check">法人番号でまとめて確認する</a>');
    expect((await server.call('GET', '/check?lang=en', { token: null })).text).toContain('<h1>Check a list of corporate numbers</h1>');
  });
});

describe('/check and the per-address limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PUBLIC_PER_MINUTE: '25', TRUST_PROXY: 'false' });
  });
  afterAll(() => server?.close());

  it('a list counts as one request per 100 entries, so 1,000 lookups cost what 100 single ones do', async () => {
    await insideOneRateWindow(40_000); // three lists of 1,000 on a loaded machine, on D1 too
    const thousand = Array.from({ length: 1000 }, (_, i) => corporateNumberFor(100 + i)).join('\n');
    const few = await post(server, `${corporateNumberFor(1)}\n${corporateNumberFor(2)}`);
    expect(few.status).toBe(200);
    expect(few.headers.get('ratelimit-remaining')).toBe('24');
    const first = await post(server, thousand);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-remaining')).toBe('14');
    expect((await post(server, thousand)).headers.get('ratelimit-remaining')).toBe('4');
    const over = await post(server, thousand);
    expect(over.status).toBe(429);
    expect(over.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // An organization's token attached (the page never reads one) does not lift the limit.
    const { orgToken } = await seedCompany(server, { n: 9 });
    expect((await server.call('POST', '/check', { token: orgToken, rawBody: 'numbers=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('a person in a browser over the limit gets a page saying when to try again, with the way back to the form', async () => {
    const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'accept-language': 'ja', 'content-type': 'application/x-www-form-urlencoded' };
    let page = await server.call('POST', '/check', { token: null, rawBody: 'numbers=1', headers: browser });
    for (let i = 0; i < 30 && page.status !== 429; i++) page = await server.call('POST', '/check', { token: null, rawBody: 'numbers=1', headers: browser });
    expect(page.status).toBe(429);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(Number(page.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(page.text).toContain('<h1>アクセスが多すぎます</h1>');
    expect(page.text).toMatch(/このアドレスからのリクエストが多すぎます（上限 毎分 25 件）。\d+ 秒後に再度お試しください。/);
    expect(page.text).toContain('<a href="/check">しばらくしてからもう一度試す</a>');
    const english = await server.call('GET', '/organizations?q=x&lang=en', { token: null, headers: { accept: 'text/html' } });
    expect(english.status).toBe(429);
    expect(english.text).toContain('<h1>Too many requests</h1>');
    expect(english.text).toContain('<a href="/organizations?q=x&amp;lang=en">Try again in a moment</a>');
  });
});
