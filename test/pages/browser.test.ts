/**
 * What a person sees, in a real browser (Debian's chromium via playwright-core): the verification
 * page for each verdict, the portal search, the verify form (paste and upload), keyboard access,
 * no third-party requests, no script from hostile data, and no serious or critical WCAG 2.1 AA
 * violation (axe-core) on any page. Screenshots at phone and desktop widths go to
 * test-artifacts/screenshots/.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../helpers/server.js';
import { CHROMIUM_PATH, SCREENSHOT_DIR, browserMissing, launchBrowser, screenshots, seriousAxeViolations, watchPage } from '../helpers/browser.js';
import { HOSTILE_NAME, seedStates, type SeededStates } from './fixtures.js';

if (browserMissing) console.warn(`Skipping the browser tests: ${CHROMIUM_PATH} is missing (apt-get install chromium; CI installs it and runs them).`);

describe.skipIf(browserMissing)('in a real browser', () => {
  let server: TestServer;
  let s: SeededStates;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    server = await startTestServer();
    s = await seedStates(server);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
    page = await context.newPage();
    problems = watchPage(page, server.url);
  });

  afterEach(async () => {
    expect(problems).toEqual([]);
    await context.close();
  });

  /** Opens a page, checks it with axe-core at both widths, and takes its screenshots. */
  async function visit(path: string, name: string, expectedStatus = 200) {
    const response = await page.goto(server.url + path);
    expect(response?.status(), path).toBe(expectedStatus);
    expect(await seriousAxeViolations(page), path).toEqual([]);
    await screenshots(page, name);
  }

  const verdict = () => page.locator('#verdict-word');

  describe('the verification page, as someone who scanned the QR code sees it', () => {
    it('valid: 有効, with the organization and the issuer', async () => {
      await visit(`/v/${s.valid.credentialId}`, 'v-valid');
      await expect.poll(() => verdict().innerText()).toBe('有効');
      const main = await page.locator('main').innerText();
      expect(main).toContain('株式会社みらいワーク');
      expect(main).toContain(s.valid.organization.corporateNumber);
      expect(main).toContain('東京都');
      expect(main).toContain('地方創生テレワーク宣言・表彰レジストリ');
      expect(main).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}時\d{2}分時点/);
      expect(await page.locator('.verdict svg').count()).toBe(1); // an icon besides the word, not colour alone
    });

    it('suspended: 一時停止中', async () => {
      await visit(`/v/${s.suspended.credentialId}`, 'v-suspended');
      expect(await verdict().innerText()).toBe('一時停止中');
      expect(await page.locator('main').innerText()).toContain('一時停止テスト株式会社');
    });

    it('revoked: 失効', async () => {
      await visit(`/v/${s.revoked.credentialId}`, 'v-revoked');
      expect(await verdict().innerText()).toBe('失効');
      expect(await page.locator('main').innerText()).toContain('失効テスト株式会社');
    });

    it('superseded: 以前の版（新しい版があります）, and the link leads to the valid current version', async () => {
      await visit(`/v/${s.superseded.credentialId}`, 'v-superseded');
      expect(await verdict().innerText()).toBe('以前の版（新しい版があります）');
      await page.getByRole('link', { name: '最新の版を確認する' }).click();
      await page.waitForURL(`**/v/${s.superseded.currentId}`);
      expect(await verdict().innerText()).toBe('有効');
    });

    it('an award: 令和7年度（2025年度）, 大臣賞 and the message', async () => {
      await visit(`/v/${s.award.credentialId}`, 'v-award');
      const main = await page.locator('main').innerText();
      expect(main).toContain('令和7年度（2025年度）');
      expect(main).toContain('大臣賞');
      expect(main).toContain('地方で働く選択肢を、すべての社員に。');
    });

    it('unknown: not in the registry, may be fake (404)', async () => {
      await visit(`/v/${s.unknownId}`, 'v-unknown', 404);
      expect(await verdict().innerText()).toBe('登録されていません');
      expect(await page.locator('main').innerText()).toContain('偽物の可能性があります');
    });

    it('in English with ?lang=en', async () => {
      await visit(`/v/${s.valid.credentialId}?lang=en`, 'v-valid-en');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await verdict().innerText()).toBe('Valid');
    });

    it('hostile HTML in a name is shown as text and never runs', async () => {
      await visit(`/v/${s.hostile.credentialId}`, 'v-hostile');
      expect(await page.locator('main').innerText()).toContain(HOSTILE_NAME);
    });

    it('the first Tab reaches a visible skip link that moves to the main content', async () => {
      await page.goto(`${server.url}/v/${s.valid.credentialId}`);
      await page.keyboard.press('Tab');
      const skip = page.locator('.skip-link');
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      const box = await skip.boundingBox();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('Enter');
      // The fragment navigation completes after the key press returns: wait for it, not race it.
      await page.waitForURL(/#main$/, { timeout: 5000 });
    });
  });

  describe('the portal', () => {
    it('home → search by name → the organization page with its declaration and award', async () => {
      await visit('/', 'home');
      await page.getByLabel('団体名・キーワード').fill('みらいワーク');
      await page.getByRole('button', { name: '検索する' }).click();
      await page.waitForURL('**/organizations?**');
      const result = page.getByRole('link', { name: '株式会社みらいワーク' });
      await expect.poll(() => result.count()).toBe(1);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshots(page, 'organizations-search');
      await result.click();
      await page.waitForURL(`**/organizations/${s.valid.organization.id}`);
      const main = await page.locator('main').innerText();
      expect(main).toContain('地方創生テレワーク自己宣言');
      expect(main).toContain('令和7年度（2025年度） 大臣賞');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshots(page, 'organization');
    });

    it('filters by prefecture and award category', async () => {
      await visit('/organizations', 'organizations');
      await page.getByLabel('都道府県').selectOption('13');
      await page.getByLabel('表彰の種類').selectOption('minister');
      await page.getByRole('button', { name: '検索する' }).click();
      await page.waitForURL('**/organizations?**');
      const names = await page.locator('.card h3').allInnerTexts();
      expect(names).toEqual(['株式会社みらいワーク']);
    });

    it('awards by year', async () => {
      await visit('/awards', 'awards');
      await page.getByRole('link', { name: '令和7年度（2025年度）' }).click();
      await page.waitForURL('**/awards?fiscalYear=2025');
      const main = await page.locator('main').innerText();
      expect(main).toContain('大臣賞');
      expect(main).toContain('株式会社みらいワーク');
    });

    it('the hostile organization page', async () => {
      await visit(`/organizations/${s.hostile.organization.id}`, 'organization-hostile');
      expect(await page.locator('h1').innerText()).toBe(HOSTILE_NAME);
    });
  });

  describe('/verify: paste or upload, then the same verdict display', () => {
    async function submitPaste(text: string) {
      await page.getByLabel('またはクレデンシャルを貼り付け（JSON または JWT）').fill(text);
      await page.getByRole('button', { name: '確認する' }).click();
      await page.waitForLoadState('load');
    }

    it('pasting the credential as JSON → 有効', async () => {
      await visit('/verify', 'verify');
      await submitPaste(JSON.stringify(s.valid.credential.dataIntegrity));
      expect(await verdict().innerText()).toBe('有効');
      expect(await page.locator('main').innerText()).toContain('株式会社みらいワーク');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshots(page, 'verify-json-valid');
    });

    it('pasting the JWT → 有効', async () => {
      await page.goto(`${server.url}/verify`);
      await submitPaste(s.valid.credential.jwt);
      expect(await verdict().innerText()).toBe('有効');
    });

    it('uploading a baked PNG → 有効; the secretariat’s copy of a revoked badge → 失効', async () => {
      const download = async (id: string, name: string) => {
        const response = await fetch(`${server.url}/credentials/${id}/badge.png`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
        expect(response.status).toBe(200);
        const file = join(tmpdir(), `${name}-${process.pid}.png`);
        writeFileSync(file, new Uint8Array(await response.arrayBuffer()));
        return file;
      };
      await page.goto(`${server.url}/verify`);
      await page.getByLabel('バッジ画像ファイル（PNG・SVG、1 MB まで）').setInputFiles(await download(s.valid.credentialId, 'valid'));
      await page.getByRole('button', { name: '確認する' }).click();
      await page.waitForLoadState('load');
      expect(await verdict().innerText()).toBe('有効');
      await screenshots(page, 'verify-png-valid');

      await page.locator('details.verify-again summary').click(); // the form is folded away after a result
      await page.getByLabel('バッジ画像ファイル（PNG・SVG、1 MB まで）').setInputFiles(await download(s.revoked.credentialId, 'revoked'));
      await page.getByRole('button', { name: '確認する' }).click();
      await page.waitForLoadState('load');
      expect(await verdict().innerText()).toBe('失効');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshots(page, 'verify-png-revoked');
    });

    it('text that is not a credential → a message, the form kept', async () => {
      await page.goto(`${server.url}/verify`);
      await submitPaste('これはクレデンシャルではありません');
      expect(await page.getByRole('alert').innerText()).toContain('読み取れません');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshots(page, 'verify-error');
    });
  });

  it('the badge images render in the browser (PNG from resvg, SVG by chromium)', async () => {
    const image = (path: string, alt: string) => `<p><img src="${server.url}${path}" alt="${alt}" width="640" height="400"></p>`;
    await page.setViewportSize({ width: 700, height: 1300 });
    await page.setContent(
      image(`/credentials/${s.valid.credentialId}/badge.png`, 'PNG') +
        image(`/credentials/${s.award.credentialId}/badge.svg`, 'award SVG') +
        image(`/credentials/${s.hostile.credentialId}/badge.svg`, 'hostile SVG'),
      { waitUntil: 'load' },
    );
    const loaded = await page.locator('img').evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth));
    expect(loaded).toEqual([1280, 640, 640]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'badges.png') });
  });
});
