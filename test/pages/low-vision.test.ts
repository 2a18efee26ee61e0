/**
 * The pages as a low-vision reader, a Windows high-contrast user and someone who prints see them,
 * in a real browser (Debian's chromium via playwright-core): forced colours emulated in their dark
 * theme (white text on black, as Windows' high-contrast themes mostly are), WCAG 1.4.12's text
 * spacing injected (line height 1.5, paragraphs 2em apart, letters .12em, words .16em), and print media.
 * The keyboard and screen reader walk is keyboard-walk.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM_PATH, SCREENSHOT_DIR, browserMissing, pagePerTest, signInWithAdminToken, textLinesOf } from '../helpers/browser.js';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';
import { corporateNumberFor, freePort, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { seedStates, type SeededStates } from './fixtures.js';

/** WCAG 1.4.12's text spacing, as the bookmarklets apply it; a constructed sheet, as the pages' CSP refuses inline styles. */
const textSpacing = (page: Page) =>
  page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });

if (browserMissing) console.warn(`Skipping the low-vision browser tests: ${CHROMIUM_PATH} is missing.`);

describe.skipIf(browserMissing)('low vision, high contrast and print', () => {
  let server: TestServer;
  let provider: TestOidcProvider;
  let s: SeededStates;

  beforeAll(async () => {
    const port = await freePort();
    provider = await startOidcProvider({ redirectUri: `http://127.0.0.1:${port}/auth/oidc/callback` });
    // The company with a published declaration and a 大臣賞 (seedStates' first, 法人番号 for n = 11).
    provider.addAccount({ sub: 'gbiz-owner', corporateNumber: corporateNumberFor(11), email: 'jinji@mirai-work.example.jp', name: '山田 花子' });
    server = await startTestServer({ PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, ...provider.registryEnv });
    s = await seedStates(server);
    // More than 20 published organizations: /organizations has a second page.
    for (let n = 40; n < 60; n++) await seedCompany(server, { n, publish: true });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await provider?.close();
  });

  const b = pagePerTest(() => server);

  /** A full-page screenshot to look at, in test-artifacts/screenshots/. */
  const shoot = async (name: string) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await b.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  };

  it('in a dark high-contrast theme the charts’ labels, values and bars take the theme’s colours (dark ink on black was invisible)', async () => {
    await b.page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
    for (const width of [390, 1280]) {
      await b.page.setViewportSize({ width, height: 900 });
      await b.page.goto(`${server.url}/statistics`);
      const seen = await b.page.evaluate(() => {
        const page = getComputedStyle(document.body);
        const shown = [...document.querySelectorAll('svg.chart')].filter((svg) => svg.getClientRects().length > 0);
        // A value drawn inside its bar stands on the bar's colour, every other text on the page's.
        const texts = shown.flatMap((svg) => [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent, fill: getComputedStyle(t).fill, inside: t.getAttribute('text-anchor') === 'end' && t.getAttribute('dx') !== null })));
        const bars = shown.flatMap((svg) => [...svg.querySelectorAll('rect')].map((r) => getComputedStyle(r).fill));
        return { ink: page.color, paper: getComputedStyle(document.documentElement).backgroundColor, texts, bars };
      });
      expect(seen.texts.length, `${width} px`).toBeGreaterThan(3);
      for (const t of seen.texts) expect(t.fill, `「${t.text}」 at ${width} px`).toBe(t.inside ? seen.paper : seen.ink);
      for (const fill of seen.bars) expect(fill, `a bar at ${width} px`).toBe(seen.ink);
      await shoot(`statistics-forced-colors-${width}`);
    }
  });

  /** How each link of `selector` looks (what forced colours leave of it), and which one is the current page. */
  const looks = (selector: string) =>
    b.page.$$eval(selector, (links) => {
      const paper = getComputedStyle(document.documentElement).backgroundColor;
      // A background or border of the page's own colour (or none) shows nothing.
      const seen = (colour: string) => (colour === paper || colour === 'rgba(0, 0, 0, 0)' ? 'unseen' : colour);
      return links.map((a) => {
        const style = getComputedStyle(a);
        return {
          text: a.textContent?.trim(),
          current: a.getAttribute('aria-current') === 'page',
          look: [style.color, seen(style.backgroundColor), seen(style.borderTopColor), style.borderTopWidth, seen(style.borderBottomColor), style.borderBottomWidth, style.textDecorationLine, style.fontWeight].join(' '),
        };
      });
    });

  it('in high contrast the current page of the back office’s menu and of the numbered pages stands out (every tab was underlined alike)', async () => {
    await b.page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
    await b.page.setViewportSize({ width: 1280, height: 900 });
    await b.page.goto(`${server.url}/organizations?page=2`);
    await signInWithAdminToken(b.page, server.url);
    for (const [path, selector] of [['/organizations?page=2', '.pagination a'], ['/admin/reviews', '.admin-nav a']] as const) {
      await b.page.goto(`${server.url}${path}`);
      const links = await looks(selector);
      const current = links.filter((l) => l.current);
      expect(current.length, path).toBe(1);
      for (const other of links.filter((l) => !l.current)) expect(other.look, `${path}: 「${other.text}」 looks like the current 「${current[0]!.text}」`).not.toBe(current[0]!.look);
      await b.page.locator(selector).first().locator('xpath=ancestor::nav[1]').screenshot({ path: join(SCREENSHOT_DIR, `forced-colors-${path.split(/[/?]/)[1]}-menu.png`) });
    }
  });

  /** A page of the member area, signed in through the provider's login form (its own context: the provider is another origin). */
  async function memberPage(): Promise<Page> {
    const context = await b.browser.newContext({ viewport: { width: 320, height: 800 }, locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${server.url}/my`);
    await page.click('#login-oidc');
    await page.waitForURL((url) => url.origin === provider.url);
    await page.fill('input[name="login"]', 'gbiz-owner');
    await page.fill('input[name="password"]', 'any');
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => url.origin === server.url && url.pathname === '/my', { timeout: 30_000 });
    return page;
  }

  /** Elements reaching past the right edge of the screen (the page scrolls sideways), but those inside a scrolling table or chart. */
  const pastTheEdge = (page: Page) =>
    page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll('main *')]
        .filter((el) => !el.closest('.visually-hidden, .table-scroll, .chart-scroll') && el.getBoundingClientRect().right > width + 0.5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} 「${el.textContent?.trim().slice(0, 40)}」`);
    });

  it('in high contrast the member area’s current tab stands out from the others', async () => {
    const page = await memberPage();
    try {
      await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
      await page.goto(`${server.url}/my/badges`);
      const links = await page.$$eval('.my-nav a', (anchors) => {
        const paper = getComputedStyle(document.documentElement).backgroundColor;
        return anchors.map((a) => ({ text: a.textContent?.trim(), current: a.getAttribute('aria-current') === 'page', underline: getComputedStyle(a).borderBottomColor === paper ? 'unseen' : getComputedStyle(a).borderBottomColor }));
      });
      const current = links.filter((l) => l.current);
      expect(current.map((l) => l.text)).toEqual(['バッジ']);
      expect(current[0]!.underline).not.toBe('unseen');
      for (const other of links.filter((l) => !l.current)) expect(other.underline, `「${other.text}」`).toBe('unseen');
    } finally {
      await page.context().close();
    }
  });

  it('the badge kit at 320 px with text spacing fits the screen: the verification address wraps (it pushed the page sideways)', async () => {
    const page = await memberPage();
    try {
      await page.goto(`${server.url}/my/badges`);
      expect(await page.locator('.verification-link').count()).toBe(2);
      await textSpacing(page);
      expect(await pastTheEdge(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'my-badges-text-spacing-320.png'), fullPage: true });
    } finally {
      await page.context().close();
    }
  });

  it('with text spacing on a 320 px phone the header’s name is whole, wrapping between its words (it was cut to 「テレワーク宣言レジス…」)', async () => {
    await b.page.setViewportSize({ width: 320, height: 800 });
    for (const [path, name, lines] of [['/', 'テレワーク宣言レジストリ', ['テレワーク宣言', 'レジストリ']], ['/verify?lang=en', 'Telework Registry', ['Telework', 'Registry']]] as const) {
      await b.page.goto(`${server.url}${path}`);
      await textSpacing(b.page);
      const brand = b.page.locator('.brand__short');
      const cut = await brand.evaluate((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight);
      expect(cut, `${path}: the name is cut`).toBe(false);
      const shown = (await textLinesOf(b.page, '.brand__short'))[0]!;
      expect(shown.join('').replaceAll(' ', ''), path).toBe(name.replaceAll(' ', ''));
      expect([1, 2], `${path}: ${shown.join(' / ')}`).toContain(shown.length);
      if (shown.length === 2) expect(shown, path).toEqual(lines);
      expect(await b.page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    }
    await shoot('header-text-spacing-320');
  });

  /** Whether `selector` prints: its elements shown, or not one of them. */
  const printed = (selector: string) => b.page.$$eval(selector, (els) => els.some((el) => el.getClientRects().length > 0));

  it('printed as proof, /v/{id} and the organization’s page keep the verdict, name, 法人番号, dates and time checked, and none of the controls; tables are not cut', async () => {
    // An A4 page at 96 dpi less the margins is about 718 CSS px wide.
    await b.page.setViewportSize({ width: 718, height: 1000 });
    await b.page.emulateMedia({ media: 'print' });
    await b.page.goto(`${server.url}/v/${s.valid.credentialId}`);
    const proof = await b.page.locator('main').innerText();
    for (const fact of ['有効', '株式会社みらいワーク', corporateNumberFor(11), '有効期限', '時点', s.valid.credentialId]) expect(proof).toContain(fact);
    for (const control of ['.skip-link', '.site-nav', '.lang-switch']) expect(await printed(control), control).toBe(false);
    // The page's own address, for whoever reads the paper later (the browser's page header may be off).
    const address = `http://127.0.0.1:${new URL(server.url).port}/v/${s.valid.credentialId}`;
    expect(proof).toContain(`このページのアドレス: ${address}`);
    await shoot('print-verification');
    await b.page.emulateMedia({ media: null });
    expect(await b.page.locator('main').innerText(), 'on screen the address bar shows it').not.toContain(address);
    await b.page.emulateMedia({ media: 'print' });

    await b.page.goto(`${server.url}/organizations/${s.valid.organization.id}`);
    const page = await b.page.locator('main').innerText();
    for (const fact of ['株式会社みらいワーク', corporateNumberFor(11), '有効期間']) expect(page).toContain(fact);
    // How to embed the badge on a website is for the screen, not for the paper.
    expect(await printed('.badge-embed'), 'the embedding panels').toBe(false);
    await shoot('print-organization');

    // /check's answer prints without the form it came from (the pasted list and its buttons).
    await b.page.emulateMedia({ media: null });
    await b.page.goto(`${server.url}/check`);
    await b.page.fill('textarea', corporateNumberFor(11));
    await Promise.all([b.page.waitForURL(/\/check/), b.page.click('.check-form button[type="submit"]:not([name])')]);
    await b.page.emulateMedia({ media: 'print' });
    expect(await printed('.check-table'), 'the results').toBe(true);
    expect(await printed('.check-form'), 'the form').toBe(false);

    // The back office's widest table (the audit log) fits the paper rather than being cut at its edge.
    await b.page.emulateMedia({ media: null });
    await signInWithAdminToken(b.page, server.url);
    await b.page.emulateMedia({ media: 'print' });
    await b.page.goto(`${server.url}/admin/audit`);
    const cut = await b.page.$$eval('.table-scroll', (regions) => regions.filter((r) => r.scrollWidth > r.clientWidth + 1).map((r) => `${r.getAttribute('aria-label')}: ${r.scrollWidth} > ${r.clientWidth}`));
    expect(cut).toEqual([]);
    // The entries, not the filter form they were chosen with.
    expect(await printed('.audit-filters'), 'the filter form').toBe(false);
    await shoot('print-audit');
  });
});
