/** Raw counts for the secretariat's statistics; labels and gap-filling happen in the domain. */
export interface StatisticsCounts {
  /** Publications (each `declaration.publish`) per month in Japan time, "YYYY-MM". */
  publicationsByMonth: { month: string; count: number }[];
  /** Currently published declarations by the organization's prefecture (JIS X 0401). */
  publishedByPrefecture: { code: string; count: number }[];
  /** Currently published declarations by the organization's JSIC major group (null: not given). */
  publishedByIndustry: { code: string | null; count: number }[];
  /**
   * Every declaration by its current status, and within it whether it was returned (a draft with
   * the return's reason, isReturned) and whether it was published once (a renewal after expiry
   * back in review has been).
   */
  declarationsByState: { status: string; returned: boolean; publishedBefore: boolean; count: number }[];
  /** Awards that are not revoked. */
  awardsByYearAndCategory: { fiscalYear: number; category: string; count: number }[];
}

export interface StatisticsReader {
  counts(): Promise<StatisticsCounts>;
  /** counts().awardsByYearAndCategory alone, from the awards only (the back office's awards list). */
  awardsByYearAndCategory(): Promise<StatisticsCounts['awardsByYearAndCategory']>;
}
