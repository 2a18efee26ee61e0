import type { Award, AwardStatus } from '../model.js';

export const AWARD_STATUS_LABELS: Record<AwardStatus, { ja: string; en: string }> = {
  active: { ja: '有効', en: 'Active' },
  suspended: { ja: '一時停止中', en: 'Suspended' },
  revoked: { ja: '取消', en: 'Revoked' },
};

/** What each action on an award is called in messages about it. */
export const AWARD_ACTION_LABELS = {
  suspend: { ja: '一時停止', en: 'suspend' },
  reinstate: { ja: '再開', en: 'reinstate' },
  revoke: { ja: '取消', en: 'revoke' },
} as const;

/** An organization's awards as its pages list them: the latest fiscal year first, then by award date (newest first). */
export const newestAwardsFirst = <A extends Pick<Award, 'fiscalYear' | 'awardedOn'>>(awards: readonly A[]): A[] =>
  [...awards].sort((a, b) => b.fiscalYear - a.fiscalYear || b.awardedOn.localeCompare(a.awardedOn));
