import { actsFor, isAdmin } from '../actor.js';
import { DomainError, forbidden, invalid, notFound, requireVersion, type VersionCondition } from '../errors.js';
import type { Organization, Page } from '../model.js';
import { normalizeOrganization, type NormalizedOrganization, type OrganizationInput } from '../organization-rules.js';
import type { OrganizationQuery } from '../../ports/repositories.js';
import { UniqueViolation } from '../../ports/store.js';
import { auditEntry, type RequestContext, type ServiceDeps } from './context.js';
import { organizationEvent } from '../partners/change-events.js';
import { organizationPublicUpdatedAtOf } from '../organization-public.js';

const ORGANIZATION = { ja: '団体', en: 'Organization' };

export function duplicateIdentifier(error: UniqueViolation) {
  const field = error.constraint.includes('local_government_code') ? 'localGovernmentCode' : 'corporateNumber';
  const ja = field === 'corporateNumber' ? 'この法人番号の団体は既に登録されています。' : 'この地方公共団体コードの団体は既に登録されています。';
  const en = `An organization with this ${field} is already registered.`;
  return new DomainError('conflict', ja, en, [{ field: `/${field}`, ja, en }]);
}

/** A new organization's record, from its checked fields: unlisted until its first publication. */
export function newOrganization(normalized: NormalizedOrganization, id: string, now: string): Organization {
  return { id, ...normalized, listed: false, rowVersion: 1, createdAt: now, updatedAt: now, publicUpdatedAt: now };
}

export function createOrganizationService(deps: ServiceDeps) {
  const { repos, uow, clock } = deps;

  async function load(id: string): Promise<Organization> {
    const organization = await repos.organizations.get(id);
    if (!organization) throw notFound(ORGANIZATION);
    return organization;
  }

  return {
    load,

    /** Secretariat registers a company, municipality or other body. */
    async create(ctx: RequestContext, input: OrganizationInput): Promise<Organization> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const normalized = normalizeOrganization(input);
      if (normalized.corporateNumber && (await repos.organizations.getByCorporateNumber(normalized.corporateNumber))) {
        throw duplicateIdentifier(new UniqueViolation('organizations.corporate_number'));
      }
      const now = clock.now().toISOString();
      const organization = newOrganization(normalized, deps.newId(), now);
      try {
        await uow.commit([
          ...repos.organizations.insert(organization),
          repos.audit.append(auditEntry(ctx, now, { action: 'organization.create', entityType: 'organization', entityId: organization.id, before: null, after: organization })),
        ]);
      } catch (error) {
        if (error instanceof UniqueViolation) throw duplicateIdentifier(error);
        throw error;
      }
      return organization;
    },

    /** The organization itself or the secretariat updates its profile; identifiers change only by the secretariat. */
    async update(ctx: RequestContext, id: string, input: OrganizationInput, ifMatch?: VersionCondition): Promise<Organization> {
      const before = await load(id);
      if (!actsFor(ctx.actor, id)) throw forbidden();
      requireVersion(ifMatch, before.rowVersion);
      const normalized = normalizeOrganization(input);
      const identifiersChanged =
        normalized.kind !== before.kind ||
        normalized.corporateNumber !== before.corporateNumber ||
        normalized.localGovernmentCode !== before.localGovernmentCode;
      if (identifiersChanged && !isAdmin(ctx.actor)) {
        throw invalid([{ field: '/corporateNumber', ja: '種別・法人番号・地方公共団体コードは事務局のみ変更できます。', en: 'Only the secretariat can change kind, corporateNumber or localGovernmentCode.' }]);
      }
      const now = clock.now().toISOString();
      const edited: Organization = { ...before, ...normalized, rowVersion: before.rowVersion + 1, updatedAt: now };
      const after: Organization = { ...edited, publicUpdatedAt: organizationPublicUpdatedAtOf(before, edited) };
      const event = deps.outbox && organizationEvent({ before, after }, deps.newId);
      try {
        await uow.commit([
          ...repos.organizations.update(after, before.rowVersion),
          ...(event ? deps.outbox!.append(event) : []),
          repos.audit.append(auditEntry(ctx, now, { action: 'organization.update', entityType: 'organization', entityId: id, before, after })),
        ]);
      } catch (error) {
        if (error instanceof UniqueViolation) throw duplicateIdentifier(error);
        throw error;
      }
      return after;
    },

    search(query: OrganizationQuery): Promise<Page<Organization>> {
      return repos.organizations.search(query);
    },
  };
}

export type OrganizationService = ReturnType<typeof createOrganizationService>;
