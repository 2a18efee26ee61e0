/**
 * Removing someone from the secretariat's staff, in a real browser (Debian's chromium via
 * playwright-core): the table's 職員から外す asks first, on a page that names the person and says
 * what happens (signed out at once, their open invitations stop working, joining again takes a new
 * invitation); やめる goes back with nothing changed. Screenshots at 320, 390 and 1280 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, pagePerTest, screenshotsAt, seriousAxeViolations, signInWithAdminToken } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, signInAsStaff } from '../helpers/staff.js';

describe.skipIf(browserMissing)('removing a staff member, in a real browser', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });
  const t = pagePerTest(() => server);
  const check = (name: string, width: number, scrollWidth: number) => expect(scrollWidth, `${name} at ${width}px: no sideways scrolling`).toBeLessThanOrEqual(width);

  for (const lang of ['ja', 'en'] as const) {
    it(`職員から外す asks first, naming the person and what happens; やめる changes nothing (${lang})`, async () => {
      const name = lang === 'ja' ? '外す 候補' : 'Remove Candidate';
      const reviewer = await signInAsStaff(server, await signInAsAdministrator(server), 'reviewer', name);
      const { page } = t;
      await signInWithAdminToken(page, server.url);
      const staffPage = `${server.url}/admin/staff${lang === 'en' ? '?lang=en' : ''}`;
      await page.goto(staffPage);
      const row = page.locator('tr', { hasText: name });
      await Promise.all([page.waitForLoadState(), row.locator('form[action*="/remove"] button').click()]);
      // Asked, not done: the person is still on the staff.
      expect((await reviewer.request('GET', '/admin')).status).toBe(200);
      const asked = (await page.textContent('main'))!;
      expect(asked).toContain(name);
      expect(asked).toContain(lang === 'ja' ? 'すぐにログアウト' : 'signed out at once');
      expect(asked).toContain(lang === 'ja' ? '新しい招待' : 'new invitation');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshotsAt(page, `admin-staff-remove-confirm-${lang}`, check);

      await Promise.all([page.waitForURL(staffPage), page.click('#cancel-remove')]);
      expect((await reviewer.request('GET', '/admin')).status).toBe(200);

      await Promise.all([page.waitForLoadState(), page.locator('tr', { hasText: name }).locator('form[action*="/remove"] button').click()]);
      await Promise.all([page.waitForURL(/done=removed/), page.click('#confirm-remove')]);
      await expect(page.textContent('main')).resolves.toContain(lang === 'ja' ? '職員から外しました' : 'removed from the staff');
      expect(await page.locator('tr', { hasText: name }).count()).toBe(0);
      expect((await reviewer.request('GET', '/admin')).status).toBe(302);
    });
  }
});
