/**
 * What a search result and a shared link (LINE, X, Slack) show of a page: the description and the
 * Open Graph tags say whose page it is and what it holds now, in the page's language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarationAction, freePort, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
const PUBLIC_BASE_URL = 'https://telework-registry.example.jp';

beforeAll(async () => {
  const port = await freePort();
  server = await startTestServer({ PORT: String(port), PUBLIC_BASE_URL });
});
afterAll(() => server?.close());

/** A <meta> tag's content by its name or property, as a link preview reads it (entities decoded). */
async function metaOf(path: string): Promise<(key: string) => string | undefined> {
  const html = await fetch(`${server.url}${path}`).then((r) => r.text());
  const tags = [...html.matchAll(/<meta (?:name|property)="([^"]+)" content="([^"]*)"/g)];
  const decode = (text: string) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return (key) => tags.find((t) => t[1] === key)?.[2] && decode(tags.find((t) => t[1] === key)![2]!);
}

describe('link previews and search result descriptions', () => {
  it("say on an organization's page who it is, where, and which badges are valid now", async () => {
    const { organization, declarationId } = await seedCompany(server, { n: 9401, publish: true, name: '共有プレビュー株式会社' });
    const path = `/organizations/${organization.id}`;

    let meta = await metaOf(path);
    expect(meta('description')).toBe('共有プレビュー株式会社（東京都）の地方創生テレワークの自己宣言・表彰の記録。現在有効なバッジ: 地方創生テレワーク 自己宣言。');
    expect(meta('og:description')).toBe(meta('description'));
    expect(meta('og:title')).toBe('共有プレビュー株式会社');
    expect(meta('og:url')).toBe(`${PUBLIC_BASE_URL}${path}`);
    expect(meta('og:locale')).toBe('ja_JP');

    const english = await metaOf(`${path}?lang=en`);
    expect(english('description')).toBe('共有プレビュー株式会社 (Tokyo): its regional revitalization telework self-declaration and awards on record. Badges valid now: Telework self-declaration.');
    expect(english('og:url')).toBe(`${PUBLIC_BASE_URL}${path}?lang=en`);

    await declarationAction(server, declarationId, 'suspend', { body: { reason: 'other', note: 'プレビューの確認' } });
    meta = await metaOf(path);
    expect(meta('description')).toBe('共有プレビュー株式会社（東京都）の地方創生テレワークの自己宣言・表彰の記録。現在有効なバッジはありません。');
  });

  it('describe the home page with its lead', async () => {
    expect((await metaOf('/'))('description')).toMatch(/^「転職なき移住」を進める地方創生テレワーク。/);
    expect((await metaOf('/?lang=en'))('description')).toMatch(/^Regional revitalization telework lets people move/);
  });
});
