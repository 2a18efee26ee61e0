/**
 * A declaration's validity ends at the end of a day in Japan (23:59:59.999 JST), the day every
 * page names as its end (「有効期間: 2025年4月1日〜2026年4月1日」): not at the time of day it was
 * published, and counted in months on Japan's calendar, not UTC's. The registry is built with a
 * clock the test moves, over a real SQLite file, and the app answers real requests through its
 * HTTP layer: the verification answer, the API, the organization page and the expiry sweep.
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { startExpirySweep, type SweepTimers } from '../../src/node/expiry-sweep.js';
import { ADMIN as admin, registryOnFreshFile } from '../helpers/database-file.js';

const TOKEN = 'japan-day-edges-token-0123456789abcdef';
const BASE = 'http://localhost:8787';
type Json = Record<string, any>;

/** A company's declaration published at `publishedAt`, and the app over its registry with a clock the test sets. */
async function publishedAt(publishedAt: string) {
  const clock = { now: new Date(publishedAt) };
  // Its file is closed and removed when the test finishes.
  const { registry, path } = await registryOnFreshFile('japan-day-edges-', { now: () => clock.now });
  await registry.tokens.bootstrapAdmin(TOKEN);
  const org = await registry.organizations.create(admin, { kind: 'company', name: '日付境界株式会社', corporateNumber: '7123456789012', prefectureCode: '13' });
  const draft = await registry.declarations.create(admin, org.id, { signerName: '山田', signerTitle: '社長', committedOn: '2024-01-10', guidelineAreas: ['labor'] });
  await registry.declarations.act(admin, draft.id, 'submit');
  await registry.declarations.act(admin, draft.id, 'publish');
  const [credential] = await registry.deps.credentials.listFor({ type: 'declaration', id: draft.id });
  const app = createApp({ registry, publicBaseUrl: BASE });
  const json = async (path: string, init: RequestInit = {}) => {
    const answer = await app.request(`${BASE}${path}`, { ...init, headers: { accept: 'application/json', ...init.headers } });
    return { status: answer.status, body: (await answer.json()) as Json };
  };
  return {
    clock,
    app,
    /** The renewal reminders recorded (once each, with or without anyone to e-mail): their days before the end. */
    /** The declaration's status as stored in the file (what lists filtered by status read). */
    storedStatus: () => {
      const db = new BetterSqlite3(path, { readonly: true });
      try {
        return (db.prepare('SELECT status FROM declarations WHERE id = ?').get(draft.id) as { status: string }).status;
      } finally {
        db.close();
      }
    },
    registry,
    /** The declaration's audit entries' actions, oldest first. */
    auditActions: () => {
      const db = new BetterSqlite3(path, { readonly: true });
      try {
        return (db.prepare('SELECT action FROM audit_log WHERE entity_id = ? ORDER BY rowid').all(draft.id) as { action: string }[]).map((row) => row.action);
      } finally {
        db.close();
      }
    },
    reminders: () => {
      const db = new BetterSqlite3(path, { readonly: true });
      try {
        return (db.prepare('SELECT days_before FROM mail_reminders ORDER BY created_at').all() as { days_before: number }[]).map((row) => row.days_before);
      } finally {
        db.close();
      }
    },
    json,
    orgId: org.id,
    declarationId: draft.id,
    credentialId: credential!.verificationUrl.split('/').pop()!,
    sweep: async () => (await json('/api/v1/admin/expire-due', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).body.expired as number,
    renew: () => json(`/api/v1/declarations/${draft.id}/renew`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } }),
  };
}

describe('the end of a declaration’s validity in Japan time', () => {
  it('published at 10:00 JST on 1 April 2025, it is valid until 23:59:59 JST on 1 April 2026 everywhere, and expired at 00:00 JST on 2 April', async () => {
    const r = await publishedAt('2025-04-01T01:00:00.000Z');
    const declaration = await r.json(`/api/v1/declarations/${r.declarationId}`);
    expect(declaration.body.validUntil).toBe('2026-04-01T14:59:59.999Z');
    const page = await (await r.app.request(`${BASE}/organizations/${r.orgId}`)).text();
    expect(page).toContain('有効期間: 2025年4月1日〜2026年4月1日');

    // 11:00 JST on the day the page names as the end: still valid.
    r.clock.now = new Date('2026-04-01T02:00:00.000Z');
    expect((await r.json(`/v/${r.credentialId}`)).body.verdict).toBe('valid');
    // 23:59:59 JST (14:59:59 UTC): still valid, and the sweep leaves it published.
    r.clock.now = new Date('2026-04-01T14:59:59.000Z');
    expect(await r.sweep()).toBe(0);
    expect((await r.json(`/v/${r.credentialId}`)).body.verdict).toBe('valid');
    expect((await r.json(`/api/v1/declarations/${r.declarationId}`)).body.status).toBe('published');
    // 00:00 JST on 2 April (15:00 UTC): expired.
    r.clock.now = new Date('2026-04-01T15:00:00.000Z');
    expect(await r.sweep()).toBe(1);
    expect((await r.json(`/v/${r.credentialId}`)).body.verdict).toBe('expired');
    expect((await r.json(`/api/v1/declarations/${r.declarationId}`)).body.status).toBe('expired');
  });

  it('counts months on Japan’s calendar: published at 07:00 JST on 1 March 2024 (29 February in UTC), it runs until 1 March 2025, not 2 March', async () => {
    const r = await publishedAt('2024-02-29T22:00:00.000Z');
    expect((await r.json(`/api/v1/declarations/${r.declarationId}`)).body.validUntil).toBe('2025-03-01T14:59:59.999Z');
  });

  it('a month without the day ends on its last day: published on 29 February 2024 (JST), it runs until 28 February 2025', async () => {
    const r = await publishedAt('2024-02-29T01:00:00.000Z');
    expect((await r.json(`/api/v1/declarations/${r.declarationId}`)).body.validUntil).toBe('2025-02-28T14:59:59.999Z');
  });

  it('the renewal window opens at 00:00 JST on the day it names, 90 days before the last day', async () => {
    const r = await publishedAt('2025-04-01T01:00:00.000Z');
    // 23:59:59 JST on 31 December 2025: refused, naming 1 January 2026 from 00:00 JST.
    r.clock.now = new Date('2025-12-31T14:59:59.000Z');
    const refused = await r.renew();
    expect(refused.status).toBe(409);
    expect(refused.body.renewableFrom).toBe('2025-12-31T15:00:00.000Z');
    // Named as the pages write a day, from 00:00 JST.
    expect(refused.body.messages.ja).toContain('90日前（2026年1月1日）からできます');
    // 00:00 JST on 1 January 2026: renewed, a year on from the old last day.
    r.clock.now = new Date('2025-12-31T15:00:00.000Z');
    const renewed = await r.renew();
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(200);
    expect(renewed.body.validUntil).toBe('2027-04-01T14:59:59.999Z');
  });

  it('a renewal asked at 00:00:05 JST after the last day, before the sweep has run, goes to review as after expiry: not extended at once', async () => {
    const r = await publishedAt('2025-04-01T01:00:00.000Z');
    // Read at 00:00:01 (already shown as expired), renewed at 00:00:05 naming the version it read.
    r.clock.now = new Date('2026-04-01T15:00:01.000Z');
    const read = await r.app.request(`${BASE}/api/v1/declarations/${r.declarationId}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    r.clock.now = new Date('2026-04-01T15:00:05.000Z');
    const renewed = await r.json(`/api/v1/declarations/${r.declarationId}/renew`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'if-match': read.headers.get('etag')! } });
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(200);
    // As the public has read it since 00:00 JST: expired, its renewal under review, the old period kept.
    expect(renewed.body.status).toBe('submitted');
    expect(renewed.body.validUntil).toBe('2026-04-01T14:59:59.999Z');
    expect((await r.json(`/v/${r.credentialId}`)).body.verdict).toBe('expired');
    // The expiry is recorded as the sweep would have recorded it, before the renewal.
    expect(r.auditActions().slice(-2)).toEqual(['declaration.expire', 'declaration.renew']);
    expect(await r.sweep()).toBe(0);
  });

  it('an amendment sent at 00:00:05 JST after the last day, before the sweep has run, is refused as for an expired declaration', async () => {
    const r = await publishedAt('2025-04-01T01:00:00.000Z');
    r.clock.now = new Date('2026-04-01T15:00:05.000Z');
    const amended = await r.json(`/api/v1/declarations/${r.declarationId}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ signerName: '山田', signerTitle: '社長', committedOn: '2024-01-10', guidelineAreas: ['labor', 'security'] }),
    });
    expect(amended.status).toBe(409);
    expect(amended.body.currentStatus).toBe('expired');
    expect(r.storedStatus()).toBe('expired');
  });

  it('the first renewal reminder is due at 00:00 JST on the day the window opens, once however often the sweep runs', async () => {
    const r = await publishedAt('2025-04-01T01:00:00.000Z');
    r.clock.now = new Date('2025-12-31T14:59:59.000Z');
    await r.sweep();
    expect(r.reminders()).toEqual([]);
    r.clock.now = new Date('2025-12-31T15:00:00.000Z');
    await r.sweep();
    await r.sweep();
    expect(r.reminders()).toEqual([90]);
    // The 30-day one from 00:00 JST on 2 March 2026, 30 days before the last day.
    r.clock.now = new Date('2026-03-01T14:59:59.000Z');
    await r.sweep();
    expect(r.reminders()).toEqual([90]);
    r.clock.now = new Date('2026-03-01T15:00:00.000Z');
    await r.sweep();
    expect(r.reminders()).toEqual([90, 30]);
  });

  it('/v/{id} seen at 23:59:45 JST on its last day as valid says expired at 00:00 JST, not when its reused answer runs out', async () => {
    const r = await publishedAt('2025-04-01T01:00:00.000Z');
    r.clock.now = new Date('2026-04-01T14:59:45.000Z');
    expect((await r.json(`/v/${r.credentialId}`)).body.verdict).toBe('valid');
    expect(await (await r.app.request(`${BASE}/v/${r.credentialId}`)).text()).toContain('data-verdict="valid"');
    r.clock.now = new Date('2026-04-01T15:00:00.000Z');
    expect((await r.json(`/v/${r.credentialId}`)).body.verdict).toBe('expired');
    expect(await (await r.app.request(`${BASE}/v/${r.credentialId}`)).text()).toContain('data-verdict="expired"');
  });

  it('from 00:00 JST after its last day, before the expiry sweep has run, every public surface already reads it as expired, as /v does', async () => {
    const r = await publishedAt('2025-04-01T01:00:00.000Z');
    const surfaces = async () => {
      const lookup = (await r.json('/api/v1/organizations/by-corporate-number/7123456789012')).body;
      const page = await (await r.app.request(`${BASE}/organizations/${r.orgId}`)).text();
      return {
        verification: (await r.json(`/v/${r.credentialId}`)).body.verdict,
        api: (await r.json(`/api/v1/declarations/${r.declarationId}`)).body.status,
        lookup: lookup.currentDeclaration.status,
        lookupCredential: lookup.credentials.find((c: Json) => c.verificationUrl === `${BASE}/v/${r.credentialId}`)?.status,
        page: /(公表中|期限切れ)/.exec(page)?.[1],
      };
    };
    r.clock.now = new Date('2026-04-01T14:59:59.999Z');
    expect(await surfaces()).toEqual({ verification: 'valid', api: 'published', lookup: 'published', lookupCredential: 'active', page: '公表中' });
    // 00:00 JST on 2 April; the sweep (every minute on Node, every ten on the Worker) has not run yet.
    r.clock.now = new Date('2026-04-01T15:00:00.000Z');
    expect(await surfaces()).toEqual({ verification: 'expired', api: 'expired', lookup: 'expired', lookupCredential: 'expired', page: '期限切れ' });
    // The sweep changes nothing a reader sees.
    expect(await r.sweep()).toBe(1);
    expect(await surfaces()).toEqual({ verification: 'expired', api: 'expired', lookup: 'expired', lookupCredential: 'expired', page: '期限切れ' });
  });

  it('on Node, the expiry sweep runs right after 00:00 JST, so the stored status is expired within a second of midnight', async () => {
    const r = await publishedAt('2025-04-01T01:00:00.000Z');
    // The server started at 23:59:30.5 JST on the last day; its timers run on the test's clock.
    r.clock.now = new Date('2026-04-01T14:59:30.500Z');
    let due: { run: () => unknown; at: number } | null = null;
    const timers: SweepTimers = {
      now: () => r.clock.now.getTime(),
      setTimeout: (run, ms) => (due = { run, at: r.clock.now.getTime() + ms }),
      clearTimeout: () => (due = null),
    };
    /** Moves the clock to `iso`, running each timer due on the way (and the sweep it starts) at its time. */
    const runUntil = async (iso: string) => {
      const until = Date.parse(iso);
      while (due && due.at <= until) {
        const { run, at } = due;
        due = null;
        r.clock.now = new Date(at);
        await run();
      }
      r.clock.now = new Date(until);
    };
    const logger = { info: () => {}, error: () => {} };
    const sweep = await startExpirySweep(r.registry, logger, timers);
    await runUntil('2026-04-01T14:59:59.999Z');
    expect(r.storedStatus()).toBe('published');
    await runUntil('2026-04-01T15:00:01.000Z');
    expect(r.storedStatus()).toBe('expired');
    await sweep.stop();
  });

  it('the member’s dashboard says what /v says: valid to the end of the last day, expired from 00:00 JST before the sweep has run', async () => {
    const r = await publishedAt('2025-04-01T01:00:00.000Z');
    r.clock.now = new Date('2026-04-01T14:59:00.000Z');
    const signedIn = await r.registry.web.accounts.signInWithOidc({ issuer: 'https://id.example', subject: 'owner', email: null, name: '山田', corporateNumber: '7123456789012', accountType: null }, null);
    if (signedIn.kind !== 'signed-in') throw new Error(signedIn.kind);
    const dashboard = async () => {
      const html = await (await r.app.request(`${BASE}/my`, { headers: { cookie: `registry_session=${signedIn.sessionId}` } })).text();
      return { status: /class="status status--[a-z]+">([^<]+)</.exec(html)?.[1], lastDay: html.includes('本日（2026年4月1日）が有効期限です。'), renew: html.includes('/my/declaration/renew') };
    };
    r.clock.now = new Date('2026-04-01T14:59:59.999Z');
    expect((await r.json(`/v/${r.credentialId}`)).body.verdict).toBe('valid');
    expect(await dashboard()).toEqual({ status: '公表中', lastDay: true, renew: true });
    // 00:00 JST on 2 April, before the sweep: expired, as /v says, not 「本日（4月1日）が有効期限です」 on 2 April.
    r.clock.now = new Date('2026-04-01T15:00:00.000Z');
    expect((await r.json(`/v/${r.credentialId}`)).body.verdict).toBe('expired');
    expect(await dashboard()).toEqual({ status: '期限切れ', lastDay: false, renew: true });
    expect(await r.sweep()).toBe(1);
    expect(await dashboard()).toEqual({ status: '期限切れ', lastDay: false, renew: true });
  });

  it('the back office’s declaration pages say what /v says: 公表中 to the end of the last day, 期限切れ from 00:00 JST before the sweep has run', async () => {
    const r = await publishedAt('2025-04-01T01:00:00.000Z');
    r.clock.now = new Date('2026-04-01T14:59:00.000Z');
    const { sessionId } = await r.registry.web.staff.signInWithToken(TOKEN, null);
    const html = async (path: string) => (await r.app.request(`${BASE}${path}`, { headers: { cookie: `registry_session=${sessionId}` } })).text();
    const backOffice = async () => ({
      organization: /<table id="org-declarations">[\s\S]*?class="status status--[a-z]+">([^<]+)</.exec(await html(`/admin/organizations/${r.orgId}`))?.[1],
      // Its one credential, the declaration's.
      credential: /<\/a><\/th><td>宣言<\/td><td>([^<]+)</.exec(await html(`/admin/organizations/${r.orgId}`))?.[1],
      review: /<dt>状態<\/dt><dd>([^<]+)</.exec(await html(`/admin/reviews/${r.declarationId}`))?.[1],
    });
    r.clock.now = new Date('2026-04-01T14:59:59.999Z');
    expect((await r.json(`/v/${r.credentialId}`)).body.verdict).toBe('valid');
    expect(await backOffice()).toEqual({ organization: '公表中', credential: '有効', review: '公表中' });
    r.clock.now = new Date('2026-04-01T15:00:00.000Z');
    expect((await r.json(`/v/${r.credentialId}`)).body.verdict).toBe('expired');
    expect(await backOffice()).toEqual({ organization: '期限切れ', credential: '期限切れ', review: '期限切れ' });
    expect(await r.sweep()).toBe(1);
    expect(await backOffice()).toEqual({ organization: '期限切れ', credential: '期限切れ', review: '期限切れ' });
  });
});
