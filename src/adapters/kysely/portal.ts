import { sql, type ExpressionBuilder, type Kysely, type RawBuilder } from 'kysely';
import { foldForSearch } from '../../domain/search-text.js';
import type { PortalListing, PortalListQuery, PortalReader } from '../../ports/portal.js';
import { toAward } from './awards.js';
import { identifierCondition, toOrganization } from './organizations.js';
import { inChunks } from './chunks.js';
import { pageByText } from './ops.js';
import type { Database } from './schema.js';
import type { DataGeneration } from '../../ports/store.js';
import { keptUntilRecordChanges } from './kept-until-record-changes.js';

type OrgScope = ExpressionBuilder<Database & { o: Database['organizations'] }, 'o'>;

/** 公表中: listed, with a published declaration or an award that is not revoked (the same rule as the API's public search). */
const isPublic = (eb: OrgScope) =>
  eb.and([
    eb('o.listed', '=', 1),
    eb.or([
      // Columns of declarations_org_public_idx and awards_org_status_idx: answered from the indexes, no row read.
      eb.exists(eb.selectFrom('declarations as ld').select('ld.organization_id').whereRef('ld.organization_id', '=', 'o.id').where('ld.status', '=', 'published')),
      eb.exists(eb.selectFrom('awards as la').select('la.organization_id').whereRef('la.organization_id', '=', 'o.id').where('la.status', '!=', 'revoked')),
    ]),
  ]);

/**
 * Counts and numbered pages in SQLite (better-sqlite3 or D1); the page's awards in one more query.
 * With the store's `generation`, answers are kept until the record changes: at 100,000
 * organizations the home page's figures and a page of /organizations cost 0.2–0.5 s of CPU to
 * count and order, and every visitor asked the same until something changed.
 */
export function createKyselyPortal(db: Kysely<Database>, { generation }: { generation?: DataGeneration } = {}): PortalReader {
  const published = (eb: OrgScope) =>
    eb.selectFrom('declarations as d').select('d.published_at').whereRef('d.organization_id', '=', 'o.id').where('d.status', '=', 'published').orderBy('d.published_at', 'desc').limit(1);
  const lastAwarded = (eb: OrgScope) =>
    eb.selectFrom('awards as a').select('a.awarded_on').whereRef('a.organization_id', '=', 'o.id').where('a.status', '!=', 'revoked').orderBy('a.awarded_on', 'desc').limit(1);

  function filtered(query: PortalListQuery, text?: RawBuilder<boolean>) {
    let select = db.selectFrom('organizations as o').where(isPublic);
    if (query.kind) select = select.where('o.kind', '=', query.kind);
    if (query.prefectureCode) select = select.where('o.prefecture_code', '=', query.prefectureCode);
    if (query.industryCode) select = select.where('o.industry_code', '=', query.industryCode);
    if (query.awardYear !== undefined || query.awardCategory) {
      select = select.where(({ exists, selectFrom }) => {
        let awards = selectFrom('awards as fa').select('fa.id').whereRef('fa.organization_id', '=', 'o.id').where('fa.status', '!=', 'revoked');
        if (query.awardYear !== undefined) awards = awards.where('fa.fiscal_year', '=', query.awardYear);
        if (query.awardCategory) awards = awards.where('fa.category_code', '=', query.awardCategory);
        return exists(awards);
      });
    }
    if (text) select = select.where(text);
    return select;
  }

  async function run(query: PortalListQuery, text?: RawBuilder<boolean>) {
    const [count, page] = await Promise.all([
      filtered(query, text).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      (() => {
        // The order is found on ids and sort keys alone; only the page's rows are read whole
        // (sorting every organization's whole row made each page read them all).
        const select = filtered(query, text).select(['o.id']);
        // Newest first by the later of the publication and the last award; names by reading, then the written name.
        // In English by the English name; without one by the reading too, as in Japanese (the written
        // name's code points put 10号 before 2号 and kanji in no order a reader knows).
        const ordered =
          query.sort === 'recent'
            ? select.orderBy((eb) => sql`max(coalesce((${published(eb)}), ''), coalesce((${lastAwarded(eb)}), ''))`, 'desc')
            : query.sort === 'name-en'
              ? select.orderBy(sql`coalesce(nullif(o.name_en, ''), nullif(o.name_kana, ''), o.name) collate nocase`)
              : select.orderBy(sql`coalesce(nullif(o.name_kana, ''), o.name)`);
        return ordered.orderBy('o.id', query.sort === 'recent' ? 'desc' : 'asc').limit(query.limit).offset(query.offset).execute();
      })(),
    ]);
    const ids = page.map((r) => r.id);
    const rows = ids.length
      ? await inChunks(ids, (chunk) =>
          db
            .selectFrom('organizations as o')
            .selectAll('o')
            .select((eb) => published(eb).as('published_at'))
            .where('o.id', 'in', chunk)
            .execute(),
        )
      : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return { total: Number(count?.n ?? 0), rows: ids.map((id) => byId.get(id)!) };
  }

  const reader: PortalReader = {
    async list(query) {
      const identifier = query.q ? identifierCondition(query.q) : null;
      const { total, rows } = !query.q
        ? await run(query)
        : identifier
          ? await run(query, identifier)
          : (await pageByText(db, foldForSearch(query.q), async (text) => [await run(query, text)]))[0]!;
      const ids = rows.map((r) => r.id);
      const awards = ids.length
        ? await db.selectFrom('awards').selectAll().where('organization_id', 'in', ids).where('status', '!=', 'revoked').orderBy('fiscal_year', 'desc').orderBy('awarded_on', 'desc').execute()
        : [];
      const items: PortalListing[] = rows.map(({ published_at, ...row }) => ({
        organization: toOrganization(row),
        publishedAt: published_at ?? null,
        awards: awards
          .filter((a) => a.organization_id === row.id)
          .map((a) => ({ id: a.id, fiscalYear: a.fiscal_year, categoryCode: a.category_code, status: toAward(a).status, awardedOn: a.awarded_on })),
      }));
      return { total, items };
    },

    async figures() {
      const [declarations, kinds, awards] = await Promise.all([
        // CROSS JOIN keeps the outer loop SQLite would otherwise choose by statistics alone: without
        // them it read every published declaration's row for its organization, where the listed
        // organizations' index and declarations_org_public_idx answer it without a row.
        db
          .selectFrom('organizations as o')
          .crossJoin('declarations as d')
          .whereRef('d.organization_id', '=', 'o.id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('d.status', '=', 'published')
          .where('o.listed', '=', 1)
          .executeTakeFirst(),
        db.selectFrom('organizations as o').where(isPublic).select(['o.kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('o.kind').execute(),
        // The few thousand awards each look up their organization, not every listed organization its awards.
        db
          .selectFrom('awards as a')
          .crossJoin('organizations as o')
          .whereRef('o.id', '=', 'a.organization_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('a.status', '!=', 'revoked')
          .where('o.listed', '=', 1)
          .executeTakeFirst(),
      ]);
      const byKind = (kind: string) => Number(kinds.find((k) => k.kind === kind)?.n ?? 0);
      return { declarations: Number(declarations?.n ?? 0), companies: byKind('company'), municipalities: byKind('municipality'), awards: Number(awards?.n ?? 0) };
    },

    async awards({ fiscalYear, limit }) {
      let select = db
        .selectFrom('awards as a')
        .innerJoin('organizations as o', 'o.id', 'a.organization_id')
        .selectAll('a')
        .select(['o.id as org_id'])
        .where('a.status', '!=', 'revoked')
        .where('o.listed', '=', 1);
      if (fiscalYear !== undefined) select = select.where('a.fiscal_year', '=', fiscalYear);
      // The same day's awards by the categories' own order (大臣賞 before 優秀賞).
      const category = (code: string) => sql<number>`coalesce((select c.sort_order from award_categories c where c.code = ${sql.ref(code)}), 1000000000)`;
      const rows = await select.orderBy('a.awarded_on', 'desc').orderBy(category('a.category_code')).orderBy('a.id', 'desc').limit(limit).execute();
      // The partner municipalities too: named on the cards whether or not they are listed themselves, as open data names them.
      const ids = [...new Set(rows.flatMap((r) => (r.partner_municipality_id ? [r.org_id, r.partner_municipality_id] : [r.org_id])))];
      const organizations = new Map(
        (await inChunks(ids, (chunk) => db.selectFrom('organizations').selectAll().where('id', 'in', chunk).execute())).map((row) => [row.id, toOrganization(row)]),
      );
      return rows.map(({ org_id, ...award }) => ({
        award: toAward(award),
        organization: organizations.get(org_id)!,
        partner: award.partner_municipality_id ? (organizations.get(award.partner_municipality_id) ?? null) : null,
      }));
    },

    async awardYears() {
      const rows = await db
        .selectFrom('awards as a')
        .innerJoin('organizations as o', 'o.id', 'a.organization_id')
        .select('a.fiscal_year')
        .distinct()
        .where('a.status', '!=', 'revoked')
        .where('o.listed', '=', 1)
        .orderBy('a.fiscal_year', 'desc')
        .execute();
      return rows.map((r) => r.fiscal_year);
    },

    async pages({ offset, limit }) {
      // What the page shows: the organization's public fields, its declarations' public changes, its awards.
      const declarationsChanged = sql<string | null>`(select max(coalesce(d.public_updated_at, d.updated_at)) from declarations d where d.organization_id = o.id and d.published_at is not null)`;
      const awardsChanged = sql<string | null>`(select max(a.updated_at) from awards a where a.organization_id = o.id)`;
      const [count, rows] = await Promise.all([
        db.selectFrom('organizations as o').where('o.listed', '=', 1).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
        db
          .selectFrom('organizations as o')
          .where('o.listed', '=', 1)
          .select(['o.id', sql<string>`max(coalesce(o.public_updated_at, o.updated_at), coalesce(${declarationsChanged}, ''), coalesce(${awardsChanged}, ''))`.as('last_modified')])
          .orderBy('o.id')
          .limit(limit)
          .offset(offset)
          .execute(),
      ]);
      return { total: Number(count?.n ?? 0), items: rows.map((r) => ({ id: r.id, lastModified: r.last_modified })) };
    },
  };
  // Bounded: any search text makes a key; a year's awards may be 2,000 rows with their organizations.
  return {
    list: keptUntilRecordChanges(generation, reader.list, { maxEntries: 100 }),
    figures: keptUntilRecordChanges(generation, reader.figures),
    awards: keptUntilRecordChanges(generation, reader.awards, { maxEntries: 3 }),
    awardYears: keptUntilRecordChanges(generation, reader.awardYears),
    pages: keptUntilRecordChanges(generation, reader.pages, { maxEntries: 20 }),
  };
}
