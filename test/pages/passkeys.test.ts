/**
 * A municipality joins with a passkey, in a real browser (Debian's chromium via playwright-core)
 * with Chromium's virtual authenticator (DevTools protocol, WebAuthn domain) standing in for the
 * officer's device: the secretariat registers 千代田区 and creates an invitation over the API;
 * the officer opens the link, types their name, creates a passkey, lands on /my signed in, signs
 * out with the header's button and back in on /login with the passkey; the audit log shows both
 * sign-ins. The pages pass axe (no serious or critical WCAG 2.1 AA violation) at 390 and 1280 px.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MUNICIPALITY, startTestServer, type TestServer } from '../helpers/server.js';
import { CHROMIUM_PATH, browserMissing, launchBrowser, screenshots, seriousAxeViolations, watchPage } from '../helpers/browser.js';

if (browserMissing) console.warn(`Skipping the passkey browser tests: ${CHROMIUM_PATH} is missing (apt-get install chromium).`);

describe.skipIf(browserMissing)('passkeys in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let municipalityId: string;
  /** PUBLIC_BASE_URL's origin (http://localhost:<port>): WebAuthn needs a host name, not 127.0.0.1. */
  let origin: string;

  const invite = async () => {
    const response = await server.call('POST', `/api/v1/organizations/${municipalityId}/invitations`, { body: {} });
    expect(response.status).toBe(201);
    return response.body.url as string;
  };

  /** A virtual platform authenticator (internal, resident keys, user verification) for this page. */
  async function addAuthenticator(p: Page) {
    const cdp = await context.newCDPSession(p);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    return { cdp, authenticatorId };
  }

  beforeAll(async () => {
    server = await startTestServer();
    const created = await server.call('POST', '/api/v1/organizations', { body: MUNICIPALITY });
    expect(created.status).toBe(201);
    municipalityId = created.body.id;
    origin = new URL(await invite()).origin;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
    page = await context.newPage();
    problems = watchPage(page, origin);
  });

  afterEach(async () => {
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a municipality officer joins with a passkey, signs out, and signs back in with it', async () => {
    const { cdp, authenticatorId } = await addAuthenticator(page);
    const url = await invite();

    const joinPage = await page.goto(url);
    expect(joinPage?.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe('千代田区への招待');
    expect(await page.locator('main').innerText()).toContain('131016');
    expect(await seriousAxeViolations(page), 'join page').toEqual([]);
    await screenshots(page, 'join');

    await page.getByLabel('お名前').fill('千代田 花子');
    await page.getByLabel('メールアドレス').fill('hanako@city.chiyoda.example.jp');
    await page.getByRole('button', { name: 'パスキーを作成して参加する' }).click();
    await page.waitForURL(`${origin}/my`);
    const header = page.locator('header');
    expect(await header.innerText()).toContain('千代田 花子');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]!.isResidentCredential).toBe(true);

    // The header's sign-out button ends the session: /my asks for sign-in again.
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL(`${origin}/`);
    await page.goto(`${origin}/my`);
    await page.waitForURL(`${origin}/login?next=%2Fmy`);

    expect(await seriousAxeViolations(page), 'login page').toEqual([]);
    await screenshots(page, 'login');
    await page.getByRole('button', { name: 'パスキーでログイン' }).click();
    await page.waitForURL(`${origin}/my`);
    expect(await page.locator('header').innerText()).toContain('千代田 花子');

    // The used link now says so, and changes nothing.
    const used = await page.goto(url);
    expect(used?.status()).toBe(410);
    expect(await page.locator('h1').innerText()).toBe('招待リンクは使用済みです');

    const signIns = await server.call('GET', '/api/v1/audit-log?action=account.sign-in&limit=100');
    const passkeySignIns = (signIns.body.items as any[]).filter((e) => e.after.method === 'passkey' && e.actorOrganizationId === municipalityId);
    expect(passkeySignIns).toHaveLength(2);
    const joins = await server.call('GET', `/api/v1/audit-log?action=member.join&entityId=${municipalityId}`);
    expect(joins.body.items[0].after).toMatchObject({ role: 'owner', via: 'invitation' });
  });

  it('says what is wrong next to the field, in the page language, and keeps what was typed', async () => {
    await addAuthenticator(page);
    await page.goto(`${await invite()}?lang=en`);
    expect(await page.locator('h1').innerText()).toBe('Invitation to join 千代田区');
    expect(await seriousAxeViolations(page), 'join page (English)').toEqual([]);
    await page.getByLabel('E-mail address').fill('not an address');
    await page.getByRole('button', { name: 'Create a passkey and join' }).click();
    const nameError = page.locator('#join-name-error');
    await expect.poll(() => nameError.innerText()).toBe('Enter your name.');
    expect(await page.locator('#join-email-error').innerText()).toContain('e-mail address');
    expect(await page.getByLabel('Your name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('E-mail address').inputValue()).toBe('not an address');
    expect(await page.locator('[data-passkey-status]').innerText()).toBe('The request contains invalid values.');
    // Focus moved to the first field in error.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('join-name');
  });

  it('an expired-or-used and an unknown link are clear pages (axe clean)', async () => {
    const unknown = await page.goto(`${origin}/join/${'A'.repeat(43)}`);
    expect(unknown?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toBe('招待リンクが見つかりません');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('a browser preferring English keeps the Japanese chosen with ?lang=ja through joining, signing out and signing in', async () => {
    await context.close();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
    page = await context.newPage();
    problems = watchPage(page, origin);
    await addAuthenticator(page);
    await page.goto(`${await invite()}?lang=ja`);
    await page.getByLabel('お名前').fill('千代田 次郎');
    await page.getByRole('button', { name: 'パスキーを作成して参加する' }).click();
    await page.waitForURL((url) => url.pathname === '/my');
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');

    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await page.goto(`${origin}/login?lang=ja`);
    await page.getByRole('button', { name: 'パスキーでログイン' }).click();
    await page.waitForURL((url) => url.pathname === '/my');
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    expect(await page.locator('header').innerText()).toContain('千代田 次郎');
  });

  it('without JavaScript, the pages say passkeys need it', async () => {
    await context.close();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', javaScriptEnabled: false });
    page = await context.newPage();
    problems = watchPage(page, origin);
    const invitation = await invite();
    await page.goto(invitation);
    expect(await page.locator('main').innerText()).toContain('パスキーの利用には JavaScript が必要です');
    await page.goto(`${origin}/login`);
    expect(await page.locator('main').innerText()).toContain('パスキーの利用には JavaScript が必要です');
  });

  it('without JavaScript, a passkey button pressed anyway leads back to the page it was on, not to the organizations\' sign-in', async () => {
    await context.close();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', javaScriptEnabled: false });
    page = await context.newPage();
    problems = watchPage(page, origin);
    const pressAndGoBack = async (start: string, button: string) => {
      await page.goto(start);
      await Promise.all([page.waitForLoadState(), page.click(button)]);
      expect(await page.locator('main').innerText()).toContain('パスキーの利用には JavaScript が必要です');
      await Promise.all([page.waitForLoadState(), page.locator('main a').last().click()]);
      return new URL(page.url());
    };
    // The invitation's page again (its other ways in, and the link itself, which the sign-in page cannot take).
    const invitation = new URL(await invite());
    const backFromJoin = await pressAndGoBack(invitation.href, '#join-button');
    expect(backFromJoin.pathname).toBe(invitation.pathname);
    // The staff's sign-in again (its token form), keeping where they were going.
    const backFromStaff = await pressAndGoBack(`${origin}/admin/login?next=%2Fadmin%2Freviews`, '#staff-passkey-button');
    expect(backFromStaff.pathname).toBe('/admin/login');
    expect(backFromStaff.searchParams.get('next')).toBe('/admin/reviews');
    expect(await page.locator('#staff-token-button').count()).toBe(1);
    // An organization's sign-in stays where it was.
    expect((await pressAndGoBack(`${origin}/login?next=%2Fmy%2Fbadges`, '#login-passkey-button')).pathname).toBe('/login');
  });
});
