/**
 * In a real browser whose language is English (chromium, en-US: Accept-Language puts English
 * first), the public pages open in English; the person presses 「日本語」 and stays in Japanese
 * through the menu, a search and its results.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { CHROMIUM_PATH, browserMissing, launchBrowser, seriousAxeViolations, watchPage } from '../helpers/browser.js';

if (browserMissing) console.warn(`Skipping the language choice browser test: ${CHROMIUM_PATH} is missing.`);

describe.skipIf(browserMissing)('a browser preferring English, choosing Japanese', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    await seedCompany(server, { n: 51, publish: true, name: '株式会社言語選択' });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const htmlLang = () => page.locator('html').getAttribute('lang');

  it('gets Japanese from 「日本語」 and keeps it through the menu and a search', async () => {
    const problems = watchPage(page, server.url);
    await page.goto(`${server.url}/`);
    expect(await htmlLang()).toBe('en');
    await page.locator('.lang-switch').click();
    await page.waitForURL((url) => url.searchParams.get('lang') === 'ja');
    expect(await htmlLang()).toBe('ja');

    await page.getByRole('link', { name: '宣言団体を探す' }).first().click();
    await page.waitForURL((url) => url.pathname === '/organizations');
    expect(await htmlLang()).toBe('ja');
    await page.locator('form.search input[name="q"]').fill('言語選択');
    await page.locator('form.search button[type="submit"]').click();
    await page.waitForURL((url) => url.searchParams.get('q') === '言語選択');
    expect(await htmlLang()).toBe('ja');
    expect(await page.locator('main').innerText()).toContain('株式会社言語選択');

    // And back to English with the switch.
    await page.locator('.lang-switch').click();
    await page.waitForURL((url) => url.searchParams.get('lang') === 'en');
    expect(await htmlLang()).toBe('en');
    expect(problems).toEqual([]);
  });

  it('sees the Japanese pages exactly as a Japanese browser does (the lang=ja carried by links and GET forms changes nothing on screen), axe clean', async () => {
    const japanese = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
    try {
      const plain = await japanese.newPage();
      for (const path of ['/', '/organizations', '/awards', '/verify']) {
        await page.goto(`${server.url}${path}`);
        await page.locator('.lang-switch').click();
        await page.waitForURL((url) => url.searchParams.get('lang') === 'ja');
        // Every search form carries the choice (its own field, or the hidden one the answer adds).
        expect(await page.locator('form[method="get"]:not(:has(input[name="lang"]))').count(), path).toBe(0);
        await plain.goto(`${server.url}${path}`);
        for (const width of [320, 390, 1280]) {
          await page.setViewportSize({ width, height: 900 });
          await plain.setViewportSize({ width, height: 900 });
          expect(Buffer.compare(await page.screenshot({ fullPage: true }), await plain.screenshot({ fullPage: true })), `${path} at ${width}px`).toBe(0);
        }
        expect(await seriousAxeViolations(page), path).toEqual([]);
      }
    } finally {
      await japanese.close();
    }
  });
});
