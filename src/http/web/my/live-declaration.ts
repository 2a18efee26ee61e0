import type { Declaration } from '../../../domain/model.js';
import type { Registry } from '../../../registry.js';

/** Withdrawn and revoked declarations are over; any other is the organization's one live declaration. */
export const isLive = (d: Declaration) => d.status !== 'withdrawn' && d.status !== 'revoked';

/** The organization's declarations, oldest first, and the live one (at most one: the registry's rule). */
export async function declarationsOf(registry: Registry, organizationId: string): Promise<{ all: Declaration[]; live: Declaration | null }> {
  const all = await registry.deps.repos.declarations.listByOrganization(organizationId);
  return { all, live: all.find(isLive) ?? null };
}

/** A whole number from a form field, or undefined (then the use case checks no version). */
export function rowVersionOf(value: string | null): number | undefined {
  return value && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}
