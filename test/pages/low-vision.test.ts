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
import { CHROMIUM_PATH, SCREENSHOT_DIR, browserMissing, pagePerTest, signInWithAdminToken } from '../helpers/browser.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { seedStates } from './fixtures.js';

if (browserMissing) console.warn(`Skipping the low-vision browser tests: ${CHROMIUM_PATH} is missing.`);

describe.skipIf(browserMissing)('low vision, high contrast and print', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    await seedStates(server);
    // More than 20 published organizations: /organizations has a second page.
    for (let n = 40; n < 60; n++) await seedCompany(server, { n, publish: true });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
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
});
