/**
 * Public pages are sent with Cache-Control: no-cache, so a browser asks again on every visit: an
 * organization's page, a badge's verification page (/v/{id}, opened from a QR code on a phone) and
 * the home page carry an ETag, and a second visit to an unchanged page is a bodiless 304. A change
 * the page shows (a suspension) is a full page with a new tag. On Node, where fetch gets the page
 * gzipped, the tag is the weak form of the same one; on the Worker, as is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialUuid, declarationCredential } from '../helpers/credentials.js';
import { declarationAction, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let organizationId: string;
let declarationId: string;
let credentialId: string;

const visit = (path: string, headers: Record<string, string> = {}) => fetch(server.url + path, { headers: { accept: 'text/html', ...headers } });

beforeAll(async () => {
  server = await startTestServer();
  const company = await seedCompany(server, { n: 41, publish: true, name: '株式会社再訪テスト' });
  organizationId = company.organization.id;
  declarationId = company.declarationId;
  credentialId = credentialUuid((await declarationCredential(server, declarationId)).ref.id);
});

afterAll(async () => {
  await server?.close();
});

describe('a second visit to an unchanged public page', () => {
  it.each(['/', '/organizations/{org}', '/v/{credential}', '/v/{credential}?lang=en', '/verify'])('%s: 304 without a body, with the same ETag', async (template) => {
    const path = template.replace('{org}', organizationId).replace('{credential}', credentialId);
    const first = await visit(path);
    expect(first.status, path).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag, path).toMatch(/^(W\/)?"[^"]+"$/);
    expect(first.headers.get('cache-control'), path).toBe('no-cache');
    await first.text();
    const again = await visit(path, { 'if-none-match': etag! });
    expect(again.status, path).toBe(304);
    expect(await again.text(), path).toBe('');
    expect(again.headers.get('etag'), path).toBe(etag);
    expect(again.headers.get('cache-control'), path).toBe('no-cache');
    expect(again.headers.get('vary') ?? '', path).toContain('Accept-Language');
    // Another tag (a page of before a change) gets the page.
    expect((await visit(path, { 'if-none-match': '"h-0"' })).status, path).toBe(200);
  });

  it('a page in the other language is another representation: its own tag', async () => {
    const ja = (await visit(`/v/${credentialId}`)).headers.get('etag');
    const en = (await visit(`/v/${credentialId}?lang=en`)).headers.get('etag');
    expect(ja).not.toBe(en);
    expect((await visit(`/v/${credentialId}?lang=en`, { 'if-none-match': ja! })).status).toBe(200);
  });

  it('after a suspension, the organization page and the verification page come in full, with a new tag', async () => {
    const paths = [`/organizations/${organizationId}`, `/v/${credentialId}`];
    const before = await Promise.all(paths.map(async (path) => (await visit(path)).headers.get('etag')!));
    await declarationAction(server, declarationId, 'suspend', { body: { reason: 'under-investigation' } });
    for (const [i, path] of paths.entries()) {
      const after = await visit(path, { 'if-none-match': before[i]! });
      expect(after.status, path).toBe(200);
      expect(after.headers.get('etag'), path).not.toBe(before[i]);
      expect(await after.text(), path).toContain('一時停止');
    }
  });

  it('a page that is not there (404) and a form answer (POST) carry no ETag', async () => {
    const missing = await visit('/organizations/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('etag')).toBeNull();
    const posted = await fetch(server.url + '/verify', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'credential=' });
    expect(posted.status).toBe(400);
    expect(posted.headers.get('etag')).toBeNull();
  });
});
