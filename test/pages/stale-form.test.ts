/**
 * A declaration form left open in one tab while the person signs out and in again in another
 * (their new session has a new CSRF token), in a real browser (Debian's chromium via
 * playwright-core) signed in through a real OpenID Connect provider: sending the old tab's form
 * saves nothing and brings the form back (403) with the reason at the top and everything typed;
 * sending it again saves it. The page passes axe; screenshots at 320, 390 and 1280 px go to
 * test-artifacts/screenshots/ (my-declaration-stale-token-*).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, screenshotsAt as shoot, seriousAxeViolations } from '../helpers/browser.js';
import { startCompanyBrowser, type CompanyBrowser } from '../helpers/company-browser.js';
import type { TestServer } from '../helpers/server.js';

const POLICY = '本社機能の一部を地方拠点へ移し、\n転職なき移住を支援します。<script>alert(1)</script>';
const MEASURES = 'サテライトオフィスを3拠点に開設しました。\n希望する社員は地方から勤務できます。';

describe.skipIf(browserMissing)('a form left open while the session changed, in a real browser', () => {
  let companyBrowser: CompanyBrowser;
  let server: TestServer;
  let context: BrowserContext;
  let organizationId: string;
  const signIn = (tab: Page) => companyBrowser.signIn(tab, '/my');

  beforeAll(async () => {
    companyBrowser = await startCompanyBrowser();
    ({ server, context, organizationId } = companyBrowser);
  }, 180_000);

  afterAll(() => companyBrowser?.close());

  const screenshotsAt = (target: Page, name: string) =>
    shoot(target, name, (shot, width, scrollWidth) => expect(scrollWidth, `${shot} at ${width}px: no sideways scrolling`).toBeLessThanOrEqual(width));

  it('keeps what was typed, says why, saves nothing; sent again, it is saved', async () => {
    const tab = await context.newPage();
    await signIn(tab);
    await tab.goto(`${server.url}/my/declaration`);
    const oldToken = await tab.locator('#main input[name="csrf"]').first().inputValue();
    await tab.fill('#f-signerName', '山田 太郎');
    await tab.fill('#f-signerTitle', '代表取締役');
    await tab.fill('#f-committedOn', '2025-04-01');
    await tab.check('#f-guidelineAreas');
    await tab.check('#f-purposes-2');
    await tab.fill('#f-policy', POLICY);
    await tab.fill('#f-measures', MEASURES);

    // Meanwhile, in another tab: signing out and in again (a new session, with a new token).
    const other = await context.newPage();
    await other.goto(`${server.url}/my`);
    await other.getByRole('button', { name: 'ログアウト' }).click();
    await other.waitForURL((url) => url.pathname === '/');
    await signIn(other);
    await other.close();

    const [refused] = await Promise.all([tab.waitForResponse((r) => r.url().startsWith(`${server.url}/my/declaration`) && r.request().method() === 'POST'), tab.getByRole('button', { name: '下書きとして保存' }).click()]);
    await tab.waitForLoadState();
    expect(refused.status()).toBe(403);
    expect(await tab.locator('main [role="alert"]').first().innerText()).toContain('ページを開いてから時間が経ったため、送信を確認できませんでした。');
    expect(await tab.inputValue('#f-signerName')).toBe('山田 太郎');
    expect(await tab.inputValue('#f-signerTitle')).toBe('代表取締役');
    expect(await tab.inputValue('#f-committedOn')).toBe('2025-04-01');
    expect(await tab.inputValue('#f-policy')).toBe(POLICY);
    expect(await tab.inputValue('#f-measures')).toBe(MEASURES);
    expect(await tab.isChecked('#f-guidelineAreas')).toBe(true);
    expect(await tab.isChecked('#f-purposes-2')).toBe(true);
    expect(await tab.locator('#main input[name="csrf"]').first().inputValue()).not.toBe(oldToken);
    expect((await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations).toEqual([]);
    expect(await seriousAxeViolations(tab)).toEqual([]);
    await screenshotsAt(tab, 'my-declaration-stale-token');

    await tab.getByRole('button', { name: '下書きとして保存' }).click();
    await tab.waitForURL('**/my/declaration?saved=draft');
    expect(await tab.locator('main').innerText()).toContain('下書きを保存しました');
    const [saved] = (await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations;
    expect(saved).toMatchObject({ status: 'draft', content: { signerName: '山田 太郎', signerTitle: '代表取締役', policy: POLICY, measures: MEASURES, guidelineAreas: ['labor'], purposes: ['2'] } });
  });
});
