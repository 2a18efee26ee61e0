/**
 * The statistics page's bar charts in a real browser (Debian's chromium via playwright-core): every
 * bar's label lies inside its chart, in Japanese and in English, so none is cut off at the SVG's
 * left edge (the label column is 200 units wide and labels are right-aligned to it). The status
 * chart's labels are the longest. Screenshots go to test-artifacts/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, launchBrowser, screenshotsAt, signInWithAdminToken } from '../helpers/browser.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

describe.skipIf(browserMissing)('the statistics charts, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    await seedCompany(server, { n: 1, publish: true });
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' })).newPage();
    await signInWithAdminToken(page, server.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows every status label whole, in Japanese and English', async () => {
    for (const lang of ['', '?lang=en']) {
      await page.goto(`${server.url}/admin/statistics${lang}`);
      const labels = await page.$$eval('svg[aria-labelledby^="by-status"] text[text-anchor="end"]', (texts) =>
        texts.map((t) => ({ text: t.textContent, x: (t as SVGTextElement).getBBox().x })),
      );
      expect(labels.length, lang).toBe(9);
      for (const label of labels) expect(label.x, `${label.text}${lang}`).toBeGreaterThanOrEqual(0);
      await screenshotsAt(page, `admin-statistics${lang ? '-en' : ''}`, (name, width, scrollWidth) => expect(scrollWidth, `${name} at ${width}px`).toBeLessThanOrEqual(width));
    }
  });
});
