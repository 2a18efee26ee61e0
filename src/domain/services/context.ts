import { secretariatActorRole } from '../accounts/staff.js';
import type { Actor } from '../actor.js';
import type { AuditEntry } from '../model.js';
import type { Repositories } from '../../ports/repositories.js';
import type { UnitOfWork } from '../../ports/store.js';
import type { CredentialLifecycle } from '../../ports/credential-lifecycle.js';
import type { ChangeOutbox } from '../../ports/partners.js';
import type { ChangeNotifier } from './mail-notifications.js';

export interface Clock {
  now(): Date;
}

/** Everything a use case needs, passed in by the composition root. */
export interface ServiceDeps {
  repos: Repositories;
  uow: UnitOfWork;
  clock: Clock;
  newId(): string;
  /** How long a published declaration stays valid. */
  validityMonths: number;
  credentials: CredentialLifecycle;
  /** Public change events (feed and webhooks) ride in the same batch as the change; none when absent. */
  outbox?: ChangeOutbox;
  /** E-mail to the organization (mail outbox) rides in the same batch as the change too; none when absent. */
  notifications?: ChangeNotifier;
}

/** Who asked, and the request id that ties the audit entry to the access log. */
export interface RequestContext {
  actor: Actor;
  requestId: string | null;
}

export function auditEntry(
  ctx: RequestContext,
  at: string,
  entry: Pick<AuditEntry, 'action' | 'entityType' | 'entityId' | 'before' | 'after'>,
): AuditEntry {
  const actor = ctx.actor;
  return {
    ...entry,
    at,
    actorTokenId: actor.role === 'admin' || actor.role === 'organization' ? actor.tokenId : null,
    actorRole: actor.role === 'system' ? `system:${actor.process}` : actor.role === 'admin' ? secretariatActorRole(actor.staffRole) : actor.role,
    actorOrganizationId: actor.role === 'organization' ? actor.organizationId : null,
    requestId: ctx.requestId,
  };
}
