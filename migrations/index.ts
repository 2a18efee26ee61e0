import type { Kysely } from 'kysely';
import * as registryCore from './2026-11-25T1500-registry-core.js';
import * as credentials from './2026-11-25T1600-credentials.js';
import * as partners from './2026-11-25T1700-partners.js';
import * as idempotency from './2026-11-25T1800-idempotency.js';
import * as scale from './2026-11-25T1900-scale.js';
import * as searchIndex from './2026-11-25T2000-search-index.js';
import * as oneLiveDeclaration from './2026-11-30T1000-one-live-declaration.js';
import * as accounts from './2026-11-30T1200-accounts.js';
import * as mailOutbox from './2026-11-30T1300-mail-outbox.js';
import * as auditOrganizationIndex from './2026-11-30T1400-audit-organization-index.js';
import * as backOffice from './2026-11-30T1500-back-office.js';
import * as awardStatusReason from './2026-12-03T2000-award-status-reason.js';
import * as verificationIndex from './2026-12-04T0000-verification-index.js';
import * as staffInvitationCancelled from './2026-12-04T0050-staff-invitation-cancelled.js';
import * as partnerDeactivation from './2026-12-04T0100-partner-deactivation.js';
import * as webhookDisabled from './2026-12-04T0300-webhook-disabled.js';
import * as declarationPublicUpdatedAt from './2026-12-04T1410-declaration-public-updated-at.js';
import * as organizationPublicUpdatedAt from './2026-12-04T1700-organization-public-updated-at.js';
import * as membershipRemovals from './2026-12-05T0900-membership-removals.js';
import * as portalIndexes from './2026-12-05T0930-portal-indexes.js';
import * as openDataIndexes from './2026-12-05T1100-open-data-indexes.js';
import * as statisticsIndexes from './2026-12-05T1300-statistics-indexes.js';
import * as auditActorIndex from './2026-12-05T1310-audit-actor-index.js';
import * as declarationsStatusOrganizationIndex from './2026-12-05T1320-declarations-status-organization-index.js';
import * as reviewQueueIndex from './2026-12-05T1350-review-queue-index.js';
import * as recordGeneration from './2026-12-06T0900-record-generation.js';
import * as declarationsPublicationOrderIndex from './2026-12-06T1100-declarations-publication-order-index.js';
import * as auditAtIndex from './2026-12-06T1110-audit-at-index.js';
import * as awardsPartnerIndex from './2026-12-06T1300-awards-partner-index.js';
import * as searchTextIgnorables from './2026-12-06T1500-search-text-ignorables.js';

export interface Migration {
  up(db: Kysely<any>): Promise<void>;
}

/** Every migration, in order. A static list so that bundlers (Workers) need no file system. */
export const migrations: Record<string, Migration> = {
  '2026-11-25T1500-registry-core': registryCore,
  '2026-11-25T1600-credentials': credentials,
  '2026-11-25T1700-partners': partners,
  '2026-11-25T1800-idempotency': idempotency,
  '2026-11-25T1900-scale': scale,
  '2026-11-25T2000-search-index': searchIndex,
  '2026-11-30T1000-one-live-declaration': oneLiveDeclaration,
  '2026-11-30T1200-accounts': accounts,
  '2026-11-30T1300-mail-outbox': mailOutbox,
  '2026-11-30T1400-audit-organization-index': auditOrganizationIndex,
  '2026-11-30T1500-back-office': backOffice,
  '2026-12-03T2000-award-status-reason': awardStatusReason,
  '2026-12-04T0000-verification-index': verificationIndex,
  '2026-12-04T0050-staff-invitation-cancelled': staffInvitationCancelled,
  '2026-12-04T0100-partner-deactivation': partnerDeactivation,
  '2026-12-04T0300-webhook-disabled': webhookDisabled,
  '2026-12-04T1410-declaration-public-updated-at': declarationPublicUpdatedAt,
  '2026-12-04T1700-organization-public-updated-at': organizationPublicUpdatedAt,
  '2026-12-05T0900-membership-removals': membershipRemovals,
  '2026-12-05T0930-portal-indexes': portalIndexes,
  '2026-12-05T1100-open-data-indexes': openDataIndexes,
  '2026-12-05T1300-statistics-indexes': statisticsIndexes,
  '2026-12-05T1310-audit-actor-index': auditActorIndex,
  '2026-12-05T1320-declarations-status-organization-index': declarationsStatusOrganizationIndex,
  '2026-12-05T1350-review-queue-index': reviewQueueIndex,
  '2026-12-06T0900-record-generation': recordGeneration,
  '2026-12-06T1100-declarations-publication-order-index': declarationsPublicationOrderIndex,
  '2026-12-06T1110-audit-at-index': auditAtIndex,
  '2026-12-06T1300-awards-partner-index': awardsPartnerIndex,
  '2026-12-06T1500-search-text-ignorables': searchTextIgnorables,
};
