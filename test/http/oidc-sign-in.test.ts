// Sign-in with an OpenID Connect provider (GビズID's stand-in: oidc-provider in this process),
// over real HTTP against the Node server or the Worker, on a real SQLite/D1 file.
import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { importJWK, SignJWT } from 'jose';
import { rowsIn } from '../helpers/database-file.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corporateNumberFor, freePort, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { browser, csrfIn } from '../helpers/web-browser.js';
import {
  authorizeOverHttp, browserFetch, CookieJar, newSigningKey, OTHER_CLIENT_ID, signInOverHttp, startOidcProvider, type TestOidcProvider,
} from '../helpers/oidc-provider.js';

const REGISTERED = corporateNumberFor(1);
const UNREGISTERED = corporateNumberFor(999);

let provider: TestOidcProvider;
let registry: TestServer;
let organizationId: string;
let sequence = 0;

/** A new person at the provider (each test signs in as someone new, so tests do not depend on each other). */
function person(corporateNumber: string | null, name = '人事 花子') {
  const sub = `gbiz-${++sequence}`;
  provider.addAccount({ sub, corporateNumber, email: `${sub}@example.jp`, name });
  return sub;
}

const rows = (sql: string, ...params: unknown[]) => rowsIn(registry.dbPath, sql, ...params);
const count = (table: string) => (rows(`SELECT COUNT(*) AS n FROM ${table}`)[0] as { n: number }).n;
/** What a refused sign-in must leave untouched: no account, member or session appears. */
const people = () => ({ accounts: count('accounts'), memberships: count('memberships'), sessions: count('sessions') });

async function auditOf(action: string) {
  const log = await registry.call('GET', `/api/v1/audit-log?action=${action}&limit=100`);
  expect(log.status).toBe(200);
  return log.body.items as { action: string; actorTokenId: string | null; entityId: string; after: any; requestId: string | null }[];
}
const refusalReasons = async () => (await auditOf('account.sign-in-refused')).map((e) => e.after.reason as string);

/** GET /auth/oidc/login in `jar`: the provider's authorization URL (with state and nonce). */
async function startLogin(jar: CookieJar, query = '') {
  const login = await browserFetch(jar, `${registry.url}/auth/oidc/login${query}`);
  expect(login.status).toBe(302);
  return new URL(login.headers.get('location')!);
}

/** GET the callback as the browser would; the page and cookies the registry answered with. */
async function callback(jar: CookieJar, url: string) {
  const response = await browserFetch(jar, url);
  return { status: response.status, location: response.headers.get('location'), setCookies: response.headers.getSetCookie(), body: await response.text() };
}

/** A refusal as a person sees it: 400, the bilingual page, no session cookie, nothing secret on it. */
function expectRefusedPage(answer: { status: number; setCookies: string[]; body: string }, secrets: string[] = []) {
  expect(answer.status).toBe(400);
  expect(answer.body).toContain('ログインできませんでした');
  expect(answer.setCookies.some((line) => /^(registry_session|__Host-session)=[^;]+/.test(line))).toBe(false);
  expect(answer.body).not.toMatch(/eyJ[\w-]+\.[\w-]+/); // no JWT
  expect(answer.body).not.toMatch(/\bat \S+ \(|Error:/); // no stack
  for (const secret of secrets) expect(answer.body).not.toContain(secret);
}

/** The site's contact page (SITE_CONTACT_URL), with a character the page must escape. */
const CONTACT_URL = 'https://example.go.jp/contact?topic=gbizid&lang=ja';
/** The refusal page's own text (its <main>), without the footer's links. */
const mainOf = (html: string) => /<main[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? '';
/** The advice paragraph: what to do, and the link to ask. */
const adviceOf = (html: string) => /<p class="sign-in-advice">([\s\S]*?)<\/p>/.exec(mainOf(html))?.[1] ?? '';
const CONTACT_LINK = `<a href="${CONTACT_URL.replace(/&/g, '&amp;')}">地方創生テレワーク推進事務局</a>`;

const sessionIdHash = (cookie: string) => createHash('sha256').update(cookie.slice(cookie.indexOf('=') + 1)).digest('hex');

beforeAll(async () => {
  const port = await freePort();
  const registryUrl = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider({ redirectUri: `${registryUrl}/auth/oidc/callback` });
  // Self-registration off: an unregistered company is sent to the secretariat, as before it existed
  // (what it offers when on is in oidc-self-registration.test.ts).
  registry = await startTestServer({ PORT: String(port), PUBLIC_BASE_URL: registryUrl, ...provider.registryEnv, SESSION_IDLE_MINUTES: '30', SITE_CONTACT_URL: CONTACT_URL, OIDC_SELF_REGISTRATION: 'off' });
  organizationId = (await seedCompany(registry, { n: 1, name: '株式会社みらいワーク' })).organization.id;
});

afterAll(async () => {
  await registry?.close();
  await provider?.close();
});

describe('a company signs in with its GビズID account', () => {
  it('the first account of a registered company becomes its owner, gets a session cookie and its page', async () => {
    const sub = person(REGISTERED, '山田 花子');
    const signIn = await signInOverHttp(registry.url, provider, sub);
    expect(signIn.status).toBe(303);
    expect(signIn.location).toBe('/my');
    const cookieLine = signIn.setCookies.find((line) => line.startsWith('registry_session='))!;
    expect(cookieLine).toMatch(/; HttpOnly/);
    expect(cookieLine).toMatch(/; SameSite=Lax/);
    expect(cookieLine).toMatch(/; Path=\/(;|$)/);
    expect(cookieLine).toMatch(/; Max-Age=43200(;|$)/); // the absolute timeout (SESSION_ABSOLUTE_HOURS, 12 h by default)
    expect(cookieLine).not.toMatch(/; Secure/); // PUBLIC_BASE_URL is plain http here (see the unit test for https)
    // The flow cookie is gone once used.
    expect(signIn.setCookies.some((line) => /^registry_flow-oidc=;/.test(line) || /^registry_flow-oidc=.*Max-Age=0/.test(line))).toBe(true);

    const my = await fetch(`${registry.url}/my`, { headers: { cookie: signIn.sessionCookie! }, redirect: 'manual' });
    expect(my.status).toBe(200);
    expect(await my.text()).toContain('株式会社みらいワーク');

    const account = rows('SELECT id, display_name, email, oidc_issuer FROM accounts WHERE oidc_subject = ?', sub)[0];
    expect(account).toMatchObject({ display_name: '山田 花子', email: `${sub}@example.jp`, oidc_issuer: provider.issuer });
    expect(rows('SELECT role FROM memberships WHERE account_id = ? AND organization_id = ?', account.id, organizationId)).toEqual([{ role: 'owner' }]);

    const joins = (await auditOf('member.join')).filter((e) => e.after.accountId === account.id);
    expect(joins).toHaveLength(1);
    expect(joins[0]).toMatchObject({ entityId: organizationId, actorTokenId: `account:${account.id}`, after: { role: 'owner', via: 'oidc' } });
    const signIns = (await auditOf('account.sign-in')).filter((e) => e.entityId === account.id);
    expect(signIns).toHaveLength(1);
    expect(signIns[0]!.after).toEqual({ method: 'oidc' });
    // The database keeps only the hash of the session id.
    expect(registry.snapshot()).not.toContain(signIn.sessionCookie!.split('=')[1]);
  });

  it('a second account of the same company joins as editor; signing in again opens a new session, not a new membership', async () => {
    const sub = person(REGISTERED, '佐藤 次郎');
    const first = await signInOverHttp(registry.url, provider, sub);
    expect(first.status).toBe(303);
    const account = rows('SELECT id FROM accounts WHERE oidc_subject = ?', sub)[0];
    expect(rows('SELECT role FROM memberships WHERE account_id = ?', account.id)).toEqual([{ role: 'editor' }]);

    const again = await signInOverHttp(registry.url, provider, sub);
    expect(again.status).toBe(303);
    expect(again.sessionCookie).not.toBe(first.sessionCookie);
    expect(rows('SELECT role FROM memberships WHERE account_id = ?', account.id)).toHaveLength(1);
    expect((await auditOf('member.join')).filter((e) => e.after.accountId === account.id)).toHaveLength(1);
  });

  it('comes back to the page it was sent from (?next=), never to another site, in the language it started in', async () => {
    const back = await signInOverHttp(registry.url, provider, person(REGISTERED), { next: '/my?lang=en' });
    expect(back.location).toBe('/my?lang=en');
    const offsite = await signInOverHttp(registry.url, provider, person(REGISTERED), { next: '//evil.example/steal' });
    expect(offsite.location).toBe('/my');

    const jar = new CookieJar();
    const authorization = await startLogin(jar, '?lang=en');
    authorization.searchParams.set('state', 'forged');
    const refused = await callback(jar, await authorizeOverHttp(authorization.href, person(REGISTERED), jar));
    expect(refused.body).toContain('Sign-in failed');
  });

  it('on a browser preferring English, Japanese chosen on /login (?lang=ja) stays Japanese after GビズID, and after signing out', async () => {
    const jar = new CookieJar();
    const open = (path: string, init: RequestInit = {}) => browserFetch(jar, new URL(path, registry.url).href, { ...init, headers: { 'accept-language': 'en-US,en;q=0.9,ja;q=0.8', ...(init.headers as Record<string, string>) } });
    const loginPage = await (await open('/login?lang=ja')).text();
    expect(loginPage).toMatch(/<html lang="ja"/);
    const button = /href="(\/auth\/oidc\/login[^"]*)"/.exec(loginPage)![1]!.replaceAll('&amp;', '&');
    const login = await open(button);
    expect(login.status).toBe(302);
    const signedIn = await open(await authorizeOverHttp(login.headers.get('location')!, person(REGISTERED), jar));
    expect(signedIn.status).toBe(303);
    const my = await open(signedIn.headers.get('location')!);
    expect(my.status).toBe(200);
    const myPage = await my.text();
    expect(myPage).toMatch(/<html lang="ja"/);

    const signOut = /<form class="account-bar" method="post" action="([^"]*)"/.exec(myPage)![1]!.replaceAll('&amp;', '&');
    const csrf = /name="csrf" value="([^"]+)"/.exec(myPage)![1]!;
    const out = await open(signOut, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `csrf=${encodeURIComponent(csrf)}` });
    expect(out.status).toBe(303);
    const home = await open(out.headers.get('location')!);
    expect(await home.text()).toMatch(/<html lang="ja"/);
  });

  it('a callback whose flow cookie was lost answers in the language chosen on /login, not the browser’s (the provider’s callback names none)', async () => {
    const ENGLISH_FIRST = 'en-US,en;q=0.9,ja;q=0.8';
    const JAPANESE_FIRST = 'ja,en;q=0.5';
    /** Begins at /login?lang=<chosen> in `jar`, then comes back from the provider in another browser (the flow cookie lost). */
    const lostFlowCallback = async (chosen: 'ja' | 'en', acceptLanguage: string) => {
      const jar = new CookieJar();
      const headers = { 'accept-language': acceptLanguage };
      const loginPage = await (await browserFetch(jar, `${registry.url}/login?lang=${chosen}`, { headers })).text();
      const button = /href="(\/auth\/oidc\/login[^"]*)"/.exec(loginPage)![1]!.replaceAll('&amp;', '&');
      const login = await browserFetch(jar, new URL(button, registry.url).href, { headers });
      expect(login.status).toBe(302);
      const callbackUrl = await authorizeOverHttp(login.headers.get('location')!, person(REGISTERED), jar);
      expect(new URL(callbackUrl).searchParams.has('lang')).toBe(false);
      const refused = await browserFetch(new CookieJar(), callbackUrl, { headers });
      return { status: refused.status, body: await refused.text() };
    };
    const japanese = await lostFlowCallback('ja', ENGLISH_FIRST);
    expect(japanese.status).toBe(400);
    expect(japanese.body).toMatch(/<html lang="ja"/);
    expect(mainOf(japanese.body)).toContain('ログインの手続きが見つかりません。');
    expect(mainOf(japanese.body)).toContain('href="/login?lang=ja"');
    const english = await lostFlowCallback('en', JAPANESE_FIRST);
    expect(english.status).toBe(400);
    expect(english.body).toMatch(/<html lang="en"/);
    expect(mainOf(english.body)).toContain('This sign-in could not be found');

    // A callback that names its language itself is answered in it, whatever the browser prefers.
    for (const [lang, acceptLanguage, text] of [['ja', ENGLISH_FIRST, 'ログインの手続きが見つかりません。'], ['en', JAPANESE_FIRST, 'This sign-in could not be found']] as const) {
      const named = await browserFetch(new CookieJar(), `${registry.url}/auth/oidc/callback?code=x&state=y&lang=${lang}`, { headers: { 'accept-language': acceptLanguage } });
      expect(named.status).toBe(400);
      expect(mainOf(await named.text())).toContain(text);
    }
  });

  it('an account whose 法人番号 is not registered gets the page saying whom to contact, and no session', async () => {
    const before = people();
    const signIn = await signInOverHttp(registry.url, provider, person(UNREGISTERED));
    expect(signIn.status).toBe(403);
    expect(signIn.sessionCookie).toBeNull();
    expect(signIn.body).toContain(UNREGISTERED);
    expect(mainOf(signIn.body)).toContain('<h1>団体が登録されていません</h1>');
    expect(adviceOf(signIn.body)).toBe(`自己宣言を始めるには、${CONTACT_LINK}に団体の登録を依頼してください。登録後、もう一度ログインすると自動的に団体のメンバーになります。流れは「<a href="/guide">自己宣言の手引き</a>」をご覧ください。`);
    // Nothing saved for a refusal, not even the person's account.
    expect(people()).toEqual(before);
    const refused = (await auditOf('account.sign-in-refused')).filter((e) => e.after.reason === 'no-organization');
    expect(refused.some((e) => e.after.corporateNumber === UNREGISTERED)).toBe(true);
  });

  it('with OIDC_SELF_REGISTRATION=off, the page offers no registration of the company and its form is not there', async () => {
    const jar = new CookieJar();
    const signIn = await signInOverHttp(registry.url, provider, person(UNREGISTERED), { jar });
    expect(signIn.status).toBe(403);
    expect(mainOf(signIn.body)).not.toContain('/auth/oidc/register');
    expect(mainOf(signIn.body)).not.toContain('この法人を登録');
    expect(jar.get(registry.url, 'registry_flow-oidc-registration')).toBeUndefined();
    for (const method of ['GET', 'POST']) {
      const form = await browserFetch(jar, `${registry.url}/auth/oidc/register`, { method, headers: { origin: registry.url, 'content-type': 'application/x-www-form-urlencoded' }, ...(method === 'POST' ? { body: 'name=x&prefectureCode=13' } : {}) });
      expect(form.status, method).toBe(404);
      expect(await form.text(), method).toContain('GビズIDによる団体の登録を利用できません');
    }
    expect(rows('SELECT 1 FROM organizations WHERE corporate_number = ?', UNREGISTERED)).toEqual([]);
  });

  it('the 法人番号 is checked at every sign-in: a member whose GビズID no longer names a registered company is refused', async () => {
    const sub = person(REGISTERED);
    expect((await signInOverHttp(registry.url, provider, sub)).location).toBe('/my');
    for (const corporateNumber of [UNREGISTERED, null, '7123456789013']) {
      provider.addAccount({ sub, corporateNumber, email: `${sub}@example.jp`, name: '人事 花子' });
      const before = people();
      const signIn = await signInOverHttp(registry.url, provider, sub);
      expect(signIn.status, `${corporateNumber}`).toBe(403);
      expect(signIn.sessionCookie).toBeNull();
      expect(people()).toEqual(before);
    }
  });

  it('a GビズID that now names another registered company acts for that one only: the old membership ends, and the old session with it', async () => {
    const other = (await seedCompany(registry, { n: 2, name: '株式会社つぎのまち' })).organization;
    const sub = person(REGISTERED, '異動 三郎');
    const before = await signInOverHttp(registry.url, provider, sub);
    const account = rows('SELECT id FROM accounts WHERE oidc_subject = ?', sub)[0];
    expect(rows('SELECT organization_id FROM memberships WHERE account_id = ?', account.id)).toEqual([{ organization_id: organizationId }]);

    provider.addAccount({ sub, corporateNumber: other.corporateNumber, email: `${sub}@example.jp`, name: '異動 三郎' });
    const after = await signInOverHttp(registry.url, provider, sub);
    expect(after.location).toBe('/my');
    const my = await fetch(`${registry.url}/my`, { headers: { cookie: after.sessionCookie! }, redirect: 'manual' });
    expect(await my.text()).toContain('株式会社つぎのまち');
    expect(rows('SELECT organization_id, role FROM memberships WHERE account_id = ?', account.id)).toEqual([{ organization_id: other.id, role: 'owner' }]);
    // The session opened for the first company no longer acts for it.
    expect((await fetch(`${registry.url}/my`, { headers: { cookie: before.sessionCookie! }, redirect: 'manual' })).status).toBe(302);
    const removed = (await auditOf('member.remove')).filter((e) => e.entityId === organizationId && (e as any).before.accountId === account.id);
    expect(removed).toHaveLength(1);
    expect(removed[0]!.after).toEqual({ reason: 'oidc-claim-changed', corporateNumber: other.corporateNumber });
  });

  it('an account whose 法人番号 is malformed is told it is not a valid number, not that it is unregistered', async () => {
    const signIn = await signInOverHttp(registry.url, provider, person('7123456789013'));
    expect(signIn.status).toBe(403);
    expect(signIn.body).toContain('正しい法人番号（13桁、検査数字が合うもの）ではない');
    expect(signIn.body).not.toContain('まだ登録されていません');
    // Not 「団体が登録されていません」 nor 「団体の登録を依頼してください」: the number is wrong, the secretariat can help.
    expect(mainOf(signIn.body)).toContain('<h1>法人番号を読み取れませんでした</h1>');
    expect(mainOf(signIn.body)).not.toContain('団体の登録を依頼');
    expect(adviceOf(signIn.body)).toBe(`GビズIDから届いた番号を法人番号として読み取れませんでした。お手数ですが、上の番号を添えて${CONTACT_LINK}にご連絡ください。`);
  });

  it('an account without any 法人番号 is told so', async () => {
    const signIn = await signInOverHttp(registry.url, provider, person(null));
    expect(signIn.status).toBe(403);
    expect(signIn.sessionCookie).toBeNull();
    expect(signIn.body).toContain('法人番号が含まれていない');
    // The account is not one of a corporation: say which accounts carry the 法人番号, not 「登録を依頼してください」.
    expect(mainOf(signIn.body)).toContain('<h1>GビズIDのアカウントに法人番号がありません</h1>');
    expect(mainOf(signIn.body)).not.toContain('団体の登録を依頼');
    const advice = adviceOf(signIn.body);
    expect(advice).toContain('法人番号が登録された法人のGビズIDアカウント（gBizIDプライム、またはその管理者が発行したgBizIDメンバー）でログインしてください。');
    expect(advice).toContain(CONTACT_LINK);
  });

  it('the refusal pages say the same in English, with the contact link, naming the provider by its English name (gBizID)', async () => {
    for (const [corporateNumber, title, advice] of [
      [null, 'Your gBizID account has no corporate number', 'gBizID Prime'],
      ['7123456789013', 'The corporate number could not be read', 'could not be read as a corporate number'],
      [UNREGISTERED, 'No registered organization', 'to register your organization'],
    ] as [string | null, string, string][]) {
      const jar = new CookieJar();
      const authorization = await startLogin(jar, '?lang=en');
      const signIn = await callback(jar, await authorizeOverHttp(authorization.href, person(corporateNumber), jar));
      expect(signIn.status).toBe(403);
      expect(mainOf(signIn.body)).toContain(`<h1>${title}</h1>`);
      expect(adviceOf(signIn.body)).toContain(advice);
      expect(adviceOf(signIn.body)).toContain(`<a href="${CONTACT_URL.replace(/&/g, '&amp;')}">the secretariat (Regional Revitalization Telework Promotion Secretariat)</a>`);
      expect(mainOf(signIn.body)).not.toContain('GビズID');
    }
    const login = mainOf(await (await browserFetch(new CookieJar(), `${registry.url}/login?lang=en`)).text());
    expect(login).toContain('Sign in with gBizID');
    expect(login).not.toContain('GビズID');
  });
});

describe('a member an owner removed', () => {
  it('stays out at their next GビズID sign-in (a page says so and how to come back); the owner’s new invitation, accepted with GビズID, lets them back in with its role', async () => {
    const company = (await seedCompany(registry, { n: 3, name: '株式会社もどらない' })).organization;
    const owner = await signInOverHttp(registry.url, provider, person(company.corporateNumber, '社長 一郎'));
    const ownerBrowser = browser(registry, registry.url);
    const [cookieName, cookieValue] = owner.sessionCookie!.split('=') as [string, string];
    ownerBrowser.jar.set(cookieName, cookieValue);
    const sub = person(company.corporateNumber, '退職 次郎');
    expect((await signInOverHttp(registry.url, provider, sub)).status).toBe(303);
    const account = rows('SELECT id FROM accounts WHERE oidc_subject = ?', sub)[0];
    expect(rows('SELECT role FROM memberships WHERE account_id = ? AND organization_id = ?', account.id, company.id)).toEqual([{ role: 'editor' }]);

    const csrf = csrfIn((await ownerBrowser.request('GET', '/my/members')).text);
    expect((await ownerBrowser.request('POST', `/my/members/${account.id}/remove`, { form: { csrf } })).status).toBe(303);

    // Signing in again: refused with the page, in either language; no membership, no session.
    const before = people();
    const refused = await signInOverHttp(registry.url, provider, sub);
    expect(refused.status).toBe(403);
    expect(refused.sessionCookie).toBeNull();
    expect(mainOf(refused.body)).toContain('この団体へのアクセスは削除されています');
    expect(mainOf(refused.body)).toContain('株式会社もどらないの管理者に招待を依頼し');
    expect(people()).toEqual(before);
    const englishJar = new CookieJar();
    const english = await callback(englishJar, await authorizeOverHttp((await startLogin(englishJar, '?lang=en')).href, sub, englishJar));
    expect(english.status).toBe(403);
    expect(mainOf(english.body)).toContain('Your access to this organization was removed');
    expect(people()).toEqual(before);
    expect((await auditOf('account.sign-in-refused')).some((e) => e.entityId === account.id && e.after.reason === 'member-removed' && e.after.organizationId === company.id)).toBe(true);

    // The owner invites them again (as an owner); the link's page offers GビズID, and joining with it brings the same account back.
    const invited = await ownerBrowser.request('POST', '/my/members/invite', { form: { csrf, role: 'owner', email: '' } });
    const link = new URL(/https?:\/\/[^\s"<]+\/join\/[A-Za-z0-9_-]{43}/.exec(invited.text)![0]);
    const jar = new CookieJar();
    const joinPage = await (await browserFetch(jar, `${registry.url}${link.pathname}`)).text();
    const href = /href="([^"]+)"[^>]*id="join-gbizid"/.exec(joinPage)?.[1]?.replace(/&amp;/g, '&');
    expect(href).toBe(`/auth/oidc/login?invitation=${link.pathname.split('/').pop()}`);
    const authorization = await startLogin(jar, href!.slice('/auth/oidc/login'.length));
    const back = await callback(jar, await authorizeOverHttp(authorization.href, sub, jar));
    expect(back.status).toBe(303);
    expect(rows('SELECT role FROM memberships WHERE account_id = ? AND organization_id = ?', account.id, company.id)).toEqual([{ role: 'owner' }]);
    expect((await auditOf('member.join')).some((e) => e.entityId === company.id && e.after.accountId === account.id && e.after.via === 'oidc-invitation' && e.after.role === 'owner')).toBe(true);
    // The link is used up, and later sign-ins need no invitation.
    expect((await browserFetch(new CookieJar(), `${registry.url}${link.pathname}`)).status).toBe(410);
    expect((await signInOverHttp(registry.url, provider, sub)).status).toBe(303);
  });
});

describe('refused, with no account, member or session made', () => {
  it('a forged state', async () => {
    const jar = new CookieJar();
    const authorization = await startLogin(jar);
    const callbackUrl = new URL(await authorizeOverHttp(authorization.href, person(REGISTERED), jar));
    const code = callbackUrl.searchParams.get('code')!;
    callbackUrl.searchParams.set('state', 'forged-state-value');
    const before = people();
    expectRefusedPage(await callback(jar, callbackUrl.href), [code]);
    expect(people()).toEqual(before);
    expect(await refusalReasons()).toContain('state-mismatch');
  });

  it('a replayed callback (the same code and state twice, even with the flow cookie put back)', async () => {
    const jar = new CookieJar();
    const authorization = await startLogin(jar);
    const flowId = jar.get(registry.url, 'registry_flow-oidc')!;
    const callbackUrl = await authorizeOverHttp(authorization.href, person(REGISTERED), jar);
    expect((await callback(jar, callbackUrl)).status).toBe(303);

    const before = people();
    const attacker = new CookieJar();
    const replay = await fetch(callbackUrl, { redirect: 'manual', headers: { cookie: `registry_flow-oidc=${flowId}` } });
    expectRefusedPage({ status: replay.status, setCookies: replay.headers.getSetCookie(), body: await replay.text() });
    expect((await callback(attacker, callbackUrl)).status).toBe(400);
    expect(people()).toEqual(before);
    expect(await refusalReasons()).toContain('flow-missing');
  });

  it('a callback without the flow cookie (another browser, a login CSRF) — and the real browser can still finish', async () => {
    const jar = new CookieJar();
    const authorization = await startLogin(jar);
    const sub = person(REGISTERED);
    const callbackUrl = await authorizeOverHttp(authorization.href, sub, jar);
    const before = people();
    expectRefusedPage(await callback(new CookieJar(), callbackUrl));
    expect(people()).toEqual(before);

    const own = await callback(jar, callbackUrl);
    expect(own.status).toBe(303);
  });

  it('an ID token with another nonce (one issued for another sign-in)', async () => {
    const jar = new CookieJar();
    const authorization = await startLogin(jar);
    const sub = person(REGISTERED);
    const callbackUrl = await authorizeOverHttp(authorization.href, sub, jar);
    const otherToken = await provider.idTokenFor({ accountId: sub, nonce: 'a-nonce-of-another-sign-in', clientId: provider.clientId });
    provider.tamperTokenResponse((body) => ({ ...body, id_token: otherToken }));
    const before = people();
    try {
      expectRefusedPage(await callback(jar, callbackUrl), [otherToken]);
    } finally {
      provider.tamperTokenResponse(null);
    }
    expect(people()).toEqual(before);
    expect(await refusalReasons()).toContain('nonce-mismatch');
  });

  it('an ID token for another audience (issued by the same provider to another client)', async () => {
    const jar = new CookieJar();
    const authorization = await startLogin(jar);
    const sub = person(REGISTERED);
    const callbackUrl = await authorizeOverHttp(authorization.href, sub, jar);
    const nonce = authorization.searchParams.get('nonce')!;
    const otherAudience = await provider.idTokenFor({ accountId: sub, nonce, clientId: OTHER_CLIENT_ID });
    provider.tamperTokenResponse((body) => ({ ...body, id_token: otherAudience }));
    const before = people();
    try {
      expectRefusedPage(await callback(jar, callbackUrl), [otherAudience]);
    } finally {
      provider.tamperTokenResponse(null);
    }
    expect(people()).toEqual(before);
    expect(await refusalReasons()).toContain('audience-mismatch');
  });

  it('an expired ID token (the provider’s own key, issuer, audience and nonce; its exp an hour past)', async () => {
    const jar = new CookieJar();
    const authorization = await startLogin(jar);
    const sub = person(REGISTERED);
    const callbackUrl = await authorizeOverHttp(authorization.href, sub, jar);
    const key = provider.jwks.keys[0]!;
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ nonce: authorization.searchParams.get('nonce')! })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid! })
      .setIssuer(provider.issuer).setAudience(provider.clientId).setSubject(sub)
      .setIssuedAt(now - 2 * 3600).setExpirationTime(now - 3600)
      .sign(await importJWK(key, 'RS256'));
    provider.tamperTokenResponse((body) => ({ ...body, id_token: expired }));
    const before = people();
    try {
      expectRefusedPage(await callback(jar, callbackUrl), [expired]);
    } finally {
      provider.tamperTokenResponse(null);
    }
    expect(people()).toEqual(before);
    expect(await refusalReasons()).toContain('id-token-expired');
  });

  describe('another issuer', () => {
    let other: TestOidcProvider;
    let impostor: TestOidcProvider;

    beforeAll(async () => {
      const redirectUri = `${registry.url}/auth/oidc/callback`;
      // The same client and even the same signing keys: only the issuer differs.
      other = await startOidcProvider({ redirectUri, clientId: provider.clientId, clientSecret: provider.clientSecret, jwks: provider.jwks });
      // Claims to be the configured issuer, but signs with its own key (same kid): only the signature is wrong.
      const kid = provider.jwks.keys[0]!.kid!;
      impostor = await startOidcProvider({ redirectUri, clientId: provider.clientId, clientSecret: provider.clientSecret, issuer: provider.issuer, jwks: { keys: [await newSigningKey(kid)] } });
    });
    afterAll(async () => {
      await other?.close();
      await impostor?.close();
    });

    it("a code from another provider (the browser sent there with this sign-in's parameters)", async () => {
      const jar = new CookieJar();
      const authorization = await startLogin(jar);
      const sub = person(REGISTERED);
      other.addAccount({ sub, corporateNumber: REGISTERED });
      const elsewhere = new URL(authorization.pathname + authorization.search, other.url);
      const callbackUrl = await authorizeOverHttp(elsewhere.href, sub, jar);
      expect(new URL(callbackUrl).searchParams.get('iss')).toBe(other.issuer);
      const before = people();
      expectRefusedPage(await callback(jar, callbackUrl));
      expect(people()).toEqual(before);
      expect(await refusalReasons()).toContain('issuer-mismatch');
    });

    it('an ID token from another issuer in the token response (same keys, same client, same nonce)', async () => {
      const jar = new CookieJar();
      const authorization = await startLogin(jar);
      const sub = person(REGISTERED);
      other.addAccount({ sub, corporateNumber: REGISTERED });
      const callbackUrl = await authorizeOverHttp(authorization.href, sub, jar);
      const foreign = await other.idTokenFor({ accountId: sub, nonce: authorization.searchParams.get('nonce')!, clientId: provider.clientId });
      provider.tamperTokenResponse((body) => ({ ...body, id_token: foreign }));
      const before = people();
      const refusedBefore = (await refusalReasons()).filter((r) => r === 'issuer-mismatch').length;
      try {
        expectRefusedPage(await callback(jar, callbackUrl), [foreign]);
      } finally {
        provider.tamperTokenResponse(null);
      }
      expect(people()).toEqual(before);
      expect((await refusalReasons()).filter((r) => r === 'issuer-mismatch').length).toBe(refusedBefore + 1);
    });

    it('an ID token with the right claims signed by a key that is not the provider’s', async () => {
      const jar = new CookieJar();
      const authorization = await startLogin(jar);
      const sub = person(REGISTERED);
      impostor.addAccount({ sub, corporateNumber: REGISTERED });
      const callbackUrl = await authorizeOverHttp(authorization.href, sub, jar);
      const forged = await impostor.idTokenFor({ accountId: sub, nonce: authorization.searchParams.get('nonce')!, clientId: provider.clientId });
      provider.tamperTokenResponse((body) => ({ ...body, id_token: forged }));
      const before = people();
      try {
        expectRefusedPage(await callback(jar, callbackUrl), [forged]);
      } finally {
        provider.tamperTokenResponse(null);
      }
      expect(people()).toEqual(before);
      expect(await refusalReasons()).toContain('signature-invalid');
    });
  });

  it('the person cancels at the provider (error=access_denied)', async () => {
    const jar = new CookieJar();
    const authorization = await startLogin(jar);
    const cancelled = new URL(`${registry.url}/auth/oidc/callback`);
    cancelled.search = new URLSearchParams({ error: 'access_denied', state: authorization.searchParams.get('state')!, iss: provider.issuer }).toString();
    const answer = await callback(jar, cancelled.href);
    expectRefusedPage(answer);
    expect(answer.body).toContain('取り消されました');
    expect(await refusalReasons()).toContain('provider-error:access_denied');
  });

  it('cancelling or failing sign-in keeps where the person was going: the way back to sign-in carries the sanitised next', async () => {
    const backLink = (body: string) => /<a href="([^"]*)">(?:ログインページに戻る|Back to sign-in)<\/a>/.exec(body)?.[1]?.replace(/&amp;/g, '&');
    // Cancelled at the provider, having started from /login?next=/my/badges.
    const jar = new CookieJar();
    const authorization = await startLogin(jar, '?next=%2Fmy%2Fbadges');
    const cancelled = new URL(`${registry.url}/auth/oidc/callback`);
    cancelled.search = new URLSearchParams({ error: 'access_denied', state: authorization.searchParams.get('state')!, iss: provider.issuer }).toString();
    const answer = await callback(jar, cancelled.href);
    expectRefusedPage(answer);
    expect(backLink(answer.body)).toBe('/login?next=%2Fmy%2Fbadges');
    // A next that leads off the site is replaced by /my, as the sign-in itself does.
    const offsiteJar = new CookieJar();
    const offsite = await startLogin(offsiteJar, '?next=%2F%2Fevil.example%2Fsteal');
    const offsiteCancelled = new URL(`${registry.url}/auth/oidc/callback`);
    offsiteCancelled.search = new URLSearchParams({ error: 'access_denied', state: offsite.searchParams.get('state')!, iss: provider.issuer }).toString();
    expect(backLink((await callback(offsiteJar, offsiteCancelled.href)).body)).toBe('/login?next=%2Fmy');
    // The provider vouched for someone whose organization is not registered.
    const unregistered = await signInOverHttp(registry.url, provider, person(UNREGISTERED), { next: '/my/badges' });
    expect(unregistered.status).toBe(403);
    expect(backLink(unregistered.body)).toBe('/login?next=%2Fmy%2Fbadges');
    // A passkey sign-in refused without JavaScript (a plain form post from /login?next=/my/badges).
    const login = await browserFetch(new CookieJar(), `${registry.url}/login?next=%2Fmy%2Fbadges`);
    const action = /<form method="post" action="([^"]+)" data-passkey-login/.exec(await login.text())?.[1]?.replace(/&amp;/g, '&');
    expect(action).toBe('/auth/passkey/login?next=%2Fmy%2Fbadges');
    const passkey = await fetch(`${registry.url}${action}`, { method: 'POST', headers: { accept: 'text/html', origin: registry.url, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(passkey.status).toBe(400);
    const passkeyPage = await passkey.text();
    expect(passkeyPage).toContain('パスキーの利用には JavaScript が必要です。');
    expect(/<a href="([^"]*)">ログインページへ<\/a>/.exec(passkeyPage)?.[1]).toBe('/login?next=%2Fmy%2Fbadges');
  });

  it('a passkey sign-in refused without JavaScript answers in the language chosen on /login, not the browser’s', async () => {
    const english = await browserFetch(new CookieJar(), `${registry.url}/login?lang=en&next=%2Fmy%2Fbadges`, { headers: { 'accept-language': 'ja' } });
    const englishAction = /<form method="post" action="([^"]+)" data-passkey-login/.exec(await english.text())?.[1]?.replace(/&amp;/g, '&');
    const englishRefusal = await fetch(`${registry.url}${englishAction}`, { method: 'POST', headers: { accept: 'text/html', 'accept-language': 'ja', origin: registry.url, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(englishRefusal.status).toBe(400);
    const englishPage = await englishRefusal.text();
    expect(englishPage).toMatch(/<html lang="en"/);
    expect(englishPage).toContain('Passkeys need JavaScript');
  });

  it('a code that the provider does not know', async () => {
    const jar = new CookieJar();
    const authorization = await startLogin(jar);
    const made = new URL(`${registry.url}/auth/oidc/callback`);
    made.search = new URLSearchParams({ code: 'made-up-code', state: authorization.searchParams.get('state')!, iss: provider.issuer }).toString();
    expectRefusedPage(await callback(jar, made.href));
    expect((await refusalReasons()).some((r) => r.startsWith('code-exchange-failed'))).toBe(true);
  });
});

describe('sessions end', () => {
  it('after sign-out: the old cookie no longer opens /my', async () => {
    const { sessionCookie } = await signInOverHttp(registry.url, provider, person(REGISTERED));
    const page = await (await fetch(`${registry.url}/my`, { headers: { cookie: sessionCookie! } })).text();
    // The sign-out form's token, from the page when it shows one, else (placeholder page) the session row.
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? rows('SELECT csrf_token FROM sessions WHERE id_hash = ?', sessionIdHash(sessionCookie!))[0].csrf_token;
    const forged = await fetch(`${registry.url}/auth/logout`, {
      method: 'POST', redirect: 'manual', headers: { cookie: sessionCookie!, 'content-type': 'application/x-www-form-urlencoded' }, body: 'csrf=wrong',
    });
    expect(forged.status).toBe(403);
    expect((await fetch(`${registry.url}/my`, { headers: { cookie: sessionCookie! }, redirect: 'manual' })).status).toBe(200);

    const out = await fetch(`${registry.url}/auth/logout`, {
      method: 'POST', redirect: 'manual', headers: { cookie: sessionCookie!, 'content-type': 'application/x-www-form-urlencoded' }, body: `csrf=${encodeURIComponent(csrf)}`,
    });
    expect(out.status).toBe(303);
    const after = await fetch(`${registry.url}/my`, { headers: { cookie: sessionCookie! }, redirect: 'manual' });
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toMatch(/^\/login\?/);
    expect(rows('SELECT 1 FROM sessions WHERE id_hash = ?', sessionIdHash(sessionCookie!))).toEqual([]);
  });

  it('after the idle timeout (30 minutes without a request)', async () => {
    const { sessionCookie } = await signInOverHttp(registry.url, provider, person(REGISTERED));
    expect((await fetch(`${registry.url}/my`, { headers: { cookie: sessionCookie! }, redirect: 'manual' })).status).toBe(200);
    // No test clock across processes: age the session in the database file instead.
    const db = new BetterSqlite3(registry.dbPath, { fileMustExist: true });
    try {
      db.prepare('UPDATE sessions SET last_seen_at = last_seen_at - ? WHERE id_hash = ?').run(31 * 60_000, sessionIdHash(sessionCookie!));
    } finally {
      db.close();
    }
    const after = await fetch(`${registry.url}/my`, { headers: { cookie: sessionCookie! }, redirect: 'manual' });
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toMatch(/^\/login\?/);
  });

  it('at the absolute timeout however busy, and its form token goes with it', async () => {
    const { sessionCookie } = await signInOverHttp(registry.url, provider, person(REGISTERED));
    const open = (path: string, init: RequestInit = {}) => fetch(`${registry.url}${path}`, { ...init, headers: { cookie: sessionCookie!, ...(init.headers as Record<string, string>) }, redirect: 'manual' });
    const page = await open('/my/members');
    expect(page.status).toBe(200);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    // Used a moment ago, but signed in longer ago than SESSION_ABSOLUTE_HOURS.
    const db = new BetterSqlite3(registry.dbPath, { fileMustExist: true });
    try {
      db.prepare('UPDATE sessions SET created_at = created_at - ?, expires_at = ? WHERE id_hash = ?').run(13 * 3_600_000, Date.now() - 60_000, sessionIdHash(sessionCookie!));
    } finally {
      db.close();
    }
    const after = await open('/my');
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toMatch(/^\/login\?/);
    expect(rows('SELECT 1 FROM sessions WHERE id_hash = ?', sessionIdHash(sessionCookie!))).toEqual([]);
    const invite = await open('/my/members/invite', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: registry.url }, body: new URLSearchParams({ csrf, role: 'editor', email: 'late@example.jp' }) });
    expect(invite.status).toBe(302);
    expect(invite.headers.get('location')).toMatch(/^\/login\?/);
    expect(rows("SELECT 1 FROM invitations WHERE email = 'late@example.jp'")).toEqual([]);
  });
});

describe('without OIDC_ISSUER', () => {
  it('the sign-in paths answer 404 and the login page offers no GビズID button', async () => {
    const plain = await startTestServer();
    try {
      for (const path of ['/auth/oidc/login', '/auth/oidc/callback?code=x&state=y']) {
        const answer = await plain.call('GET', path, { token: null });
        expect(answer.status).toBe(404);
        expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
      }
      expect((await plain.call('GET', '/login', { token: null })).text).not.toContain('/auth/oidc/login');
    } finally {
      await plain.close();
    }
  });
});
