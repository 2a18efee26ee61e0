/**
 * In a real browser (Debian's chromium via playwright-core), signed in through a real OpenID
 * Connect provider as an organization's owner: inviting the same address twice is refused beside
 * the e-mail field with the standing invitation's expiry (409); reopening the invitation's result
 * address from the address bar shows a Japanese page (405) leading back to /my, not a JSON dump.
 * Both pages pass axe; screenshots at 320, 390 and 1280 px go to test-artifacts/screenshots/
 * (my-invite-duplicate-*, my-invite-reopened-*).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, launchBrowser, screenshotsAt as shoot, seriousAxeViolations } from '../helpers/browser.js';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';
import { COMPANY, freePort, startTestServer, type TestServer } from '../helpers/server.js';

describe.skipIf(browserMissing)('the invitation form in a real browser: sent twice, and its result reopened', () => {
  let provider: TestOidcProvider;
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider({ redirectUri: `${base}/auth/oidc/callback` });
    provider.addAccount({ sub: 'gbiz-owner', corporateNumber: COMPANY.corporateNumber, email: 'jinji@mirai-work.example.jp', name: '山田 花子' });
    server = await startTestServer({ PORT: String(port), PUBLIC_BASE_URL: base, ...provider.registryEnv });
    await server.call('POST', '/api/v1/organizations', { body: COMPANY });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await provider?.close();
  });

  const screenshotsAt = (target: Page, name: string) =>
    shoot(target, name, (shot, width, scrollWidth) => expect(scrollWidth, `${shot} at ${width}px: no sideways scrolling`).toBeLessThanOrEqual(width));

  it('a second invitation to the same address is refused beside its field; the result address reopened is a page leading to /my', async () => {
    const tab = await context.newPage();
    await tab.goto(`${server.url}/my/members`);
    await tab.click('#login-oidc');
    await tab.waitForURL((url) => url.origin === provider.url || url.origin === server.url);
    if (new URL(tab.url()).origin === provider.url) {
      await tab.fill('input[name="login"]', 'gbiz-owner');
      await tab.fill('input[name="password"]', 'any');
      await tab.click('button[type="submit"]');
    }
    await tab.waitForURL((url) => url.origin === server.url && url.pathname === '/my/members', { timeout: 30_000 });

    const invite = async () => {
      await tab.goto(`${server.url}/my/members`);
      await tab.fill('#f-email', 'sato@mirai-work.example.jp');
      const [answer] = await Promise.all([
        tab.waitForResponse((r) => r.url() === `${server.url}/my/members/invite` && r.request().method() === 'POST'),
        tab.getByRole('button', { name: '招待リンクを作成する' }).click(),
      ]);
      await tab.waitForLoadState();
      return answer.status();
    };
    expect(await invite()).toBe(200);
    expect(await tab.locator('h1').innerText()).toBe('招待リンクを作成しました');
    expect(new URL(tab.url()).pathname).toBe('/my/members/invite');

    // Reopened from the address bar (or a restored tab): a page, not JSON.
    const reopened = await tab.goto(`${server.url}/my/members/invite`);
    expect(reopened!.status()).toBe(405);
    expect(reopened!.headers()['allow']).toBe('POST');
    expect(await tab.locator('h1').innerText()).toBe('このページは直接開けません');
    expect(await tab.locator('main').innerText()).toContain('開いただけでは何も変更されていません。');
    expect(await seriousAxeViolations(tab)).toEqual([]);
    await screenshotsAt(tab, 'my-invite-reopened');
    await tab.getByRole('link', { name: 'マイページ（団体のページ）へ' }).click();
    await tab.waitForURL((url) => url.pathname === '/my');

    // The same address again: refused beside the e-mail field, with the expiry, what was typed kept.
    expect(await invite()).toBe(409);
    expect(await tab.locator('#f-email-error').innerText()).toMatch(/sato@mirai-work\.example\.jp 宛ての未使用の招待がすでにあります（有効期限: \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d）。/);
    expect(await tab.inputValue('#f-email')).toBe('sato@mirai-work.example.jp');
    expect(await tab.locator('#f-email').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousAxeViolations(tab)).toEqual([]);
    await screenshotsAt(tab, 'my-invite-duplicate');
  });
});
