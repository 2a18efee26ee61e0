import { sql, type Kysely } from 'kysely';
import type { StatisticsReader } from '../../ports/statistics.js';
import type { Database } from './schema.js';

/** Stored times are UTC; the secretariat counts by Japanese calendar month. */
const JST_MONTH = (column: string) => sql<string>`strftime('%Y-%m', ${sql.ref(column)}, '+9 hours')`;

/** Aggregates with GROUP BY in SQLite (better-sqlite3 or D1): a handful of small result sets. */
export function createKyselyStatistics(db: Kysely<Database>): StatisticsReader {
  const published = () =>
    db.selectFrom('declarations as d').innerJoin('organizations as o', 'o.id', 'd.organization_id').where('d.status', '=', 'published');

  return {
    async counts() {
      const [byMonth, byPrefecture, byIndustry, byStatus, awards] = await Promise.all([
        // Every publication counts, including a renewed declaration's second one: the audit log keeps each.
        db
          .selectFrom('audit_log')
          .select([JST_MONTH('at').as('month'), (eb) => eb.fn.countAll<number>().as('count')])
          .where('entity_type', '=', 'declaration')
          .where('action', '=', 'declaration.publish')
          .groupBy('month')
          .orderBy('month')
          .execute(),
        published()
          .select(['o.prefecture_code as code', (eb) => eb.fn.countAll<number>().as('count')])
          .groupBy('o.prefecture_code')
          .execute(),
        published()
          .select(['o.industry_code as code', (eb) => eb.fn.countAll<number>().as('count')])
          .groupBy('o.industry_code')
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
        db
          .selectFrom('awards')
          .select(['fiscal_year as fiscalYear', 'category_code as category', (eb) => eb.fn.countAll<number>().as('count')])
          .where('status', '!=', 'revoked')
          .groupBy(['fiscal_year', 'category_code'])
          .orderBy('fiscal_year')
          .execute(),
      ]);
      const n = (value: number | bigint | string) => Number(value);
      return {
        publicationsByMonth: byMonth.map((r) => ({ month: r.month, count: n(r.count) })),
        publishedByPrefecture: byPrefecture.map((r) => ({ code: r.code, count: n(r.count) })),
        publishedByIndustry: byIndustry.map((r) => ({ code: r.code, count: n(r.count) })),
        declarationsByState: byStatus.map((r) => ({ status: r.status, returned: n(r.returned) === 1, publishedBefore: n(r.publishedBefore) === 1, count: n(r.count) })),
        awardsByYearAndCategory: awards.map((r) => ({ fiscalYear: r.fiscalYear, category: r.category, count: n(r.count) })),
      };
    },
  };
}
