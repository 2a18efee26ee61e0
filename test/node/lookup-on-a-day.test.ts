/**
 * "Was this company declared on the day it applied?": a subsidy office or a recruiting site asks
 * the lookup for a past day (`on`), and gets the declaration as the public read it at the end of
 * that day in Japan, from the changes the registry recorded: published, suspended for a while,
 * lapsed at the end of its period (whether or not the sweep had run), its renewal under review,
 * withdrawn and declared anew. The registry runs over a real SQLite file with a clock the test
 * moves; the answers come through the app's HTTP layer.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { ADMIN as admin, registryOnFreshFile } from '../helpers/database-file.js';

const TOKEN = 'lookup-on-a-day-token-0123456789abcdef';
const BASE = 'http://localhost:8787';
const A = '7123456789012';
const B = '3218030101877';
type Json = Record<string, any>;
const DECLARATION = { signerName: '山田', signerTitle: '社長', committedOn: '2025-01-10', guidelineAreas: ['labor'] };

/** Two companies' histories from April 2025 to April 2026, and the app answering on 20 April 2026. */
async function history() {
  const clock = { now: new Date('2025-04-01T01:00:00.000Z') };
  const at = (iso: string) => (clock.now = new Date(iso));
  const { registry } = await registryOnFreshFile('lookup-on-a-day-', { now: () => clock.now });
  await registry.tokens.bootstrapAdmin(TOKEN);
  const declare = async (organizationId: string) => {
    const d = await registry.declarations.create(admin, organizationId, DECLARATION);
    await registry.declarations.act(admin, d.id, 'submit');
    await registry.declarations.act(admin, d.id, 'publish');
    return d.id;
  };
  const a = await registry.organizations.create(admin, { kind: 'company', name: '基準日株式会社', corporateNumber: A, prefectureCode: '13' });
  const b = await registry.organizations.create(admin, { kind: 'company', name: '出直し株式会社', corporateNumber: B, prefectureCode: '27' });
  // A: published 10:00 JST on 1 April 2025, valid to the end of 1 April 2026.
  const first = await declare(a.id);
  at('2025-06-10T03:00:00.000Z');
  await registry.declarations.act(admin, first, 'suspend', { reason: 'under-investigation' });
  at('2025-06-20T03:00:00.000Z');
  await registry.declarations.act(admin, first, 'reinstate');
  // B: published in May, withdrawn in August, declared anew in September.
  at('2025-05-01T03:00:00.000Z');
  const withdrawn = await declare(b.id);
  at('2025-08-01T03:00:00.000Z');
  await registry.declarations.act(admin, withdrawn, 'withdraw');
  at('2025-09-01T03:00:00.000Z');
  const anew = await declare(b.id);
  // A's awards: FY2024's 優秀賞, awarded on 1 February 2025 and recorded in the registry later (on
  // 1 July 2025), suspended from 1 to 15 October; FY2025's 大臣賞, recorded on its day, revoked on 1 March 2026.
  at('2025-07-01T03:00:00.000Z');
  const excellence = await registry.awards.create(admin, { organizationId: a.id, fiscalYear: 2024, category: 'excellence', awardedOn: '2025-02-01' });
  at('2025-10-01T03:00:00.000Z');
  await registry.awards.act(admin, excellence.id, 'suspend', { reason: 'under-investigation' });
  at('2025-10-15T03:00:00.000Z');
  await registry.awards.act(admin, excellence.id, 'reinstate');
  at('2026-02-10T03:00:00.000Z');
  const minister = await registry.awards.create(admin, { organizationId: a.id, fiscalYear: 2025, category: 'minister', awardedOn: '2026-02-10' });
  at('2026-03-01T03:00:00.000Z');
  await registry.awards.act(admin, minister.id, 'revoke', { reason: 'other' });
  // A lapsed at 00:00 JST on 2 April 2026; no sweep ran. Its renewal was asked on 5 April, published on 10 April.
  at('2026-04-05T03:00:00.000Z');
  await registry.declarations.act(admin, first, 'renew');
  at('2026-04-10T03:00:00.000Z');
  await registry.declarations.act(admin, first, 'publish');
  at('2026-04-20T03:00:00.000Z');
  const app = createApp({ registry, publicBaseUrl: BASE });
  const get = async (path: string) => {
    const answer = await app.request(`${BASE}${path}`, { headers: { accept: 'application/json' } });
    return { status: answer.status, type: answer.headers.get('content-type'), body: (await answer.json()) as Json };
  };
  const bulk = async (body: Json) => {
    const answer = await app.request(`${BASE}/api/v1/lookup`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: answer.status, body: (await answer.json()) as Json };
  };
  /** Company A's declaration on `day`: its state, with its period's end and the renewal flag when there is one. */
  const onDay = async (number: string, day: string) => {
    const { status, body } = await get(`/api/v1/organizations/by-corporate-number/${number}?on=${day}`);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.on).toBe(day);
    return body.declarationOn as Json | null;
  };
  /** Company A's awards on `day`, each as "category status". */
  const awardsOn = async (day: string) => {
    const { status, body } = await get(`/api/v1/organizations/by-corporate-number/${A}?on=${day}`);
    expect(status, JSON.stringify(body)).toBe(200);
    return (body.awardsOn as Json[]).map((award) => `${award.category} ${award.status}`);
  };
  /** The history (これまでの経過) under each declaration on the organization's page, each step as its text. */
  const histories = async (organizationId: string) => {
    const html = await (await app.request(`${BASE}/organizations/${organizationId}`)).text();
    return [...html.matchAll(/<details class="public-history">([\s\S]*?)<\/details>/g)].map(([, list]) =>
      [...list!.matchAll(/<li><time datetime="([^"]+)">[^<]*<\/time> ([^<]*)<\/li>/g)].map(([, at, text]) => `${at} ${text}`),
    );
  };
  return { get, bulk, onDay, awardsOn, histories, first, withdrawn, anew, a: a.id, b: b.id };
}

describe('the lookup for a past day (on)', () => {
  it('answers each day as the public read the declaration at its end: before it, published, suspended, reinstated, lapsed without a sweep, its renewal under review, renewed', async () => {
    const h = await history();
    expect(await h.onDay(A, '2025-03-31')).toBeNull();
    expect(await h.onDay(A, '2025-04-01')).toMatchObject({ id: h.first, status: 'published', validUntil: '2026-04-01T14:59:59.999Z', renewalUnderReview: false });
    expect((await h.onDay(A, '2025-06-15'))!.status).toBe('suspended');
    // Reinstated at 12:00 JST on 20 June: published at the end of that day.
    expect((await h.onDay(A, '2025-06-20'))!.status).toBe('published');
    // Its last day, then the next: expired from 00:00 JST, though the sweep never stored it.
    expect((await h.onDay(A, '2026-04-01'))!.status).toBe('published');
    expect(await h.onDay(A, '2026-04-02')).toMatchObject({ status: 'expired', validUntil: '2026-04-01T14:59:59.999Z', renewalUnderReview: false });
    expect(await h.onDay(A, '2026-04-07')).toMatchObject({ status: 'expired', renewalUnderReview: true });
    expect(await h.onDay(A, '2026-04-10')).toMatchObject({ status: 'published', validUntil: '2027-04-10T14:59:59.999Z' });
    // Today is answered as now; without `on`, the answer is as before (no declarationOn).
    expect((await h.onDay(A, '2026-04-20'))!.status).toBe('published');
    const plain = await h.get(`/api/v1/organizations/by-corporate-number/${A}`);
    expect(plain.body).not.toHaveProperty('declarationOn');
    expect(plain.body.currentDeclaration.status).toBe('published');
  });

  it('gives the awards held at the end of the day: awarded by then (recorded later or not), suspended for a while, revoked from its day on', async () => {
    const h = await history();
    expect(await h.awardsOn('2025-01-31')).toEqual([]);
    // Awarded on 1 February 2025; the registry recorded it in July: on 1 March it was held all the same.
    expect(await h.awardsOn('2025-03-01')).toEqual(['excellence active']);
    expect(await h.awardsOn('2025-10-05')).toEqual(['excellence suspended']);
    expect(await h.awardsOn('2025-10-15')).toEqual(['excellence active']);
    expect((await h.awardsOn('2026-02-10')).sort()).toEqual(['excellence active', 'minister active']);
    expect(await h.awardsOn('2026-03-01')).toEqual(['excellence active']);
    const plain = await h.get(`/api/v1/organizations/by-corporate-number/${A}`);
    expect(plain.body).not.toHaveProperty('awardsOn');
    expect(plain.body.awards.map((award: Json) => award.category)).toEqual(['excellence']);
    // In bulk too, each found item with its own.
    const { body } = await h.bulk({ corporateNumbers: [A, B], on: '2025-10-05' });
    expect(body.results.map((r: Json) => r.awardsOn.map((award: Json) => award.status))).toEqual([['suspended'], []]);
  });

  it('tells a withdrawn declaration from the one declared after it', async () => {
    const h = await history();
    expect(await h.onDay(B, '2025-08-15')).toMatchObject({ id: h.withdrawn, status: 'withdrawn' });
    expect(await h.onDay(B, '2025-09-01')).toMatchObject({ id: h.anew, status: 'published' });
  });

  it('answers the same in bulk, per 法人番号, with an unknown number still an error of its own', async () => {
    const h = await history();
    const { status, body } = await h.bulk({ corporateNumbers: [A, B, '1234567890123'], on: '2025-08-15' });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.on).toBe('2025-08-15');
    expect(body.results.map((r: Json) => r.declarationOn?.status ?? r.error?.code)).toEqual(['published', 'withdrawn', 'invalid-corporate-number']);
  });

  it('the organization’s page lists the same history under each declaration, each step from the day it began', async () => {
    const h = await history();
    expect(await h.histories(h.a)).toEqual([
      [
        '2025-04-01T01:00:00.000Z 公表中',
        '2025-06-10T03:00:00.000Z 一時停止中',
        '2025-06-20T03:00:00.000Z 公表中',
        // The instant after its last day: 00:00 JST on 2 April 2026, no sweep needed.
        '2026-04-01T15:00:00.000Z 期限切れ',
        '2026-04-05T03:00:00.000Z 期限切れ（更新を審査中）',
        '2026-04-10T03:00:00.000Z 公表中',
      ],
    ]);
    // The one published since its publication only: no history to fold out. The withdrawn one has its two steps.
    expect(await h.histories(h.b)).toEqual([['2025-05-01T03:00:00.000Z 公表中', '2025-08-01T03:00:00.000Z 取下げ']]);
  });

  it('refuses a day that is not a real date or is still to come (400 naming on), in Japanese and English', async () => {
    const h = await history();
    for (const day of ['2025-02-30', '2025/04/01', '2026-04-21']) {
      const { status, type, body } = await h.get(`/api/v1/organizations/by-corporate-number/${A}?on=${encodeURIComponent(day)}`);
      expect(status, day).toBe(400);
      expect(type).toContain('application/problem+json');
      expect(body.errors[0].field).toBe('on');
      expect(body.errors[0].messages?.ja ?? body.errors[0].ja).toMatch(/on（基準日）/);
    }
    const future = await h.bulk({ corporateNumbers: [A], on: '2026-04-21' });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('/on');
    expect(JSON.stringify(future.body)).toContain('2026-04-20');
  });
});
