/**
 * 200 parallel writes against one running server (issue 7, point 2): submissions, amendments with
 * and without If-Match, publications (= issuances), revocations/suspensions and award creations,
 * all in flight at once. Afterwards the database and the API must agree with the answers given:
 * no lost update, no status index used twice, one audit entry per accepted change, and every
 * ETag / If-Match rule intact. Replaces the earlier 24-declaration concurrency test.
 *
 * Node runs 200 operations; the Worker (local workerd + D1) runs the same mix, also at 200
 * (REGISTRY_CONCURRENCY overrides, in multiples of 20).
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLARATION, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

const TOTAL = Number(process.env.REGISTRY_CONCURRENCY ?? 200);
const U = Math.max(1, Math.round(TOTAL / 20)); // the mix is 20 units: 4 submit, 6 amend, 4 publish, 3 revoke, 3 award

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

type Seeded = Awaited<ReturnType<typeof seedCompany>>;
type Answer = Awaited<ReturnType<TestServer['call']>>;
interface Op {
  kind: 'submit' | 'amend' | 'amend-if-match' | 'publish' | 'revoke' | 'revoke-if-match' | 'suspend-if-match' | 'award';
  target: string;
  policy?: string;
  ifMatch?: string;
  run: () => Promise<Answer>;
  answer?: Answer;
}

let n = 3000;
async function seedMany(count: number, prepare: (s: Seeded) => Promise<void> = async () => {}): Promise<Seeded[]> {
  const out: Seeded[] = [];
  for (let i = 0; i < count; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, async () => {
        const seeded = await seedCompany(server, { n: n++ });
        await prepare(seeded);
        return seeded;
      }),
    );
    out.push(...batch);
  }
  return out;
}
const expectOk = (r: Answer, what: string) => {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text}`);
  return r;
};

function readDb<T>(read: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(server.dbPath, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
const auditCounts = () =>
  readDb((db) => Object.fromEntries((db.prepare('SELECT action, count(*) AS n FROM audit_log GROUP BY action').all() as { action: string; n: number }[]).map((r) => [r.action, r.n])));

describe(`${TOTAL} concurrent writes against one server`, () => {
  it('loses no update, never reuses a status index, audits every accepted change, and keeps every ETag rule', async () => {
    // ---- setup (sequential enough not to race): one organization per declaration ----------
    const toSubmit = await seedMany(2 * U);
    const toAmend = await seedMany(U);
    const toPublish = await seedMany(2 * U, async (s) => void expectOk(await server.call('POST', `/api/v1/declarations/${s.declarationId}/submit`, { token: s.orgToken }), 'submit'));
    const toRevoke = await seedMany(U, async (s) => {
      await server.call('POST', `/api/v1/declarations/${s.declarationId}/submit`, { token: s.orgToken });
      expectOk(await server.call('POST', `/api/v1/declarations/${s.declarationId}/publish`), 'publish');
    });
    const toAward = await seedMany(U, async (s) => {
      await server.call('POST', `/api/v1/declarations/${s.declarationId}/submit`, { token: s.orgToken });
      expectOk(await server.call('POST', `/api/v1/declarations/${s.declarationId}/publish`), 'publish');
    });
    const etagBefore = new Map<string, string>();
    for (const s of [...toRevoke]) etagBefore.set(s.declarationId, (await server.call('GET', `/api/v1/declarations/${s.declarationId}`)).headers.get('etag')!);
    const auditBefore = auditCounts();

    // ---- the burst ---------------------------------------------------------------------------
    const ops: Op[] = [];
    const act = (s: Seeded, action: string, body?: unknown, ifMatch?: string, token?: string) => () =>
      server.call('POST', `/api/v1/declarations/${s.declarationId}/${action}`, { body, token, headers: ifMatch ? { 'If-Match': ifMatch } : {} });
    for (const s of toSubmit) for (let i = 0; i < 2; i++) ops.push({ kind: 'submit', target: s.declarationId, run: act(s, 'submit', undefined, undefined, s.orgToken) });
    for (const s of toAmend) {
      for (let i = 0; i < 6; i++) {
        const withIfMatch = i % 2 === 1;
        const policy = `並行改訂 ${s.declarationId.slice(-6)} #${i}`;
        ops.push({
          kind: withIfMatch ? 'amend-if-match' : 'amend',
          target: s.declarationId,
          policy,
          ifMatch: withIfMatch ? '"1"' : undefined,
          run: () => server.call('PUT', `/api/v1/declarations/${s.declarationId}`, { token: s.orgToken, body: { ...DECLARATION, policy }, headers: withIfMatch ? { 'If-Match': '"1"' } : {} }),
        });
      }
    }
    for (const s of toPublish) for (let i = 0; i < 2; i++) ops.push({ kind: 'publish', target: s.declarationId, run: act(s, 'publish') });
    for (const s of toRevoke) {
      const tag = etagBefore.get(s.declarationId)!;
      ops.push({ kind: 'revoke', target: s.declarationId, run: act(s, 'revoke', { reason: 'other' }) });
      ops.push({ kind: 'revoke-if-match', target: s.declarationId, ifMatch: tag, run: act(s, 'revoke', { reason: 'false-declaration' }, tag) });
      ops.push({ kind: 'suspend-if-match', target: s.declarationId, ifMatch: tag, run: act(s, 'suspend', { reason: 'other' }, tag) });
    }
    for (const s of toAward) {
      for (let i = 0; i < 3; i++) {
        ops.push({ kind: 'award', target: s.organization.id, run: () => server.call('POST', '/api/v1/awards', { body: { organizationId: s.organization.id, fiscalYear: 2023 + i, category: 'minister', awardedOn: `${2024 + i}-02-01` } }) });
      }
    }
    expect(ops).toHaveLength(20 * U);
    // Interleave kinds so every kind is in flight at once.
    ops.sort(() => Math.random() - 0.5);
    const started = Date.now();
    await Promise.all(ops.map(async (op) => (op.answer = await op.run())));
    const elapsed = Date.now() - started;
    const tally: Record<string, number> = {};
    for (const op of ops) tally[`${op.kind} ${op.answer!.status}`] = (tally[`${op.kind} ${op.answer!.status}`] ?? 0) + 1;
    console.info(`${ops.length} concurrent operations answered in ${elapsed} ms`, JSON.stringify(tally));

    // ---- every answer is one the contract allows; never a 5xx -----------------------------------
    const allowed: Record<Op['kind'], number[]> = {
      submit: [200, 409],
      amend: [200, 409],
      'amend-if-match': [200, 409, 412],
      publish: [200, 409],
      revoke: [200, 409],
      'revoke-if-match': [200, 409, 412],
      'suspend-if-match': [200, 409, 412],
      award: [201],
    };
    for (const op of ops) expect(allowed[op.kind], `${op.kind} → ${op.answer!.status} ${op.answer!.text.slice(0, 200)}`).toContain(op.answer!.status);
    const accepted = (op: Op) => op.answer!.status < 300;
    for (const op of ops) {
      const { status, headers, body } = op.answer!;
      if (status >= 400) {
        expect(headers.get('content-type')).toContain('application/problem+json');
        if (status === 412) {
          // A 412 only for an If-Match that was stale by then, and it names the current version.
          expect(op.ifMatch).toBeDefined();
          expect(body.currentVersion).toBeGreaterThan(Number(op.ifMatch!.replace(/"/g, '')));
        }
      } else if (op.kind !== 'award') {
        // Every accepted declaration change answers with the ETag of the version it wrote.
        expect(headers.get('etag')).toBe(`"${body.rowVersion}"`);
      }
    }
    const byTarget = (kinds: Op['kind'][], target: string) => ops.filter((op) => kinds.includes(op.kind) && op.target === target);

    // ---- submissions and publications: exactly one of two identical requests wins ------------------
    for (const s of toSubmit) expect(byTarget(['submit'], s.declarationId).filter(accepted)).toHaveLength(1);
    for (const s of toPublish) expect(byTarget(['publish'], s.declarationId).filter(accepted)).toHaveLength(1);
    const finalOf = async (id: string) => {
      const r = await server.call('GET', `/api/v1/declarations/${id}`);
      expect(r.headers.get('etag')).toBe(`"${r.body.rowVersion}"`);
      return r.body;
    };
    for (const s of toSubmit) expect(await finalOf(s.declarationId)).toMatchObject({ status: 'submitted', rowVersion: 2 });
    for (const s of toPublish) expect(await finalOf(s.declarationId)).toMatchObject({ status: 'published', rowVersion: 3 });

    // ---- amendments: no lost update, versions contiguous, each accepted one stored as answered ----
    let amendsAccepted = 0;
    for (const s of toAmend) {
      const mine = byTarget(['amend', 'amend-if-match'], s.declarationId);
      const won = mine.filter(accepted);
      amendsAccepted += won.length;
      expect(won.length).toBeGreaterThanOrEqual(1);
      expect(mine.filter((op) => op.kind === 'amend-if-match' && accepted(op)).length).toBeLessThanOrEqual(1);
      const versionsWritten = won.map((op) => op.answer!.body.version as number).sort((a, b) => a - b);
      expect(versionsWritten).toEqual(Array.from({ length: won.length }, (_, i) => i + 2));
      const final = await finalOf(s.declarationId);
      expect(final.version).toBe(1 + won.length);
      expect(final.rowVersion).toBe(1 + won.length);
      const versions = (await server.call('GET', `/api/v1/declarations/${s.declarationId}/versions`, { token: s.orgToken })).body.items as { version: number; content: { policy: string } }[];
      expect(versions.map((v) => v.version)).toEqual(Array.from({ length: 1 + won.length }, (_, i) => i + 1));
      for (const op of won) expect(versions.find((v) => v.version === op.answer!.body.version)!.content.policy).toBe(op.policy);
      // Rejected amendments left no trace.
      for (const op of mine.filter((o) => !accepted(o))) expect(versions.some((v) => v.content.policy === op.policy)).toBe(false);
      // The ETag rules still hold afterwards: a stale If-Match is refused, the current one accepted.
      const stale = await server.call('PUT', `/api/v1/declarations/${s.declarationId}`, { token: s.orgToken, body: DECLARATION, headers: { 'If-Match': '"1"' } });
      expect(stale.status).toBe(412);
      const current = await server.call('PUT', `/api/v1/declarations/${s.declarationId}`, { token: s.orgToken, body: DECLARATION, headers: { 'If-Match': `"${final.rowVersion}"` } });
      expect(current.status).toBe(200);
      expect(current.headers.get('etag')).toBe(`"${final.rowVersion + 1}"`);
      amendsAccepted++;
    }

    // ---- revocations: the final state is the last accepted change; rowVersion counts them all ----
    let revokes = 0;
    let suspends = 0;
    for (const s of toRevoke) {
      const mine = byTarget(['revoke', 'revoke-if-match', 'suspend-if-match'], s.declarationId);
      const won = mine.filter(accepted);
      expect(won.length).toBeGreaterThanOrEqual(1);
      // Both If-Match requests named the same version: at most one of them can have won.
      expect(won.filter((op) => op.ifMatch).length).toBeLessThanOrEqual(1);
      revokes += won.filter((op) => op.kind !== 'suspend-if-match').length;
      suspends += won.filter((op) => op.kind === 'suspend-if-match').length;
      const final = await finalOf(s.declarationId);
      expect(final.rowVersion).toBe(Number(etagBefore.get(s.declarationId)!.replace(/"/g, '')) + won.length);
      const last = won.map((op) => op.answer!.body).sort((a, b) => a.rowVersion - b.rowVersion).at(-1);
      expect(final.status).toBe(last.status);
    }

    // ---- awards: every creation accepted, each with its own credential ------------------------------
    const awardIds = ops.filter((op) => op.kind === 'award').map((op) => op.answer!.body.id as string);
    expect(new Set(awardIds).size).toBe(3 * U);

    // ---- the database: status indexes, credentials ↔ records ↔ bits, audit log -----------------
    const revokedStatus = new Map<string, string>();
    for (const s of toRevoke) revokedStatus.set(s.declarationId, (await server.call('GET', `/api/v1/declarations/${s.declarationId}`)).body.status);
    readDb((db) => {
      expect(db.prepare('SELECT list_id, idx, count(*) AS n FROM status_entries GROUP BY list_id, idx HAVING count(*) > 1').all()).toEqual([]);
      expect(db.prepare(`SELECT c.id, count(e.credential_id) AS n FROM credentials c LEFT JOIN status_entries e ON e.credential_id = c.id
        GROUP BY c.id HAVING sum(e.purpose = 'revocation') <> 1 OR sum(e.purpose = 'suspension') <> 1 OR count(e.credential_id) <> 2`).all()).toEqual([]);
      expect(db.prepare('SELECT count(*) AS n FROM status_entries e LEFT JOIN credentials c ON c.id = e.credential_id WHERE c.id IS NULL').get()).toEqual({ n: 0 });
      const credentialsOf = (type: string, id: string) => db.prepare('SELECT id, status FROM credentials WHERE subject_type = ? AND subject_id = ?').all(type, id) as { id: string; status: string }[];
      for (const s of toPublish) expect(credentialsOf('declaration', s.declarationId)).toHaveLength(1);
      for (const id of awardIds) expect(credentialsOf('award', id)).toHaveLength(1);
      for (const s of toSubmit) expect(credentialsOf('declaration', s.declarationId)).toHaveLength(0);
      const bits = db.prepare("SELECT sum(CASE WHEN purpose = 'revocation' THEN is_set END) AS revoked, sum(CASE WHEN purpose = 'suspension' THEN is_set END) AS suspended FROM status_entries WHERE credential_id = ?");
      // The record, its credential and the credential's two bits agree.
      for (const s of toRevoke) {
        const [credential, ...more] = credentialsOf('declaration', s.declarationId);
        expect(more).toEqual([]);
        const expected = { published: ['active', 0, 0], suspended: ['suspended', 0, 1], revoked: ['revoked', 1, 0] }[revokedStatus.get(s.declarationId) as 'published'];
        const b = bits.get(credential!.id) as { revoked: number; suspended: number };
        expect([credential!.status, b.revoked, b.suspended]).toEqual(expected);
      }
    });
    const auditAfter = auditCounts();
    const delta = (action: string) => (auditAfter[action] ?? 0) - (auditBefore[action] ?? 0);
    expect({
      'declaration.submit': delta('declaration.submit'),
      'declaration.amend': delta('declaration.amend'),
      'declaration.publish': delta('declaration.publish'),
      'declaration.revoke': delta('declaration.revoke'),
      'declaration.suspend': delta('declaration.suspend'),
      'award.create': delta('award.create'),
    }).toEqual({
      'declaration.submit': 2 * U,
      'declaration.amend': amendsAccepted,
      'declaration.publish': 2 * U,
      'declaration.revoke': revokes,
      'declaration.suspend': suspends,
      'award.create': 3 * U,
    });
    // Nothing else was written meanwhile (e.g. no audit entry for a rejected request).
    const otherActions = Object.keys(auditAfter).filter((a) => !['declaration.submit', 'declaration.amend', 'declaration.publish', 'declaration.revoke', 'declaration.suspend', 'award.create'].includes(a));
    for (const action of otherActions) expect(delta(action), action).toBe(0);
    // The seeding of 200 records and the 200 writes take about a minute through wrangler dev's local proxy on a busy machine.
  }, 180_000);
});
