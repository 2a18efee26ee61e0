import type { Declaration } from '../../../domain/model.js';
import type { Registry } from '../../../registry.js';

/** Withdrawn and revoked declarations are over; any other is the organization's one live declaration. */
export const isLive = (d: Declaration) => d.status !== 'withdrawn' && d.status !== 'revoked';

/** The organization's declarations, oldest first, and the live one (at most one: the registry's rule). */
export async function declarationsOf(registry: Registry, organizationId: string): Promise<{ all: Declaration[]; live: Declaration | null }> {
  const all = await registry.deps.repos.declarations.listByOrganization(organizationId);
  return { all, live: all.find(isLive) ?? null };
}
