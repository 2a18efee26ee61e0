import { sql, type Kysely } from 'kysely';
import type { Award, AwardCode, AwardStatus } from '../../domain/model.js';
import type { AwardRepository } from '../../ports/repositories.js';
import type { AwardCodeRow, AwardRow, Database } from './schema.js';
import { decodeCursor } from '../../domain/cursor.js';
import { GUARD_OP, toOp, toPage } from './ops.js';

export const toAward = (row: AwardRow): Award => ({
  id: row.id,
  organizationId: row.organization_id,
  fiscalYear: row.fiscal_year,
  categoryCode: row.category_code,
  divisionCode: row.division_code,
  partnerMunicipalityId: row.partner_municipality_id,
  overview: row.overview,
  message: row.message,
  awardedOn: row.awarded_on,
  status: row.status as AwardStatus,
  statusReason: row.status_reason,
  statusNote: row.status_note,
  rowVersion: row.row_version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toRow = (a: Award): AwardRow => ({
  id: a.id,
  organization_id: a.organizationId,
  fiscal_year: a.fiscalYear,
  category_code: a.categoryCode,
  division_code: a.divisionCode,
  partner_municipality_id: a.partnerMunicipalityId,
  overview: a.overview,
  message: a.message,
  awarded_on: a.awardedOn,
  status: a.status,
  status_reason: a.statusReason,
  status_note: a.statusNote,
  row_version: a.rowVersion,
  created_at: a.createdAt,
  updated_at: a.updatedAt,
});

const toCode = (row: AwardCodeRow): AwardCode => ({ code: row.code, nameJa: row.name_ja, nameEn: row.name_en, sortOrder: row.sort_order });
const toCodeRow = (c: AwardCode): AwardCodeRow => ({ code: c.code, name_ja: c.nameJa, name_en: c.nameEn, sort_order: c.sortOrder });

export function createKyselyAwards(db: Kysely<Database>): AwardRepository {
  return {
    async get(id) {
      const row = await db.selectFrom('awards').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toAward(row) : null;
    },
    async search(query) {
      let select = db.selectFrom('awards').selectAll();
      if (query.fiscalYear !== undefined) select = select.where('fiscal_year', '=', query.fiscalYear);
      if (query.categoryCode) select = select.where('category_code', '=', query.categoryCode);
      if (query.organizationId) select = select.where('organization_id', '=', query.organizationId);
      // awards_partner_idx: only a municipality's dashboard asks this.
      if (query.partnerMunicipalityId) select = select.where('partner_municipality_id', '=', query.partnerMunicipalityId);
      const after = decodeCursor(query.cursor);
      if (after) select = select.where('id', '>', after);
      const rows = await select.orderBy('id').limit(query.limit + 1).execute();
      return toPage(rows, query.limit, toAward, (row) => row.id);
    },
    insert(award) {
      // Only while no award of that organization, year and category stands: two requests at once
      // both pass the service's check (a read), and only the batch that commits first may record
      // it; the guard turns the other's empty insert into a WriteConflict.
      const row = toRow(award);
      const columns = Object.keys(row) as (keyof AwardRow)[];
      const standing = db
        .selectFrom('awards')
        .select(sql.lit(1).as('one'))
        .where('organization_id', '=', award.organizationId)
        .where('fiscal_year', '=', award.fiscalYear)
        .where('category_code', '=', award.categoryCode)
        .where('status', '<>', 'revoked');
      const values = db.selectNoFrom(columns.map((column) => sql<unknown>`${row[column]}`.as(column))).where(({ not, exists }) => not(exists(standing)));
      return [toOp(db.insertInto('awards').columns(columns).expression(values)), GUARD_OP];
    },
    update(award, expectedRowVersion) {
      const { id, created_at, ...changes } = toRow(award);
      return [
        toOp(db.updateTable('awards').set(changes).where('id', '=', id).where('row_version', '=', expectedRowVersion)),
        GUARD_OP,
      ];
    },
    async categories() {
      return (await db.selectFrom('award_categories').selectAll().orderBy('sort_order').orderBy('code').execute()).map(toCode);
    },
    async divisions() {
      return (await db.selectFrom('award_divisions').selectAll().orderBy('sort_order').orderBy('code').execute()).map(toCode);
    },
    insertCategory(code) {
      return [toOp(db.insertInto('award_categories').values(toCodeRow(code)))];
    },
    insertDivision(code) {
      return [toOp(db.insertInto('award_divisions').values(toCodeRow(code)))];
    },
  };
}
