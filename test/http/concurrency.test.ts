import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corporateNumberFor, DECLARATION, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const N = 24;

describe('concurrent issuances and revocations (Node and Worker alike)', () => {
  it('never hands out a status index twice, loses no update, and keeps records, bits and audit in step', async () => {
    const submitted: string[] = [];
    for (let i = 0; i < N; i++) {
      const org = await server.call('POST', '/api/v1/organizations', { body: { kind: 'company', name: `並行テスト${i}`, corporateNumber: corporateNumberFor(500 + i), prefectureCode: '13' } });
      const d = await server.call('POST', `/api/v1/organizations/${org.body.id}/declarations`, { body: DECLARATION });
      await server.call('POST', `/api/v1/declarations/${d.body.id}/submit`);
      submitted.push(d.body.id);
    }

    // Every declaration is published (an issuance) and, at the same time, half of them are also
    // raced by a second publish and a revoke: exactly one of the racing changes may win each step.
    const publishes = await Promise.all(submitted.map((id) => server.call('POST', `/api/v1/declarations/${id}/publish`)));
    expect(publishes.every((r) => r.status === 200)).toBe(true);
    const racing = submitted.slice(0, N / 2);
    const revokes = await Promise.all(
      racing.flatMap((id) => [
        server.call('POST', `/api/v1/declarations/${id}/revoke`, { body: { reason: 'other' } }),
        server.call('POST', `/api/v1/declarations/${id}/revoke`, { body: { reason: 'false-declaration' } }),
        server.call('POST', `/api/v1/declarations/${id}/suspend`, { body: { reason: 'other' } }),
      ]),
    );
    expect(revokes.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const wins = revokes.filter((r) => r.status === 200).length;
    expect(wins).toBeGreaterThanOrEqual(racing.length);

    const db = new BetterSqlite3(server.dbPath, { readonly: true });
    try {
      const credentials = db.prepare('SELECT id, subject_id, status FROM credentials').all() as { id: string; subject_id: string; status: string }[];
      expect(credentials).toHaveLength(N);
      const entries = db.prepare('SELECT list_id, idx, credential_id, purpose, is_set FROM status_entries').all() as { list_id: string; idx: number; credential_id: string; purpose: string; is_set: number }[];
      expect(entries).toHaveLength(2 * N);
      expect(new Set(entries.map((e) => `${e.list_id}#${e.idx}`)).size).toBe(2 * N);
      for (const credential of credentials) {
        const mine = entries.filter((e) => e.credential_id === credential.id);
        expect(mine.map((e) => e.purpose).sort()).toEqual(['revocation', 'suspension']);
        const declaration = (await server.call('GET', `/api/v1/declarations/${credential.subject_id}`)).body;
        const bit = (purpose: string) => mine.find((e) => e.purpose === purpose)!.is_set;
        // The record, the credential and its bits agree.
        const expected = { published: ['active', 0, 0], suspended: ['suspended', 0, 1], revoked: ['revoked', 1, 0] }[declaration.status as 'published'];
        expect([credential.status, bit('revocation'), bit('suspension')]).toEqual(expected);
      }
      // One audit entry per change that succeeded: create, submit, publish for each, plus the race winners.
      const audited = db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity_type = 'declaration'").get() as { n: number };
      expect(audited.n).toBe(3 * N + wins);
    } finally {
      db.close();
    }
  });
});
