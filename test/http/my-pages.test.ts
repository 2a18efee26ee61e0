/**
 * The signed-in organization's pages over real HTTP, on Node and on the Worker (the same routes
 * must run on both): a session from a real OpenID Connect sign-in, every /my page, a declaration
 * saved and submitted through the form, and the refusals (no session, no CSRF token, another
 * organization's declaration) that change nothing.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOverHttp, startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';
import { COMPANY, corporateNumberFor, DECLARATION, freePort, recordsOf, startTestServer, type TestServer } from '../helpers/server.js';
import { onWorker } from '../helpers/targets.js';

let provider: TestOidcProvider;
let server: TestServer;
let cookie: string;
let organizationId: string;

const page = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(server.url + path, { ...init, redirect: 'manual', headers: { cookie, ...(init.headers as Record<string, string>) } });
  return { status: response.status, location: response.headers.get('location'), html: await response.text(), headers: response.headers };
};
const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const post = (path: string, fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return page(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
};
/** The page a redirect leads to, as a browser opens it: with the cookie the redirect set (its one-time notice). */
const follow = (redirect: { location: string | null; headers: Headers }) => {
  const set = redirect.headers.getSetCookie().map((line) => line.split(';')[0]);
  return page(redirect.location!, { headers: { cookie: [cookie, ...set].join('; ') } });
};
const form = { signerName: '山田 太郎', signerTitle: '代表取締役', committedOn: '2025-04-01', guidelineAreas: ['labor', 'security'], policy: '転職なき移住を支援します。', publicFields: ['committedOn', 'policy'] };

beforeAll(async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider({ redirectUri: `${base}/auth/oidc/callback` });
  provider.addAccount({ sub: 'gbiz-owner', corporateNumber: COMPANY.corporateNumber, name: '山田 花子' });
  // Two months of validity: a published declaration is at once within the 90-day reminder.
  server = await startTestServer({ PORT: String(port), PUBLIC_BASE_URL: base, DECLARATION_VALIDITY_MONTHS: '2', ...provider.registryEnv });
  organizationId = (await server.call('POST', '/api/v1/organizations', { body: COMPANY })).body.id;
  const signedIn = await signInOverHttp(server.url, provider, 'gbiz-owner');
  expect(signedIn.sessionCookie).toBeTruthy();
  cookie = signedIn.sessionCookie!;
}, 180_000);

afterAll(async () => {
  await server?.close();
  await provider?.close();
});

describe('/my over HTTP', () => {
  it('without a session every page leads to sign-in, coming back afterwards', async () => {
    for (const path of ['/my', '/my/declaration', '/my/history', '/my/badges', '/my/members']) {
      const response = await fetch(server.url + path, { redirect: 'manual' });
      expect(response.status, path).toBe(302);
      expect(response.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it('the sign-in pages name the secretariat as the footer does (SITE_OPERATOR_NAME), not by another name', async () => {
    const login = (await fetch(`${server.url}/login`)).text();
    expect(await login).toContain('ログインできない場合は、地方創生テレワーク推進事務局にお問い合わせください。');
    expect(await login).not.toContain('宣言・表彰事務局');
  });

  it('in English, the sign-in page and the footer name the operator by its English name (SITE_OPERATOR_NAME_EN’s default)', async () => {
    const login = await (await fetch(`${server.url}/login?lang=en`)).text();
    expect(login).toContain('If you cannot sign in, contact the secretariat (Regional Revitalization Telework Promotion Secretariat).');
    expect(login).toContain('<dd class="site-footer__operator">Regional Revitalization Telework Promotion Secretariat</dd>');
    expect(login).not.toContain('推進事務局');
  });

  it('every page answers HTML in Japanese and English, never cached', async () => {
    for (const path of ['/my', '/my/declaration', '/my/history', '/my/badges', '/my/members']) {
      for (const [suffix, lang] of [['', 'ja'], ['?lang=en', 'en']] as const) {
        const response = await page(path + suffix);
        expect(response.status, path + suffix).toBe(200);
        expect(response.headers.get('content-type')).toContain('text/html');
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(response.html).toContain(`<html lang="${lang}">`);
        expect(response.html).toContain('株式会社みらいワーク');
        // The header names who is signed in, in the page's own punctuation: 「山田 花子（株式会社みらいワーク）」 / "山田 花子 (株式会社みらいワーク)".
        expect(response.html).toContain(lang === 'ja' ? '<span class="muted">山田 花子（株式会社みらいワーク）</span>' : '<span class="muted">山田 花子 (株式会社みらいワーク)</span>');
      }
    }
  });

  it('a refused form comes back with the message beside the field and what was typed; a good one is saved and submitted', async () => {
    const blank = (await page('/my/declaration')).html;
    // The purposes the source papers name, in their numbers; no 【4】, which they do not name.
    expect([...blank.matchAll(/name="purposes" value="(\d)"/g)].map((m) => m[1])).toEqual(['1', '2', '3', '5']);
    const csrf = csrfOf(blank);
    const bad = await post('/my/declaration', { csrf, action: 'draft', ...form, signerName: '  ' });
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/<p class="field-error" id="f-signerName-error">[\s\S]*?入力してください（必須項目です）。<\/p>/);
    expect(bad.html).toMatch(/id="f-signerName"[^>]*aria-invalid="true"/);
    expect(bad.html).toContain('value="代表取締役"');
    expect(bad.html).toContain('転職なき移住を支援します。');
    expect((await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations).toEqual([]);

    // Before submitting, the form says what submitting leads to, and the preview which button to press next.
    expect(blank).toContain('<p class="hint" id="submit-next">提出すると事務局が審査します。審査中は内容を変更できません。公表されると、ダッシュボードからバッジを受け取れます。</p>');
    expect(blank).toContain('value="submit" aria-describedby="submit-next"');
    const previewed = await post('/my/declaration', { csrf, action: 'preview', ...form });
    expect(previewed.status).toBe(200);
    expect(previewed.html).toContain('この内容でよければ、下のフォームの「保存して提出」を押してください。');
    expect((await post('/my/declaration?lang=en', { csrf, action: 'preview', ...form })).html).toContain('If it is right, choose &quot;Save and submit&quot; below the form.');
    expect((await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations).toEqual([]);

    const saved = await post('/my/declaration', { csrf, action: 'submit', ...form });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('/my?done=submitted');
    // The notice is said once: right after the redirect; the address again (a reload, a bookmark, a shared link) says nothing more.
    expect((await follow(saved)).html).toContain('宣言を提出しました。');
    expect((await page('/my?done=submitted')).html).not.toContain('宣言を提出しました。');
    const [declaration] = (await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations;
    expect(declaration).toMatchObject({ status: 'submitted', content: { signerName: '山田 太郎', guidelineAreas: ['labor', 'security'], publicFields: ['committedOn', 'policy'] } });
    // The same post again (a double click, the back button): said to be submitted already, not "not saved"; nothing changes.
    const before = recordsOf(server);
    for (const action of ['submit', 'draft']) {
      const again = await post('/my/declaration', { csrf, action, ...form });
      expect(again.status, action).toBe(409);
      expect(again.html).toContain('この宣言は既に提出されています（審査中）。');
      expect(again.html).not.toContain('保存されていません');
      expect(again.html).toContain('href="/my"');
    }
    expect((await post('/my/declaration?lang=en', { csrf, action: 'submit', ...form })).html).toContain('This declaration is submitted already (Under review); there is no need to submit it again.');
    expect(recordsOf(server)).toBe(before);
    expect((await page('/my')).html).toContain('審査中');
    // Never published yet: the badge page says one comes with publication.
    expect((await page('/my/badges')).html).toContain('バッジはまだありません。自己宣言が公表されると、ここからダウンロードできます。');
    // While under review, the dashboard says where the outcome will come: here; not by e-mail, as no
    // address is registered (the owner signed in without one; the company has no contact address).
    expect((await page('/my')).html).toContain('結果（公表または差戻し）はこのページに表示します。メールアドレスが登録されていないため、メールではお知らせしません。');
    expect((await page('/my?lang=en')).html).toContain('The outcome (published, or returned to you) shows here; no e-mail address is registered, so none is sent.');
  });

  it('the dashboard says what to do next: the return reason; then, published and near its end, the days left and the badge kit', async () => {
    const [declaration] = (await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations;
    expect((await server.call('POST', `/api/v1/declarations/${declaration.id}/return`, { body: { reason: '宣言日を確認してください。' } })).status).toBe(200);
    let dashboard = (await page('/my')).html;
    expect(dashboard).toContain('事務局から差し戻されました');
    expect(dashboard).toContain('宣言日を確認してください。');
    expect(dashboard).toContain('修正して再提出');

    const returned = (await page('/my/declaration')).html;
    const rowVersion = /name="rowVersion" value="(\d+)"/.exec(returned)![1]!;
    expect((await post('/my/declaration', { csrf: csrfOf(returned), action: 'submit', declarationId: declaration.id, rowVersion, ...form, committedOn: '2025-04-02' })).location).toBe('/my?done=submitted');
    expect((await server.call('POST', `/api/v1/declarations/${declaration.id}/publish`)).status).toBe(200);
    dashboard = (await page('/my')).html;
    expect(dashboard).toMatch(/有効期限まで残り\d+日です/);
    expect(dashboard).toContain('href="/my/badges"');
    expect((await page('/my?lang=en')).html).toMatch(/\d+ days until it expires/);
    // On its last day (valid until 23:59:59.999 JST today) the dashboard says so, not 「残り0日」.
    const japanToday = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const setValidUntil = (value: string) => {
      const db = new BetterSqlite3(server.dbPath);
      try {
        return db.prepare('UPDATE declarations SET valid_until = ? WHERE id = ? RETURNING valid_until').get(value, declaration.id);
      } finally {
        db.close();
      }
    };
    const kept = (await server.call('GET', `/api/v1/declarations/${declaration.id}`)).body.validUntil as string;
    setValidUntil(new Date(Date.parse(`${japanToday}T23:59:59.999+09:00`)).toISOString());
    const lastDay = (await page('/my')).html;
    expect(lastDay).not.toContain('残り0日');
    expect(lastDay).toContain(`本日（${Number(japanToday.slice(0, 4))}年${Number(japanToday.slice(5, 7))}月${Number(japanToday.slice(8, 10))}日）が有効期限です。`);
    expect((await page('/my?lang=en')).html).toContain('It expires at the end of today (Japan time).');
    setValidUntil(kept);
    // Published: the form amends it (a new version), never a second declaration.
    const amending = (await page('/my/declaration')).html;
    expect(amending).toContain('改訂を保存（新しい版）');
    expect(amending).not.toContain('提出すると事務局が審査します');
    const previewed = await post('/my/declaration', { csrf: csrfOf(amending), action: 'preview', declarationId: declaration.id, rowVersion: /name="rowVersion" value="(\d+)"/.exec(amending)![1]!, ...form });
    expect(previewed.html).toContain('この内容でよければ、下のフォームの「改訂を保存（新しい版）」を押してください。');
  });

  it('every download the badge kit offers is an image, on either runtime (the Worker renders no PNG badge: none offered)', async () => {
    const kit = (await page('/my/badges')).html;
    const downloads = [...kit.matchAll(/<a href="([^"]+)" download="[^"]*"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
    expect(downloads.some((href) => href.endsWith('/badge.svg'))).toBe(true);
    expect(downloads.some((href) => href.includes('/qr.png'))).toBe(true);
    for (const href of downloads) {
      const response = await page(href);
      expect(`${href}: ${response.status} ${response.headers.get('content-type')}`).toMatch(/: 200 image\/(png|svg\+xml)/);
    }
    // Where no PNG badge is offered, the member reads why and what to use instead, not a kit that
    // silently lacks the PNG the README and the secretariat speak of.
    const why = { ja: 'PNG 形式のバッジ画像は、この登録簿では作成できません。SVG 版をお使いください', en: 'PNG badge images cannot be made by this registry; use the SVG badge' };
    const kitEn = (await page('/my/badges?lang=en')).html;
    expect(downloads.some((href) => href.endsWith('/badge.png'))).toBe(!onWorker);
    expect(kit.includes(why.ja)).toBe(onWorker);
    expect(kitEn.includes(why.en)).toBe(onWorker);
  });

  it('a submission the published declaration cannot take is refused before anything is saved, in plain Japanese', async () => {
    const [declaration] = (await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations;
    expect(declaration.status).toBe('published');
    const formPage = (await page('/my/declaration')).html;
    const rowVersion = /name="rowVersion" value="(\d+)"/.exec(formPage)?.[1] ?? '';
    const before = recordsOf(server);
    const refused = await post('/my/declaration', { csrf: csrfOf(formPage), action: 'submit', declarationId: declaration.id, rowVersion, ...form, policy: '改訂した方針' });
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('この宣言は現在「公表中」のため、提出はできません。');
    expect(refused.html).not.toMatch(/公表中: published|「submit」/);
    expect(recordsOf(server)).toBe(before);
  });

  it('a change posted without the version its form was read at (rowVersion) is refused, naming the field; the form keeps what was typed, nothing changes', async () => {
    const [declaration] = (await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations;
    const formPage = (await page('/my/declaration')).html;
    const csrf = csrfOf(formPage);
    const before = recordsOf(server);
    for (const rowVersion of [undefined, '', 'abc', '0']) {
      const sent: Record<string, string> = rowVersion === undefined ? {} : { rowVersion };
      for (const action of ['amend', 'submit', 'preview']) {
        const refused = await post('/my/declaration', { csrf, action, declarationId: declaration.id, ...sent, ...form, policy: '版のない改訂' });
        expect(refused.status, `${action} ${rowVersion}`).toBe(400);
        expect(refused.html).toContain('フォームの版（rowVersion）が送られていないか、正しくありません。');
        expect(refused.html).toContain('版のない改訂');
      }
      for (const path of ['/my/declaration/withdraw', '/my/declaration/renew']) {
        const refused = await post(path, { csrf, declarationId: declaration.id, ...sent });
        expect(refused.status, `${path} ${rowVersion}`).toBe(400);
        expect(refused.html).toContain('フォームの版（rowVersion）が送られていないか、正しくありません。');
      }
    }
    const english = await post('/my/declaration?lang=en', { csrf, action: 'amend', declarationId: declaration.id, ...form });
    expect(english.status).toBe(400);
    expect(english.html).toContain('version (rowVersion) is missing or damaged.');
    expect(recordsOf(server)).toBe(before);
    expect((await server.call('GET', `/api/v1/declarations/${declaration.id}`)).body).toMatchObject({ status: 'published', version: declaration.version });
  });

  it('a change refused for its version (none, or stale) names every bad field of the same post too, after the version message; the form keeps what was typed, nothing changes', async () => {
    const [declaration] = (await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations;
    const stored = await server.call('GET', `/api/v1/declarations/${declaration.id}`);
    const formPage = (await page('/my/declaration')).html;
    const csrf = csrfOf(formPage);
    const current = /name="rowVersion" value="(\d+)"/.exec(formPage)![1]!;
    const typed = { ...form, signerName: '', committedOn: '2025-02-30', policy: '版も項目も誤りのある改訂' };
    const summary = (html: string) => [.../<div class="error-summary"[\s\S]*?<\/ul>/.exec(html)![0].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
    const before = recordsOf(server);
    for (const [sent, status, message] of [
      [{}, 400, 'フォームの版（rowVersion）が送られていないか、正しくありません。'],
      [{ rowVersion: String(Number(current) - 1) }, 409, 'この宣言は、このページを開いた後に別の操作で更新されました'],
    ] as const) {
      const refused = await post('/my/declaration', { csrf, action: 'amend', declarationId: declaration.id, ...sent, ...typed });
      expect(refused.status).toBe(status);
      const items = summary(refused.html);
      expect(items[0]).toContain(message);
      expect(items.slice(1).map((item) => /^<a href="#(f-\w+)">/.exec(item)?.[1]).sort()).toEqual(['f-committedOn', 'f-signerName']);
      expect(refused.html).toMatch(/<p class="field-error" id="f-signerName-error">[\s\S]*?<\/p>/);
      expect(refused.html).toMatch(/<p class="field-error" id="f-committedOn-error">[\s\S]*?宣言日は実在する日付/);
      expect(refused.html).toMatch(/<input[^>]*id="f-committedOn"[^>]*value="2025-02-30"/);
      expect(refused.html).toContain('版も項目も誤りのある改訂');
      // The form carries the stored version again: saving once the fields are fixed is a choice made after the message.
      expect(refused.html).toContain(`name="rowVersion" value="${current}"`);
    }
    // Stale: the fields where the saved version differs from what was typed are listed, below the summary.
    const stale = await post('/my/declaration', { csrf, action: 'amend', declarationId: declaration.id, rowVersion: String(Number(current) - 1), ...typed });
    expect(stale.html.indexOf('先に保存された内容のうち')).toBeGreaterThan(stale.html.indexOf('id="error-summary"'));
    expect(stale.html).toContain(`取組方針: ${stored.body.content.policy}`);
    const english = await post('/my/declaration?lang=en', { csrf, action: 'amend', declarationId: declaration.id, ...typed });
    expect(summary(english.html)[0]).toContain('version (rowVersion) is missing or damaged.');
    expect(english.html).toMatch(/<a href="#f-committedOn">/);
    expect(recordsOf(server)).toBe(before);
    expect((await server.call('GET', `/api/v1/declarations/${declaration.id}`)).body).toMatchObject({ version: stored.body.version, content: stored.body.content });
  });

  it('a name of invisible characters, a control character and an impossible date come back at their fields; nothing is saved', async () => {
    const [declaration] = (await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations;
    const formPage = (await page('/my/declaration')).html;
    const csrf = csrfOf(formPage);
    const rowVersion = /name="rowVersion" value="(\d+)"/.exec(formPage)![1]!;
    const before = recordsOf(server);
    const bad = await post('/my/declaration', { csrf, action: 'draft', declarationId: declaration.id, rowVersion, ...form, signerName: '\u200b\ufeff', signerTitle: '代表\u0001取締役' });
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/<p class="field-error" id="f-signerName-error">[\s\S]*?見えない文字だけの値は入力できません。<\/p>/);
    expect(bad.html).toMatch(/<p class="field-error" id="f-signerTitle-error">[\s\S]*?制御文字は使えません。<\/p>/);
    const date = await post('/my/declaration', { csrf, action: 'draft', declarationId: declaration.id, rowVersion, ...form, committedOn: '2025-02-30' });
    expect(date.status).toBe(400);
    expect(date.html).toMatch(/<p class="field-error" id="f-committedOn-error">[\s\S]*?宣言日は実在する日付（YYYY-MM-DD）で指定してください。<\/p>/);
    // Every wrong field at once: the schema's (a title too long) and the calendar's (an impossible date) together.
    const both = await post('/my/declaration', { csrf, action: 'draft', declarationId: declaration.id, rowVersion, ...form, signerTitle: 'あ'.repeat(101), committedOn: '2026-02-30' });
    expect(both.status).toBe(400);
    expect(both.html).toContain('id="f-signerTitle-error"');
    expect(both.html).toMatch(/<p class="field-error" id="f-committedOn-error">[\s\S]*?宣言日は実在する日付/);
    const future = await post('/my/declaration', { csrf, action: 'draft', declarationId: declaration.id, rowVersion, ...form, committedOn: '2999-01-01' });
    expect(future.status).toBe(400);
    expect(future.html).toMatch(/<p class="field-error" id="f-committedOn-error">[\s\S]*?宣言日は今日（\d{4}年\d{1,2}月\d{1,2}日）以前の日付で指定してください。<\/p>/);
    // Before the self-declaration scheme: the message beside the field says from which date, and what was typed stays.
    const early = await post('/my/declaration', { csrf, action: 'draft', declarationId: declaration.id, rowVersion, ...form, committedOn: '1900-01-01' });
    expect(early.status).toBe(400);
    expect(early.html).toMatch(/<p class="field-error" id="f-committedOn-error">[\s\S]*?宣言日は自己宣言制度の創設が提案された2021年3月29日以降の日付で指定してください。<\/p>/);
    expect(early.html).toMatch(/<input[^>]*name="committedOn"[^>]*value="1900-01-01"|<input[^>]*value="1900-01-01"[^>]*name="committedOn"/);
    expect(early.html).toContain('転職なき移住を支援します。');
    // A form body past the limit: 413 Content Too Large (RFC 9110 §15.5.14), said in words.
    const huge = await post('/my/declaration', { csrf, action: 'draft', declarationId: declaration.id, rowVersion, ...form, policy: 'あ'.repeat(200_000) });
    expect(huge.status).toBe(413);
    expect(huge.html).toContain('リクエスト本文が大きすぎます');
    expect(recordsOf(server)).toBe(before);
  });

  it('inviting the same address again (a reload, a double click) is refused beside the e-mail field with the expiry: one link, one e-mail', async () => {
    const members = (await page('/my/members')).html;
    const csrf = csrfOf(members);
    const to = 'reload@mirai-work.example.jp';
    const created = await post('/my/members/invite', { csrf, role: 'editor', email: to });
    expect(created.status).toBe(200);
    // Said as it is: sent where the registry has a way to send e-mail; on the Worker without
    // MAIL_API_URL the message waits, so the page says to pass the link on instead.
    expect(created.html.includes(`${to} 宛てにメールでも送りました。`)).toBe(!onWorker);
    expect(created.html.includes(`${to} 宛てのメールは、この登録簿ではメールの送信方法が設定されていないため、まだ送信されていません（設定されると送信されます）。このリンクを直接伝えてください。`)).toBe(onWorker);
    const before = recordsOf(server);
    // The browser sends the same form again (reload), and two at once (double click).
    const answers = [await post('/my/members/invite', { csrf, role: 'editor', email: to }), ...(await Promise.all([0, 1].map(() => post('/my/members/invite', { csrf, role: 'editor', email: to }))))];
    for (const again of answers) {
      expect(again.status).toBe(409);
      expect(again.headers.get('content-type')).toMatch(/^text\/html/);
      expect(again.html).toMatch(/<html lang="ja">/);
      expect(again.html).toMatch(new RegExp(`id="f-email-error"[^>]*>[\\s\\S]*?${to.replace(/\./g, '\\.')} 宛ての未使用の招待がすでにあります（有効期限: \\d{4}年\\d{1,2}月\\d{1,2}日 \\d\\d:\\d\\d）。同じ宛先に重ねて招待は作れません。送り直すには、招待の一覧でその招待を取り消してから、もう一度作成してください。`));
      expect(again.html).toContain(`value="${to}"`);
      expect(again.html).not.toContain('id="invitation-url"');
    }
    expect(recordsOf(server)).toBe(before);
    const tables = new Map(JSON.parse(server.snapshot()) as [string, any[]][]);
    expect(tables.get('invitations')!.filter((r) => r.email === to)).toHaveLength(1);
    expect(tables.get('mail_outbox')!.filter((r) => r.recipient === to)).toHaveLength(1);
  });

  it('refuses a post without the CSRF token, and one naming another organization’s declaration; nothing changes', async () => {
    const other = (await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: '別の株式会社', corporateNumber: corporateNumberFor(5) } })).body.id;
    const theirs = (await server.call('POST', `/api/v1/organizations/${other}/declarations`, { body: DECLARATION })).body.id;
    const before = recordsOf(server);
    expect((await post('/my/declaration/withdraw', { declarationId: theirs })).status).toBe(403);
    const csrf = csrfOf((await page('/my')).html);
    expect((await post('/my/declaration', { csrf, action: 'draft', declarationId: theirs, ...form })).status).toBe(404);
    const refused = await post('/my/declaration/withdraw', { csrf, declarationId: theirs });
    expect(refused.status).toBe(404);
    // The refusal page keeps the signed-in header: who is signed in, the way back, sign-out.
    expect(refused.html).toContain('<form class="account-bar" method="post" action="/auth/logout">');
    expect((await page(`/my/history?declaration=${theirs}`)).status).toBe(404);
    expect(recordsOf(server)).toBe(before);
  });
});


describe('/my: renewing before expiry', () => {
  it('near its end the dashboard offers the renewal; it renews at once: still published, valid longer, a new badge', async () => {
    const [declaration] = (await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations;
    expect(declaration.status).toBe('published');
    const dashboard = (await page('/my')).html;
    expect(dashboard).toContain('今の内容のまま更新できます');
    const rowVersion = /action="\/my\/declaration\/renew"[\s\S]*?name="rowVersion" value="(\d+)"/.exec(dashboard)![1]!;
    const renewed = await post('/my/declaration/renew', { csrf: csrfOf(dashboard), declarationId: declaration.id, rowVersion });
    expect(renewed.status).toBe(303);
    expect(renewed.location).toBe('/my?done=extended');
    const after = (await server.call('GET', `/api/v1/declarations/${declaration.id}`)).body;
    expect(after.status).toBe('published');
    expect(Date.parse(after.validUntil)).toBeGreaterThan(Date.parse(declaration.validUntil));
    expect((await follow(renewed)).html).toContain('宣言を更新しました');
    // The badge was issued anew: the old one, on recruiting pages and posters, reads as replaced; the notice says so.
    expect((await follow(renewed)).html).toContain('これまでのバッジとQRコードは「新しい版に置き換え済み」と表示されます。バッジキットから新しいバッジを受け取り、掲載しているものと差し替えてください。');
    expect((await page('/my?done=extended')).html).not.toContain('宣言を更新しました');
    // The same post again (a double click, the back button): said to be renewed already, with its new end, not "changed meanwhile"; nothing changes.
    const before = recordsOf(server);
    const again = await post('/my/declaration/renew', { csrf: csrfOf(dashboard), declarationId: declaration.id, rowVersion });
    expect(again.status).toBe(409);
    expect(again.html).toMatch(/この宣言は既に更新されています（有効期限: \d{4}年\d{1,2}月\d{1,2}日）。もう一度更新する必要はありません。何も変更していません。/);
    expect(again.html).not.toMatch(/別の人|やり直して/);
    const english = await post('/my/declaration/renew?lang=en', { csrf: csrfOf(dashboard), declarationId: declaration.id, rowVersion });
    expect(english.status).toBe(409);
    expect(english.html).toMatch(/This declaration is renewed already \(valid until \d{1,2} [A-Z][a-z]+ \d{4}\); there is no need to renew it again\. Nothing was changed\./);
    expect(recordsOf(server)).toBe(before);
    // A form shown before someone else's change (not a renewal) is still told that it changed meanwhile.
    const shownAt = (await server.call('GET', `/api/v1/declarations/${declaration.id}`)).headers.get('etag')!.replace(/\D/g, '');
    expect((await server.call('PUT', `/api/v1/declarations/${declaration.id}`, { body: { ...form, policy: '別の人の改訂' } })).status).toBe(200);
    const changed = await post('/my/declaration/renew', { csrf: csrfOf(dashboard), declarationId: declaration.id, rowVersion: shownAt });
    // In the page's words (409), not the API's: no "If-Match", no "fetch it again".
    expect(changed.status).toBe(409);
    expect(changed.html).toContain('この宣言は、このページを開いた後に別の操作で変更されました（現在: 公表中、');
    expect(changed.html).toContain('まだ更新していません。');
    expect(changed.html).not.toContain('既に更新されています');
    const changedEn = await post('/my/declaration/renew?lang=en', { csrf: csrfOf(dashboard), declarationId: declaration.id, rowVersion: shownAt });
    expect(changedEn.html).toContain('This declaration was changed by someone else after you opened this page (now: Published, version');
    expect(changedEn.html).not.toMatch(/If-Match|fetch it/);
  });

  it('an amendment’s notice is said once, not again when the address is opened again', async () => {
    const formPage = (await page('/my/declaration')).html;
    const [declaration] = (await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations;
    const rowVersion = /name="rowVersion" value="(\d+)"/.exec(formPage)![1]!;
    const saved = await post('/my/declaration', { csrf: csrfOf(formPage), action: 'amend', declarationId: declaration.id, rowVersion, ...form, policy: '一度だけ知らせる改訂' });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('/my/declaration?saved=amended');
    const notice = (await follow(saved)).html;
    expect(notice).toContain('改訂を保存しました');
    // Published, its badge was issued anew: the old one reads as replaced, so the notice says to take the new one.
    expect(notice).toContain('バッジを新しい内容で発行し直しました。これまでのバッジとQRコードは「新しい版に置き換え済み」と表示されます。バッジキットから新しいバッジを受け取り、掲載しているものと差し替えてください。');
    expect((await page('/my/declaration?saved=amended')).html).not.toContain('改訂を保存しました');
    // Saved again with nothing changed: no new version, and the page says so rather than "saved".
    const again = (await page('/my/declaration')).html;
    const unchanged = await post('/my/declaration', { csrf: csrfOf(again), action: 'amend', declarationId: declaration.id, rowVersion: /name="rowVersion" value="(\d+)"/.exec(again)![1]!, ...form, policy: '一度だけ知らせる改訂' });
    expect(unchanged.status).toBe(303);
    const shown = (await follow(unchanged)).html;
    expect(shown).toMatch(/変更された項目がないため、保存していません（第\d+版のまま）。/);
    expect(shown).not.toContain('改訂を保存しました');
  });
});

describe('/my: withdrawing', () => {
  it('a withdrawn declaration no longer shows an expiry on the dashboard, which would read as still valid; a new one can be written', async () => {
    const [declaration] = (await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations;
    expect(declaration).toMatchObject({ status: 'published', validUntil: expect.any(String) });
    expect((await page('/my')).html).toContain('・有効期限 ');
    const confirm = (await page('/my/declaration/withdraw')).html;
    const rowVersion = /name="rowVersion" value="(\d+)"/.exec(confirm)![1]!;
    // A confirmation shown before the last change is refused in the page's words, not the API's.
    const stale = await post('/my/declaration/withdraw?lang=en', { csrf: csrfOf(confirm), declarationId: declaration.id, rowVersion: String(Number(rowVersion) - 1) });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('This declaration was changed by someone else after you opened this page (now: Published, version');
    expect(stale.html).toContain('It is not withdrawn yet.');
    expect(stale.html).not.toMatch(/If-Match|fetch it/);
    const withdrawn = await post('/my/declaration/withdraw', { csrf: csrfOf(confirm), declarationId: declaration.id, rowVersion });
    expect(withdrawn.location).toBe('/my?done=withdrawn');
    const dashboard = (await follow(withdrawn)).html;
    expect(dashboard).toContain('宣言を取り下げました。');
    expect(dashboard).toContain('この宣言は取り下げられています。');
    expect(dashboard).not.toContain('有効期限');
    expect((await page('/my?lang=en')).html).not.toContain('valid until');
    expect(dashboard).toContain('自己宣言を作成する');
    // The badge page says the badge ended with the withdrawal; "not yet" would read as if one were on its way.
    const badges = (await page('/my/badges')).html;
    expect(badges).toContain('宣言を取り下げたため、これまでのバッジは無効になりました。新しい自己宣言が公表されると、そのバッジをここからダウンロードできます。');
    expect(badges).not.toContain('まだ');
    expect((await page('/my/badges?lang=en')).html).toContain('Your declaration was withdrawn, so its badge is no longer valid.');
    // The same post again (a double click, the back button): said to be withdrawn already, not "try again"; nothing changes.
    const before = recordsOf(server);
    const again = await post('/my/declaration/withdraw', { csrf: csrfOf(confirm), declarationId: declaration.id, rowVersion });
    expect(again.status).toBe(409);
    expect(again.html).toContain('この宣言は既に「取下げ」です。');
    expect(again.html).not.toContain('やり直してください');
    expect(recordsOf(server)).toBe(before);

    // A new draft saved twice (a double click): one draft, and the second post says it is saved, not lost.
    const blank = (await page('/my/declaration')).html;
    const draft = await post('/my/declaration', { csrf: csrfOf(blank), action: 'draft', ...form, policy: '二度押しの下書き' });
    expect(draft.location).toBe('/my/declaration?saved=draft');
    const saved = recordsOf(server);
    const twice = await post('/my/declaration', { csrf: csrfOf(blank), action: 'draft', ...form, policy: '二度押しの下書き' });
    expect(twice.status).toBe(409);
    expect(twice.html).toContain('この内容は既に下書きとして保存されています（第1版）。');
    expect(twice.html).not.toContain('保存されていません');
    expect(recordsOf(server)).toBe(saved);
    const declarations = (await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations;
    expect(declarations.filter((d: { status: string }) => d.status === 'draft')).toHaveLength(1);

    // The saved draft's form, changed and submitted twice: the second post says it is submitted, not "changed by someone else; not saved".
    const draftForm = (await page('/my/declaration')).html;
    const fields = { csrf: csrfOf(draftForm), action: 'submit', declarationId: /name="declarationId" value="([^"]+)"/.exec(draftForm)![1]!, rowVersion: /name="rowVersion" value="(\d+)"/.exec(draftForm)![1]!, ...form, policy: '二度押しの提出' };
    expect((await post('/my/declaration', fields)).location).toBe('/my?done=submitted');
    const submitted = recordsOf(server);
    const resubmitted = await post('/my/declaration', fields);
    expect(resubmitted.status).toBe(409);
    expect(resubmitted.html).toContain('この宣言は既に提出されています（審査中）。');
    expect(resubmitted.html).not.toContain('保存されていません');
    expect(recordsOf(server)).toBe(submitted);
  });
});

describe('/my/members: a removal’s notice', () => {
  it('is said once, right after the redirect, not on the address opened again', async () => {
    const members = (await page('/my/members')).html;
    const invited = await post('/my/members/invite', { csrf: csrfOf(members), role: 'editor', email: '' });
    expect(invited.status).toBe(200);
    const listed = (await page('/my/members')).html;
    const invitationId = /action="\/my\/members\/invitations\/([^"/]+)\/cancel"/.exec(listed)![1]!;
    const cancelled = await post(`/my/members/invitations/${invitationId}/cancel`, { csrf: csrfOf(listed) });
    expect(cancelled.location).toBe('/my/members?removed=invitation');
    expect((await follow(cancelled)).html).toContain('招待を取り消しました。');
    expect((await page('/my/members?removed=invitation')).html).not.toContain('招待を取り消しました。');
    // The same post again (a double click, the back button): said to be cancelled already, not "not found"; nothing changes.
    const before = recordsOf(server);
    const again = await post(`/my/members/invitations/${invitationId}/cancel`, { csrf: csrfOf(listed) });
    expect(again.status).toBe(409);
    expect(again.html).toContain('この招待は既に取り消されています。何も変更していません。');
    expect(again.html).not.toContain('見つかりません');
    expect(again.html).toContain('href="/my/members"');
    expect((await post(`/my/members/invitations/${invitationId}/cancel?lang=en`, { csrf: csrfOf(listed) })).html).toContain('This invitation is cancelled already. Nothing was changed.');
    expect(recordsOf(server)).toBe(before);
  });

  it('removing a member posted twice: the second post says the member is removed already, not "not found"; nothing changes', async () => {
    provider.addAccount({ sub: 'gbiz-colleague', corporateNumber: COMPANY.corporateNumber, name: '佐藤 次郎' });
    await signInOverHttp(server.url, provider, 'gbiz-colleague');
    const members = (await page('/my/members')).html;
    const accountId = /href="\/my\/members\/([^"/]+)\/remove"/.exec(members)![1]!;
    const confirm = (await page(`/my/members/${accountId}/remove`)).html;
    const removed = await post(`/my/members/${accountId}/remove`, { csrf: csrfOf(confirm) });
    expect(removed.location).toBe('/my/members?removed=member');
    const before = recordsOf(server);
    const again = await post(`/my/members/${accountId}/remove`, { csrf: csrfOf(confirm) });
    expect(again.status).toBe(409);
    expect(again.html).toContain('このメンバーは既に削除されています。何も変更していません。');
    expect(again.html).not.toContain('見つかりません');
    expect(again.html).toContain('href="/my/members"');
    expect((await post(`/my/members/${accountId}/remove?lang=en`, { csrf: csrfOf(confirm) })).html).toContain('This member is removed already. Nothing was changed.');
    expect(recordsOf(server)).toBe(before);
    // Someone who never was a member is still not found.
    expect((await post('/my/members/no-such-account/remove', { csrf: csrfOf(confirm) })).status).toBe(404);
  });
});
