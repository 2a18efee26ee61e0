import type { Bilingual } from '../pages/i18n.js';

/**
 * The version an edit form was opened at (its hidden rowVersion field), or null when the post has
 * none or a damaged one: saving without it would overwrite a change someone saved meanwhile,
 * unseen. The back office and the member area refuse such a post with ROW_VERSION_MISSING.
 */
export function postedRowVersion(form: URLSearchParams): number | null {
  const value = form.get('rowVersion') ?? '';
  return /^[1-9]\d{0,14}$/.test(value) ? Number(value) : null;
}

export const ROW_VERSION_MISSING: Bilingual = {
  ja: 'フォームの版（rowVersion）が送られていないか、正しくありません。ページを開き直してから、もう一度やり直してください。何も変更していません。',
  en: "The form's version (rowVersion) is missing or damaged. Open the page again and retry; nothing was changed.",
};

/**
 * A post refused for its form's version, with what is wrong in its fields too (null: nothing): the
 * version's message first in the error summary, then the fields', each also beside its field, so one
 * round shows everything and fixing the fields does not meet a second refusal.
 */
export function versionRefusal<ByField extends object>(version: Bilingual, fields: { byField: ByField; general: Bilingual[] } | null): { byField: ByField | Record<never, never>; general: Bilingual[] } {
  return { byField: fields?.byField ?? {}, general: [version, ...(fields?.general ?? [])] };
}
