/**
 * Crash safety of the bulk re-issue after a key rotation (`npm run reissue`): the real CLI is
 * killed with SIGKILL half-way, the SQLite file must then hold no half-applied switch, and a
 * second run finishes the job; a restarted server verifies the successors and reports the old
 * credentials as revoked (superseded).
 */
import BetterSqlite3 from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyFile } from '../../src/adapters/node/key-files.js';
import { createRestartableServer, type RestartableServer } from '../helpers/restartable-server.js';
import { seedCompany } from '../helpers/server.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const DECLARATIONS = 100;
const AWARDS = 50;

let rs: RestartableServer;
afterAll(async () => rs?.dispose());

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  lines: Record<string, unknown>[];
  stderr: string;
}

/** `node --import tsx src/cli/reissue.ts` on the server's files; `killAfter` SIGKILLs it once that many are reported done. */
function runReissue({ killAfter }: { killAfter?: number } = {}): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/reissue.ts', '--batch', '5'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_PATH: join(rs.dir, 'registry.sqlite'),
      KEYS_DIR: join(rs.dir, 'keys'),
      PUBLIC_BASE_URL: `http://localhost:${rs.port}`,
      PORT: String(rs.port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let buffered = '';
  let stderr = '';
  let killing = false;
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  child.stdout!.on('data', (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
      lines.push(line);
      // A random moment inside the next slice (signing or committing), not just between slices.
      if (killAfter !== undefined && !killing && line.event === 'reissue_progress' && Number(line.reissued) >= killAfter) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 150);
      }
    }
  });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, lines, stderr })));
}

interface Row {
  id: string;
  subject_type: string;
  subject_id: string;
  subject_version: number;
  status: string;
  key_id: string;
  valid_from: string;
  valid_until: string | null;
}

/** Reads the SQLite file directly and checks every invariant that must hold between any two batches. */
function checkInvariants(oldKeyIds: Set<string>) {
  const db = new BetterSqlite3(join(rs.dir, 'registry.sqlite'));
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const credentials = db.prepare('SELECT * FROM credentials').all() as Row[];
    const entries = db.prepare('SELECT * FROM status_entries').all() as { credential_id: string; purpose: string; is_set: number }[];
    const bit = new Map(entries.map((e) => [`${e.credential_id}/${e.purpose}`, e.is_set === 1]));

    // Every credential has exactly its two status entries.
    const perCredential = new Map<string, string[]>();
    for (const e of entries) perCredential.set(e.credential_id, [...(perCredential.get(e.credential_id) ?? []), e.purpose]);
    for (const c of credentials) expect(perCredential.get(c.id)?.sort()).toEqual(['revocation', 'suspension']);
    expect(entries.length).toBe(credentials.length * 2);

    // Exactly one live credential per published/suspended declaration and active/suspended award, with matching bits.
    const live = (type: string, id: string) => credentials.filter((c) => c.subject_type === type && c.subject_id === id && ['active', 'suspended'].includes(c.status));
    const subjects = [
      ...(db.prepare('SELECT id, status FROM declarations').all() as { id: string; status: string }[]).map((d) => ({
        type: 'declaration', id: d.id, expected: ({ published: 'active', suspended: 'suspended' } as Record<string, string>)[d.status],
      })),
      ...(db.prepare('SELECT id, status FROM awards').all() as { id: string; status: string }[]).map((a) => ({
        type: 'award', id: a.id, expected: ({ active: 'active', suspended: 'suspended' } as Record<string, string>)[a.status],
      })),
    ];
    for (const s of subjects) {
      const current = live(s.type, s.id);
      if (!s.expected) {
        expect(current).toEqual([]);
        continue;
      }
      expect(current.map((c) => c.status), `${s.type} ${s.id}`).toEqual([s.expected]);
      expect(bit.get(`${current[0]!.id}/revocation`)).toBe(false);
      expect(bit.get(`${current[0]!.id}/suspension`)).toBe(s.expected === 'suspended');
    }

    // Every switch: old superseded with revocation bit set, one audit entry, a successor with the same subject and status.
    const audit = (db.prepare("SELECT * FROM audit_log WHERE action = 'credential.reissue'").all() as { entity_id: string; before: string; after: string }[]);
    const byId = new Map(credentials.map((c) => [c.id, c]));
    const switched = credentials.filter((c) => c.status === 'superseded');
    expect(audit.map((a) => a.entity_id).sort()).toEqual(switched.map((c) => c.id).sort());
    for (const a of audit) {
      const old = byId.get(a.entity_id)!;
      const before = JSON.parse(a.before);
      const after = JSON.parse(a.after);
      expect(oldKeyIds.has(old.key_id)).toBe(true);
      expect(bit.get(`${old.id}/revocation`)).toBe(true);
      const successor = byId.get(after.successorId)!;
      expect(successor).toBeDefined();
      expect(oldKeyIds.has(successor.key_id)).toBe(false);
      expect([successor.subject_type, successor.subject_id, successor.subject_version, successor.valid_from, successor.valid_until]).toEqual([
        old.subject_type, old.subject_id, old.subject_version, old.valid_from, old.valid_until,
      ]);
      expect(after.successorStatus).toBe(before.status);
    }
    // Nothing signed by the new key without a switch behind it.
    expect(credentials.filter((c) => !oldKeyIds.has(c.key_id)).length).toBe(switched.length);
    return {
      switched: switched.length,
      liveOld: credentials.filter((c) => ['active', 'suspended'].includes(c.status) && oldKeyIds.has(c.key_id)).length,
      credentials,
    };
  } finally {
    db.close();
  }
}

describe('bulk re-issue after a key rotation', () => {
  it('survives SIGKILL half-way with no half-applied switch, then completes on a second run', async () => {
    const started = Date.now();
    rs = await createRestartableServer();
    let server = await rs.start();

    // Seed: published declarations (some suspended, some revoked) and awards (some suspended).
    const declarations: string[] = [];
    const organizations: string[] = [];
    for (let i = 0; i < DECLARATIONS; i += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, (_, k) => seedCompany(server, { n: 500 + i + k, publish: true })));
      for (const b of batch) {
        declarations.push(b.declarationId);
        organizations.push(b.organization.id);
      }
    }
    const awards: string[] = [];
    for (let i = 0; i < AWARDS; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, (_, k) => server.call('POST', '/api/v1/awards', { body: { organizationId: organizations[i + k], fiscalYear: 2025, category: 'excellence' } })),
      );
      for (const b of batch) {
        expect(b.status).toBe(201);
        awards.push(b.body.id);
      }
    }
    for (const id of declarations.slice(0, 10)) expect((await server.call('POST', `/api/v1/declarations/${id}/suspend`, { body: { reason: 'under-investigation' } })).status).toBe(200);
    for (const id of declarations.slice(10, 13)) expect((await server.call('POST', `/api/v1/declarations/${id}/revoke`, { body: { reason: 'false-declaration' } })).status).toBe(200);
    for (const id of awards.slice(0, 5)) expect((await server.call('POST', `/api/v1/awards/${id}/suspend`)).status).toBe(200);
    const seeded = Date.now();
    await rs.stop();

    // Rotate: a new key file; the newest unretired key signs from now on.
    const oldKeyIds = new Set(rs.keys().map((k) => k.keyId));
    const newKey = await createKeyFile(join(rs.dir, 'keys'));
    const live = DECLARATIONS - 3 + AWARDS;
    expect(checkInvariants(oldKeyIds)).toMatchObject({ switched: 0, liveOld: live });

    // First run: SIGKILL once it reports 40 done.
    const killed = await runReissue({ killAfter: 40 });
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    expect(killed.lines.some((l) => l.event === 'reissue_done')).toBe(false);
    const afterKill = checkInvariants(oldKeyIds);
    expect(afterKill.switched).toBeGreaterThanOrEqual(40);
    expect(afterKill.liveOld).toBeGreaterThan(0);
    expect(afterKill.switched + afterKill.liveOld).toBe(live);

    // The admin endpoint does a bounded slice on a server that loaded the new key.
    server = await rs.start();
    const slice = await server.call('POST', '/api/v1/admin/reissue?limit=5');
    expect(slice.status).toBe(200);
    expect(slice.body).toMatchObject({ keyId: newKey.keyId, reissued: 5, skipped: 0, remaining: afterKill.liveOld - 5 });
    await rs.stop();
    checkInvariants(oldKeyIds);

    // Second run: continues with what is left and completes.
    const second = await runReissue();
    expect(second.code, second.stderr).toBe(0);
    expect(second.lines[0]).toMatchObject({ event: 'reissue_started', remaining: afterKill.liveOld - 5 });
    expect(second.lines.at(-1)).toMatchObject({ event: 'reissue_done', reissued: afterKill.liveOld - 5 });
    const final = checkInvariants(oldKeyIds);
    expect(final).toMatchObject({ switched: live, liveOld: 0 });
    for (const c of final.credentials.filter((c) => ['active', 'suspended'].includes(c.status))) expect(c.key_id).toBe(newKey.keyId);

    // A restarted server verifies the successors and reports the old ones as revoked (superseded).
    server = await rs.start();
    expect((await server.call('POST', '/api/v1/admin/reissue')).body).toMatchObject({ reissued: 0, remaining: 0 });
    const db = new BetterSqlite3(join(rs.dir, 'registry.sqlite'), { readonly: true });
    const stored = (id: string) => db.prepare('SELECT data_integrity, jwt FROM credentials WHERE id = ?').get(id) as { data_integrity: string; jwt: string };
    const liveOf = (type: string, id: string) => final.credentials.find((c) => c.subject_type === type && c.subject_id === id && ['active', 'suspended'].includes(c.status))!;
    const oldOf = (type: string, id: string) => final.credentials.find((c) => c.subject_type === type && c.subject_id === id && c.status === 'superseded')!;
    const verify = (verifiableCredential: unknown) => server.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential } });
    try {
      for (const [type, id, suspended] of [
        ['declaration', declarations[50]!, false],
        ['declaration', declarations[0]!, true],
        ['award', awards[20]!, false],
        ['award', awards[0]!, true],
      ] as const) {
        const successor = liveOf(type, id);
        for (const form of [JSON.parse(stored(successor.id).data_integrity), stored(successor.id).jwt]) {
          const answer = await verify(form);
          expect(answer.body, `${type} ${id}`).toMatchObject({ issuedByRegistry: true, credentialId: successor.id, registryStatus: successor.status, status: { revoked: false, suspended } });
          expect(answer.body.problemDetails.filter((p: { type: string }) => !/suspend/i.test(p.type))).toEqual([]);
          if (!suspended) expect(answer.body.verified).toBe(true);
        }
        const old = oldOf(type, id);
        const answer = await verify(JSON.parse(stored(old.id).data_integrity));
        expect(answer.status).toBe(400);
        expect(answer.body).toMatchObject({ verified: false, credentialId: old.id, registryStatus: 'superseded', status: { revoked: true } });
      }
    } finally {
      db.close();
    }
    console.info(`crash-safety: seeding ${seeded - started} ms, killed after ${afterKill.switched}/${live} switched, total ${Date.now() - started} ms`);
  }, 300_000);
});
