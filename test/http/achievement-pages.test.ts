/**
 * The Open Badges Achievement every credential names by URL (the self-declaration's, each award's)
 * leads somewhere: a person who opens it from a wallet or a badge viewer gets a page saying what
 * the achievement is, in Japanese or English, and a verifier that dereferences it gets the
 * Achievement object exactly as the credentials embed it. An address no credential names is 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { declarationCredential, localUrl, newestCredential } from '../helpers/credentials.js';

type Json = Record<string, any>;

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const OB_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

let server: TestServer;
let declaration: Json;
let divisionAward: Json;
let plainAward: Json;

beforeAll(async () => {
  server = await startTestServer();
  const division = await server.call('POST', '/api/v1/award-divisions', { body: { code: 'large', nameJa: '大企業部門', nameEn: 'Large companies', sortOrder: 10 } });
  expect(division.status, division.text).toBe(201);
  const a = await seedCompany(server, { n: 811, publish: true });
  declaration = (await declarationCredential(server, a.declarationId)).dataIntegrity.credentialSubject.achievement;
  const award = async (body: Json) => {
    const recorded = await server.call('POST', '/api/v1/awards', { body });
    expect(recorded.status, recorded.text).toBe(201);
    return (await newestCredential(server, `/api/v1/awards/${recorded.body.id}`)).dataIntegrity.credentialSubject.achievement;
  };
  divisionAward = await award({ organizationId: a.organization.id, fiscalYear: 2024, category: 'minister', division: 'large', awardedOn: '2025-02-10' });
  const b = await seedCompany(server, { n: 812, publish: true });
  plainAward = await award({ organizationId: b.organization.id, fiscalYear: 2024, category: 'excellence', awardedOn: '2025-02-10' });
});
afterAll(() => server?.close());

const get = (url: string, headers: Record<string, string> = HTML) => fetch(localUrl(server, url), { headers });
/** A text as hono/jsx writes it into a page. */
const inHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll("'", '&#39;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const idsOn = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));

describe('the self-declaration Achievement address', () => {
  it('answers a browser with a page on the achievement, each guideline area its own section that a targetUrl lands on', async () => {
    expect(declaration.id).toMatch(/\/achievements\/telework-self-declaration$/);
    const response = await get(declaration.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<html lang="ja"');
    expect(html).toMatch(/<h1[^>]*>地方創生テレワーク自己宣言<\/h1>/);
    expect(html).toContain(declaration.criteria.narrative);
    const ids = idsOn(html);
    expect(declaration.alignment).toHaveLength(5);
    for (const alignment of declaration.alignment) {
      const fragment = new URL(alignment.targetUrl).hash.slice(1);
      expect(ids.has(fragment), `#${fragment} on the page`).toBe(true);
      expect(html).toContain(alignment.targetName);
      expect(html).toContain(alignment.targetDescription);
    }
    // The list of those that declared.
    expect(html).toContain('href="/organizations"');
  });

  it('in English with ?lang=en or an English Accept-Language', async () => {
    for (const response of [await get(`${declaration.id}?lang=en`), await get(declaration.id, { ...HTML, 'accept-language': 'en-GB,en;q=0.8' })]) {
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('<html lang="en"');
      expect(html).toContain(declaration.nameEn);
      expect(html).toContain(inHtml(declaration.criteria.narrativeEn));
      for (const alignment of declaration.alignment) expect(html).toContain(alignment.targetNameEn);
    }
  });

  it('answers a program with the Achievement exactly as the credential embeds it, under the VC and OB 3.0 contexts', async () => {
    for (const accept of ['application/json', 'application/ld+json']) {
      const response = await get(declaration.id, { accept });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(accept);
      const body = (await response.json()) as Json;
      expect(body.id).toBe(declaration.id);
      const { '@context': context, ...achievement } = body;
      expect(achievement).toEqual(declaration);
      expect(context.slice(0, 2)).toEqual([VC_V2, OB_V3]);
    }
  });

  it('is cacheable: an ETag that If-None-Match answers 304, a Cache-Control; HEAD answers without a body', async () => {
    for (const headers of [HTML, { accept: 'application/json' }]) {
      const first = await get(declaration.id, headers);
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag');
      expect(etag).toBeTruthy();
      expect(first.headers.get('cache-control')).toBeTruthy();
      expect(first.headers.get('vary')).toMatch(/Accept/);
      const again = await get(declaration.id, { ...headers, 'if-none-match': etag! });
      expect(again.status).toBe(304);
    }
    const html = await get(declaration.id);
    const json = await get(declaration.id, { accept: 'application/json' });
    const linkedData = await get(declaration.id, { accept: 'application/ld+json' });
    expect(new Set([html, json, linkedData].map((r) => r.headers.get('etag'))).size).toBe(3);
    const head = await fetch(localUrl(server, declaration.id), { method: 'HEAD', headers: HTML });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('is in the sitemap of the site pages', async () => {
    const xml = await (await fetch(`${server.url}/sitemaps/site.xml`)).text();
    expect(xml).toMatch(/<loc>[^<]+\/achievements\/telework-self-declaration<\/loc>/);
  });
});

describe('an award Achievement address', () => {
  it('answers a browser with the year as 令和N年度, the category and division as the credential names them, its criteria, and the holders', async () => {
    expect(divisionAward.id).toMatch(/\/achievements\/telework-award\/2024\/minister\/large$/);
    const response = await get(divisionAward.id);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('令和6年度');
    expect(html).toContain('大臣賞');
    expect(html).toContain('大企業部門');
    expect(html).toContain(divisionAward.criteria.narrative);
    expect(html).toContain('href="/organizations?awardYear=2024&amp;awardCategory=minister"');
    expect(html).toContain('href="/awards?fiscalYear=2024"');

    const plain = await get(plainAward.id);
    expect(plain.status).toBe(200);
    const plainHtml = await plain.text();
    expect(plainHtml).toContain('優秀賞');
    expect(plainHtml).not.toContain('大企業部門');

    const english = await (await get(`${divisionAward.id}?lang=en`)).text();
    expect(english).toContain('<html lang="en"');
    expect(english).toContain('FY2024');
    expect(english).toContain('Large companies');
    expect(english).toContain(inHtml(divisionAward.criteria.narrativeEn));
  });

  it('answers a program with the Achievement exactly as the credential embeds it', async () => {
    for (const embedded of [divisionAward, plainAward]) {
      const response = await get(embedded.id, { accept: 'application/ld+json' });
      expect(response.status).toBe(200);
      const { '@context': context, ...achievement } = (await response.json()) as Json;
      expect(achievement.id).toBe(embedded.id);
      expect(achievement).toEqual(embedded);
      expect(context.slice(0, 2)).toEqual([VC_V2, OB_V3]);
    }
    const head = await fetch(localUrl(server, plainAward.id), { method: 'HEAD', headers: HTML });
    expect(head.status).toBe(200);
  });
});

describe('an Achievement address no credential names', () => {
  const base = () => divisionAward.id.replace(/\/2024\/minister\/large$/, '');
  const unknown = () => [
    { path: `${base()}/2024/no-such-category`, field: 'category' },
    { path: `${base()}/2024/minister/no-such-division`, field: 'division' },
    { path: `${base()}/1999/minister`, field: 'fiscalYear' },
    { path: `${base()}/not-a-year/minister`, field: 'fiscalYear' },
    // A year and category that exist, but no award of them was ever recorded.
    { path: `${base()}/2023/minister`, field: 'fiscalYear' },
    { path: `${base()}/2024/excellence/large`, field: 'division' },
  ];

  it('is the site’s 404 page for a browser', async () => {
    for (const { path } of unknown()) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('ページが見つかりません');
    }
  });

  it('is problem+json naming the path segment for a program', async () => {
    for (const { path, field } of unknown()) {
      const response = await get(path, { accept: 'application/json' });
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = (await response.json()) as Json;
      expect(body.messages.ja).toBeTruthy();
      expect(body.messages.en).toBeTruthy();
      expect(body.errors.map((e: Json) => e.field), path).toEqual([field]);
    }
  });
});
