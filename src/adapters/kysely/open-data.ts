import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { PUBLIC_STATUSES, UNPUBLISHED_CONTENT_STATUSES } from '../../domain/declaration-lifecycle.js';
import type { AwardStatus, DeclarationContent, DeclarationStatus, OrganizationKind } from '../../domain/model.js';
import type { OpenDataReader, PublicOrganizationFields } from '../../ports/open-data.js';
import type { Database } from './schema.js';

/** The public organization columns, selected by name so the contact can never leak into open data. */
const ORGANIZATION_COLUMNS = [
  'o.id as org_id', 'o.kind as org_kind', 'o.corporate_number', 'o.local_government_code', 'o.name as org_name',
  'o.name_kana', 'o.name_en', 'o.prefecture_code', 'o.city', 'o.industry_code', 'o.website',
] as const;

interface OrganizationColumns {
  org_id: string; org_kind: string; corporate_number: string | null; local_government_code: string | null; org_name: string;
  name_kana: string | null; name_en: string | null; prefecture_code: string; city: string | null; industry_code: string | null; website: string | null;
}

const toOrganization = (row: OrganizationColumns): PublicOrganizationFields => ({
  id: row.org_id,
  kind: row.org_kind as OrganizationKind,
  corporateNumber: row.corporate_number,
  localGovernmentCode: row.local_government_code,
  name: row.org_name,
  nameKana: row.name_kana,
  nameEn: row.name_en,
  prefectureCode: row.prefecture_code,
  city: row.city,
  industryCode: row.industry_code,
  website: row.website,
});

/** The newest credential of a subject, correlated so that one query serves every row. */
const newestCredential = (subjectType: 'declaration' | 'award', subjectId: 'd.id' | 'a.id', column: 'id' | 'issued_at') =>
  (eb: ExpressionBuilder<any, any>) =>
    eb.selectFrom('credentials as c').select(`c.${column}`).where('c.subject_type', '=', subjectType).whereRef('c.subject_id', '=', subjectId)
      .orderBy('c.issued_at', 'desc').limit(1);

/** Open data straight from SQL joins: no IN-lists, so D1's 100-parameter limit never applies. */
export function createKyselyOpenData(db: Kysely<Database>): OpenDataReader {
  /** The declarations open data shows, as one query both the file and its stamps select from. */
  const publicDeclarations = () =>
    db
      .selectFrom('declarations as d')
      .innerJoin('organizations as o', 'o.id', 'd.organization_id')
      // The version the public last saw (publishedVersionOf): where the current one may never have
      // been published (a renewal after expiry back in draft or review, amended after a return, or
      // withdrawn from there), its newest credential's; no credential, no row.
      .innerJoin('declaration_versions as v', (join) =>
        join.onRef('v.declaration_id', '=', 'd.id').on(sql<boolean>`v.version = CASE WHEN d.status IN (${sql.join([...UNPUBLISHED_CONTENT_STATUSES])}) THEN (SELECT MAX(c.subject_version) FROM credentials c WHERE c.subject_type = 'declaration' AND c.subject_id = d.id) ELSE d.current_version END`),
      )
      // Organizations with a public record: open data is the public history (revoked, withdrawn
      // and expired declarations with their status), not only the organizations 公表中 now.
      .where('o.listed', '=', 1)
      // Withdrawn before publication is a public status too, but such a declaration was never public.
      .where('d.published_at', 'is not', null)
      // A renewal after expiry goes back to review (submitted, or draft once returned): the period the public saw stays, as expired.
      .where('d.status', 'in', [...PUBLIC_STATUSES, 'draft', 'submitted']);

  /** Awards of listed organizations, revoked ones included (the file leaves them out). */
  const listedAwards = () =>
    db
      .selectFrom('awards as a')
      .innerJoin('organizations as o', 'o.id', 'a.organization_id')
      .leftJoin('organizations as p', 'p.id', 'a.partner_municipality_id')
      .where('o.listed', '=', 1);

  return {
    async declarationStamps() {
      const rows = await publicDeclarations()
        .select(['d.id', 'd.public_updated_at', 'd.updated_at', 'o.public_updated_at as org_public_updated_at', 'o.updated_at as org_updated_at'])
        .select((eb) => newestCredential('declaration', 'd.id', 'id')(eb).as('credential_id'))
        .select((eb) => newestCredential('declaration', 'd.id', 'issued_at')(eb).as('credential_issued_at'))
        .orderBy('d.id')
        .execute();
      return rows.map((row) => ({
        ids: [row.id, (row.credential_id as string | null) ?? null],
        times: [row.public_updated_at ?? row.updated_at, row.org_public_updated_at ?? row.org_updated_at, (row.credential_issued_at as string | null) ?? null],
      }));
    },

    async awardStamps() {
      const rows = await listedAwards()
        // A revocation takes an award out of the file: its time (updated_at) is stamped all the same.
        .select(['a.id', 'a.updated_at', 'o.public_updated_at as org_public_updated_at', 'o.updated_at as org_updated_at', 'p.public_updated_at as partner_public_updated_at', 'p.updated_at as partner_updated_at'])
        .select((eb) => newestCredential('award', 'a.id', 'id')(eb).as('credential_id'))
        .select((eb) => newestCredential('award', 'a.id', 'issued_at')(eb).as('credential_issued_at'))
        .orderBy('a.id')
        .execute();
      return rows.map((row) => ({
        ids: [row.id, (row.credential_id as string | null) ?? null],
        times: [
          row.updated_at,
          row.org_public_updated_at ?? row.org_updated_at,
          row.partner_public_updated_at ?? row.partner_updated_at ?? null,
          (row.credential_issued_at as string | null) ?? null,
        ],
      }));
    },

    async declarations() {
      const rows = await publicDeclarations()
        .select(ORGANIZATION_COLUMNS)
        .select(['d.id', 'd.status', 'd.published_at', 'd.valid_from', 'd.valid_until', 'd.updated_at', 'd.public_updated_at', 'v.content'])
        .select((eb) => newestCredential('declaration', 'd.id', 'id')(eb).as('credential_id'))
        .orderBy('d.published_at')
        .orderBy('d.id')
        .execute();
      return rows.map((row) => ({
        declaration: {
          id: row.id,
          status: row.status as DeclarationStatus,
          publishedAt: row.published_at,
          validFrom: row.valid_from,
          validUntil: row.valid_until,
          // When the public last saw it change (publicUpdatedAtOf), not a renewal draft's save.
          updatedAt: row.public_updated_at ?? row.updated_at,
          content: JSON.parse(row.content) as DeclarationContent,
        },
        organization: toOrganization(row),
        credentialId: row.credential_id ?? null,
      }));
    },

    async awards() {
      const rows = await listedAwards()
        .select(ORGANIZATION_COLUMNS)
        .select(['a.id', 'a.fiscal_year', 'a.category_code', 'a.division_code', 'a.overview', 'a.message', 'a.awarded_on', 'a.status', 'a.updated_at', 'p.name as partner_name'])
        .select((eb) => newestCredential('award', 'a.id', 'id')(eb).as('credential_id'))
        .where('a.status', '!=', 'revoked')
        .orderBy('a.fiscal_year', 'desc')
        .orderBy('a.category_code')
        .orderBy('a.id')
        .execute();
      return rows.map((row) => ({
        award: {
          id: row.id,
          fiscalYear: row.fiscal_year,
          categoryCode: row.category_code,
          divisionCode: row.division_code,
          overview: row.overview,
          message: row.message,
          awardedOn: row.awarded_on,
          status: row.status as AwardStatus,
          updatedAt: row.updated_at,
        },
        organization: toOrganization(row),
        partnerMunicipalityName: row.partner_name ?? null,
        credentialId: row.credential_id ?? null,
      }));
    },
  };
}
