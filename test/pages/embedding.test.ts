/**
 * Embedding a badge (issue 15 point 3), in a real browser: the organization page offers, for each
 * currently valid credential, the compact badge, the snippet with a working copy button and the
 * image downloads; a suspended credential's embedded image still draws (a "not currently valid"
 * card) instead of a broken image. axe-clean, no sideways scrolling at 320/390/1280 px.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, browserMissing, launchBrowser, screenshotsAt, seriousAxeViolations, watchPage } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { seedStates, type SeededStates } from './fixtures.js';

if (browserMissing) console.warn(`Skipping the embedding browser tests: ${CHROMIUM_PATH} is missing.`);

describe.skipIf(browserMissing)('embedding a badge', () => {
  let server: TestServer;
  let s: SeededStates;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    server = await startTestServer();
    s = await seedStates(server);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = await context.newPage();
    problems = watchPage(page, server.url);
  });
  afterEach(async () => {
    expect(problems).toEqual([]);
    await context.close();
  });

  const noOverflow = (name: string, width: number, scrollWidth: number) => expect(scrollWidth, `${name} at ${width}px`).toBeLessThanOrEqual(width);

  it.each(['ja', 'en'] as const)('the organization page (%s): compact badge, snippet with a copy button, downloads', async (lang) => {
    const response = await page.goto(`${server.url}/organizations/${s.valid.organization.id}${lang === 'en' ? '?lang=en' : ''}`);
    expect(response?.status()).toBe(200);
    const embed = page.locator('details.badge-embed').first();
    await embed.locator('summary').click();
    const id = s.valid.credentialId;
    const preview = embed.locator('img.badge-embed__preview');
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    const snippet = await embed.locator('textarea.embed-snippet').inputValue();
    expect(snippet).toContain(`/credentials/${id}/badge.svg?size=compact`);
    expect(snippet).toContain(`/v/${id}`);
    expect(snippet).not.toContain('<script');
    for (const href of [`/credentials/${id}/badge.svg`, `/credentials/${id}/badge.png`, `/credentials/${id}/qr.svg`]) {
      expect(await embed.locator(`a[href="${href}"][download]`).count(), href).toBe(1);
    }
    const copy = embed.getByRole('button', { name: lang === 'ja' ? 'HTMLをコピー' : 'Copy the HTML' });
    await expect.poll(() => copy.isVisible()).toBe(true); // /assets/copy.js ran under the page's CSP
    await copy.click();
    await expect.poll(() => embed.locator('.copy-status').textContent()).toBe(lang === 'ja' ? 'コピーしました' : 'Copied');
    expect((await page.evaluate('navigator.clipboard.readText()')) as string).toContain(`badge.svg?size=compact`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotsAt(page, `embedding-organization-${lang}`, noOverflow);
  });

  it('a suspended credential: no snippet on its page, and an embedded badge draws "not currently valid" instead of breaking', async () => {
    await page.goto(`${server.url}/organizations/${s.suspended.organization.id}`);
    expect(await page.locator('details.badge-embed').count()).toBe(0);
    // A third party's page that embedded the badge while it was valid.
    await page.setContent(`<a href="${server.url}/v/${s.suspended.credentialId}"><img id="full" src="${server.url}/credentials/${s.suspended.credentialId}/badge.svg" alt="badge" width="320" height="200"><img id="compact" src="${server.url}/credentials/${s.suspended.credentialId}/badge.svg?size=compact" alt="badge" width="320" height="204"></a>`);
    for (const img of ['#full', '#compact']) {
      await expect.poll(() => page.locator(img).evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
    }
  });
});
