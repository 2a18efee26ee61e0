/**
 * /admin/tokens in a real browser (Debian's chromium via playwright-core): issuing and revoking
 * work without JavaScript, each page is axe clean, and none scrolls sideways at 320, 390 or 1280 px
 * (a long label, a token's secret). Screenshots: admin-tokens-*.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, launchBrowser, screenshotsAt, seriousAxeViolations, watchPage, signInWithAdminToken } from '../helpers/browser.js';
import { COMPANY, corporateNumberFor, startTestServer, type TestServer } from '../helpers/server.js';

const LONG_LABEL = '人事給与システムとの夜間連携バッチ用（本番環境・東京リージョン・担当: 情報システム部）'.repeat(2);

describe.skipIf(browserMissing)('the back office’s API tokens, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  const check = (name: string, width: number, scrollWidth: number) => expect(scrollWidth, `${name} at ${width}px: no sideways scrolling`).toBeLessThanOrEqual(width);
  const clean = async (name: string) => {
    // Works without JavaScript: plain forms and links, no script on the page (axe itself needs the browser's).
    expect(await page.locator('script').count(), name).toBe(0);
    expect(await seriousAxeViolations(page), name).toEqual([]);
    await screenshotsAt(page, name, check);
  };

  beforeAll(async () => {
    server = await startTestServer();
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

  it('issues, lists and revokes without JavaScript; every page axe clean and no sideways scroll', async () => {
    const org = await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: '連携テスト株式会社', corporateNumber: corporateNumberFor(88_101) } });
    const parent = await server.call('POST', '/api/v1/tokens', { body: { role: 'admin', label: LONG_LABEL } });
    await server.call('POST', '/api/v1/tokens', { token: parent.body.token, body: { role: 'organization', organizationId: org.body.id, label: '子トークン' } });

    await signInWithAdminToken(page, server.url);
    await page.click('a[href="/admin/tokens"]');
    await clean('admin-tokens-list');

    // Bad input: the message beside its field.
    await page.selectOption('#f-role', 'organization');
    await page.click('#issue-form button[type=submit]');
    expect(await page.textContent('#f-label-error')).toContain('ラベルを入力してください。');
    await clean('admin-tokens-invalid');

    await page.fill('#f-label', LONG_LABEL);
    await page.fill('#f-organizationId', org.body.id);
    await page.click('#issue-form button[type=submit]');
    expect(await page.textContent('#token-secret')).toMatch(/^trr_/);
    await clean('admin-tokens-issued');

    await page.goto(`${server.url}/admin/tokens/${parent.body.id}/revoke`);
    expect(await page.textContent('#created-tokens')).toContain('子トークン');
    await clean('admin-tokens-revoke');
    await page.check('#f-revokeCreated');
    await page.click('#revoke-form button[type=submit]');
    expect(page.url()).toContain(`/admin/tokens/${parent.body.id}`);
    expect(await page.textContent('#token-facts')).toContain('取消済み');
    await clean('admin-tokens-revoked');

    await page.goto(`${server.url}/admin/tokens?state=revoked`);
    expect(await page.locator('#tokens tbody tr').count()).toBe(2);
    await clean('admin-tokens-revoked-list');
    // 発行日時 reads whole (Japanese would break 「2026年12\n月5日」 between any two characters).
    for (const width of [320, 390, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      const lines = await page.$$eval('#tokens td:nth-child(5)', (cells) => cells.map((td) => { const r = document.createRange(); r.selectNodeContents(td); return new Set([...r.getClientRects()].map((rect) => Math.round(rect.top))).size; }));
      expect(lines, `issued dates at ${width}px`).toEqual([1, 1]);
    }
    expect(problems).toEqual([]);
  });
});
