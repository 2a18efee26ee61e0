/**
 * A company not registered yet registers itself after signing in with GビズID, in a real browser
 * (Debian's chromium via playwright-core) through a real OpenID Connect provider (oidc-provider,
 * standing in for GビズID): the "not registered yet" page offers the registration, the form comes
 * back with a message beside the field left empty, and the registered company's owner lands on
 * /my. The same with JavaScript off. Each page passes axe; screenshots at 320, 390 and 1280 px go
 * to test-artifacts/screenshots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, screenshotsAt as shoot, seriousAxeViolations, watchPage } from '../helpers/browser.js';
import { startGbizIdBrowser, type GbizIdBrowser } from '../helpers/gbizid-browser.js';
import type { TestOidcProvider } from '../helpers/oidc-provider.js';
import { corporateNumberFor, type TestServer } from '../helpers/server.js';

describe.skipIf(browserMissing)('a company registers itself after signing in with GビズID, in a real browser', () => {
  let frame: GbizIdBrowser;
  let provider: TestOidcProvider;
  let server: TestServer;

  beforeAll(async () => {
    frame = await startGbizIdBrowser();
    ({ provider, server } = frame);
  }, 180_000);

  afterAll(() => frame?.close());

  const screenshotsAt = (target: Page, name: string) =>
    shoot(target, name, (shot, width, scrollWidth) => expect(scrollWidth, `${shot} at ${width}px: no sideways scrolling`).toBeLessThanOrEqual(width));

  it('offers the registration, shows the form, refuses an empty name beside its field, then lands on /my as the owner', async () => {
    const corporateNumber = corporateNumberFor(8301);
    provider.addAccount({ sub: 'gbiz-self-page', corporateNumber, email: 'jinji@jiko-touroku.example.jp', name: '自己 登録子' });
    const { context, page } = await frame.newPage(true);
    try {
      await frame.signIn(page, 'gbiz-self-page');
      // From here on the registry's pages only (the provider's login page is not ours to judge).
      const problems = watchPage(page, server.url);
      expect(await page.locator('h1').innerText()).toBe('団体が登録されていません');
      expect(await page.locator('main').innerText()).toContain(corporateNumber);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshotsAt(page, 'self-registration-offer');

      await page.getByRole('link', { name: 'この法人を登録して自己宣言を始める' }).click();
      await page.waitForURL('**/auth/oidc/register');
      expect(await page.locator('#corporate-number').innerText()).toBe(corporateNumber);
      expect(await page.inputValue('#f-contactName')).toBe('自己 登録子');
      expect(await page.inputValue('#f-contactEmail')).toBe('jinji@jiko-touroku.example.jp');
      expect(await page.locator('#lookup-result').innerText()).toContain('名称・都道府県などを入力してください。');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshotsAt(page, 'self-registration-form');

      // The name left empty: the message beside it, tied to it; the summary links to it; the rest kept.
      await page.selectOption('#f-prefectureCode', '16');
      await page.fill('#f-city', '富山市');
      await page.getByRole('button', { name: 'この法人を登録して自己宣言を始める' }).click();
      await page.waitForLoadState();
      expect(await page.locator('#f-name-error').innerText()).toContain('名称を入力してください。');
      expect(await page.locator('#f-name').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#f-name').getAttribute('aria-describedby')).toContain('f-name-error');
      expect(await page.locator('#error-summary a[href="#f-name"]').innerText()).toContain('名称');
      expect(await page.inputValue('#f-city')).toBe('富山市');
      expect(await page.inputValue('#f-prefectureCode')).toBe('16');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshotsAt(page, 'self-registration-form-error');

      await page.fill('#f-name', '株式会社じこ登録');
      await page.getByRole('button', { name: 'この法人を登録して自己宣言を始める' }).click();
      await page.waitForURL(`${server.url}/my`);
      expect(await page.locator('main').innerText()).toContain('株式会社じこ登録');
      expect(await page.locator('header').innerText()).toContain('自己 登録子');
      await expect.poll(() => page.getByRole('link', { name: '自己宣言を作成する' }).count()).toBe(1);

      // The registration is used up: its address now says plainly to sign in with GビズID again.
      const gone = await page.goto(`${server.url}/auth/oidc/register`);
      expect(gone?.status()).toBe(410);
      expect(await page.locator('h1').innerText()).toBe('登録の手続きが見つかりません');
      expect(await page.locator('#sign-in-again').getAttribute('href')).toBe('/auth/oidc/login');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshotsAt(page, 'self-registration-gone');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('works the same with JavaScript off, in English', async () => {
    const corporateNumber = corporateNumberFor(8302);
    provider.addAccount({ sub: 'gbiz-self-noscript', corporateNumber, email: 'hr@noscript.example.jp', name: 'Noscript Hanako' });
    const { context, page } = await frame.newPage(false);
    try {
      await frame.signIn(page, 'gbiz-self-noscript', '?lang=en');
      const problems = watchPage(page, server.url);
      expect(await page.locator('h1').innerText()).toBe('No registered organization');
      await page.getByRole('link', { name: 'Register this company and start its declaration' }).click();
      await page.waitForURL('**/auth/oidc/register?lang=en');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await screenshotsAt(page, 'self-registration-form-en-noscript');
      await page.fill('#f-name', 'Noscript Co., Ltd.');
      await page.selectOption('#f-prefectureCode', '01');
      await page.fill('#f-website', 'noscript.example.jp');
      await page.getByRole('button', { name: 'Register this company and start its declaration' }).click();
      await page.waitForLoadState();
      expect(await page.locator('#f-website-error').innerText()).toContain('Enter a web address starting with http:// or https://.');
      expect(await page.inputValue('#f-name')).toBe('Noscript Co., Ltd.');
      await page.fill('#f-website', 'https://noscript.example.jp/');
      await page.getByRole('button', { name: 'Register this company and start its declaration' }).click();
      await page.waitForURL(`${server.url}/my?lang=en`);
      expect(await page.locator('main').innerText()).toContain('Noscript Co., Ltd.');
      const organization = (await server.call('GET', `/api/v1/organizations?q=${encodeURIComponent('Noscript')}`)).body;
      expect(JSON.stringify(organization)).toContain(corporateNumber);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
