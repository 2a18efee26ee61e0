import { INDUSTRIES, PREFECTURE_CODES, PREFECTURES } from './codes.js';
import { RENEWAL_UNDER_REVIEW, RETURNED_LABEL, STATUS_LABELS } from './declaration-lifecycle.js';
import { formatFiscalYearEn, formatFiscalYearJa } from './fiscal-year.js';
import { DECLARATION_STATUSES, type AwardCode, type DeclarationStatus } from './model.js';
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
 * Where a declaration stands in the secretariat's work, each in exactly one: a draft sent back
 * (差戻し) apart from one never submitted, a renewal applied for after expiry (the public
 * sees 期限切れ with 更新を審査中, publicStateOf) apart from a first review, and a withdrawal
 * the public saw (published once: its page reads 取下げ) apart from one it never saw. The stored
 * status each stage is part of goes beside it in the statistics.
 */
export const DECLARATION_STAGES = [
  'draft', 'returned', 'submitted', 'renewalUnderReview', 'published', 'suspended', 'withdrawnBeforePublication', 'withdrawnAfterPublication', 'revoked', 'expired',
] as const;
export type DeclarationStage = (typeof DECLARATION_STAGES)[number];

const STAGE_STATUS: Record<DeclarationStage, DeclarationStatus> = {
  draft: 'draft', returned: 'draft', submitted: 'submitted', renewalUnderReview: 'submitted',
  published: 'published', suspended: 'suspended', withdrawnBeforePublication: 'withdrawn', withdrawnAfterPublication: 'withdrawn', revoked: 'revoked', expired: 'expired',
};

export const STAGE_LABELS: Record<DeclarationStage, Label> = {
  submitted: STATUS_LABELS.submitted, published: STATUS_LABELS.published,
  suspended: STATUS_LABELS.suspended, revoked: STATUS_LABELS.revoked, expired: STATUS_LABELS.expired,
  withdrawnBeforePublication: { ja: '公表前に取下げ', en: 'Withdrawn before publication' },
  withdrawnAfterPublication: { ja: '公表後に取下げ', en: 'Withdrawn after publication' },
  draft: { ja: '下書き（未提出）', en: 'Draft (not submitted)' },
  returned: RETURNED_LABEL,
  // English without "(after expiry)": short enough for one line on a phone's chart; its description says it.
  renewalUnderReview: { ja: `${RENEWAL_UNDER_REVIEW.ja}（期限切れ後）`, en: RENEWAL_UNDER_REVIEW.en },
};

/** byStatus counts stored statuses; its labels say what the two split into stages hold. */
const STORED_STATUS_LABELS: Record<DeclarationStatus, Label> = {
  ...STATUS_LABELS,
  draft: { ja: '下書き（差戻しを含む）', en: 'Draft (returned ones included)' },
  submitted: { ja: '審査中（更新の審査を含む）', en: 'Under review (renewals included)' },
};

export function stageOf({ status, returned, publishedBefore }: { status: string; returned: boolean; publishedBefore: boolean }): DeclarationStage | null {
  if (status === 'draft') return returned ? 'returned' : 'draft';
  // Only a renewal after expiry brings a declaration published once back to review.
  if (status === 'submitted') return publishedBefore ? 'renewalUnderReview' : 'submitted';
  if (status === 'withdrawn') return publishedBefore ? 'withdrawnAfterPublication' : 'withdrawnBeforePublication';
  return (DECLARATION_STAGES as readonly string[]).includes(status) ? (status as DeclarationStage) : null;
}

/**
 * The secretariat's statistics with display labels. Prefectures, industries and statuses are
 * listed in full (zeros included) so tables compare across reports; award categories are data
 * the secretariat extends, so their names come from the category table.
 */
export function buildStatistics(counts: StatisticsCounts, { asOf, categories }: { asOf: string; categories: AwardCode[] }) {
  const byPrefecture = new Map(counts.publishedByPrefecture.map((r) => [r.code, r.count]));
  const byIndustry = new Map(counts.publishedByIndustry.map((r) => [r.code, r.count]));
  const byStatus = new Map<string, number>();
  const byStage = new Map<DeclarationStage, number>();
  for (const r of counts.declarationsByState) {
    byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + r.count);
    const stage = stageOf(r);
    if (stage) byStage.set(stage, (byStage.get(stage) ?? 0) + r.count);
  }
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
      byStatus: DECLARATION_STATUSES.map((status) => ({ status, label: STORED_STATUS_LABELS[status], count: byStatus.get(status) ?? 0 })),
      byStage: DECLARATION_STAGES.map((stage) => ({ stage, status: STAGE_STATUS[stage], label: STAGE_LABELS[stage], count: byStage.get(stage) ?? 0 })),
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
