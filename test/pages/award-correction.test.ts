/**
 * Correcting an award's overview in a real browser (chromium), a plain form post: the
 * secretariat opens the award's page, reads what a correction does to the badge, fixes the typo
 * and sends the form; the page says a new credential was issued and lists the earlier one as
 * superseded; the public organization page shows the corrected text, and the old badge's
 * verification page says a newer version exists. axe clean; screenshots at 320, 390 and 1280 px
 * (test-artifacts/screenshots/award-correction-*) with no sideways scrolling.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, launchBrowser, screenshotsAt, seriousAxeViolations, signInWithAdminToken, VIEWPORTS } from '../helpers/browser.js';
import { MUNICIPALITY, startTestServer, type TestServer } from '../helpers/server.js';

describe.skipIf(browserMissing)('correcting an award, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let awardId: string;
  let organizationId: string;
  let oldCredential: string;

  beforeAll(async () => {
    server = await startTestServer();
    const municipality = await server.call('POST', '/api/v1/organizations', { body: MUNICIPALITY });
    organizationId = municipality.body.id;
    const award = await server.call('POST', '/api/v1/awards', {
      body: { organizationId, fiscalYear: 2024, category: 'minister', awardedOn: '2025-02-10', overview: '移住者向けのコワーキング施設を区内12カ所に整備し、都内企業の社員の二地域居住を支援した。', message: '誰もが働く場所を選べるまちへ。' },
    });
    awardId = award.body.id;
    oldCredential = award.body.credentials[0].verificationUrl;
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'ja-JP' })).newPage();
    await signInWithAdminToken(page, server.url);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const noOverflow = (name: string, width: number, scrollWidth: number) => expect(scrollWidth, `${name} at ${width} px: no sideways scrolling`).toBeLessThanOrEqual(width);

  it('the award’s page explains the correction before it is sent, and looks right', async () => {
    await page.goto(`${server.url}/admin/awards/${awardId}`);
    await expect(page.locator('#correct-form h3').textContent()).resolves.toBe('概要・メッセージ・表彰日を訂正する');
    await expect(page.locator('#correct-hint').textContent()).resolves.toContain('新しいクレデンシャルを発行');
    expect(await page.inputValue('#f-overview')).toContain('区内12カ所');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotsAt(page, 'award-correction-form', noOverflow);
  });

  it('a corrected overview is public; the page lists the new credential and the earlier one as superseded', async () => {
    await page.goto(`${server.url}/admin/awards/${awardId}`);
    await page.fill('#f-overview', '移住者向けのコワーキング施設を区内15カ所に整備し、都内企業の社員の二地域居住を支援した。');
    await Promise.all([page.waitForURL(/done=corrected-reissued/), page.click('#correct-button')]);
    await expect(page.locator('.award-credentials li').allTextContents()).resolves.toEqual([expect.stringContaining('有効'), expect.stringContaining('置き換え済み')]);
    expect(await page.content()).toContain('新しいクレデンシャルを発行し');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotsAt(page, 'award-correction-done', noOverflow);

    await page.goto(`${server.url}/organizations/${organizationId}`);
    expect(await page.content()).toContain('区内15カ所');
    await page.goto(oldCredential);
    expect(await page.locator('main').textContent()).toContain('以前の版');
  });

  it('a corrected award date, chosen in the date field, re-issues the badge and shows on the award’s page', async () => {
    await page.goto(`${server.url}/admin/awards/${awardId}`);
    expect(await page.inputValue('#f-awardedOn')).toBe('2025-02-10');
    await page.fill('#f-awardedOn', '2025-02-01');
    await Promise.all([page.waitForURL(/done=corrected-reissued/), page.click('#correct-button')]);
    expect(await page.locator('main').textContent()).toContain('2025年2月1日');
    await expect(page.locator('.award-credentials li').allTextContents()).resolves.toEqual([expect.stringContaining('有効'), expect.stringContaining('置き換え済み'), expect.stringContaining('置き換え済み')]);
  });
});
