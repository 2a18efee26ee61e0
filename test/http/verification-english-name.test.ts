/**
 * /v/{id} in English for a badge whose organization has an English name: the heading, the page
 * title and the link preview name it as the portal and the organization page do ("Chiyoda City",
 * the Japanese name under it), not only 千代田区, which an English reader cannot read. Japanese
 * pages and organizations without an English name are unchanged. Real server, real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialUuid, newestCredential } from '../helpers/credentials.js';
import { MUNICIPALITY, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let id: string;

beforeAll(async () => {
  server = await startTestServer();
  const municipality = await server.call('POST', '/api/v1/organizations', { body: { ...MUNICIPALITY, nameEn: 'Chiyoda City' } });
  if (municipality.status !== 201) throw new Error(`municipality: ${municipality.status} ${municipality.text}`);
  const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: municipality.body.id, fiscalYear: 2025, category: 'excellence', overview: '移住者向けのテレワーク拠点を整備しました。' } });
  if (award.status !== 201) throw new Error(`award: ${award.status} ${award.text}`);
  id = credentialUuid((await newestCredential(server, `/api/v1/awards/${award.body.id}`)).ref.id);
});

afterAll(async () => {
  await server?.close();
});

const pageOf = async (query: string) => (await server.call('GET', `/v/${id}${query}`, { token: null, headers: { accept: 'text/html' } })).text;
const h1Of = (html: string) => /<h1>([\s\S]*?)<\/h1>/.exec(html)![1]!;

describe('/v/{id} names the organization in the page\'s language', () => {
  it('English: the English name is the heading, the Japanese one under it; the title and preview use it', async () => {
    const html = await pageOf('?lang=en');
    expect(h1Of(html)).toMatch(/^Chiyoda City<br\/?><span class="lead" lang="ja">千代田区<\/span>$/);
    expect(html).toContain('<title>Chiyoda City — Valid');
    expect(html).toContain('<meta property="og:title" content="Chiyoda City — Valid"');
  });

  it('Japanese: the Japanese name alone, as before', async () => {
    const html = await pageOf('');
    expect(h1Of(html)).toBe('千代田区');
    expect(html).toContain('<meta property="og:title" content="千代田区 — 有効"');
  });
});
