/**
 * A person corrects their own name and e-mail address (個人情報保護法: a person may have their
 * data corrected): before, the name typed when joining and the address an invitation named were
 * fixed for good, and notices kept going to an old address. Real HTTP, real SQLite file.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onWorker } from '../helpers/targets.js';
import { signInOverHttp, startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';
import { freePort, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { startOnOwnOrigin, signInAsMember } from '../helpers/staff.js';
import { browser, csrfIn, pageText } from '../helpers/web-browser.js';

let server: TestServer;

beforeAll(async () => {
  server = await startOnOwnOrigin();
});
afterAll(() => server?.close());

describe('/my/profile', () => {
  it('a member sees their own name and address and corrects them; the members page, the record and the audit log follow', async () => {
    const { organization } = await seedCompany(server, { n: 9701 });
    const b = await signInAsMember(server, organization.id, '旧姓 花子');
    const members = await b.request('GET', '/my/members');
    expect(members.text).toContain('href="/my/profile"');

    const form = await b.request('GET', '/my/profile');
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="旧姓 花子"');

    const saved = await b.request('POST', '/my/profile', { form: { csrf: csrfIn(form.text), name: '新姓 花子', email: 'hanako.new@example.jp' } });
    expect(saved.status, saved.text.slice(0, 500)).toBe(303);
    const after = await b.request('GET', saved.headers.get('location')!);
    expect(pageText(after.text)).toContain('新姓 花子');
    expect(pageText(after.text)).toContain('hanako.new@example.jp');
    expect(pageText(after.text)).not.toContain('旧姓 花子');

    if (!onWorker) {
      const db = new BetterSqlite3(server.dbPath, { readonly: true });
      try {
        const account = db.prepare("SELECT display_name, email FROM accounts WHERE display_name = '新姓 花子'").get();
        expect(account).toEqual({ display_name: '新姓 花子', email: 'hanako.new@example.jp' });
        const entry = db.prepare("SELECT before, after FROM audit_log WHERE action = 'account.profile'").get() as { before: string; after: string };
        expect(JSON.parse(entry.before)).toMatchObject({ displayName: '旧姓 花子', email: null });
        expect(JSON.parse(entry.after)).toMatchObject({ displayName: '新姓 花子', email: 'hanako.new@example.jp' });
      } finally {
        db.close();
      }
    }
  });

  it('a wrong address is refused by its field, and nothing changes; an empty address removes it', async () => {
    const { organization } = await seedCompany(server, { n: 9702 });
    const b = await signInAsMember(server, organization.id, '変更 太郎');
    const form = await b.request('GET', '/my/profile');
    const refused = await b.request('POST', '/my/profile', { form: { csrf: csrfIn(form.text), name: '', email: 'not-an-address' } });
    expect(refused.status).toBe(400);
    expect(pageText(refused.text)).toContain('お名前を入力してください。');
    expect(pageText(refused.text)).toContain('メールアドレスの形式が正しくありません');
    expect(refused.text).toContain('value="not-an-address"');
    expect(pageText((await b.request('GET', '/my/members')).text)).toContain('変更 太郎');

    const saved = await b.request('POST', '/my/profile', { form: { csrf: csrfIn(form.text), name: '変更 太郎', email: 'taro@example.jp' } });
    expect(saved.status).toBe(303);
    const cleared = await b.request('POST', '/my/profile', { form: { csrf: csrfIn(form.text), name: '変更 太郎', email: '' } });
    expect(cleared.status).toBe(303);
    expect(pageText((await b.request('GET', '/my/members')).text)).not.toContain('taro@example.jp');
  });

  it('signed out, the page sends the person to sign in; without the form’s token nothing is saved', async () => {
    const anonymous = await fetch(`${server.url}/my/profile`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/^\/login/);
    const { organization } = await seedCompany(server, { n: 9703 });
    const b = await signInAsMember(server, organization.id, '守る 次郎');
    const forged = await b.request('POST', '/my/profile', { form: { csrf: 'forged', name: '乗っ取り', email: 'x@example.jp' } });
    expect(forged.status).toBe(403);
    expect(pageText((await b.request('GET', '/my/members')).text)).toContain('守る 次郎');
  });
});

describe('/my/profile for a GビズID account', () => {
  let provider: TestOidcProvider;
  let registry: TestServer;
  beforeAll(async () => {
    const port = await freePort();
    const registryUrl = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider({ redirectUri: `${registryUrl}/auth/oidc/callback` });
    registry = await startTestServer({ PORT: String(port), PUBLIC_BASE_URL: registryUrl, ...provider.registryEnv });
  });
  afterAll(async () => {
    await registry?.close();
    await provider?.close();
  });

  it('shows the name and address GビズID gave, read-only, and refuses a change (GビズID would overwrite it at the next sign-in)', async () => {
    const { organization } = await seedCompany(registry, { n: 9711 });
    provider.addAccount({ sub: 'gbiz-profile', corporateNumber: organization.corporateNumber, email: 'gbiz.person@example.jp', name: '法人 太郎' });
    const signIn = await signInOverHttp(registry.url, provider, 'gbiz-profile');
    expect(signIn.sessionCookie).toBeTruthy();
    const b = browser(registry, new URL(registry.url).origin);
    const [name, value] = [signIn.sessionCookie!.slice(0, signIn.sessionCookie!.indexOf('=')), signIn.sessionCookie!.slice(signIn.sessionCookie!.indexOf('=') + 1)];
    b.jar.set(name, value);

    const page = await b.request('GET', '/my/profile');
    expect(page.status).toBe(200);
    expect(pageText(page.text)).toContain('法人 太郎');
    expect(pageText(page.text)).toContain('gbiz.person@example.jp');
    expect(page.text).not.toContain('name="email"');
    const refused = await b.request('POST', '/my/profile', { form: { csrf: csrfIn(page.text), name: '別名', email: 'other@example.jp' } });
    expect(refused.status).toBe(409);
    expect(pageText(refused.text)).toContain('GビズIDで変更してください');
    expect(pageText((await b.request('GET', '/my/members')).text)).toContain('法人 太郎');
  });
});
