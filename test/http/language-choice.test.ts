/**
 * The language a person chooses sticks, whatever their browser prefers. A browser whose
 * Accept-Language puts English first gets English by default; the person presses 「日本語」 and
 * must get Japanese, then stay in Japanese on every link, form and redirect of the page, on the
 * public pages, /verify, the member area and the back office. The ordinary Japanese visitor's
 * links stay plain (no ?lang=ja on them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, signInAsMember } from '../helpers/staff.js';
import { browser, csrfIn, type Browser } from '../helpers/web-browser.js';

const ENGLISH_FIRST = { 'accept-language': 'en-US,en;q=0.9,ja;q=0.8' };
const JAPANESE_FIRST = { 'accept-language': 'ja,en-US;q=0.9' };

let server: TestServer;
let member: Browser;
let admin: Browser;
let visitor: Browser;
let organization: { id: string; name: string; corporateNumber: string };

beforeAll(async () => {
  server = await startTestServer();
  ({ organization } = await seedCompany(server, { n: 61, publish: true }));
  member = await signInAsMember(server, organization.id, '言語 花子');
  admin = await signInAsAdministrator(server);
  visitor = browser(server, new URL(server.url).origin);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const unescape = (href: string) => href.replaceAll('&amp;', '&');
const htmlLang = (html: string) => /<html lang="([a-z]+)"/.exec(html)?.[1];
/** The header's language switch, as a browser reads its href. */
const langSwitch = (html: string) => unescape(/<a class="lang-switch" href="([^"]*)"/.exec(html)?.[1] ?? '');
/** The first link of the page (not its language switch) to a path starting with `prefix`. */
function linkTo(html: string, prefix: string): string {
  const href = [...html.matchAll(/<a (?![^>]*class="lang-switch")[^>]*href="([^"]*)"/g)].map((m) => unescape(m[1]!)).find((h) => h.startsWith(prefix) && !h.startsWith('//'));
  if (!href) throw new Error(`no link to ${prefix} on the page`);
  return href;
}
/** The action of the page's post form whose action starts with `prefix`. */
function formTo(html: string, prefix: string): string {
  const action = [...html.matchAll(/<form [^>]*action="([^"]*)"/g)].map((m) => unescape(m[1]!)).find((a) => a.startsWith(prefix));
  if (!action) throw new Error(`no form to ${prefix} on the page`);
  return action;
}

/** Opens `path` in English with an English-first browser, presses 「日本語」: the Japanese page. */
async function switchToJapanese(b: Browser, path: string): Promise<{ href: string; text: string }> {
  const english = await b.request('GET', path, { headers: ENGLISH_FIRST });
  expect(english.status, path).toBe(200);
  expect(htmlLang(english.text), path).toBe('en');
  const href = langSwitch(english.text);
  const japanese = await b.request('GET', href, { headers: ENGLISH_FIRST });
  expect(japanese.status, href).toBe(200);
  expect(htmlLang(japanese.text), `${path} → 「日本語」 ${href}`).toBe('ja');
  return { href, text: japanese.text };
}

async function expectJapanese(b: Browser, href: string): Promise<string> {
  const page = await b.request('GET', href, { headers: ENGLISH_FIRST });
  expect(page.status, href).toBe(200);
  expect(htmlLang(page.text), href).toBe('ja');
  return page.text;
}

describe('an English-first browser that chooses Japanese', () => {
  it('on the public pages: 「日本語」 gives Japanese, and a link on it stays Japanese; so does the search form', async () => {
    const { text } = await switchToJapanese(visitor, '/organizations?lang=en');
    await expectJapanese(visitor, linkTo(text, '/awards'));
    // The search form is a GET form: it must carry the choice itself.
    const search = /<form class="search"[^>]*>([\s\S]*?)<\/form>/.exec(text)?.[1] ?? '';
    expect(search).toContain('<input type="hidden" name="lang" value="ja"/>');
    // English by default too (no ?lang=en at all): the switch still leads to Japanese.
    const home = await switchToJapanese(visitor, '/');
    await expectJapanese(visitor, linkTo(home.text, '/organizations'));
  });

  it('on /verify: the page and its form stay Japanese', async () => {
    const { text } = await switchToJapanese(visitor, '/verify?lang=en');
    await expectJapanese(visitor, linkTo(text, '/organizations'));
    const answer = await visitor.request('POST', formTo(text, '/verify'), { headers: ENGLISH_FIRST, form: { credential: 'not a badge' } });
    expect(htmlLang(answer.text)).toBe('ja');
  });

  it('in the member area: links, a refused form, and the redirect after a form stay Japanese', async () => {
    const { text } = await switchToJapanese(member, '/my?lang=en');
    const members = await expectJapanese(member, linkTo(text, '/my/members'));
    const invite = formTo(members, '/my/members/invite');
    const refused = await member.request('POST', invite, { headers: ENGLISH_FIRST, form: { csrf: csrfIn(members), role: 'editor', email: 'not an address' } });
    expect(refused.status).toBe(400);
    expect(htmlLang(refused.text)).toBe('ja');
    const invited = await member.request('POST', formTo(refused.text, '/my/members/invite'), { headers: ENGLISH_FIRST, form: { csrf: csrfIn(members), role: 'editor', email: '' } });
    expect(invited.status).toBe(200);
    expect(htmlLang(invited.text)).toBe('ja');
    const list = await expectJapanese(member, linkTo(invited.text, '/my/members'));
    const cancelled = await member.request('POST', formTo(list, '/my/members/invitations/'), { headers: ENGLISH_FIRST, form: { csrf: csrfIn(list) } });
    expect(cancelled.status).toBe(303);
    await expectJapanese(member, cancelled.headers.get('location')!);
  });

  it('in the back office: links, a refused form, and the redirect after a form stay Japanese', async () => {
    const { text } = await switchToJapanese(admin, '/admin/organizations?lang=en');
    const form = await expectJapanese(admin, linkTo(text, '/admin/organizations/new'));
    const action = formTo(form, '/admin/organizations');
    const fields = { csrf: csrfIn(form), kind: 'other', name: '', prefectureCode: '13' };
    const refused = await admin.request('POST', action, { headers: ENGLISH_FIRST, form: fields });
    expect(refused.status).toBe(400);
    expect(htmlLang(refused.text)).toBe('ja');
    const created = await admin.request('POST', formTo(refused.text, '/admin/organizations'), { headers: ENGLISH_FIRST, form: { ...fields, name: '言語の選択協議会' } });
    expect(created.status).toBe(303);
    await expectJapanese(admin, created.headers.get('location')!);
  });
});

describe('the ordinary Japanese visitor', () => {
  it('gets plain links: no ?lang=ja anywhere, and English only by the switch', async () => {
    for (const path of ['/', '/organizations', '/verify']) {
      const page = await visitor.request('GET', path, { headers: JAPANESE_FIRST });
      expect(htmlLang(page.text), path).toBe('ja');
      expect(page.text, path).not.toContain('lang=ja');
      expect(langSwitch(page.text), path).toMatch(/[?&]lang=en$/);
    }
    const my = await member.request('GET', '/my', { headers: JAPANESE_FIRST });
    expect(my.text).not.toContain('lang=ja');
  });

  it('who switched to English and back gets Japanese with plain links', async () => {
    const english = await visitor.request('GET', '/organizations?lang=en', { headers: JAPANESE_FIRST });
    const japanese = await visitor.request('GET', langSwitch(english.text), { headers: JAPANESE_FIRST });
    expect(htmlLang(japanese.text)).toBe('ja');
    expect(linkTo(japanese.text, '/awards')).toBe('/awards');
  });
});

describe('the language switch on a page answering a form', () => {
  /** Posts `form` from the page at `from` (its own action and hidden fields kept); the answer. */
  async function postFrom(b: Browser, from: string, actionPrefix: string, fields: Record<string, string>) {
    const page = await b.request('GET', from);
    const form = new RegExp(`<form [^>]*action="(${actionPrefix}[^"]*)"[^>]*>([\\s\\S]*?)</form>`).exec(page.text);
    if (!form) throw new Error(`no form to ${actionPrefix} on ${from}`);
    const hidden = Object.fromEntries([...form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, unescape(m[2]!)]));
    return b.request('POST', unescape(form[1]!), { form: { ...hidden, ...fields } });
  }

  it('in the member area: leads to the form’s page in the other language, not to the form’s address (405)', async () => {
    const refused = await postFrom(member, '/my/members', '/my/members/invite', { role: 'editor', email: 'not an address' });
    expect(refused.status).toBe(400);
    const href = langSwitch(refused.text);
    const english = await member.request('GET', href);
    expect(english.status, href).toBe(200);
    expect(htmlLang(english.text)).toBe('en');
    expect(href).toBe('/my/members?lang=en');
  });

  it('in the back office: leads to the form’s page in the other language, not to the form’s address (405)', async () => {
    const invited = await postFrom(admin, '/admin/staff', '/admin/staff/invite', { name: '言語 次郎', role: 'viewer', email: '' });
    expect(invited.status).toBe(200);
    const href = langSwitch(invited.text);
    const english = await admin.request('GET', href);
    expect(english.status, href).toBe(200);
    expect(htmlLang(english.text)).toBe('en');
    expect(href).toBe('/admin/staff?lang=en');
  });
});

describe('a browser whose first language is neither Japanese nor English', () => {
  it('gets English when it ranks English above Japanese (French, then English), Japanese when it ranks Japanese higher or names neither', async () => {
    for (const [acceptLanguage, lang] of [
      ['fr-FR,fr;q=0.9,en;q=0.8', 'en'],
      ['vi-VN,vi;q=0.9,en-US;q=0.8,ja;q=0.5', 'en'],
      ['zh-CN,zh;q=0.9,ja;q=0.8,en;q=0.7', 'ja'],
      ['ja;q=0.4,en;q=0.6', 'en'],
      ['fr-FR,fr;q=0.9', 'ja'],
      ['en;q=0,fr', 'ja'],
    ] as const) {
      for (const path of ['/', '/organizations']) {
        const page = await visitor.request('GET', path, { headers: { 'accept-language': acceptLanguage } });
        expect(htmlLang(page.text), `${acceptLanguage} ${path}`).toBe(lang);
      }
    }
  });
});

describe('an organization with an English name, on the English member pages and invitation', () => {
  it('is named in English in the header and above the member pages, and on its invitation page; in Japanese on the Japanese ones', async () => {
    const named = await server.call('PUT', `/api/v1/organizations/${organization.id}`, { body: { ...COMPANY, name: organization.name, corporateNumber: organization.corporateNumber, nameEn: 'Language Choice Co., Ltd.' } });
    expect(named.status, named.text).toBe(200);
    const english = (await member.request('GET', '/my?lang=en')).text;
    expect(english).toContain('<p class="my-org">Language Choice Co., Ltd.</p>');
    expect(english).toMatch(/<span class="muted">[^<]* \(Language Choice Co\., Ltd\.\)<\/span>/);
    const japanese = (await member.request('GET', '/my?lang=ja')).text;
    expect(japanese).toContain(`<p class="my-org">${organization.name}</p>`);
    const invited = await server.call('POST', `/api/v1/organizations/${organization.id}/invitations`, { body: { role: 'editor', email: 'invitee@example.jp' } });
    expect(invited.status, invited.text).toBe(201);
    const join = (await visitor.request('GET', `${new URL(invited.body.url).pathname}?lang=en`)).text;
    expect(join).toContain('<h1>Invitation to join Language Choice Co., Ltd.</h1>');
    expect(join).toContain(`Language Choice Co., Ltd. (<span lang="ja">${organization.name}</span>)`);
  });
});

describe('a person who chose English on a browser preferring Japanese', () => {
  it('signs out from an English page and lands on the English home page', async () => {
    const leaving = await signInAsMember(server, organization.id, '退出 英子');
    const page = await leaving.request('GET', '/my?lang=en', { headers: JAPANESE_FIRST });
    expect(htmlLang(page.text)).toBe('en');
    const action = formTo(page.text, '/auth/logout');
    const out = await leaving.request('POST', action, { form: { csrf: csrfIn(page.text) }, headers: JAPANESE_FIRST });
    expect(out.status).toBe(303);
    const home = out.headers.get('location')!;
    expect(htmlLang((await visitor.request('GET', home, { headers: JAPANESE_FIRST })).text), home).toBe('en');
  });
});
