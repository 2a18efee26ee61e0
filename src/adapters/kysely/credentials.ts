import { sql, type Kysely } from 'kysely';
import type {
  CredentialStatus, CredentialStore, CredentialSubjectType, CredentialSummary, StatusEntry, StatusPurpose, StoredCredential,
} from '../../ports/credential-store.js';
import type { WriteOp } from '../../ports/store.js';
import type { CredentialRow, Database, StatusEntryRow } from './schema.js';
import { fixedRows, GUARD_OP, insertRowOp, toOp } from './ops.js';
import { inChunks } from './chunks.js';

/**
 * Asked on every verification of a vc+jwt of ours, so it is one fixed statement rather than a
 * query built anew each time (building cost more than running it; the same holds for the
 * statements below). Whether the JWT is the one stored is decided in SQL without reading the
 * stored JWT (~4–10 KB, in overflow pages) unless its signature matches: the index holds all
 * else the statement reads (migrations/2026-12-04T0000-verification-index.ts); SQLite's planner
 * prefers the primary key's index, which would read the row. Parameters: verificationParameters.
 * Also run by the bench's verification floor (bench/baselines/verification-floor-server.ts).
 */
export const VERIFICATION_RECORD_SQL = `SELECT c.id, c.status, c.key_id, CASE WHEN c.jwt_signature = ? THEN c.jwt = ? ELSE 0 END AS is_stored_jwt,
  e.list_id, e.idx, e.purpose, e.is_set
  FROM credentials c INDEXED BY credentials_verification_idx LEFT JOIN status_entries e ON e.credential_id = c.id WHERE c.id = ?`;
/** VERIFICATION_RECORD_SQL's parameters for the credential `id` and a compact JWS. */
export const verificationParameters = (id: string, jwt: string) => [jwsSignature(jwt), jwt, id];
/** The third part of a compact JWS, as the credentials table keeps it (jwt_signature). */
export const jwsSignature = (jwt: string) => jwt.slice(jwt.lastIndexOf('.') + 1);
export type VerificationRow = { id: string; status: string; key_id: string; is_stored_jwt: number } & EntryColumns;

/** Who holds a status list index, with all its entries: asked on every Data Integrity verification of ours. */
const HOLDER_SQL = `SELECT c.id, c.status, e.list_id, e.idx, e.purpose, e.is_set
  FROM status_entries mine JOIN status_entries e ON e.credential_id = mine.credential_id JOIN credentials c ON c.id = mine.credential_id
  WHERE mine.list_id = ? AND mine.idx = ?`;
type HolderRow = { id: string; status: string } & EntryColumns;
/** Asked on every GET /v/{id}. */
const STATUS_SQL = 'SELECT status FROM credentials WHERE id = ?';

// Every issuance reads the open list of each purpose, tries indexes, and writes its credential
// with two entries: fixed statements, as above, and rows written by insertRowOp (Kysely built
// and compiled them in ~100 µs of an issuance's ~4 ms).
const OPEN_LIST_SQL = 'SELECT id, purpose, length, revision FROM status_lists WHERE purpose = ? AND "full" = 0 ORDER BY created_at LIMIT 1';
type OpenListRow = { id: string; purpose: string; length: number; revision: number };
const INDEX_TAKEN_SQL = 'SELECT 1 AS taken FROM status_entries WHERE list_id = ? AND idx = ?';
// A subject's credentials (read several times by every change of a declaration or award) and an organization's.
const BY_ORGANIZATION_SQL = 'SELECT * FROM credentials WHERE organization_id = ? ORDER BY issued_at DESC';
// Without the signed forms: a list of declarations reads one per declaration, and they are ~20 KB a row.
const LIST_FOR_SQL = `SELECT id, subject_type, subject_id, subject_version, organization_id, status, key_id, valid_from, valid_until, issued_at
  FROM credentials WHERE subject_type = ? AND subject_id = ? ORDER BY issued_at DESC, id DESC`;
/** One more index taken; the list closes once it is mostly allocated, so random picks keep finding free slots in a few tries. */
const TAKE_INDEX_SQL = 'UPDATE status_lists SET revision = revision + 1, allocated = allocated + 1, "full" = CASE WHEN allocated + 1 >= ? THEN 1 ELSE "full" END WHERE id = ?';

type SummaryRow = Omit<CredentialRow, 'data_integrity' | 'jwt'>;
type EntryColumns = { list_id: string | null; idx: number | null; purpose: string | null; is_set: number | null };
const entryOf = (r: EntryColumns): StatusEntry[] =>
  r.list_id === null || r.idx === null ? [] : [{ purpose: r.purpose as StatusPurpose, listId: r.list_id, index: r.idx, isSet: r.is_set === 1 }];

export function createKyselyCredentialStore(db: Kysely<Database>): CredentialStore {
  async function withEntries(rows: CredentialRow[]): Promise<StoredCredential[]> {
    const listed = await summariesOf(rows);
    return listed.map((credential, i) => ({ ...credential, dataIntegrity: rows[i]!.data_integrity, jwt: rows[i]!.jwt }));
  }

  async function summariesOf(rows: SummaryRow[]): Promise<CredentialSummary[]> {
    if (rows.length === 0) return [];
    // An organization's credentials can be more than D1's 100 bound parameters a statement.
    const entries = await inChunks(rows.map((r) => r.id), (ids) =>
      fixedRows<StatusEntryRow>(db, `SELECT * FROM status_entries WHERE credential_id IN (${ids.map(() => '?').join(', ')})`, ids),
    );
    return rows.map((row) => ({
      id: row.id,
      subjectType: row.subject_type as CredentialSubjectType,
      subjectId: row.subject_id,
      subjectVersion: row.subject_version,
      organizationId: row.organization_id,
      status: row.status as CredentialStatus,
      keyId: row.key_id,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      issuedAt: row.issued_at,
      entries: entries
        .filter((e) => e.credential_id === row.id)
        .map((e) => ({ purpose: e.purpose as StatusPurpose, listId: e.list_id, index: e.idx, isSet: e.is_set === 1 })),
    }));
  }

  const listInfo = async (id: string) => {
    const row = await db.selectFrom('status_lists').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { id: row.id, purpose: row.purpose as StatusPurpose, length: row.length, revision: row.revision } : null;
  };

  /** The bits that change, each with its list's revision bumped (so the signed list is re-signed). */
  function bitOps(bits: Partial<Record<StatusPurpose, boolean>>, entries: StatusEntry[]) {
    const ops = [];
    for (const entry of entries) {
      const value = bits[entry.purpose];
      if (value === undefined || value === entry.isSet) continue;
      ops.push(
        toOp(db.updateTable('status_entries').set({ is_set: value ? 1 : 0 }).where('list_id', '=', entry.listId).where('idx', '=', entry.index)),
        toOp(db.updateTable('status_lists').set({ revision: sql`revision + 1` }).where('id', '=', entry.listId)),
      );
    }
    return ops;
  }

  const liveNotSignedBy = (keyId: string) =>
    db
      .selectFrom('credentials')
      .where('status', 'in', ['active', 'suspended'])
      .where('subject_type', 'in', ['declaration', 'award'])
      .where('key_id', '!=', keyId);

  return {
    async get(id) {
      const rows = await db.selectFrom('credentials').selectAll().where('id', '=', id).execute();
      return (await withEntries(rows))[0] ?? null;
    },
    async statusOf(id) {
      const rows = await fixedRows<{ status: string }>(db, STATUS_SQL, [id]);
      return rows[0] ? (rows[0].status as CredentialStatus) : null;
    },
    async listFor(subjectType, subjectId) {
      const rows = await fixedRows<SummaryRow>(db, LIST_FOR_SQL, [subjectType, subjectId]);
      return summariesOf(rows);
    },
    async listByOrganization(organizationId) {
      const rows = await fixedRows<CredentialRow>(db, BY_ORGANIZATION_SQL, [organizationId]);
      return withEntries(rows);
    },
    async openList(purpose, create) {
      const rows = await fixedRows<OpenListRow>(db, OPEN_LIST_SQL, [purpose]);
      const open = rows[0];
      if (open) return { id: open.id, purpose: open.purpose as StatusPurpose, length: open.length, revision: open.revision };
      await db.insertInto('status_lists').values({ id: create.id, purpose, length: create.length, full: 0, revision: 0, allocated: 0, created_at: create.at }).execute();
      return { id: create.id, purpose, length: create.length, revision: 0 };
    },
    async isAllocated(listId, index) {
      return (await fixedRows(db, INDEX_TAKEN_SQL, [listId, index])).length > 0;
    },
    listInfo,
    async setIndexes(listId) {
      const rows = await db.selectFrom('status_entries').select('idx').where('list_id', '=', listId).where('is_set', '=', 1).execute();
      return rows.map((r) => r.idx);
    },
    async holderOf(listId, index) {
      const rows = await fixedRows<HolderRow>(db, HOLDER_SQL, [listId, index]);
      const first = rows[0];
      return first ? { credentialId: first.id, status: first.status as CredentialStatus, entries: rows.flatMap(entryOf) } : null;
    },
    async verificationRecord(id, jwt) {
      const rows = await fixedRows<VerificationRow>(db, VERIFICATION_RECORD_SQL, verificationParameters(id, jwt));
      const first = rows[0];
      return first
        ? { credentialId: first.id, status: first.status as CredentialStatus, keyId: first.key_id, isStoredJwt: first.is_stored_jwt === 1, entries: rows.flatMap(entryOf) }
        : null;
    },
    async statusBit(listId, index) {
      const row = await db.selectFrom('status_entries').select('is_set').where('list_id', '=', listId).where('idx', '=', index).executeTakeFirst();
      return row ? row.is_set === 1 : null;
    },
    insert(credential, fullAt) {
      const c = credential;
      const ops: WriteOp[] = [
        insertRowOp('credentials', {
          id: c.id,
          subject_type: c.subjectType,
          subject_id: c.subjectId,
          subject_version: c.subjectVersion,
          organization_id: c.organizationId,
          status: c.status,
          key_id: c.keyId,
          valid_from: c.validFrom,
          valid_until: c.validUntil,
          data_integrity: c.dataIntegrity,
          jwt: c.jwt,
          jwt_signature: jwsSignature(c.jwt),
          issued_at: c.issuedAt,
        }),
      ];
      for (const entry of c.entries) {
        ops.push(
          insertRowOp('status_entries', { list_id: entry.listId, idx: entry.index, credential_id: c.id, purpose: entry.purpose, is_set: entry.isSet ? 1 : 0 }),
          { sql: TAKE_INDEX_SQL, parameters: [fullAt, entry.listId] },
        );
      }
      return ops;
    },
    update(credentialId, status, bits, entries) {
      return [toOp(db.updateTable('credentials').set({ status }).where('id', '=', credentialId)), ...bitOps(bits, entries)];
    },
    async listLiveNotSignedBy(keyId, limit) {
      const rows = await liveNotSignedBy(keyId).selectAll().orderBy('issued_at').orderBy('id').limit(limit).execute();
      return withEntries(rows);
    },
    async countLiveNotSignedBy(keyId) {
      const row = await liveNotSignedBy(keyId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    supersede(credential) {
      return [
        toOp(db.updateTable('credentials').set({ status: 'superseded' }).where('id', '=', credential.id).where('status', '=', credential.status)),
        GUARD_OP,
        ...bitOps({ revocation: true, suspension: false }, credential.entries),
      ];
    },
  };
}
