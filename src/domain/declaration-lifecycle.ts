import { conflict } from './errors.js';
import { DAY_MS, addCalendarMonths, japanDate, japanDayBounds, japanDayEnd } from './japan-calendar.js';
import { REVOCATION_REASONS, SUSPENSION_REASONS } from './codes.js';
import { formatDate } from './mail/dates.js';
import type { Declaration, DeclarationStatus, DeclarationVersion } from './model.js';

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
 * then renewed (back to review). A published declaration may also be renewed in the last
 * RENEWAL_WINDOW_DAYS of its validity: it stays published, its validity runs on from its old end
 * and its badge is issued anew (see renewedEarly), so the badge never lapses.
 */
export const TRANSITIONS: Record<DeclarationAction, Transition> = {
  submit: { from: ['draft'], to: 'submitted', by: 'organization', needsReason: false },
  publish: { from: ['submitted'], to: 'published', by: 'secretariat', needsReason: false },
  return: { from: ['submitted'], to: 'draft', by: 'secretariat', needsReason: true },
  suspend: { from: ['published'], to: 'suspended', by: 'secretariat', needsReason: true },
  reinstate: { from: ['suspended'], to: 'published', by: 'secretariat', needsReason: false },
  withdraw: { from: ['draft', 'submitted', 'published', 'suspended'], to: 'withdrawn', by: 'organization', needsReason: false },
  revoke: { from: ['published', 'suspended'], to: 'revoked', by: 'secretariat', needsReason: true },
  renew: { from: ['expired', 'published'], to: 'submitted', by: 'organization', needsReason: false },
  expire: { from: ['published', 'suspended'], to: 'expired', by: 'system', needsReason: false },
};

export const ACTIONS = Object.keys(TRANSITIONS) as DeclarationAction[];

/** How long before its end a published declaration may be renewed (the first renewal reminder goes out then). */
export const RENEWAL_WINDOW_DAYS = 90;

/**
 * A renewal before expiry: refused (409) before the window opens; otherwise the declaration as
 * renewed: still published, valid from now until its old end plus the validity period.
 */
export function renewedEarly(before: Declaration, now: Date, validityMonths: number): Pick<Declaration, 'validFrom' | 'validUntil'> {
  const end = new Date(before.validUntil!);
  // From 00:00 JST on the day it names, as every page names days: not at the last day's time of day.
  const opens = new Date(japanDayBounds(japanDate(new Date(end.getTime() - RENEWAL_WINDOW_DAYS * DAY_MS).toISOString())!)!.start);
  if (now < opens) {
    throw conflict(
      `この宣言は現在「${STATUS_LABELS.published.ja}」です。更新は有効期限の${RENEWAL_WINDOW_DAYS}日前（${formatDate(opens.toISOString()).ja}）からできます。`,
      `The declaration is published; it can be renewed from ${RENEWAL_WINDOW_DAYS} days before it expires (${japanDate(opens.toISOString())}).`,
      { currentStatus: before.status, renewableFrom: opens.toISOString() },
    );
  }
  return { validFrom: now.toISOString(), validUntil: validityEnd(end, validityMonths).toISOString() };
}

/** Statuses anyone may see. Drafts and declarations under review are private to their organization. */
export const PUBLIC_STATUSES: readonly DeclarationStatus[] = ['published', 'suspended', 'withdrawn', 'revoked', 'expired'];

/**
 * Whether anyone may see a declaration: in a public status, and published once. A draft or a
 * submission withdrawn before publication is withdrawn too, but the public never saw it.
 */
export const isPublicDeclaration = (d: Pick<Declaration, 'status' | 'publishedAt'>): boolean => PUBLIC_STATUSES.includes(d.status) && d.publishedAt !== null;

/**
 * What the public is shown of a declaration, or null when the public never saw it. A declaration
 * that expired and whose organization asked to renew it goes back to review (submitted, or draft
 * when returned); the renewal is not public until published, but the period the public saw
 * stays: it reads as expired, with the fact that a renewal is under review while it is submitted
 * (nothing of a returned renewal). Its content is the last published version's
 * (publishedVersionOf), never the renewal's draft.
 */
export function publicStateOf(d: Pick<Declaration, 'status' | 'publishedAt'> & Partial<Pick<Declaration, 'validUntil'>>, now?: Date): { status: DeclarationStatus; renewalUnderReview: boolean } | null {
  if (d.publishedAt === null) return null;
  if (now && lapsedAt(d, now)) return { status: 'expired', renewalUnderReview: false };
  if (PUBLIC_STATUSES.includes(d.status)) return { status: d.status, renewalUnderReview: false };
  // Only a renewal after expiry brings a published declaration back to submitted or draft.
  return { status: 'expired', renewalUnderReview: d.status === 'submitted' };
}

/**
 * What the public read of a declaration at `at`, from the records its changes left, oldest first:
 * the record as the last change at or before `at` left it, read as the public read it then
 * (publicStateOf at `at`: lapsed at its end, a renewal after expiry as expired). Null when the
 * public had not seen it by then.
 */
export function publicStateAt<R extends Pick<Declaration, 'status' | 'publishedAt' | 'validUntil'> & { at: string }>(
  records: readonly R[],
  at: Date,
): (R & { status: DeclarationStatus; renewalUnderReview: boolean }) | null {
  let last: R | undefined;
  for (const record of records) if (Date.parse(record.at) <= at.getTime()) last = record;
  const state = last ? publicStateOf(last, at) : null;
  return last && state ? { ...last, ...state } : null;
}

/** One step of what the public has seen of a declaration: from `at`, this state. */
export interface PublicStep {
  at: string;
  status: DeclarationStatus;
  renewalUnderReview: boolean;
}

/**
 * Every state the public has seen a declaration in, oldest first, from the records its changes
 * left (oldest first) up to `now`: each change's state (publicStateAt), and a lapse at the end of
 * a period no change came before (expired from the instant after validUntil). A change the public
 * did not see (an amendment, a renewal's draft) adds no step.
 */
export function publicTimeline<R extends Pick<Declaration, 'status' | 'publishedAt' | 'validUntil'> & { at: string }>(records: readonly R[], now: Date): PublicStep[] {
  const steps: PublicStep[] = [];
  const add = (at: string, state: { status: DeclarationStatus; renewalUnderReview: boolean } | null) => {
    const last = steps[steps.length - 1];
    if (state && (!last || last.status !== state.status || last.renewalUnderReview !== state.renewalUnderReview)) steps.push({ at, ...state });
  };
  records.forEach((record, i) => {
    add(record.at, publicStateOf(record, new Date(record.at)));
    const until = Math.min(i + 1 < records.length ? Date.parse(records[i + 1]!.at) : Infinity, now.getTime());
    const lapse = record.validUntil ? Date.parse(record.validUntil) + 1 : Infinity;
    if (lapse <= until && lapsedAt(record, new Date(lapse))) add(new Date(lapse).toISOString(), { status: 'expired', renewalUnderReview: false });
  });
  return steps;
}

/**
 * Published or suspended with its validity over at `now`, before the expiry sweep (every minute
 * on Node, every ten on the Worker) has expired it. The public reads it as expired already
 * (publicStateOf with `now`), as a verifier reads its credential's validUntil on /v and offline,
 * so the pages, the API and the lookup agree with /v from 00:00 JST after the last day.
 */
export function lapsedAt(d: Pick<Declaration, 'status'> & Partial<Pick<Declaration, 'validUntil'>>, now: Date): boolean {
  return (d.status === 'published' || d.status === 'suspended') && !!d.validUntil && Date.parse(d.validUntil) < now.getTime();
}

/**
 * The declaration with the status it has as of `now`: expired once lapsed (lapsedAt), as the
 * public and /v read it, so the member area and the back office say 期限切れ from 00:00 JST after
 * the last day too, before the sweep has stored it. Actions store the expiry first (the declaration
 * service's `current`).
 */
export function asOf<D extends Pick<Declaration, 'status'> & Partial<Pick<Declaration, 'validUntil'>>>(d: D, now: Date): D {
  return lapsedAt(d, now) ? { ...d, status: 'expired' } : d;
}

/**
 * When the public last saw the declaration change, after a change from `before` to `after`: the
 * change's time, unless the public is shown nothing of it. That is a renewal after expiry back in
 * review changing within its stored status (a returned renewal's draft saved): the public still
 * sees the expired period, its last published content and the same renewalUnderReview
 * (publicStateOf). Submitting the renewal or returning it turns renewalUnderReview, which the
 * public sees, so their time is shown.
 */
export function publicUpdatedAtOf(before: Declaration | null, after: Declaration): string {
  const inRenewalReview = (d: Declaration) => d.publishedAt !== null && !PUBLIC_STATUSES.includes(d.status);
  const unseen = before !== null && inRenewalReview(before) && inRenewalReview(after) && before.status === after.status;
  return unseen ? before.publicUpdatedAt : after.updatedAt;
}

/**
 * Where a declaration published once can hold content that was never published: a renewal after
 * expiry back in draft or review (amended after a return), or one withdrawn from there. In every
 * other public status the current version is the one its credential was issued for (an amendment
 * while published or suspended re-issues it).
 */
export const UNPUBLISHED_CONTENT_STATUSES: readonly DeclarationStatus[] = ['draft', 'submitted', 'withdrawn'];

/**
 * The content version the public last saw, or null when it saw none: the version its newest
 * credential was issued for (`issuedVersions`, the subject versions of its credentials) wherever
 * the current version may be unpublished (UNPUBLISHED_CONTENT_STATUSES), else the current one.
 */
export function publishedVersionOf(d: Pick<Declaration, 'status' | 'publishedAt' | 'currentVersion'>, issuedVersions: readonly number[]): number | null {
  if (d.publishedAt === null) return null;
  if (!UNPUBLISHED_CONTENT_STATUSES.includes(d.status)) return d.currentVersion;
  return issuedVersions.length > 0 ? Math.max(...issuedVersions) : null;
}

/** Reason codes the public may read (suspension, revocation); a return's reason is the secretariat's note to the organization. */
const PUBLIC_REASONS: readonly string[] = [...Object.keys(REVOCATION_REASONS), ...SUSPENSION_REASONS];

/** A declaration as the public sees it, and whether a renewal after expiry is under review. */
export interface PublicDeclaration {
  /** Status as the public sees it (publicStateOf), the last published version's number and content, public reason codes only. */
  declaration: Declaration;
  renewalUnderReview: boolean;
}

/** The reason the public reads: a suspension's or revocation's code, never a note or a reason for returning. */
export function publicReasonOf(d: Pick<Declaration, 'status' | 'publishedAt' | 'statusReason'>): string | null {
  return publicStateOf(d)?.status === d.status && d.statusReason !== null && PUBLIC_REASONS.includes(d.statusReason) ? d.statusReason : null;
}

/**
 * The one rule for every public surface: the declaration as last published, changed when the
 * public last saw it change (publicUpdatedAtOf), or null when the public never saw it. `published` is its last published version (publishedVersionOf), read by
 * the caller; without it, nothing is shown.
 * @example publicDeclarationOf(withdrawnAfterAReturnedRenewal, versionOne) // withdrawn, with version 1's content
 */
export function publicDeclarationOf(d: Declaration, published: Pick<DeclarationVersion, 'version' | 'content'> | null | undefined, now?: Date): PublicDeclaration | null {
  const state = publicStateOf(d, now);
  if (!state || !published) return null;
  return {
    declaration: { ...d, status: state.status, currentVersion: published.version, content: published.content, statusReason: publicReasonOf(d), updatedAt: d.publicUpdatedAt },
    renewalUnderReview: state.renewalUnderReview,
  };
}

/**
 * The statuses stored for declarations the public sees as `status`: an expired declaration may be
 * back in review (draft or submitted) for its renewal (publicStateOf). Only with published once.
 */
export const storedStatusesShownAs = (status: DeclarationStatus): DeclarationStatus[] => (status === 'expired' ? ['expired', 'draft', 'submitted'] : [status]);

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

/**
 * A draft the secretariat sent back: stored as draft (the return transition's target) with the
 * return's reason kept, which a new draft never has; staff tell it from one not yet submitted.
 */
export const isReturned = (d: Pick<Declaration, 'status' | 'statusReason'>) => d.status === 'draft' && d.statusReason !== null;

export const RETURNED_LABEL = { ja: '差戻し', en: 'Returned' } as const;

/** Beside 期限切れ while the organization's renewal after expiry is under review (publicStateOf). */
export const RENEWAL_UNDER_REVIEW = { ja: '更新を審査中', en: 'Renewal under review' } as const;

/**
 * A renewal after expiry under review: submitted, and published once (only a renewal after expiry
 * brings a published declaration back to review, publicStateOf). Staff tell it from a first review,
 * as the statistics' stages do (stageOf).
 */
export const isRenewalUnderReview = (d: Pick<Declaration, 'status' | 'publishedAt'>) => d.status === 'submitted' && d.publishedAt !== null;
export const RENEWAL_UNDER_REVIEW_NOTE = {
  ja: 'この団体は宣言の更新を申請しており、事務局が審査しています。更新が公表されるまで、以前の有効期間を期限切れとして表示しています。',
  en: 'The organization has applied to renew this declaration, and the secretariat is reviewing it. Until the renewal is published, the previous period is shown as expired.',
} as const;

/**
 * validUntil for a declaration published at `publishedAt`, after `validityMonths` months: the end
 * (23:59:59.999 JST) of the day in Japan that many months on, the day every page names as its
 * last (「〜2026年4月1日」). Months are counted on Japan's calendar, not UTC's: 07:00 JST on
 * 1 March is still 29 February in UTC.
 */
export function validityEnd(publishedAt: Date, validityMonths: number): Date {
  return japanDayEnd(addCalendarMonths(japanDate(publishedAt.toISOString())!, validityMonths));
}

/** What each action is called in messages about it. */
export const ACTION_LABELS: Record<DeclarationAction | 'amend', { ja: string; en: string }> = {
  submit: { ja: '提出', en: 'submit' },
  publish: { ja: '公表', en: 'publish' },
  return: { ja: '差戻し', en: 'return' },
  suspend: { ja: '一時停止', en: 'suspend' },
  reinstate: { ja: '再開', en: 'reinstate' },
  withdraw: { ja: '取下げ', en: 'withdraw' },
  revoke: { ja: '取消', en: 'revoke' },
  renew: { ja: '更新', en: 'renew' },
  expire: { ja: '期限切れの処理', en: 'expire' },
  amend: { ja: '改訂', en: 'amend' },
};

/** ACTION_LABELS' English verbs as past participles, for "cannot be …". */
const PAST: Record<DeclarationAction | 'amend', string> = { submit: 'submitted', publish: 'published', return: 'returned', suspend: 'suspended', reinstate: 'reinstated', withdraw: 'withdrawn', revoke: 'revoked', renew: 'renewed', expire: 'expired', amend: 'amended' };

/** Throws the refusal when the declaration's current state does not allow `action`. */
export function assertAllowed(action: DeclarationAction, status: DeclarationStatus): void {
  if (!TRANSITIONS[action].from.includes(status)) throw illegalState(action, status);
}

/** The refusal of an action the declaration's current state does not allow (409, with currentStatus). */
export function illegalState(action: DeclarationAction | 'amend', status: DeclarationStatus) {
  const label = STATUS_LABELS[status];
  const already = action !== 'amend' && TRANSITIONS[action].to === status;
  return conflict(
    already ? `この宣言は既に「${label.ja}」です。` : `この宣言は現在「${label.ja}」のため、${ACTION_LABELS[action].ja}はできません。`,
    // In the words the pages use (the API's currentStatus still gives the code), as the Japanese says it.
    already ? `This declaration is already "${label.en}".` : `This declaration is "${label.en}" now, so it cannot be ${PAST[action]}.`,
    { currentStatus: status },
  );
}
