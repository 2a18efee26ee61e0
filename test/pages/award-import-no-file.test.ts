/**
 * The award import sent without a file: like every other back-office form, the registry's own
 * message in the page's language beside the field, not the browser's bubble in the browser's
 * language.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, seriousAxeViolations, adminPageAt } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe.skipIf(browserMissing)('the award import without a file, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    ({ browser, page } = await adminPageAt(server.url));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is sent to the registry, which says 「CSV ファイルを選んでください」 beside the file field', async () => {
    await page.goto(`${server.url}/admin/awards/import`);
    await page.click('#import-form button[type="submit"]');
    const error = page.locator('#import-form .field--error:has(#f-file) #f-file-error');
    await error.waitFor({ timeout: 10_000 });
    expect(await error.textContent()).toContain('CSV ファイルを選んでください');
    expect(await page.getAttribute('#f-file', 'aria-invalid')).toBe('true');
    expect((await page.getAttribute('#f-file', 'aria-describedby'))?.split(' ')).toContain('f-file-error');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
