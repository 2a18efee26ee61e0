/**
 * /privacy (個人情報の取扱い) in a real browser, Japanese and English: reached from the footer of
 * the home page and from sign-in, axe clean and nothing wider than the screen at 320, 390 and
 * 1280 px (screenshots: test-artifacts/screenshots/privacy-*.png), and read with JavaScript off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, browserMissing, pagePerTest, screenshotsAt, seriousAxeViolations } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

if (browserMissing) console.warn(`Skipping the /privacy browser test: ${CHROMIUM_PATH} is missing.`);

describe.skipIf(browserMissing)('the privacy notice in a browser', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());
  const b = pagePerTest(() => server);

  for (const lang of ['ja', 'en'] as const) {
    it(`${lang}: from the footer and from sign-in; axe clean and within the screen at every width`, async () => {
      const name = lang === 'ja' ? 'プライバシー' : 'Privacy';
      const heading = lang === 'ja' ? '個人情報の取扱い' : 'Personal information';
      await b.page.goto(`${server.url}/?lang=${lang}`);
      await b.page.locator('footer').getByRole('link', { name, exact: true }).click();
      await expect.poll(() => b.page.getByRole('heading', { level: 1 }).innerText()).toBe(heading);

      await b.page.goto(`${server.url}/login?lang=${lang}`);
      await b.page.locator('main').getByRole('link', { name: heading }).click();
      await expect.poll(() => new URL(b.page.url()).pathname).toBe('/privacy');

      const problems: string[] = [];
      for (const width of [320, 390, 1280]) {
        await b.page.setViewportSize({ width, height: 900 });
        for (const v of await seriousAxeViolations(b.page)) problems.push(`${width}px: ${v.id} ${v.help}`);
      }
      await screenshotsAt(b.page, `privacy-${lang}`, (shot, width, scrollWidth) => void (scrollWidth > width && problems.push(`${shot} at ${width}px is ${scrollWidth}px wide`)));
      expect(problems).toEqual([]);
    });
  }

  it('reads the same with JavaScript off', async () => {
    const context = await b.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/privacy`);
      expect(await page.locator('main').getByRole('heading', { level: 2 }).allInnerTexts()).toEqual(['記録する情報と目的', '保存する期間', 'ご自身の情報の確認・訂正・削除']);
    } finally {
      await context.close();
    }
  });
});
