/**
 * A declaration typed at length and sent after lunch, once the session has ended (the idle
 * timeout), in a real browser (Debian's chromium via playwright-core) signed in through a real
 * OpenID Connect provider: nothing is saved and nothing typed is lost. The answer shows the text
 * (to copy) and a link that opens the sign-in page in a new tab; signed in there, "send again" in
 * the first tab brings the form back with everything typed, line breaks and all; saved from
 * there. The page passes axe; screenshots at 320, 390 and 1280 px go to
 * test-artifacts/screenshots/ (my-declaration-session-ended-*).
 */
import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, screenshotsAt as shoot, seriousAxeViolations } from '../helpers/browser.js';
import { startCompanyBrowser, type CompanyBrowser } from '../helpers/company-browser.js';
import type { TestServer } from '../helpers/server.js';

const POLICY = '本社機能の一部を地方拠点へ移し、\n転職なき移住を支援します。<script>alert(1)</script>';
const MEASURES = 'サテライトオフィスを3拠点に開設しました。\n\n希望する社員は地方から勤務できます。'.repeat(8);

describe.skipIf(browserMissing)('a form sent after the session ended, in a real browser', () => {
  let companyBrowser: CompanyBrowser;
  let server: TestServer;
  let context: BrowserContext;
  let organizationId: string;

  beforeAll(async () => {
    companyBrowser = await startCompanyBrowser();
    ({ server, context, organizationId } = companyBrowser);
  }, 180_000);

  afterAll(() => companyBrowser?.close());

  /** The idle timeout, passed: the session row aged in the database file (no test clock across processes). */
  async function lunchBreak() {
    const cookie = (await context.cookies()).find((c) => c.name === 'registry_session')!;
    const db = new BetterSqlite3(server.dbPath, { fileMustExist: true });
    try {
      const idHash = createHash('sha256').update(cookie.value).digest('hex');
      expect(db.prepare('UPDATE sessions SET last_seen_at = last_seen_at - 31 * 60000 WHERE id_hash = ?').run(idHash).changes).toBe(1);
    } finally {
      db.close();
    }
  }

  it('shows what was typed, saves nothing; signed in again in a new tab, "send again" brings the form back with it; then it is saved', async () => {
    const tab = await context.newPage();
    await companyBrowser.signIn(tab, '/my/declaration');
    await tab.fill('#f-signerName', '山田 太郎');
    await tab.fill('#f-signerTitle', '代表取締役');
    await tab.fill('#f-committedOn', '2025-04-01');
    await tab.check('#f-guidelineAreas');
    await tab.check('#f-purposes-2');
    await tab.fill('#f-policy', POLICY);
    await tab.fill('#f-measures', MEASURES);
    await lunchBreak();

    const [kept] = await Promise.all([tab.waitForResponse((r) => r.url().startsWith(`${server.url}/my/declaration`) && r.request().method() === 'POST'), tab.getByRole('button', { name: '下書きとして保存' }).click()]);
    await tab.waitForLoadState();
    expect(kept.status()).toBe(403);
    expect(await tab.locator('main [role="alert"]').innerText()).toContain('ログインの有効期限が切れていたため、送信した内容はまだ保存していません。');
    expect(await tab.getByLabel('取組方針').inputValue()).toBe(POLICY);
    expect(await tab.getByLabel('取組内容').inputValue()).toBe(MEASURES);
    expect(await tab.getByLabel('宣言者（代表者）の氏名').inputValue()).toBe('山田 太郎');
    expect((await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations).toEqual([]);
    expect(await seriousAxeViolations(tab)).toEqual([]);
    await shoot(tab, 'my-declaration-session-ended', (shot, width, scrollWidth) => expect(scrollWidth, `${shot} at ${width}px: no sideways scrolling`).toBeLessThanOrEqual(width));

    // Signed in again in the new tab the link opens; it lands on the form's page.
    const [signInTab] = await Promise.all([context.waitForEvent('page'), tab.click('#sign-in-again')]);
    await signInTab.waitForLoadState();
    expect(new URL(signInTab.url()).pathname).toBe('/login');
    await signInTab.click('#login-oidc');
    await signInTab.waitForURL((url) => url.origin === server.url && url.pathname === '/my/declaration', { timeout: 30_000 });
    await signInTab.close();

    // Back in the first tab: the form, with everything typed, nothing saved yet.
    const [back] = await Promise.all([tab.waitForResponse((r) => r.url().startsWith(`${server.url}/my/declaration`) && r.request().method() === 'POST'), tab.click('#resend-button')]);
    await tab.waitForLoadState();
    expect(back.status()).toBe(403);
    expect(await tab.inputValue('#f-signerName')).toBe('山田 太郎');
    expect(await tab.inputValue('#f-committedOn')).toBe('2025-04-01');
    expect(await tab.inputValue('#f-policy')).toBe(POLICY);
    expect(await tab.inputValue('#f-measures')).toBe(MEASURES);
    expect(await tab.isChecked('#f-guidelineAreas')).toBe(true);
    expect(await tab.isChecked('#f-purposes-2')).toBe(true);
    expect((await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations).toEqual([]);

    await tab.getByRole('button', { name: '下書きとして保存' }).click();
    await tab.waitForURL('**/my/declaration?saved=draft');
    const [saved] = (await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations;
    expect(saved).toMatchObject({ status: 'draft', content: { signerName: '山田 太郎', signerTitle: '代表取締役', policy: POLICY, measures: MEASURES, guidelineAreas: ['labor'], purposes: ['2'] } });
  });
});
