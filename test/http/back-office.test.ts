import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeOverHttp, browserFetch, CookieJar, startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';
import { ADMIN_TOKEN, COMPANY, corporateNumberFor, DECLARATION, freePort, startTestServer, type TestServer } from '../helpers/server.js';
import { onWorker } from '../helpers/targets.js';
import { inviteStaff, signInAsAdministrator, signInAsStaff, staffCsrf } from '../helpers/staff.js';
import { browser, csrfIn } from '../helpers/web-browser.js';

/**
 * The back office's way in, over real HTTP on Node and on the Worker: the bootstrap token form,
 * staff invitations with passkeys, passkey sign-in, the secretariat's own OpenID Connect provider,
 * roles that take effect at once, and the last administrator who cannot be removed.
 */

/**
 * Every row (server.snapshot()), with queued e-mail by its ids only: the mail dispatcher leases and
 * sends the messages earlier tests queued while a test runs, which is not the request's doing.
 */
const records = () => JSON.stringify((JSON.parse(server.snapshot()) as [string, { id: string }[]][]).map(([table, rows]) => [table, table === 'mail_outbox' ? rows.map((r) => r.id) : rows]));
let server: TestServer;
let provider: TestOidcProvider;
let registryUrl: string;

const audit = async (action: string) => (await server.call('GET', `/api/v1/audit-log?action=${action}&limit=100`)).body.items as any[];

beforeAll(async () => {
  const port = await freePort();
  registryUrl = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider({ redirectUri: `${registryUrl}/auth/staff-oidc/callback` });
  const staffEnv = Object.fromEntries(Object.entries(provider.registryEnv).map(([name, value]) => [`STAFF_${name}`, value]));
  server = await startTestServer({ PORT: String(port), PUBLIC_BASE_URL: registryUrl, ...staffEnv });
});

afterAll(async () => {
  await server?.close();
  await provider?.close();
});

describe('back office sign-in', () => {
  it('the bootstrap token signs in as the administrator; a wrong one is refused with the message, audited, and opens nothing', async () => {
    const b = browser(server, registryUrl);
    const page = await b.request('GET', '/admin/login');
    expect(page.status).toBe(200);
    expect(page.text).toContain('管理者トークン');
    expect(page.text).toContain('府省のアカウントでログイン'); // STAFF_OIDC_* is set

    const refusedBefore = (await audit('account.sign-in-refused')).length;
    const wrong = await b.request('POST', '/admin/login', { form: { token: 'not-the-token', next: '/admin/staff' } });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('管理者トークンが正しくありません');
    expect(b.jar.size).toBe(0);
    expect((await audit('account.sign-in-refused')).length).toBe(refusedBefore + 1);
    expect((await b.request('GET', '/admin')).status).toBe(302);

    const right = await b.request('POST', '/admin/login', { form: { token: ADMIN_TOKEN, next: '/admin/staff' } });
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe('/admin/staff');
    const home = await b.request('GET', '/admin');
    expect(home.status).toBe(200);
    expect(home.text).toContain('管理者');
    // The same token opens the same account every time.
    const again = browser(server, registryUrl);
    await again.request('POST', '/admin/login', { form: { token: ADMIN_TOKEN } });
    const staff = await again.request('GET', '/admin/staff');
    expect(staff.text.match(/<th scope="row">管理者（初期トークン）/g)).toHaveLength(1);
    // In English, its name is in English too: the greeting, the staff list, the audit log's "who".
    expect((await again.request('GET', '/admin?lang=en')).text).toContain('Hello, Administrator (bootstrap token).');
    const staffEn = (await again.request('GET', '/admin/staff?lang=en')).text;
    expect(staffEn.match(/<th scope="row">\s*Administrator \(bootstrap token\)/g)).toHaveLength(1);
    expect(staffEn).not.toContain('初期トークン');
    expect((await again.request('GET', '/admin/audit?lang=en')).text).not.toContain('初期トークン');
  });

  it('refuses a token form posted from another site, and an open redirect in next', async () => {
    const b = browser(server, 'https://evil.example');
    expect((await b.request('POST', '/admin/login', { form: { token: ADMIN_TOKEN } })).status).toBe(403);
    expect(b.jar.size).toBe(0);
    const ok = browser(server, registryUrl);
    const redirected = await ok.request('POST', '/admin/login', { form: { token: ADMIN_TOKEN, next: '//evil.example/admin' } });
    expect(redirected.headers.get('location')).toBe('/admin');
  });

  it('an invited reviewer joins with a passkey, signs in again with it, and lands in the back office with a reviewer’s menu', async () => {
    const admin = await signInAsAdministrator(server);
    const reviewer = await signInAsStaff(server, admin, 'reviewer', '審査 花子');
    const home = await reviewer.request('GET', '/admin');
    expect(home.text).toContain('審査担当');
    expect(home.text).not.toContain('href="/admin/partners"'); // administrators only
    // They have a passkey and never had a token: no advice to register one to sign in "without the token".
    expect(home.text).not.toContain('パスキーを登録すると');
    expect((await reviewer.request('GET', '/admin?lang=en')).text).not.toContain('Register a passkey');
    // The administrator who signed in with the bootstrap token and has none is advised to.
    expect((await admin.request('GET', '/admin')).text).toContain('パスキーを登録すると、次回からトークンなしでログインできます。');

    const later = browser(server, registryUrl);
    const options = await later.request('POST', '/auth/passkey/options', { json: {} });
    const login = await later.request('POST', '/auth/passkey/login', { json: { credential: reviewer.device.get(options.body), next: '/my' } });
    expect(login.status).toBe(200);
    expect(login.body.redirect).toBe('/admin'); // staff land in the back office, not /my
    // The staff list (names, e-mail addresses, roles) is the administrators' alone, as is managing it.
    const staffPage = await later.request('GET', '/admin/staff');
    expect(staffPage.status).toBe(403);
    expect((await later.request('GET', '/admin')).text).not.toContain('href="/admin/staff"');
    // A reviewer cannot invite or manage staff.
    const refused = await later.request('POST', '/admin/staff/invite', { form: { csrf: await staffCsrf(later), name: '不正 招待', role: 'administrator' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await admin.request('GET', '/admin/staff')).text).not.toContain('不正 招待');
  });

  it('an invitation with an e-mail address sends the link there too (the outbox, in the invitation’s batch)', async () => {
    const admin = await signInAsAdministrator(server);
    const page = await admin.request('POST', '/admin/staff/invite', { form: { csrf: await staffCsrf(admin), name: '佐藤 次郎', email: 'jiro@example.jp', role: 'reviewer' } });
    expect(page.status).toBe(200);
    const url = /<code id="invitation-url">([^<]+)<\/code>/.exec(page.text)![1]!;
    // Sent where the registry can send e-mail; on the Worker without MAIL_API_URL it waits, and the page says so.
    expect(page.text.includes('同じリンクを jiro@example.jp にメールで送ります。')).toBe(!onWorker);
    expect(page.text.includes('jiro@example.jp 宛てのメールは、この登録簿ではメールの送信方法が設定されていないため、まだ送信されていません')).toBe(onWorker);
    const outbox = (JSON.parse(server.snapshot()) as [string, Record<string, string>[]][]).find(([table]) => table === 'mail_outbox')![1];
    const mail = outbox.find((m) => m.recipient === 'jiro@example.jp')!;
    expect(mail).toMatchObject({ kind: 'staff.invitation', organization_id: null });
    expect(mail.subject).toContain('事務局の管理画面に招待されました');
    expect(mail.text_body).toContain(url);
    expect(mail.text_body).toContain("審査担当");
  });

  it('inviting the same address again (a reload, a double click, another case) is refused beside the e-mail field with the expiry: one link, one e-mail', async () => {
    const admin = await signInAsAdministrator(server);
    const csrf = await staffCsrf(admin);
    const form = { csrf, name: '重複 確認', email: 'twice@example.jp', role: 'viewer' };
    expect((await admin.request('POST', '/admin/staff/invite', { form })).status).toBe(200);
    const before = records();
    const again = [
      await admin.request('POST', '/admin/staff/invite', { form: { ...form, email: 'Twice@Example.jp' } }),
      ...(await Promise.all([0, 1].map(() => admin.request('POST', '/admin/staff/invite', { form })))),
    ];
    for (const page of again) {
      expect(page.status).toBe(409);
      expect(page.text).toMatch(/id="f-email-error"[^>]*>[\s\S]*?twice@example\.jp 宛ての未使用の招待がすでにあります（有効期限: \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d）。/);
      expect(page.text).not.toContain('id="invitation-url"');
      expect(page.text).toContain('value="重複 確認"');
    }
    expect(records()).toBe(before);
    // A link without an address is not deduplicated: anyone may be handed one.
    const bare = { ...form, email: '' };
    expect((await admin.request('POST', '/admin/staff/invite', { form: bare })).status).toBe(200);
    expect((await admin.request('POST', '/admin/staff/invite', { form: bare })).status).toBe(200);
  });

  it('an open invitation can be cancelled by an administrator: its link stops working at once, and it is audited', async () => {
    const admin = await signInAsAdministrator(server);
    const url = new URL(await inviteStaff(admin, 'administrator', '宛先 違い'));
    const page = (await admin.request('GET', '/admin/staff')).text;
    const id = new RegExp('宛先 違い[\\s\\S]*?action="/admin/staff/invitations/([^/"]+)/cancel"').exec(page)![1]!;
    const cancelled = await admin.request('POST', `/admin/staff/invitations/${id}/cancel`, { form: { csrf: await staffCsrf(admin) } });
    expect(cancelled.status).toBe(303);
    expect((await admin.request('GET', cancelled.headers.get('location')!)).text).toContain('招待を取り消しました');
    // The invited person is told it was cancelled, not that it expired (in Japanese, and in English).
    const opened = await browser(server, url.origin).request('GET', url.pathname);
    expect(opened.status).toBe(410);
    expect(opened.text).toContain('招待は取り消されました');
    expect(opened.text).toContain('この招待は事務局の管理者によって取り消されました');
    expect(opened.text).not.toContain('期限');
    const openedEn = await browser(server, url.origin).request('GET', `${url.pathname}?lang=en`);
    expect(openedEn.status).toBe(410);
    expect(openedEn.text).toContain('This invitation was cancelled');
    expect(openedEn.text).not.toContain('expired');
    // Joining through it is refused the same way.
    const join = await browser(server, url.origin).request('POST', `${url.pathname}/options`, { json: {} });
    expect(join.status).toBe(410);
    expect(join.text).toContain('取り消されました');
    // The back office lists it as cancelled, not as expired.
    const listed = /<li id="invitation-([^"]+)">([\s\S]*?)<\/li>/g;
    const entries = new Map([...(await admin.request('GET', '/admin/staff')).text.matchAll(listed)].map((m) => [m[1]!, m[2]!]));
    expect(entries.get(id)).toContain('宛先 違い');
    expect(entries.get(id)).toContain('取消済み');
    expect(entries.get(id)).not.toContain('期限切れ');
    expect((await audit('staff.invitation-cancel')).some((e) => e.entityId === id)).toBe(true);
    // Twice, or without the form's token: refused, nothing changed.
    const before = records();
    expect((await admin.request('POST', `/admin/staff/invitations/${id}/cancel`, { form: { csrf: await staffCsrf(admin) } })).status).toBe(404);
    expect((await admin.request('POST', `/admin/staff/invitations/${id}/cancel`, { form: { csrf: 'guess' } })).status).toBe(403);
    expect(records()).toBe(before);
  });

  it('an invitation works once; a used link answers 410 and an unknown one 404', async () => {
    const admin = await signInAsAdministrator(server);
    const url = new URL(await inviteStaff(admin, 'viewer', '一度 だけ'));
    await signInAsStaff(server, admin, 'viewer'); // another invitation, to show links are independent
    const b = browser(server, url.origin);
    expect((await b.request('GET', url.pathname)).status).toBe(200);
    const { softAuthenticator } = await import('../helpers/webauthn.js');
    const device = softAuthenticator(url.origin);
    const options = await b.request('POST', `${url.pathname}/options`, { json: {} });
    expect((await b.request('POST', `${url.pathname}/verify`, { json: { credential: device.create(options.body) } })).status).toBe(200);
    expect((await browser(server, url.origin).request('GET', url.pathname)).status).toBe(410);
    expect((await browser(server, url.origin).request('GET', '/admin/join/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
  });

  it('a staff invitation expires: past its end, the link answers 410 and a passkey begun before it joins no one', async () => {
    const admin = await signInAsAdministrator(server);
    const url = new URL(await inviteStaff(admin, 'reviewer', '期限 切れ'));
    const b = browser(server, url.origin);
    const { softAuthenticator } = await import('../helpers/webauthn.js');
    const options = await b.request('POST', `${url.pathname}/options`, { json: {} });
    expect(options.status).toBe(200);
    const db = new BetterSqlite3(server.dbPath);
    db.prepare('UPDATE staff_invitations SET expires_at = ? WHERE token_hash = ?').run('2020-01-01T00:00:00.000Z', createHash('sha256').update(url.pathname.split('/').pop()!).digest('hex'));
    db.close();
    const before = records();
    const verify = await b.request('POST', `${url.pathname}/verify`, { json: { credential: softAuthenticator(url.origin).create(options.body) } });
    expect(verify.status).toBe(410);
    expect(verify.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(b.jar.has('registry_session')).toBe(false);
    const page = await browser(server, url.origin).request('GET', url.pathname);
    expect(page.status).toBe(410);
    expect(page.text).toContain('招待リンクを使えません');
    expect((await browser(server, url.origin).request('GET', `${url.pathname}?lang=en`)).text).toContain('This invitation cannot be used');
    expect(records()).toBe(before);
  });

  it('a staff invitation’s token stays out of the access log (the link is a secret until used): the log names the route only, and no Referer carries it', async () => {
    const admin = await signInAsAdministrator(server);
    const url = new URL(await inviteStaff(admin, 'viewer', 'ログ 確認'));
    const token = url.pathname.split('/').pop()!;
    const b = browser(server, url.origin);
    const page = await b.request('GET', url.pathname);
    expect(page.status).toBe(200);
    // Nor in a Referer: the page's links and scripts are requested without the address that holds the token.
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect((await b.request('POST', `${url.pathname}/options`, { json: {} })).status).toBe(200);
    expect(server.logs.join('\n')).not.toContain(token);
    if (!onWorker) expect(server.logs.join('\n')).toContain('/admin/join/{token}/options');
  });

  it('a new role applies at once (the person’s sessions end), and the last administrator cannot be removed or demoted', async () => {
    const admin = await signInAsAdministrator(server);
    const viewer = await signInAsStaff(server, admin, 'viewer', '役割 変更');
    const staffPage = (await admin.request('GET', '/admin/staff')).text;
    const id = new RegExp('役割 変更[\\s\\S]*?action="/admin/staff/([^/"]+)/role"').exec(staffPage)![1]!;
    const changed = await admin.request('POST', `/admin/staff/${id}/role`, { form: { csrf: await staffCsrf(admin), role: 'reviewer' } });
    expect(changed.status).toBe(303);
    expect((await viewer.request('GET', '/admin')).status).toBe(302); // signed out: sign in again with the new role
    expect((await audit('staff.role')).some((e) => e.entityId === id && e.after.role === 'reviewer')).toBe(true);

    // The bootstrap administrator is the only administrator: removing or demoting them is refused.
    const self = /action="\/admin\/staff\/([^/"]+)\/remove"/.exec(staffPage)![1]!;
    const before = records();
    const removed = await admin.request('POST', `/admin/staff/${self}/remove`, { form: { csrf: await staffCsrf(admin) } });
    expect(removed.status).toBe(409);
    expect(removed.text).toContain('最後の管理者');
    expect(records()).toBe(before);
  });

  it('in English, the staff page and the account page use English brackets and commas, not （…、…）', async () => {
    const admin = await signInAsAdministrator(server);
    await inviteStaff(admin, 'viewer', 'Bracket Open');
    await signInAsStaff(server, admin, 'reviewer', 'Bracket Used');
    const staffPage = (await admin.request('GET', '/admin/staff?lang=en')).text;
    expect(staffPage).toMatch(/Bracket Open \(Viewer, until \d{1,2} [A-Z][a-z]+ \d{4}\)/);
    expect(staffPage).toContain('Bracket Used (Reviewer): ');
    const reviewer = await signInAsStaff(server, admin, 'reviewer', 'Passkey Owner');
    const account = (await reviewer.request('GET', '/admin/account?lang=en')).text;
    expect(account).toMatch(/テスト端末 \(added \d{1,2} [A-Z][a-z]+ \d{4}\)/);
    for (const page of [staffPage, account]) expect(/<main[\s\S]*<\/main>/.exec(page)![0]).not.toMatch(/[（）、]/);
  });

  it('in English, every form of the staff page posts in English and its answer comes back in English', async () => {
    const admin = await signInAsAdministrator(server);
    await signInAsStaff(server, admin, 'viewer', 'English Role');
    await inviteStaff(admin, 'viewer', 'English Invite');
    const page = (await admin.request('GET', '/admin/staff?lang=en')).text;
    const actions = [...page.matchAll(/<form method="post" action="(\/admin\/staff[^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    for (const kind of ['/role', '/invite', '/cancel']) expect(actions.filter((a) => a.split('?')[0]!.endsWith(kind)).length).toBeGreaterThan(0);
    expect(actions.filter((a) => !a.endsWith('?lang=en'))).toEqual([]);
    // 職員から外す asks first: its GET form carries the language to the confirmation, whose form posts in English.
    const ask = new RegExp('English Role[\\s\\S]*?<form method="get" action="(/admin/staff/[^/"]+/remove)" class="inline-form"><input type="hidden" name="lang" value="en"/>').exec(page)![1]!;
    const confirm = (await admin.request('GET', `${ask}?lang=en`)).text;
    expect(confirm).toContain(`<form method="post" action="${ask}?lang=en">`);
    const role = new RegExp('English Role[\\s\\S]*?action="(/admin/staff/[^/"]+/role\\?lang=en)"').exec(page)![1]!;
    const changed = await admin.request('POST', role, { form: { csrf: await staffCsrf(admin), role: 'reviewer' } });
    expect(changed.status).toBe(303);
    expect(changed.headers.get('location')).toBe('/admin/staff?done=role&lang=en');
  });

  it('a form without the session’s CSRF token is refused and changes nothing', async () => {
    const admin = await signInAsAdministrator(server);
    const before = records();
    const refused = await admin.request('POST', '/admin/staff/invite', { form: { csrf: 'guess', name: '偽 送信', role: 'viewer' } });
    expect(refused.status).toBe(403);
    expect(records()).toBe(before);
  });

  it('the invite form names a missing name next to its field and keeps what was typed', async () => {
    const admin = await signInAsAdministrator(server);
    const refused = await admin.request('POST', '/admin/staff/invite', { form: { csrf: await staffCsrf(admin), name: ' ', email: 'not-an-address', role: 'viewer' } });
    expect(refused.status).toBe(400);
    // The administrator types someone else's name: not 「お名前」 / "your name", which is the joining person's form.
    expect(refused.text).toMatch(/id="f-name-error"[^>]*>[\s\S]*?招待する人の名前を入力してください。/);
    expect(refused.text).not.toContain('お名前');
    const english = await admin.request('POST', '/admin/staff/invite?lang=en', { form: { csrf: await staffCsrf(admin), name: '', email: '', role: 'viewer' } });
    expect(english.text).toContain('Enter the name of the person to invite.');
    expect(english.text).not.toContain('your name');
    expect(refused.text).toMatch(/id="f-email-error"[^>]*>[\s\S]*?メールアドレスの形式/);
    expect(refused.text).toContain('value="not-an-address"');
    // A role the list does not offer (a stale or altered form) is named beside the role field too, not only in the summary.
    const badRole = await admin.request('POST', '/admin/staff/invite?lang=en', { form: { csrf: await staffCsrf(admin), name: '役割 不明', email: '', role: 'owner' } });
    expect(badRole.status).toBe(400);
    expect(badRole.text).toMatch(/id="f-role-error"[^>]*>[\s\S]*?Administrator/);
    expect(badRole.text).toContain('aria-describedby="f-role-error"');
  });

  it('the invite form refuses a name of invisible characters only, or one a U+202E turns around, next to its field, in either language, and records nothing', async () => {
    const admin = await signInAsAdministrator(server);
    for (const [name, lang, message] of [['\u200b\u200d', '', '見えない文字'], ['\u3000\u200b', '?lang=en', 'no visible character'], ['田中\u202e子花', '', '202E']] as const) {
      const before = records();
      const refused = await admin.request('POST', `/admin/staff/invite${lang}`, { form: { csrf: await staffCsrf(admin), name, email: 'tanaka@example.lg.jp', role: 'viewer' } });
      expect(refused.status, name).toBe(400);
      expect(refused.text).toMatch(new RegExp(`id="f-name-error"[^>]*>[\\s\\S]*?${message}`));
      expect(refused.text).toContain('value="tanaka@example.lg.jp"');
      expect(refused.text).not.toContain('id="invitation-url"');
      expect(records()).toBe(before);
    }
  });

  it('the secretariat’s own OpenID Connect provider: an invited person links their account once, then signs in with it; a stranger is refused', async () => {
    const admin = await signInAsAdministrator(server);
    provider.addAccount({ sub: 'staff-ozawa', name: '小沢 一郎', email: 'ozawa@cao.example.go.jp' });
    provider.addAccount({ sub: 'stranger', name: '部外 者' });
    const link = new URL(await inviteStaff(admin, 'viewer', '小沢 一郎'));
    const token = link.pathname.split('/').pop()!;

    const signInWith = async (sub: string, query: string) => {
      const jar = new CookieJar();
      const login = await browserFetch(jar, `${registryUrl}/auth/staff-oidc/login${query}`);
      expect(login.status).toBe(302);
      const callback = await browserFetch(jar, await authorizeOverHttp(login.headers.get('location')!, sub, jar));
      return { callback, jar, text: await callback.text() };
    };
    const joined = await signInWith('staff-ozawa', `?invitation=${token}`);
    expect(joined.callback.status).toBe(303);
    expect((await browserFetch(joined.jar, `${registryUrl}/admin`)).status).toBe(200);
    expect((await audit('staff.join')).some((e) => e.after.via === 'oidc')).toBe(true);

    const again = await signInWith('staff-ozawa', '');
    expect(again.callback.status).toBe(303);
    const page = await browserFetch(again.jar, `${registryUrl}/admin/account`);
    expect(await page.text()).toContain('小沢 一郎');

    const stranger = await signInWith('stranger', '');
    expect(stranger.callback.status).toBe(403);
    expect(stranger.text).toContain('事務局の職員として登録されていません');
    expect((await browserFetch(stranger.jar, `${registryUrl}/admin`, { redirect: 'manual' })).status).toBe(302);
  });

  it('on a browser preferring English, Japanese chosen (?lang=ja) stays Japanese through the provider: joining, signing in, signing out', async () => {
    const admin = await signInAsAdministrator(server);
    provider.addAccount({ sub: 'staff-nihongo', name: '日本 語子', email: 'nihongo@cao.example.go.jp' });
    const token = new URL(await inviteStaff(admin, 'viewer', '日本 語子')).pathname.split('/').pop()!;
    const jar = new CookieJar();
    const open = (path: string, init: RequestInit = {}) => browserFetch(jar, new URL(path, registryUrl).href, { ...init, headers: { 'accept-language': 'en-US,en;q=0.9,ja;q=0.8', ...(init.headers as Record<string, string>) } });
    /** From a Japanese page, the button to the provider, the provider, and the page the registry leads to. */
    const throughProvider = async (from: string) => {
      const page = await (await open(from)).text();
      expect(page, from).toMatch(/<html lang="ja"/);
      const login = await open(/href="(\/auth\/staff-oidc\/login[^"]*)"/.exec(page)![1]!.replaceAll('&amp;', '&'));
      const callback = await open(await authorizeOverHttp(login.headers.get('location')!, 'staff-nihongo', jar));
      expect(callback.status, from).toBe(303);
      return (await open(callback.headers.get('location')!)).text();
    };
    expect(await throughProvider(`/admin/join/${token}?lang=ja`)).toMatch(/<html lang="ja"/);
    jar.delete(registryUrl, 'registry_session');
    const home = await throughProvider('/admin/login?lang=ja');
    expect(home).toMatch(/<html lang="ja"/);

    const signOut = /<form class="account-bar" method="post" action="([^"]*)"/.exec(home)![1]!.replaceAll('&amp;', '&');
    const out = await open(signOut, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `csrf=${encodeURIComponent(csrfIn(home))}` });
    expect(out.status).toBe(303);
    expect(await (await open(out.headers.get('location')!)).text()).toMatch(/<html lang="ja"/);
  });

  it('a person removed from the staff stays out without an invitation, and a new invitation accepted with the provider lets them back in with its role', async () => {
    const admin = await signInAsAdministrator(server);
    provider.addAccount({ sub: 'staff-komori', name: '小森 再参加', email: 'komori@cao.example.go.jp' });
    const signInWith = async (query: string) => {
      const jar = new CookieJar();
      const login = await browserFetch(jar, `${registryUrl}/auth/staff-oidc/login${query}`);
      const callback = await browserFetch(jar, await authorizeOverHttp(login.headers.get('location')!, 'staff-komori', jar));
      return { callback, jar, text: await callback.text() };
    };
    const first = new URL(await inviteStaff(admin, 'viewer', '小森 再参加')).pathname.split('/').pop()!;
    expect((await signInWith(`?invitation=${first}`)).callback.status).toBe(303);
    const id = new RegExp('小森 再参加[\\s\\S]*?action="/admin/staff/([^/"]+)/remove"').exec((await admin.request('GET', '/admin/staff')).text)![1]!;
    expect((await admin.request('POST', `/admin/staff/${id}/remove`, { form: { csrf: await staffCsrf(admin) } })).status).toBe(303);

    const removed = await signInWith('');
    expect(removed.callback.status).toBe(403);
    expect(removed.text).toContain('事務局の職員として登録されていません');

    const second = new URL(await inviteStaff(admin, 'reviewer', '小森 再参加')).pathname.split('/').pop()!;
    const back = await signInWith(`?invitation=${second}`);
    expect(back.callback.status).toBe(303);
    expect((await browserFetch(back.jar, `${registryUrl}/admin`)).status).toBe(200);
    expect((await browserFetch(back.jar, `${registryUrl}/admin/reviews`)).status).toBe(200); // a reviewer's page: the invited role
    expect((await audit('staff.join')).some((e) => e.entityId === id && e.after.role === 'reviewer' && e.after.invitationId)).toBe(true);
    // The link was used: it does not work a second time.
    expect((await signInWith(`?invitation=${second}`)).callback.status).toBe(303); // the account is staff again: it simply signs in
    expect((await admin.request('GET', `/admin/join/${second}`)).status).toBe(410);
  });

  it('signs out from the back office', async () => {
    const admin = await signInAsAdministrator(server);
    const csrf = csrfIn((await admin.request('GET', '/admin')).text);
    expect((await admin.request('POST', '/auth/logout', { form: { csrf } })).status).toBe(303);
    expect((await admin.request('GET', '/admin')).status).toBe(302);
  });
});

describe('the bootstrap token’s account, demoted by another administrator', () => {
  // Each of these three demotes the bootstrap administrator, so each starts a server of its own:
  // on the Worker ~17 s apiece in CI. The staff SQL they reach runs on the Worker through the
  // back-office matrix and the sign-in tests: on Node only, which keeps CI under 20 minutes.
  it.skipIf(onWorker)('its API token acts with the new role at once: a reviewer’s token publishes but cannot suspend, a viewer’s only reads; removed from the staff, the token stops working', async () => {
    const own = await startTestServer();
    try {
      // Two submitted declarations, waiting for review.
      const submitted = async (n: number) => {
        const org = await own.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: `審査待ち${n}株式会社`, corporateNumber: corporateNumberFor(n) } });
        const created = await own.call('POST', `/api/v1/organizations/${org.body.id}/declarations`, { body: DECLARATION });
        expect((await own.call('POST', `/api/v1/declarations/${created.body.id}/submit`)).status).toBe(200);
        return created.body.id as string;
      };
      const [first, second] = [await submitted(1), await submitted(2)];
      const bootstrap = await signInAsAdministrator(own);
      const other = await signInAsStaff(own, bootstrap, 'administrator', '二人目 管理者');
      const staffPage = (await other.request('GET', '/admin/staff')).text;
      const id = new RegExp('管理者（初期トークン）[\\s\\S]*?action="/admin/staff/([^/"]+)/role"').exec(staffPage)![1]!;
      const setRole = async (role: string) => (await other.request('POST', `/admin/staff/${id}/role`, { form: { csrf: await staffCsrf(other), role } })).status;

      // The same bearer token (ADMIN_TOKEN), now a reviewer's.
      expect(await setRole('reviewer')).toBe(303);
      expect((await own.call('POST', '/api/v1/tokens', { body: { role: 'admin', label: 'もう一つ' } })).status).toBe(403);
      expect((await own.call('POST', `/api/v1/declarations/${first}/publish`)).status).toBe(200);
      expect((await own.call('POST', `/api/v1/declarations/${first}/suspend`, { body: { reason: 'under-investigation' } })).status).toBe(403);
      expect((await own.call('GET', `/api/v1/declarations/${first}`)).body.status).toBe('published');
      const entry = (await own.call('GET', `/api/v1/audit-log?entityId=${first}&action=declaration.publish`)).body.items[0];
      expect(entry.actorRole).toBe('admin:reviewer'); // what the token did, as the role it had

      // A viewer's: reads, but no longer reviews.
      expect(await setRole('viewer')).toBe(303);
      expect((await own.call('POST', `/api/v1/declarations/${second}/publish`)).status).toBe(403);
      expect((await own.call('GET', `/api/v1/declarations/${second}`)).body.status).toBe('submitted');
      expect((await own.call('GET', '/api/v1/audit-log?limit=1')).status).toBe(200);

      // Administrator again: everything again.
      expect(await setRole('administrator')).toBe(303);
      expect((await own.call('POST', `/api/v1/declarations/${first}/suspend`, { body: { reason: 'under-investigation' } })).status).toBe(200);

      // Removed from the staff: the token no longer works at all, and says why.
      expect((await other.request('POST', `/admin/staff/${id}/remove`, { form: { csrf: await staffCsrf(other) } })).status).toBe(303);
      const removed = await own.call('GET', `/api/v1/declarations/${first}`);
      expect(removed.status).toBe(401);
      expect(removed.text).toContain('職員から外された');
      const signIn = await browser(own, new URL(own.url).origin).request('POST', '/admin/login', { form: { token: ADMIN_TOKEN, next: '/admin' } });
      expect(signIn.status).toBe(403);
      expect(signIn.text).toContain('他の管理者によって職員から外されたか役割が変更されています');
    } finally {
      await own.close();
    }
  });

  it.skipIf(onWorker)('removed from the staff, its API token is revoked with it: token lists show it revoked, and it answers 401 saying why', async () => {
    const own = await startTestServer();
    try {
      // A second administrator token, never used to sign in: it follows no account and lists the tokens afterwards.
      const lister = (await own.call('POST', '/api/v1/tokens', { body: { role: 'admin', label: '一覧用' } })).body.token as string;
      const bootstrap = await signInAsAdministrator(own);
      const other = await signInAsStaff(own, bootstrap, 'administrator', '二人目 管理者');
      const listed = async () => (await own.call('GET', '/api/v1/tokens', { token: lister })).body.items as { id: string; label: string; revokedAt: string | null }[];
      const bootstrapToken = (await listed()).find((t) => t.label === 'bootstrap administrator')!;
      expect(bootstrapToken.revokedAt).toBeNull();

      const staffPage = (await other.request('GET', '/admin/staff')).text;
      const id = new RegExp('管理者（初期トークン）[\\s\\S]*?action="/admin/staff/([^/"]+)/role"').exec(staffPage)![1]!;
      expect((await other.request('POST', `/admin/staff/${id}/remove`, { form: { csrf: await staffCsrf(other) } })).status).toBe(303);

      const after = await listed();
      expect(after.find((t) => t.id === bootstrapToken.id)!.revokedAt).toEqual(expect.any(String));
      expect(after.find((t) => t.label === '一覧用')!.revokedAt).toBeNull();
      const removed = await own.call('GET', '/api/v1/tokens');
      expect(removed.status).toBe(401);
      expect(removed.text).toContain('職員から外された');
      // One change: the removal and the revocation have the same time, each its audit entry.
      const auditOf = async (action: string, entityId: string) => (await own.call('GET', `/api/v1/audit-log?action=${action}&entityId=${entityId}`, { token: lister })).body.items as { at: string; actorRole: string }[];
      const [revoked] = await auditOf('token.revoke', bootstrapToken.id);
      const [removal] = await auditOf('staff.remove', id);
      expect(revoked).toBeTruthy();
      expect(revoked!.at).toBe(removal!.at);
      expect(revoked!.at).toBe(after.find((t) => t.id === bootstrapToken.id)!.revokedAt);
    } finally {
      await own.close();
    }
  });

  it.skipIf(onWorker)('no longer signs in at /admin/login, and the page says why instead of calling the token wrong', async () => {
    const own = await startTestServer();
    try {
      const bootstrap = await signInAsAdministrator(own);
      const other = await signInAsStaff(own, bootstrap, 'administrator', '二人目 管理者');
      const staffPage = (await other.request('GET', '/admin/staff')).text;
      const id = new RegExp('管理者（初期トークン）[\\s\\S]*?action="/admin/staff/([^/"]+)/role"').exec(staffPage)![1]!;
      expect((await other.request('POST', `/admin/staff/${id}/role`, { form: { csrf: await staffCsrf(other), role: 'viewer' } })).status).toBe(303);
      const refused = await browser(own, new URL(own.url).origin).request('POST', '/admin/login', { form: { token: ADMIN_TOKEN, next: '/admin' } });
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('他の管理者によって職員から外されたか役割が変更されています');
      expect(refused.text).not.toContain('管理者トークンが正しくありません');
      const wrong = await browser(own, new URL(own.url).origin).request('POST', '/admin/login', { form: { token: 'wrong-token-wrong-token', next: '/admin' } });
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('管理者トークンが正しくありません');
    } finally {
      await own.close();
    }
  });
});

// Last: the token's account stays on the staff as an administrator, which the tests above do not expect.
describe('a revoked administrator token', () => {
  it('revoking an administrator token ends the back-office sessions it opened: a leaked token revoked is a closed door, in every browser', async () => {
    const created = await server.call('POST', '/api/v1/tokens', { body: { role: 'admin', label: '漏えいしたトークン' } });
    expect(created.status).toBe(201);
    const holder = browser(server, registryUrl);
    expect((await holder.request('POST', '/admin/login', { form: { token: created.body.token } })).status).toBe(303);
    expect((await holder.request('GET', '/admin')).status).toBe(200);
    const bootstrap = await signInAsAdministrator(server);

    expect((await server.call('DELETE', `/api/v1/tokens/${created.body.id}`)).status).toBe(200);
    const after = await holder.request('GET', '/admin/staff');
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fstaff');
    // The token's account left the staff with the revocation: the form says so, and opens nothing.
    const refused = await holder.request('POST', '/admin/login', { form: { token: created.body.token } });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('職員から外された');
    expect((await holder.request('GET', '/admin')).status).toBe(302);
    // Only that token's account: the other administrator's session goes on.
    expect((await bootstrap.request('GET', '/admin')).status).toBe(200);
  });
});
