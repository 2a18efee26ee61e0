import type { DeclarationStatus } from './model.js';

export type DeclarationAction =
  | 'submit'
  | 'publish'
  | 'return'
  | 'suspend'
  | 'reinstate'
  | 'withdraw'
  | 'revoke'
  | 'renew'
  | 'expire';

interface Transition {
  from: readonly DeclarationStatus[];
  to: DeclarationStatus;
  /** Who may trigger it: the organization itself (administrators may act on its behalf), or the secretariat only. */
  by: 'organization' | 'secretariat' | 'system';
  /** Whether the request must say why (a reason code). */
  needsReason: boolean;
}

/**
 * The whole lifecycle, in one table:
 * draft → submitted → published (or returned to draft with a reason) ⇄ suspended;
 * withdrawn by the organization; revoked by the secretariat; expired at the end of validity,
 * then renewed (back to review).
 */
export const TRANSITIONS: Record<DeclarationAction, Transition> = {
  submit: { from: ['draft'], to: 'submitted', by: 'organization', needsReason: false },
  publish: { from: ['submitted'], to: 'published', by: 'secretariat', needsReason: false },
  return: { from: ['submitted'], to: 'draft', by: 'secretariat', needsReason: true },
  suspend: { from: ['published'], to: 'suspended', by: 'secretariat', needsReason: true },
  reinstate: { from: ['suspended'], to: 'published', by: 'secretariat', needsReason: false },
  withdraw: { from: ['draft', 'submitted', 'published', 'suspended'], to: 'withdrawn', by: 'organization', needsReason: false },
  revoke: { from: ['published', 'suspended'], to: 'revoked', by: 'secretariat', needsReason: true },
  renew: { from: ['expired'], to: 'submitted', by: 'organization', needsReason: false },
  expire: { from: ['published', 'suspended'], to: 'expired', by: 'system', needsReason: false },
};

export const ACTIONS = Object.keys(TRANSITIONS) as DeclarationAction[];

/** Statuses anyone may see. Drafts and declarations under review are private to their organization. */
export const PUBLIC_STATUSES: readonly DeclarationStatus[] = ['published', 'suspended', 'withdrawn', 'revoked', 'expired'];

/** Amendments (a new version of the content) are allowed before review and while published. */
export const AMENDABLE_STATUSES: readonly DeclarationStatus[] = ['draft', 'published', 'suspended'];

export const STATUS_LABELS: Record<DeclarationStatus, { ja: string; en: string }> = {
  draft: { ja: '下書き', en: 'Draft' },
  submitted: { ja: '審査中', en: 'Under review' },
  published: { ja: '公表中', en: 'Published' },
  suspended: { ja: '一時停止中', en: 'Suspended' },
  withdrawn: { ja: '取下げ', en: 'Withdrawn' },
  revoked: { ja: '取消', en: 'Revoked' },
  expired: { ja: '期限切れ', en: 'Expired' },
};

/** validUntil for a declaration published at `publishedAt`, after `validityMonths` months. */
export function validityEnd(publishedAt: Date, validityMonths: number): Date {
  const end = new Date(publishedAt);
  end.setUTCMonth(end.getUTCMonth() + validityMonths);
  return end;
}
