/**
 * Unknown addresses (issue 15 point 10): a browser gets a page in the site's frame (Japanese
 * first, English with ?lang=en), status 404, with the way to the home page, search and /verify;
 * API clients and every API address keep RFC 9457 problem+json as before. Under /my and /admin a
 * signed-in person keeps their header (name, sign-out), as on the 405 page. Runs on Node and on the
 * Worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_CSP } from '../../src/http/pages/http-helpers.js';
import { COMPANY, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, signInAsMember } from '../helpers/staff.js';
import { csrfIn } from '../helpers/web-browser.js';

/** What Chromium sends when a person opens an address. */
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe('unknown addresses: a page for people, problem+json for programs', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => server.call('GET', path, { token: null, headers });

  const expectProblem = (response: Awaited<ReturnType<typeof get>>, path: string, label: string) => {
    expect(response.status, label).toBe(404);
    expect(response.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
    expect(response.body, label).toMatchObject({
      type: expect.stringMatching(/\/problems\/not-found$/),
      title: 'Not found',
      status: 404,
      detail: 'There is nothing at this address.',
      messages: { ja: 'このアドレスには何もありません。', en: 'There is nothing at this address.' },
      instance: path,
      requestId: expect.any(String),
    });
  };

  it('a browser gets an HTML 404 page in the site frame, in Japanese, with the way on', async () => {
    const response = await get('/no-such-page', { accept: BROWSER });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('vary')).toMatch(/Accept/);
    const html = response.text;
    expect(html).toMatch(/^<!DOCTYPE html><html lang="ja">/);
    expect(html).toContain('<h1>ページが見つかりません</h1>');
    // The site's frame: header with navigation, language switch to this address in English, footer.
    expect(html).toContain('class="site-header"');
    expect(html).toContain('class="site-footer"');
    expect(html).toContain('href="/no-such-page?lang=en"');
    for (const href of ['"/"', '"/organizations"', '"/verify"']) expect(html).toContain(`<li><a href=${href}>`);
  });

  it('?lang=en (or an English Accept-Language) gives the English page, its links keeping the language', async () => {
    const response = await get('/no-such-page?lang=en', { accept: BROWSER });
    expect(response.status).toBe(404);
    expect(response.text).toContain('<html lang="en">');
    expect(response.text).toContain('<h1>Page not found</h1>');
    for (const href of ['/?lang=en', '/organizations?lang=en', '/verify?lang=en']) expect(response.text).toContain(`href="${href}"`);
    expect(response.text).toContain('href="/no-such-page"'); // the switch back to Japanese
    const byHeader = await get('/no/such/page', { accept: 'text/html', 'accept-language': 'en-GB,en;q=0.9' });
    expect(byHeader.text).toContain('<h1>Page not found</h1>');
  });

  it('the page keeps the security headers of the other pages', async () => {
    const page = await get('/no-such-page', { accept: BROWSER });
    const other = await get('/awards', { accept: BROWSER });
    expect(page.headers.get('content-security-policy')).toBe(PAGE_CSP);
    for (const name of ['content-security-policy', 'x-frame-options', 'x-content-type-options', 'referrer-policy', 'cross-origin-resource-policy', 'cross-origin-opener-policy']) {
      expect(page.headers.get(name), name).toBe(other.headers.get(name));
    }
  });

  it('API clients (JSON, problem+json, */*, no Accept) still get problem+json, exactly as before', async () => {
    for (const accept of ['application/json', 'application/problem+json', '*/*', undefined, 'text/html;q=0, application/json']) {
      const response = await get('/no-such-page', accept === undefined ? {} : { accept });
      expectProblem(response, '/no-such-page', String(accept));
    }
  });

  it('API addresses answer problem+json even to a browser', async () => {
    for (const path of ['/api/v1/no-such-thing', '/api', '/credentials/x/y/z', '/status-lists/a/b', '/.well-known/nothing/here', '/contexts', '/oauth/nothing', '/presentations/x']) {
      expectProblem(await get(path, { accept: BROWSER }), path, path);
    }
  });

  it('a path beginning with two slashes does not turn the language switch into a link to another site', async () => {
    const response = await fetch(`${server.url}//evil.example/page`, { headers: { accept: BROWSER } });
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('href="/evil.example/page?lang=en"');
    expect(html).not.toContain('href="//evil.example');
  });

  it('a form target (POST only) opened by a browser: a Japanese page in the site frame, 405 with Allow, leading to its part of the site', async () => {
    const cases: [string, string][] = [
      ['/my/members/invite', '/my'],
      ['/my/passkeys/some-id/delete', '/my'],
      ['/admin/organizations/some-id/invitations', '/admin'],
      ['/auth/logout', '/login'],
      ['/auth/passkey/login', '/login'],
      ['/join/some-token/verify', '/login'],
      // Where the sign-in was going is kept, through the sign-in's own sanitiser.
      ['/auth/passkey/login?next=%2Fmy%2Fbadges', '/login?next=%2Fmy%2Fbadges'],
      ['/auth/passkey/login?next=https%3A%2F%2Fevil.example%2F', '/login?next=%2Fmy'],
    ];
    for (const [path, wayOn] of cases) {
      const response = await get(path, { accept: BROWSER });
      expect(response.status, path).toBe(405);
      expect(response.headers.get('allow'), path).toBe('POST');
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(response.headers.get('vary'), path).toMatch(/Accept/);
      const html = response.text;
      expect(html, path).toMatch(/^<!DOCTYPE html><html lang="ja">/);
      expect(html, path).toContain('<h1>このページは直接開けません</h1>');
      expect(html, path).toContain('開いただけでは何も変更されていません。');
      expect(html, path).toContain('class="site-header"');
      expect(html, path).toContain(`<a class="button" href="${wayOn.replace(/&/g, '&amp;')}">`);
      expect(html, path).not.toContain('"type"');
    }
    const english = await get('/my/members/invite?lang=en', { accept: BROWSER });
    expect(english.status).toBe(405);
    expect(english.text).toContain('<h1>This page cannot be opened directly</h1>');
    expect(english.text).toContain('<a class="button" href="/my?lang=en">');
  });

  it('a form target asked by an API client (JSON, problem+json, */*, no Accept) still answers problem+json 405, as do API addresses to a browser', async () => {
    const expect405 = (response: Awaited<ReturnType<typeof get>>, path: string, label: string) => {
      expect(response.status, label).toBe(405);
      expect(response.headers.get('allow'), label).toBe('POST');
      expect(response.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
      expect(response.body, label).toMatchObject({ type: expect.stringMatching(/\/problems\/method-not-allowed$/), status: 405, messages: { ja: 'このアドレスは POST で使います。', en: 'This address takes POST.' }, instance: path });
    };
    for (const accept of ['application/json', 'application/problem+json', '*/*', undefined, 'text/html;q=0, application/json']) {
      expect405(await get('/my/members/invite', accept === undefined ? {} : { accept }), '/my/members/invite', String(accept));
    }
    expect405(await get('/api/v1/organizations/some-id/invitations', { accept: BROWSER }), '/api/v1/organizations/some-id/invitations', 'API address');
  });

  it('signed in, a missing page under /my or /admin keeps the person’s header (their name, sign-out) as the 405 page does; signed out, the public header', async () => {
    const organizationId = (await server.call('POST', '/api/v1/organizations', { body: COMPANY })).body.id;
    const member = await signInAsMember(server, organizationId, '見つからない 花子');
    const admin = await signInAsAdministrator(server);
    for (const [who, path, name] of [[member, '/my/no-such-page', '見つからない 花子'], [admin, '/admin/no-such-page', '']] as const) {
      const response = await who.request('GET', path, { headers: { accept: BROWSER } });
      expect(response.status, path).toBe(404);
      expect(response.text, path).toContain('<h1>ページが見つかりません</h1>');
      expect(response.text, path).toContain('<form class="account-bar" method="post" action="/auth/logout">');
      expect(response.text, path).toContain('ログアウト');
      expect(response.text, path).toContain(name);
      expect(response.text, path).not.toContain('団体の方のログイン');
      // Its sign-out form carries the session's token: never cached.
      expect(csrfIn(response.text), path).toBe(csrfIn((await who.request('GET', path.replace('/no-such-page', ''))).text));
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
    // The back office's header links to the back office, the organization's to /my.
    expect((await admin.request('GET', '/admin/no-such-page', { headers: { accept: BROWSER } })).text).toContain('>管理画面</a>');
    expect((await member.request('GET', '/my/no-such-page?lang=en', { headers: { accept: BROWSER } })).text).toContain('Sign out');

    // Signed out: the public header, with the sign-in link and no sign-out.
    for (const path of ['/my/no-such-page', '/admin/no-such-page']) {
      const response = await get(path, { accept: BROWSER });
      expect(response.status, path).toBe(404);
      expect(response.text, path).toContain('団体の方のログイン');
      expect(response.text, path).not.toContain('action="/auth/logout"');
      expect(response.text, path).not.toContain('name="csrf"');
    }
  });
});
