// A company registers itself after signing in with GビズID (OIDC_SELF_REGISTRATION, on by default):
// the real local OpenID Connect provider, the 法人番号 Web-API's stand-in on loopback, real HTTP
// against the Node server or the Worker, on a real SQLite/D1 file.
import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rowsIn } from '../helpers/database-file.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserFetch, CookieJar, signInOverHttp, startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';
import { COMPANY, corporateNumberFor, DECLARATION, freePort, recordsOf, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, signInAsStaff } from '../helpers/staff.js';
import { pageText } from '../helpers/web-browser.js';

/** Numbers the Web-API's stand-in knows: a company, a closed one, and one whose lookup fails. */
const LISTED = corporateNumberFor(8101);
const CLOSED = corporateNumberFor(8102);
const FAILING = corporateNumberFor(8103);
const REGISTRATION_COOKIE = 'registry_flow-oidc-registration';

let provider: TestOidcProvider;
let registry: TestServer;
let nta: Server;
let sequence = 0;
let numbers = 8200;

const corporation = (number: string, closeDate?: string) =>
  '<?xml version="1.0" encoding="UTF-8"?><corporations><lastUpdateDate>2026-11-20</lastUpdateDate><count>1</count><divideNumber>1</divideNumber><divideSize>1</divideSize>' +
  `<corporation><sequenceNumber>1</sequenceNumber><corporateNumber>${number}</corporateNumber><process>${closeDate ? '21' : '01'}</process><correct>0</correct><updateDate>2024-06-12</updateDate>` +
  `<changeDate>2015-10-05</changeDate><name>株式会社信州リモートワーク</name><nameImageId/><kind>301</kind><prefectureName>長野県</prefectureName>` +
  '<cityName>茅野市</cityName><streetNumber>ちの３５０２番地１</streetNumber><addressImageId/><prefectureCode>20</prefectureCode><cityCode>214</cityCode>' +
  '<postCode>3910002</postCode><addressOutside/><addressOutsideImageId/>' +
  (closeDate ? `<closeDate>${closeDate}</closeDate><closeCause>01</closeCause>` : '<closeDate/><closeCause/>') +
  '<successorCorporateNumber/><changeCause/><assignmentDate>2015-10-05</assignmentDate><latest>1</latest><enName>Shinshu Remote Work Co., Ltd.</enName><enPrefectureName>Nagano</enPrefectureName>' +
  '<enCityName>Chino-shi</enCityName><enAddressOutside/><furigana>シンシュウリモートワーク</furigana><hihyoji>0</hihyoji></corporation></corporations>';

function answer(request: IncomingMessage, response: ServerResponse) {
  const number = new URL(request.url!, 'http://127.0.0.1').searchParams.get('number');
  const xml = (body: string) => response.writeHead(200, { 'content-type': 'application/xml; charset=UTF-8' }).end(body);
  if (number === LISTED) return xml(corporation(LISTED));
  if (number === CLOSED) return xml(corporation(CLOSED, '2023-03-31'));
  if (number === FAILING) return response.writeHead(500, { 'content-type': 'text/plain; charset=UTF-8' }).end('999,システムエラーが発生しました。');
  return xml('<?xml version="1.0" encoding="UTF-8"?><corporations><lastUpdateDate>2026-11-20</lastUpdateDate><count>0</count><divideNumber>1</divideNumber><divideSize>0</divideSize></corporations>');
}

/** A new person at the provider, of a company no organization holds (unless `corporateNumber` is given). */
function person(corporateNumber = corporateNumberFor(++numbers), name = '人事 花子') {
  const sub = `gbiz-self-${++sequence}`;
  provider.addAccount({ sub, corporateNumber, email: `${sub}@example.jp`, name });
  return { sub, corporateNumber, name, email: `${sub}@example.jp` };
}

const rows = (sql: string, ...params: unknown[]) => rowsIn(registry.dbPath, sql, ...params);
const organizationsWith = (corporateNumber: string) => rows('SELECT id, name, prefecture_code, contact FROM organizations WHERE corporate_number = ?', corporateNumber);

async function auditOf(action: string) {
  const log = await registry.call('GET', `/api/v1/audit-log?action=${action}&limit=100`);
  expect(log.status).toBe(200);
  return log.body.items as { action: string; actorTokenId: string | null; entityId: string; after: any }[];
}

/** Signs `sub` in with GビズID in `jar`: the "not registered yet" page, which keeps the registration in the jar's cookie. */
async function signInUnregistered(sub: string, jar = new CookieJar()) {
  const signIn = await signInOverHttp(registry.url, provider, sub, { jar });
  expect(signIn.status).toBe(403);
  expect(signIn.sessionCookie).toBeNull();
  return { jar, page: signIn.body };
}

const open = async (jar: CookieJar, path = '/auth/oidc/register') => {
  const response = await browserFetch(jar, `${registry.url}${path}`);
  return { status: response.status, body: await response.text(), location: response.headers.get('location') };
};

const post = async (jar: CookieJar, fields: Record<string, string>, init: { origin?: string | null; path?: string } = {}) => {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const origin = init.origin === undefined ? registry.url : init.origin;
  if (origin) headers.origin = origin;
  const response = await browserFetch(jar, `${registry.url}${init.path ?? '/auth/oidc/register'}`, { method: 'POST', headers, body: new URLSearchParams(fields).toString() });
  return { status: response.status, body: await response.text(), location: response.headers.get('location'), setCookies: response.headers.getSetCookie() };
};

/** The form's fields as the page shows them (inputs and selected options), with its CSRF token. */
function formOf(html: string): Record<string, string> {
  const form = /<form[^>]*id="self-registration-form"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const fields: Record<string, string> = {};
  for (const [, tag] of form.matchAll(/<input([^>]*)>/g)) {
    const name = /name="([^"]+)"/.exec(tag!)?.[1];
    if (name) fields[name] = (/value="([^"]*)"/.exec(tag!)?.[1] ?? '').replace(/&amp;/g, '&');
  }
  for (const [, name, options] of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    fields[name!] = /<option value="([^"]*)" selected/.exec(options!)?.[1] ?? '';
  }
  return fields;
}

/** The message printed next to a field (its f-<name>-error paragraph), as read. */
const fieldError = (html: string, name: string) => pageText(/<p class="field-error" id="f-[^"]+-error">[\s\S]*?<\/p>/.exec(html.slice(html.indexOf(`id="f-${name}-error"`) - 40))?.[0] ?? '').trim();

const mainOf = (html: string) => /<main[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? '';
const sessionOf = (setCookies: string[]) => setCookies.map((line) => /^((?:__Host-session|registry_session)=[^;]+)/.exec(line)?.[1]).find((v) => v && !v.endsWith('='));

beforeAll(async () => {
  nta = createServer(answer);
  await new Promise<void>((resolve) => nta.listen(0, '127.0.0.1', resolve));
  const port = await freePort();
  const registryUrl = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider({ redirectUri: `${registryUrl}/auth/oidc/callback` });
  // OIDC_SELF_REGISTRATION is not set: on is the default.
  registry = await startTestServer({
    PORT: String(port), PUBLIC_BASE_URL: registryUrl, ...provider.registryEnv,
    NTA_APPLICATION_ID: 'test-application-id', NTA_API_URL: `http://127.0.0.1:${(nta.address() as AddressInfo).port}`,
  });
});

afterAll(async () => {
  await registry?.close();
  await provider?.close();
  nta?.closeAllConnections();
  await new Promise((resolve) => nta?.close(resolve));
});

describe('a company not registered yet registers itself after signing in with GビズID', () => {
  it('is offered the registration, fills in the form (prefilled from GビズID and the 法人番号 Web-API), lands on /my as the owner; the registry, the audit and the back office show it', async () => {
    const { sub, name, email } = person(LISTED, '信州 花子');
    const before = rows('SELECT COUNT(*) AS n FROM accounts')[0].n;
    const { jar, page } = await signInUnregistered(sub);
    expect(mainOf(page)).toContain('<h1>団体が登録されていません</h1>');
    expect(mainOf(page)).toMatch(/<a class="button" href="\/auth\/oidc\/register" id="self-register">この法人を登録して自己宣言を始める<\/a>/);
    // Nothing saved yet but the registration, which the browser holds only a random id of.
    expect(rows('SELECT COUNT(*) AS n FROM accounts')[0].n).toBe(before);
    const cookie = jar.get(registry.url, REGISTRATION_COOKIE)!;
    expect(cookie).toMatch(/^[\w-]{30,}$/);
    expect(registry.snapshot()).not.toContain(cookie);
    expect(registry.snapshot()).toContain(createHash('sha256').update(cookie).digest('hex'));

    const form = await open(jar);
    expect(form.status).toBe(200);
    expect(form.body).toContain(`<dd id="corporate-number">${LISTED}</dd>`);
    // The 法人番号 is GビズID's, not an input.
    expect(form.body).not.toMatch(/<input[^>]*name="corporateNumber"/);
    const fields = formOf(form.body);
    expect(fields).toMatchObject({ name: '株式会社信州リモートワーク', nameKana: 'シンシュウリモートワーク', nameEn: 'Shinshu Remote Work Co., Ltd.', prefectureCode: '20', city: '茅野市', contactName: name, contactEmail: email });
    expect(pageText(form.body)).toContain('国税庁 法人番号公表サイト（法人番号システム Web-API）の情報で、名称・フリガナ・都道府県・市区町村を入力しました');

    // A 法人番号 slipped into the post changes nothing: the company is GビズID's.
    const registered = await post(jar, { ...fields, industryCode: 'G', sizeBand: '10-49', website: 'https://shinshu-remote.example.jp/', corporateNumber: corporateNumberFor(8999), kind: 'municipality' });
    expect(registered.status).toBe(303);
    expect(registered.location).toBe('/my');
    const session = sessionOf(registered.setCookies)!;
    expect(session).toBeTruthy();
    expect(registered.setCookies.some((line) => line.startsWith(`${REGISTRATION_COOKIE}=;`) || (line.startsWith(`${REGISTRATION_COOKIE}=`) && /Max-Age=0/.test(line)))).toBe(true);

    const my = await fetch(`${registry.url}/my`, { headers: { cookie: session }, redirect: 'manual' });
    expect(my.status).toBe(200);
    const dashboard = await my.text();
    expect(dashboard).toContain('株式会社信州リモートワーク');
    expect(dashboard).toContain('まだ自己宣言がありません');

    const [organization] = organizationsWith(LISTED);
    expect(organizationsWith(corporateNumberFor(8999))).toEqual([]);
    const api = await registry.call('GET', `/api/v1/organizations/${organization.id}`);
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({ kind: 'company', corporateNumber: LISTED, name: '株式会社信州リモートワーク', prefectureCode: '20', city: '茅野市', industryCode: 'G', sizeBand: '10-49', website: 'https://shinshu-remote.example.jp/', contact: { name, email } });
    const account = rows('SELECT id FROM accounts WHERE oidc_subject = ?', sub)[0];
    expect(rows('SELECT role FROM memberships WHERE account_id = ? AND organization_id = ?', account.id, organization.id)).toEqual([{ role: 'owner' }]);

    const created = (await auditOf('organization.create')).filter((e) => e.entityId === organization.id);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ actorTokenId: `account:${account.id}`, after: { via: 'gbizid-self-registration', corporateNumber: LISTED, registeredBy: { accountId: account.id, name } } });
    const joined = (await auditOf('member.join')).filter((e) => e.entityId === organization.id);
    expect(joined.map((e) => e.after)).toEqual([{ accountId: account.id, role: 'owner', via: 'oidc-self-registration' }]);
    expect((await auditOf('account.sign-in')).filter((e) => e.entityId === account.id)).toHaveLength(1);

    // The secretariat sees, in words, that the organization registered itself, and who did it.
    const admin = await signInAsAdministrator(registry);
    const trail = pageText((await admin.request('GET', `/admin/organizations/${organization.id}`)).text);
    expect(trail).toContain('団体の登録（GビズIDで団体自身が登録）');
    expect(trail).toContain('団体メンバーの参加（団体を登録した管理者）');
    expect(trail).toContain(name);
    expect(pageText((await admin.request('GET', `/admin/audit?organization=${organization.id}`)).text)).toContain('団体の登録（GビズIDで団体自身が登録）');

    // Used once: the same registration posted again registers nothing more.
    jar.store(registry.url, new Response(null, { headers: { 'set-cookie': `${REGISTRATION_COOKIE}=${cookie}; Path=/` } }));
    const replayed = await post(jar, fields);
    expect(replayed.status).toBe(410);
    expect(mainOf(replayed.body)).toContain('GビズIDでもう一度ログインしてください（登録が済んでいれば、団体のページが開きます）。');
    // The company was registered: the page must not say that nothing was.
    expect(mainOf(replayed.body)).not.toContain('何も保存していません');
    expect(organizationsWith(LISTED)).toHaveLength(1);

    // Signing in again goes straight to the organization's page.
    const again = await signInOverHttp(registry.url, provider, sub);
    expect(again.status).toBe(303);
    expect(again.location).toBe('/my');
  });

  it('its review and its back-office page tell staff that the company registered itself, and by whom; one the secretariat registered says so', async () => {
    const someone = person(undefined, '審査 対象子');
    const { jar } = await signInUnregistered(someone.sub);
    const fields = { ...formOf((await open(jar)).body), name: '株式会社じことうろく', prefectureCode: '13' };
    expect((await post(jar, fields)).status).toBe(303);
    const [self] = organizationsWith(someone.corporateNumber);
    const secretariats = await registry.call('POST', '/api/v1/organizations', { body: { ...COMPANY, corporateNumber: corporateNumberFor(8998), name: '株式会社じむきょく' } });
    expect(secretariats.status, secretariats.text).toBe(201);
    const submitted = async (organizationId: string) => {
      const declaration = await registry.call('POST', `/api/v1/organizations/${organizationId}/declarations`, { body: DECLARATION });
      expect(declaration.status, declaration.text).toBe(201);
      expect((await registry.call('POST', `/api/v1/declarations/${declaration.body.id}/submit`)).status).toBe(200);
      return declaration.body.id as string;
    };
    const admin = await signInAsAdministrator(registry);
    const reviewer = await signInAsStaff(registry, admin, 'reviewer', '審査 一郎');
    const selfReview = pageText((await reviewer.request('GET', `/admin/reviews/${await submitted(self.id)}`)).text);
    expect(selfReview).toMatch(/団体の登録\s*GビズIDで団体自身が登録（\d{4}年\d{1,2}月\d{1,2}日、審査 対象子）。名称・所在地などは団体の入力で、事務局は確かめていません。/);
    const secretariatReview = pageText((await reviewer.request('GET', `/admin/reviews/${await submitted(secretariats.body.id)}`)).text);
    expect(secretariatReview).toMatch(/団体の登録\s*事務局/);
    expect(secretariatReview).not.toContain('GビズIDで団体自身が登録');
    // The organization's own page says the same, however long its audit trail grows.
    expect(pageText((await reviewer.request('GET', `/admin/organizations/${self.id}`)).text)).toMatch(/団体の登録\s*GビズIDで団体自身が登録（\d{4}年\d{1,2}月\d{1,2}日、審査 対象子）/);
    expect(pageText((await reviewer.request('GET', `/admin/organizations/${secretariats.body.id}`)).text)).toMatch(/団体の登録\s*事務局/);
  });

  it('when the lookup knows no such company or fails, the form says so and the person types the details', async () => {
    const unknown = person();
    const { jar } = await signInUnregistered(unknown.sub);
    const form = await open(jar);
    expect(form.status).toBe(200);
    expect(pageText(form.body)).toContain(`国税庁の法人番号公表サイトで法人番号 ${unknown.corporateNumber} の法人が見つかりませんでした。 名称・都道府県などを入力してください。`);
    expect(formOf(form.body)).toMatchObject({ name: '', prefectureCode: '', contactName: unknown.name, contactEmail: unknown.email });
    const typed = await post(jar, { ...formOf(form.body), name: '株式会社てがき', prefectureCode: '13' });
    expect(typed.status).toBe(303);
    expect(organizationsWith(unknown.corporateNumber)).toMatchObject([{ name: '株式会社てがき', prefecture_code: '13' }]);

    const failing = await signInUnregistered(person(FAILING).sub);
    const failingForm = await open(failing.jar);
    expect(failingForm.status).toBe(200);
    expect(pageText(failingForm.body)).toContain('法人番号の照会先から正しい応答を得られませんでした。');
    expect(pageText(failingForm.body)).toContain('名称・都道府県などを入力してください。');
    expect(formOf(failingForm.body).name).toBe('');
  });

  it('a closed corporation is refused with the reason, at the form and at its post; nothing is saved', async () => {
    const { jar } = await signInUnregistered(person(CLOSED).sub);
    const form = await open(jar);
    expect(form.status).toBe(403);
    expect(mainOf(form.body)).toContain('<h1>この法人は登録できません</h1>');
    expect(pageText(form.body)).toContain(`法人番号 ${CLOSED} の法人は登記記録が閉鎖されています（2023年3月31日）`);
    // A post made without the form's page (its token read from the registration kept on the server).
    const hash = createHash('sha256').update(jar.get(registry.url, REGISTRATION_COOKIE)!).digest('hex');
    const { csrf } = JSON.parse(rows('SELECT data FROM auth_flows WHERE id_hash = ?', hash)[0].data);
    const records = recordsOf(registry);
    const posted = await post(jar, { csrf, name: '閉鎖株式会社', prefectureCode: '13' });
    expect(posted.status).toBe(403);
    expect(mainOf(posted.body)).toContain('<h1>この法人は登録できません</h1>');
    expect(recordsOf(registry)).toBe(records);
    expect(organizationsWith(CLOSED)).toEqual([]);
  });

  it('the page of a municipality’s 法人番号 offers no registration (the secretariat registers municipalities)', async () => {
    const { jar, page } = await signInUnregistered(person('8000020130001').sub);
    expect(mainOf(page)).not.toContain('/auth/oidc/register');
    expect(mainOf(page)).toContain('団体の登録を依頼してください');
    expect(jar.get(registry.url, REGISTRATION_COOKIE)).toBeUndefined();
  });
});

describe('a registration that cannot be used: a page saying to sign in with GビズID again, nothing saved', () => {
  const expectSignInAgain = (answer: { status: number; body: string }) => {
    expect(answer.status).toBe(410);
    expect(mainOf(answer.body)).toContain('<h1>登録の手続きが見つかりません</h1>');
    expect(mainOf(answer.body)).toMatch(/<a class="button" href="\/auth\/oidc\/login" id="sign-in-again">GビズIDでもう一度ログイン<\/a>/);
  };

  it('none (no cookie), a forged id, or one past its 30 minutes', async () => {
    expectSignInAgain(await open(new CookieJar()));
    const records = recordsOf(registry);
    expectSignInAgain(await post(new CookieJar(), { name: '勝手株式会社', prefectureCode: '13' }));

    const forged = new CookieJar();
    forged.store(registry.url, new Response(null, { headers: { 'set-cookie': `${REGISTRATION_COOKIE}=${'A'.repeat(43)}; Path=/` } }));
    expectSignInAgain(await open(forged));
    expectSignInAgain(await post(forged, { name: '偽造株式会社', prefectureCode: '13' }));
    expect(recordsOf(registry)).toBe(records);

    const late = person();
    const { jar } = await signInUnregistered(late.sub);
    const form = await open(jar);
    expect(form.status).toBe(200);
    // No test clock across processes: age the registration in the database file instead.
    const db = new BetterSqlite3(registry.dbPath, { fileMustExist: true });
    try {
      const hash = createHash('sha256').update(jar.get(registry.url, REGISTRATION_COOKIE)!).digest('hex');
      expect(db.prepare('UPDATE auth_flows SET expires_at = expires_at - ? WHERE id_hash = ?').run(31 * 60_000, hash).changes).toBe(1);
    } finally {
      db.close();
    }
    expectSignInAgain(await open(jar));
    expectSignInAgain(await post(jar, { ...formOf(form.body), name: '遅刻株式会社', prefectureCode: '13' }));
    expect(organizationsWith(late.corporateNumber)).toEqual([]);
    // The server's minute sweep deletes the aged row at a moment of its own, which a later test's
    // "nothing saved" snapshot would see as a change: gone now, as the sweep leaves it.
    const cleanup = new BetterSqlite3(registry.dbPath, { fileMustExist: true });
    try {
      cleanup.prepare('DELETE FROM auth_flows WHERE expires_at <= ?').run(Date.now());
    } finally {
      cleanup.close();
    }
  });
});

describe('the form is refused, and comes back, before anything is saved', () => {
  it('without its CSRF token, with a wrong one, or from another site: 403, nothing saved; the registration still works afterwards', async () => {
    const someone = person();
    const { jar } = await signInUnregistered(someone.sub);
    const fields: Record<string, string> = { ...formOf((await open(jar)).body), name: '株式会社トークン', prefectureCode: '13' };
    const records = recordsOf(registry);
    const { csrf, ...withoutToken } = fields;
    expect(csrf).toMatch(/^[\w-]{30,}$/);
    for (const [answer, what] of [
      [await post(jar, withoutToken), 'missing'],
      [await post(jar, { ...fields, csrf: `${csrf}x` }), 'wrong'],
      [await post(jar, fields, { origin: 'https://evil.example' }), 'another site'],
    ] as const) {
      expect(answer.status, what).toBe(403);
      expect(sessionOf(answer.setCookies), what).toBeUndefined();
      expect(answer.body, what).not.toContain('株式会社トークン');
      // No session yet: the way on is the form, opened again with a fresh page (not /my).
      expect(mainOf(answer.body), what).toContain('<a href="/auth/oidc/register">登録のフォームを開き直す</a>');
    }
    expect(recordsOf(registry)).toBe(records);
    expect((await post(jar, fields)).status).toBe(303);
    expect(organizationsWith(someone.corporateNumber)).toHaveLength(1);
  });

  it('each required field missing, and a malformed website: the form again with what was typed and the message next to the field', async () => {
    const someone = person();
    const { jar } = await signInUnregistered(someone.sub);
    const fields: Record<string, string> = { ...formOf((await open(jar)).body), name: '株式会社にゅうりょく', nameKana: 'ニュウリョク', prefectureCode: '27', city: '大阪市', website: 'https://nyuryoku.example.jp/' };
    const records = recordsOf(registry);

    const noName = await post(jar, { ...fields, name: '' });
    expect(noName.status).toBe(400);
    expect(fieldError(noName.body, 'name')).toBe('エラー: 名称を入力してください。');
    expect(noName.body).toMatch(/<input type="text" id="f-name" name="name" value=""[^>]*aria-invalid="true"/);
    expect(formOf(noName.body)).toMatchObject({ nameKana: 'ニュウリョク', prefectureCode: '27', city: '大阪市', csrf: fields.csrf });
    expect(noName.body).toContain('<a href="#f-name">');

    const noPrefecture = await post(jar, { ...fields, prefectureCode: '' });
    expect(noPrefecture.status).toBe(400);
    expect(fieldError(noPrefecture.body, 'prefectureCode')).toBe('エラー: 都道府県を選んでください。');
    expect(formOf(noPrefecture.body)).toMatchObject({ name: '株式会社にゅうりょく', city: '大阪市' });

    const badWebsite = await post(jar, { ...fields, website: 'nyuryoku.example.jp' });
    expect(badWebsite.status).toBe(400);
    expect(fieldError(badWebsite.body, 'website')).toBe('エラー: ウェブサイトは http:// または https:// で始まるアドレスを入力してください。');
    expect(formOf(badWebsite.body).website).toBe('nyuryoku.example.jp');

    const badEmail = await post(jar, { ...fields, contactEmail: 'jinji@' });
    expect(badEmail.status).toBe(400);
    expect(fieldError(badEmail.body, 'contactEmail')).toContain('メールアドレス');
    expect(recordsOf(registry)).toBe(records);

    // Corrected, the same registration goes through.
    expect((await post(jar, fields)).status).toBe(303);
    expect(organizationsWith(someone.corporateNumber)).toMatchObject([{ name: '株式会社にゅうりょく', prefecture_code: '27' }]);
  });

  it('the secretariat registers the company between the form’s GET and its post: the page says so and to sign in again, which then makes the person its member', async () => {
    const someone = person();
    const { jar } = await signInUnregistered(someone.sub);
    const fields = { ...formOf((await open(jar)).body), name: '株式会社きょうそう', prefectureCode: '13' };
    const byStaff = await registry.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: '株式会社きょうそう（事務局登録）', corporateNumber: someone.corporateNumber } });
    expect(byStaff.status).toBe(201);
    const accounts = rows('SELECT COUNT(*) AS n FROM accounts')[0].n;

    const raced = await post(jar, fields);
    expect(raced.status).toBe(409);
    expect(mainOf(raced.body)).toContain('<h1>この法人はすでに登録されています</h1>');
    expect(pageText(raced.body)).toContain('GビズIDでもう一度ログインすると、その団体のメンバーになります。');
    expect(sessionOf(raced.setCookies)).toBeUndefined();
    expect(organizationsWith(someone.corporateNumber)).toMatchObject([{ id: byStaff.body.id, name: '株式会社きょうそう（事務局登録）' }]);
    expect(rows('SELECT COUNT(*) AS n FROM accounts')[0].n).toBe(accounts);
    // The form's page says the same now.
    expect((await open(jar)).status).toBe(410);

    const signedIn = await signInOverHttp(registry.url, provider, someone.sub);
    expect(signedIn.status).toBe(303);
    const account = rows('SELECT id FROM accounts WHERE oidc_subject = ?', someone.sub)[0];
    expect(rows('SELECT organization_id, role FROM memberships WHERE account_id = ?', account.id)).toEqual([{ organization_id: byStaff.body.id, role: 'owner' }]);
  });
});
