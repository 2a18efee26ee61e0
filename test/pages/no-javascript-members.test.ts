/**
 * An organization's owner invites a colleague with JavaScript off, as locked-down office PCs
 * run: reloading the page that shows the new link sends the same post again, and must not make a
 * second live link nobody noted; the page says so beside the role, and the pending list holds one.
 * Screenshots of the refusal at 320, 390 and 1280 px; axe clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, screenshotsAt, seriousAxeViolations, watchPage } from '../helpers/browser.js';
import { startCompanyBrowser, type CompanyBrowser } from '../helpers/company-browser.js';

describe.skipIf(browserMissing)('inviting a colleague without JavaScript', () => {
  let company: CompanyBrowser;
  beforeAll(async () => {
    company = await startCompanyBrowser();
  }, 180_000);
  afterAll(async () => {
    await company?.close();
  });

  it('reloading the page showing a new invitation link does not make a second one', async () => {
    const noScript = await company.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      // Signed in at the provider (another origin); from then on, nothing but the registry.
      await company.signIn(page, '/my/members');
      const problems = watchPage(page, company.server.url);
      /** The pending invitations the members page lists (each with its cancel button). */
      const pending = async () => (await (await noScript.request.get(`${company.server.url}/my/members`)).text()).match(/id="cancel-invitation-/g)?.length ?? 0;
      await page.check('input[name="role"][value="editor"]');
      await Promise.all([page.waitForLoadState(), page.locator('form.invite-form button[type="submit"]').click()]);
      expect(await page.inputValue('#invitation-url')).toContain('/join/');
      expect(await pending()).toBe(1);

      const again = await page.reload();
      expect(again?.status()).toBe(409);
      expect(await page.locator('#f-role-error').innerText()).toContain('このページを開いた後に、同じ内容の招待リンクを既に作成しています');
      expect(await page.locator('.error-summary').count()).toBe(1);
      expect(await pending()).toBe(1);
      await screenshotsAt(page, 'no-js-member-invite-reloaded', (name, width, scrollWidth) => expect(scrollWidth, `${name} at ${width} px`).toBeLessThanOrEqual(width));
      // axe needs scripts: the refused page's HTML, checked in a scripted page of the same origin.
      const html = await page.content();
      const scripted = await company.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
      try {
        const check = await scripted.newPage();
        await check.goto(`${company.server.url}/privacy`);
        await check.setContent(html, { waitUntil: 'load' });
        expect(await seriousAxeViolations(check)).toEqual([]);
      } finally {
        await scripted.close();
      }

      // Sent from the refused page: a second link, asked for.
      await Promise.all([page.waitForLoadState(), page.locator('form.invite-form button[type="submit"]').click()]);
      expect(await pending()).toBe(2);
      expect(problems).toEqual([]);
    } finally {
      await noScript.close();
    }
  });
});
