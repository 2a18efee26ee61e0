import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('audit log', () => {
  it('records every state change with actor, time, before and after, filterable by the secretariat', async () => {
    const { declarationId, orgToken, tokenId } = await seedCompany(server, { n: 1 });
    await server.call('POST', `/api/v1/declarations/${declarationId}/submit`, { token: orgToken });
    await server.call('POST', `/api/v1/declarations/${declarationId}/publish`);
    const log = await server.call('GET', `/api/v1/audit-log?entityType=declaration&entityId=${declarationId}`);
    expect(log.body.items.map((e: any) => e.action)).toEqual(['declaration.create', 'declaration.submit', 'declaration.publish']);
    const submit = log.body.items[1];
    expect(submit.actorRole).toBe('organization');
    expect(submit.actorTokenId).toBe(tokenId);
    expect(submit.before.status).toBe('draft');
    expect(submit.after.status).toBe('submitted');
    expect(Date.parse(submit.at)).not.toBeNaN();
    expect(log.body.items[2].actorRole).toBe('admin');
    const byAction = await server.call('GET', '/api/v1/audit-log?action=declaration.publish');
    expect(byAction.body.items.every((e: any) => e.action === 'declaration.publish')).toBe(true);
    expect((await server.call('GET', '/api/v1/audit-log', { token: orgToken })).status).toBe(403);
  });

  it('a date alone in from/to is a whole day in Japan, as on /admin/audit; an impossible one is 400', async () => {
    const { declarationId } = await seedCompany(server, { n: 2 });
    const created = (await server.call('GET', `/api/v1/audit-log?entityId=${declarationId}`)).body.items[0];
    const today = new Date(Date.parse(created.at) + 9 * 3_600_000).toISOString().slice(0, 10); // its day in Japan
    const sameDay = await server.call('GET', `/api/v1/audit-log?entityId=${declarationId}&from=${today}&to=${today}`);
    expect(sameDay.status).toBe(200);
    expect(sameDay.body.items.map((e: { action: string }) => e.action)).toContain('declaration.create');
    const before = await server.call('GET', `/api/v1/audit-log?entityId=${declarationId}&to=2020-01-01`);
    expect(before.body.items).toEqual([]);
    const impossible = await server.call('GET', '/api/v1/audit-log?from=2026-02-30&to=2026-13-01');
    expect(impossible.status).toBe(400);
    expect(impossible.body.errors.map((e: { field: string }) => e.field)).toEqual(['from', 'to']);
  });

  it('a date-time in from/to may name its offset (+09:00, as a secretariat in Japan writes it); one without an offset is 400, never read as UTC', async () => {
    const { declarationId } = await seedCompany(server, { n: 3 });
    const created = (await server.call('GET', `/api/v1/audit-log?entityId=${declarationId}`)).body.items[0];
    /** The same instant written as Japan's wall-clock time with its offset: 2026-12-05T21:00:00.000Z → 2026-12-06T06:00:00.000+09:00. */
    const inJapan = (ms: number) => `${new Date(ms + 9 * 3_600_000).toISOString().slice(0, 23)}+09:00`;
    const at = Date.parse(created.at);
    const actions = async (query: string) => {
      const answer = await server.call('GET', `/api/v1/audit-log?entityId=${declarationId}&${query}`);
      expect(answer.status, answer.text).toBe(200);
      return answer.body.items.map((e: { action: string }) => e.action);
    };
    expect(await actions(`from=${encodeURIComponent(inJapan(at))}`)).toContain('declaration.create');
    expect(await actions(`from=${encodeURIComponent(inJapan(at + 1))}`)).not.toContain('declaration.create');
    expect(await actions(`to=${encodeURIComponent(inJapan(at + 1))}`)).toContain('declaration.create');
    expect(await actions(`to=${encodeURIComponent(inJapan(at))}`)).not.toContain('declaration.create');
    // The same instant in UTC, as before.
    expect(await actions(`from=${created.at}`)).toContain('declaration.create');
    // Japan's wall-clock time without an offset: which instant is meant is not said, so it is refused, naming the field.
    const unzoned = await server.call('GET', `/api/v1/audit-log?entityId=${declarationId}&from=${inJapan(at).slice(0, 19)}`);
    expect(unzoned.status).toBe(400);
    expect(unzoned.body.errors.map((e: { field: string }) => e.field)).toEqual(['from']);
    expect(unzoned.body.errors[0].ja).toContain('+09:00');
  });

  it('cannot be rewritten, even by a direct database connection', () => {
    const db = new BetterSqlite3(server.dbPath);
    try {
      expect(() => db.prepare('UPDATE audit_log SET action = ?').run('forged')).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('never stores or shows a token secret', async () => {
    const created = await server.call('POST', '/api/v1/tokens', { body: { role: 'admin', label: '二人目の管理者' } });
    expect(created.body.token).toMatch(/^trr_/);
    expect(server.snapshot()).not.toContain(created.body.token);
    const list = await server.call('GET', '/api/v1/tokens');
    expect(list.text).not.toContain(created.body.token);
    expect(list.text).not.toContain('hash');
    // The new token works until it is revoked.
    expect((await server.call('GET', '/api/v1/tokens', { token: created.body.token })).status).toBe(200);
    expect((await server.call('DELETE', `/api/v1/tokens/${created.body.id}`)).status).toBe(200);
    expect((await server.call('GET', '/api/v1/tokens', { token: created.body.token })).status).toBe(401);
  });
});
