/**
 * The secretariat's return reason is written over several lines (and sent so by e-mail): the
 * company reads it with its line breaks on /my (the dashboard's yellow box), on the declaration
 * form and in the history, escaped as any text, in a real browser at 320, 390 and 1280 px.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, CHROMIUM_PATH, launchBrowser, screenshotsAt, seriousAxeViolations, watchPage } from '../helpers/browser.js';
import { signInOverHttp, startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';
import { freePort, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

if (browserMissing) console.warn(`Skipping the multi-line reason browser tests: ${CHROMIUM_PATH} is missing.`);

const REASON = '次の2点を修正してください。\n1. 取組内容に対象者と頻度を書いてください。\n2. 宣言日を確認してください。\n\n<b>ご不明な点は事務局まで。</b>';

describe.skipIf(browserMissing)('a multi-line return reason, as the company reads it', () => {
  let provider: TestOidcProvider;
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider({ redirectUri: `${base}/auth/oidc/callback` });
    server = await startTestServer({ PORT: String(port), PUBLIC_BASE_URL: base, ...provider.registryEnv });
    const { organization, orgToken, declarationId } = await seedCompany(server, { name: '株式会社みらいワーク' });
    expect((await server.call('POST', `/api/v1/declarations/${declarationId}/submit`, { token: orgToken })).status).toBe(200);
    expect((await server.call('POST', `/api/v1/declarations/${declarationId}/return`, { body: { reason: REASON } })).status).toBe(200);
    provider.addAccount({ sub: 'gbiz-hr', corporateNumber: organization.corporateNumber, name: '人事 花子' });
    const cookie = (await signInOverHttp(server.url, provider, 'gbiz-hr')).sessionCookie!;
    const at = cookie.indexOf('=');
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
    await context.addCookies([{ name: cookie.slice(0, at), value: cookie.slice(at + 1), url: server.url }]);
    page = await context.newPage();
    problems = watchPage(page, server.url);
  }, 180_000);

  afterAll(async () => {
    expect(problems ?? []).toEqual([]);
    await context?.close();
    await browser?.close();
    await server?.close();
    await provider?.close();
  });

  const noOverflow = (name: string, width: number, scrollWidth: number) => expect(scrollWidth, `${name} at ${width} px`).toBeLessThanOrEqual(width);

  it('the dashboard’s yellow box shows the reason line by line, the markup as text', async () => {
    await page.goto(`${server.url}/my`);
    const reason = page.locator('.next-step--attention .return-reason');
    expect(await reason.innerText()).toBe(REASON);
    expect(await reason.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('pre-wrap');
    expect(await page.locator('.next-step--attention b').count()).toBe(0);
    // Four lines of text at least: the breaks are drawn, not folded into spaces.
    const { height, lineHeight } = await reason.evaluate((el) => ({ height: el.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(el).lineHeight) }));
    expect(height).toBeGreaterThanOrEqual(lineHeight * 4);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotsAt(page, 'my-dashboard-return-reason', noOverflow);
  });

  it('the declaration form and the history keep the line breaks too', async () => {
    await page.goto(`${server.url}/my/declaration`);
    const notice = page.locator('.notice--error').first();
    expect(await notice.innerText()).toContain(REASON);
    await page.goto(`${server.url}/my/history`);
    expect(await page.locator('.trail__what').filter({ hasText: '1. 取組内容' }).innerText()).toContain(REASON);
  });
});
