/**
 * A GビズID account whose type is not trusted (OIDC_TRUSTED_ACCOUNT_TYPES: here an Entry account)
 * signs in, in a real browser (Debian's chromium via playwright-core) through a real OpenID Connect
 * provider: a registered company's 法人番号 gives the page saying it cannot join and how to (a Prime
 * or Member account, or an owner's invitation); an unregistered one gives the "not registered yet"
 * page without the offer, saying which accounts may register. The first with JavaScript off in
 * English too. Each page passes axe; screenshots at 320, 390 and 1280 px go to
 * test-artifacts/screenshots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, screenshotsAt as shoot, seriousAxeViolations, watchPage } from '../helpers/browser.js';
import { startGbizIdBrowser, type GbizIdBrowser } from '../helpers/gbizid-browser.js';
import type { TestOidcProvider } from '../helpers/oidc-provider.js';
import { corporateNumberFor, seedCompany, type TestServer } from '../helpers/server.js';

describe.skipIf(browserMissing)('a gBizID Entry account is told why it may not join or register a company, in a real browser', () => {
  let frame: GbizIdBrowser;
  let provider: TestOidcProvider;
  let server: TestServer;
  let registered: string;

  beforeAll(async () => {
    frame = await startGbizIdBrowser({ OIDC_ACCOUNT_TYPE_CLAIM: 'account_type', OIDC_TRUSTED_ACCOUNT_TYPES: 'prime,member' });
    ({ provider, server } = frame);
    registered = (await seedCompany(server, { n: 8501, name: '株式会社しんらいワーク' })).organization.corporateNumber;
  }, 180_000);

  afterAll(() => frame?.close());

  const screenshotsAt = (target: Page, name: string) =>
    shoot(target, name, (shot, width, scrollWidth) => expect(scrollWidth, `${shot} at ${width}px: no sideways scrolling`).toBeLessThanOrEqual(width));

  it('a registered company: the refusal to join names it, the accounts that may, and the invitation', async () => {
    provider.addAccount({ sub: 'gbiz-entry-join', corporateNumber: registered, accountType: 'entry', email: 'entry@shinrai.example.jp', name: '登録 えん子' });
    const { context, page } = await frame.newPage(true);
    try {
      await frame.signIn(page, 'gbiz-entry-join');
      const problems = watchPage(page, server.url);
      expect(await page.locator('h1').innerText()).toBe('このGビズIDアカウントでは団体に参加できません');
      const text = await page.locator('main').innerText();
      expect(text).toContain('株式会社しんらいワークは登録されていますが');
      expect(text).toContain('gBizIDプライムのアカウント、またはその管理者が発行したgBizIDメンバーのアカウントでログインしてください');
      expect(text).toContain('「GビズIDで参加」を選んでください');
      expect(await page.getByRole('link', { name: 'ログインページに戻る' }).count()).toBeGreaterThan(0);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshotsAt(page, 'account-type-join-refused');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('the same with JavaScript off, in English', async () => {
    provider.addAccount({ sub: 'gbiz-entry-join-en', corporateNumber: registered, accountType: 'entry', email: 'entry-en@shinrai.example.jp', name: 'Entry Eiko' });
    const { context, page } = await frame.newPage(false);
    try {
      await frame.signIn(page, 'gbiz-entry-join-en', '?lang=en');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.locator('h1').innerText()).toBe('This gBizID account cannot join the organization');
      expect(await page.locator('main').innerText()).toContain('Sign in with a gBizID Prime account, or a gBizID Member account its holder issued');
      // No axe here: it runs as a script, which this page has off (the Japanese page above is the same template).
      await screenshotsAt(page, 'account-type-join-refused-en-noscript');
    } finally {
      await context.close();
    }
  }, 180_000);

  it('an unregistered company: no offer to register it, and which accounts may', async () => {
    provider.addAccount({ sub: 'gbiz-entry-register', corporateNumber: corporateNumberFor(8502), accountType: 'entry', email: 'entry@mitouroku.example.jp', name: '未登録 えん子' });
    const { context, page } = await frame.newPage(true);
    try {
      await frame.signIn(page, 'gbiz-entry-register');
      const problems = watchPage(page, server.url);
      expect(await page.locator('h1').innerText()).toBe('団体が登録されていません');
      expect(await page.locator('#self-register').count()).toBe(0);
      expect(await page.locator('#account-type-advice').innerText()).toContain('このGビズIDアカウントの種類（gBizIDエントリーなど）では、法人を登録簿に登録できません。');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshotsAt(page, 'account-type-no-registration');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
