/**
 * Idempotency-Key on every POST that creates something (draft-ietf-httpapi-idempotency-key-header):
 * replay of the first answer, 422 for a reused key with another body, 409 while the first is in
 * flight, keys scoped per caller, nothing stored for rejected requests, secrets stored encrypted.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kysely, SqliteDialect } from 'kysely';
import { accessToken, registerPartner } from '../helpers/partners.js';
import { COMPANY, DECLARATION, corporateNumberFor, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { onWorker } from '../helpers/targets.js';
import { migrateToLatest } from '../../src/adapters/kysely/migrator.js';
import { createKyselyIdempotencyStore } from '../../src/adapters/kysely/idempotency.js';
import { migrations } from '../../migrations/index.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ WEBHOOK_ALLOW_INSECURE_LOCALHOST: 'true' });
});
afterAll(() => server?.close());

let n = 900;
const company = () => ({ ...COMPANY, name: `冪等テスト${n}`, corporateNumber: corporateNumberFor(n++) });
const keyed = (key: string, extra: Record<string, string> = {}) => ({ 'Idempotency-Key': key, ...extra });
const rows = (sql: string, ...params: unknown[]) => {
  const db = new BetterSqlite3(server.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as Record<string, unknown>[];
  } finally {
    db.close();
  }
};
const countOrganizations = (name: string) => rows('SELECT count(*) AS n FROM organizations WHERE name = ?', name)[0]!.n;

describe('Idempotency-Key', () => {
  it('replays the first answer (status, body, Location) for a retry with the same key and body', async () => {
    const body = company();
    const key = crypto.randomUUID();
    const first = await server.call('POST', '/api/v1/organizations', { body, headers: keyed(key) });
    expect(first.status, first.text).toBe(201);
    expect(first.headers.get('idempotency-replayed')).toBeNull();
    const retry = await server.call('POST', '/api/v1/organizations', { body, headers: keyed(key) });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotency-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(countOrganizations(body.name)).toBe(1);
    // A structured-field string ("…") names the same key.
    const quoted = await server.call('POST', '/api/v1/organizations', { body, headers: keyed(`"${key}"`) });
    expect(quoted.headers.get('idempotency-replayed')).toBe('true');
  });

  it('answers 422 problem when the key is reused with a different body, and changes nothing', async () => {
    const key = crypto.randomUUID();
    const first = await server.call('POST', '/api/v1/organizations', { body: company(), headers: keyed(key) });
    expect(first.status).toBe(201);
    const before = server.snapshot();
    const other = company();
    const reused = await server.call('POST', '/api/v1/organizations', { body: other, headers: keyed(key) });
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toContain('application/problem+json');
    expect(reused.body.type).toMatch(/\/problems\/unprocessable$/);
    expect(server.snapshot()).toBe(before);
  });

  it('answers 409 problem to a duplicate while the first is in flight; exactly one resource is created', async () => {
    const body = company();
    const key = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 8 }, () => server.call('POST', '/api/v1/organizations', { body, headers: keyed(key) })));
    const created = answers.filter((a) => a.status === 201 && a.headers.get('idempotency-replayed') === null);
    const replayed = answers.filter((a) => a.status === 201 && a.headers.get('idempotency-replayed') === 'true');
    const inFlight = answers.filter((a) => a.status === 409);
    expect(created).toHaveLength(1);
    expect(created.length + replayed.length + inFlight.length).toBe(8);
    for (const r of replayed) expect(r.body).toEqual(created[0]!.body);
    for (const r of inFlight) {
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body.type).toMatch(/\/problems\/conflict$/);
    }
    expect(countOrganizations(body.name)).toBe(1);
    // Once the first has finished, a retry gets its answer.
    const later = await server.call('POST', '/api/v1/organizations', { body, headers: keyed(key) });
    expect(later.headers.get('idempotency-replayed')).toBe('true');
    expect(later.body).toEqual(created[0]!.body);
  });

  it('stores nothing for a rejected request: the same key may be retried with a corrected body', async () => {
    const key = crypto.randomUUID();
    const before = server.snapshot();
    const rejected = await server.call('POST', '/api/v1/organizations', { body: { ...company(), prefectureCode: '99' }, headers: keyed(key) });
    expect(rejected.status).toBe(400);
    expect(server.snapshot()).toBe(before);
    const fixed = await server.call('POST', '/api/v1/organizations', { body: company(), headers: keyed(key) });
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get('idempotency-replayed')).toBeNull();
  });

  it('scopes keys to the caller: another token using the same key is a different request', async () => {
    const a = await seedCompany(server, { n: n++ });
    const b = await seedCompany(server, { n: n++ });
    // One live declaration per organization: the seeded drafts make way for the declarations made here.
    for (const seeded of [a, b]) expect((await server.call('POST', `/api/v1/declarations/${seeded.declarationId}/withdraw`)).status).toBe(200);
    const key = 'shared-key-1';
    const first = await server.call('POST', `/api/v1/organizations/${a.organization.id}/declarations`, { token: a.orgToken, body: DECLARATION, headers: keyed(key) });
    const second = await server.call('POST', `/api/v1/organizations/${b.organization.id}/declarations`, { token: b.orgToken, body: DECLARATION, headers: keyed(key) });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get('idempotency-replayed')).toBeNull();
    expect(second.body.id).not.toBe(first.body.id);
    // Same caller, same key, another path: also a different request.
    expect((await server.call('POST', `/api/v1/declarations/${first.body.id}/withdraw`)).status).toBe(200);
    const admin = await server.call('POST', `/api/v1/organizations/${a.organization.id}/declarations`, { body: DECLARATION, headers: keyed(key) });
    expect(admin.status).toBe(201);
    expect(admin.headers.get('idempotency-replayed')).toBeNull();
  });

  it('refuses a malformed key with 400 problem', async () => {
    for (const bad of ['', 'with space', 'x'.repeat(256), '"a\\"b"']) {
      const response = await server.call('POST', '/api/v1/organizations', { body: company(), headers: keyed(bad) });
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(response.body.errors[0].field).toBe('Idempotency-Key');
    }
  });

  it('works on every creating POST, and keeps secrets shown once out of the database in clear', async () => {
    const seeded = await seedCompany(server, { n: n++, publish: true });
    // One live declaration per organization: a company whose seeded draft was withdrawn declares anew.
    const declaring = await seedCompany(server, { n: n++ });
    expect((await server.call('POST', `/api/v1/declarations/${declaring.declarationId}/withdraw`)).status).toBe(200);
    const partner = await registerPartner(server, { name: '冪等パートナー' });
    const partnerToken = await accessToken(server, partner);
    const routes: { path: string; body: unknown; token?: string; secretField?: string }[] = [
      { path: '/api/v1/organizations', body: company() },
      { path: `/api/v1/organizations/${declaring.organization.id}/declarations`, body: DECLARATION, token: declaring.orgToken },
      { path: '/api/v1/awards', body: { organizationId: seeded.organization.id, fiscalYear: 2025, category: 'minister' } },
      { path: '/api/v1/tokens', body: { role: 'organization', organizationId: seeded.organization.id, label: '冪等トークン' }, secretField: 'token' },
      { path: '/api/v1/partners', body: { name: '冪等パートナー2', kind: 'hr-company', rateLimitPerMinute: 100 }, secretField: 'client_secret' },
      { path: '/api/v1/partners/me/webhooks', body: { url: 'http://127.0.0.1:9/hook', events: ['declaration.published'] }, token: partnerToken, secretField: 'secret' },
      { path: '/credentials/issue', body: { credential: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], credentialSubject: { id: 'urn:uuid:7d3c1d55-2d7e-4a7e-9b8e-0f7d9a2c4b61' } } } },
    ];
    for (const route of routes) {
      const key = crypto.randomUUID();
      const options = { body: route.body, headers: keyed(key), ...(route.token ? { token: route.token } : {}) };
      const first = await server.call('POST', route.path, options);
      expect(first.status, `${route.path}: ${first.text}`).toBe(201);
      const retry = await server.call('POST', route.path, options);
      expect(retry.status, route.path).toBe(201);
      expect(retry.headers.get('idempotency-replayed'), route.path).toBe('true');
      expect(retry.body, route.path).toEqual(first.body);
      expect(retry.headers.get('location'), route.path).toBe(first.headers.get('location'));
      expect(retry.headers.get('cache-control'), route.path).toBe(first.headers.get('cache-control'));
      if (route.secretField) {
        const secret = first.body[route.secretField] as string;
        expect(secret.length).toBeGreaterThan(8);
        // (The webhook secret is kept in clear in `webhooks` by design: it signs deliveries.)
        const stored = JSON.stringify(rows('SELECT * FROM idempotency_keys'));
        expect(stored).not.toContain(secret);
        expect(stored).not.toContain(key);
      }
    }
    const stored = rows("SELECT state, status, expires_at - CAST(strftime('%s', created_at) AS INTEGER) * 1000 AS ttl FROM idempotency_keys WHERE state = 'done' LIMIT 1")[0]!;
    expect(stored.status).toBe(201);
    expect(Math.abs(Number(stored.ttl) - 24 * 3600_000)).toBeLessThan(1000);
  });

  it('leaves requests without the header alone', async () => {
    const before = rows('SELECT count(*) AS n FROM idempotency_keys')[0]!.n;
    const body = company();
    expect((await server.call('POST', '/api/v1/organizations', { body })).status).toBe(201);
    expect((await server.call('POST', '/api/v1/organizations', { body })).status).toBe(409); // a real duplicate
    expect(rows('SELECT count(*) AS n FROM idempotency_keys')[0]!.n).toBe(before);
  });
});

describe.skipIf(onWorker)('idempotency store (expiry and abandoned claims)', () => {
  it('expires keys after their TTL and lets the same request take over a claim whose lease ran out', async () => {
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
    await migrateToLatest(db, migrations);
    const store = createKyselyIdempotencyStore(db);
    const entry = { id: 'k', requestHash: 'h', leaseMs: 1000, ttlMs: 10_000 };
    expect(await store.claim({ ...entry, now: 0 })).toEqual({ kind: 'claimed' });
    expect(await store.claim({ ...entry, now: 500 })).toEqual({ kind: 'in-flight', requestHash: 'h' });
    expect(await store.claim({ ...entry, requestHash: 'other', now: 2000 })).toEqual({ kind: 'in-flight', requestHash: 'h' });
    expect(await store.claim({ ...entry, now: 2000 })).toEqual({ kind: 'claimed' }); // the first one died
    expect(await store.claim({ ...entry, now: 2001 })).toEqual({ kind: 'in-flight', requestHash: 'h' });
    await store.complete('k', { status: 201, response: 'r' });
    expect(await store.claim({ ...entry, now: 9999 })).toEqual({ kind: 'done', requestHash: 'h', status: 201, response: 'r' });
    expect(await store.claim({ ...entry, now: 10_000 })).toEqual({ kind: 'claimed' }); // expired, purged, new
    await store.release('k');
    expect(await db.selectFrom('idempotency_keys').selectAll().execute()).toEqual([]);
    await db.destroy();
  });
});
