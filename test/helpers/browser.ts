/**
 * Real-browser helpers: Debian's chromium driven by playwright-core (no browser download), axe-core
 * injected through the DevTools protocol (so the pages' CSP, which forbids inline scripts, stays
 * on), and screenshots at phone and desktop widths as test artifacts.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { ADMIN_TOKEN } from './server.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(new URL('../..', import.meta.url).pathname, 'test-artifacts', 'screenshots');

/** Locally without chromium the browser tests are skipped (with a message); in CI they must run. */
export const browserMissing = !existsSync(CHROMIUM_PATH) && !process.env.CI;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // As root in a sandbox with no network: no sandbox, no GPU, no background connections.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;

/**
 * A full-page screenshot for people to look at (never compared here). Once in a full CI run on the
 * loaded machine, chromium took no frame within playwright's 30 s after the fonts had loaded; a
 * screenshot that times out is taken once more rather than failing the test that asked for it.
 */
async function screenshotFile(page: Page, path: string): Promise<void> {
  try {
    await page.screenshot({ path, fullPage: true });
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'TimeoutError') throw error;
    await page.screenshot({ path, fullPage: true, timeout: 60_000 });
  }
}

/** Full-page screenshots at both widths; leaves the page at the phone width (the mobile-first default). */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const viewport of ['desktop', 'phone'] as const) {
    await page.setViewportSize(VIEWPORTS[viewport]);
    await screenshotFile(page, join(SCREENSHOT_DIR, `${name}-${viewport}.png`));
  }
}

/**
 * Full-page screenshots at 320, 390 and 1280 px (`<name>-<width>.png`), checking that nothing is
 * wider than the screen (no sideways scrolling); leaves the page at 390 px.
 */
export async function screenshotsAt(page: Page, name: string, check: (name: string, width: number, scrollWidth: number) => void): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const width of [320, 390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshotFile(page, join(SCREENSHOT_DIR, `${name}-${width}.png`));
    check(name, width, (await page.evaluate('document.documentElement.scrollWidth')) as number);
  }
  await page.setViewportSize(VIEWPORTS.phone);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Serious and critical WCAG 2.1 A/AA violations on the current page, at both widths. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  const found: AxeViolation[] = [];
  for (const viewport of ['phone', 'desktop'] as const) {
    await page.setViewportSize(VIEWPORTS[viewport]);
    if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axe.source);
    const results = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`)) as axe.AxeResults;
    for (const v of results.violations) {
      if (v.impact === 'serious' || v.impact === 'critical') found.push({ id: `${viewport}:${v.id}`, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.html.slice(0, 160)) });
    }
  }
  await page.setViewportSize(VIEWPORTS.phone);
  return found;
}

/** Records what a page did that it should not: requests to other origins, console errors (CSP reports; not the 4xx of a page meant to answer one), dialogs (XSS). */
export function watchPage(page: Page, origin: string) {
  const problems: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:')) problems.push(`third-party request: ${url}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) problems.push(`console error: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return problems;
}

/**
 * Registers the hooks most page tests repeat: one browser for the file, a fresh 390×844 ja-JP
 * context and page per test, and no third-party request, console error or dialog allowed. Call it
 * after the hook that starts the server; fields are read inside tests, once the hooks have run.
 */
export function pagePerTest(server: () => { url: string }) {
  const t = {} as { browser: Browser; context: BrowserContext; page: Page; problems: string[] };
  beforeAll(async () => {
    t.browser = await launchBrowser();
  });
  afterAll(async () => {
    await t.browser?.close();
  });
  beforeEach(async () => {
    t.context = await t.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
    t.page = await t.context.newPage();
    t.problems = watchPage(t.page, server().url);
  });
  afterEach(async () => {
    expect(t.problems).toEqual([]);
    await t.context.close();
  });
  return t;
}

/** Signs `page` in to the back office with the bootstrap administrator token, as a person does on /admin/login. */
export async function signInWithAdminToken(page: Page, serverUrl: string): Promise<void> {
  await page.goto(`${serverUrl}/admin/login`);
  await page.fill('#token', ADMIN_TOKEN);
  await Promise.all([page.waitForURL(`${serverUrl}/admin`), page.click('#staff-token-button')]);
}

/** A new browser with one Japanese page at 390 px, signed in to the back office with the administrator token. The caller closes the browser. */
export async function adminPageAt(serverUrl: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchBrowser();
  const page = await (await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'ja-JP' })).newPage();
  await signInWithAdminToken(page, serverUrl);
  return { browser, page };
}

/**
 * The lines each element's text is laid out on, as the characters on each line (every text node
 * but visually hidden ones, one rectangle a character), trimmed: to tell a word broken across lines
 * from one kept whole.
 */
export const textLinesOf = (page: Page, selector: string): Promise<string[][]> =>
  page.$$eval(selector, (elements) =>
    elements.map((element) => {
      const lines = new Map<number, string>();
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // Words read but not shown (a row's name after its link) are on no line.
        if (node.parentElement?.closest('.visually-hidden')) continue;
        for (let i = 0; i < node.textContent!.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getBoundingClientRect();
          if (rect.width === 0) continue;
          const top = Math.round(rect.top);
          lines.set(top, (lines.get(top) ?? '') + node.textContent![i]);
        }
      }
      return [...lines.entries()].sort(([a], [b]) => a - b).map(([, text]) => text.trim());
    }),
  );
