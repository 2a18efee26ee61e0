import { seesPrivate } from '../actor.js';
import { forbidden } from '../errors.js';
import type { AuditEntry, Page } from '../model.js';
import type { Repositories } from '../../ports/repositories.js';
import type { RequestContext } from './context.js';
import { INTERNAL_AUDIT_ACTIONS } from './review-notes.js';

/**
 * The secretariat's own steps that name an organization's record but stay with the secretariat:
 * review notes, and the two-person revocation's request and decision (the organization learns of
 * the revocation itself, declaration.revoke or award.revoke, not of a request still undecided).
 */
const SECRETARIAT_ONLY: readonly string[] = [...INTERNAL_AUDIT_ACTIONS, 'revocation.request', 'revocation.approve', 'revocation.reject', 'revocation.withdraw'];

/**
 * An organization's own audit trail, for its members: what happened to its organization record,
 * declarations and awards (whoever did it, the secretariat included), and what its own members
 * and tokens did. The full log stays with the secretariat (registry.audit.list).
 */
export async function organizationAuditTrail(
  repos: Pick<Repositories, 'declarations' | 'awards' | 'audit'>,
  ctx: RequestContext,
  organizationId: string,
  { cursor = null, limit = 50 }: { cursor?: string | null; limit?: number } = {},
): Promise<Page<AuditEntry>> {
  if (!seesPrivate(ctx.actor, organizationId)) throw forbidden();
  const [declarations, awards] = await Promise.all([
    repos.declarations.listByOrganization(organizationId),
    repos.awards.search({ organizationId, limit: 500 }),
  ]);
  const page = await repos.audit.listForOrganization({
    organizationId,
    entities: [
      { type: 'declaration', ids: declarations.map((d) => d.id) },
      { type: 'award', ids: awards.items.map((a) => a.id) },
    ],
    cursor,
    limit,
  });
  return { ...page, items: page.items.filter((entry) => !SECRETARIAT_ONLY.includes(entry.action)) };
}
