/**
 * The site's frame and /verify in a real browser (issue 15): a one-line brand on phones with every
 * menu link whole and on screen (wrapped, not scrolled sideways), the
 * footer's operator, links and official address from the SITE_* settings (links absent when
 * unset), /verify at 320 px in both languages, the Japanese file button with and without
 * JavaScript, the form folded away after a result, and Japanese failure reasons.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../helpers/server.js';
import { CHROMIUM_PATH, browserMissing, pagePerTest, screenshotsAt, seriousAxeViolations, watchPage } from '../helpers/browser.js';
import { seedStates, type SeededStates } from './fixtures.js';

if (browserMissing) console.warn(`Skipping the site frame browser tests: ${CHROMIUM_PATH} is missing.`);

const SITE = {
  SITE_OPERATOR_NAME: '内閣府 地方創生推進事務局（テスト）',
  SITE_CONTACT_URL: 'https://example.go.jp/contact',
  SITE_PRIVACY_URL: 'https://example.go.jp/privacy',
  SITE_TERMS_URL: 'https://example.go.jp/terms',
  SITE_ACCESSIBILITY_URL: 'https://example.go.jp/accessibility',
};

describe.skipIf(browserMissing)('the site frame and /verify', () => {
  let server: TestServer;
  let bare: TestServer;
  let s: SeededStates;

  beforeAll(async () => {
    [server, bare] = await Promise.all([startTestServer(SITE), startTestServer()]);
    s = await seedStates(server);
  });

  afterAll(async () => {
    await Promise.all([server?.close(), bare?.close()]);
  });

  const b = pagePerTest(() => server);

  const noOverflow = (name: string, width: number, scrollWidth: number) => expect(scrollWidth, `${name} at ${width} px`).toBeLessThanOrEqual(width);
  const headerHeight = async () => (await b.page.locator('header.site-header').boundingBox())!.height;

  it('the header is one line of brand and the links wrapped under it on a phone, so the content starts near the top', async () => {
    for (const lang of ['ja', 'en']) {
      await b.page.goto(`${server.url}/organizations?lang=${lang}`);
      expect(await headerHeight(), lang).toBeLessThanOrEqual(150);
      expect(await b.page.locator('.site-nav a').count()).toBe(5);
    }
    await b.page.setViewportSize({ width: 320, height: 800 });
    await b.page.goto(`${server.url}/`);
    expect(await headerHeight()).toBeLessThanOrEqual(150);
    expect(await b.page.locator('.brand').innerText()).toBe('テレワーク宣言レジストリ');
    await b.page.setViewportSize({ width: 1280, height: 800 });
    expect(await b.page.locator('.brand').innerText()).toBe('地方創生テレワーク宣言・表彰レジストリ');
    expect(await headerHeight()).toBeLessThanOrEqual(130);
    await b.page.setViewportSize({ width: 390, height: 844 });
    expect(await seriousAxeViolations(b.page)).toEqual([]);
    await screenshotsAt(b.page, 'frame-home', noOverflow);
  });

  it('on a 320 px phone every link of the header menu is whole and on screen, on every public page (nothing scrolls sideways)', async () => {
    const pages = { home: '/', organizations: '/organizations', v: `/v/${s.valid.credentialId}`, verify: '/verify', login: '/login' };
    for (const [name, path] of Object.entries(pages)) {
      for (const lang of ['ja', 'en']) {
        await b.page.goto(`${server.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        for (const width of [320, 390, 1280]) {
          await b.page.setViewportSize({ width, height: 900 });
          const at = `${path} (${lang}) at ${width} px`;
          // One look at the menu: whether it scrolls, and each link's box and whether its text is cut.
          const menu = await b.page.locator('.site-nav ul').evaluate((ul) => ({
            scrollWidth: ul.scrollWidth,
            clientWidth: ul.clientWidth,
            links: [...ul.querySelectorAll('a')].map((a) => ({ text: a.textContent ?? '', left: a.getBoundingClientRect().left, right: a.getBoundingClientRect().right, cut: a.scrollWidth > a.clientWidth + 1 })),
          }));
          // The menu itself does not scroll: what it holds fits its box.
          expect(menu.scrollWidth, at).toBeLessThanOrEqual(menu.clientWidth);
          const texts = menu.links.map((l) => l.text);
          expect(texts, at).toContain(lang === 'ja' ? 'バッジを確認する' : 'Verify a badge');
          expect(texts, at).toContain(lang === 'ja' ? '団体の方のログイン' : 'Sign in (organizations)');
          for (const link of menu.links) {
            expect(link.left, `${link.text}: ${at}`).toBeGreaterThanOrEqual(0);
            expect(link.right, `${link.text}: ${at}`).toBeLessThanOrEqual(width);
            expect(link.cut, `${link.text} is cut: ${at}`).toBe(false);
          }
        }
      }
      await b.page.goto(`${server.url}${path}`);
      expect(await seriousAxeViolations(b.page), path).toEqual([]);
      await screenshotsAt(b.page, `frame-menu-${name}`, noOverflow);
    }
  }, 240_000);

  it('the footer names the operator, the official address, the configured links and the verification keys', async () => {
    await b.page.goto(`${server.url}/`);
    const footer = b.page.locator('footer');
    await expect.poll(() => footer.innerText()).toContain(`運営者`);
    expect(await footer.innerText()).toContain(SITE.SITE_OPERATOR_NAME);
    expect(await footer.innerText()).toContain(`正規のアドレス`);
    // PUBLIC_BASE_URL (http://localhost:<port> in the tests), not the address the browser happened to use.
    expect(await b.page.locator('.site-footer__official').getAttribute('href')).toBe(`http://localhost:${new URL(server.url).port}`);
    for (const [name, href] of [['お問い合わせ', SITE.SITE_CONTACT_URL], ['プライバシー', SITE.SITE_PRIVACY_URL], ['利用規約', SITE.SITE_TERMS_URL], ['アクセシビリティ', SITE.SITE_ACCESSIBILITY_URL]]) {
      expect(await footer.getByRole('link', { name: name!, exact: true }).getAttribute('href')).toBe(href);
    }
    const verification = b.page.locator('.site-footer__verification');
    expect(await verification.getByRole('heading').innerText()).toBe('検証について');
    expect(await verification.getByRole('link', { name: 'did.json' }).getAttribute('href')).toBe('/.well-known/did.json');
    expect(await verification.getByRole('link', { name: 'jwks.json' }).getAttribute('href')).toBe('/.well-known/jwks.json');
    await b.page.goto(`${server.url}/?lang=en`);
    expect(await footer.innerText()).toContain('Operated by');
    expect(await footer.getByRole('link', { name: 'Privacy' }).count()).toBe(1);
  });

  it('without SITE_* settings: the secretariat’s name (no note to the operator on public pages), no operator links, and the registry’s own privacy notice', async () => {
    const bareProblems = watchPage(b.page, bare.url);
    await b.page.goto(`${bare.url}/`);
    const footer = b.page.locator('footer');
    expect(await footer.innerText()).toContain('地方創生テレワーク推進事務局');
    expect(await footer.innerText()).not.toContain('設定で変更');
    expect(await footer.innerText()).toContain(`正規のアドレス`);
    for (const name of ['お問い合わせ', '利用規約', 'アクセシビリティ']) expect(await footer.getByRole('link', { name, exact: true }).count(), name).toBe(0);
    expect(await footer.getByRole('link', { name: 'プライバシー', exact: true }).getAttribute('href')).toBe('/privacy');
    expect(await seriousAxeViolations(b.page)).toEqual([]);
    expect(bareProblems.filter((p) => !p.startsWith('third-party'))).toEqual([]);
    b.problems.length = 0; // the bare server is another origin for the main watcher
  });

  it('/verify fits 320 px in Japanese and English, and passes axe', async () => {
    for (const lang of ['ja', 'en']) {
      await b.page.goto(`${server.url}/verify?lang=${lang}`);
      expect(await seriousAxeViolations(b.page), lang).toEqual([]);
      await screenshotsAt(b.page, `frame-verify-${lang}`, noOverflow);
    }
  });

  const download = async (id: string, name: string) => {
    // The SVG badge: the same baked credential, without depending on the PNG renderer.
    const response = await fetch(`${server.url}/credentials/${id}/badge.svg`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(response.status).toBe(200);
    const file = join(tmpdir(), `frame-${name}-${process.pid}.svg`);
    writeFileSync(file, new Uint8Array(await response.arrayBuffer()));
    return file;
  };

  it('the 「ファイルを選択」 button shows the chosen file; after the result the form is folded away and names the file checked', async () => {
    await b.page.goto(`${server.url}/verify`);
    const button = b.page.locator('label.file-picker__button');
    expect(await button.innerText()).toBe('ファイルを選択');
    expect(await b.page.locator('#badge-file-name').innerText()).toBe('選択されていません');
    await b.page.getByLabel('バッジ画像ファイル（PNG・SVG、1 MB まで）').setInputFiles(await download(s.valid.credentialId, 'valid'));
    await expect.poll(() => b.page.locator('#badge-file-name').innerText()).toBe(`frame-valid-${process.pid}.svg`);
    // The hidden input is still reachable by keyboard, and its focus shows on the button.
    await b.page.locator('#badge-file').focus();
    expect(await button.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await b.page.getByRole('button', { name: '確認する' }).click();
    await b.page.waitForLoadState('load');
    expect(await b.page.locator('#verdict-word').innerText()).toBe('有効');
    expect(await b.page.locator('.verify-checked').innerText()).toContain(`frame-valid-${process.pid}.svg`);
    const again = b.page.locator('details.verify-again');
    expect(await again.getAttribute('open')).toBeNull();
    expect(await b.page.getByRole('button', { name: '確認する' }).isVisible()).toBe(false);
    expect(await seriousAxeViolations(b.page)).toEqual([]);
    await screenshotsAt(b.page, 'frame-verify-result', noOverflow);
    await again.locator('summary').click();
    expect(await b.page.getByRole('button', { name: '確認する' }).isVisible()).toBe(true);
  });

  it('without JavaScript the file button still opens the picker and the form still posts', async () => {
    const noJs = await b.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', javaScriptEnabled: false });
    try {
      const plain = await noJs.newPage();
      await plain.goto(`${server.url}/verify`);
      const chooser = plain.waitForEvent('filechooser');
      await plain.locator('label.file-picker__button').click();
      await (await chooser).setFiles(await download(s.valid.credentialId, 'nojs'));
      await plain.getByRole('button', { name: '確認する' }).click();
      await plain.waitForLoadState('load');
      expect(await plain.locator('#verdict-word').innerText()).toBe('有効');
      expect(await plain.locator('.verify-checked').innerText()).toContain(`frame-nojs-${process.pid}.svg`);
    } finally {
      await noJs.close();
    }
  });

  it('English pages: industries in English; /docs honours ?lang=en', async () => {
    await b.page.goto(`${server.url}/organizations?lang=en`);
    const options = await b.page.locator('#search-industry option').allInnerTexts();
    expect(options).toContain('E Manufacturing');
    expect(options.join(' ')).not.toContain('製造業');
    await b.page.goto(`${server.url}/organizations`);
    expect(await b.page.locator('#search-industry option').allInnerTexts()).toContain('E 製造業');
    const en = await fetch(`${server.url}/docs?lang=en`).then((r) => r.text());
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Bearer token (optional)');
    const ja = await fetch(`${server.url}/docs?lang=ja`).then((r) => r.text());
    expect(ja).toContain('<html lang="ja">');
  });

  it('a credential that fails the check says why in Japanese on the Japanese page', async () => {
    const tampered = structuredClone(s.valid.credential.dataIntegrity) as { credentialSubject: { name?: string } };
    tampered.credentialSubject = { ...tampered.credentialSubject, name: '書き換えた団体名' };
    await b.page.goto(`${server.url}/verify`);
    await b.page.getByLabel('またはクレデンシャルを貼り付け（JSON または JWT）').fill(JSON.stringify(tampered));
    await b.page.getByRole('button', { name: '確認する' }).click();
    await b.page.waitForLoadState('load');
    const reasons = b.page.locator('section[aria-labelledby="problems-heading"] li');
    expect(await reasons.count()).toBeGreaterThan(0);
    expect(await reasons.first().innerText()).toContain('署名が正しくありません');
    expect(await b.page.locator('.verify-checked').innerText()).toContain('確認した貼り付け内容');
    expect(await seriousAxeViolations(b.page)).toEqual([]);
    await screenshotsAt(b.page, 'frame-verify-invalid', noOverflow);
  });
});
