import { INDUSTRIES, PREFECTURE_CODES, PREFECTURES } from './codes.js';
import { STATUS_LABELS } from './declaration-lifecycle.js';
import { formatFiscalYearEn, formatFiscalYearJa } from './fiscal-year.js';
import { DECLARATION_STATUSES, type AwardCode } from './model.js';
import type { StatisticsCounts } from '../ports/statistics.js';

export interface Label {
  ja: string;
  en: string;
}

/** "2025-01" → "2025-02"; "2025-12" → "2026-01". */
export function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** Every month from the first to the last with a count, zeros included, so a chart's time axis has no holes. */
export function fillMonths(counts: { month: string; count: number }[]): { month: string; count: number }[] {
  if (counts.length === 0) return [];
  const byMonth = new Map(counts.map((c) => [c.month, c.count]));
  const sorted = [...byMonth.keys()].sort();
  const filled: { month: string; count: number }[] = [];
  for (let month = sorted[0]!; month <= sorted.at(-1)!; month = nextMonth(month)) filled.push({ month, count: byMonth.get(month) ?? 0 });
  return filled;
}


/**
 * The secretariat's statistics with display labels. Prefectures, industries and statuses are
 * listed in full (zeros included) so tables compare across reports; award categories are data
 * the secretariat extends, so their names come from the category table.
 */
export function buildStatistics(counts: StatisticsCounts, { asOf, categories }: { asOf: string; categories: AwardCode[] }) {
  const byPrefecture = new Map(counts.publishedByPrefecture.map((r) => [r.code, r.count]));
  const byIndustry = new Map(counts.publishedByIndustry.map((r) => [r.code, r.count]));
  const byStatus = new Map(counts.declarationsByStatus.map((r) => [r.status, r.count]));
  const categoryName = (code: string): Label => {
    const found = categories.find((c) => c.code === code);
    return found ? { ja: found.nameJa, en: found.nameEn } : { ja: code, en: code };
  };
  const years = [...new Set(counts.awardsByYearAndCategory.map((r) => r.fiscalYear))].sort((a, b) => a - b);
  const categoryCodes = [...new Set(counts.awardsByYearAndCategory.map((r) => r.category))].sort(
    (a, b) => (categories.find((c) => c.code === a)?.sortOrder ?? 1e9) - (categories.find((c) => c.code === b)?.sortOrder ?? 1e9) || a.localeCompare(b),
  );
  const industryCodes = [...Object.keys(INDUSTRIES), null];

  return {
    asOf,
    declarations: {
      publishedNow: byStatus.get('published') ?? 0,
      publicationsByMonth: fillMonths(counts.publicationsByMonth),
      publishedByPrefecture: PREFECTURE_CODES.map((code) => ({ code, name: PREFECTURES[code]!, count: byPrefecture.get(code) ?? 0 })),
      publishedByIndustry: industryCodes.map((code) => ({
        code,
        name: code ? { ja: INDUSTRIES[code]!, en: `JSIC ${code}` } : { ja: '未登録', en: 'Not given' },
        count: byIndustry.get(code) ?? 0,
      })),
      byStatus: DECLARATION_STATUSES.map((status) => ({ status, label: STATUS_LABELS[status], count: byStatus.get(status) ?? 0 })),
    },
    awards: {
      total: counts.awardsByYearAndCategory.reduce((sum, r) => sum + r.count, 0),
      byFiscalYear: years.map((fiscalYear) => {
        const rows = counts.awardsByYearAndCategory.filter((r) => r.fiscalYear === fiscalYear);
        return {
          fiscalYear,
          label: { ja: formatFiscalYearJa(fiscalYear), en: formatFiscalYearEn(fiscalYear) },
          count: rows.reduce((sum, r) => sum + r.count, 0),
          byCategory: rows.map((r) => ({ category: r.category, name: categoryName(r.category), count: r.count })),
        };
      }),
      byCategory: categoryCodes.map((category) => ({
        category,
        name: categoryName(category),
        count: counts.awardsByYearAndCategory.filter((r) => r.category === category).reduce((sum, r) => sum + r.count, 0),
      })),
    },
  };
}
export type Statistics = ReturnType<typeof buildStatistics>;
