import type { Kysely, RawBuilder } from 'kysely';
import type { Declaration, DeclarationContent, DeclarationStatus, DeclarationVersion } from '../../domain/model.js';
import { foldForSearch } from '../../domain/search-text.js';
import type { DeclarationRepository } from '../../ports/repositories.js';
import type { Database, DeclarationRow, DeclarationVersionRow } from './schema.js';
import { decodeCursor } from '../../domain/cursor.js';
import { inChunks } from './chunks.js';
import { fixedRows, GUARD_OP, insertRowOp, pageByText, toPage, updateRowOp } from './ops.js';

type Joined = DeclarationRow & { content: string };
/** What selectJoined() below compiles to, for one declaration. */
const GET_JOINED_SQL =
  'SELECT d.*, v.content FROM declarations AS d INNER JOIN declaration_versions AS v ON v.declaration_id = d.id AND v.version = d.current_version WHERE d.id = ?';

const toDeclaration = (row: Joined): Declaration => ({
  id: row.id,
  organizationId: row.organization_id,
  status: row.status as DeclarationStatus,
  currentVersion: row.current_version,
  rowVersion: row.row_version,
  validFrom: row.valid_from,
  validUntil: row.valid_until,
  submittedAt: row.submitted_at,
  publishedAt: row.published_at,
  statusReason: row.status_reason,
  statusNote: row.status_note,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  publicUpdatedAt: row.public_updated_at ?? row.updated_at,
  content: JSON.parse(row.content) as DeclarationContent,
});

const toRow = (d: Declaration): DeclarationRow => ({
  id: d.id,
  organization_id: d.organizationId,
  status: d.status,
  current_version: d.currentVersion,
  row_version: d.rowVersion,
  valid_from: d.validFrom,
  valid_until: d.validUntil,
  submitted_at: d.submittedAt,
  published_at: d.publishedAt,
  status_reason: d.statusReason,
  status_note: d.statusNote,
  created_at: d.createdAt,
  updated_at: d.updatedAt,
  public_updated_at: d.publicUpdatedAt,
});

const toVersionRow = (declarationId: string, v: DeclarationVersion): DeclarationVersionRow => ({
  declaration_id: declarationId,
  version: v.version,
  content: JSON.stringify(v.content),
  created_at: v.createdAt,
  created_by: v.createdBy,
});

export function createKyselyDeclarations(db: Kysely<Database>): DeclarationRepository {
  /** A declaration row joined with the content of its current version. */
  const selectJoined = () =>
    db
      .selectFrom('declarations as d')
      .innerJoin('declaration_versions as v', (join) =>
        join.onRef('v.declaration_id', '=', 'd.id').onRef('v.version', '=', 'd.current_version'),
      )
      .selectAll('d')
      .select('v.content');

  return {
    async get(id) {
      // selectJoined() by id, as a fixed statement (each change reads it).
      const [row] = await fixedRows<Joined>(db, GET_JOINED_SQL, [id]);
      return row ? toDeclaration(row) : null;
    },
    async versions(id) {
      const rows = await db
        .selectFrom('declaration_versions')
        .selectAll()
        .where('declaration_id', '=', id)
        .orderBy('version')
        .execute();
      return rows.map((r) => ({ version: r.version, content: JSON.parse(r.content), createdAt: r.created_at, createdBy: r.created_by }));
    },
    async listByOrganization(organizationId) {
      const rows = await selectJoined().where('d.organization_id', '=', organizationId).orderBy('d.id').execute();
      return rows.map(toDeclaration);
    },
    async publishedOnceIn(organizationIds) {
      const rows = await inChunks(organizationIds, (chunk) =>
        db.selectFrom('declarations').select(['id', 'organization_id', 'published_at']).where('organization_id', 'in', chunk).where('published_at', 'is not', null).execute(),
      );
      return rows.map((r) => ({ id: r.id, organizationId: r.organization_id, publishedAt: r.published_at }));
    },
    async search(query) {
      /** One page with every filter; `text` is the search-text condition, if any (see pageByText). */
      const page = (text?: RawBuilder<boolean>) => {
        let select = selectJoined().innerJoin('organizations as o', 'o.id', 'd.organization_id');
        if (query.statuses.length > 0) select = select.where('d.status', 'in', query.statuses);
        if (query.publishedOnce) select = select.where('d.published_at', 'is not', null);
        if (query.organizationId) select = select.where('d.organization_id', '=', query.organizationId);
        if (query.prefectureCode) select = select.where('o.prefecture_code', '=', query.prefectureCode);
        if (query.industryCode) select = select.where('o.industry_code', '=', query.industryCode);
        const after = decodeCursor(query.cursor);
        if (text) select = select.where(text);
        if (query.order === 'submitted') {
          // Keyset on (submitted_at, id): the cursor is "<submitted_at> <id>" of the last row.
          const at = after?.split(' ');
          if (at?.length === 2) {
            const [submitted, id] = at as [string, string];
            select = select.where((eb) => eb.or([eb('d.submitted_at', '>', submitted), eb.and([eb('d.submitted_at', '=', submitted), eb('d.id', '>', id)])]));
          }
          return select.orderBy('d.submitted_at').orderBy('d.id').limit(query.limit + 1).execute();
        }
        if (after) select = select.where('d.id', '>', after);
        return select.orderBy('d.id').limit(query.limit + 1).execute();
      };
      const rows = query.q ? await pageByText(db, foldForSearch(query.q), page) : await page();
      return toPage(rows, query.limit, toDeclaration, (row) => (query.order === 'submitted' ? `${row.submitted_at ?? ''} ${row.id}` : row.id));
    },
    async states(query) {
      let select = db.selectFrom('declarations').select(['id', 'organization_id', 'status', 'status_reason', 'published_at']);
      const after = decodeCursor(query.cursor);
      if (after) select = select.where('id', '>', after);
      const rows = await select.orderBy('id').limit(query.limit + 1).execute();
      return toPage(rows, query.limit, (r) => ({ id: r.id, organizationId: r.organization_id, status: r.status as DeclarationStatus, statusReason: r.status_reason, publishedAt: r.published_at }), (r) => r.id);
    },
    async dueForExpiry(now, limit) {
      const rows = await selectJoined()
        .where('d.status', 'in', ['published', 'suspended'])
        // validUntil is its last valid instant, as a verifier reads it (expired only after it).
        .where('d.valid_until', '<', now)
        .orderBy('d.valid_until')
        .limit(limit)
        .execute();
      return rows.map(toDeclaration);
    },
    insert(declaration, version) {
      return [
        insertRowOp('declarations', toRow(declaration)),
        insertRowOp('declaration_versions', toVersionRow(declaration.id, version)),
      ];
    },
    update(declaration, expectedRowVersion, newVersion) {
      const { id, created_at, organization_id, ...changes } = toRow(declaration);
      const ops = [
        updateRowOp('declarations', changes, { id, row_version: expectedRowVersion }),
        GUARD_OP,
      ];
      if (newVersion) ops.push(insertRowOp('declaration_versions', toVersionRow(id, newVersion)));
      return ops;
    },
  };
}
