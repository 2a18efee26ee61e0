/**
 * A field refused is marked by a red bar at its left, the same for a group of checkboxes as for a
 * text field: in a real browser (chromium), the webhook form posted empty marks both its URL and its
 * events. The fieldset's own reset (no border) had hidden the bar of a checkbox group.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, screenshotsAt, seriousAxeViolations, adminPageAt } from '../helpers/browser.js';
import { registerPartner } from '../helpers/partners.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe.skipIf(browserMissing)('the marks of refused fields, in a real browser', () => {
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

  it('the partner and webhook forms keep their fields apart, as the award code form does, refused or not', async () => {
    /** The vertical space between each field of `form` and the next. */
    const gapsOf = (form: string) => page.$$eval(`${form} .field`, (fields) => fields.slice(1).map((field, i) => Math.round(field.getBoundingClientRect().top - fields[i]!.getBoundingClientRect().bottom)));
    await page.goto(`${server.url}/admin/awards/codes`);
    const codeGap = Math.min(...(await gapsOf('#code-form')));
    expect(codeGap).toBeGreaterThanOrEqual(12);
    const partner = await registerPartner(server, { name: '間隔確認キャリア株式会社' });
    for (const [path, form] of [['/admin/partners/new', '#partner-form'], [`/admin/partners/${partner.id}`, '#webhook-form']] as const) {
      await page.goto(`${server.url}${path}`);
      for (const gap of await gapsOf(form)) expect(gap, form).toBe(codeGap);
      await page.evaluate((selector) => document.querySelectorAll(`${selector} [maxlength]`).forEach((input) => input.removeAttribute('maxlength')), form);
      await page.fill(`${form} input[name="${form === '#partner-form' ? 'rateLimitPerMinute' : 'url'}"]`, 'x'.repeat(3000));
      await Promise.all([page.waitForNavigation(), page.click(`${form} button[type="submit"]`)]);
      for (const gap of await gapsOf(form)) expect(gap, `${form} refused`).toBe(codeGap);
      await screenshotsAt(page, `admin-${form.slice(1)}-refused`, (name, width, scrollWidth) => expect(scrollWidth, `${name} at ${width}px`).toBeLessThanOrEqual(width));
      expect(await seriousAxeViolations(page)).toEqual([]);
    }
  });
});
