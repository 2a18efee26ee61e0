import { PUBLIC_STATUSES, publicReasonOf, publicStateOf } from '../declaration-lifecycle.js';
import type { Award, Declaration, DeclarationStatus, Organization } from '../model.js';
import type { ChangeEvent, ChangeEventType } from './model.js';
import { changedPublicFields } from '../organization-public.js';

const DECLARATION_EVENTS: Record<string, ChangeEventType> = {
  publish: 'declaration.published',
  amend: 'declaration.amended',
  suspend: 'declaration.suspended',
  reinstate: 'declaration.reinstated',
  revoke: 'declaration.revoked',
  withdraw: 'declaration.withdrawn',
  expire: 'declaration.expired',
  renew: 'declaration.renewed',
};

const AWARD_EVENTS: Record<string, ChangeEventType> = {
  create: 'award.granted',
  suspend: 'award.suspended',
  reinstate: 'award.reinstated',
  revoke: 'award.revoked',
  correct: 'award.corrected',
};

const organizationData = (o: Organization) => ({
  id: o.id,
  name: o.name,
  corporateNumber: o.corporateNumber,
  localGovernmentCode: o.localGovernmentCode,
  prefectureCode: o.prefectureCode,
});

/**
 * An expired declaration's renewal sent back to its organization (returned), or submitted again,
 * has no event of its own, yet the public sees it change: expired, with or without 「更新を審査中」
 * (publicStateOf). Partners hear it as declaration.expired (renewalUnderReview false) or
 * declaration.renewed (true), so their copy never keeps a review that has ended.
 */
function renewalReviewTurn(before: Declaration | null, after: Declaration): ChangeEventType | undefined {
  const was = before && publicStateOf(before);
  const is = publicStateOf(after);
  if (was?.status !== 'expired' || is?.status !== 'expired' || was.renewalUnderReview === is.renewalUnderReview) return undefined;
  return is.renewalUnderReview ? 'declaration.renewed' : 'declaration.expired';
}

/**
 * The public event a declaration change produces, or null when the public never saw the
 * declaration (creating, amending or withdrawing a draft or one under review is private). An
 * expired declaration being renewed is still seen, as expired (publicStateOf): withdrawing it
 * then is public, and its events carry the status the public sees, never a reason for returning.
 */
export function declarationEvent(
  { action, before, after, organization }: { action: string; before: Declaration | null; after: Declaration; organization: Organization },
  newId: () => string,
): ChangeEvent | null {
  const reviewTurn = DECLARATION_EVENTS[action] ? undefined : renewalReviewTurn(before, after);
  const type = DECLARATION_EVENTS[action] ?? reviewTurn;
  if (!type) return null;
  const wasPublic = (status: DeclarationStatus | undefined) => status !== undefined && PUBLIC_STATUSES.includes(status);
  const seen = reviewTurn !== undefined || (action === 'withdraw' ? !!before && publicStateOf(before) !== null : action === 'publish' || wasPublic(before?.status));
  if (!seen) return null;
  const state = publicStateOf(after) ?? { status: after.status, renewalUnderReview: false };
  return {
    id: newId(),
    type,
    occurredAt: after.updatedAt,
    subject: { type: 'declaration', id: after.id },
    organizationId: after.organizationId,
    data: {
      organization: organizationData(organization),
      declaration: {
        id: after.id,
        status: state.status,
        renewalUnderReview: state.renewalUnderReview,
        version: after.currentVersion,
        validFrom: after.validFrom,
        validUntil: after.validUntil,
        statusReason: publicReasonOf(after),
      },
    },
  };
}

/**
 * A listed organization's public details changed (a partner showing its name or prefecture
 * would otherwise keep the old ones until its next declaration event); null for an unlisted
 * organization or a change of private details only.
 */
export function organizationEvent({ before, after }: { before: Organization; after: Organization }, newId: () => string): ChangeEvent | null {
  // A change to any public field is an event (changedPublicFields), the contact never.
  const changed = changedPublicFields(before, after);
  if (!after.listed || changed.length === 0) return null;
  return {
    id: newId(),
    type: 'organization.updated',
    occurredAt: after.updatedAt,
    subject: { type: 'organization', id: after.id },
    organizationId: after.id,
    data: { organization: organizationData(after), changed },
  };
}

/** Every award change is public: awards are published when recorded. */
export function awardEvent(
  { action, after, organization }: { action: string; after: Award; organization: Organization },
  newId: () => string,
): ChangeEvent | null {
  const type = AWARD_EVENTS[action];
  if (!type) return null;
  return {
    id: newId(),
    type,
    occurredAt: after.updatedAt,
    subject: { type: 'award', id: after.id },
    organizationId: after.organizationId,
    data: {
      organization: organizationData(organization),
      award: { id: after.id, fiscalYear: after.fiscalYear, category: after.categoryCode, division: after.divisionCode, status: after.status, statusReason: after.statusReason, awardedOn: after.awardedOn },
    },
  };
}
