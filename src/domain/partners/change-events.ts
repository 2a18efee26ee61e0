import { PUBLIC_STATUSES } from '../declaration-lifecycle.js';
import type { Award, Declaration, DeclarationStatus, Organization } from '../model.js';
import type { ChangeEvent, ChangeEventType } from './model.js';

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
};

const organizationData = (o: Organization) => ({
  id: o.id,
  name: o.name,
  corporateNumber: o.corporateNumber,
  localGovernmentCode: o.localGovernmentCode,
  prefectureCode: o.prefectureCode,
});

/**
 * The public event a declaration change produces, or null when the public never saw the
 * declaration (creating, amending or withdrawing a draft or one under review is private).
 */
export function declarationEvent(
  { action, before, after, organization }: { action: string; before: Declaration | null; after: Declaration; organization: Organization },
  newId: () => string,
): ChangeEvent | null {
  const type = DECLARATION_EVENTS[action];
  if (!type) return null;
  const wasPublic = (status: DeclarationStatus | undefined) => status !== undefined && PUBLIC_STATUSES.includes(status);
  if (action !== 'publish' && !wasPublic(before?.status)) return null;
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
        status: after.status,
        version: after.currentVersion,
        validFrom: after.validFrom,
        validUntil: after.validUntil,
        statusReason: after.statusReason,
      },
    },
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
