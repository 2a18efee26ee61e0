/**
 * The back office's organizations over real HTTP, on Node and on the Worker: search and pages,
 * registering (a bad 法人番号 named at its field, nothing saved; a good one saved and audited),
 * editing, inviting a member (the link works), suspending and reinstating a declaration (the public
 * API shows it; a reviewer may not), the 法人番号 lookup against a local server that answers as the
 * National Tax Agency's Web-API does, and the CSV export (BOM, CRLF, quoting, no formulas).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corporateCheckDigit } from '../../src/domain/identifiers.js';
import { COMPANY, corporateNumberFor, DECLARATION, expireDeclarations, startTestServer, type TestServer } from '../helpers/server.js';
import { onWorker } from '../helpers/targets.js';
import { signInAsAdministrator, signInAsStaff, staffCsrf } from '../helpers/staff.js';
import { browser, type Browser } from '../helpers/web-browser.js';
import { parseCsv } from '../helpers/csv.js';

const APP_ID = 'KtestAppIdOrganizations';
const cn = (base12: string) => `${corporateCheckDigit(base12)}${base12}`;
const ACTIVE = cn('010001234567');
const MISSING = cn('011101000001');
const FAILING = cn('011101000002');

/** The NTA Web-API's answer for one corporation (Ver. 4, type=12: XML in UTF-8), as in test/adapters/nta-lookup.test.ts. */
const ACTIVE_XML =
  '<?xml version="1.0" encoding="UTF-8"?><corporations><lastUpdateDate>2026-11-20</lastUpdateDate><count>1</count><divideNumber>1</divideNumber><divideSize>1</divideSize>' +
  `<corporation><sequenceNumber>1</sequenceNumber><corporateNumber>${ACTIVE}</corporateNumber><process>01</process><correct>0</correct><updateDate>2024-06-12</updateDate>` +
  '<changeDate>2015-10-05</changeDate><name>株式会社信州リモートワーク＆サテライト</name><nameImageId/><kind>301</kind><prefectureName>長野県</prefectureName>' +
  '<cityName>茅野市</cityName><streetNumber>ちの３５０２番地１</streetNumber><addressImageId/><prefectureCode>20</prefectureCode><cityCode>214</cityCode>' +
  '<postCode>3910002</postCode><addressOutside/><addressOutsideImageId/><closeDate/><closeCause/><successorCorporateNumber/><changeCause/>' +
  '<assignmentDate>2015-10-05</assignmentDate><latest>1</latest><enName>Shinshu Remote Work &amp; Satellite Co., Ltd.</enName><enPrefectureName>Nagano</enPrefectureName>' +
  '<enCityName>Chino-shi</enCityName><enAddressOutside/><furigana>シンシュウリモートワークアンドサテライト</furigana><hihyoji>0</hihyoji></corporation></corporations>';

let nta: Server;
const ntaRequests: URL[] = [];
let server: TestServer;
let admin: Browser;
let reviewer: Browser;
let viewer: Browser;
let counter = 0;

function answer(request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url!, 'http://127.0.0.1');
  ntaRequests.push(url);
  const xml = (body: string) => response.writeHead(200, { 'content-type': 'application/xml; charset=UTF-8' }).end(body);
  switch (url.searchParams.get('number')) {
    case ACTIVE: return xml(ACTIVE_XML);
    case MISSING: return xml('<?xml version="1.0" encoding="UTF-8"?><corporations><lastUpdateDate>2026-11-20</lastUpdateDate><count>0</count><divideNumber>1</divideNumber><divideSize>0</divideSize></corporations>');
    case FAILING: return response.writeHead(500, { 'content-type': 'text/plain; charset=UTF-8' }).end('999,システムエラーが発生しました。');
    default: return response.writeHead(404).end();
  }
}

beforeAll(async () => {
  nta = createServer(answer);
  await new Promise<void>((resolve) => nta.listen(0, '127.0.0.1', resolve));
  server = await startTestServer({ NTA_APPLICATION_ID: APP_ID, NTA_API_URL: `http://127.0.0.1:${(nta.address() as AddressInfo).port}` });
  admin = await signInAsAdministrator(server);
  reviewer = await signInAsStaff(server, admin, 'reviewer', '審査 花子');
  viewer = await signInAsStaff(server, admin, 'viewer', '閲覧 次郎');
});

afterAll(async () => {
  await server?.close();
  nta?.closeAllConnections();
  await new Promise((resolve) => nta?.close(resolve));
});

/**
 * Every row of every table (server.snapshot()), but of what background work changes by itself only
 * the keys: a session's last-seen time (touched once a minute), a queued e-mail's delivery state.
 */
function state(): string {
  const tables = JSON.parse(server.snapshot()) as [string, Record<string, unknown>[]][];
  return JSON.stringify(tables.map(([name, rows]) => [name, name === 'sessions' ? rows.map((r) => r.id_hash) : name === 'mail_outbox' ? rows.map((r) => r.id) : rows]));
}

const audit = async (action: string) => (await server.call('GET', `/api/v1/audit-log?action=${action}&limit=100`)).body.items as any[];

/** A company registered through the API; its id. */
async function company(fields: Record<string, unknown> = {}): Promise<string> {
  const n = ++counter;
  const created = await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: `事務局テスト株式会社${n}`, corporateNumber: corporateNumberFor(90_000 + n), ...fields } });
  if (created.status !== 201) throw new Error(`company: ${created.status} ${created.text}`);
  return created.body.id;
}

/** A company with a published declaration. */
async function published(): Promise<{ organizationId: string; declarationId: string }> {
  const organizationId = await company();
  const { id } = (await server.call('POST', `/api/v1/organizations/${organizationId}/declarations`, { body: DECLARATION })).body;
  await server.call('POST', `/api/v1/declarations/${id}/submit`);
  const done = await server.call('POST', `/api/v1/declarations/${id}/publish`);
  if (done.status !== 200) throw new Error(`publish: ${done.status} ${done.text}`);
  return { organizationId, declarationId: id };
}

/** The register form's fields, with the session's CSRF token. */
async function registerForm(b: Browser, fields: Record<string, string>) {
  return { csrf: await staffCsrf(b), action: 'save', kind: 'company', name: '', corporateNumber: '', localGovernmentCode: '', prefectureCode: '', contactName: '', contactEmail: '', ...fields };
}

/** The value of input #id, as the page shows it. */
const valueOf = (html: string, id: string) => new RegExp(`<input[^>]*id="${id}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? new RegExp(`<input[^>]*value="([^"]*)"[^>]*id="${id}"`).exec(html)?.[1];

describe('back office: organizations', () => {
  it('searches by name, 法人番号 and declaration status, and pages with cursor links', async () => {
    const marker = `頁送り${Date.now() % 100000}`;
    for (let i = 0; i < 26; i++) await company({ name: `${marker}株式会社${i}` });
    const first = await viewer.request('GET', `/admin/organizations?q=${encodeURIComponent(marker)}`);
    expect(first.status).toBe(200);
    expect(first.text).toContain('id="org-search"');
    const rows = (html: string) => (/<tbody>([\s\S]*?)<\/tbody>/.exec(html.slice(html.indexOf('id="org-results"')))![1]!.match(/<tr>/g) ?? []).length;
    expect(rows(first.text)).toBe(25);
    const next = /<a href="([^"]+)" id="next-page"/.exec(first.text)![1]!.replace(/&amp;/g, '&');
    const second = await viewer.request('GET', next);
    expect(rows(second.text)).toBe(1);
    expect(second.text).toContain('id="first-page"');
    expect(second.text).not.toContain('id="next-page"');
    // Viewers see no register or export link.
    expect(first.text).not.toContain('id="register-link"');
    expect((await admin.request('GET', '/admin/organizations')).text).toContain('id="register-link"');

    const { organizationId } = await published();
    const org = (await server.call('GET', `/api/v1/organizations/${organizationId}`)).body;
    const byNumber = await viewer.request('GET', `/admin/organizations?q=${org.corporateNumber}`);
    expect(byNumber.text).toContain(`/admin/organizations/${organizationId}`);
    expect(byNumber.text).toContain('公表中');
    expect(rows(byNumber.text)).toBe(1);
    // The invoice registration number a company prints on its invoices: T + its 法人番号.
    const byInvoiceNumber = await viewer.request('GET', `/admin/organizations?q=${encodeURIComponent(`Ｔ${org.corporateNumber}`)}`);
    expect(rows(byInvoiceNumber.text)).toBe(1);
    expect(byInvoiceNumber.text).toContain(`/admin/organizations/${organizationId}`);
    const byStatus = await viewer.request('GET', '/admin/organizations?status=published&kind=company');
    expect(byStatus.text).toContain(`/admin/organizations/${organizationId}`);
    expect(byStatus.text).not.toContain(`${marker}株式会社0<`);
  });

  it('shows a declaration the secretariat sent back as 差戻し / Returned, in the list and on the organization page, and a new draft still as 下書き', async () => {
    const statusCell = (html: string, organizationId: string) =>
      new RegExp(`href="/admin/organizations/${organizationId}(?:\\?lang=en)?"(?:(?!</tr>)[\\s\\S])*?<span class="status [^"]*">([^<]+)</span>`).exec(html)?.[1];
    const marker = `差戻し表示${Date.now() % 100000}`;
    const returnedOrg = await company({ name: `${marker}甲株式会社` });
    const { id } = (await server.call('POST', `/api/v1/organizations/${returnedOrg}/declarations`, { body: DECLARATION })).body;
    expect((await server.call('POST', `/api/v1/declarations/${id}/submit`)).status).toBe(200);
    expect((await server.call('POST', `/api/v1/declarations/${id}/return`, { body: { reason: '記入漏れがあります' } })).status).toBe(200);
    const draftOrg = await company({ name: `${marker}乙株式会社` });
    expect((await server.call('POST', `/api/v1/organizations/${draftOrg}/declarations`, { body: DECLARATION })).status).toBe(201);

    const list = (await viewer.request('GET', `/admin/organizations?q=${encodeURIComponent(marker)}`)).text;
    expect(statusCell(list, returnedOrg)).toBe('差戻し');
    expect(statusCell(list, draftOrg)).toBe('下書き');
    expect(statusCell((await viewer.request('GET', `/admin/organizations?q=${encodeURIComponent(marker)}&lang=en`)).text, returnedOrg)).toBe('Returned');
    const page = (await viewer.request('GET', `/admin/organizations/${returnedOrg}`)).text;
    expect(new RegExp(`<tr id="declaration-${id}"><th scope="row"><span class="status [^"]*">差戻し</span>`).test(page)).toBe(true);

    // The status filter offers 差戻し, and 下書き and 差戻し each find only their own.
    const filtered = async (status: string) => (await viewer.request('GET', `/admin/organizations?q=${encodeURIComponent(marker)}&status=${status}`)).text;
    const returnedOnly = await filtered('returned');
    expect(returnedOnly).toContain('<option value="returned" selected="">差戻し</option>');
    expect(statusCell(returnedOnly, returnedOrg)).toBe('差戻し');
    expect(returnedOnly).not.toContain(`/admin/organizations/${draftOrg}"`);
    const draftOnly = await filtered('draft');
    expect(statusCell(draftOnly, draftOrg)).toBe('下書き');
    expect(draftOnly).not.toContain(`/admin/organizations/${returnedOrg}"`);

    // The export says the same.
    const cookie = [...admin.jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const records = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await (await fetch(`${server.url}/admin/organizations/export.csv`, { headers: { cookie } })).arrayBuffer())).slice(1));
    const statusOf = (organizationId: string) => records.find((r) => r[0] === organizationId)![records[0]!.indexOf('宣言の状態')];
    expect(statusOf(returnedOrg)).toBe('差戻し');
    expect(statusOf(draftOrg)).toBe('下書き');
  });

  it('shows a renewal under review after expiry as 更新を審査中 / Renewal under review, as the statistics do, in the list, on the organization page and in the CSV; a first review still as 審査中', async () => {
    const statusCell = (html: string, organizationId: string) =>
      new RegExp(`href="/admin/organizations/${organizationId}(?:\\?lang=en)?"(?:(?!</tr>)[\\s\\S])*?<span class="status [^"]*">([^<]+)</span>`).exec(html)?.[1];
    const marker = `更新審査表示${Date.now() % 100000}`;
    const renewing = await company({ name: `${marker}甲株式会社` });
    const { id } = (await server.call('POST', `/api/v1/organizations/${renewing}/declarations`, { body: DECLARATION })).body;
    expect((await server.call('POST', `/api/v1/declarations/${id}/submit`)).status).toBe(200);
    expect((await server.call('POST', `/api/v1/declarations/${id}/publish`)).status).toBe(200);
    await expireDeclarations(server, [id]);
    const renewed = await server.call('POST', `/api/v1/declarations/${id}/renew`);
    expect(renewed.status, renewed.text).toBe(200);
    expect(renewed.body.status).toBe('submitted');
    const firstReview = await company({ name: `${marker}乙株式会社` });
    const first = (await server.call('POST', `/api/v1/organizations/${firstReview}/declarations`, { body: DECLARATION })).body;
    expect((await server.call('POST', `/api/v1/declarations/${first.id}/submit`)).status).toBe(200);

    const list = (await viewer.request('GET', `/admin/organizations?q=${encodeURIComponent(marker)}`)).text;
    expect(statusCell(list, renewing)).toBe('更新を審査中');
    expect(statusCell(list, firstReview)).toBe('審査中');
    expect(statusCell((await viewer.request('GET', `/admin/organizations?q=${encodeURIComponent(marker)}&lang=en`)).text, renewing)).toBe('Renewal under review');
    const page = (await viewer.request('GET', `/admin/organizations/${renewing}`)).text;
    expect(new RegExp(`<tr id="declaration-${id}"><th scope="row"><span class="status [^"]*">更新を審査中</span>`).test(page)).toBe(true);

    // The status filter offers 更新を審査中, and 審査中 and 更新を審査中 each find only their own.
    const filtered = async (status: string) => (await viewer.request('GET', `/admin/organizations?q=${encodeURIComponent(marker)}&status=${status}`)).text;
    const renewalsOnly = await filtered('renewalUnderReview');
    expect(renewalsOnly).toContain('<option value="renewalUnderReview" selected="">更新を審査中</option>');
    expect(statusCell(renewalsOnly, renewing)).toBe('更新を審査中');
    expect(renewalsOnly).not.toContain(`/admin/organizations/${firstReview}"`);
    const firstReviewsOnly = await filtered('submitted');
    expect(statusCell(firstReviewsOnly, firstReview)).toBe('審査中');
    expect(firstReviewsOnly).not.toContain(`/admin/organizations/${renewing}"`);
    // Without search text the list walks the declarations in that status: the same split.
    expect((await viewer.request('GET', '/admin/organizations?status=renewalUnderReview')).text).toContain(`/admin/organizations/${renewing}"`);
    expect((await viewer.request('GET', '/admin/organizations?status=submitted')).text).not.toContain(`/admin/organizations/${renewing}"`);

    const cookie = [...admin.jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const records = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await (await fetch(`${server.url}/admin/organizations/export.csv`, { headers: { cookie } })).arrayBuffer())).slice(1));
    const statusOf = (organizationId: string) => records.find((r) => r[0] === organizationId)![records[0]!.indexOf('宣言の状態')];
    expect(statusOf(renewing)).toBe('更新を審査中');
    expect(statusOf(firstReview)).toBe('審査中');
  });

  it('refuses a 法人番号 with a wrong check digit next to its field, keeps what was typed, and saves nothing', async () => {
    const good = corporateNumberFor(95_001);
    const bad = `${(Number(good[0]) % 9) + 1}${good.slice(1)}`;
    const before = state();
    const refused = await admin.request('POST', '/admin/organizations', { form: await registerForm(admin, { name: 'チェック桁株式会社', corporateNumber: bad, prefectureCode: '13', contactEmail: 'soumu@example.co.jp' }) });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="f-corporateNumber-error"[^>]*>[\s\S]*?チェックディジット/);
    expect(refused.text).toContain('href="#f-corporateNumber"'); // the error summary links the field
    expect(refused.text).toMatch(/id="error-summary"/);
    expect(valueOf(refused.text, 'f-name')).toBe('チェック桁株式会社');
    expect(valueOf(refused.text, 'f-contactEmail')).toBe('soumu@example.co.jp');
    expect(state()).toBe(before);

    // Nothing typed: each required field says so, in words.
    const empty = await admin.request('POST', '/admin/organizations', { form: await registerForm(admin, { kind: '' }) });
    expect(empty.status).toBe(400);
    expect(empty.text).toMatch(/id="f-name-error"[^>]*>[\s\S]*?名称を入力してください。/);
    expect(empty.text).toMatch(/id="f-prefectureCode-error"[^>]*>[\s\S]*?都道府県を選んでください/);
    expect(empty.text).toMatch(/id="f-kind-error"[^>]*>[\s\S]*?種別を選んでください/);
    // A malformed contact e-mail lands on its own field (the API calls it /contact/email).
    const mail = await admin.request('POST', '/admin/organizations', { form: await registerForm(admin, { name: 'メール株式会社', corporateNumber: good, prefectureCode: '13', contactEmail: 'not an address' }) });
    expect(mail.status).toBe(400);
    expect(mail.text).toMatch(/id="f-contactEmail-error"[^>]*>[\s\S]*?メールアドレスの形式/);
    expect(state()).toBe(before);
    // A control character or a tab is named as what it is, not as a length or format problem.
    const unreadable = await admin.request('POST', '/admin/organizations', { form: await registerForm(admin, { name: '制御\u0007文字株式会社', corporateNumber: good, prefectureCode: '13', contactName: '総務\t花子' }) });
    expect(unreadable.status).toBe(400);
    expect(unreadable.text).toContain('<a href="#f-name">名称: 制御文字は使えません。</a>');
    expect(unreadable.text).toContain('<a href="#f-contactName">連絡先の担当者名: タブ文字は入力できません（空白を使ってください）。</a>');
    expect(unreadable.text).not.toContain('名称を入力してください');
    expect(unreadable.text).not.toContain('200文字以内');
    expect(state()).toBe(before);
  });

  it('registers a company (audited), refuses the same 法人番号 twice (409), and shows everything about it', async () => {
    const number = corporateNumberFor(95_002);
    const saved = await admin.request('POST', '/admin/organizations', {
      form: await registerForm(admin, { name: '登録テスト株式会社', corporateNumber: number, prefectureCode: '20', contactName: '総務 花子', contactEmail: 'soumu@example.co.jp' }),
    });
    expect(saved.status).toBe(303);
    const location = saved.headers.get('location')!;
    const id = /^\/admin\/organizations\/([^/?]+)\?done=created$/.exec(location)![1]!;
    const api = (await server.call('GET', `/api/v1/organizations/${id}`)).body;
    expect(api).toMatchObject({ kind: 'company', name: '登録テスト株式会社', corporateNumber: number, prefectureCode: '20', contact: { name: '総務 花子', email: 'soumu@example.co.jp' } });
    expect((await audit('organization.create')).some((e) => e.entityId === id && e.actorTokenId?.startsWith('account:'))).toBe(true);

    expect((await admin.request('GET', location)).text).toContain('団体を登録しました');
    // The address opened by someone else (shared, bookmarked) is the page without the notice: it was said once.
    const page = await viewer.request('GET', location);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('団体を登録しました');
    // A person's contact details are an administrator's to read (as in the audit log and the export).
    expect(page.text).not.toContain('soumu@example.co.jp');
    expect(page.text).not.toContain('総務 花子');
    expect(page.text).toMatch(/id="org-contact">（管理者のみ閲覧可）</);
    // In English, in English words and brackets.
    expect((await viewer.request('GET', `${location.split('?')[0]}?lang=en`)).text).toMatch(/id="org-contact">\(administrators only\)</);
    expect((await admin.request('GET', location)).text).toContain('soumu@example.co.jp');
    expect(page.text).toContain('organization.create'); // its audit trail
    // …in words and in the date format of every other back-office page, never "2026-12-05 01:37".
    const trail = page.text.slice(page.text.indexOf('id="org-audit"'));
    expect(trail).toMatch(/<span class="trail__when">\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}<\/span><span>団体の登録 <code>organization\.create<\/code>/);
    expect(page.text).not.toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    const english = (await viewer.request('GET', `/admin/organizations/${id}?lang=en`)).text;
    expect(english.slice(english.indexOf('id="org-audit"'))).toMatch(/<span class="trail__when">\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} JST<\/span><span>Organization registered <code>/);
    expect(page.text).not.toContain('id="edit-link"'); // viewers do not edit
    expect(page.text).not.toContain('id="invite-form"');
    expect((await viewer.request('GET', '/admin/organizations/no-such-organization')).status).toBe(404);

    const before = state();
    const twice = await admin.request('POST', '/admin/organizations', { form: await registerForm(admin, { name: '二重登録株式会社', corporateNumber: number, prefectureCode: '13' }) });
    expect(twice.status).toBe(409);
    expect(twice.text).toMatch(/id="f-corporateNumber-error"[^>]*>[\s\S]*?既に登録されています/);
    expect(state()).toBe(before);
  });

  it('shows the industry and the number of employees as people say them, in Japanese and in English', async () => {
    const saved = await admin.request('POST', '/admin/organizations', {
      form: await registerForm(admin, { name: '業種表示株式会社', corporateNumber: corporateNumberFor(95_021), prefectureCode: '13', industryCode: 'G', sizeBand: '1000+' }),
    });
    expect(saved.status).toBe(303);
    const location = saved.headers.get('location')!;
    const ja = (await admin.request('GET', location)).text;
    expect(ja).toContain('G 情報通信業');
    expect(ja).toContain('1,000人以上');
    expect(ja).not.toContain('1000+');
    const en = (await admin.request('GET', `${location}&lang=en`)).text;
    expect(en).toContain('G Information and communications');
    expect(en).toContain('1,000 or more');
    expect(en).not.toContain('情報通信業');
    const form = (await admin.request('GET', '/admin/organizations/new')).text;
    expect(form).toContain('<option value="1-9">1〜9人</option>');
    expect(form).toContain('<option value="1000+">1,000人以上</option>');
    const formEn = (await admin.request('GET', '/admin/organizations/new?lang=en')).text;
    expect(formEn).toContain('<option value="G">G Information and communications</option>');
    expect(formEn).toContain('<option value="10-49">10–49</option>');
  });

  it('edits the details (identifiers too), and does not overwrite a change saved meanwhile', async () => {
    const id = await company();
    const edit = await admin.request('GET', `/admin/organizations/${id}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.text).toContain('id="org-form"');
    expect(edit.text).toContain('id="save-button"');
    const rowVersion = /name="rowVersion" value="(\d+)"/.exec(edit.text)![1]!;
    const number = corporateNumberFor(95_003);
    const form = { ...(await registerForm(admin, { name: '変更後株式会社', corporateNumber: number, prefectureCode: '01', contactPhone: '+81-3-1234-5678' })), rowVersion };
    const saved = await admin.request('POST', `/admin/organizations/${id}`, { form });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/admin/organizations/${id}?done=updated`);
    // The notice is said once: the redirect leaves a short-lived cookie for that page only, which the page clears.
    const notice = saved.headers.getSetCookie().find((line) => line.startsWith('registry_notice='))!;
    expect(notice).toMatch(/HttpOnly/i);
    expect(notice).toMatch(/SameSite=Lax/i);
    expect(notice).toContain(`Path=/admin/organizations/${id};`);
    expect(notice).toMatch(/Max-Age=60\b/);
    const shown = await admin.request('GET', saved.headers.get('location')!);
    expect(shown.text).toContain('登録内容を変更しました。');
    expect(admin.jar.has('registry_notice')).toBe(false);
    // Reloaded, bookmarked or shared, the address says nothing more.
    expect((await admin.request('GET', saved.headers.get('location')!)).text).not.toContain('登録内容を変更しました。');
    expect((await viewer.request('GET', saved.headers.get('location')!)).text).not.toContain('登録内容を変更しました。');
    expect((await server.call('GET', `/api/v1/organizations/${id}`)).body).toMatchObject({ name: '変更後株式会社', corporateNumber: number, prefectureCode: '01', contact: { phone: '+81-3-1234-5678' } });

    // The same form again is stale now: refused with a message, nothing overwritten.
    const before = state();
    const stale = await admin.request('POST', `/admin/organizations/${id}`, { form: { ...form, name: '古い版の変更' } });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('別の人が変更しました');
    expect(valueOf(stale.text, 'f-name')).toBe('古い版の変更');
    // What changed meanwhile, and what to do: the stored values where they differ from what was typed, nothing else.
    expect(stale.text).toContain('あなたの入力はまだ保存されていません。');
    const changes = /<div class="notice notice--error" id="stale-changes">[\s\S]*?<ul>([\s\S]*?)<\/ul>/.exec(stale.text)?.[1];
    expect(changes, 'the fields saved meanwhile').toBeDefined();
    expect([...changes!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1])).toEqual(['名称: 変更後株式会社']);
    const staleEnglish = await admin.request('POST', `/admin/organizations/${id}?lang=en`, { form: { ...form, name: '古い版の変更', prefectureCode: '13' } });
    expect(staleEnglish.status).toBe(409);
    expect(staleEnglish.text).toContain('Fields where the version saved first differs from what you typed:');
    expect(staleEnglish.text).toContain('<li>Name: 変更後株式会社</li>');
    expect(staleEnglish.text).toContain('<li>Prefecture: Hokkaido</li>');
    expect(state()).toBe(before);
    // A post without the version the form was opened at (a form made by hand, a script) could overwrite
    // a change unseen: refused (400) with the form again, the field named, what was typed kept, nothing saved.
    const { rowVersion: _omitted, ...unversioned } = form;
    for (const sent of [unversioned, { ...unversioned, rowVersion: '' }, { ...unversioned, rowVersion: 'latest' }, { ...unversioned, rowVersion: '-1' }]) {
      const refused = await admin.request('POST', `/admin/organizations/${id}`, { form: { ...sent, name: '版なしの変更' } });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('フォームの版（rowVersion）が送られていないか、正しくありません。');
      expect(refused.text).toContain('id="org-form"');
      expect(valueOf(refused.text, 'f-name')).toBe('版なしの変更');
    }
    const english = await admin.request('POST', `/admin/organizations/${id}?lang=en`, { form: unversioned });
    expect(english.status).toBe(400);
    expect(english.text).toContain("The form&#39;s version (rowVersion) is missing or damaged.");
    expect(state()).toBe(before);
    // Reviewers do not edit.
    expect((await reviewer.request('GET', `/admin/organizations/${id}/edit`)).status).toBe(403);
  });

  it('a post refused for its version (none, or stale) names every bad field of the same post too, at its field, after the version message; nothing is saved', async () => {
    const id = await company();
    const edit = await admin.request('GET', `/admin/organizations/${id}/edit`);
    const opened = /name="rowVersion" value="(\d+)"/.exec(edit.text)![1]!;
    const good = corporateNumberFor(95_004);
    const wrongDigit = `${(Number(good[0]) % 9) + 1}${good.slice(1)}`;
    const typed = await registerForm(admin, { name: '', corporateNumber: wrongDigit, prefectureCode: '13', contactEmail: 'not an address' });
    // Someone saves meanwhile: the form's version is now stale.
    expect((await admin.request('POST', `/admin/organizations/${id}`, { form: { ...(await registerForm(admin, { name: '先に保存した株式会社', corporateNumber: corporateNumberFor(90_000 + counter), prefectureCode: '13' })), rowVersion: opened } })).status).toBe(303);
    const before = state();
    const summary = (html: string) => [.../<div class="error-summary"[\s\S]*?<\/ul>/.exec(html)![0].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
    for (const [sent, status, message] of [
      [{ ...typed, rowVersion: opened }, 409, '別の人が変更しました'],
      [typed, 400, 'フォームの版（rowVersion）が送られていないか、正しくありません。'],
    ] as const) {
      const refused = await admin.request('POST', `/admin/organizations/${id}`, { form: sent });
      expect(refused.status).toBe(status);
      const items = summary(refused.text);
      expect(items[0]).toContain(message);
      expect(items.slice(1).map((item) => /^<a href="#(f-\w+)">/.exec(item)?.[1]).sort()).toEqual(['f-contactEmail', 'f-corporateNumber', 'f-name']);
      expect(refused.text).toMatch(/id="f-name-error"[^>]*>[\s\S]*?名称を入力してください。/);
      expect(refused.text).toMatch(/id="f-corporateNumber-error"[^>]*>[\s\S]*?チェックディジット/);
      expect(refused.text).toMatch(/id="f-contactEmail-error"[^>]*>[\s\S]*?メールアドレスの形式/);
      expect(valueOf(refused.text, 'f-corporateNumber')).toBe(wrongDigit);
      expect(valueOf(refused.text, 'f-contactEmail')).toBe('not an address');
    }
    const english = await admin.request('POST', `/admin/organizations/${id}?lang=en`, { form: typed });
    expect(english.text).toContain("The form&#39;s version (rowVersion) is missing or damaged.");
    expect(english.text).toMatch(/id="f-contactEmail-error"[^>]*>[\s\S]*?Enter an e-mail address/);
    expect(state()).toBe(before);
    expect((await server.call('GET', `/api/v1/organizations/${id}`)).body.name).toBe('先に保存した株式会社');
  });

  it('invites a member: the one-time link is shown once, e-mailed when asked, and works', async () => {
    const id = await company();
    const csrf = await staffCsrf(admin);
    const refused = await admin.request('POST', `/admin/organizations/${id}/invitations`, { form: { csrf, role: 'owner', email: 'not-an-address' } });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="f-email-error"[^>]*>[\s\S]*?メールアドレスの形式/);
    expect(refused.text).toContain('value="not-an-address"');
    // A control character inside the address would go into the e-mail's To header: refused, nothing saved.
    const before = state();
    const control = await admin.request('POST', `/admin/organizations/${id}/invitations`, { form: { csrf, role: 'owner', email: 'tana\u0007ka@example.lg.jp' } });
    expect(control.status).toBe(400);
    expect(control.text).toMatch(/id="f-email-error"[^>]*>[\s\S]*?メールアドレスは半角の英数字と記号で入力してください/);
    expect(state()).toBe(before);

    const created = await admin.request('POST', `/admin/organizations/${id}/invitations`, { form: { csrf, role: 'owner', email: 'tanaka@example.lg.jp' } });
    expect(created.status).toBe(200);
    const url = new URL(/<code id="invitation-url">([^<]+)<\/code>/.exec(created.text)![1]!);
    // Sent where the registry can send e-mail; on the Worker without MAIL_API_URL it waits, and the page says so.
    expect(created.text.includes('tanaka@example.lg.jp にもメールで送りました')).toBe(!onWorker);
    expect(created.text.includes('tanaka@example.lg.jp 宛てのメールは、この登録簿ではメールの送信方法が設定されていないため、まだ送信されていません')).toBe(onWorker);
    const join = await browser(server, url.origin).request('GET', url.pathname);
    expect(join.status).toBe(200);
    // The page lists the open invitation afterwards, never its link.
    const page = await admin.request('GET', `/admin/organizations/${id}`);
    expect(page.text).toContain('tanaka@example.lg.jp');
    expect(page.text).not.toContain(url.pathname);
    expect((await audit('invitation.create')).some((e) => e.entityId === id)).toBe(true);

    // Sent again (a reload, a second click) while that link is live: 409, said by the e-mail field, no second link.
    const again = await admin.request('POST', `/admin/organizations/${id}/invitations`, { form: { csrf, role: 'owner', email: 'tanaka@example.lg.jp' } });
    expect(again.status).toBe(409);
    expect(again.text).toMatch(/id="f-email-error"[^>]*>[\s\S]*?tanaka@example\.lg\.jp 宛ての未使用の招待がすでにあります（有効期限: \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d）。/);
    expect(again.text).toContain('招待の一覧でその招待を取り消してから、もう一度作成してください。');
    expect(again.text).toContain('value="tanaka@example.lg.jp"');
    expect(again.text).not.toContain('id="invitation-url"');
    expect((await audit('invitation.create')).filter((e) => e.entityId === id)).toHaveLength(1);
  });

  it('suspends a published declaration with a reason (the public API shows it), reinstates it; a reviewer may not', async () => {
    const { organizationId, declarationId } = await published();
    const path = `/admin/organizations/${organizationId}/declarations/${declarationId}`;
    const version = async () => /name="rowVersion" value="(\d+)"/.exec((await admin.request('GET', `/admin/organizations/${organizationId}`)).text)![1]!;
    const page = await admin.request('GET', `/admin/organizations/${organizationId}`);
    expect(page.text).toContain('id="suspend-form"');
    // The revocation request goes to /admin/revocations, with what that page needs to come back here.
    const revoke = /<form[^>]*id="revoke-form"[^>]*>([\s\S]*?)<\/form>/.exec(page.text)!;
    expect(revoke[0]).toMatch(/action="\/admin\/revocations"/);
    expect(revoke[1]).toContain('name="subjectType" value="declaration"');
    expect(revoke[1]).toContain(`name="subjectId" value="${declarationId}"`);
    expect(revoke[1]).toContain(`name="back" value="/admin/organizations/${organizationId}"`);
    expect(revoke[1]).toContain('value="false-declaration"');
    expect(revoke[1]).toContain('別の管理者が承認');
    expect(page.text).toContain(`href="/admin/organizations/${organizationId}/edit"`);

    const reviewerPage = await reviewer.request('GET', `/admin/organizations/${organizationId}`);
    expect(reviewerPage.status).toBe(200);
    expect(reviewerPage.text).not.toContain('id="suspend-form"');
    expect(reviewerPage.text).not.toContain('id="revoke-form"');
    const before = state();
    const byReviewer = await reviewer.request('POST', `${path}/suspend`, { form: { csrf: await staffCsrf(reviewer), reason: 'under-investigation' } });
    expect(byReviewer.status).toBe(403);
    const noReason = await admin.request('POST', `${path}/suspend`, { form: { csrf: await staffCsrf(admin), rowVersion: await version(), reason: '', note: '確認中です' } });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toMatch(/id="f-reason-error"[^>]*>[\s\S]*?一時停止の理由を選んでください/);
    expect(noReason.text).toContain('確認中です');
    expect(state()).toBe(before);
    const controlNote = await admin.request('POST', `${path}/suspend`, { form: { csrf: await staffCsrf(admin), rowVersion: await version(), reason: 'other', note: '確認\u0007中です' } });
    expect(controlNote.status).toBe(400);
    expect(controlNote.text).toMatch(/id="f-note-error"[^>]*>[\s\S]*?制御文字は使えません/);
    expect(controlNote.text).not.toContain('補足は2000文字以内');
    const longNote = await admin.request('POST', `${path}/suspend`, { form: { csrf: await staffCsrf(admin), rowVersion: await version(), reason: 'other', note: 'あ'.repeat(2001) } });
    expect(longNote.status).toBe(400);
    expect(longNote.text).toMatch(/id="f-note-error"[^>]*>[\s\S]*?補足は2000文字以内で入力してください（今は2001文字）。/);
    // A line break counts as one character, as the browser's own limit (maxlength) counts it, not as the CRLF the form sends.
    const brokenNote = await admin.request('POST', `${path}/suspend`, { form: { csrf: await staffCsrf(admin), rowVersion: await version(), reason: 'other', note: `${'あ'.repeat(1999)}\r\nい` } });
    expect(brokenNote.text).toMatch(/id="f-note-error"[^>]*>[\s\S]*?（今は2001文字）。/);
    expect(state()).toBe(before);

    const suspended = await admin.request('POST', `${path}/suspend`, { form: { csrf: await staffCsrf(admin), rowVersion: await version(), reason: 'under-investigation', note: '' } });
    expect(suspended.status).toBe(303);
    expect(suspended.headers.get('location')).toBe(`/admin/organizations/${organizationId}?done=suspended`);
    expect((await server.call('GET', `/api/v1/declarations/${declarationId}`, { token: null })).body).toMatchObject({ status: 'suspended' });
    expect((await server.call('GET', `/organizations/${organizationId}`, { token: null })).text).toContain('一時停止中');
    const after = await admin.request('GET', `/admin/organizations/${organizationId}`);
    expect(after.text).toContain('調査中');
    expect(after.text).toContain('id="reinstate-form"');
    expect(after.text).toContain('id="revoke-form"');

    // Twice is a state conflict, shown on the page.
    const suspendedVersion = await version();
    const again = await admin.request('POST', `${path}/suspend`, { form: { csrf: await staffCsrf(admin), rowVersion: suspendedVersion, reason: 'other' } });
    expect(again.status).toBe(409);
    expect(again.text).toContain('この宣言は既に「一時停止中」です。');
    // In English too in the page's words, not the state's code ('… whose current state is "suspended"').
    const againEnglish = await admin.request('POST', `${path}/suspend?lang=en`, { form: { csrf: await staffCsrf(admin), rowVersion: suspendedVersion, reason: 'other' } });
    expect(againEnglish.status).toBe(409);
    expect(againEnglish.text).toContain('This declaration is already &quot;Suspended&quot;.');
    expect(againEnglish.text).not.toContain('current state is');
    const reinstated = await admin.request('POST', `${path}/reinstate`, { form: { csrf: await staffCsrf(admin), rowVersion: suspendedVersion } });
    expect(reinstated.status).toBe(303);
    expect((await server.call('GET', `/api/v1/declarations/${declarationId}`, { token: null })).body).toMatchObject({ status: 'published' });
    // A declaration of another organization is not found through this one.
    expect((await admin.request('POST', `/admin/organizations/${await company()}/declarations/${declarationId}/suspend`, { form: { csrf: await staffCsrf(admin), reason: 'other' } })).status).toBe(404);
  });

  it('suspend and reinstate act on the version the page showed: none posted is a 400 naming rowVersion, an older one (another administrator acted meanwhile) a 409; nothing changes', async () => {
    const { organizationId, declarationId } = await published();
    const path = `/admin/organizations/${organizationId}/declarations/${declarationId}`;
    const version = async () => /name="rowVersion" value="(\d+)"/.exec((await admin.request('GET', `/admin/organizations/${organizationId}`)).text)![1]!;
    const status = async () => (await server.call('GET', `/api/v1/declarations/${declarationId}`, { token: null })).body.status;
    const shown = await version();
    let before = state();
    const unversioned = await admin.request('POST', `${path}/suspend`, { form: { csrf: await staffCsrf(admin), reason: '', note: '確認中です' } });
    expect(unversioned.status).toBe(400);
    expect(unversioned.text).toContain('フォームの版（rowVersion）が送られていないか、正しくありません。');
    // The same round names the reason too, and keeps the note.
    expect(unversioned.text).toMatch(/id="f-reason-error"[^>]*>[\s\S]*?一時停止の理由を選んでください/);
    expect(unversioned.text).toContain('確認中です');
    expect(state()).toBe(before);

    // A second administrator suspends it meanwhile: the first one's page is out of date.
    expect((await server.call('POST', `/api/v1/declarations/${declarationId}/suspend`, { body: { reason: 'under-investigation' } })).status).toBe(200);
    const newer = await version();
    before = state();
    const staleSuspend = await admin.request('POST', `${path}/suspend?lang=en`, { form: { csrf: await staffCsrf(admin), rowVersion: shown, reason: 'other' } });
    expect(staleSuspend.status).toBe(409);
    expect(staleSuspend.text).toContain('Someone else changed this declaration after you opened this page. Nothing was changed');
    const unversionedReinstate = await admin.request('POST', `${path}/reinstate`, { form: { csrf: await staffCsrf(admin) } });
    expect(unversionedReinstate.status).toBe(400);
    expect(unversionedReinstate.text).toContain('フォームの版（rowVersion）が送られていないか、正しくありません。');
    const staleReinstate = await admin.request('POST', `${path}/reinstate`, { form: { csrf: await staffCsrf(admin), rowVersion: shown } });
    expect(staleReinstate.status).toBe(409);
    expect(staleReinstate.text).toContain('この宣言は、このページを開いた後に別の人が変更しました。何も変更していません。');
    expect(state()).toBe(before);
    expect(await status()).toBe('suspended');

    const reinstated = await admin.request('POST', `${path}/reinstate`, { form: { csrf: await staffCsrf(admin), rowVersion: newer } });
    expect(reinstated.status).toBe(303);
    expect(await status()).toBe('published');
  });

  it('a hand-made suspend of a suspended declaration, or reinstatement of a published one, answers 409 on the organization page saying its state, not a 400 about a form the page does not show; nothing changes', async () => {
    const { organizationId, declarationId } = await published();
    const path = `/admin/organizations/${organizationId}/declarations/${declarationId}`;
    const version = async () => /name="rowVersion" value="(\d+)"/.exec((await admin.request('GET', `/admin/organizations/${organizationId}`)).text)![1]!;
    let before = state();
    const reinstateForms: Record<string, string>[] = [{ csrf: await staffCsrf(admin) }, { csrf: await staffCsrf(admin), rowVersion: await version() }];
    for (const form of reinstateForms) {
      const reinstate = await admin.request('POST', `${path}/reinstate`, { form });
      expect(reinstate.status, JSON.stringify(form)).toBe(409);
      expect(reinstate.text).toContain('この宣言は既に「公表中」です。');
      expect(reinstate.text).not.toContain('rowVersion）が送られていない');
    }
    expect(state()).toBe(before);

    expect((await server.call('POST', `/api/v1/declarations/${declarationId}/suspend`, { body: { reason: 'under-investigation' } })).status).toBe(200);
    const current = await version();
    before = state();
    // The page shows no suspension form for it now: a post without a version, or with a note the form would refuse, is told it is suspended already.
    const suspendForms: Record<string, string>[] = [{ csrf: await staffCsrf(admin), reason: '', note: '確認中です' }, { csrf: await staffCsrf(admin), rowVersion: current, reason: 'other', note: '確認\u0007中です' }];
    for (const form of suspendForms) {
      const again = await admin.request('POST', `${path}/suspend`, { form });
      expect(again.status, JSON.stringify(form)).toBe(409);
      expect(again.text).toContain('この宣言は既に「一時停止中」です。');
      expect(again.text).not.toContain('一時停止の理由を選んでください');
      expect(again.text).not.toContain('制御文字は使えません');
      expect(again.text).not.toContain('rowVersion）が送られていない');
    }
    const english = await admin.request('POST', `${path}/suspend?lang=en`, { form: { csrf: await staffCsrf(admin), reason: '' } });
    expect(english.status).toBe(409);
    expect(english.text).toContain('This declaration is already &quot;Suspended&quot;.');
    expect(state()).toBe(before);
  });

  it('names the badge of a declaration its organization withdrew 取下げ / Withdrawn, as its verification page does, not 取消 (a sanction it never had)', async () => {
    const { organizationId, declarationId } = await published();
    expect((await server.call('POST', `/api/v1/declarations/${declarationId}/withdraw`)).status).toBe(200);
    for (const [lang, withdrawn, revoked] of [['', '取下げ', '取消'], ['?lang=en', 'Withdrawn', 'Revoked']] as const) {
      const page = await admin.request('GET', `/admin/organizations/${organizationId}${lang}`);
      const badges = /<table id="org-credentials">([\s\S]*?)<\/table>/.exec(page.text)![1]!;
      const status = [...badges.matchAll(/<tr>[\s\S]*?<\/th><td>[^<]*<\/td><td>([^<]*)<\/td>/g)].map((m) => m[1]);
      expect(status).toEqual([withdrawn]);
      expect(badges).not.toContain(`<td>${revoked}</td>`);
    }
  });

  it('fills the form in from the 法人番号 lookup (nothing saved), and says so when there is no answer', async () => {
    const form = await admin.request('GET', '/admin/organizations/new');
    expect(form.text).toContain('id="lookup-button"');
    expect(form.text).toContain('国税庁の法人番号公表サイトから名称・所在地を取得');
    const before = state();
    ntaRequests.length = 0;
    const filled = await admin.request('POST', '/admin/organizations', { form: await registerForm(admin, { action: 'lookup', kind: '', corporateNumber: ACTIVE, contactName: '保持 太郎' }) });
    expect(filled.status).toBe(200);
    expect(valueOf(filled.text, 'f-name')).toBe('株式会社信州リモートワーク＆サテライト');
    expect(valueOf(filled.text, 'f-nameKana')).toBe('シンシュウリモートワークアンドサテライト');
    expect(valueOf(filled.text, 'f-city')).toBe('茅野市');
    expect(filled.text).toMatch(/<option value="20" selected="">長野県<\/option>/);
    expect(filled.text).toMatch(/id="f-kind" name="kind" value="company" checked=""/);
    expect(valueOf(filled.text, 'f-contactName')).toBe('保持 太郎'); // what was typed stays
    expect(filled.text).toMatch(/id="lookup-result"[\s\S]*?国税庁 法人番号公表サイト/);
    expect(ntaRequests.map((u) => u.searchParams.get('id'))).toEqual([APP_ID]);
    expect(filled.text).not.toContain(APP_ID);
    expect(state()).toBe(before);

    const missing = await admin.request('POST', '/admin/organizations', { form: await registerForm(admin, { action: 'lookup', corporateNumber: MISSING, name: '手入力株式会社' }) });
    expect(missing.status).toBe(200);
    expect(missing.text).toContain('見つかりませんでした');
    expect(valueOf(missing.text, 'f-name')).toBe('手入力株式会社');
    const failing = await admin.request('POST', '/admin/organizations', { form: await registerForm(admin, { action: 'lookup', corporateNumber: FAILING }) });
    expect(failing.status).toBe(200);
    expect(failing.text).toMatch(/id="lookup-result"[^>]*>[\s\S]*?正しい応答を得られませんでした/);
    const invalid = await admin.request('POST', '/admin/organizations', { form: await registerForm(admin, { action: 'lookup', corporateNumber: '123' }) });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toMatch(/id="f-corporateNumber-error"[^>]*>[\s\S]*?13桁/);
    expect(state()).toBe(before);
  });

  it('exports every organization as an Excel-friendly CSV (administrators only), audited with its row count', async () => {
    const tricky = 'カンマ,と"引用符"のある株式会社';
    const trickyId = await company({ name: tricky, contact: { name: '=cmd|\' /C calc\'!A0', phone: '+81-3-0000-0000', email: 'csv@example.co.jp' } });
    const csvPath = '/admin/organizations/export.csv';
    // Read as bytes: Response.text() would swallow the BOM.
    const cookie = [...admin.jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(server.url + csvPath, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="organizations-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const records = parseCsv(text);
    expect(records[0]!.slice(0, 3)).toEqual(['団体ID', '種別', '名称']);
    expect(records[0]).toEqual(expect.arrayContaining(['法人番号', '地方公共団体コード', '都道府県', '業種', '宣言の状態', '連絡先担当者', '連絡先メール', '連絡先電話']));
    const column = (name: string) => records[0]!.indexOf(name);
    const row = records.find((r) => r[0] === trickyId)!;
    expect(row[column('名称')]).toBe(tricky); // comma and quotes round-trip (names are one line)
    expect(row[column('連絡先担当者')]).toBe('\'=cmd|\' /C calc\'!A0'); // no formula
    expect(row[column('連絡先電話')]).toBe('\'+81-3-0000-0000');
    expect(row[column('連絡先メール')]).toBe('csv@example.co.jp');
    expect(row[column('宣言の状態')]).toBe('なし');
    // Dates in Japan time as Excel reads them (2026-01-31 09:05:03), not the UTC instant as text.
    const { createdAt } = (await server.call('GET', `/api/v1/organizations/${trickyId}`)).body;
    const japan = new Date(Date.parse(createdAt) + 9 * 3_600_000).toISOString();
    expect(row[column('登録日時（日本時間）')]).toBe(`${japan.slice(0, 10)} ${japan.slice(11, 19)}`);
    expect(row[column('更新日時（日本時間）')]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const apiCount = await countOrganizations();
    expect(records.length - 1).toBe(apiCount);
    const entry = (await audit('organizations.export')).at(-1); // this export: an earlier test exports too
    expect(entry).toMatchObject({ actorRole: 'admin:administrator', after: { rows: apiCount, complete: true } });
    expect(entry.actorTokenId).toMatch(/^account:/);

    expect((await viewer.request('GET', csvPath)).status).toBe(403);
    expect((await reviewer.request('GET', csvPath)).status).toBe(403);
    const nobody = await browser(server, server.url).request('GET', csvPath);
    expect(nobody.status).toBe(302);
    expect(nobody.headers.get('location')).toMatch(/^\/admin\/login\?/);
  });

  it('links each declaration to its review page (its versions and history) and each award to its page, from the organization’s page', async () => {
    const { organizationId, declarationId } = await published();
    const award = await server.call('POST', '/api/v1/awards', { body: { organizationId, fiscalYear: 2025, category: 'excellence' } });
    expect(award.status, award.text).toBe(201);
    for (const [lang, suffix] of [['ja', ''], ['en', '?lang=en']] as const) {
      const page = (await viewer.request('GET', `/admin/organizations/${organizationId}${suffix}`)).text;
      const row = new RegExp(`<tr id="declaration-${declarationId}">([\\s\\S]*?)</tr>`).exec(page)![1]!;
      expect(row, lang).toContain(`href="/admin/reviews/${declarationId}${suffix}"`);
      const awards = /<ul class="plain-list" id="org-awards">([\s\S]*?)<\/ul>/.exec(page)![1]!;
      expect(awards, lang).toContain(`href="/admin/awards/${award.body.id}${suffix}"`);
      // The award day in the page's own brackets.
      expect(awards, lang).toContain(lang === 'ja' ? '</a>（' : '</a> (');
    }
  });

  it('the English page writes an invitation’s address in English brackets, not （…）', async () => {
    const organizationId = await company();
    const invited = await server.call('POST', `/api/v1/organizations/${organizationId}/invitations`, { body: { role: 'owner', email: 'invitee@example.jp' } });
    expect(invited.status, invited.text).toBe(201);
    const en = (await admin.request('GET', `/admin/organizations/${organizationId}?lang=en`)).text;
    expect(en).toContain('Owner (invitee@example.jp) — valid until');
    expect((await admin.request('GET', `/admin/organizations/${organizationId}`)).text).toContain('管理者（invitee@example.jp） — ');
  });
});

/** Every organization, counted through the API's pages. */
async function countOrganizations(): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page: any = (await server.call('GET', `/api/v1/organizations?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).body;
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}
