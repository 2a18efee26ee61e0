import type { DeclarationContent, DeclarationVersion, OrganizationKind } from '../../../domain/model.js';
import type { Lang } from '../../pages/i18n.js';
import { FIELD_LABELS, fieldLabelsFor, fieldText } from './labels.js';

export interface FieldChange {
  label: string;
  before: string;
  after: string;
}

const FIELDS = Object.keys(FIELD_LABELS) as (keyof DeclarationContent)[];

/** What changed from one version's content to the next, field by field, in the words of an organization of `kind` (a municipality's 首長, 庁内). */
export function contentChanges(before: DeclarationContent, after: DeclarationContent, lang: Lang, kind: OrganizationKind): FieldChange[] {
  const labels = fieldLabelsFor(kind);
  return FIELDS.filter((field) => comparable(before, field) !== comparable(after, field)).map((field) => ({
    label: labels[field][lang],
    before: fieldText(field, before, lang, kind),
    after: fieldText(field, after, lang, kind),
  }));
}

/** Lists whose order carries no meaning (checkboxes) compare as sets. */
function comparable(content: DeclarationContent, field: keyof DeclarationContent): string {
  const value = content[field];
  return JSON.stringify(Array.isArray(value) ? [...value].sort() : value ?? null);
}

/** Versions newest first, each with its changes from the one before (none for the first). */
export function versionHistory(versions: DeclarationVersion[], lang: Lang, kind: OrganizationKind): { version: DeclarationVersion; changes: FieldChange[] | null }[] {
  const ordered = [...versions].sort((a, b) => a.version - b.version);
  return ordered.map((version, i) => ({ version, changes: i === 0 ? null : contentChanges(ordered[i - 1]!.content, version.content, lang, kind) })).reverse();
}
