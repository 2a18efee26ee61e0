import { DomainError } from '../../domain/errors.js';
import type { Bilingual } from '../pages/i18n.js';

/**
 * The version an edit form was opened at (its hidden rowVersion field), or null when the post has
 * none or a damaged one: saving without it would overwrite a change someone saved meanwhile,
 * unseen. The back office and the member area refuse such a post with ROW_VERSION_MISSING.
 * `field`: another hidden version field of the same shape (a partner's secretVersion).
 */
export function postedRowVersion(form: URLSearchParams, field = 'rowVersion'): number | null {
  const value = form.get(field) ?? '';
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

/**
 * A back-office action refused because its record changed after the page was shown (the use
 * case's version check): what was decided on is not what is stored. `subject`: 宣言 / declaration.
 */
export const changedSincePageShown = (subject: Bilingual): Bilingual => ({
  ja: `この${subject.ja}は、このページを開いた後に別の人が変更しました。何も変更していません。最新の状態を確認してから、もう一度操作してください。`,
  en: `Someone else changed this ${subject.en} after you opened this page. Nothing was changed; check its current state and act again.`,
});

/**
 * A state change's refusal as its page says it (409), or null for any other error: the record
 * changed after the page was shown (`changed`), or its state no longer allows the change.
 */
export function stateChangeRefusal(error: unknown, changed: Bilingual): Bilingual | null {
  if (!(error instanceof DomainError)) return null;
  if (error.kind === 'precondition-failed') return changed;
  return error.kind === 'conflict' ? { ja: error.ja, en: error.en } : null;
}
