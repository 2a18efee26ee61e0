// What the back office's awards list reads: every award of one fiscal year and their organizations.
import type { Award, Organization } from '../../domain/model.js';
import type { Repositories } from '../../ports/repositories.js';

/** Every award of one fiscal year (a few dozen in a real year; hundreds in a large registry). */
export async function awardsOfYear(repos: Repositories, fiscalYear: number): Promise<{ awards: Award[]; organizations: Map<string, Organization | null> }> {
  const awards: Award[] = [];
  let cursor: string | null = null;
  do {
    const page = await repos.awards.search({ fiscalYear, limit: 100, cursor });
    awards.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  const ids = [...new Set(awards.map((a) => a.organizationId))];
  // In one read (by chunks of ids): a query per award was ~0.1 s of CPU for a year of 800.
  const organizations = new Map<string, Organization | null>((await repos.organizations.getMany(ids)).map((o) => [o.id, o]));
  return { awards, organizations };
}
