/**
 * The secretariat's back office in a real browser (Debian's chromium via playwright-core): the
 * first administrator signs in with the bootstrap token and invites a reviewer and a second
 * administrator, who join with passkeys (Chromium's virtual authenticator). The reviewer works
 * through the queue (returns one declaration with a reason, publishes another); an administrator
 * imports a year's awards from CSV (one bad row first, then the fixed file); a revocation waits
 * for the second administrator. Every page visited passes axe (WCAG 2.1 AA) at 390 and 1280 px;
 * screenshots at 320, 390 and 1280 px go to test-artifacts/screenshots/, none wider than the screen.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWARD_CSV_HEADER } from '../../src/domain/awards/columns.js';
import { browserMissing, launchBrowser, screenshotsAt, seriousAxeViolations, watchPage } from '../helpers/browser.js';
import { ADMIN_TOKEN, COMPANY, corporateNumberFor, DECLARATION, startTestServer, type TestServer } from '../helpers/server.js';
import { browser as webBrowser } from '../helpers/web-browser.js';
import BetterSqlite3 from 'better-sqlite3';

const RETURN_REASON = 'テレワークの対象者と実施頻度を具体的に記入してください。';

describe.skipIf(browserMissing)('the back office, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  /** PUBLIC_BASE_URL's origin (http://localhost:<port>): WebAuthn needs a host name, not 127.0.0.1. */
  let origin: string;
  const people: Record<'admin' | 'reviewer' | 'admin2', { context: BrowserContext; page: Page; problems: string[] }> = {} as never;

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await server.call(method, path, body === undefined ? {} : { body });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
    return response.body;
  };
  let companies = 0;
  /** A company with a declaration taken to `status`, over the API. */
  async function declaration(status: 'submitted' | 'published', name = `株式会社審査${companies + 1}`) {
    const corporateNumber = corporateNumberFor(90_000 + ++companies);
    const org = await api('POST', '/api/v1/organizations', { ...COMPANY, name, corporateNumber });
    const { id } = await api('POST', `/api/v1/organizations/${org.id}/declarations`, DECLARATION);
    await api('POST', `/api/v1/declarations/${id}/submit`);
    if (status === 'published') await api('POST', `/api/v1/declarations/${id}/publish`);
    return { id, organizationId: org.id as string, corporateNumber, name };
  }

  const check = (name: string, width: number, scrollWidth: number) => expect(scrollWidth, `${name} at ${width}px: no sideways scrolling`).toBeLessThanOrEqual(width);
  async function looksRight(page: Page, name: string) {
    expect(await seriousAxeViolations(page), name).toEqual([]);
    await screenshotsAt(page, `admin-${name}`, check);
  }

  async function newPerson(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
    const page = await context.newPage();
    return { context, page, problems: watchPage(page, origin) };
  }

  /** An administrator (`by`, the first one unless said) invites someone on /admin/staff; they open the link in their own browser and create a passkey. */
  async function invite(role: 'reviewer' | 'administrator', name: string, by = people.admin) {
    const { page } = by;
    await page.goto(`${origin}/admin/staff`);
    await page.fill('#f-name', name);
    await page.selectOption('#f-role', role);
    await Promise.all([page.waitForLoadState(), page.click('#invite-form button[type="submit"]')]);
    const url = (await page.textContent('#invitation-url'))!.trim();
    const person = await newPerson();
    const cdp = await person.context.newCDPSession(person.page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    await person.page.goto(url);
    await Promise.all([person.page.waitForURL(/\/admin\/account/), person.page.click('#staff-join-button')]);
    return person;
  }

  beforeAll(async () => {
    server = await startTestServer();
    origin = new URL((await api('POST', `/api/v1/organizations/${(await api('POST', '/api/v1/organizations', { ...COMPANY, name: '招待元株式会社', corporateNumber: corporateNumberFor(89_999) })).id}/invitations`, {})).url).origin;
    browser = await launchBrowser();
    people.admin = await newPerson();
  }, 180_000);

  afterAll(async () => {
    for (const person of Object.values(people)) await person?.context.close();
    await browser?.close();
    await server?.close();
  });

  it('the first administrator signs in with the bootstrap token (a wrong one first) and invites a reviewer and a second administrator, who join with passkeys', async () => {
    const { page, problems } = people.admin;
    await page.goto(`${origin}/admin`);
    expect(page.url()).toContain('/admin/login');
    await looksRight(page, 'login');
    await page.fill('#token', 'not-the-token');
    await page.click('#staff-token-button');
    await expect(page.textContent('#login-error')).resolves.toContain('管理者トークンが正しくありません');
    await page.fill('#token', ADMIN_TOKEN);
    await Promise.all([page.waitForURL(`${origin}/admin`), page.click('#staff-token-button')]);
    await looksRight(page, 'home');

    people.reviewer = await invite('reviewer', '審査 花子');
    await expect(people.reviewer.page.textContent('body')).resolves.toContain('審査担当');
    // The second administrator is invited by another one: an approver the requester invited is refused as the requester's second account.
    const inviter = await invite('administrator', '招待 三郎');
    people.admin2 = await invite('administrator', '承認 次郎', inviter);
    await inviter.context.close();
    await page.goto(`${origin}/admin/staff`);
    await looksRight(page, 'staff');
    expect(problems).toEqual([]);
  });

  it('a reviewer works through the queue: returns one declaration with a reason, publishes another', async () => {
    const first = await declaration('submitted');
    const second = await declaration('submitted');
    const { page, problems } = people.reviewer;
    await page.goto(`${origin}/admin/reviews`);
    const queue = await page.textContent('#review-queue');
    // Oldest submission first.
    expect(queue!.indexOf(first.name)).toBeLessThan(queue!.indexOf(second.name));
    await looksRight(page, 'reviews');

    await page.click(`#review-queue a[href*="${first.id}"]`);
    await looksRight(page, 'review');
    await page.click('#return-button'); // no reason: refused, beside the field
    await expect(page.textContent('body')).resolves.toContain('理由');
    expect((await api('GET', `/api/v1/declarations/${first.id}`)).status).toBe('submitted');
    await page.fill('#f-reason', RETURN_REASON);
    await Promise.all([page.waitForURL(/\/admin\/reviews\?/), page.click('#return-button')]);
    const returned = await api('GET', `/api/v1/declarations/${first.id}`);
    expect(returned.status).toBe('draft');
    expect(JSON.stringify(returned)).toContain(RETURN_REASON);

    await page.goto(`${origin}/admin/reviews/${second.id}`);
    await Promise.all([page.waitForURL(/\/admin\/reviews\?/), page.click('#publish-button')]);
    expect((await api('GET', `/api/v1/declarations/${second.id}`)).status).toBe('published');
    expect(problems).toEqual([]);
  });

  it('an administrator imports a year’s awards from CSV: one bad row is named, nothing is written; the fixed file imports', async () => {
    const a = await declaration('published', '株式会社表彰一');
    const b = await declaration('published', '株式会社表彰二');
    const row = (corporateNumber: string, name: string, category: string) => {
      const cells: Record<string, string> = { 年度: '2025', 表彰区分: category, 法人番号: corporateNumber, 団体名: name, 概要: '地方へのテレワーク移住を支援' };
      return AWARD_CSV_HEADER.map((column) => cells[column] ?? '').join(',');
    };
    const categories = (await api('GET', '/api/v1/award-categories')).items as { code: string }[];
    const category = categories[0]!.code;
    const csv = (rows: string[]) => Buffer.from(`\ufeff${[AWARD_CSV_HEADER.join(','), ...rows].join('\r\n')}\r\n`);
    const bad = csv([row(a.corporateNumber, a.name, category), row(corporateNumberFor(99_998), '株式会社存在しない', category)]);
    const good = csv([row(a.corporateNumber, a.name, category), row(b.corporateNumber, b.name, category)]);

    const { page, problems } = people.admin;
    await page.goto(`${origin}/admin/awards/import`);
    await looksRight(page, 'awards-import');
    const awardsBefore = (await api('GET', '/api/v1/awards?fiscalYear=2025')).items.length;
    await page.setInputFiles('#f-file', { name: 'awards-2025.csv', mimeType: 'text/csv', buffer: bad });
    await Promise.all([page.waitForLoadState(), page.click('#import-form button[type="submit"]')]);
    expect(await page.locator('#import-preview .row--error').count()).toBe(1);
    await expect(page.textContent('#import-preview .row--error')).resolves.toContain('3'); // line 3 of the file
    expect(await page.locator('#import-confirm').count()).toBe(0);
    await looksRight(page, 'awards-preview-errors');
    expect((await api('GET', '/api/v1/awards?fiscalYear=2025')).items.length).toBe(awardsBefore);

    await page.goto(`${origin}/admin/awards/import`);
    await page.setInputFiles('#f-file', { name: 'awards-2025.csv', mimeType: 'text/csv', buffer: good });
    await Promise.all([page.waitForLoadState(), page.click('#import-form button[type="submit"]')]);
    expect(await page.locator('#import-preview .row--error').count()).toBe(0);
    await Promise.all([page.waitForURL(/\/admin\/awards\?/), page.click('#import-confirm')]);
    expect((await api('GET', '/api/v1/awards?fiscalYear=2025')).items.length).toBe(awardsBefore + 2);
    await looksRight(page, 'awards');
    expect(problems).toEqual([]);
  });

  it('a revocation waits for the second administrator', async () => {
    const target = await declaration('published', '株式会社取消対象');
    const { page, problems } = people.admin;
    await page.goto(`${origin}/admin/organizations/${target.organizationId}`);
    await looksRight(page, 'organization');
    await page.selectOption('#revoke-form select[name="reason"]', { index: 1 });
    await Promise.all([page.waitForLoadState(), page.click('#revoke-form button[type="submit"]')]);
    // Requested, not revoked: the badge is still valid.
    expect((await api('GET', `/api/v1/declarations/${target.id}`)).status).toBe('published');
    await page.goto(`${origin}/admin/revocations`);
    await looksRight(page, 'revocations');
    expect(await page.locator('#revocation-requests .approve-button').count()).toBe(0); // not the requester's to approve

    const second = people.admin2;
    await second.page.goto(`${origin}/admin/revocations`);
    await Promise.all([second.page.waitForURL(/\/admin\/revocations\?/), second.page.click('#revocation-requests .approve-button')]);
    expect((await api('GET', `/api/v1/declarations/${target.id}`)).status).toBe('revoked');
    const log = (await api('GET', `/api/v1/audit-log?entityId=${target.id}&limit=50`)).items as { action: string }[];
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['revocation.request', 'revocation.approve', 'declaration.revoke']));
    expect([...problems, ...second.problems]).toEqual([]);
  });

  it('the statistics, mail and audit pages: wide charts and tables scroll with the keyboard too (axe: scrollable-region-focusable)', async () => {
    const { page, problems } = people.admin;
    for (const path of ['/admin/statistics', '/admin/mail', '/admin/audit']) {
      await page.goto(`${origin}${path}`);
      await looksRight(page, path.slice('/admin/'.length));
    }
    expect(await page.locator('.table-scroll[tabindex="0"][role="region"][aria-label]').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
  it('the staff page names the account of a token revoked before revoking closed accounts, and closes it with one click', async () => {
    const leaked = await api('POST', '/api/v1/tokens', { role: 'admin', label: '以前に漏えいしたトークン' });
    const holder = webBrowser(server, origin);
    expect((await holder.request('POST', '/admin/login', { form: { token: leaked.token, next: '/admin' } })).status).toBe(303);
    // Revoked as the registry did before: the token row alone.
    const db = new BetterSqlite3(server.dbPath);
    db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ?').run('2026-12-01T00:00:00.000Z', leaked.id);
    db.close();

    const { page, problems } = people.admin;
    await page.goto(`${origin}/admin`);
    await looksRight(page, 'home-revoked-token-accounts');
    await Promise.all([page.waitForURL(/\/admin\/staff#revoked-token-accounts$/), page.click('#revoked-token-accounts-notice a')]);
    await expect(page.textContent('#revoked-token-accounts')).resolves.toContain('以前に漏えいしたトークン');
    await looksRight(page, 'staff-revoked-token-accounts');
    await Promise.all([page.waitForURL(/done=closed/), page.click('#revoked-token-accounts button[type="submit"]')]);
    expect(await page.locator('#revoked-token-accounts').count()).toBe(0);
    expect((await holder.request('GET', '/admin')).status).toBe(302);
    expect(problems).toEqual([]);
  });
});
