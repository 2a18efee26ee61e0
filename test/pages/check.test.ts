/**
 * /check in a real browser (the page has no script): a federation's officer types a list, sees
 * the table (scrolling sideways inside its own box on a phone, not the page), downloads the CSV
 * with the second button, and a refused list takes focus to the field. axe clean; screenshots at
 * 320, 390 and 1280 px in test-artifacts/screenshots/check-*.png.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, browserMissing, pagePerTest, screenshotsAt, seriousAxeViolations } from '../helpers/browser.js';
import { corporateNumberFor, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

if (browserMissing) console.warn(`Skipping the /check browser test: ${CHROMIUM_PATH} is missing.`);

describe.skipIf(browserMissing)('checking a list of 法人番号 in a browser', () => {
  let server: TestServer;
  let numbers: string;
  beforeAll(async () => {
    server = await startTestServer();
    const a = await seedCompany(server, { n: 1, name: '株式会社ブラウザで確認する長い名前の会社ホールディングス', publish: true });
    expect((await server.call('POST', '/api/v1/awards', { body: { organizationId: a.organization.id, fiscalYear: 2025, category: 'minister' } })).status).toBe(201);
    numbers = [a.organization.corporateNumber, corporateNumberFor(2), '1234567890123'].join('\n');
  }, 60_000);
  afterAll(() => server?.close());
  const b = pagePerTest(() => server);

  const wide: string[] = [];
  const check = (name: string, width: number, scrollWidth: number) => void (scrollWidth > width && wide.push(`${name} at ${width}px is ${scrollWidth}px wide`));

  for (const lang of ['ja', 'en'] as const) {
    it(`${lang}: the results as a table, axe clean, no sideways scrolling; the CSV from the second button`, async () => {
      await b.page.goto(`${server.url}/organizations?lang=${lang}`);
      await b.page.locator('.check-link a').click();
      await b.page.locator('#f-numbers').fill(numbers);
      // A day (基準日) through the browser's own date field: the table gains its two columns (the declaration and the awards then).
      await b.page.locator('#f-on').fill(new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10));
      await Promise.all([b.page.waitForNavigation(), b.page.locator('.check-form button[type=submit]').first().click()]);
      expect(await b.page.locator('.check-table tbody tr').count()).toBe(3);
      expect(await b.page.locator('.check-table thead th').count()).toBe(7);
      expect(await b.page.locator('.check-table tbody tr').first().innerText()).toContain(lang === 'ja' ? '公表中' : 'Published');
      expect(await seriousAxeViolations(b.page)).toEqual([]);
      await screenshotsAt(b.page, `check-${lang}`, check);
      expect(wide).toEqual([]);
      const [download] = await Promise.all([b.page.waitForEvent('download'), b.page.locator('.check-form button[value=csv]').click()]);
      expect(download.suggestedFilename()).toMatch(lang === 'ja' ? /^法人番号の確認-\d{4}-\d{2}-\d{2}\.csv$/ : /^corporate-number-check-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(readFileSync(await download.path(), 'utf8').split('\r\n')).toHaveLength(5);
    });
  }

  it('a list with no number in it: the error summary takes focus and leads to the field', async () => {
    await b.page.goto(`${server.url}/check`);
    await b.page.locator('#f-numbers').fill('株式会社だけ');
    await Promise.all([b.page.waitForNavigation(), b.page.locator('.check-form button[type=submit]').first().click()]);
    await expect.poll(() => b.page.evaluate(() => document.activeElement?.id), { timeout: 5000 }).toBe('error-summary');
    expect(await b.page.locator('#error-summary a').getAttribute('href')).toBe('#f-numbers');
    expect(await b.page.locator('#f-numbers').inputValue()).toBe('株式会社だけ');
    expect(await seriousAxeViolations(b.page)).toEqual([]);
    await screenshotsAt(b.page, 'check-refused', check);
    expect(wide).toEqual([]);
  });
});
