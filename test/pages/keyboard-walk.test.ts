/**
 * A walk with only a keyboard and a screen reader, in a real browser (chromium), Japanese and
 * English: the skip link first and every tab stop's focus drawn (390 and 1280 px); after a refused
 * form (/my, the back office, /verify, the award import) focus on what was wrong, its links to the
 * fields, the fields invalid and described; /verify's verdict read first; links and buttons that
 * go to different places named apart (badges, figures, back-office rows and menu); Japanese names
 * marked lang="ja" on English pages.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, launchBrowser, signInWithAdminToken, VIEWPORTS } from '../helpers/browser.js';
import { declarationCredential } from '../helpers/credentials.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, signInAsMember, signInAsSecondAdministrator, staffCsrf } from '../helpers/staff.js';

describe.skipIf(browserMissing)('a keyboard and screen reader walk', () => {
  let server: TestServer;
  let browser: Browser;
  let member: BrowserContext;
  let staff: BrowserContext;
  /** A published company with an award: two badges on its page and in its badge kit. */
  let awarded: { organizationId: string; declarationId: string; member: BrowserContext };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const { organization } = await seedCompany(server, { n: 1, name: '株式会社キーボード' });
    const jar = (await signInAsMember(server, organization.id)).jar;
    member = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'ja-JP' });
    await member.addCookies([...jar].map(([name, value]) => ({ name, value, url: server.url })));
    const published = await seedCompany(server, { n: 2, name: '株式会社二つのバッジ', publish: true });
    expect((await server.call('POST', '/api/v1/awards', { body: { organizationId: published.organization.id, fiscalYear: 2025, category: 'minister' } })).status).toBe(201);
    const awardedJar = (await signInAsMember(server, published.organization.id)).jar;
    awarded = { organizationId: published.organization.id, declarationId: published.declarationId, member: await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'ja-JP' }) };
    await awarded.member.addCookies([...awardedJar].map(([name, value]) => ({ name, value, url: server.url })));
    staff = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'ja-JP' });
    await signInWithAdminToken(await staff.newPage(), server.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /**
   * The focused element's id. Read with expect.poll after a page opens: Chromium runs autofocus at
   * its next rendering update, which on a loaded machine can come after the load event.
   */
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

  /** Focus is on the summary; each link, followed with Enter, puts focus on its field, which says it is invalid. */
  async function summaryLeadsToFields(page: Page, at: string) {
    await expect.poll(() => focused(page), { message: at, timeout: 5000 }).toBe('error-summary');
    const hrefs = await page.locator('#error-summary a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    expect(hrefs.length, at).toBeGreaterThan(0);
    for (const href of hrefs) {
      await page.locator(`#error-summary a[href="${href}"]`).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => focused(page), { message: `${at} ${href}` }).toBe(href.slice(1));
      const field = page.locator(href);
      expect(await field.getAttribute('aria-invalid'), href).toBe('true');
      const messages = (await field.getAttribute('aria-describedby'))?.split(' ') ?? (await page.locator(`fieldset.field:has(${href})`).getAttribute('aria-describedby'))!.split(' ');
      expect(messages, href).toContain(`${href.slice(1)}-error`);
    }
  }

  /**
   * Links whose accessible names are the same but whose targets differ, and buttons named alike,
   * with every <details> opened (a screen reader's list of links reads the names alone). The name
   * is aria-label, else the text (visually hidden text included) and the images' alt.
   */
  const ambiguousNames = (page: Page, within = 'body') =>
    page.evaluate((within) => {
      document.querySelectorAll('details').forEach((d) => (d.open = true));
      const root = document.querySelector(within)!;
      const nameOf = (el: Element): string => {
        const label = el.getAttribute('aria-labelledby');
        if (label) return label.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ').replace(/\s+/g, ' ').trim();
        const text = (node: Node): string => (node instanceof HTMLImageElement ? node.alt : node.nodeType === Node.TEXT_NODE ? node.textContent! : [...node.childNodes].map(text).join(''));
        return (el.getAttribute('aria-label') ?? text(el)).replace(/\s+/g, ' ').trim();
      };
      const targets = new Map<string, Set<string>>();
      for (const a of root.querySelectorAll('a[href]')) {
        const name = nameOf(a);
        targets.set(name, (targets.get(name) ?? new Set()).add(new URL((a as HTMLAnchorElement).href).href));
      }
      const buttons = new Map<string, number>();
      for (const b of root.querySelectorAll('button:not([aria-hidden="true"])')) buttons.set(nameOf(b), (buttons.get(nameOf(b)) ?? 0) + 1);
      return [
        ...[...targets].filter(([, hrefs]) => hrefs.size > 1).map(([name, hrefs]) => `link 「${name}」 → ${[...hrefs].join(' , ')}`),
        ...[...buttons].filter(([, count]) => count > 1).map(([name, count]) => `button 「${name}」 ×${count}`),
      ];
    }, within);

  it('the home page’s figures: each number’s link is named by what it counts, not by the number alone', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.phone, locale: 'ja-JP' });
    for (const lang of ['ja', 'en']) {
      await page.goto(`${server.url}/?lang=${lang}`);
      expect(await ambiguousNames(page), lang).toEqual([]);
      const figures = await page.locator('.figure').evaluateAll((figures) => figures.map((f) => ({ label: f.querySelector('dt')!.textContent!, link: f.querySelector('a')! })).map(({ label, link }) => ({ label, name: (link.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ') })));
      expect(figures.length).toBe(4);
      for (const { label, name } of figures) expect(name, lang).toContain(label);
      // As chromium names it: one published declaration here.
      expect(await page.getByRole('link', { name: lang === 'ja' ? /^公表中の自己宣言\s*1\s*件$/ : /^Published declarations\s*1$/ }).count(), lang).toBe(1);
    }
    await page.close();
  });

  it('an organization with two badges: each link and button says which badge it is for (its page, and its badge kit)', async () => {
    const page = await awarded.member.newPage();
    for (const lang of ['ja', 'en']) {
      for (const path of [`/organizations/${awarded.organizationId}`, '/my/badges']) {
        await page.goto(`${server.url}${path}?lang=${lang}`);
        expect(await page.locator('img[src*="badge.svg"]').count(), path).toBeGreaterThanOrEqual(2);
        expect(await ambiguousNames(page), `${path} (${lang})`).toEqual([]);
        // The snippets' fields too: each label names its badge.
        const labels = await page.locator('textarea.embed-snippet').evaluateAll((fields) => fields.map((field) => (field as HTMLTextAreaElement).labels![0]!.textContent!.replace(/\s+/g, ' ').trim()));
        expect(labels.length, path).toBe(2);
        expect(new Set(labels).size, `${path} (${lang}): ${labels.join(' / ')}`).toBe(2);
      }
    }
    await page.close();
  });

  /**
   * Every stop of Tab from the top of the page, as the element focused and whether its focus shows:
   * an outline of 2 px or more on the element (for the visually hidden file input, on its button;
   * a date field's parts show the field's own).
   */
  async function tabStops(page: Page): Promise<{ stop: string; shows: boolean }[]> {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const stops: { stop: string; shows: boolean }[] = [];
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const shown = el.classList.contains('file-picker__input') ? (el.nextElementSibling as HTMLElement) : el;
        const style = getComputedStyle(shown);
        // A date field's calendar button is a stop of its own inside the field (Chromium), which then
        // is not :focus; Chromium draws that button's ring itself, and page CSS cannot reach it.
        if (el.matches('input[type="date"]:not(:focus)')) return { stop: `${el.id} calendar button`, shows: true };
        return { stop: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} ${(el.innerText || el.getAttribute('name') || '').slice(0, 30)}`, shows: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
      });
      if (!stop || stop.stop === stops[0]?.stop) break;
      stops.push(stop);
    }
    return stops;
  }

  it('on the public pages, /my and the back office: the skip link is the first stop and moves focus to the main content; every stop shows its focus, at 390 and 1280 px', async () => {
    const pages: [BrowserContext, string][] = [
      [awarded.member, '/'],
      [awarded.member, '/organizations'],
      [awarded.member, `/organizations/${awarded.organizationId}`],
      [awarded.member, '/verify'],
      [member, '/my'],
      [member, '/my/declaration'],
      [awarded.member, '/my/badges'],
      [staff, '/admin/reviews'],
      [staff, '/admin/organizations/new'],
    ];
    for (const [context, path] of pages) {
      const page = await context.newPage();
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${server.url}${path}`);
        const stops = await tabStops(page);
        expect(stops[0]?.stop, path).toMatch(/^a 本文へ移動/);
        expect(stops.filter((s) => !s.shows).map((s) => s.stop), `${path} at ${width} px`).toEqual([]);
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await expect.poll(() => focused(page), { message: path, timeout: 5000 }).toBe('main');
      }
      await page.close();
    }
  }, 240_000);

  it('the refused declaration form (/my): focus on the error summary, each link to its field, in Japanese and English', async () => {
    const page = await member.newPage();
    for (const lang of ['ja', 'en']) {
      await page.goto(`${server.url}/my/declaration?lang=${lang}`);
      await page.fill('#f-signerName', '');
      await Promise.all([page.waitForNavigation(), page.locator('form.declaration-form button[type=submit]').first().click()]);
      await summaryLeadsToFields(page, `/my/declaration (${lang})`);
    }
    await page.close();
  });

  it('/verify with garbage pasted, or an image with no credential: focus on the message, a link to the field, the field invalid', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.phone, locale: 'ja-JP' });
    const file = join(tmpdir(), `keyboard-walk-${process.pid}.svg`);
    writeFileSync(file, '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
    for (const lang of ['ja', 'en']) {
      for (const [what, field] of [['garbage', '#credential-text'], ['image', '#badge-file']] as const) {
        const at = `/verify ${what} (${lang})`;
        await page.goto(`${server.url}/verify?lang=${lang}`);
        if (what === 'garbage') await page.fill('#credential-text', 'これはクレデンシャルではありません');
        else await page.setInputFiles('#badge-file', file);
        await Promise.all([page.waitForNavigation(), page.locator('.verify-form button[type=submit]').click()]);
        await expect.poll(() => focused(page), { message: at, timeout: 5000 }).toBe('verify-error');
        expect(await page.locator('#verify-error a').getAttribute('href'), at).toBe(field);
        await page.locator('#verify-error a').focus();
        await page.keyboard.press('Enter');
        await expect.poll(() => focused(page), { message: at }).toBe(field.slice(1));
        expect(await page.locator(field).getAttribute('aria-invalid'), at).toBe('true');
        expect((await page.locator(field).getAttribute('aria-describedby'))?.split(' '), at).toContain('verify-error');
        // The other field is not the one in error.
        expect(await page.locator(field === '#badge-file' ? '#credential-text' : '#badge-file').getAttribute('aria-invalid'), at).toBeNull();
      }
    }
    await page.close();
  });

  it('/verify with a result: the verdict is in the title and takes focus as the page opens, so it is read first', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.phone, locale: 'ja-JP' });
    const { dataIntegrity } = await declarationCredential(server, awarded.declarationId);
    const tampered = { ...dataIntegrity, credentialSubject: { ...dataIntegrity.credentialSubject, name: '書き換え株式会社' } };
    for (const lang of ['ja', 'en']) {
      for (const [credential, verdict] of [[dataIntegrity, lang === 'ja' ? '有効' : 'Valid'], [tampered, lang === 'ja' ? '確認できません' : 'Cannot be verified']] as const) {
        await page.goto(`${server.url}/verify?lang=${lang}`);
        await page.fill('#credential-text', JSON.stringify(credential));
        await Promise.all([page.waitForNavigation(), page.locator('.verify-form button[type=submit]').click()]);
        const at = `${verdict} (${lang})`;
        expect(await page.locator('#verdict-word').innerText(), at).toBe(verdict);
        expect(await page.title(), at).toMatch(new RegExp(`^${lang === 'ja' ? 'バッジを確認する' : 'Verify a badge'} — ${verdict} \\| `));
        await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby')), { message: at, timeout: 5000 }).toBe('verdict-word');
      }
    }
    await page.close();
  });

  it('English pages: a Japanese name with no English one is marked lang="ja" wherever it is written', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.phone, locale: 'en-GB' });
    const { ref } = await declarationCredential(server, awarded.declarationId);
    const credentialId = new URL(ref.id).pathname.split('/').pop()!;
    for (const path of [`/organizations/${awarded.organizationId}`, '/organizations', '/awards', `/v/${credentialId}`]) {
      await page.goto(`${server.url}${path}?lang=en`);
      const langs = await page.locator('main').evaluate((main) => {
        const found: string[] = [];
        const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          // Not the embed snippet's HTML code (a <textarea>), which is read as code.
          if (node.textContent!.includes('株式会社二つのバッジ') && !node.parentElement!.closest('textarea')) found.push(node.parentElement!.closest('[lang]')!.getAttribute('lang')!);
        }
        return found;
      });
      expect(langs.length, path).toBeGreaterThan(0);
      expect(langs.filter((lang) => lang !== 'ja'), path).toEqual([]);
    }
    await page.close();
  });

  it('the back office’s award list: each row’s 「詳細」 and state action names its award', async () => {
    for (const n of [3, 4]) {
      const { organization } = await seedCompany(server, { n, name: `株式会社表彰行${n}`, publish: true });
      const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: organization.id, fiscalYear: 2025, category: 'excellence' } });
      expect(award.status).toBe(201);
      if (n === 4) expect((await server.call('POST', `/api/v1/awards/${award.body.id}/suspend`, { body: { reason: 'under-investigation' } })).status).toBe(200);
    }
    const { organization } = await seedCompany(server, { n: 5, name: '株式会社表彰行5', publish: true });
    const suspended = await server.call('POST', '/api/v1/awards', { body: { organizationId: organization.id, fiscalYear: 2025, category: 'excellence' } });
    expect((await server.call('POST', `/api/v1/awards/${suspended.body.id}/suspend`, { body: { reason: 'under-investigation' } })).status).toBe(200);
    const page = await staff.newPage();
    for (const lang of ['ja', 'en']) {
      await page.goto(`${server.url}/admin/awards?year=2025&lang=${lang}`);
      expect(await page.locator('table tbody tr').count(), lang).toBeGreaterThanOrEqual(4);
      expect(await ambiguousNames(page, 'main table'), lang).toEqual([]);
    }
    await page.close();
  });

  it('the revocation requests: each row’s links, buttons and note field name the organization they are about', async () => {
    const requester = await signInAsAdministrator(server);
    for (const n of [6, 7]) {
      const { organization, declarationId } = await seedCompany(server, { n, name: `株式会社取消依頼${n}`, publish: true });
      const requested = await requester.request('POST', '/admin/revocations', {
        form: { csrf: await staffCsrf(requester), subjectType: 'declaration', subjectId: declarationId, reason: 'organization-dissolved', note: '', back: `/admin/organizations/${organization.id}` },
      });
      expect(requested.status).toBe(303);
    }
    const approver = await signInAsSecondAdministrator(server, requester);
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'ja-JP' });
    await context.addCookies([...approver.jar].map(([name, value]) => ({ name, value, url: server.url })));
    const page = await context.newPage();
    for (const lang of ['ja', 'en']) {
      await page.goto(`${server.url}/admin/revocations?lang=${lang}`);
      expect(await page.locator('#revocation-requests .approve-button').count(), lang).toBe(2);
      expect(await ambiguousNames(page, '#revocation-requests'), lang).toEqual([]);
      const noteLabels = await page.locator('#revocation-requests input[name="note"]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).labels![0]!.textContent!.replace(/\s+/g, ' ').trim()));
      expect(new Set(noteLabels).size, lang).toBe(2);
    }
    await context.close();
  });

  it('the back office: its menu’s 「ホーム」 and “Awards” are told apart from the site menu’s, which go elsewhere', async () => {
    const page = await staff.newPage();
    for (const lang of ['ja', 'en']) {
      for (const path of ['/admin', '/admin/reviews']) {
        await page.goto(`${server.url}${path}?lang=${lang}`);
        expect(await ambiguousNames(page), `${path} (${lang})`).toEqual([]);
      }
    }
    await page.close();
  });

  it('the award import refused (a file that is not the award CSV, or no file): focus lands on what was wrong', async () => {
    const page = await staff.newPage();
    const file = join(tmpdir(), `keyboard-walk-${process.pid}.csv`);
    writeFileSync(file, 'これは,表彰の,CSVではありません\n1,2,3\n');
    await page.goto(`${server.url}/admin/awards/import`);
    await page.setInputFiles('#f-file', file);
    await Promise.all([page.waitForNavigation(), page.click('#import-form button[type="submit"]')]);
    expect(await page.locator('#import-problem').count()).toBe(1);
    await expect.poll(() => focused(page), { timeout: 5000 }).toBe('import-problem');
    await page.goto(`${server.url}/admin/awards/import`);
    await Promise.all([page.waitForNavigation(), page.click('#import-form button[type="submit"]')]);
    await expect.poll(() => focused(page), { timeout: 5000 }).toMatch(/^(import-problem|error-summary)$/);
    await page.close();
  });

  it('the refused organization form (back office): focus on the error summary, each link to its field', async () => {
    const page = await staff.newPage();
    for (const lang of ['ja', 'en']) {
      await page.goto(`${server.url}/admin/organizations/new?lang=${lang}`);
      await Promise.all([page.waitForNavigation(), page.click('#save-button')]);
      await summaryLeadsToFields(page, `/admin/organizations/new (${lang})`);
    }
    await page.close();
  });
});
