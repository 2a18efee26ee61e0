/**
 * Names and queries pasted from a web page or a PDF with a character that shows as nothing inside
 * (a zero-width space U+200B, a soft hyphen U+00AD): the registry keeps such a name as written
 * (a ZWJ emoji needs them), but its search did not drop them, so the company was not found by the
 * name anyone reads, and a query pasted with one found nothing. The API's search and the public
 * list now find both. Real HTTP, real SQLite file (FTS5 trigram index).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await seedCompany(server, { n: 98_001, publish: true, name: '株式会社ゼロ\u200b幅ワーク' });
  await seedCompany(server, { n: 98_002, publish: true, name: 'ソフト\u00adハイフン株式会社' });
  await seedCompany(server, { n: 98_003, publish: true, name: '普通の名前株式会社' });
}, 180_000);
afterAll(() => server?.close());

const apiNames = async (q: string) => ((await server.call('GET', `/api/v1/organizations?q=${encodeURIComponent(q)}`, { token: null })).body.items as { name: string }[]).map((o) => o.name);
const pageText = async (q: string) => (await (await fetch(`${server.url}/organizations?q=${encodeURIComponent(q)}`)).text()).replace(/\u200b|\u00ad/g, '');

describe('searching names with invisible characters', () => {
  it('finds a name holding a zero-width space or a soft hyphen by the name a person reads', async () => {
    expect(await apiNames('ゼロ幅ワーク')).toEqual(['株式会社ゼロ\u200b幅ワーク']);
    expect(await apiNames('ソフトハイフン')).toEqual(['ソフト\u00adハイフン株式会社']);
    expect(await pageText('ゼロ幅ワーク')).toContain('株式会社ゼロ幅ワーク');
  });

  it('a query pasted with a zero-width space finds the plain name', async () => {
    expect(await apiNames('普通\u200bの名前')).toEqual(['普通の名前株式会社']);
    expect(await pageText('普通\u200bの名前')).toContain('普通の名前株式会社');
  });
});
