/**
 * A search engine's crawler, as it reads the site: robots.txt says where not to go and where the
 * sitemap is; the sitemap index names the files; the files name every organization's page, in
 * Japanese with its English version, and when it last changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sitemapIndex } from '../../src/http/pages/crawlers.js';
import { declarationAction, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const locsOf = (xml: string, tag: 'url' | 'sitemap') => [...xml.matchAll(new RegExp(`<${tag}><loc>([^<]+)</loc>`, 'g'))].map((m) => m[1]!);

/** Every page the sitemaps name, by path (the server's address may read as localhost there), followed from robots.txt as a crawler follows them. */
async function crawl(): Promise<{ robots: string; pages: Map<string, string> }> {
  const robots = await fetch(`${server.url}/robots.txt`).then((r) => r.text());
  const sitemapUrl = /^Sitemap: (\S+)$/m.exec(robots)![1]!;
  const index = await fetch(sitemapUrl);
  expect(index.headers.get('content-type')).toBe('application/xml; charset=utf-8');
  const pages = new Map<string, string>();
  for (const file of locsOf(await index.text(), 'sitemap')) {
    const xml = await fetch(file).then((r) => r.text());
    for (const entry of xml.match(/<url>.*?<\/url>/g)!) pages.set(new URL(locsOf(entry, 'url')[0]!).pathname, entry);
  }
  return { robots, pages };
}

describe('robots.txt and sitemaps', () => {
  it('keep crawlers out of the signed-in areas and invitation links, and lead them to every organization page', async () => {
    const shown = await seedCompany(server, { n: 9301, publish: true, name: '検索掲載株式会社' });
    const draftOnly = await seedCompany(server, { n: 9302, name: '下書きのみ株式会社' });

    const { robots, pages } = await crawl();
    const response = await fetch(`${server.url}/robots.txt`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    for (const path of ['/admin', '/my', '/login', '/join', '/api/']) expect(robots).toContain(`Disallow: ${path}\n`);
    expect(robots).not.toMatch(/^Disallow: \/$/m);

    const page = `/organizations/${shown.organization.id}`;
    expect(pages.has(page)).toBe(true);
    expect(pages.get(page)).toMatch(new RegExp(`<xhtml:link rel="alternate" hreflang="en" href="http://[^"]+${page}\\?lang=en"/>`));
    const lastModified = /<lastmod>([^<]+)<\/lastmod>/.exec(pages.get(page)!)![1]!;
    expect(Date.now() - Date.parse(lastModified)).toBeLessThan(10 * 60_000);
    expect([...pages.keys()].some((url) => url.includes(draftOnly.organization.id))).toBe(false);
    for (const path of ['/', '/organizations', '/awards', '/verify']) expect(pages.has(path)).toBe(true);
    // Every address named is a page that answers.
    for (const path of [page, `${page}?lang=en`, '/awards']) expect((await fetch(`${server.url}${path}`)).status).toBe(200);
  });

  it('name an organization once its declaration is published, and a later change to its page', async () => {
    const later = await seedCompany(server, { n: 9303, name: '後から公表株式会社' });
    const page = `/organizations/${later.organization.id}`;
    expect((await crawl()).pages.has(page)).toBe(false);

    await server.call('POST', `/api/v1/declarations/${later.declarationId}/submit`, { token: later.orgToken });
    await declarationAction(server, later.declarationId, 'publish');
    const published = /<lastmod>([^<]+)</.exec((await crawl()).pages.get(page)!)![1]!;

    await new Promise((resolve) => setTimeout(resolve, 5));
    await declarationAction(server, later.declarationId, 'suspend', { body: { reason: 'other', note: 'サイトマップの確認' } });
    const suspended = /<lastmod>([^<]+)</.exec((await crawl()).pages.get(page)!)![1]!;
    expect(Date.parse(suspended)).toBeGreaterThan(Date.parse(published));
  });

  it('answer a crawler that has a sitemap file already with 304, until a page in it changes', async () => {
    await seedCompany(server, { n: 9304, publish: true, name: '再訪確認株式会社' });
    const first = await fetch(`${server.url}/sitemaps/organizations-1.xml`);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(Date.now() - Date.parse(lastModified)).toBeLessThan(10 * 60_000);
    expect((await fetch(`${server.url}/sitemaps/organizations-1.xml`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    expect((await fetch(`${server.url}/sitemaps/organizations-1.xml`, { headers: { 'If-Modified-Since': lastModified } })).status).toBe(304);
    // The same bytes again while nothing changed.
    expect(await fetch(`${server.url}/sitemaps/organizations-1.xml`).then((r) => r.text())).toBe(await first.text());

    await new Promise((resolve) => setTimeout(resolve, 1000)); // HTTP dates count seconds
    const later = await seedCompany(server, { n: 9305, publish: true, name: '再訪後公表株式会社' });
    const again = await fetch(`${server.url}/sitemaps/organizations-1.xml`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain(`/organizations/${later.organization.id}<`);
    expect((await fetch(`${server.url}/sitemaps/organizations-1.xml`, { headers: { 'If-Modified-Since': lastModified } })).status).toBe(200);
  });

  it('answer a sitemap file past the last with a problem, not an empty file', async () => {
    for (const file of ['organizations-2.xml', 'organizations-0.xml', 'organizations-x.xml']) {
      const answer = await server.call('GET', `/sitemaps/${file}`, { token: null });
      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('split the organizations into files of 10,000 addresses', () => {
    const index = sitemapIndex('https://registry.example.jp', 25_000);
    expect(locsOf(index, 'sitemap')).toEqual([
      'https://registry.example.jp/sitemaps/site.xml',
      'https://registry.example.jp/sitemaps/organizations-1.xml',
      'https://registry.example.jp/sitemaps/organizations-2.xml',
      'https://registry.example.jp/sitemaps/organizations-3.xml',
    ]);
  });
});
