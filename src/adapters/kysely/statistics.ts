import { sql, type Kysely } from 'kysely';
import type { StatisticsReader } from '../../ports/statistics.js';
import type { Database } from './schema.js';
import type { DataGeneration } from '../../ports/store.js';
import { keptUntilRecordChanges } from './kept-until-record-changes.js';

/** Stored times are UTC; the secretariat counts by Japanese calendar month. */
const JST_MONTH = (column: string) => sql<string>`strftime('%Y-%m', ${sql.ref(column)}, '+9 hours')`;

/**
 * Aggregates with GROUP BY in SQLite (better-sqlite3 or D1): a handful of small result sets. With
 * the store's `generation` they are kept until the record changes: at 100,000 organizations
 * counting costs ~0.25 s of CPU, and the API, the 統計 page and the awards list asked the same
 * until something changed.
 */
export function createKyselyStatistics(db: Kysely<Database>, { generation }: { generation?: DataGeneration } = {}): StatisticsReader {
  const n = (value: number | bigint | string) => Number(value);
  const awardCounts = async () =>
    (
      await db
        .selectFrom('awards')
        .select(['fiscal_year as fiscalYear', 'category_code as category', (eb) => eb.fn.countAll<number>().as('count')])
        .where('status', '!=', 'revoked')
        .groupBy(['fiscal_year', 'category_code'])
        .orderBy('fiscal_year')
        .execute()
    ).map((r) => ({ fiscalYear: r.fiscalYear, category: r.category, count: n(r.count) }));

  return {
    awardsByYearAndCategory: keptUntilRecordChanges(generation, awardCounts),
    counts: keptUntilRecordChanges(generation, async () => {
      const [byMonth, byPlace, byStatus, awards] = await Promise.all([
        // Every publication counts, including a renewed declaration's second one: the audit log keeps
        // each. Only declarations are published (declaration.<action> is written for declarations
        // alone), so the action says it all and audit_action_idx answers without reading an entry.
        db
          .selectFrom('audit_log')
          .select([JST_MONTH('at').as('month'), (eb) => eb.fn.countAll<number>().as('count')])
          .where('action', '=', 'declaration.publish')
          .groupBy('month')
          .orderBy('month')
          .execute(),
        // Prefecture and industry in one walk: each organization from its index, its published
        // declaration from declarations_org_public_idx (the organizations first, as written).
        db
          .selectFrom('organizations as o')
          .crossJoin('declarations as d')
          .whereRef('d.organization_id', '=', 'o.id')
          .where('d.status', '=', 'published')
          .select(['o.prefecture_code as prefecture', 'o.industry_code as industry', (eb) => eb.fn.countAll<number>().as('count')])
          .groupBy(['o.prefecture_code', 'o.industry_code'])
          .execute(),
        // isReturned (a draft with the return's reason) and publicStateOf (published once) in SQL.
        db
          .selectFrom('declarations')
          .select([
            'status',
            sql<number>`status = 'draft' and status_reason is not null`.as('returned'),
            sql<number>`published_at is not null`.as('publishedBefore'),
            (eb) => eb.fn.countAll<number>().as('count'),
          ])
          .groupBy(['status', 'returned', 'publishedBefore'])
          .execute(),
        awardCounts(),
      ]);
      const sum = <K>(key: (r: (typeof byPlace)[number]) => K) => {
        const counts = new Map<K, number>();
        for (const r of byPlace) counts.set(key(r), (counts.get(key(r)) ?? 0) + n(r.count));
        return [...counts].map(([code, count]) => ({ code, count }));
      };
      return {
        publicationsByMonth: byMonth.map((r) => ({ month: r.month, count: n(r.count) })),
        publishedByPrefecture: sum((r) => r.prefecture),
        publishedByIndustry: sum((r) => r.industry),
        declarationsByState: byStatus.map((r) => ({ status: r.status, returned: n(r.returned) === 1, publishedBefore: n(r.publishedBefore) === 1, count: n(r.count) })),
        awardsByYearAndCategory: awards,
      };
    }),
  };
}
