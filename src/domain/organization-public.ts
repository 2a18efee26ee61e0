import type { Organization } from './model.js';

/** What the public sees of an organization (never its contact): a change to any of these is public. */
export const PUBLIC_ORGANIZATION_FIELDS = ['kind', 'name', 'nameKana', 'nameEn', 'corporateNumber', 'localGovernmentCode', 'prefectureCode', 'city', 'industryCode', 'sizeBand', 'website'] as const;

/** The public fields that differ between `before` and `after`. */
export const changedPublicFields = (before: Organization, after: Organization) => PUBLIC_ORGANIZATION_FIELDS.filter((field) => before[field] !== after[field]);

/**
 * When the public last saw the organization change, after an edit from `before` to `after`: the
 * edit's time when a public field changed, else the time it had. An edit of the contact alone is
 * not shown, so showing its time would tell the public when the organization changed it.
 */
export function organizationPublicUpdatedAtOf(before: Organization, after: Organization): string {
  return changedPublicFields(before, after).length > 0 ? after.updatedAt : before.publicUpdatedAt;
}
