/**
 * The address of a verification page (and of an organization page) as people really reach it: the badge ID typed in capitals,
 * followed by what a mail program or a PDF took into the link, a slash added by a CMS, or cut
 * short. A genuine badge is never called 「登録されていません…偽物の可能性があります」 for that.
 * Real server, real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialUuid, declarationCredential } from '../helpers/credentials.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let id: string;
let organizationId: string;

beforeAll(async () => {
  server = await startTestServer();
  const company = await seedCompany(server, { n: 71, publish: true, name: '株式会社アドレス確認' });
  organizationId = company.organization.id;
  id = credentialUuid((await declarationCredential(server, company.declarationId)).ref.id);
});

afterAll(async () => {
  await server?.close();
});

const html = { accept: 'text/html,application/xhtml+xml' };
const get = (path: string, redirect: RequestRedirect = 'manual') => fetch(server.url + path, { headers: html, redirect });

describe('/v/{id}: the same badge under another spelling of its address', () => {
  it.each([
    ['in capitals', () => `/v/${id.toUpperCase()}`],
    ['with 「。」 after it (a Japanese e-mail linked the full stop)', () => `/v/${id}${encodeURIComponent('。')}`],
    ['with 「）」 after it', () => `/v/${id}${encodeURIComponent('）')}`],
    ['with a space after it', () => `/v/${id}%20`],
    ['with a slash after it', () => `/v/${id}/`],
  ])('%s → 301 to its own address, which shows the valid badge', async (_what, path) => {
    const answer = await get(path());
    expect(answer.status).toBe(301);
    expect(answer.headers.get('location')).toBe(`/v/${id}`);
    const page = await get(path(), 'follow');
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('株式会社アドレス確認');
    expect(text).toContain('data-verdict="valid"');
  });

  it('the query is kept (English, a poster campaign tag)', async () => {
    const answer = await get(`/v/${id.toUpperCase()}?lang=en&utm_source=poster`);
    expect(answer.headers.get('location')).toBe(`/v/${id}?lang=en&utm_source=poster`);
    expect((await get(`/verify/?lang=en`)).headers.get('location')).toBe('/verify?lang=en');
  });

  it('the JSON answer follows too', async () => {
    const answer = await fetch(`${server.url}/v/${id.toUpperCase()}`, { headers: { accept: 'application/json' } });
    expect(answer.status).toBe(200);
    expect((await answer.json()).verdict).toBe('valid');
  });

  it('an address cut short holds no badge ID: the page says so and sends the person back to the QR code, not "may be fake"', async () => {
    const page = await get(`/v/${id.slice(0, 20)}`);
    expect(page.status).toBe(404);
    const text = await page.text();
    expect(text).toContain('バッジIDが正しくありません');
    expect(text).toMatch(/<title>バッジIDが正しくありません/);
    expect(text).toContain('QRコードをもう一度読み取る');
    expect(text).not.toContain('偽物');
    const en = await (await get(`/v/${id.slice(0, 20)}?lang=en`)).text();
    expect(en).toContain('Not a badge ID');
    expect(en).not.toContain('fake');
  });

  it('a well-formed ID the registry never issued is still "not in the registry, may be fake"', async () => {
    const page = await get('/v/00000000-0000-4000-8000-000000000000');
    expect(page.status).toBe(404);
    const text = await page.text();
    expect(text).toContain('登録されていません');
    expect(text).toContain('偽物の可能性があります');
  });

  it('a slash after an address on another site is not followed ("//host/")', async () => {
    const answer = await get('//example.com/');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('location')).toBeNull();
  });

  it('the address is sent on as it came, still percent-encoded (never a backslash a browser reads as "//")', async () => {
    expect((await get('/organizations/%5C%5Cexample.com/')).headers.get('location')).toBe('/organizations/%5C%5Cexample.com');
  });
});

describe('/organizations/{id}: the organization page under another spelling of its address', () => {
  it.each([
    ['in capitals', () => `/organizations/${organizationId.toUpperCase()}`],
    ['with 「。」 after it', () => `/organizations/${organizationId}${encodeURIComponent('。')}`],
    ['with 「）」 after it', () => `/organizations/${organizationId}${encodeURIComponent('）')}`],
    ['with a space after it', () => `/organizations/${organizationId}%20`],
  ])('%s → 301 to its own address, which shows the organization', async (_what, path) => {
    const answer = await get(path());
    expect(answer.status).toBe(301);
    expect(answer.headers.get('location')).toBe(`/organizations/${organizationId}`);
    const page = await get(path(), 'follow');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('株式会社アドレス確認');
  });

  it('keeps the query, stays on this site, and leaves the ID as issued and a non-ID alone', async () => {
    expect((await get(`/organizations/${organizationId.toUpperCase()}?lang=en&utm_source=mail`)).headers.get('location')).toBe(`/organizations/${organizationId}?lang=en&utm_source=mail`);
    const location = (await get(`/organizations/${organizationId.toUpperCase()}%5C%5Cexample.com`)).headers.get('location');
    expect(location).toBe(`/organizations/${organizationId}`);
    expect((await get(`/organizations/${organizationId}`)).status).toBe(200);
    const none = await get('/organizations/not-an-id');
    expect(none.status).toBe(404);
    expect(none.headers.get('location')).toBeNull();
  });
});

describe('/credentials/{id}…: the badge image, QR code and credential under another spelling of the ID', () => {
  const paths = ['', '/badge.svg', '/badge.png', '/qr.svg', '/qr.png', '/embed', '/credential.jwt'];

  it.each(paths)('/credentials/{ID}%s in capitals → 301 to its own address, which answers as the lower-case one does', async (rest) => {
    const own = await fetch(`${server.url}/credentials/${id}${rest}`);
    const answer = await fetch(`${server.url}/credentials/${id.toUpperCase()}${rest}`, { redirect: 'manual' });
    expect(answer.status).toBe(301);
    expect(answer.headers.get('location')).toBe(`/credentials/${id}${rest}`);
    const followed = await fetch(`${server.url}/credentials/${id.toUpperCase()}${rest}`);
    expect(followed.status).toBe(own.status);
    expect(followed.headers.get('content-type')).toBe(own.headers.get('content-type'));
    expect(Buffer.from(await followed.arrayBuffer()).equals(Buffer.from(await own.arrayBuffer()))).toBe(true);
  });

  it('with 「。」 after the ID, and with a query: the rest of the address is kept', async () => {
    const answer = await fetch(`${server.url}/credentials/${id}${encodeURIComponent('。')}/qr.png?size=1200`, { redirect: 'manual' });
    expect(answer.status).toBe(301);
    expect(answer.headers.get('location')).toBe(`/credentials/${id}/qr.png?size=1200`);
  });

  it('stays on this site: an ID followed by "//host" or an encoded backslash leads only to this registry\'s /credentials/', async () => {
    for (const path of [`/credentials/${id.toUpperCase()}//example.com/`, `/credentials/${id.toUpperCase()}%5C%5Cexample.com/badge.svg`]) {
      const location = (await fetch(server.url + path, { redirect: 'manual' })).headers.get('location');
      expect(location, path).toMatch(new RegExp(`^/credentials/${id}[/?]`));
      expect(new URL(location!, server.url).host).toBe(new URL(server.url).host);
    }
  });

  it('an ID as issued and a non-ID are not redirected; a capitalised ID is, issued or not (as /v/{id} does)', async () => {
    expect((await fetch(`${server.url}/credentials/${id}/badge.svg`, { redirect: 'manual' })).status).toBe(200);
    expect((await fetch(`${server.url}/credentials/00000000-0000-4000-8000-00000000000A/badge.svg`, { redirect: 'manual' })).headers.get('location')).toBe('/credentials/00000000-0000-4000-8000-00000000000a/badge.svg');
    const none = await fetch(`${server.url}/credentials/not-an-id/badge.svg`, { redirect: 'manual' });
    expect(none.status).toBe(404);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
  });
});
