/**
 * /guide (自己宣言の手引き) in a real browser, Japanese and English: reached from the home page,
 * axe clean and nothing wider than the screen at 320, 390 and 1280 px (screenshots:
 * test-artifacts/screenshots/guide-*.png), and read with JavaScript off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, browserMissing, pagePerTest, screenshotsAt, seriousAxeViolations } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

if (browserMissing) console.warn(`Skipping the /guide browser test: ${CHROMIUM_PATH} is missing.`);

describe.skipIf(browserMissing)('the guide for declaring organizations in a browser', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ OIDC_ISSUER: 'http://127.0.0.1:9/', OIDC_CLIENT_ID: 'registry' });
  });
  afterAll(() => server?.close());
  const b = pagePerTest(() => server);

  for (const lang of ['ja', 'en'] as const) {
    it(`${lang}: from the home page; axe clean and within the screen at every width`, async () => {
      const name = lang === 'ja' ? '自己宣言の手引き' : 'How to declare';
      await b.page.goto(`${server.url}/?lang=${lang}`);
      await b.page.locator('main').getByRole('link', { name, exact: true }).click();
      await expect.poll(() => b.page.getByRole('heading', { level: 1 }).innerText()).toBe(name);
      expect(await b.page.locator('main ol > li h3').allInnerTexts()).toHaveLength(5);

      const problems: string[] = [];
      for (const width of [320, 390, 1280]) {
        await b.page.setViewportSize({ width, height: 900 });
        for (const v of await seriousAxeViolations(b.page)) problems.push(`${width}px: ${v.id} ${v.help}`);
      }
      await screenshotsAt(b.page, `guide-${lang}`, (shot, width, scrollWidth) => void (scrollWidth > width && problems.push(`${shot} at ${width}px is ${scrollWidth}px wide`)));
      expect(problems).toEqual([]);
    });
  }

  it('reads the same with JavaScript off, and leads to sign-in', async () => {
    const context = await b.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/guide`);
      expect(await page.locator('main').getByRole('heading', { level: 2 }).allInnerTexts()).toEqual(['自己宣言とは', '宣言までの流れ', 'バッジの使い方', '更新と取下げ']);
      await page.locator('main').getByRole('link', { name: 'ログインページへ' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('ログイン');
    } finally {
      await context.close();
    }
  });
});
