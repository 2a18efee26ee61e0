import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import { PUBLIC_STATUSES, UNPUBLISHED_CONTENT_STATUSES } from '../../domain/declaration-lifecycle.js';
import type { AwardStatus, DeclarationContent, DeclarationStatus, OrganizationKind } from '../../domain/model.js';
import type { OpenDataReader, OpenDeclarationSource, PublicOrganizationFields } from '../../ports/open-data.js';
import type { DataGeneration } from '../../ports/store.js';
import type { Database } from './schema.js';
import { OPEN_DATA_BATCH_SIZE, publicationOrderSnapshotOf, snapshotOf, type PublicationKey } from './open-data-snapshot.js';
import { keptUntilRecordChanges } from './kept-until-record-changes.js';

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

/** Public times (rows written before the public_updated_at columns read as updated_at). */
const DECLARATION_TIME = sql<string>`COALESCE(d.public_updated_at, d.updated_at)`;
const ORGANIZATION_TIME = sql<string>`COALESCE(o.public_updated_at, o.updated_at)`;
const PARTNER_TIME = sql<string>`COALESCE(p.public_updated_at, p.updated_at)`;
const AWARD_TIME = sql<string>`a.updated_at`;
/**
 * The sum of ISO times in whole ms, each modulo a prime near 10⁹ (11.6 days): integers, so the same
 * in any order rows are read, and small enough to stay exact as a JavaScript number (2⁵³) for
 * millions of rows. A time moved by anything but a multiple of that prime changes it.
 */
const summed = (time: RawBuilder<string>) => sql<number | null>`SUM(CAST(ROUND((julianday(${time}) - 2440587.5) * 86400000) AS INTEGER) % 1000000007)`;
const newest = (time: RawBuilder<string>) => sql<string | null>`MAX(${time})`;

/**
 * `column` is one of `ids`: one parameter, a JSON array that SQLite's json_each reads as a table,
 * so a batch of hundreds of ids stays within D1's 100 bound parameters a statement.
 */
const oneOf = (column: Expression<unknown>, ids: readonly string[]) =>
  sql<boolean>`${column} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;

/**
 * Open data straight from SQL joins: no IN-lists of parameters, so D1's 100-parameter limit never
 * applies. With the store's `generation`, the summaries behind the files' validators are read
 * again only after a change to the record: at 100,000 organizations the declarations' summary probes ~90,000
 * index entries (~0.35 s of CPU), which every conditional GET of a polling client paid.
 */
export function createKyselyOpenData(db: Kysely<Database>, { batchSize = OPEN_DATA_BATCH_SIZE, generation }: { batchSize?: number; generation?: DataGeneration } = {}): OpenDataReader {
  /**
   * Credentials of declarations (or awards): issued only for what was published, so every one is
   * public, and a new one (a publication, an amendment, a re-issue) changes the newest shown.
   */
  const credentialTimes = (subjectType: 'declaration' | 'award') =>
    db.selectFrom('credentials').where('subject_type', '=', subjectType)
      .select([sql<number>`COUNT(*)`.as('n'), summed(sql`issued_at`).as('sum'), newest(sql`issued_at`).as('newest')])
      .executeTakeFirstOrThrow();

  /**
   * A declaration with its organization and the version the public last saw. `inPublicationOrder`:
   * the declarations the outer loop (CROSS JOIN), walked in the file's order from
   * declarations_published_idx; SQLite would otherwise start from the listed organizations and
   * sort what it finds.
   */
  const declarationRows = ({ inPublicationOrder = false } = {}) =>
    (inPublicationOrder
      ? db.selectFrom('declarations as d').crossJoin('organizations as o').whereRef('o.id', '=', 'd.organization_id')
      : db.selectFrom('declarations as d').innerJoin('organizations as o', 'o.id', 'd.organization_id'))
      // The version the public last saw (publishedVersionOf): where the current one may never have
      // been published (a renewal after expiry back in draft or review, amended after a return, or
      // withdrawn from there), its newest credential's; no credential, no row.
      .innerJoin('declaration_versions as v', (join) =>
        join.onRef('v.declaration_id', '=', 'd.id').on(sql<boolean>`v.version = CASE WHEN d.status IN (${sql.join([...UNPUBLISHED_CONTENT_STATUSES])}) THEN (SELECT MAX(c.subject_version) FROM credentials c WHERE c.subject_type = 'declaration' AND c.subject_id = d.id) ELSE d.current_version END`),
      );

  /** The declarations open data shows: one query that both the file and its summary select from. */
  const publicDeclarations = (options?: { inPublicationOrder?: boolean }) =>
    declarationRows(options)
      // Organizations with a public record: open data is the public history (revoked, withdrawn
      // and expired declarations with their status), not only the organizations 公表中 now.
      .where('o.listed', '=', 1)
      // Both tests below are written `+column`, so that neither picks an index (each holds for
      // most declarations): the summary reads the covering indexes of organizations and of their
      // declarations, and the file walks declarations_published_idx in its order, where SQLite
      // would otherwise read every declaration of these statuses, or every published one, by
      // their index and sort them.
      // Withdrawn before publication is a public status too, but such a declaration was never public.
      .where(sql<boolean>`+d.published_at IS NOT NULL`)
      // A renewal after expiry goes back to review (submitted, or draft once returned): the period the public saw stays, as expired.
      .where(sql<boolean>`+d.status IN (${sql.join([...PUBLIC_STATUSES, 'draft', 'submitted'])})`);

  /** Awards of listed organizations, revoked ones included (the file leaves them out). */
  const awardRows = () =>
    db
      .selectFrom('awards as a')
      // CROSS JOIN: SQLite keeps the awards the outer loop (a few thousand, each looking up its
      // organization), where without statistics it would walk every listed organization for its awards.
      .crossJoin('organizations as o')
      .whereRef('o.id', '=', 'a.organization_id')
      .leftJoin('organizations as p', 'p.id', 'a.partner_municipality_id');
  const listedAwards = () => awardRows().where('o.listed', '=', 1);

  /**
   * Also where the file starts (`file`): how many rows and their newest publication, from the same
   * statement, so that the file needs no query of its own before its first batch (and, kept until
   * a commit, none at all on Node, where the ETag has just read this).
   */
  const declarationSummary = keptUntilRecordChanges(generation, async () => {
    const [rows, credentials] = await Promise.all([
      publicDeclarations()
        .select([sql<number>`COUNT(*)`.as('n'), summed(DECLARATION_TIME).as('sum'), newest(DECLARATION_TIME).as('newest'), summed(ORGANIZATION_TIME).as('org_sum'), newest(ORGANIZATION_TIME).as('org_newest'), newest(sql`d.published_at`).as('last_published')])
        .executeTakeFirstOrThrow(),
      credentialTimes('declaration'),
    ]);
    return {
      checksum: [rows.n, rows.sum, rows.org_sum, credentials.n, credentials.sum],
      newest: [rows.newest, rows.org_newest, credentials.newest],
      file: { count: rows.n, lastPublishedAt: rows.last_published },
    };
  });

  /** Public declarations with what the file shows of them, in the file's order (declarations_published_idx). */
  const declarationFileRows = () =>
    publicDeclarations({ inPublicationOrder: true })
      .select(ORGANIZATION_COLUMNS)
      .select(['d.id', 'd.status', 'd.published_at', 'd.valid_from', 'd.valid_until', 'd.updated_at', 'd.public_updated_at', 'v.content'])
      // The newest credential per row, correlated so that one query serves every row.
      .select((eb) =>
        eb.selectFrom('credentials as c').select('c.id').where('c.subject_type', '=', 'declaration').whereRef('c.subject_id', '=', 'd.id')
          .orderBy('c.issued_at', 'desc').limit(1).as('credential_id'),
      )
      .orderBy('d.published_at')
      .orderBy('d.id');
  type DeclarationFileRow = Awaited<ReturnType<ReturnType<typeof declarationFileRows>['execute']>>[number];
  const toDeclarationSource = (row: DeclarationFileRow): { id: string; key: PublicationKey; source: OpenDeclarationSource } => ({
    id: row.id,
    key: [row.published_at!, row.id],
    source: {
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
    },
  });

  const awardSummary = keptUntilRecordChanges(generation, async () => {
    const [rows, credentials] = await Promise.all([
      // A revocation takes an award out of the file: it is summed all the same, with its time.
      listedAwards()
        .select([sql<number>`COUNT(*)`.as('n'), summed(AWARD_TIME).as('sum'), newest(AWARD_TIME).as('newest'), summed(ORGANIZATION_TIME).as('org_sum'), newest(ORGANIZATION_TIME).as('org_newest'), summed(PARTNER_TIME).as('partner_sum'), newest(PARTNER_TIME).as('partner_newest')])
        .executeTakeFirstOrThrow(),
      credentialTimes('award'),
    ]);
    return {
      checksum: [rows.n, rows.sum, rows.org_sum, rows.partner_sum, credentials.n, credentials.sum],
      newest: [rows.newest, rows.org_newest, rows.partner_newest, credentials.newest],
    };
  });

  return {
    declarationSummary,
    awardSummary,

    async declarations() {
      const { file } = await declarationSummary();
      return publicationOrderSnapshotOf(file, batchSize, {
        // The next rows after `after`, of those published by the time the file started.
        async after(after, limit) {
          let rows = declarationFileRows().where('d.published_at', '<=', file.lastPublishedAt!);
          if (after) rows = rows.where(sql<boolean>`(d.published_at, d.id) > (${after[0]}, ${after[1]})`);
          return (await rows.limit(limit).execute()).map(toDeclarationSource);
        },
        // Published again since (a renewal after expiry): an earlier publication's credential is older.
        async republished() {
          const rows = await declarationFileRows()
            .where('d.published_at', '>', file.lastPublishedAt!)
            .where(({ exists, selectFrom }) =>
              exists(selectFrom('credentials as c').select('c.id').where('c.subject_type', '=', 'declaration').whereRef('c.subject_id', '=', 'd.id').whereRef('c.issued_at', '<', 'd.published_at')),
            )
            .execute();
          return rows.map(toDeclarationSource);
        },
      });
    },

    async awards() {
      const ids = await listedAwards()
        .select('a.id')
        .where('a.status', '!=', 'revoked')
        .orderBy('a.fiscal_year', 'desc')
        .orderBy('a.category_code')
        .orderBy('a.id')
        .execute();
      return snapshotOf(ids.map((row) => row.id), batchSize, async (batch) => {
        const rows = await awardRows()
          .select(ORGANIZATION_COLUMNS)
          .select(['a.id', 'a.fiscal_year', 'a.category_code', 'a.division_code', 'a.overview', 'a.message', 'a.awarded_on', 'a.status', 'a.updated_at', 'p.name as partner_name'])
          .select((eb) =>
            eb.selectFrom('credentials as c').select('c.id').where('c.subject_type', '=', 'award').whereRef('c.subject_id', '=', 'a.id')
              .orderBy('c.issued_at', 'desc').limit(1).as('credential_id'),
          )
          .where(oneOf(sql.ref('a.id'), batch))
          .execute();
        return rows.map((row) => ({
          id: row.id,
          source: {
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
          },
        }));
      });
    },
  };
}
