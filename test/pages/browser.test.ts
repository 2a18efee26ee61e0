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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../helpers/server.js';
import { CHROMIUM_PATH, SCREENSHOT_DIR, browserMissing, pagePerTest, screenshots, seriousAxeViolations } from '../helpers/browser.js';
import { HOSTILE_NAME, seedStates, type SeededStates } from './fixtures.js';

if (browserMissing) console.warn(`Skipping the browser tests: ${CHROMIUM_PATH} is missing (apt-get install chromium; CI installs it and runs them).`);

describe.skipIf(browserMissing)('in a real browser', () => {
  let server: TestServer;
  let s: SeededStates;

  beforeAll(async () => {
    server = await startTestServer();
    s = await seedStates(server);
  });

  afterAll(async () => {
    await server?.close();
  });

  const b = pagePerTest(() => server);

  /** Opens a page, checks it with axe-core at both widths, and takes its screenshots. */
  async function visit(path: string, name: string, expectedStatus = 200) {
    const response = await b.page.goto(server.url + path);
    expect(response?.status(), path).toBe(expectedStatus);
    expect(await seriousAxeViolations(b.page), path).toEqual([]);
    await screenshots(b.page, name);
  }

  const verdict = () => b.page.locator('#verdict-word');

  describe('the verification page, as someone who scanned the QR code sees it', () => {
    it('valid: 有効, with the organization and the issuer', async () => {
      await visit(`/v/${s.valid.credentialId}`, 'v-valid');
      await expect.poll(() => verdict().innerText()).toBe('有効');
      const main = await b.page.locator('main').innerText();
      expect(main).toContain('株式会社みらいワーク');
      expect(main).toContain(s.valid.organization.corporateNumber);
      expect(main).toContain('東京都');
      expect(main).toContain('地方創生テレワーク宣言・表彰レジストリ');
      expect(main).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}時\d{2}分時点/);
      expect(await b.page.locator('.verdict svg').count()).toBe(1); // an icon besides the word, not colour alone
    });

    it('suspended: 一時停止中', async () => {
      await visit(`/v/${s.suspended.credentialId}`, 'v-suspended');
      expect(await verdict().innerText()).toBe('一時停止中');
      expect(await b.page.locator('main').innerText()).toContain('一時停止テスト株式会社');
    });

    it('revoked: 取消', async () => {
      await visit(`/v/${s.revoked.credentialId}`, 'v-revoked');
      expect(await verdict().innerText()).toBe('取消');
      expect(await b.page.locator('main').innerText()).toContain('取消テスト株式会社');
    });

    it('superseded: 以前の版（新しい版があります）, and the link leads to the valid current version', async () => {
      await visit(`/v/${s.superseded.credentialId}`, 'v-superseded');
      expect(await verdict().innerText()).toBe('以前の版（新しい版があります）');
      await b.page.getByRole('link', { name: '最新の版を確認する' }).click();
      await b.page.waitForURL(`**/v/${s.superseded.currentId}`);
      expect(await verdict().innerText()).toBe('有効');
    });

    it('an award: 令和7年度（2025年度）, 大臣賞 and the message', async () => {
      await visit(`/v/${s.award.credentialId}`, 'v-award');
      const main = await b.page.locator('main').innerText();
      expect(main).toContain('令和7年度（2025年度）');
      expect(main).toContain('大臣賞');
      expect(main).toContain('地方で働く選択肢を、すべての社員に。');
    });

    it('unknown: not in the registry, may be fake (404)', async () => {
      await visit(`/v/${s.unknownId}`, 'v-unknown', 404);
      expect(await verdict().innerText()).toBe('登録されていません');
      expect(await b.page.locator('main').innerText()).toContain('偽物の可能性があります');
    });

    it('in English with ?lang=en', async () => {
      await visit(`/v/${s.valid.credentialId}?lang=en`, 'v-valid-en');
      expect(await b.page.locator('html').getAttribute('lang')).toBe('en');
      expect(await verdict().innerText()).toBe('Valid');
    });

    it('hostile HTML in a name is shown as text and never runs', async () => {
      await visit(`/v/${s.hostile.credentialId}`, 'v-hostile');
      expect(await b.page.locator('main').innerText()).toContain(HOSTILE_NAME);
    });

    it('the first Tab reaches a visible skip link that moves to the main content', async () => {
      await b.page.goto(`${server.url}/v/${s.valid.credentialId}`);
      await b.page.keyboard.press('Tab');
      const skip = b.page.locator('.skip-link');
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      const box = await skip.boundingBox();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      await b.page.keyboard.press('Enter');
      // The fragment navigation completes after the key press returns: wait for it, not race it.
      await b.page.waitForURL(/#main$/, { timeout: 5000 });
    });
  });

  describe('the portal', () => {
    it('home → search by name → the organization page with its declaration and award', async () => {
      await visit('/', 'home');
      await b.page.getByLabel('団体名・キーワード').fill('みらいワーク');
      await b.page.getByRole('button', { name: '検索する' }).click();
      await b.page.waitForURL('**/organizations?**');
      const result = b.page.getByRole('link', { name: '株式会社みらいワーク' });
      await expect.poll(() => result.count()).toBe(1);
      expect(await seriousAxeViolations(b.page)).toEqual([]);
      await screenshots(b.page, 'organizations-search');
      await result.click();
      await b.page.waitForURL(`**/organizations/${s.valid.organization.id}`);
      const main = await b.page.locator('main').innerText();
      expect(main).toContain('地方創生テレワーク自己宣言');
      expect(main).toContain('令和7年度（2025年度） 大臣賞');
      expect(await seriousAxeViolations(b.page)).toEqual([]);
      await screenshots(b.page, 'organization');
    });

    it('filters by prefecture and award category', async () => {
      await visit('/organizations', 'organizations');
      await b.page.getByLabel('都道府県').selectOption('13');
      await b.page.getByLabel('表彰の種類').selectOption('minister');
      await b.page.getByRole('button', { name: '検索する' }).click();
      await b.page.waitForURL('**/organizations?**');
      const names = await b.page.locator('.card h3').allInnerTexts();
      expect(names).toEqual(['株式会社みらいワーク']);
    });

    it('awards by year', async () => {
      await visit('/awards', 'awards');
      await b.page.getByRole('link', { name: '令和7年度（2025年度）' }).click();
      await b.page.waitForURL('**/awards?fiscalYear=2025');
      const main = await b.page.locator('main').innerText();
      expect(main).toContain('大臣賞');
      expect(main).toContain('株式会社みらいワーク');
    });

    it('the hostile organization page', async () => {
      await visit(`/organizations/${s.hostile.organization.id}`, 'organization-hostile');
      expect(await b.page.locator('h1').innerText()).toBe(HOSTILE_NAME);
    });
  });

  describe('/verify: paste or upload, then the same verdict display', () => {
    async function submitPaste(text: string) {
      await b.page.getByLabel('またはクレデンシャルを貼り付け（JSON または JWT）').fill(text);
      await b.page.getByRole('button', { name: '確認する' }).click();
      await b.page.waitForLoadState('load');
    }

    it('pasting the credential as JSON → 有効', async () => {
      await visit('/verify', 'verify');
      await submitPaste(JSON.stringify(s.valid.credential.dataIntegrity));
      expect(await verdict().innerText()).toBe('有効');
      expect(await b.page.locator('main').innerText()).toContain('株式会社みらいワーク');
      expect(await seriousAxeViolations(b.page)).toEqual([]);
      await screenshots(b.page, 'verify-json-valid');
    });

    it('pasting the JWT → 有効', async () => {
      await b.page.goto(`${server.url}/verify`);
      await submitPaste(s.valid.credential.jwt);
      expect(await verdict().innerText()).toBe('有効');
    });

    it('uploading a baked PNG → 有効; the secretariat’s copy of a revoked badge → 取消', async () => {
      const download = async (id: string, name: string) => {
        const response = await fetch(`${server.url}/credentials/${id}/badge.png`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
        expect(response.status).toBe(200);
        const file = join(tmpdir(), `${name}-${process.pid}.png`);
        writeFileSync(file, new Uint8Array(await response.arrayBuffer()));
        return file;
      };
      await b.page.goto(`${server.url}/verify`);
      await b.page.getByLabel('バッジ画像ファイル（PNG・SVG、1 MB まで）').setInputFiles(await download(s.valid.credentialId, 'valid'));
      await b.page.getByRole('button', { name: '確認する' }).click();
      await b.page.waitForLoadState('load');
      expect(await verdict().innerText()).toBe('有効');
      await screenshots(b.page, 'verify-png-valid');

      await b.page.locator('details.verify-again summary').click(); // the form is folded away after a result
      await b.page.getByLabel('バッジ画像ファイル（PNG・SVG、1 MB まで）').setInputFiles(await download(s.revoked.credentialId, 'revoked'));
      await b.page.getByRole('button', { name: '確認する' }).click();
      await b.page.waitForLoadState('load');
      expect(await verdict().innerText()).toBe('取消');
      expect(await seriousAxeViolations(b.page)).toEqual([]);
      await screenshots(b.page, 'verify-png-revoked');
    });

    it('text that is not a credential → a message, the form kept', async () => {
      await b.page.goto(`${server.url}/verify`);
      await submitPaste('これはクレデンシャルではありません');
      expect(await b.page.getByRole('alert').innerText()).toContain('読み取れません');
      expect(await seriousAxeViolations(b.page)).toEqual([]);
      await screenshots(b.page, 'verify-error');
    });
  });

  it('the badge images render in the browser (PNG from resvg, SVG by chromium)', async () => {
    const image = (path: string, alt: string) => `<p><img src="${server.url}${path}" alt="${alt}" width="640" height="400"></p>`;
    await b.page.setViewportSize({ width: 700, height: 1300 });
    await b.page.setContent(
      image(`/credentials/${s.valid.credentialId}/badge.png`, 'PNG') +
        image(`/credentials/${s.award.credentialId}/badge.svg`, 'award SVG') +
        image(`/credentials/${s.hostile.credentialId}/badge.svg`, 'hostile SVG'),
      { waitUntil: 'load' },
    );
    const loaded = await b.page.locator('img').evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth));
    expect(loaded).toEqual([1280, 640, 640]);
    await b.page.screenshot({ path: join(SCREENSHOT_DIR, 'badges.png') });
  });
});
