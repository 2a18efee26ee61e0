/**
 * The back office's wide tables in a real browser (Debian's chromium via playwright-core), at 320,
 * 390 and 1280 px: a column of Japanese words is never squeezed to one character a line (Japanese
 * breaks between any two characters, so a table fitted to its minimum width stacked 「ログイン」,
 * 「都道府県」 and 「どちらか必須」 vertically); the table scrolls sideways inside its region instead.
 * Screenshots go to test-artifacts/screenshots/.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPageAt, browserMissing, screenshotsAt, textLinesOf } from '../helpers/browser.js';
import { registerPartner } from '../helpers/partners.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

/** How many lines each element's first text takes (one rectangle a line box). */
const linesOf = (page: Page, selector: string) =>
  page.$$eval(selector, (elements) =>
    elements.flatMap((element) => {
      const text = [...element.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '');
      if (!text) return [];
      const range = document.createRange();
      range.selectNodeContents(text);
      return { text: text.textContent!.trim(), lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size };
    }),
  );


describe.skipIf(browserMissing)('the back office’s wide tables, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let partnerId: string;
  const check = (name: string, width: number, scrollWidth: number) => expect(scrollWidth, `${name} at ${width}px: no sideways scrolling`).toBeLessThanOrEqual(width);

  beforeAll(async () => {
    server = await startTestServer();
    const suspended = await seedCompany(server, { n: 1, publish: true });
    // The longest status word (一時停止中) in the organizations list.
    expect((await server.call('POST', `/api/v1/declarations/${suspended.declarationId}/suspend`, { body: { reason: 'under-investigation' } })).status).toBe(200);
    const queued = await seedCompany(server, { n: 2 });
    expect((await server.call('POST', `/api/v1/declarations/${queued.declarationId}/submit`, { token: queued.orgToken })).status).toBe(200);
    // A long name takes the list's width: the other columns are squeezed to their narrowest.
    await seedCompany(server, { n: 3, name: `株式会社${'地方創生テレワーク推進'.repeat(6)}` });
    const partner = await registerPartner(server);
    // The audit log names a webhook by its URL: a long one must not widen the page.
    const hook = await server.call('POST', `/api/v1/partners/${partner.id}/webhooks`, { body: { url: `https://receiver.example/${'very-long-path-segment/'.repeat(6)}hook`, events: ['declaration.published'] } });
    expect(hook.status, hook.text).toBe(201);
    partnerId = partner.id;
    // A publication after the webhook: a delivery (waiting, its receiver unknown) with its 再送 button.
    await seedCompany(server, { n: 4, publish: true });
    ({ browser, page } = await adminPageAt(server.url));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the audit log names each action in at most two lines at every width', async () => {
    for (const lang of ['', '?lang=en']) {
      await page.goto(`${server.url}/admin/audit${lang}`);
      for (const width of [320, 390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        const actions = await linesOf(page, '#audit-log tbody td:nth-child(3)');
        expect(actions.length).toBeGreaterThan(3);
        for (const action of actions) expect(action.lines, `${action.text} at ${width}px`).toBeLessThanOrEqual(2);
      }
      await screenshotsAt(page, `admin-audit-table${lang ? '-en' : ''}`, check);
    }
  });

  it('the audit log’s filter fields keep their shape when a group beside them is taller: inputs one line high, the hint under its label', async () => {
    for (const lang of ['', '?lang=en']) {
      await page.goto(`${server.url}/admin/audit${lang}`);
      for (const width of [320, 390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        const fields = await page.$$eval('#audit-filters .field', (elements) =>
          elements.map((field) => {
            const rect = (selector: string) => field.querySelector(selector)?.getBoundingClientRect() ?? null;
            const label = rect('label')!;
            const control = rect('input, select')!;
            const hint = rect('.hint');
            return { name: field.querySelector('input, select')!.getAttribute('name'), labelBottom: label.bottom, hintTop: hint?.top ?? null, controlTop: control.top, controlHeight: control.height };
          }),
        );
        const heights = fields.map((f) => f.controlHeight);
        for (const f of fields) {
          expect(f.controlHeight, `${f.name} at ${width}px`).toBeLessThanOrEqual(Math.min(...heights) * 1.2);
          // Label, hint and control follow one another (the field's own small gaps), with no stretched space between.
          expect((f.hintTop ?? f.controlTop) - f.labelBottom, `${f.name} at ${width}px`).toBeLessThanOrEqual(12);
        }
      }
    }
    await screenshotsAt(page, 'admin-audit-filters', check);
  });

  it('a button in a table (再送, 削除, 一時停止) keeps its word on one line, at every width', async () => {
    for (const path of [`/admin/partners/${partnerId}`, '/admin/staff', '/admin/awards']) {
      await page.goto(`${server.url}${path}`);
      for (const width of [320, 390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        const buttons = await linesOf(page, '.table-scroll .button');
        if (path.includes('partners')) expect(buttons.map((b) => b.text)).toEqual(expect.arrayContaining(['再送', '削除']));
        for (const button of buttons) expect(button.lines, `${button.text} on ${path} at ${width}px`).toBe(1);
      }
    }
  });

  it('a short word in any list (種別, 企業, 都道府県, 東京都, 宣言の状態) stays on one line, at every width', async () => {
    for (const path of ['/admin/reviews', '/admin/organizations', '/admin/partners', '/admin/audit', '/admin/awards/import']) {
      await page.goto(`${server.url}${path}`);
      for (const width of [320, 390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        const words = (await linesOf(page, '.table-scroll th, .table-scroll td')).filter((cell) => cell.text.length <= 5 && !/\s/.test(cell.text));
        expect(words.length, path).toBeGreaterThan(3);
        for (const word of words) expect(word.lines, `${word.text} on ${path} at ${width}px`).toBe(1);
      }
    }
  });

  it('a declaration’s status badge in a list (一時停止中, 公表中) stays on one line, at every width', async () => {
    for (const path of ['/admin/organizations', '/admin/organizations?lang=en']) {
      await page.goto(`${server.url}${path}`);
      for (const width of [320, 390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        const badges = await linesOf(page, '.table-scroll .status');
        expect(badges.map((b) => b.text)).toEqual(expect.arrayContaining([path.includes('en') ? 'Suspended' : '一時停止中']));
        for (const badge of badges) expect(badge.lines, `${badge.text} on ${path} at ${width}px`).toBe(1);
      }
    }
    await screenshotsAt(page, 'admin-organizations-status', check);
  });

  it('a 13-digit corporate number in the organizations list stays whole on one line, at every width and in both languages (English’s longer words squeeze its column)', async () => {
    for (const path of ['/admin/organizations', '/admin/organizations?lang=en']) {
      await page.goto(`${server.url}${path}`);
      for (const width of [320, 390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        const numbers = await linesOf(page, '#org-results td .org-identifier');
        expect(numbers.length).toBeGreaterThan(0);
        for (const n of numbers) expect(n.lines, `${n.text} on ${path} at ${width}px`).toBe(1);
      }
    }
    await screenshotsAt(page, 'admin-organizations-identifier', check);
  });

  it('a column header naming two identifiers (法人番号／団体コード) breaks only at the ／, never inside a word, at every width', async () => {
    for (const [path, selector, words] of [
      ['/admin/organizations', '#org-results thead th:nth-child(3)', ['法人番号／', '団体コード']],
      ['/admin/reviews', '#review-queue thead th:nth-child(3)', ['法人番号／', '地方公共団体コード']],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      for (const width of [320, 390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        const [lines] = await textLinesOf(page, selector);
        expect([[words.join('')], [...words]], `${lines!.join(' | ')} on ${path} at ${width}px`).toContainEqual(lines);
      }
      await screenshotsAt(page, `admin${path.replace('/admin', '').replace(/\//g, '-')}-identifier-header`, check);
    }
  });

  it('the staff list’s two buttons (変更, 職員から外す) stand apart, not touching, at every width', async () => {
    await page.goto(`${server.url}/admin/staff`);
    for (const width of [320, 390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      const [change, remove] = await page.$$eval('form[action$="/role"] button, form[action$="/remove"] button', (buttons) =>
        buttons.slice(0, 2).map((b) => b.getBoundingClientRect().toJSON() as { left: number; right: number; top: number; bottom: number }),
      );
      // Side by side with a space between, or one under the other.
      const apart = Math.round(change!.top) === Math.round(remove!.top) ? remove!.left - change!.right >= 4 : remove!.top >= change!.bottom;
      expect(apart, `at ${width}px: ${JSON.stringify({ change, remove })}`).toBe(true);
    }
  });

  it('the award import’s column table says whether each column is required on one line', async () => {
    for (const lang of ['', '?lang=en']) {
      await page.goto(`${server.url}/admin/awards/import${lang}`);
      for (const width of [320, 390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        const required = await linesOf(page, '#import-columns tbody td:nth-child(2)');
        expect(required.length).toBeGreaterThan(5);
        for (const cell of required) expect(cell.lines, `${cell.text} at ${width}px`).toBe(1);
        for (const example of await linesOf(page, '#import-columns tbody td:nth-child(4) code')) expect(example.lines, `${example.text} at ${width}px`).toBe(1);
      }
      await screenshotsAt(page, `admin-import-columns${lang ? '-en' : ''}`, check);
    }
  });

  it('a wide table’s caption is read whole on a narrow screen: it wraps within the region and stays there as the table scrolls', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'import-')), 'awards.csv');
    writeFileSync(file, `\uFEFF${['年度,表彰区分,法人番号', '2025,優秀賞,7.12346E+12'].join('\r\n')}\r\n`);
    /** Each caption's horizontal extent against its scrolling region's. */
    const captions = () => page.$$eval('.table-scroll caption', (elements) => elements.map((caption) => {
      const region = caption.closest('.table-scroll')!;
      const [c, r] = [caption.getBoundingClientRect(), region.getBoundingClientRect()];
      return { text: caption.textContent!.trim(), left: c.left - r.left, right: c.right - r.right };
    }));
    for (const lang of ['', '?lang=en']) {
      for (const width of [320, 390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${server.url}/admin/awards/import${lang}`);
        await page.setInputFiles('input[type="file"]', file);
        await Promise.all([page.waitForNavigation(), page.click('form[action*="/admin/awards/import/preview"] button[type="submit"]')]);
        for (const path of [null, `/admin/organizations${lang}`, `/admin/partners/${partnerId}${lang}`]) {
          if (path) await page.goto(`${server.url}${path}`);
          const found = await captions();
          expect(found.length, `${path ?? 'import preview'}`).toBeGreaterThan(0);
          for (const caption of found) expect(caption.right, `${caption.text} at ${width}px`).toBeLessThanOrEqual(1);
          // Scrolled to the table's far end, each caption is still in view at the region's left.
          await page.$$eval('.table-scroll', (regions) => regions.forEach((region) => region.scrollTo({ left: region.scrollWidth })));
          for (const caption of await captions()) expect(Math.abs(caption.left), `${caption.text} scrolled, at ${width}px`).toBeLessThanOrEqual(1);
        }
      }
    }
    await page.goto(`${server.url}/admin/awards/import`);
    await page.setInputFiles('input[type="file"]', file);
    await Promise.all([page.waitForNavigation(), page.click('form[action*="/admin/awards/import/preview"] button[type="submit"]')]);
    await screenshotsAt(page, 'admin-import-preview-excel', check);
  });
});
