// GビズID account types (OIDC_ACCOUNT_TYPE_CLAIM, OIDC_TRUSTED_ACCOUNT_TYPES): an Entry account,
// whose 法人番号 is only self-declared, neither registers a company nor joins one by that number
// alone; Prime and Member accounts do; an invitation lets any account join; an account already a
// member keeps signing in. The real local OpenID Connect provider, real HTTP against the Node
// server or the Worker, one real SQLite/D1 file that outlives a restart (the setting is turned on
// between two runs, as an operator would).
import { rowsIn } from '../helpers/database-file.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserFetch, CookieJar, signInOverHttp, startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';
import { createRestartableServer, type RestartableServer } from '../helpers/restartable-server.js';
import { corporateNumberFor, seedCompany, type TestServer } from '../helpers/server.js';
import { browser, csrfIn, pageText } from '../helpers/web-browser.js';

const TRUSTED = { OIDC_ACCOUNT_TYPE_CLAIM: 'account_type', OIDC_TRUSTED_ACCOUNT_TYPES: 'prime,member' };
const REGISTRATION_COOKIE = 'registry_flow-oidc-registration';

let provider: TestOidcProvider;
let server: RestartableServer;
let registry: TestServer;
let sequence = 0;
let numbers = 8400;

/** Before the account types were configured: what an Entry account saw, and the registration it kept. */
const before = {} as { joined: number; veteranSub: string; veteranCompanyId: string; offerPage: string; carried: { jar: CookieJar; fields: Record<string, string>; corporateNumber: string } };

/** A new person at the provider with that account type (none: the claim is absent). */
function person(accountType: string | null, corporateNumber = corporateNumberFor(++numbers), name = '人事 花子') {
  const sub = `gbiz-type-${++sequence}`;
  provider.addAccount({ sub, corporateNumber, accountType, email: `${sub}@example.jp`, name });
  return { sub, corporateNumber, name };
}

const rows = (sql: string, ...params: unknown[]) => rowsIn(registry.dbPath, sql, ...params);

/** Every table but the audit log (a refusal adds its entry, and nothing else). */
const recordsBesidesAudit = () => JSON.stringify((JSON.parse(registry.snapshot()) as [string, unknown][]).filter(([table]) => table !== 'audit_log'));

async function auditOf(action: string) {
  const log = await registry.call('GET', `/api/v1/audit-log?action=${action}&limit=100`);
  expect(log.status).toBe(200);
  return log.body.items as { action: string; entityId: string; after: any }[];
}

const mainOf = (html: string) => /<main[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? '';

/** The self-registration form's fields as the page shows them, with its CSRF token. */
function formOf(html: string): Record<string, string> {
  const form = /<form[^>]*id="self-registration-form"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const fields: Record<string, string> = {};
  for (const [, tag] of form.matchAll(/<input([^>]*)>/g)) {
    const name = /name="([^"]+)"/.exec(tag!)?.[1];
    if (name) fields[name] = (/value="([^"]*)"/.exec(tag!)?.[1] ?? '').replace(/&amp;/g, '&');
  }
  return fields;
}

const postForm = async (jar: CookieJar, fields: Record<string, string>) => {
  const response = await browserFetch(jar, `${registry.url}/auth/oidc/register`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: registry.url }, body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, body: await response.text(), location: response.headers.get('location') };
};

beforeAll(async () => {
  server = await createRestartableServer({ RATE_LIMIT_PUBLIC_PER_MINUTE: '0' });
  const base = `http://127.0.0.1:${server.port}`;
  provider = await startOidcProvider({ redirectUri: `${base}/auth/oidc/callback` });
  const env = { PUBLIC_BASE_URL: base, MAIL_DIR: `${server.dir}/mail`, ...provider.registryEnv };

  // The registry as it was: no account type checked.
  registry = await server.start(env);
  const company = (await seedCompany(registry, { n: 8301, name: '株式会社ずっといる' })).organization;
  const veteran = person('entry', company.corporateNumber, '古参 一郎');
  before.joined = (await signInOverHttp(registry.url, provider, veteran.sub)).status;
  before.veteranSub = veteran.sub;
  before.veteranCompanyId = company.id;
  const carried = person('entry');
  const jar = new CookieJar();
  before.offerPage = (await signInOverHttp(registry.url, provider, carried.sub, { jar })).body;
  const form = await (await browserFetch(jar, `${registry.url}/auth/oidc/register`)).text();
  before.carried = { jar, fields: { ...formOf(form), name: '株式会社もちこし', prefectureCode: '13' }, corporateNumber: carried.corporateNumber };
  await server.stop();

  registry = await server.start({ ...env, ...TRUSTED });
}, 180_000);

afterAll(async () => {
  await server?.dispose();
  await provider?.close();
});

describe('without OIDC_ACCOUNT_TYPE_CLAIM (as before)', () => {
  it('an Entry account joined a registered company by its 法人番号 and was offered to register an unregistered one', () => {
    expect(before.joined).toBe(303);
    expect(mainOf(before.offerPage)).toContain('id="self-register"');
    expect(before.carried.fields.csrf).toMatch(/^[\w-]{30,}$/);
  });
});

describe('an account whose type is not trusted (GビズID Entry, or none)', () => {
  it('is not offered to register its company: the page says which accounts may, keeps no registration, and a post registers nothing', async () => {
    for (const type of ['entry', null]) {
      const entry = person(type);
      const jar = new CookieJar();
      const records = recordsBesidesAudit();
      const page = await signInOverHttp(registry.url, provider, entry.sub, { jar });
      expect(page.status).toBe(403);
      expect(page.sessionCookie).toBeNull();
      expect(mainOf(page.body)).toContain('<h1>団体が登録されていません</h1>');
      expect(mainOf(page.body)).not.toContain('id="self-register"');
      expect(pageText(mainOf(page.body))).toContain('このGビズIDアカウントの種類（gBizIDエントリーなど）では、法人を登録簿に登録できません。');
      expect(pageText(mainOf(page.body))).toContain('gBizIDプライムのアカウント、またはその管理者が発行したgBizIDメンバーのアカウントでログインしてください');
      expect(jar.get(registry.url, REGISTRATION_COOKIE)).toBeUndefined();
      expect(recordsBesidesAudit()).toEqual(records);
      const posted = await postForm(jar, { name: '株式会社えんとりー', prefectureCode: '13' });
      expect(posted.status).toBe(410);
      expect(rows('SELECT id FROM organizations WHERE corporate_number = ?', entry.corporateNumber)).toEqual([]);
    }
  });

  it('with a registration begun before the setting: the form and its post are refused (403), nothing saved', async () => {
    const { jar, fields, corporateNumber } = before.carried;
    const form = await browserFetch(jar, `${registry.url}/auth/oidc/register`);
    expect(form.status).toBe(403);
    expect(mainOf(await form.text())).toContain('<h1>このGビズIDアカウントでは法人を登録できません</h1>');
    const records = registry.snapshot();
    const posted = await postForm(jar, fields);
    expect(posted.status).toBe(403);
    expect(pageText(mainOf(posted.body))).toContain('入力した内容は保存していません。');
    expect(registry.snapshot()).toEqual(records);
    expect(rows('SELECT id FROM organizations WHERE corporate_number = ?', corporateNumber)).toEqual([]);
  });

  it('cannot join a registered company by its 法人番号 alone: its own page (403), the refusal audited, nothing else saved', async () => {
    const company = (await seedCompany(registry, { n: 8302, name: '株式会社しんちょう' })).organization;
    for (const type of ['entry', null]) {
      const entry = person(type, company.corporateNumber);
      const records = recordsBesidesAudit();
      const refused = await signInOverHttp(registry.url, provider, entry.sub);
      expect(refused.status).toBe(403);
      expect(refused.sessionCookie).toBeNull();
      expect(mainOf(refused.body)).toContain('<h1>このGビズIDアカウントでは団体に参加できません</h1>');
      expect(pageText(mainOf(refused.body))).toContain('株式会社しんちょうの管理者に招待を依頼し');
      expect(recordsBesidesAudit()).toEqual(records);
      expect(rows('SELECT 1 FROM accounts WHERE oidc_subject = ?', entry.sub)).toEqual([]);
      const audited = (await auditOf('account.sign-in-refused')).filter((e) => e.after.reason === 'account-type' && e.after.organizationId === company.id && e.after.accountType === type);
      expect(audited.map((e) => e.after)).toEqual([{ method: 'oidc', reason: 'account-type', accountType: type, organizationId: company.id }]);
    }
  });

  it('already a member (joined before the setting): keeps signing in to its company', async () => {
    const again = await signInOverHttp(registry.url, provider, before.veteranSub);
    expect(again.status).toBe(303);
    expect(again.location).toBe('/my');
    const account = rows('SELECT id FROM accounts WHERE oidc_subject = ?', before.veteranSub)[0];
    expect(rows('SELECT organization_id, role FROM memberships WHERE account_id = ?', account.id)).toEqual([{ organization_id: before.veteranCompanyId, role: 'owner' }]);
  });

  it('joins with an invitation of that company (the /join link followed with GビズID), with the invitation’s role', async () => {
    const company = (await seedCompany(registry, { n: 8303, name: '株式会社しょうたい' })).organization;
    const owner = await signInOverHttp(registry.url, provider, person('prime', company.corporateNumber, '社長 一郎').sub);
    expect(owner.status).toBe(303);
    const ownerBrowser = browser(registry, registry.url);
    const [cookieName, cookieValue] = owner.sessionCookie!.split('=') as [string, string];
    ownerBrowser.jar.set(cookieName, cookieValue);
    const csrf = csrfIn((await ownerBrowser.request('GET', '/my/members')).text);
    const invited = await ownerBrowser.request('POST', '/my/members/invite', { form: { csrf, role: 'owner', email: '' } });
    const token = /\/join\/([A-Za-z0-9_-]{43})/.exec(invited.text)![1]!;
    // The link's page offers GビズID with the invitation, which the sign-in below follows.
    const joinPage = await (await browserFetch(new CookieJar(), `${registry.url}/join/${token}`)).text();
    expect(/href="([^"]+)"[^>]*id="join-gbizid"/.exec(joinPage)?.[1]).toBe(`/auth/oidc/login?invitation=${token}`);

    const entry = person('entry', company.corporateNumber, '新人 三郎');
    const joined = await signInOverHttp(registry.url, provider, entry.sub, { invitation: token });
    expect(joined.status).toBe(303);
    const account = rows('SELECT id FROM accounts WHERE oidc_subject = ?', entry.sub)[0];
    expect(rows('SELECT role FROM memberships WHERE account_id = ? AND organization_id = ?', account.id, company.id)).toEqual([{ role: 'owner' }]);
    expect((await auditOf('member.join')).some((e) => e.entityId === company.id && e.after.accountId === account.id && e.after.via === 'oidc-invitation')).toBe(true);
    // A member now: later sign-ins need no invitation.
    expect((await signInOverHttp(registry.url, provider, entry.sub)).status).toBe(303);
  });
});

describe('a trusted account type', () => {
  it('Prime: registers its company and lands on /my as the owner', async () => {
    const prime = person('prime', undefined, '代表 花子');
    const jar = new CookieJar();
    const page = await signInOverHttp(registry.url, provider, prime.sub, { jar });
    expect(page.status).toBe(403);
    expect(mainOf(page.body)).toContain('id="self-register"');
    const form = await (await browserFetch(jar, `${registry.url}/auth/oidc/register`)).text();
    const registered = await postForm(jar, { ...formOf(form), name: '株式会社ぷらいむ', prefectureCode: '13' });
    expect(registered.status).toBe(303);
    expect(registered.location).toBe('/my');
    const [organization] = rows('SELECT id, name FROM organizations WHERE corporate_number = ?', prime.corporateNumber);
    expect(organization.name).toBe('株式会社ぷらいむ');
    const account = rows('SELECT id FROM accounts WHERE oidc_subject = ?', prime.sub)[0];
    expect(rows('SELECT role FROM memberships WHERE account_id = ? AND organization_id = ?', account.id, organization.id)).toEqual([{ role: 'owner' }]);
  });

  it('Member: joins a registered company by its 法人番号', async () => {
    const company = (await seedCompany(registry, { n: 8304, name: '株式会社めんばー' })).organization;
    const member = person('member', company.corporateNumber, '社員 四郎');
    const joined = await signInOverHttp(registry.url, provider, member.sub);
    expect(joined.status).toBe(303);
    const account = rows('SELECT id FROM accounts WHERE oidc_subject = ?', member.sub)[0];
    expect(rows('SELECT organization_id FROM memberships WHERE account_id = ?', account.id)).toEqual([{ organization_id: company.id }]);
  });
});
