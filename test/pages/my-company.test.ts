/**
 * A company runs its own declaration on the web, in a real browser (Debian's chromium via
 * playwright-core), signing in through a real OpenID Connect provider started in this process
 * (oidc-provider, standing in for GビズID): it writes a declaration (a bad field first), saves,
 * submits; the secretariat returns it over the API; the company reads the reason on its dashboard,
 * fixes it and resubmits; after publication it downloads the badge and copies the embed snippet.
 * Also refused, with nothing changed: organization A's session on B's declaration, and form posts
 * without a valid CSRF token. Every /my page passes axe at 390 and 1280 px; screenshots of the
 * dashboard and the form at 320, 390 and 1280 px go to test-artifacts/screenshots/.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, launchBrowser, screenshotsAt as shoot, seriousAxeViolations } from '../helpers/browser.js';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';
import { COMPANY, corporateNumberFor, DECLARATION, freePort, startTestServer, type TestServer } from '../helpers/server.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const RETURN_REASON = '取組内容（measures）を具体的に記入してください。';

describe.skipIf(browserMissing)('a company on its own pages (/my), in a real browser', () => {
  let provider: TestOidcProvider;
  let server: TestServer;
  let browser: Browser;
  let companyA: { id: string };
  let companyB: { id: string };
  /** Company A's signed-in browser, kept across the tests (they follow one story). */
  let context: BrowserContext;
  let page: Page;
  let declarationId: string;

  beforeAll(async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider({ redirectUri: `${base}/auth/oidc/callback` });
    provider.addAccount({ sub: 'gbiz-a-owner', corporateNumber: COMPANY.corporateNumber, email: 'jinji@mirai-work.example.jp', name: '山田 花子' });
    provider.addAccount({ sub: 'gbiz-a-editor', corporateNumber: COMPANY.corporateNumber, email: 'soumu@mirai-work.example.jp', name: '佐藤 次郎' });
    server = await startTestServer({ PORT: String(port), PUBLIC_BASE_URL: base, ...provider.registryEnv });
    // The secretariat registers both companies (API, administrator token).
    companyA = (await server.call('POST', '/api/v1/organizations', { body: COMPANY })).body;
    companyB = (await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: '株式会社ほかの会社', corporateNumber: corporateNumberFor(77) } })).body;
    expect(companyA.id).toBeTruthy();
    expect(companyB.id).toBeTruthy();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await provider?.close();
  });

  /** Signs in through the provider's own login form, as a person would; ends on the registry. */
  async function signIn(target: Page, sub: string) {
    await target.goto(`${server.url}/my`);
    expect(new URL(target.url()).pathname).toBe('/login'); // not signed in: the sign-in page, coming back to /my
    await target.click('#login-oidc');
    await target.waitForURL((url) => url.origin === provider.url);
    await target.fill('input[name="login"]', sub);
    await target.fill('input[name="password"]', 'any');
    await target.click('button[type="submit"]');
    await target.waitForURL((url) => url.origin === server.url, { timeout: 30_000 });
  }

  const apiDeclaration = async (id: string) => (await server.call('GET', `/api/v1/declarations/${id}`)).body;

  const screenshotsAt = (target: Page, name: string) =>
    shoot(target, name, (shot, width, scrollWidth) => expect(scrollWidth, `${shot} at ${width}px: no sideways scrolling`).toBeLessThanOrEqual(width));

  it('signs in through GビズID (OpenID Connect), writes a declaration (a bad field first), saves a draft and submits it', async () => {
    await signIn(page, 'gbiz-a-owner');
    expect(new URL(page.url()).pathname).toBe('/my');
    await expect.poll(() => page.locator('main').innerText()).toContain('株式会社みらいワーク');
    expect(await page.locator('header').innerText()).toContain('山田 花子');
    await screenshotsAt(page, 'my-dashboard-empty');

    await page.getByRole('link', { name: '自己宣言を作成する' }).click();
    await page.waitForURL('**/my/declaration');
    // The five guideline areas, each with its explanation.
    for (const area of ['労務制度', '人事制度', '給与制度', '通信環境', '情報セキュリティ']) await expect.poll(() => page.getByLabel(area, { exact: true }).count()).toBe(1);
    expect(await page.locator('#f-guidelineAreas-explanation').innerText()).toContain('就業規則');

    // Everything but the signer's name.
    await page.fill('#f-signerTitle', '代表取締役');
    await page.fill('#f-committedOn', '2025-04-01');
    await page.check('#f-guidelineAreas');
    await page.check('#f-guidelineAreas-security');
    await page.check('#f-purposes-2');
    await page.fill('#f-policy', '本社機能の一部を地方拠点へ移し、\n転職なき移住を支援します。');
    await page.check('#p-signerName');
    await page.getByRole('button', { name: '下書きとして保存' }).click();
    await page.waitForLoadState();

    // The message sits next to the field, tied to it; the summary links to it; what was typed is kept.
    const nameError = page.locator('#f-signerName-error');
    expect(await nameError.innerText()).toContain('必須項目です');
    expect(await nameError.innerText()).not.toContain('/signerName');
    expect(await page.locator('#f-signerName').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-signerName').getAttribute('aria-describedby')).toContain('f-signerName-error');
    expect(await page.locator('#error-summary a[href="#f-signerName"]').innerText()).toContain('宣言者（代表者）の氏名');
    expect(await page.inputValue('#f-signerTitle')).toBe('代表取締役');
    expect(await page.inputValue('#f-committedOn')).toBe('2025-04-01');
    expect(await page.inputValue('#f-policy')).toBe('本社機能の一部を地方拠点へ移し、\n転職なき移住を支援します。');
    expect(await page.isChecked('#f-guidelineAreas')).toBe(true);
    expect(await page.isChecked('#f-guidelineAreas-security')).toBe(true);
    expect(await page.isChecked('#f-guidelineAreas-personnel')).toBe(false);
    expect(await page.isChecked('#f-purposes-2')).toBe(true);
    expect(await page.isChecked('#p-signerName')).toBe(true);
    // Nothing was saved.
    const before = await server.call('GET', `/api/v1/organizations/${companyA.id}`);
    expect(before.body.declarations).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotsAt(page, 'my-declaration-errors');

    // The preview shows what the public will see: consented fields only, nothing saved yet.
    await page.fill('#f-signerName', '山田 太郎');
    await page.getByRole('button', { name: 'プレビュー' }).click();
    await page.waitForLoadState();
    const preview = await page.locator('#preview').innerText();
    expect(preview).toContain('山田 太郎'); // consented above
    expect(preview).toContain('転職なき移住を支援します');
    expect(preview).toMatch(/公表しない項目[^\n]*宣言者の役職/); // not consented
    expect((await server.call('GET', `/api/v1/organizations/${companyA.id}`)).body.declarations).toEqual([]);

    await page.getByRole('button', { name: '下書きとして保存' }).click();
    await page.waitForURL('**/my/declaration?saved=draft');
    expect(await page.locator('main').innerText()).toContain('下書きを保存しました');
    const saved = (await server.call('GET', `/api/v1/organizations/${companyA.id}`)).body.declarations;
    expect(saved).toHaveLength(1);
    declarationId = saved[0].id;
    expect(saved[0].status).toBe('draft');
    expect(saved[0].content).toMatchObject({ signerName: '山田 太郎', signerTitle: '代表取締役', committedOn: '2025-04-01', guidelineAreas: ['labor', 'security'], purposes: ['2'] });
    expect(saved[0].content.publicFields).toContain('signerName');
    await screenshotsAt(page, 'my-declaration-form');

    await page.getByRole('button', { name: '保存して提出' }).click();
    await page.waitForURL('**/my?done=submitted');
    expect(await page.locator('main').innerText()).toContain('審査中');
    expect((await apiDeclaration(declarationId)).status).toBe('submitted');
  });

  it('sees the reason when the secretariat returns it, fixes it and resubmits; after publication it downloads the badge and copies the snippet', async () => {
    const returned = await server.call('POST', `/api/v1/declarations/${declarationId}/return`, { body: { reason: RETURN_REASON } });
    expect(returned.status).toBe(200);

    await page.goto(`${server.url}/my`);
    expect(await page.locator('.return-reason').innerText()).toBe(RETURN_REASON);
    await screenshotsAt(page, 'my-dashboard-returned');
    await page.getByRole('link', { name: '修正して再提出' }).click();
    await page.waitForURL('**/my/declaration');
    expect(await page.locator('main').innerText()).toContain(RETURN_REASON);
    expect(await page.inputValue('#f-signerName')).toBe('山田 太郎'); // the saved draft, to correct
    await page.fill('#f-measures', 'テレワーク勤務規程を制定し、地方在住の社員に通信費を支給します。');
    await page.check('#p-measures');
    await page.getByRole('button', { name: '保存して提出' }).click();
    await page.waitForURL('**/my?done=submitted');
    const resubmitted = await apiDeclaration(declarationId);
    expect(resubmitted.status).toBe('submitted');
    expect(resubmitted.version).toBe(2);
    expect(resubmitted.content.measures).toBe('テレワーク勤務規程を制定し、地方在住の社員に通信費を支給します。');

    expect((await server.call('POST', `/api/v1/declarations/${declarationId}/publish`)).status).toBe(200);
    await page.goto(`${server.url}/my`);
    expect(await page.locator('main').innerText()).toContain('公表中');
    await page.getByRole('link', { name: 'バッジを受け取る' }).click();
    await page.waitForURL('**/my/badges');
    const credentialId = (await page.locator('a[data-kind="badge-svg"]').getAttribute('href'))!.split('/')[2]!;

    // The badge downloads as a real PNG and a real SVG.
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('a[data-kind="badge-png"]')]);
    const pngBytes = readFileSync((await png.path())!);
    expect([...pngBytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const [svg] = await Promise.all([page.waitForEvent('download'), page.click('a[data-kind="badge-svg"]')]);
    expect(readFileSync((await svg.path())!, 'utf8')).toMatch(/^(<\?xml[^>]*>\s*)?<svg[\s>]/);
    // The QR code for print is at least 1,200 px square.
    const qr = await page.request.get(`${server.url}${await page.locator('a[data-kind="qr-png"]').getAttribute('href')}`);
    const qrBytes = await qr.body();
    expect([...qrBytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(qrBytes.readUInt32BE(16)).toBeGreaterThanOrEqual(1200);
    expect(await page.locator('a.verification-link').getAttribute('href')).toBe(`${server.url}/v/${credentialId}`);

    // The copy button puts the snippet on the clipboard and says so.
    const snippet = await page.inputValue('textarea.embed-snippet');
    expect(snippet).toContain(`href="${server.url}/v/${credentialId}"`);
    expect(snippet).toContain(`src="${server.url}/credentials/${credentialId}/badge.svg"`);
    await page.getByRole('button', { name: 'HTMLをコピー' }).click();
    await expect.poll(() => page.locator('.copy-status').first().innerText()).toBe('コピーしました');
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(snippet);

    // Without JavaScript the copy button stays hidden; the snippet is still there to select (the same Japanese page: the snippet follows the page's language).
    const noScript = await browser.newContext({ javaScriptEnabled: false, locale: 'ja-JP', storageState: await context.storageState() });
    try {
      const plain = await noScript.newPage();
      await plain.goto(`${server.url}/my/badges`);
      expect(await plain.getByRole('button', { name: 'HTMLをコピー' }).isVisible()).toBe(false);
      expect(await plain.inputValue('textarea.embed-snippet')).toBe(snippet);
    } finally {
      await noScript.close();
    }

    // The history shows what changed between the versions.
    await page.goto(`${server.url}/my/history`);
    const history = await page.locator('main').innerText();
    expect(history).toContain('第2版');
    expect(history).toContain('テレワーク勤務規程を制定し');
    expect(history).toContain('宣言を差戻し');
    expect(history).toContain('宣言を公表');
  });

  it("A's session cannot read or change B's declaration: 404 or 403, and nothing changes", async () => {
    const created = await server.call('POST', `/api/v1/organizations/${companyB.id}/declarations`, { body: DECLARATION });
    expect(created.status).toBe(201);
    const other = created.body.id as string;
    const csrf = (await page.goto(`${server.url}/my/declaration`), await page.locator('input[name="csrf"]').first().inputValue());
    const post = (path: string, fields: Record<string, string>) => page.request.post(`${server.url}${path}`, { form: { csrf, ...fields }, maxRedirects: 0 });
    const amendB = { declarationId: other, action: 'draft', signerName: '乗っ取り', signerTitle: '社長', committedOn: '2025-05-01', guidelineAreas: 'labor' };

    // B's draft is private: not found from A's session.
    expect((await page.request.get(`${server.url}/my/history?declaration=${other}`)).status()).toBe(404);
    expect((await post('/my/declaration', amendB)).status()).toBe(404);
    expect((await post('/my/declaration/withdraw', { declarationId: other })).status()).toBe(404);
    // Published, B's declaration is public, but A still may not act on it.
    expect((await server.call('POST', `/api/v1/declarations/${other}/submit`)).status).toBe(200);
    expect((await server.call('POST', `/api/v1/declarations/${other}/publish`)).status).toBe(200);
    const before = await apiDeclaration(other);
    expect((await page.request.get(`${server.url}/my/history?declaration=${other}`)).status()).toBe(403);
    expect((await post('/my/declaration', { ...amendB, action: 'amend' })).status()).toBe(403);
    expect((await post('/my/declaration/withdraw', { declarationId: other })).status()).toBe(403);
    const after = await apiDeclaration(other);
    expect(after).toEqual(before);
    // A's own pages never show B.
    for (const path of ['/my', '/my/history', '/my/badges']) {
      await page.goto(`${server.url}${path}`);
      expect(await page.locator('main').innerText()).not.toContain('株式会社ほかの会社');
    }
  });

  it('a form post without a valid CSRF token is refused (403) and nothing changes', async () => {
    const before = await apiDeclaration(declarationId);
    const fields = { declarationId, rowVersion: String(before.rowVersion), action: 'amend', signerName: '改ざん', signerTitle: '社長', committedOn: '2025-05-01', guidelineAreas: 'labor' };
    const send = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) => page.request.post(`${server.url}${path}`, { form, headers, maxRedirects: 0 });
    expect((await send('/my/declaration', fields)).status()).toBe(403);
    expect((await send('/my/declaration', { ...fields, csrf: 'not-the-token' })).status()).toBe(403);
    expect((await send('/my/declaration/withdraw', { declarationId, csrf: '' })).status()).toBe(403);
    // The right token from another site's page is refused as well.
    await page.goto(`${server.url}/my/declaration`);
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();
    expect((await send('/my/declaration/withdraw', { declarationId, csrf }, { origin: 'https://attacker.example' })).status()).toBe(403);
    const refused = await page.request.post(`${server.url}/my/declaration`, { form: fields, maxRedirects: 0 });
    expect(await refused.text()).toContain('フォームの有効期限が切れたか');
    expect(await apiDeclaration(declarationId)).toEqual(before);
  });

  it('a second member joins as editor; the owner invites with a one-time link; the editor sees the members read-only', async () => {
    const editorContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
    try {
      const editor = await editorContext.newPage();
      await signIn(editor, 'gbiz-a-editor');
      await editor.goto(`${server.url}/my/members`);
      const main = await editor.locator('main').innerText();
      expect(main).toContain('山田 花子');
      expect(main).toContain('佐藤 次郎');
      expect(await editor.locator('form[action^="/my/members/invite"]').count()).toBe(0);
      expect(await editor.getByRole('link', { name: /を削除する/ }).count()).toBe(0);
      // An editor's invitation post is refused.
      const csrf = await editor.locator('input[name="csrf"]').first().inputValue();
      expect((await editor.request.post(`${server.url}/my/members/invite`, { form: { csrf, role: 'editor' }, maxRedirects: 0 })).status()).toBe(403);
    } finally {
      await editorContext.close();
    }

    await page.goto(`${server.url}/my/members`);
    expect(await page.getByRole('link', { name: '佐藤 次郎さんを削除する' }).count()).toBe(1);
    await page.fill('#f-email', 'not-an-address');
    await page.getByRole('button', { name: '招待リンクを作成する' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#f-email-error').innerText()).toContain('メールアドレスの形式');
    expect(await page.inputValue('#f-email')).toBe('not-an-address');
    await page.fill('#f-email', '');
    await page.getByRole('button', { name: '招待リンクを作成する' }).click();
    await page.waitForLoadState();
    expect(await page.inputValue('#invitation-url')).toMatch(new RegExp(`^${server.url}/join/[A-Za-z0-9_-]{43}$`));
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('an amendment saved by someone else first: the form comes back with a clear message and what was typed; saving again replaces it', async () => {
    await page.goto(`${server.url}/my/declaration`);
    expect(await page.locator('h1').innerText()).toBe('自己宣言の改訂'); // published: amend, never a second declaration
    await page.fill('#f-policy', 'ブラウザで書いた取組方針です。');
    // Meanwhile the secretariat amends it over the API.
    const current = await apiDeclaration(declarationId);
    const other = await server.call('PUT', `/api/v1/declarations/${declarationId}`, { body: { ...current.content, policy: 'APIで先に保存された取組方針です。' } });
    expect(other.status).toBe(200);

    await page.getByRole('button', { name: '改訂を保存（新しい版）' }).click();
    await page.waitForLoadState();
    const main = await page.locator('main').innerText();
    expect(main).toContain('別の操作で更新されました');
    expect(main).toContain('APIで先に保存された取組方針です。'); // what the other save wrote
    expect(await page.inputValue('#f-policy')).toBe('ブラウザで書いた取組方針です。');
    expect((await apiDeclaration(declarationId)).content.policy).toBe('APIで先に保存された取組方針です。');

    await page.getByRole('button', { name: '改訂を保存（新しい版）' }).click();
    await page.waitForURL('**/my/declaration?saved=amended');
    const amended = await apiDeclaration(declarationId);
    expect(amended.content.policy).toBe('ブラウザで書いた取組方針です。');
    expect(amended.version).toBe(other.body.version + 1);
    expect(amended.status).toBe('published');
  });

  it('every /my page has no serious or critical axe violation at 390 and 1280 px, in Japanese and English', async () => {
    const paths = ['/my', '/my/declaration', '/my/declaration/withdraw', '/my/history', '/my/badges', '/my/members'];
    for (const path of paths) {
      for (const suffix of ['', '?lang=en']) {
        const response = await page.goto(`${server.url}${path}${suffix}`);
        expect(response?.status(), path + suffix).toBe(200);
        expect(await page.locator('html').getAttribute('lang')).toBe(suffix ? 'en' : 'ja');
        expect(await seriousAxeViolations(page), path + suffix).toEqual([]);
      }
    }
    await page.goto(`${server.url}/my`);
    await screenshotsAt(page, 'my-dashboard-published');
    await page.goto(`${server.url}/my/declaration`);
    await screenshotsAt(page, 'my-declaration-amend');
    await page.goto(`${server.url}/my/badges`);
    await screenshotsAt(page, 'my-badges');
    // Twelve axe runs and nine screenshots: 33–45 s on a quiet machine, over the default 60 s on a loaded one.
  }, 150_000);
});
