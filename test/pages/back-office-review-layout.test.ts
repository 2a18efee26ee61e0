/**
 * The secretariat's review and revocation lists in a real browser (Debian's chromium via
 * playwright-core), at 320, 390 and 1280 px, Japanese and English: what a row says is read whole,
 * not broken inside a word. Screenshots go to test-artifacts/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPageAt, browserMissing, screenshotsAt, textLinesOf } from '../helpers/browser.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, signInAsSecondAdministrator, staffCsrf } from '../helpers/staff.js';

describe.skipIf(browserMissing)('the review and revocation lists, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const check = (name: string, width: number, scrollWidth: number) => expect(scrollWidth, `${name} at ${width}px: no sideways scrolling`).toBeLessThanOrEqual(width);

  beforeAll(async () => {
    server = await startTestServer();
    // A long name takes the queue's width: the other columns are squeezed to their narrowest.
    for (const [n, name] of [[1, undefined], [2, `株式会社${'地方創生テレワーク推進'.repeat(4)}`]] as const) {
      const { orgToken, declarationId } = await seedCompany(server, { n, ...(name ? { name } : {}) });
      expect((await server.call('POST', `/api/v1/declarations/${declarationId}/submit`, { token: orgToken })).status).toBe(200);
    }
    ({ browser, page } = await adminPageAt(server.url));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the review queue names each declaration’s kind (初めての宣言) and its submission date on one line each, at every width', async () => {
    await page.goto(`${server.url}/admin/reviews`);
    for (const width of [320, 390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      const kinds = await textLinesOf(page, '#review-queue tbody td:nth-child(6)');
      expect(kinds.length).toBe(2);
      for (const lines of kinds) expect(lines, `at ${width}px`).toEqual(['初めての宣言']);
      for (const lines of await textLinesOf(page, '#review-queue tbody td:nth-child(5)')) expect(lines, `at ${width}px`).toHaveLength(1);
    }
    await screenshotsAt(page, 'admin-reviews-queue-kinds', check);
  });

  it('the revocation requests name the organization, the reason and the requester without breaking inside a word, at 1280 px; the approver’s row fits too', async () => {
    const { organization, declarationId } = await seedCompany(server, { n: 3, name: '株式会社取消二', publish: true });
    const requester = await signInAsAdministrator(server);
    const requested = await requester.request('POST', '/admin/revocations', {
      form: { csrf: await staffCsrf(requester), subjectType: 'declaration', subjectId: declarationId, reason: 'organization-dissolved', note: '', back: `/admin/organizations/${organization.id}` },
    });
    expect(requested.status).toBe(303);
    // The approver (another administrator) in this browser: their session's cookies.
    const approver = await signInAsSecondAdministrator(server, requester);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    await context.addCookies([...approver.jar].map(([name, value]) => ({ name, value, url: server.url })));
    const approverPage = await context.newPage();
    await approverPage.goto(`${server.url}/admin/revocations`);
    expect(await approverPage.locator('#revocation-requests .approve-button').count()).toBe(1);
    const cell = (n: number) => textLinesOf(approverPage, `#revocation-requests tbody td:nth-child(${n})`);
    expect((await cell(2))[0]).toEqual(['株式会社取消二']);
    expect((await cell(3))[0]).toEqual(['法人の解散・消滅']);
    // The requester's name, then the date and time (the lines with digits).
    const requestedBy = (await cell(4))[0]!.filter((line) => !/\d/.test(line));
    expect([['管理者（初期トークン）'], ['管理者', '（初期トークン）']]).toContainEqual(requestedBy);
    // On a phone the table scrolls in its region; the record's link (内容と履歴) stays whole.
    for (const width of [320, 390, 1280]) {
      await approverPage.setViewportSize({ width, height: 900 });
      expect(await textLinesOf(approverPage, '#revocation-requests tbody th a'), `at ${width}px`).toEqual([['内容と履歴']]);
    }
    await screenshotsAt(approverPage, 'admin-revocations-approver', check);
    await context.close();
  });
});
