/**
 * A field refused is marked by a red bar at its left, the same for a group of checkboxes as for a
 * text field: in a real browser (chromium), the webhook form posted empty marks both its URL and its
 * events. The fieldset's own reset (no border) had hidden the bar of a checkbox group.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, launchBrowser, screenshotsAt, seriousAxeViolations } from '../helpers/browser.js';
import { registerPartner } from '../helpers/partners.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../helpers/server.js';

describe.skipIf(browserMissing)('the marks of refused fields, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP' })).newPage();
    await page.goto(`${server.url}/admin/login`);
    await page.fill('#token', ADMIN_TOKEN);
    await Promise.all([page.waitForURL(`${server.url}/admin`), page.click('#staff-token-button')]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a checkbox group refused has the same red bar as a text field refused', async () => {
    const partner = await registerPartner(server);
    await page.goto(`${server.url}/admin/partners/${partner.id}`);
    await Promise.all([page.waitForNavigation(), page.click('#webhook-submit')]);
    const barOf = (selector: string) => page.$eval(selector, (element) => {
      const style = getComputedStyle(element);
      return `${style.borderLeftWidth} ${style.borderLeftStyle} ${style.borderLeftColor}`;
    });
    const urlBar = await barOf('#webhook-form .field--error:has(#f-url)');
    expect(urlBar).toMatch(/^4px solid rgb/);
    expect(await barOf('#webhook-form fieldset.field--error')).toBe(urlBar);
    await screenshotsAt(page, 'admin-webhook-form-refused', (name, width, scrollWidth) => expect(scrollWidth, `${name} at ${width}px`).toBeLessThanOrEqual(width));
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
