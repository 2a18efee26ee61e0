// The declaration form's fields ↔ the API's DeclarationInput, checked by the same rules as the
// API (the JSON Schema, then the domain's normalizeDeclaration), with each problem mapped back
// from its JSON Pointer (/signerName, /guidelineAreas/0) to the form field it belongs to.
import { declarationDateProblems, normalizeDeclaration, signerNameProblems, type DeclarationInput } from '../../../domain/declaration-rules.js';
import { DomainError, invalid } from '../../../domain/errors.js';
import { DEFAULT_PUBLIC_FIELDS, PUBLISHABLE_FIELDS, type DeclarationContent, type PublishableField } from '../../../domain/model.js';
import type { Bilingual } from '../../pages/i18n.js';
import { validateBody } from '../../validation.js';
import { formText } from '../form.js';
import { readTypedDate } from '../../../domain/typed-date.js';

/** What the form holds: exactly what was typed, so a refused form comes back as it was sent. */
export interface DeclarationFormValues {
  signerName: string;
  signerTitle: string;
  committedOn: string;
  sharedOn: string;
  guidelineAreas: string[];
  purposes: string[];
  policy: string;
  measures: string;
  publicFields: string[];
}

export type FormField = keyof DeclarationFormValues;
const FORM_FIELDS: readonly FormField[] = ['signerName', 'signerTitle', 'committedOn', 'sharedOn', 'guidelineAreas', 'purposes', 'policy', 'measures', 'publicFields'];

export const emptyValues = (): DeclarationFormValues => ({
  signerName: '', signerTitle: '', committedOn: '', sharedOn: '', guidelineAreas: [], purposes: [], policy: '', measures: '', publicFields: [...DEFAULT_PUBLIC_FIELDS],
});

export const valuesOfContent = (content: DeclarationContent): DeclarationFormValues => ({
  signerName: content.signerName,
  signerTitle: content.signerTitle,
  committedOn: content.committedOn,
  sharedOn: content.sharedOn ?? '',
  guidelineAreas: [...content.guidelineAreas],
  purposes: [...content.purposes],
  policy: content.policy ?? '',
  measures: content.measures ?? '',
  publicFields: [...content.publicFields],
});

export const valuesOfForm = (form: URLSearchParams): DeclarationFormValues => ({
  signerName: formText(form, 'signerName'),
  signerTitle: formText(form, 'signerTitle'),
  committedOn: formText(form, 'committedOn'),
  sharedOn: formText(form, 'sharedOn'),
  guidelineAreas: form.getAll('guidelineAreas'),
  purposes: form.getAll('purposes'),
  policy: formText(form, 'policy'),
  measures: formText(form, 'measures'),
  publicFields: form.getAll('publicFields'),
});

/**
 * A date as typed where the browser offers no date picker, or pasted: ２０２５－０４－０１,
 * 2025/4/1, 2025年4月1日, 令和7年4月1日 (readTypedDate) as 2025-04-01; anything else is left as
 * typed (NFKC) for the schema to refuse.
 */
export function normalizeDateInput(typed: string): string {
  return readTypedDate(typed) ?? typed.normalize('NFKC').trim();
}

/**
 * The body the API would receive for these values. An empty required field is left out (so its
 * message is the schema's "required"), an empty optional one is null; names are trimmed, as a
 * name of spaces is no name.
 */
export function inputOf(values: DeclarationFormValues): Record<string, unknown> {
  const input: Record<string, unknown> = {
    sharedOn: normalizeDateInput(values.sharedOn) || null,
    guidelineAreas: values.guidelineAreas,
    purposes: values.purposes,
    policy: values.policy.trim() || null,
    measures: values.measures.trim() || null,
    publicFields: values.publicFields,
  };
  for (const name of ['signerName', 'signerTitle', 'committedOn'] as const) {
    const value = name === 'committedOn' ? normalizeDateInput(values[name]) : values[name].trim();
    if (value) input[name] = value;
  }
  return input;
}

/** Checks the values as the API checks a body; throws the API's validation error when they fail. */
export function checkDeclaration(values: DeclarationFormValues, today: string): { input: DeclarationInput; content: DeclarationContent } {
  const raw = inputOf(values);
  let input: DeclarationInput;
  try {
    input = validateBody<DeclarationInput>('declaration', raw);
  } catch (error) {
    if (!(error instanceof DomainError) || error.kind !== 'validation') throw error;
    // Every wrong field at once: the calendar's problems too, where the schema found none in that field.
    const named = new Set(error.fields.map((p) => p.field));
    throw invalid([...error.fields, ...[...signerNameProblems(raw), ...declarationDateProblems(raw, today)].filter((p) => !named.has(p.field))]);
  }
  return { input, content: normalizeDeclaration(input, today) };
}

/**
 * The values checked as the API would check them, or their problems by field (a refusal of anything
 * but the values is rethrown).
 */
export function checkedOrProblems(values: DeclarationFormValues, today: string): { checked: ReturnType<typeof checkDeclaration>; problems: null } | { checked: null; problems: FormProblems } {
  try {
    return { checked: checkDeclaration(values, today), problems: null };
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'validation') return { checked: null, problems: problemsOf(error) };
    throw error;
  }
}

/** A field's value compared as it would be saved: text trimmed, a date as typed on a phone read as one, a list in any order. */
const comparable = (field: PublishableField, value: string | string[]) =>
  Array.isArray(value) ? JSON.stringify([...value].sort()) : field === 'committedOn' || field === 'sharedOn' ? normalizeDateInput(value) : value.trim();

/** The publishable fields where the saved content differs from the form's values. */
export const differingFields = (saved: DeclarationContent, typed: DeclarationFormValues): PublishableField[] => {
  const stored = valuesOfContent(saved);
  return PUBLISHABLE_FIELDS.filter((f) => comparable(f, stored[f]) !== comparable(f, typed[f]));
};

export interface FormProblems {
  byField: Partial<Record<FormField, Bilingual[]>>;
  /** Problems that belong to no single field (shown in the summary only). */
  general: Bilingual[];
}

/**
 * A validation error's problems, by form field, without the pointer the API puts before them; the
 * fields in the form's order (the error summary lists them so), whichever rule found each.
 */
export function problemsOf(error: DomainError): FormProblems {
  const byField: FormProblems['byField'] = {};
  const general: Bilingual[] = [];
  for (const problem of error.fields) {
    const name = problem.field.split('/')[1] as FormField | undefined;
    const strip = (message: string) => message.replace(new RegExp(`^${escapeRegExp(problem.field)}:\\s*`), '');
    const message = { ja: strip(problem.ja), en: strip(problem.en) };
    if (name && FORM_FIELDS.includes(name)) (byField[name] ??= []).push(message);
    else general.push(message);
  }
  return { byField: Object.fromEntries(FORM_FIELDS.flatMap((f) => (byField[f] ? [[f, byField[f]]] : []))), general };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

