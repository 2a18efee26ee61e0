/**
 * 新着 as a feed reader sees it: an Atom feed of the organizations whose declaration was published
 * or who were awarded most recently, newest first, each entry linking the organization's page;
 * found from any page's <head> and from the open data links.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const entriesOf = (feed: string) =>
  [...feed.matchAll(/<entry><title>([^<]*)<\/title><link rel="alternate" type="text\/html" href="([^"]+)"\/><id>([^<]+)<\/id><updated>([^<]+)<\/updated><\/entry>/g)].map(([, title, href, id, updated]) => ({ title: title!, href: href!, id: id!, updated: updated! }));

describe('the news feed', () => {
  it('lists new declarations and awards newest first, in Japanese or English, and every page leads to it', async () => {
    const first = await seedCompany(server, { n: 9501, publish: true, name: '新着一番株式会社' });
    const second = await seedCompany(server, { n: 9502, publish: true, name: 'A&B新着株式会社' });
    const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: first.organization.id, fiscalYear: 2025, category: 'minister', awardedOn: '2026-12-01' } });
    expect(award.status).toBe(201);

    const home = await fetch(`${server.url}/`).then((r) => r.text());
    const discovered = /<link rel="alternate" type="application\/atom\+xml" title="[^"]+" href="([^"]+)"/.exec(home)![1]!;
    expect(home).toContain(`<a href="${discovered}" type="application/atom+xml">`);
    const response = await fetch(`${server.url}${discovered}`);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const feed = await response.text();
    expect(feed).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="ja">/);

    const entries = entriesOf(feed);
    expect(entries.slice(0, 2).map((e) => e.title)).toEqual(['A&amp;B新着株式会社が地方創生テレワークを自己宣言しました', '新着一番株式会社が地方創生テレワークを自己宣言しました']);
    expect(new URL(entries[0]!.href).pathname).toBe(`/organizations/${second.organization.id}`);
    expect(Date.parse(entries[0]!.updated)).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(/<updated>([^<]+)<\/updated>\n<author>/.exec(feed)![1]).toBe(entries[0]!.updated);
    // The award of 1 December comes after today's publications, in Japan's day.
    const awarded = entries.find((e) => e.title.includes('受賞'))!;
    expect(awarded.title).toBe('新着一番株式会社が令和7年度（2025年度） 大臣賞を受賞しました');
    expect(awarded.updated).toBe('2026-12-01T00:00:00+09:00');

    const english = entriesOf(await fetch(`${server.url}/feeds/news.atom?lang=en`).then((r) => r.text()));
    expect(english[0]!.title).toBe('A&amp;B新着株式会社 made the telework self-declaration');
    expect(english[0]!.href).toMatch(/\?lang=en$/);
  });
});
