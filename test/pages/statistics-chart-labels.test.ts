/**
 * The statistics page's bar charts in a real browser (Debian's chromium via playwright-core): at
 * 320, 390 and 1280 px wide, in Japanese and in English, every chart fits the screen (no sideways
 * scrolling of the page or of a chart) and every bar's label and value lies inside the viewport,
 * so a phone reads them without scrolling (the tables stay for anyone who cannot see a chart).
 * Three years of monthly publications make the widest chart; axe stays clean. Screenshots go to
 * test-artifacts/screenshots/.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, launchBrowser, screenshotsAt, seriousAxeViolations, signInWithAdminToken } from '../helpers/browser.js';
import { ADMIN_TOKEN, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

describe.skipIf(browserMissing)('the statistics charts, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    await seedCompany(server, { n: 1, publish: true });
    await seedCompany(server, { n: 2, publish: true });
    // Publications in January 2024 and December 2026 (the audit log is append-only: added, not moved):
    // the month chart fills every month between, 36 columns.
    const db = new BetterSqlite3(server.dbPath);
    try {
      const insert = db.prepare(
        `INSERT INTO audit_log (at, actor_token_id, actor_role, actor_organization_id, action, entity_type, entity_id, before, after, request_id)
         SELECT ?, actor_token_id, actor_role, actor_organization_id, action, entity_type, entity_id, before, after, request_id FROM audit_log WHERE action = 'declaration.publish' LIMIT 1`,
      );
      for (const at of ['2024-01-15T03:00:00.000Z', '2026-12-01T03:00:00.000Z']) for (let i = 0; i < 120; i++) insert.run(at);
    } finally {
      db.close();
    }
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' })).newPage();
    await signInWithAdminToken(page, server.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Every chart shown, every text in it (labels, values, axis): where it lies against the viewport and its scroll box. */
  const layout = () =>
    page.evaluate(() => {
      const shown = (el: Element) => (el as HTMLElement).getClientRects().length > 0;
      return {
        innerWidth: window.innerWidth,
        scrollWidth: document.documentElement.scrollWidth,
        scrolls: [...document.querySelectorAll('.chart-scroll')].filter(shown).map((el) => ({ name: el.getAttribute('aria-label'), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth })),
        texts: [...document.querySelectorAll('svg.chart')].filter(shown).flatMap((svg) =>
          [...svg.querySelectorAll('text')].map((t) => {
            const r = t.getBoundingClientRect();
            return { chart: svg.getAttribute('aria-labelledby'), text: t.textContent, left: r.left, right: r.right };
          }),
        ),
        charts: [...document.querySelectorAll('svg.chart')].filter(shown).length,
      };
    });

  it('fits every chart, its labels and its values on a 320, 390 and 1280 px screen, in Japanese and English', async () => {
    for (const lang of ['', '?lang=en']) {
      await page.goto(`${server.url}/admin/statistics${lang}`);
      await screenshotsAt(page, `admin-statistics${lang ? '-en' : ''}`, () => {});
      for (const width of [320, 390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        const seen = await layout();
        const at = `${width}px${lang}`;
        expect(seen.scrollWidth, at).toBeLessThanOrEqual(seen.innerWidth);
        expect(seen.charts, at).toBe(4); // no awards yet: their two charts say so
        for (const s of seen.scrolls) expect(s.scrollWidth, `${s.name} at ${at}`).toBeLessThanOrEqual(s.clientWidth);
        // The values themselves are among the texts checked: 122 publications in December 2026.
        expect(seen.texts.some((t) => /^122(件)?$/.test(t.text ?? '')), at).toBe(true);
        for (const t of seen.texts) {
          expect(t.left, `${t.text} in ${t.chart} at ${at}`).toBeGreaterThanOrEqual(0);
          expect(t.right, `${t.text} in ${t.chart} at ${at}`).toBeLessThanOrEqual(seen.innerWidth);
        }
      }
    }
  });

  it('shows every status label whole, in Japanese and English', async () => {
    for (const [lang, labels] of [['', ['下書き（未提出）', '更新を審査中（期限切れ後）', '期限切れ']], ['?lang=en', ['Draft (not submitted)', 'Renewal under review', 'Expired']]] as const) {
      await page.setViewportSize({ width: 320, height: 900 });
      await page.goto(`${server.url}/admin/statistics${lang}`);
      const texts = await page.$$eval('svg[aria-labelledby^="by-status"] text', (ts) => ts.map((t) => t.textContent));
      for (const label of labels) expect(texts, lang).toContain(label);
    }
  });

  it('the standalone page (an administrator token, no session) has its own styles: the same charts fit 320 px, the month chart shown once', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 900 }, locale: 'ja-JP', extraHTTPHeaders: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const standalone = await context.newPage();
    const refused: string[] = [];
    standalone.on('console', (m) => { if (m.type() === 'error') refused.push(m.text()); });
    try {
      await standalone.goto(`${server.url}/admin/statistics`);
      expect(await standalone.locator('h1').textContent()).toContain('統計');
      await standalone.screenshot({ path: 'test-artifacts/screenshots/statistics-standalone-320.png', fullPage: true });
      expect(refused).toEqual([]);
      expect(await standalone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
      const shown = await standalone.$$eval('svg.chart', (svgs) => svgs.filter((svg) => svg.getClientRects().length > 0).map((svg) => svg.getAttribute('aria-labelledby')));
      expect(shown).toEqual(['by-month-rows-title by-month-rows-desc', 'by-prefecture-title by-prefecture-desc', 'by-industry-title by-industry-desc', 'by-status-title by-status-desc']);
    } finally {
      await context.close();
    }
  });

  it('passes axe (WCAG 2.1 AA)', async () => {
    await page.goto(`${server.url}/admin/statistics`);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
