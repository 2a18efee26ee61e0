/**
 * The awards day as the people do it, in a real browser (chromium): the secretariat imports a CSV
 * of three awards (one 大臣賞, two 優秀賞, one of them a municipality's with a partner
 * municipality) and confirms; a member of the 大臣賞 company, signed in through OpenID Connect,
 * opens the congratulations e-mail's link (a real SMTP server here), finds the award's badge in
 * the badge kit, downloads its SVG, PNG and QR code; the QR code (decoded from the PNG) opens the
 * public verification page, which shows the award as valid with the right names. Then the
 * secretariat suspends the award: the badge kit, the verification page and /verify (the
 * downloaded SVG uploaded) say 一時停止中, and the e-mail arrives. Screenshots at 320, 390 and
 * 1280 px go to test-artifacts/screenshots/ (awards-day-*).
 */
import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalYearOf } from '../../src/domain/fiscal-year.js';
import { japanDate } from '../../src/domain/japan-calendar.js';
import { browserMissing, launchBrowser, screenshotsAt, seriousAxeViolations, watchPage, signInWithAdminToken } from '../helpers/browser.js';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';
import { COMPANY, corporateNumberFor, DECLARATION, freePort, MUNICIPALITY, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp.js';

const MEMBER_EMAIL = 'jinji@mirai-work.example.jp';

describe.skipIf(browserMissing)('the awards day, in a real browser', () => {
  let provider: TestOidcProvider;
  let smtp: SmtpSink;
  let server: TestServer;
  let browser: Browser;
  let secretariat: { context: BrowserContext; page: Page; problems: string[] };
  let member: { context: BrowserContext; page: Page; problems: string[] };
  const fiscalYear = fiscalYearOf(new Date(`${japanDate(new Date().toISOString())}T00:00:00Z`));
  const BRIGHT = corporateNumberFor(61);

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await server.call(method, path, body === undefined ? {} : { body });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
    return response.body;
  };
  const noOverflow = (name: string, width: number, scrollWidth: number) => expect(scrollWidth, `${name} at ${width} px: no sideways scrolling`).toBeLessThanOrEqual(width);
  const look = async (page: Page, name: string) => {
    expect(await seriousAxeViolations(page), name).toEqual([]);
    await screenshotsAt(page, `awards-day-${name}`, noOverflow);
  };
  /** How many lines each element's text takes (distinct line tops of its text), at 390 and 1280 px. */
  const linesAt = async (page: Page, selector: string, keep: RegExp) => {
    const found: Record<number, { text: string; lines: number }[]> = {};
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      found[width] = await page.locator(selector).evaluateAll((elements, source) => {
        const pattern = new RegExp(source);
        return elements
          .filter((e) => pattern.test(e.textContent ?? ''))
          .map((e) => {
            const range = document.createRange();
            range.selectNodeContents(e);
            return { text: e.textContent ?? '', lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size };
          });
      }, keep.source);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    return found;
  };
  const oneLineEach = (found: Record<number, { text: string; lines: number }[]>) => {
    for (const [width, cells] of Object.entries(found)) {
      expect(cells.length, `cells found at ${width} px`).toBeGreaterThan(0);
      for (const cell of cells) expect(cell.lines, `「${cell.text}」 at ${width} px`).toBe(1);
    }
  };
  const saved = async (download: Download) => new Uint8Array(readFileSync((await download.path())!));
  const downloadOf = async (page: Page, selector: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    return { name: download.suggestedFilename(), bytes: await saved(download), path: (await download.path())! };
  };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider({ redirectUri: `${base}/auth/oidc/callback` });
    provider.addAccount({ sub: 'gbiz-mirai-owner', corporateNumber: COMPANY.corporateNumber, email: MEMBER_EMAIL, name: '山田 花子' });
    server = await startTestServer({ PORT: String(port), PUBLIC_BASE_URL: base, SMTP_URL: smtp.url, ...provider.registryEnv });
    // The year's awardees, as registered before the ceremony: two companies with published declarations, two municipalities.
    const mirai = await api('POST', '/api/v1/organizations', COMPANY);
    const declaration = await api('POST', `/api/v1/organizations/${mirai.id}/declarations`, DECLARATION);
    await api('POST', `/api/v1/declarations/${declaration.id}/submit`);
    await api('POST', `/api/v1/declarations/${declaration.id}/publish`);
    await seedCompany(server, { n: 61, publish: true, name: '株式会社ひかりテレワーク' });
    await api('POST', '/api/v1/organizations', MUNICIPALITY);
    await api('POST', '/api/v1/organizations', { kind: 'municipality', name: '札幌市', localGovernmentCode: '011002', prefectureCode: '01' });

    browser = await launchBrowser();
    const open = async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', acceptDownloads: true });
      const page = await context.newPage();
      return { context, page, problems: watchPage(page, server.url) };
    };
    secretariat = await open();
    member = await open();
  }, 180_000);

  afterAll(async () => {
    await secretariat?.context.close();
    await member?.context.close();
    await browser?.close();
    await server?.close();
    await provider?.close();
    await smtp?.stop();
  });

  let ministerAwardId: string;
  let badgeSvgPath: string;
  let verificationUrl: string;

  it('the member signs in; the secretariat imports the three awards and confirms, congratulations ticked', async () => {
    // The member signs in before the ceremony (GビズID): the congratulations go to its address.
    const m = member.page;
    await m.goto(`${server.url}/my`);
    await m.click('#login-oidc');
    await m.waitForURL((url) => url.origin === provider.url);
    await m.fill('input[name="login"]', 'gbiz-mirai-owner');
    await m.fill('input[name="password"]', 'any');
    await m.click('button[type="submit"]');
    await m.waitForURL((url) => url.origin === server.url, { timeout: 30_000 });
    expect(new URL(m.url()).pathname).toBe('/my');
    member.problems.length = 0; // the provider's own pages (its fonts) are not the registry's

    const page = secretariat.page;
    await signInWithAdminToken(page, server.url);
    await page.goto(`${server.url}/admin/awards/import`);
    const csv = [
      '年度,表彰区分,法人番号,地方公共団体コード,団体名,連携自治体コード,概要',
      `${fiscalYear},大臣賞,${COMPANY.corporateNumber},,株式会社みらいワーク,,サテライトオフィスを3拠点に開設し、社員12名が地方へ移住しました。`,
      `${fiscalYear},優秀賞,${BRIGHT},,株式会社ひかりテレワーク,,地方採用を全社に広げました。`,
      `${fiscalYear},優秀賞,,${MUNICIPALITY.localGovernmentCode},千代田区,011002,札幌市と連携してお試しテレワークを実施しました。`,
    ].join('\r\n');
    await page.setInputFiles('#f-file', { name: `表彰${fiscalYear}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${csv}\r\n`) });
    await Promise.all([page.waitForLoadState(), page.click('#import-preview-button')]);
    expect(await page.locator('#import-preview .row-ok').count()).toBe(3);
    expect(await page.isChecked('#f-congratulate')).toBe(true);
    // A number the secretariat compares with its list is read whole, never broken across lines.
    oneLineEach(await linesAt(page, '#import-preview td .cell-text', /^\d{4,13}$/));
    await look(page, 'import-preview');
    await Promise.all([page.waitForURL(/\/admin\/awards\?/), page.click('#import-confirm')]);
    const notice = await page.locator('main .notice').first().innerText();
    expect(notice).toContain('CSV から 3 件の表彰を記録しました。');
    expect(notice).toContain('お祝いのメール');
    // A date reads as one: 2026年12月5日, not 2026年1 / 2月5日.
    oneLineEach(await linesAt(page, '#award-list td', /^\d{4}年\d{1,2}月\d{1,2}日$/));
    await look(page, 'list');
    const awards = (await api('GET', `/api/v1/awards?fiscalYear=${fiscalYear}&limit=100`)).items as any[];
    expect(awards).toHaveLength(3);
    ministerAwardId = awards.find((a) => a.category === 'minister').id;
    expect(secretariat.problems).toEqual([]);
  });

  it('the member opens the congratulations e-mail’s link, finds the award’s badge and downloads its SVG, PNG and QR code', async () => {
    const mail = await smtp.waitFor((m) => m.to.includes(MEMBER_EMAIL) && m.subject.includes('受賞おめでとうございます'));
    expect(mail.subject).toContain(`大臣賞の受賞おめでとうございます`);
    const link = /^(https?:\/\/\S+\/my\/badges)$/m.exec(mail.text)![1]!;
    const page = member.page;
    await page.goto(link);
    expect(new URL(page.url()).pathname).toBe('/my/badges');
    const kit = page.locator('section.kit', { hasText: '大臣賞' });
    expect(await kit.count()).toBe(1);
    await look(page, 'badge-kit');

    const kitSelector = (kind: string) => `section.kit:has-text("大臣賞") a[data-kind="${kind}"]`;
    const svg = await downloadOf(page, kitSelector('badge-svg'));
    expect(svg.name).toMatch(/\.svg$/);
    expect(new TextDecoder().decode(svg.bytes)).toContain('<svg');
    badgeSvgPath = svg.path;
    const png = await downloadOf(page, kitSelector('badge-png'));
    expect([...png.bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const qr = await downloadOf(page, kitSelector('qr-png'));
    const image = PNG.sync.read(Buffer.from(qr.bytes));
    expect(image.width).toBeGreaterThanOrEqual(1200);
    const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    verificationUrl = decoded!.data;
    expect(verificationUrl).toBe(await kit.locator('a.verification-link').innerText());
    expect(member.problems).toEqual([]);
  });

  it('the QR code’s address opens the public verification page: the award is valid, with the organization’s and the award’s names', async () => {
    const page = member.page;
    await page.goto(verificationUrl);
    const main = await page.locator('main').innerText();
    expect(main).toContain('有効');
    expect(main).toContain('株式会社みらいワーク');
    expect(main).toContain('大臣賞');
    expect(main).toContain(`令和${fiscalYear - 2018}年度`);
    await look(page, 'verification-valid');
  });

  it('the municipality’s award names its partner municipality on its verification page', async () => {
    const awards = (await api('GET', `/api/v1/awards?fiscalYear=${fiscalYear}&limit=100`)).items as any[];
    const chiyoda = awards.find((a) => a.organizationName === '千代田区');
    const credential = (await api('GET', `/api/v1/awards/${chiyoda.id}`)).credentials[0];
    const page = member.page;
    await page.goto(credential.verificationUrl);
    const main = await page.locator('main').innerText();
    expect(main).toContain('千代田区');
    expect(main).toContain('優秀賞');
    expect(main).toContain('札幌市');
  });

  it('the secretariat suspends the award: the badge kit, the verification page and /verify say 一時停止中, and the e-mail arrives', async () => {
    const page = secretariat.page;
    await page.goto(`${server.url}/admin/awards/${ministerAwardId}`);
    await look(page, 'award-page');
    await page.selectOption('#f-reason', { index: 1 });
    await page.fill('#f-note', '確認のため一時停止します。');
    await Promise.all([page.waitForURL(/done=/), page.click('#suspend-button')]);
    expect((await api('GET', `/api/v1/awards/${ministerAwardId}`)).status).toBe('suspended');

    const mail = await smtp.waitFor((m) => m.to.includes(MEMBER_EMAIL) && m.subject.includes('表彰が一時停止されました'));
    expect(mail.text).toContain('大臣賞');

    const my = member.page;
    await my.goto(`${server.url}/my/badges`);
    expect(await my.locator('main').innerText()).toContain('一時停止中');
    await look(my, 'badge-kit-suspended');

    // The organization's public page lists the award as suspended.
    const { organizationId } = await api('GET', `/api/v1/awards/${ministerAwardId}`);
    await my.goto(`${server.url}/organizations/${organizationId}`);
    const awardsOnPage = await my.locator('main').innerText();
    expect(awardsOnPage).toContain('大臣賞');
    expect(awardsOnPage).toContain('一時停止中');
    await look(my, 'organization-suspended');

    await my.goto(verificationUrl);
    expect(await my.locator('main').innerText()).toContain('一時停止中');
    await look(my, 'verification-suspended');

    await my.goto(`${server.url}/verify`);
    await my.locator('#badge-file').setInputFiles(badgeSvgPath);
    // A click waits for the navigation it starts (a submit by script did not: the old page was read under load).
    await my.getByRole('button', { name: '確認する' }).click();
    await my.waitForLoadState('load');
    const verdict = await my.locator('main').innerText();
    expect(verdict).toContain('一時停止中');
    expect(verdict).toContain('株式会社みらいワーク');
    await look(my, 'verify-suspended');
    expect(member.problems).toEqual([]);
    expect(secretariat.problems).toEqual([]);
  });
});
