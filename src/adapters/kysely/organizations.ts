import { sql, type Kysely, type RawBuilder } from 'kysely';
import { storedStatusesShownAs } from '../../domain/declaration-lifecycle.js';
import { isValidCorporateNumber, isValidLocalGovernmentCode, normalizeDigits } from '../../domain/identifiers.js';
import type { Organization, OrganizationKind } from '../../domain/model.js';
import { foldForSearch } from '../../domain/search-text.js';
import type { OrganizationRepository } from '../../ports/repositories.js';
import type { Database, OrganizationRow } from './schema.js';
import { decodeCursor } from '../../domain/cursor.js';
import { inChunks } from './chunks.js';
import { fixedRows, GUARD_OP, pageByText, toOp, toPage } from './ops.js';

export const toOrganization = (row: OrganizationRow): Organization => ({
  id: row.id,
  kind: row.kind as OrganizationKind,
  corporateNumber: row.corporate_number,
  localGovernmentCode: row.local_government_code,
  name: row.name,
  nameKana: row.name_kana,
  nameEn: row.name_en,
  prefectureCode: row.prefecture_code,
  city: row.city,
  industryCode: row.industry_code,
  sizeBand: row.size_band,
  website: row.website,
  contact: row.contact ? JSON.parse(row.contact) : null,
  listed: row.listed === 1,
  rowVersion: row.row_version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  publicUpdatedAt: row.public_updated_at ?? row.updated_at,
});

const toRow = (o: Organization): OrganizationRow => ({
  id: o.id,
  kind: o.kind,
  corporate_number: o.corporateNumber,
  local_government_code: o.localGovernmentCode,
  name: o.name,
  name_kana: o.nameKana,
  name_en: o.nameEn,
  search_text: foldForSearch([o.name, o.nameKana, o.nameEn].filter(Boolean).join(' ')),
  prefecture_code: o.prefectureCode,
  city: o.city,
  industry_code: o.industryCode,
  size_band: o.sizeBand,
  website: o.website,
  contact: o.contact ? JSON.stringify(o.contact) : null,
  listed: o.listed ? 1 : 0,
  row_version: o.rowVersion,
  created_at: o.createdAt,
  updated_at: o.updatedAt,
  public_updated_at: o.publicUpdatedAt,
});

/**
 * A query that is a 法人番号 (or T + 法人番号, an invoice registration number) or a 地方公共団体コード
 * (full-width digits, hyphens and spaces allowed, check digit valid) is answered by an indexed equality on the identifier: identifiers
 * are not in search_text, and a substring search for 13 digits would look at every name.
 */
export function identifierCondition(q: string): RawBuilder<boolean> | null {
  const digits = normalizeDigits(q);
  if (isValidCorporateNumber(digits)) return sql<boolean>`o.corporate_number = ${digits}`;
  // An invoice registration number (適格請求書発行事業者登録番号) is "T" + the 法人番号 for a
  // corporation: it is what invoices and many company pages print, so the box takes it too.
  const invoice = /^T(\d{13})$/i.exec(digits)?.[1];
  if (invoice && isValidCorporateNumber(invoice)) return sql<boolean>`o.corporate_number = ${invoice}`;
  if (isValidLocalGovernmentCode(digits)) return sql<boolean>`o.local_government_code = ${digits}`;
  return null;
}

export function createKyselyOrganizations(db: Kysely<Database>): OrganizationRepository {
  return {
    async get(id) {
      const [row] = await fixedRows<OrganizationRow>(db, 'SELECT * FROM organizations WHERE id = ?', [id]);
      return row ? toOrganization(row) : null;
    },
    async getMany(ids) {
      return (await inChunks(ids, (chunk) => db.selectFrom('organizations').selectAll().where('id', 'in', chunk).execute())).map(toOrganization);
    },
    async getByCorporateNumber(corporateNumber) {
      const [row] = await fixedRows<OrganizationRow>(db, 'SELECT * FROM organizations WHERE corporate_number = ?', [corporateNumber]);
      return row ? toOrganization(row) : null;
    },
    async search(query) {
      /** One page with every filter; `text` is the search-text condition, if any (see pageByText). */
      const page = (text?: RawBuilder<boolean>) => {
        const organizations = () => db.selectFrom('organizations as o').selectAll('o');
        // The secretariat's list by a stored status (no search text) walks the declarations in that
        // status by organization (declarations_status_org_idx) and stops after a page: walking the
        // organizations, each asked for one, went through most of 100,000 to find the newest (those
        // under review, sent back). With search text the few organizations found come first instead.
        const status = !query.listedOnly && !text ? query.declarationStatus : undefined;
        const byDeclarations = () => {
          let walk = db.selectFrom('declarations as d').crossJoin('organizations as o').whereRef('o.id', '=', 'd.organization_id').selectAll('o').where('d.status', '=', status!);
          if (query.declarationReturned !== undefined) walk = walk.where('d.status_reason', query.declarationReturned ? 'is not' : 'is', null);
          if (query.declarationPublishedBefore !== undefined) walk = walk.where('d.published_at', query.declarationPublishedBefore ? 'is not' : 'is', null);
          // The filters below name the organization alone (o), as in the other query.
          return walk as unknown as ReturnType<typeof organizations>;
        };
        let select = status ? byDeclarations() : organizations();
        if (query.listedOnly) {
          // `listed` marks an organization with a public record (its page and open data show its
          // history, revoked or withdrawn declarations included). The public list is narrower:
          // organizations 公表中 now, with a published declaration or an award that is not revoked.
          // A query for a declaration status (e.g. revoked) asks for that history by name.
          select = select.where('o.listed', '=', 1);
          if (!query.declarationStatus) {
            select = select.where(({ or, exists, selectFrom }) =>
              or([
                exists(selectFrom('declarations as ld').select('ld.id').whereRef('ld.organization_id', '=', 'o.id').where('ld.status', '=', 'published')),
                exists(selectFrom('awards as la').select('la.id').whereRef('la.organization_id', '=', 'o.id').where('la.status', '!=', 'revoked')),
              ]),
            );
          }
        }
        if (query.kind) select = select.where('o.kind', '=', query.kind);
        if (query.prefectureCode) select = select.where('o.prefecture_code', '=', query.prefectureCode);
        if (query.industryCode) select = select.where('o.industry_code', '=', query.industryCode);
        if (query.declarationStatus && !status) {
          // The public asks for the status it is shown (publicStateOf): never a declaration it did not
          // see (withdrawn before publication), and an expired one back in review for its renewal
          // (stored as draft or submitted) still as expired, as the declaration list, lookup and open
          // data answer. The secretariat asks for the stored status. Both stay on declarations_org_idx.
          const statuses = query.listedOnly ? storedStatusesShownAs(query.declarationStatus) : [query.declarationStatus];
          select = select.where(({ exists, selectFrom }) => {
            let declarations = selectFrom('declarations as d').select('d.id').whereRef('d.organization_id', '=', 'o.id').where('d.status', 'in', statuses);
            if (query.listedOnly) declarations = declarations.where('d.published_at', 'is not', null);
            if (query.declarationReturned !== undefined) declarations = declarations.where('d.status_reason', query.declarationReturned ? 'is not' : 'is', null);
            if (query.declarationPublishedBefore !== undefined) declarations = declarations.where('d.published_at', query.declarationPublishedBefore ? 'is not' : 'is', null);
            return exists(declarations);
          });
        }
        if (query.awardYear !== undefined || query.awardCategory) {
          select = select.where(({ exists, selectFrom }) => {
            let awards = selectFrom('awards as a').select('a.id').whereRef('a.organization_id', '=', 'o.id').where('a.status', '!=', 'revoked');
            if (query.awardYear !== undefined) awards = awards.where('a.fiscal_year', '=', query.awardYear);
            if (query.awardCategory) awards = awards.where('a.category_code', '=', query.awardCategory);
            return exists(awards);
          });
        }
        const after = decodeCursor(query.cursor);
        if (after) select = select.where('o.id', '>', after);
        if (text) select = select.where(text);
        // By organization: one row each (an organization may have two withdrawn declarations), in the index's order.
        if (status) select = select.groupBy(sql.ref('d.organization_id')).orderBy(sql.ref('d.organization_id'));
        else select = select.orderBy('o.id');
        return select.limit(query.limit + 1).execute();
      };
      const identifier = query.q ? identifierCondition(query.q) : null;
      const rows = !query.q ? await page() : identifier ? await page(identifier) : await pageByText(db, foldForSearch(query.q), page);
      return toPage(rows, query.limit, toOrganization, (row) => row.id);
    },
    insert(organization) {
      return [toOp(db.insertInto('organizations').values(toRow(organization)))];
    },
    update(organization, expectedRowVersion) {
      const { id, created_at, ...changes } = toRow(organization);
      return [
        toOp(db.updateTable('organizations').set(changes).where('id', '=', id).where('row_version', '=', expectedRowVersion)),
        GUARD_OP,
      ];
    },
    markListed(id) {
      return toOp(db.updateTable('organizations').set({ listed: 1 }).where('id', '=', id));
    },
  };
}
