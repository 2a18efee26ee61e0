/**
 * In a real browser (Debian's chromium via playwright-core), signed in through a real OpenID
 * Connect provider as an organization's owner: inviting the same address twice is refused beside
 * the e-mail field with the standing invitation's expiry (409); reopening the invitation's result
 * address from the address bar shows a Japanese page (405) leading back to /my, not a JSON dump.
 * Both pages pass axe; screenshots at 320, 390 and 1280 px go to test-artifacts/screenshots/
 * (my-invite-duplicate-*, my-invite-reopened-*).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, screenshotsAt as shoot, seriousAxeViolations } from '../helpers/browser.js';
import { startCompanyBrowser, type CompanyBrowser } from '../helpers/company-browser.js';
import type { TestServer } from '../helpers/server.js';

describe.skipIf(browserMissing)('the invitation form in a real browser: sent twice, and its result reopened', () => {
  let companyBrowser: CompanyBrowser;
  let server: TestServer;
  let context: BrowserContext;

  beforeAll(async () => {
    companyBrowser = await startCompanyBrowser();
    ({ server, context } = companyBrowser);
  }, 180_000);

  afterAll(() => companyBrowser?.close());

  const screenshotsAt = (target: Page, name: string) =>
    shoot(target, name, (shot, width, scrollWidth) => expect(scrollWidth, `${shot} at ${width}px: no sideways scrolling`).toBeLessThanOrEqual(width));

  it('a second invitation to the same address is refused beside its field; the result address reopened is a page leading to /my', async () => {
    const tab = await context.newPage();
    await companyBrowser.signIn(tab, '/my/members');

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
