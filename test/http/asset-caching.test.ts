/**
 * Every asset a page loads has an address that changes when the file does, and is cached for a
 * year: a second visit on a slow line asks for none of them again (a no-cache script at a fixed
 * address cost a 304 round trip, 400 ms on a train, on every visit). The fixed addresses still
 * answer, for pages cached before a deploy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let organizationId: string;

beforeAll(async () => {
  server = await startTestServer();
  organizationId = (await seedCompany(server, { n: 51, publish: true, name: '株式会社キャッシュテスト' })).organization.id;
});

afterAll(async () => {
  await server?.close();
});

const assetsOf = async (path: string) => {
  const page = await fetch(server.url + path, { headers: { accept: 'text/html' } });
  expect(page.status, path).toBe(200);
  const html = await page.text();
  return [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
};

describe('the assets pages load', () => {
  it.each(['/', '/organizations/{org}', '/verify'])('%s: each one fingerprinted and cached for a year', async (template) => {
    const assets = await assetsOf(template.replace('{org}', organizationId));
    expect(assets.length, template).toBeGreaterThan(0);
    for (const asset of assets) {
      expect(asset, template).toMatch(/^\/assets\/[a-z-]+\.[0-9a-f]{8}\.(css|js)$/);
      const response = await fetch(server.url + asset);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('cache-control'), asset).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-type'), asset).toMatch(/^(text\/css|text\/javascript)/);
    }
  });

  it('the organization page loads the copy button script, /verify the file picker', async () => {
    expect((await assetsOf(`/organizations/${organizationId}`)).some((a) => a.startsWith('/assets/copy.'))).toBe(true);
    expect((await assetsOf('/verify')).some((a) => a.startsWith('/assets/file-picker.'))).toBe(true);
  });

  it('the fixed addresses of before still answer, revalidated', async () => {
    for (const path of ['/assets/copy.js', '/assets/file-picker.js']) {
      const response = await fetch(server.url + path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('public, no-cache');
    }
  });
});
