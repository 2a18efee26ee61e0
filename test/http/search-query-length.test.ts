/**
 * A search as long as the search box allows (100 characters), counted as a person counts them: a
 * query ending in 𠮷 (two UTF-16 units, one character) was refused by the API with a bare 「値が
 * 正しくありません」 though its documentation says 100 characters, and the public list cut it inside
 * the character, showing the box back with a replacement character (�) instead of 𠮷. Real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 180_000);
afterAll(() => server?.close());

const HUNDRED = `${'あ'.repeat(99)}𠮷`;

describe('a search query at its limit', () => {
  it('the API takes 100 characters ending in 𠮷, and says the limit and the length of a longer one', async () => {
    expect((await server.call('GET', `/api/v1/organizations?q=${encodeURIComponent(HUNDRED)}`, { token: null })).status).toBe(200);
    const refused = await server.call('GET', `/api/v1/organizations?q=${encodeURIComponent(`${HUNDRED}𠮷`)}`, { token: null });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'q', ja: expect.stringContaining('100文字以内'), en: expect.stringContaining('at most 100 characters') })]);
    expect(refused.body.errors[0].ja).toContain('101文字');
  });

  it('the public list shows the query back whole, 𠮷 and all', async () => {
    const html = await (await fetch(`${server.url}/organizations?q=${encodeURIComponent(HUNDRED)}`)).text();
    expect(html).toContain(`value="${HUNDRED}"`);
    expect(html).not.toContain('\uFFFD');
  });
});
