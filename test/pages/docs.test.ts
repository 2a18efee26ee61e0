/**
 * /docs and the 404 page in a real browser (issue 15 point 10): /docs wears the site's frame
 * (header, breadcrumb home, language switch keeping ?lang=en, footer), nothing scrolls sideways at
 * 320, 390 or 1280 px even with every endpoint, schema and answer open, every scrolling block is
 * focusable and named (axe scrollable-region-focusable), headings go h1 → h2 → h3 without a skip,
 * fixed-value parameters are <select>s; unknown pages show an HTML 404 in both languages. Axe
 * clean, screenshots written to test-artifacts/screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { CHROMIUM_PATH, browserMissing, pagePerTest, screenshotsAt, seriousAxeViolations } from '../helpers/browser.js';

if (browserMissing) console.warn(`Skipping the /docs and 404 browser tests: ${CHROMIUM_PATH} is missing.`);

describe.skipIf(browserMissing)('/docs and the 404 page in a browser', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  const b = pagePerTest(() => server);

  const noOverflow = (name: string, width: number, scrollWidth: number) => expect(scrollWidth, `${name} at ${width} px`).toBeLessThanOrEqual(width);

  /** The explorer has drawn every operation from /openapi.json. */
  const loaded = async () => {
    await b.page.waitForFunction(() => /OpenAPI 3\./.test(document.getElementById('load-status')?.textContent ?? ''));
  };

  const setAllOpen = (open: boolean) =>
    b.page.evaluate((value) => {
      for (const details of document.querySelectorAll('details')) details.open = value;
    }, open);

  /** Sends the "try it" form of one operation and waits for its answer blocks. */
  async function tryOperation(operationId: string, fill: (form: ReturnType<Page['locator']>) => Promise<unknown> = async () => {}) {
    const operation = b.page.locator(`#op-${operationId}`);
    // Opened as a person would, unless already open (a click on an open summary closes it).
    if (!(await operation.evaluate((d) => (d as HTMLDetailsElement).open))) await operation.locator('> summary').click();
    await operation.locator('.try-details > summary').click();
    const form = operation.locator('form.try');
    await fill(form);
    await form.locator('button[type="submit"]').click();
    await operation.locator('.result pre.body').waitFor();
    return operation;
  }

  /** Heading levels in document order never skip one going down, and the page starts at h1. */
  const headingLevels = () => b.page.evaluate(() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])));
  const expectHeadingsInOrder = (levels: number[]) => {
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    levels.forEach((level, i) => {
      if (i > 0) expect(level, `heading ${i} (h${level}) after h${levels[i - 1]}`).toBeLessThanOrEqual(levels[i - 1]! + 1);
    });
  };

  it('/docs in Japanese: the site frame, a way back, ordered headings, focusable named blocks, selects for fixed values; no overflow, axe clean', async () => {
    await b.page.goto(`${server.url}/docs`);
    await loaded();
    // The site's frame and a way back.
    expect(await b.page.locator('header.site-header .brand').getAttribute('href')).toBe('/');
    expect(await b.page.locator('.lang-switch').getAttribute('href')).toBe('/docs?lang=en');
    expect(await b.page.locator('footer.site-footer').count()).toBe(1);
    expect(await b.page.locator('.docs-breadcrumbs a').getAttribute('href')).toBe('/');
    expect(await b.page.locator('.docs-breadcrumbs [aria-current="page"]').innerText()).toBe('API ドキュメント');
    expect(await b.page.locator('main h1').innerText()).toBe('API ドキュメント');
    expect(await b.page.locator('#tag-nav a').first().innerText()).toMatch(/^稼働確認 \(\d+\)$/);
    expect(await b.page.locator('main h2').first().innerText()).toBe('稼働確認');

    // Fixed values are a choice: the organizations search's kind and status.
    const search = b.page.locator('#op-getApiV1Organizations');
    const kind = search.locator('select[name="kind"]');
    expect(await kind.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(['', 'company', 'municipality', 'other']);
    expect(await search.locator('select[name="status"] option').count()).toBe(8);
    expect(await search.locator('label[for="getApiV1Organizations-query-kind"]').textContent()).toBe('kind（クエリ）');
    expect(await search.locator('input[name="q"]').getAttribute('type')).toBe('text');

    // Answers of a real call, and the request schema of a POST, are focusable, named scrolling blocks.
    const tried = await tryOperation('getApiV1Organizations', (form) => form.locator('select[name="kind"]').selectOption('company'));
    expect(await tried.locator('.result .ok').innerText()).toContain('GET /api/v1/organizations?kind=company → 200');
    expect(await tried.locator('.result pre.body').getAttribute('aria-label')).toBe('応答本文: GET /api/v1/organizations?kind=company');
    await b.page.locator('#op-postApiV1Organizations > summary').click();
    const schema = b.page.locator('#op-postApiV1Organizations pre.schema');
    expect(await schema.getAttribute('aria-label')).toBe('リクエスト本文のスキーマ: POST /api/v1/organizations');
    await schema.focus();
    expect(await b.page.evaluate(() => document.activeElement?.classList.contains('schema'))).toBe(true);

    // Everything open: every <pre> focusable and named, headings in order, nothing wider than the screen.
    await setAllOpen(true);
    const pres = await b.page.locator('pre').evaluateAll((blocks) => blocks.map((b) => ({ tabindex: b.getAttribute('tabindex'), name: b.getAttribute('aria-label') ?? '' })));
    expect(pres.length).toBeGreaterThan(50);
    expect(pres.filter((p) => p.tabindex !== '0' || p.name.trim() === '')).toEqual([]);
    const levels = await headingLevels();
    expect(levels).toContain(3);
    expectHeadingsInOrder(levels);
    for (const width of [320, 390, 1280]) {
      await b.page.setViewportSize({ width, height: 900 });
      noOverflow('docs (all open)', width, (await b.page.evaluate('document.documentElement.scrollWidth')) as number);
    }
    // Axe over two whole sections open (every operation is drawn by the same code; the whole
    // document open takes axe minutes on a busy machine), with the answers of the call above.
    await setAllOpen(false);
    await b.page.evaluate(() => {
      for (const details of document.querySelectorAll('#tag-organizations details, #tag-declarations details')) (details as HTMLDetailsElement).open = true;
    });
    expect(await b.page.locator('#tag-organizations .result pre').count()).toBe(2);
    expect(await seriousAxeViolations(b.page)).toEqual([]);

    // Screenshots of a readable state: the search operation open with its answer, the rest closed.
    await setAllOpen(false);
    await b.page.evaluate(() => {
      for (const selector of ['#op-getApiV1Organizations', '#op-getApiV1Organizations .try-details', '#op-postApiV1Organizations']) (document.querySelector(selector) as HTMLDetailsElement).open = true;
    });
    await screenshotsAt(b.page, 'docs-ja', noOverflow);
  }, 180_000);

  it('/docs in English: English words throughout, ?lang=en kept on the way back; axe clean', async () => {
    await b.page.goto(`${server.url}/docs?lang=en`);
    await loaded();
    expect(await b.page.locator('html').getAttribute('lang')).toBe('en');
    expect(await b.page.locator('.lang-switch').getAttribute('href')).toBe('/docs');
    expect(await b.page.locator('.docs-breadcrumbs a').getAttribute('href')).toBe('/?lang=en');
    expect(await b.page.locator('header.site-header .brand').getAttribute('href')).toBe('/?lang=en');
    expect(await b.page.locator('label[for="token"]').innerText()).toBe('Bearer token (optional)');
    expect(await b.page.locator('main h2').first().innerText()).toBe('Health');
    expect(await b.page.locator('#load-status').innerText()).toMatch(/^\d+ paths — OpenAPI 3\.1/);
    const search = b.page.locator('#op-getApiV1Organizations');
    expect(await search.locator('> summary .summary').innerText()).toBe('Search organizations');
    await search.locator('> summary').click();
    expect(await search.locator('.try-details > summary').innerText()).toBe('Try it');
    expect(await search.locator('select[name="kind"] option').first().textContent()).toBe('(none)');
    expect(await search.locator('#getApiV1Organizations-query-kind-hint').textContent()).toBe('kind');
    const tried = await tryOperation('getApiV1Organizations');
    expect(await tried.locator('.result pre.headers').getAttribute('aria-label')).toBe('Response headers: GET /api/v1/organizations');
    expectHeadingsInOrder(await headingLevels());
    expect(await seriousAxeViolations(b.page)).toEqual([]);
    await screenshotsAt(b.page, 'docs-en', noOverflow);
  }, 180_000);

  it('an unknown page: HTML 404 in the site frame, Japanese first, English with ?lang=en, links to home, search and /verify; axe clean', async () => {
    const response = await b.page.goto(`${server.url}/no-such-page`);
    expect(response?.status()).toBe(404);
    expect(await b.page.locator('main h1').innerText()).toBe('ページが見つかりません');
    expect(await b.page.locator('main .link-list a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['/', '/organizations', '/verify']);
    expectHeadingsInOrder(await headingLevels());
    expect(await seriousAxeViolations(b.page)).toEqual([]);
    await screenshotsAt(b.page, 'not-found-ja', noOverflow);

    await b.page.locator('.lang-switch').click();
    await b.page.waitForURL(/\?lang=en$/);
    expect(await b.page.locator('html').getAttribute('lang')).toBe('en');
    expect(await b.page.locator('main h1').innerText()).toBe('Page not found');
    expect(await b.page.locator('main .link-list a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['/?lang=en', '/organizations?lang=en', '/verify?lang=en']);
    expect(await seriousAxeViolations(b.page)).toEqual([]);
    await screenshotsAt(b.page, 'not-found-en', noOverflow);
  });
});
