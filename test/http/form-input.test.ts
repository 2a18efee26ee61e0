/**
 * What a small company's HR person typing on a phone meets on the forms, over real HTTP and SQLite:
 * messages that say what to do (the limit and how much was typed, 「1つ以上選んでください」),
 * full-width dates and e-mail addresses read as the half-width ones meant, one-line fields that
 * refuse a tab, a line or paragraph separator, tag characters and a BOM, and a form body that is
 * not UTF-8 refused instead of stored with U+FFFD. The API's problem+json says the same in
 * Japanese and English. Every refusal changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOverHttp, startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';
import { COMPANY, DECLARATION, freePort, startTestServer, type TestServer } from '../helpers/server.js';
import { browser } from '../helpers/web-browser.js';

let provider: TestOidcProvider;
let server: TestServer;
let cookie: string;
let organizationId: string;

const page = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(server.url + path, { ...init, redirect: 'manual', headers: { cookie, ...(init.headers as Record<string, string>) } });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
};
const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const encode = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return body.toString();
};
const postRaw = (path: string, body: string) => page(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
const post = (path: string, fields: Record<string, string | string[]>) => postRaw(path, encode(fields));
const form = { action: 'draft', signerName: '山田 太郎', signerTitle: '代表取締役', committedOn: '2025-04-01', guidelineAreas: ['labor'], publicFields: ['committedOn'] };
/** The text of the page's error summary and field messages, tags removed. */
const messages = (html: string) => [...html.matchAll(/<(?:li|p class="field-error"[^>]*)>([\s\S]*?)<\/(?:li|p)>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '')).join('\n');
const declarations = async () => (await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations;

beforeAll(async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider({ redirectUri: `${base}/auth/oidc/callback` });
  provider.addAccount({ sub: 'gbiz-hr', corporateNumber: COMPANY.corporateNumber, name: '人事 花子' });
  server = await startTestServer({ PORT: String(port), PUBLIC_BASE_URL: base, ...provider.registryEnv });
  organizationId = (await server.call('POST', '/api/v1/organizations', { body: COMPANY })).body.id;
  cookie = (await signInOverHttp(server.url, provider, 'gbiz-hr')).sessionCookie!;
  expect(cookie).toBeTruthy();
}, 180_000);

afterAll(async () => {
  await server?.close();
  await provider?.close();
});

describe('the declaration form says what to do', () => {
  it('a 10,000-character 氏名 or 役職: the limit and how many were typed, beside the field and in the summary; nothing saved', async () => {
    const csrf = csrfOf((await page('/my/declaration')).html);
    const before = server.snapshot();
    const refused = await post('/my/declaration', { csrf, ...form, signerName: 'あ'.repeat(10_000), signerTitle: '長'.repeat(101) });
    expect(refused.status).toBe(400);
    const text = messages(refused.html);
    expect(text).toContain('宣言者（代表者）の氏名: 100文字以内で入力してください（今は10000文字）。');
    expect(text).toContain('100文字以内で入力してください（今は101文字）。');
    expect(text).not.toContain('長すぎます');
    expect(refused.html).toMatch(/<p class="field-error" id="f-signerName-error">[\s\S]*?100文字以内で入力してください（今は10000文字）。<\/p>/);
    const english = await post('/my/declaration?lang=en', { csrf, ...form, signerName: 'a'.repeat(10_000) });
    expect(messages(english.html)).toContain('must be at most 100 characters (now 10000).');
    expect(server.snapshot()).toBe(before);
  });

  it('an empty required field: the field named by its label and what to do, in Japanese and in English; never the validator\'s own words', async () => {
    const csrf = csrfOf((await page('/my/declaration')).html);
    const before = server.snapshot();
    const japanese = await post('/my/declaration', { csrf, ...form, signerName: '  ' });
    expect(japanese.status).toBe(400);
    expect(messages(japanese.html)).toContain('宣言者（代表者）の氏名: 入力してください（必須項目です）。');
    expect(japanese.html).toMatch(/<p class="field-error" id="f-signerName-error">[\s\S]*?入力してください（必須項目です）。<\/p>/);
    const english = await post('/my/declaration?lang=en', { csrf, ...form, signerName: '', signerTitle: ' ' });
    expect(english.status).toBe(400);
    const englishText = messages(english.html).replaceAll('&#39;', "'");
    expect(englishText).toContain("Signer's (representative's) name: required; please fill it in.");
    expect(englishText).toContain("Signer's title: required; please fill it in.");
    for (const html of [japanese.html, english.html]) expect(messages(html)).not.toMatch(/Instance|property|signerName/);
    expect(server.snapshot()).toBe(before);
  });

  it('no guideline area chosen: 「1つ以上選んでください。」', async () => {
    const csrf = csrfOf((await page('/my/declaration')).html);
    const { guidelineAreas: _, ...withoutAreas } = form;
    const refused = await post('/my/declaration', { csrf, ...withoutAreas });
    expect(refused.status).toBe(400);
    expect(messages(refused.html)).toContain('遵守するガイドラインの分野: 1つ以上選んでください。');
    expect(refused.html).not.toContain('項目が足りません');
  });

  it('a one-line field refuses a tab, a line or paragraph separator and tag characters, naming the field; nothing saved', async () => {
    const csrf = csrfOf((await page('/my/declaration')).html);
    const before = server.snapshot();
    const cases: [string, RegExp][] = [
      ['山田\t太郎', /宣言者（代表者）の氏名: タブ文字は入力できません/],
      ['山田\u2028太郎', /宣言者（代表者）の氏名: 改行にあたる文字（U\+2028・U\+2029）は入力できません/],
      ['山田\u2029太郎', /宣言者（代表者）の氏名: 改行にあたる文字（U\+2028・U\+2029）は入力できません/],
      ['山田\u{E0041}\u{E0042}太郎', /宣言者（代表者）の氏名: 見えない文字（タグ文字 U\+E0000〜U\+E007F）は使えません/],
      ['山田\uFEFF太郎', /宣言者（代表者）の氏名: 見えない文字（BOM、U\+FEFF）は使えません/],
    ];
    for (const [signerName, expected] of cases) {
      const refused = await post('/my/declaration', { csrf, ...form, signerName });
      expect(refused.status, JSON.stringify(signerName)).toBe(400);
      expect(messages(refused.html), JSON.stringify(signerName)).toMatch(expected);
    }
    const title = await post('/my/declaration', { csrf, ...form, signerTitle: '代表\t取締役' });
    expect(messages(title.html)).toMatch(/宣言者の役職: タブ文字は入力できません/);
    expect(server.snapshot()).toBe(before);
  });

  it('a 法人番号 pasted into the signer’s name (digits only, half- or full-width) is refused beside the field, in Japanese and English; nothing saved', async () => {
    const csrf = csrfOf((await page('/my/declaration')).html);
    const before = server.snapshot();
    for (const signerName of ['7123456789012', '７１２３４５６７８９０１２', ' 7123 4567 89012 ']) {
      const refused = await post('/my/declaration', { csrf, ...form, signerName });
      expect(refused.status, signerName).toBe(400);
      expect(refused.html).toMatch(/<p class="field-error" id="f-signerName-error">[\s\S]*?数字だけの氏名は入力できません。宣言者（代表者）の氏名を入力してください（法人番号などの番号は、この欄には入りません）。<\/p>/);
      expect(messages(refused.html)).toContain('宣言者（代表者）の氏名: 数字だけの氏名は入力できません。');
      expect(refused.html).toMatch(/id="f-signerName"[^>]*aria-invalid="true"/);
    }
    // With another field wrong too, both are named in one round.
    const both = await post('/my/declaration', { csrf, ...form, signerName: '7123456789012', signerTitle: '' });
    expect(both.html).toMatch(/id="f-signerName-error">[\s\S]*?数字だけの氏名は入力できません。/);
    expect(both.html).toMatch(/id="f-signerTitle-error">[\s\S]*?入力してください（必須項目です）。/);
    // The summary lists them in the form's order, whichever rule found them.
    const summary = /<div class="error-summary"[\s\S]*?<\/ul>/.exec(both.html)![0];
    expect([...summary.matchAll(/href="#(f-\w+)"/g)].map((m) => m[1])).toEqual(['f-signerName', 'f-signerTitle']);
    const english = await post('/my/declaration?lang=en', { csrf, ...form, signerName: '7123456789012' });
    expect(english.status).toBe(400);
    expect(messages(english.html).replaceAll('&#39;', "'")).toContain("Signer's (representative's) name: a name cannot be digits only; enter the signer's (representative's) name (a number such as the corporate number does not go here).");
    expect(server.snapshot()).toBe(before);
  });

  it('a form body that is not UTF-8 (signerName=%ED%A0%80x) is refused with a page saying so, not stored as U+FFFD', async () => {
    const csrf = csrfOf((await page('/my/declaration')).html);
    const before = server.snapshot();
    const body = encode({ csrf, ...form }).replace(/signerName=[^&]*/, 'signerName=%ED%A0%80x');
    const refused = await postRaw('/my/declaration', body);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('UTF-8 ではない文字');
    expect(refused.html).toContain('何も保存していません');
    // Raw bytes that are not UTF-8 either (Shift_JIS 「山田」), and an escaped lone byte.
    const sjis = await page('/my/declaration', { method: 'POST', body: new Uint8Array([...new TextEncoder().encode(`csrf=${csrf}&action=draft&signerName=`), 0x8e, 0x52, 0x93, 0x63]), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(sjis.status).toBe(400);
    expect((await postRaw('/my/declaration', body.replace('%ED%A0%80x', '%E5%B1'))).status).toBe(400);
    expect(server.snapshot()).toBe(before);
    expect(await declarations()).toEqual([]);
  });

  it('a 宣言日 typed in full width (２０２５－０４－０１) is read as 2025-04-01 and saved', async () => {
    const csrf = csrfOf((await page('/my/declaration')).html);
    const saved = await post('/my/declaration', { csrf, ...form, committedOn: '２０２５－０４－０１', sharedOn: '２０２５／４／１' });
    expect(saved.status).toBe(303);
    const [declaration] = await declarations();
    expect(declaration.content).toMatchObject({ committedOn: '2025-04-01', signerName: '山田 太郎' });
    expect((await server.call('GET', `/api/v1/declarations/${declaration.id}`)).body.content.sharedOn).toBe('2025-04-01');
  });

  it('a 宣言日 typed as the minutes write it (令和7年5月1日, 2025年6月2日) where no date picker opens is read as that day and saved', async () => {
    const shown = (await page('/my/declaration')).html;
    // The draft the test before saved, edited as its form posts it (its id and row version).
    const hidden = Object.fromEntries([...shown.matchAll(/type="hidden" name="(declarationId|rowVersion)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    const saved = await post('/my/declaration', { csrf: csrfOf(shown), ...hidden, ...form, committedOn: '令和7年5月1日', sharedOn: '２０２５年６月２日' });
    expect(saved.status, messages(saved.html)).toBe(303);
    const [declaration] = await declarations();
    const content = (await server.call('GET', `/api/v1/declarations/${declaration.id}`)).body.content;
    expect(content).toMatchObject({ committedOn: '2025-05-01', sharedOn: '2025-06-02' });
  });
});

describe('the API says the same, in Japanese and English (problem+json)', () => {
  it('a 10,000-character signerName, no guideline area, a tab, a BOM: each named, with what to do; nothing saved', async () => {
    const before = server.snapshot();
    const long = await server.call('POST', `/api/v1/organizations/${organizationId}/declarations`, { body: { ...DECLARATION, signerName: 'あ'.repeat(10_000), guidelineAreas: [] } });
    expect(long.status).toBe(400);
    expect(long.headers.get('content-type')).toContain('application/problem+json');
    expect(long.body.errors).toEqual(
      expect.arrayContaining([
        { field: '/signerName', ja: '/signerName: 100文字以内で入力してください（今は10000文字）。', en: '/signerName: must be at most 100 characters (now 10000).' },
        { field: '/guidelineAreas', ja: '/guidelineAreas: 1つ以上選んでください。', en: '/guidelineAreas: choose at least 1 (now 0).' },
      ]),
    );
    const { signerName: _, ...unsigned } = DECLARATION;
    const missing = await server.call('POST', `/api/v1/organizations/${organizationId}/declarations`, { body: { ...unsigned, guidelineAreas: 'labor', committedOn: 'yesterday' } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual(
      expect.arrayContaining([
        { field: '/signerName', ja: '/signerName: 入力してください（必須項目です）。', en: '/signerName: required; please fill it in.' },
        { field: '/guidelineAreas', ja: '/guidelineAreas: 配列（リスト）で指定してください。', en: '/guidelineAreas: must be a list.' },
        { field: '/committedOn', ja: '/committedOn: 日付（例: 2026-04-01）の形式で入力してください。', en: '/committedOn: must be a date such as 2026-04-01.' },
      ]),
    );
    expect(JSON.stringify(missing.body)).not.toMatch(/Instance|does not/);
    for (const [signerName, ja, en] of [
      ['山田\t太郎', 'タブ文字は入力できません', 'must not contain a tab'],
      ['\uFEFF山田 太郎', '見えない文字（BOM、U+FEFF）は使えません', 'byte order mark (U+FEFF)'],
      ['山田\u2028太郎', '改行にあたる文字（U+2028・U+2029）', 'U+2028 or U+2029'],
      ['山田\u{E0001}太郎', '見えない文字（タグ文字', 'tag characters'],
    ] as [string, string, string][]) {
      const refused = await server.call('POST', `/api/v1/organizations/${organizationId}/declarations`, { body: { ...DECLARATION, signerName } });
      expect(refused.status, JSON.stringify(signerName)).toBe(400);
      expect(refused.body.errors).toEqual([{ field: '/signerName', ja: expect.stringContaining(`/signerName: ${ja}`), en: expect.stringContaining(en) }]);
    }
    expect(server.snapshot()).toBe(before);
  });

  it('a signerName of digits only (a 法人番号 in the wrong field), half- or full-width, is refused naming /signerName, on creation and amendment; a name with a digit is kept', async () => {
    const before = server.snapshot();
    const ja = '/signerName: 数字だけの氏名は入力できません。宣言者（代表者）の氏名を入力してください（法人番号などの番号は、この欄には入りません）。';
    const en = "/signerName: a name cannot be digits only; enter the signer's (representative's) name (a number such as the corporate number does not go here).";
    for (const signerName of ['7123456789012', '７１２３４５６７８９０１２', '1']) {
      const refused = await server.call('POST', `/api/v1/organizations/${organizationId}/declarations`, { body: { ...DECLARATION, signerName } });
      expect(refused.status, signerName).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.errors).toEqual([{ field: '/signerName', ja, en }]);
    }
    expect(server.snapshot()).toBe(before);
    const [declaration] = await declarations();
    const amended = await server.call('PUT', `/api/v1/declarations/${declaration.id}`, { body: { ...DECLARATION, signerName: '７１２３４５６７８９０１２' } });
    expect(amended.status).toBe(400);
    expect(amended.body.errors).toEqual([{ field: '/signerName', ja, en }]);
    expect(server.snapshot()).toBe(before);
    const numbered = await server.call('PUT', `/api/v1/declarations/${declaration.id}`, { body: { ...DECLARATION, signerName: '山田 太郎2世' } });
    expect(numbered.status).toBe(200);
  });

  it('still refuses a JSON body that is not UTF-8', async () => {
    const response = await fetch(`${server.url}/api/v1/organizations/${organizationId}/declarations`, {
      method: 'POST',
      headers: { authorization: `Bearer test-admin-token-0123456789abcdef`, 'content-type': 'application/json' },
      body: new Uint8Array([...new TextEncoder().encode('{"signerName":"'), 0xed, 0xa0, 0x80, ...new TextEncoder().encode('"}')]),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('e-mail addresses typed in full width', () => {
  const FULL_WIDTH = 'ｏｆｆｉｃｅｒ＠ｃｉｔｙ．ｅｘａｍｐｌｅ．ｊｐ';

  it('/my/members invite reads ｏｆｆｉｃｅｒ＠ｃｉｔｙ．ｅｘａｍｐｌｅ．ｊｐ as officer@city.example.jp; an address still wrong in full width says 半角', async () => {
    const csrf = csrfOf((await page('/my/members')).html);
    const invited = await post('/my/members/invite', { csrf, role: 'editor', email: FULL_WIDTH });
    expect(invited.status).toBe(200);
    expect(invited.html).toContain('officer@city.example.jp');
    const wrong = await post('/my/members/invite', { csrf, role: 'editor', email: '担当者＠市役所' });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('メールアドレスは半角の英数字と記号で入力してください');
  });

  it('/join/{token} takes the full-width address as the half-width one', async () => {
    const created = await server.call('POST', `/api/v1/organizations/${organizationId}/invitations`, { body: {} });
    expect(created.status).toBe(201);
    const url = new URL(created.body.url);
    const options = await browser(server, url.origin).request('POST', `${url.pathname}/options`, { json: { name: '市役所 担当', email: FULL_WIDTH } });
    expect(options.status, JSON.stringify(options.body)).toBe(200);
  });
});
