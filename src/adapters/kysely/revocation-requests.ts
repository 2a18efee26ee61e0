import type { Kysely } from 'kysely';
import type { RevocationOutcome, RevocationRequest, RevocationRequestRepository, RevocationSubjectType } from '../../ports/revocation-requests.js';
import { GUARD_OP, toOp } from './ops.js';
import type { Database } from './schema.js';

/** A type alias, not an interface: Kysely's withTables wants an index-compatible record type. */
type RevocationRequestRow = {
  id: string;
  subject_type: string;
  subject_id: string;
  reason: string;
  note: string | null;
  requested_by: string;
  requested_by_name: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  outcome: string | null;
};

const toRequest = (row: RevocationRequestRow): RevocationRequest => ({
  id: row.id,
  subjectType: row.subject_type as RevocationSubjectType,
  subjectId: row.subject_id,
  reason: row.reason,
  note: row.note,
  requestedBy: row.requested_by,
  requestedByName: row.requested_by_name,
  requestedAt: row.requested_at,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at,
  outcome: row.outcome as RevocationOutcome | null,
});

/** Revocation requests (migrations/2026-11-30T1500-back-office.ts). */
export function createKyselyRevocationRequests(db: Kysely<Database>): RevocationRequestRepository {
  const t = db.withTables<{ revocation_requests: RevocationRequestRow }>();
  return {
    async get(id) {
      const row = await t.selectFrom('revocation_requests').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRequest(row) : null;
    },
    async pendingFor(subjectType, subjectId) {
      const row = await t.selectFrom('revocation_requests').selectAll()
        .where('subject_type', '=', subjectType).where('subject_id', '=', subjectId).where('outcome', 'is', null).executeTakeFirst();
      return row ? toRequest(row) : null;
    },
    async list({ pending, limit }) {
      const rows = pending
        ? await t.selectFrom('revocation_requests').selectAll().where('outcome', 'is', null).orderBy('requested_at').orderBy('id').limit(limit).execute()
        : await t.selectFrom('revocation_requests').selectAll().where('outcome', 'is not', null).orderBy('decided_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toRequest);
    },
    async countPending() {
      const row = await t.selectFrom('revocation_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('outcome', 'is', null).executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    insert(r) {
      return toOp(t.insertInto('revocation_requests').values({
        id: r.id, subject_type: r.subjectType, subject_id: r.subjectId, reason: r.reason, note: r.note,
        requested_by: r.requestedBy, requested_by_name: r.requestedByName, requested_at: r.requestedAt,
        decided_by: r.decidedBy, decided_at: r.decidedAt, outcome: r.outcome,
      }));
    },
    decide(id, { outcome, decidedBy, decidedAt }) {
      return [
        toOp(t.updateTable('revocation_requests').set({ outcome, decided_by: decidedBy, decided_at: decidedAt }).where('id', '=', id).where('outcome', 'is', null)),
        GUARD_OP,
      ];
    },
  };
}
