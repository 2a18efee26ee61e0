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
import { CHROMIUM_PATH, SCREENSHOT_DIR, browserMissing, pagePerTest } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { seedStates } from './fixtures.js';

if (browserMissing) console.warn(`Skipping the low-vision browser tests: ${CHROMIUM_PATH} is missing.`);

describe.skipIf(browserMissing)('low vision, high contrast and print', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    await seedStates(server);
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
});
