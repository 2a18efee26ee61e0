import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/adapters/sqlite/open.js';
import { createApp } from '../../src/http/app.js';
import { PAGE_CSP } from '../../src/http/pages/http-helpers.js';
import { API_CSP } from '../../src/http/security-headers.js';
import { createKyselyRegistry } from '../../src/registry.js';
import { credentialUuid, declarationCredential } from '../helpers/credentials.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

/** Security headers (src/http/security-headers.ts); no-key-material.test.ts checks them on every route. */
describe('security headers', () => {
  let server: TestServer;
  let uuid: string;

  beforeAll(async () => {
    server = await startTestServer();
    const { declarationId } = await seedCompany(server, { n: 1, publish: true });
    uuid = credentialUuid((await declarationCredential(server, declarationId)).ref.id);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('JSON answers, errors and 404s get the API policy and the common headers', async () => {
    for (const [path, token, status] of [['/api/v1/organizations', null, 200], ['/api/v1/tokens', null, 401], ['/no/such/thing', null, 404], ['/api/v1/tokens', 'bad token', 401]] as const) {
      const response = await server.call('GET', path, { token });
      expect(response.status).toBe(status);
      expect(response.headers.get('content-security-policy')).toBe(API_CSP);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('x-request-id')).toMatch(/\S/);
      expect(response.headers.get('strict-transport-security')).toBeNull(); // http://localhost
    }
  });

  it('pages keep their own CSP (with frame-ancestors none), images theirs', async () => {
    const page = await server.call('GET', '/awards', { token: null });
    expect(page.headers.get('content-security-policy')).toBe(PAGE_CSP);
    // /verify loads the registry's own file picker script, and nothing else.
    const verify = await server.call('GET', '/verify', { token: null });
    expect(verify.headers.get('content-security-policy')).toBe(`${PAGE_CSP}; script-src 'self'`);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    const docs = await server.call('GET', '/docs', { token: null });
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(docs.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    for (const path of [`/credentials/${uuid}/badge.svg`, `/credentials/${uuid}/qr.svg`, '/logo.svg']) {
      const image = await server.call('GET', path, { token: null });
      expect(image.status, path).toBe(200);
      expect(image.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(image.headers.get('content-security-policy'), path).toContain("default-src 'none'");
    }
  });

  it('badges, QR codes, the logo and the public API stay embeddable by other sites; the secretariat API does not', async () => {
    for (const path of [`/credentials/${uuid}/badge.svg`, `/credentials/${uuid}/qr.svg`, `/credentials/${uuid}/qr.png`, '/logo.svg', `/credentials/${uuid}`, '/.well-known/did.json', '/api/v1/organizations']) {
      expect((await server.call('GET', path, { token: null })).headers.get('cross-origin-resource-policy'), path).toBe('cross-origin');
    }
    expect((await server.call('GET', '/api/v1/tokens')).headers.get('cross-origin-resource-policy')).toBe('same-origin');
    // CORS still answers as before, with the security headers alongside.
    const preflight = await fetch(`${server.url}/credentials/verify`, { method: 'OPTIONS', headers: { Origin: 'https://recruit.example', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('x-content-type-options')).toBe('nosniff');
    const read = await fetch(`${server.url}/credentials/${uuid}/badge.svg`, { headers: { Origin: 'https://recruit.example' } });
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
    await read.arrayBuffer();
  });

  it('Strict-Transport-Security only when the public address is https', async () => {
    const store = await openSqlite({ path: ':memory:' });
    try {
      for (const [publicBaseUrl, hsts] of [['https://registry.example.jp', 'max-age=31536000'], ['http://localhost:8787', null]] as const) {
        const registry = await createKyselyRegistry({ db: store.db, unitOfWork: store.unitOfWork, config: { validityMonths: 36, publicBaseUrl, didMethod: 'did:web' } });
        const app = createApp({ registry, publicBaseUrl });
        for (const path of ['/healthz', '/verify', '/nowhere']) expect((await app.request(path)).headers.get('strict-transport-security'), `${publicBaseUrl}${path}`).toBe(hsts);
      }
    } finally {
      await store.close();
    }
  });
});
