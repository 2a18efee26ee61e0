import { DomainError } from '../../domain/errors.js';
import { unreadableReason } from '../../domain/readable-text.js';
import type { Bilingual } from '../pages/i18n.js';

/** A refused form's messages by field name (a problem's field without its leading "/"), and the rest. */
export interface FormErrors {
  byField: Record<string, Bilingual[]>;
  general: Bilingual[];
}

/**
 * The messages of a validation refusal, for the form that caused it; anything else is rethrown
 * (the back office's error page shows it). `fields` are the form's own field names.
 */
export function formErrorsOf(error: unknown, fields: readonly string[]): FormErrors {
  if (!(error instanceof DomainError) || (error.kind !== 'validation' && error.kind !== 'unprocessable' && error.kind !== 'conflict')) throw error;
  const result: FormErrors = { byField: {}, general: [] };
  for (const problem of error.fields) {
    const name = problem.field.replace(/^\//, '');
    if (fields.includes(name)) (result.byField[name] ??= []).push({ ja: problem.ja, en: problem.en });
    else result.general.push({ ja: problem.ja, en: problem.en });
  }
  if (error.fields.length === 0 || (result.general.length === 0 && Object.keys(result.byField).length === 0)) result.general.push({ ja: error.ja, en: error.en });
  return result;
}

/** A page-level message only, in the error summary (a form shown again with what was typed). */
export const noticeErrors = (notice: Bilingual): FormErrors => ({ byField: {}, general: [notice] });

/**
 * The error summary's lines: general messages first, then each field's, linked to its control
 * (f-<name>). With `labels`, a field's message starts with the field's label ("名称: …"): at the
 * top of the page, away from the field, a message that does not name it is not understood.
 */
export function summaryItems(errors: FormErrors | undefined, lang: 'ja' | 'en', labels: Partial<Record<string, Bilingual>> = {}): { href: string | null; text: string }[] {
  if (!errors) return [];
  return [
    ...errors.general.map((e) => ({ href: null, text: e[lang] })),
    ...Object.entries(errors.byField).flatMap(([name, list]) => list.map((e) => {
      const label = labels[name]?.[lang];
      return { href: `#f-${name}`, text: label && !namesItsField(e[lang], label) ? `${label}: ${e[lang]}` : e[lang] };
    })),
  ];
}

/** A message that begins with its field's label (「名称は…」, "Name can be…", "The name…"): the summary need not say the label twice. */
function namesItsField(message: string, label: string): boolean {
  const plain = (text: string) => text.toLowerCase().replace(/^the /, '');
  return plain(message).startsWith(plain(label));
}

/**
 * What the readable-text rule says about a typed value (a control character, a tab…), without
 * naming the field; null when the value is readable (or not text). The forms that put the schema's refusals
 * in their own words ("名称を入力してください") keep this one as it is: it says what is wrong.
 */
export function unreadableMessage(value: unknown, pointer: string): Bilingual | null {
  return typeof value === 'string' ? unreadableReason(value, pointer) : null;
}

/** A suspension posted without its reason code (the API leaves it optional; the back office asks for it). */
export const SUSPENSION_REASON_MISSING: Bilingual = { ja: '一時停止の理由を選んでください。', en: 'Choose the reason for the suspension.' };

/** Why a suspension's note was refused, in the form's words: a character it may not hold, or else its length (the API's only other rule). */
export const suspensionNoteMessage = (note: string): Bilingual =>
  unreadableMessage(note, '/note') ?? { ja: `補足は2000文字以内で入力してください（今は${[...note].length}文字）。`, en: `The note can be at most 2000 characters (now ${[...note].length}).` };
