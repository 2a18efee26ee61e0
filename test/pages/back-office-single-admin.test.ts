/**
 * One administrator alone (REVOCATION_TWO_PERSON=false), in a real browser: revoking asks for the
 * confirmation box before anything happens (the browser itself refuses the unticked form), and the
 * revocations page that follows fits a 320 px screen (its note names the setting, a long word).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, launchBrowser, screenshotsAt, seriousAxeViolations, watchPage, signInWithAdminToken } from '../helpers/browser.js';
import { COMPANY, corporateNumberFor, DECLARATION, startTestServer, type TestServer } from '../helpers/server.js';

describe.skipIf(browserMissing)('one administrator revokes, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await server.call(method, path, body === undefined ? {} : { body });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
    return response.body;
  };
  const check = (name: string, width: number, scrollWidth: number) => expect(scrollWidth, `${name} at ${width}px: no sideways scrolling`).toBeLessThanOrEqual(width);

  beforeAll(async () => {
    server = await startTestServer({ REVOCATION_TWO_PERSON: 'false' });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
    page = await context.newPage();
    problems = watchPage(page, server.url);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('the box must be ticked before the declaration is revoked; the revocations page fits 320 px', async () => {
    const org = await api('POST', '/api/v1/organizations', { ...COMPANY, name: '単独取消株式会社', corporateNumber: corporateNumberFor(88_001) });
    const { id } = await api('POST', `/api/v1/organizations/${org.id}/declarations`, DECLARATION);
    await api('POST', `/api/v1/declarations/${id}/submit`);
    await api('POST', `/api/v1/declarations/${id}/publish`);

    await signInWithAdminToken(page, server.url);
    await page.goto(`${server.url}/admin/organizations/${org.id}`);
    await page.selectOption('#revoke-reason', 'false-declaration');
    await page.click('#revoke-button');
    // Unticked, the browser keeps the form on the page: nothing was sent.
    expect(page.url()).toBe(`${server.url}/admin/organizations/${org.id}`);
    expect((await api('GET', `/api/v1/declarations/${id}`)).status).toBe('published');

    await page.check('#revoke-confirm');
    await Promise.all([page.waitForURL(/done=revoked/), page.click('#revoke-button')]);
    expect((await api('GET', `/api/v1/declarations/${id}`)).status).toBe('revoked');

    await page.goto(`${server.url}/admin/revocations`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotsAt(page, 'admin-revocations-single', check);
    expect(problems).toEqual([]);
  });
});
