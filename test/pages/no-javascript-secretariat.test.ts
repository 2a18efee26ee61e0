/**
 * The secretariat's one-off and destructive actions in a browser with JavaScript off, as
 * locked-down office PCs run. A page answering a post with something shown once (a new partner
 * secret, a new API token), reloaded, sends the same post again: it must not replace or add to
 * what was just shown and handed over; the page says so instead. Actions with no way back ask
 * first without script: a box to tick (a new partner secret), a page of its own (removing a
 * webhook). Screenshots of the refusals and confirmations at 320, 390 and 1280 px; axe clean.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, launchBrowser, screenshotsAt, seriousAxeViolations, signInWithAdminToken, watchPage } from '../helpers/browser.js';
import { registerPartner } from '../helpers/partners.js';
import { COMPANY, corporateNumberFor, startTestServer, type TestServer } from '../helpers/server.js';

describe.skipIf(browserMissing)('the secretariat without JavaScript: reloads and confirmations', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const tokenStatus = async (clientId: string, clientSecret: string) =>
    (await server.call('POST', '/oauth/token', { token: null, rawBody: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status;
  /** axe needs scripts: the page's HTML, as answered, checked in a scripted page of the same origin. */
  async function expectAxeClean(html: string) {
    const scripted = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
    try {
      const page = await scripted.newPage();
      await page.goto(`${server.url}/privacy`);
      await page.setContent(html, { waitUntil: 'load' });
      expect(await seriousAxeViolations(page)).toEqual([]);
    } finally {
      await scripted.close();
    }
  }
  const noOverflow = (name: string, width: number, scrollWidth: number) => expect(scrollWidth, `${name} at ${width} px`).toBeLessThanOrEqual(width);

  it('reloading the new partner secret does not issue another: the secret shown stays the one that works', async () => {
    const partner = await registerPartner(server, { name: '株式会社再読み込み' });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const problems = watchPage(page, server.url);
      await signInWithAdminToken(page, server.url);
      await page.goto(`${server.url}/admin/partners/${partner.id}`);
      await page.check('#f-rotateConfirm');
      await Promise.all([page.waitForURL(`${server.url}/admin/partners/${partner.id}/rotate-secret`), page.click('#rotate-button')]);
      const shown = (await page.locator('#client-secret').innerText()).trim();
      expect(await tokenStatus(partner.clientId, shown)).toBe(200);

      // The reload sends the post again (no JavaScript, nothing in between).
      const again = await page.reload();
      expect(again?.status()).toBe(409);
      expect(await page.locator('#client-secret').count()).toBe(0);
      expect(await page.locator('main').innerText()).toContain('このページを開いた後に、シークレットは既に再発行されています。何も変更していません。');
      expect(await tokenStatus(partner.clientId, shown)).toBe(200);
      expect(await page.locator('#partner-status').count()).toBe(1); // the partner's page, its rotate button at hand
      await screenshotsAt(page, 'no-js-rotate-reloaded', noOverflow);
      await expectAxeClean(await page.content());

      // A second rotation asked for on that page goes through (the form carries the version it shows).
      await page.check('#f-rotateConfirm');
      await Promise.all([page.waitForURL(`${server.url}/admin/partners/${partner.id}/rotate-secret`), page.click('#rotate-button')]);
      const second = (await page.locator('#client-secret').innerText()).trim();
      expect(second).not.toBe(shown);
      expect(await tokenStatus(partner.clientId, shown)).toBe(401);
      expect(await tokenStatus(partner.clientId, second)).toBe(200);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('reloading the page showing a new API token does not issue a second one: nothing issued, the page says so, the form kept', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', javaScriptEnabled: false });
    const label = '再読み込みの確認用';
    const issuedWithLabel = async () => ((await server.call('GET', '/api/v1/tokens')).body.items as { label: string }[]).filter((t) => t.label === label).length;
    try {
      const page = await context.newPage();
      const problems = watchPage(page, server.url);
      await signInWithAdminToken(page, server.url);
      await page.goto(`${server.url}/admin/tokens`);
      await page.fill('#f-label', label);
      await page.selectOption('#f-role', 'admin');
      await Promise.all([page.waitForLoadState(), page.locator('#issue-form button[type="submit"]').click()]);
      expect(await page.locator('#token-secret').count()).toBe(1);
      expect(await issuedWithLabel()).toBe(1);

      const again = await page.reload();
      expect(again?.status()).toBe(409);
      expect(await page.locator('#token-secret').count()).toBe(0);
      expect(await page.locator('#f-label-error').innerText()).toContain('このページを開いた後に、同じラベル・種類のトークンを既に発行しています');
      expect(await page.locator('.error-summary').count()).toBe(1);
      expect(await page.inputValue('#f-label')).toBe(label);
      expect(await issuedWithLabel()).toBe(1);
      await screenshotsAt(page, 'no-js-token-reloaded', noOverflow);
      await expectAxeClean(await page.content());

      // Sent from the refused page (it shows the token issued meanwhile): a second one, asked for.
      await Promise.all([page.waitForLoadState(), page.locator('#issue-form button[type="submit"]').click()]);
      expect(await page.locator('#token-secret').count()).toBe(1);
      expect(await issuedWithLabel()).toBe(2);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a new partner secret is issued only with its box ticked: pressed without, nothing changes and the page says why beside the box', async () => {
    const partner = await registerPartner(server, { name: '株式会社押し間違い' });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const problems = watchPage(page, server.url);
      await signInWithAdminToken(page, server.url);
      await page.goto(`${server.url}/admin/partners/${partner.id}`);
      const [refused] = await Promise.all([page.waitForNavigation(), page.click('#rotate-button')]);
      expect(refused?.status()).toBe(400);
      expect(await page.locator('#client-secret').count()).toBe(0);
      expect(await page.locator('.error-summary').innerText()).toContain('再発行してよいことを確認するには、チェックボックスを選んでください。');
      expect(await page.locator('#f-rotateConfirm-error').innerText()).toContain('チェックボックスを選んでください');
      expect(await page.locator('.error-summary a').getAttribute('href')).toBe('#f-rotateConfirm');
      expect(await tokenStatus(partner.clientId, partner.clientSecret)).toBe(200);
      await screenshotsAt(page, 'no-js-rotate-unconfirmed', noOverflow);
      await expectAxeClean(await page.content());
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("a webhook's 削除 asks first on a page naming its address and what follows; やめる changes nothing", async () => {
    const partner = await registerPartner(server, { name: '株式会社ウェブフック削除' });
    // Long, as some receivers' addresses are: it wraps at 320 px rather than widening the page.
    const url = `https://receiver.example/hooks/${'removed-hook-'.repeat(12)}end`;
    expect((await server.call('POST', `/api/v1/partners/${partner.id}/webhooks`, { body: { url, events: ['award.granted'] } })).status).toBe(201);
    const hooks = async () => ((await server.call('GET', `/api/v1/partners/${partner.id}/webhooks`)).body.items as { url: string }[]).map((w) => w.url);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const problems = watchPage(page, server.url);
      await signInWithAdminToken(page, server.url);
      const partnerPage = `${server.url}/admin/partners/${partner.id}`;
      await page.goto(partnerPage);
      await Promise.all([page.waitForLoadState(), page.click('.delete-webhook-button')]);
      // Asked, not done.
      expect(await hooks()).toEqual([url]);
      expect(await page.locator('#remove-webhook-url').innerText()).toBe(url);
      expect(await page.locator('main').innerText()).toContain('署名用シークレットも削除されます');
      await screenshotsAt(page, 'no-js-webhook-remove-confirm', noOverflow);
      await expectAxeClean(await page.content());
      await Promise.all([page.waitForURL(partnerPage), page.click('#cancel-remove')]);
      expect(await hooks()).toEqual([url]);

      await Promise.all([page.waitForLoadState(), page.click('.delete-webhook-button')]);
      await Promise.all([page.waitForURL((u) => u.pathname === `/admin/partners/${partner.id}`), page.click('#confirm-remove')]);
      expect(await hooks()).toEqual([]);
      expect(await page.locator('main').innerText()).toContain('登録された Webhook はありません。');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('reloading the page showing a new staff invitation link does not make a second live link', async () => {
    const name = '再読み込み 招待';
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const problems = watchPage(page, server.url);
      await signInWithAdminToken(page, server.url);
      /** The open invitations to `name`, as the staff page lists them (each with its cancel button). */
      const openLinks = async () => {
        const list = await (await context.request.get(`${server.url}/admin/staff`)).text();
        return (list.match(new RegExp(`<li>${name}（`, 'g')) ?? []).length;
      };
      await page.goto(`${server.url}/admin/staff`);
      await page.fill('#f-name', name);
      await page.selectOption('#f-role', 'viewer');
      await Promise.all([page.waitForLoadState(), page.locator('#invite-form button[type="submit"]').click()]);
      expect(await page.locator('#invitation-url').count()).toBe(1);
      expect(await openLinks()).toBe(1);

      const again = await page.reload();
      expect(again?.status()).toBe(409);
      expect(await page.locator('#invitation-url').count()).toBe(0);
      expect(await page.locator('#f-name-error').innerText()).toContain('このページを開いた後に、同じ内容の招待リンクを既に作成しています');
      expect(await page.inputValue('#f-name')).toBe(name);
      expect(await openLinks()).toBe(1);
      await screenshotsAt(page, 'no-js-staff-invite-reloaded', noOverflow);
      await expectAxeClean(await page.content());

      // Sent from the refused page: a second link, asked for.
      await Promise.all([page.waitForLoadState(), page.locator('#invite-form button[type="submit"]').click()]);
      expect(await page.locator('#invitation-url').count()).toBe(1);
      expect(await openLinks()).toBe(2);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("reloading the page showing an organization's new invitation link does not make a second live link", async () => {
    const organization = (await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: '株式会社招待の再読み込み', corporateNumber: corporateNumberFor(4242) } })).body as { id: string };
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const problems = watchPage(page, server.url);
      await signInWithAdminToken(page, server.url);
      const organizationPage = `${server.url}/admin/organizations/${organization.id}`;
      /** The open invitations the organization's page lists (each with its cancel button). */
      const openLinks = async () => (await (await context.request.get(organizationPage)).text()).match(/\/invitations\/[^/"]+\/cancel/g)?.length ?? 0;
      await page.goto(organizationPage);
      await Promise.all([page.waitForLoadState(), page.locator('#invite-form button[type="submit"]').click()]);
      expect(await page.locator('#invitation-url').count()).toBe(1);
      expect(await openLinks()).toBe(1);

      const again = await page.reload();
      expect(again?.status()).toBe(409);
      expect(await page.locator('#invitation-url').count()).toBe(0);
      expect(await page.locator('#f-role-error').innerText()).toContain('このページを開いた後に、同じ内容の招待リンクを既に作成しています');
      expect(await openLinks()).toBe(1);
      await screenshotsAt(page, 'no-js-organization-invite-reloaded', noOverflow);
      await expectAxeClean(await page.content());

      await Promise.all([page.waitForLoadState(), page.locator('#invite-form button[type="submit"]').click()]);
      expect(await openLinks()).toBe(2);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
