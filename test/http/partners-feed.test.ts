import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, registerPartner } from '../helpers/partners.js';
import { corporateNumberFor, DECLARATION, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { onWorker } from '../helpers/targets.js';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await accessToken(server, await registerPartner(server));
});
afterAll(() => server?.close());

interface FeedItem {
  cursor: string;
  id: string;
  type: string;
  subject: { type: string; id: string };
  data: Record<string, any>;
}

/** Follows the feed from `after` until told to stop, a few items per request, like a partner's poller. */
function follow(after: string, { limit = 3 }: { limit?: number } = {}) {
  const seen: FeedItem[] = [];
  /** Items seen before the writers finished: proves the reads interleaved with the commits. */
  let seenWhileWriting = 0;
  let stop = false;
  let cursor = after;
  const done = (async () => {
    for (;;) {
      const stopping = stop;
      const page = await server.call('GET', `/api/v1/changes?after=${cursor}&limit=${limit}`, { token });
      if (page.status !== 200) throw new Error(`feed: ${page.status} ${page.text}`);
      seen.push(...page.body.items);
      if (!stopping) seenWhileWriting = seen.length;
      cursor = page.body.nextCursor;
      // One last full read after the writers finished, so the tail is not cut off.
      if (stopping && !page.body.hasMore) return;
      if (!page.body.hasMore) await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return { seen, whileWriting: () => seenWhileWriting, finish: async () => ((stop = true), await done, seen) };
}

describe('change feed', () => {
  it('a listed organization renamed or moved is an event naming what changed; its contact, or an unlisted organization, is not', async () => {
    const listed = await seedCompany(server, { n: 701, publish: true, name: '株式会社改称前' });
    const unlisted = await seedCompany(server, { n: 702, name: '株式会社未公表' });
    const start = (await server.call('GET', '/api/v1/changes/latest', { token: null })).body.cursor;
    const current = async (id: string) => (await server.call('GET', `/api/v1/organizations/${id}`)).body;
    const put = async (id: string, change: Record<string, unknown>) => {
      const { kind, name, corporateNumber, prefectureCode, contact } = await current(id);
      const response = await server.call('PUT', `/api/v1/organizations/${id}`, { body: { kind, name, corporateNumber, prefectureCode, ...(contact ? { contact } : {}), ...change } });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    };
    await put(listed.organization.id, { contact: { email: 'private@example.jp' } });
    await put(listed.organization.id, { name: '株式会社改称後', prefectureCode: '27' });
    await put(unlisted.organization.id, { name: '株式会社未公表改称' });
    const items = (await server.call('GET', `/api/v1/changes?after=${start}`, { token: null })).body.items as FeedItem[];
    expect(items.map((e) => e.type)).toEqual(['organization.updated']);
    expect(items[0]).toMatchObject({ subject: { type: 'organization', id: listed.organization.id }, data: { organization: { id: listed.organization.id, name: '株式会社改称後', prefectureCode: '27' }, changed: ['name', 'prefectureCode'] } });
    expect(JSON.stringify(items)).not.toContain('private@example.jp');
  });

  it('lists public changes in commit order, and nothing private', async () => {
    const org = (await server.call('POST', '/api/v1/organizations', { body: { kind: 'company', name: '株式会社フィード', corporateNumber: corporateNumberFor(700), prefectureCode: '13', contact: { email: 'secret@example.jp' } } })).body;
    const start = (await server.call('GET', '/api/v1/changes/latest', { token: null })).body.cursor;
    const draft = (await server.call('POST', `/api/v1/organizations/${org.id}/declarations`, { body: DECLARATION })).body;
    await server.call('PUT', `/api/v1/declarations/${draft.id}`, { body: { ...DECLARATION, policy: '下書きの修正' } });
    await server.call('POST', `/api/v1/declarations/${draft.id}/submit`);
    await server.call('POST', `/api/v1/declarations/${draft.id}/publish`);
    await server.call('PUT', `/api/v1/declarations/${draft.id}`, { body: { ...DECLARATION, policy: '公表後の改訂' } });
    await server.call('POST', `/api/v1/declarations/${draft.id}/suspend`, { body: { reason: 'under-investigation' } });
    await server.call('POST', `/api/v1/declarations/${draft.id}/reinstate`);
    const award = (await server.call('POST', '/api/v1/awards', { body: { organizationId: org.id, fiscalYear: 2025, category: 'excellence' } })).body;
    await server.call('POST', `/api/v1/awards/${award.id}/revoke`);
    await server.call('POST', `/api/v1/declarations/${draft.id}/revoke`, { body: { reason: 'false-declaration' } });

    const feed = await server.call('GET', `/api/v1/changes?after=${start}`, { token: null });
    expect(feed.status).toBe(200);
    expect(feed.body.items.map((e: FeedItem) => e.type)).toEqual([
      'declaration.published', 'declaration.amended', 'declaration.suspended', 'declaration.reinstated',
      'award.granted', 'award.revoked', 'declaration.revoked',
    ]);
    const cursors = feed.body.items.map((e: FeedItem) => Number(e.cursor));
    expect([...cursors].sort((a, b) => a - b)).toEqual(cursors);
    const text = JSON.stringify(feed.body);
    for (const secret of ['secret@example.jp', '下書きの修正', '公表後の改訂', DECLARATION.signerName]) expect(text).not.toContain(secret);
    expect(feed.body.items[0].data).toMatchObject({ organization: { id: org.id, corporateNumber: corporateNumberFor(700) }, declaration: { id: draft.id, status: 'published' } });
    // Resumable from any cursor: from the third event on.
    const resumed = await server.call('GET', `/api/v1/changes?after=${feed.body.items[1].cursor}&limit=2`, { token: null });
    expect(resumed.body.items.map((e: FeedItem) => e.id)).toEqual(feed.body.items.slice(2, 4).map((e: FeedItem) => e.id));
    expect(resumed.body).toMatchObject({ hasMore: true, nextCursor: feed.body.items[3].cursor });
    expect((await server.call('GET', '/api/v1/changes?after=abc', { token: null })).body.errors[0].field).toBe('after');
    // A cursor the feed never handed out is refused, not echoed back (the client would skip what comes next).
    const latest = Number((await server.call('GET', '/api/v1/changes/latest', { token: null })).body.cursor);
    const ahead = await server.call('GET', `/api/v1/changes?after=${latest + 1000}`, { token: null });
    expect(ahead.status).toBe(400);
    expect(ahead.body.errors[0].field).toBe('after');
    expect((await server.call('GET', `/api/v1/changes?after=${latest}`, { token: null })).body).toMatchObject({ items: [], nextCursor: String(latest) });
  });

  // The Worker target is several times slower per request on a shared CI machine: fewer changes there.
  const changes = onWorker ? 20 : 50;
  it(`a follower polling during ${changes} concurrent changes sees every one exactly once, in order`, { timeout: 180_000 }, async () => {
    const ids: string[] = [];
    for (let i = 0; i < changes; i++) {
      const org = (await server.call('POST', '/api/v1/organizations', { body: { kind: 'company', name: `並行フィード${i}`, corporateNumber: corporateNumberFor(800 + i), prefectureCode: '13' } })).body;
      const d = (await server.call('POST', `/api/v1/organizations/${org.id}/declarations`, { body: DECLARATION })).body;
      await server.call('POST', `/api/v1/declarations/${d.id}/submit`);
      ids.push(d.id);
    }
    const start = (await server.call('GET', '/api/v1/changes/latest', { token })).body.cursor;
    const follower = follow(start);
    const published = await Promise.all(ids.map((id) => server.call('POST', `/api/v1/declarations/${id}/publish`)));
    expect(published.map((r) => r.status)).toEqual(ids.map(() => 200));
    const seen = await follower.finish();

    const subjects = seen.map((e) => e.subject.id);
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    expect([...subjects].sort()).toEqual([...ids].sort());
    const cursors = seen.map((e) => Number(e.cursor));
    expect(cursors.every((c, i) => i === 0 || c > cursors[i - 1]!)).toBe(true);
    expect(seen.every((e) => e.type === 'declaration.published')).toBe(true);
    expect(follower.whileWriting(), 'the follower read events while changes were still committing').toBeGreaterThan(0);
  });
});
