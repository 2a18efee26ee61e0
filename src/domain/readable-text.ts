import type { FieldProblem } from './errors.js';

/** C0 and C1 controls other than tab, line feed and carriage return (a tab is refused where one line belongs): they show as nothing, or break CSV lines and mail headers. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Bidirectional embeddings, overrides and isolates: U+202E shows "ten.elpmaxe" as "example.net", a name that reads as another. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
/** Unicode tag characters: invisible, yet carried along (text hidden inside a name that looks plain). */
const TAG = /[\u{E0000}-\u{E007F}]/u;
/** The byte order mark (U+FEFF, also the deprecated zero-width no-break space): a file's artifact pasted in, invisible. */
const BOM = /\uFEFF/;
/** The line and paragraph separators: line breaks to a browser, mail or CSV reader, though not \n. */
const SEPARATOR = /[\u2028\u2029]/;
/** A character someone can see: not a space, a control or a format character (zero-width space, BOM…). */
const VISIBLE = /[^\s\p{Cc}\p{Cf}\p{Z}]/u;

/** The texts of records that may run over several lines; every other string of a record is one line (a name, an address, a code). */
export const MULTILINE_FIELDS: ReadonlySet<string> = new Set(['policy', 'measures', 'overview', 'message', 'reason', 'note']);

/** What is wrong with a text, in words, without naming its field. */
export interface Unreadable {
  ja: string;
  en: string;
}

/**
 * What makes a record's string unreadable, if anything: a control character, a line break where
 * one line belongs (a name split over lines breaks an e-mail's greeting and a spreadsheet's row),
 * or nothing visible in it (an empty one is the schema's business). `field` is its JSON pointer.
 */
export function unreadableReason(text: string, field: string): Unreadable | null {
  if (CONTROL.test(text)) return { ja: '制御文字は使えません。', en: 'contains a control character.' };
  if (BIDI_CONTROL.test(text)) return { ja: '文字の向きを変える制御文字（U+202E など）は使えません。', en: 'contains a bidirectional control character (such as U+202E), which can make it read as something else.' };
  if (TAG.test(text)) return { ja: '見えない文字（タグ文字 U+E0000〜U+E007F）は使えません。', en: 'contains invisible tag characters (U+E0000 to U+E007F).' };
  if (BOM.test(text)) return { ja: '見えない文字（BOM、U+FEFF）は使えません。', en: 'contains an invisible byte order mark (U+FEFF).' };
  if (!MULTILINE_FIELDS.has(field.slice(field.lastIndexOf('/') + 1))) {
    if (/[\r\n]/.test(text)) return { ja: '改行は入力できません（1行で入力してください）。', en: 'must be one line (no line breaks).' };
    if (SEPARATOR.test(text)) return { ja: '改行にあたる文字（U+2028・U+2029）は入力できません（1行で入力してください）。', en: 'must be one line (no line or paragraph separator, U+2028 or U+2029).' };
    if (text.includes('\t')) return { ja: 'タブ文字は入力できません（空白を使ってください）。', en: 'must not contain a tab (use a space).' };
  }
  // All spaces too: the records trim their texts, and " " or "　" alone became an empty name that was signed.
  if (text !== '' && !VISIBLE.test(text)) return { ja: '空白や見えない文字だけの値は入力できません。', en: 'has no visible character (only spaces or invisible ones).' };
  return null;
}

/**
 * unreadableReason as a field's problem, its message led by `name`: the JSON pointer for API
 * clients, or what a form calls the field (停止の理由, Note…) where a person reads it.
 */
export function unreadableText(text: string, field: string, name: Unreadable = { ja: field, en: field }): FieldProblem | null {
  const reason = unreadableReason(text, field);
  return reason ? { field, ja: `${name.ja}: ${reason.ja}`, en: `${name.en}: ${reason.en}` } : null;
}

/** CR LF and a lone CR as \n: one character a line break, as a person counts it and as the registry stores it (a textarea sends CR LF). */
export const lineBreaksAsLf = (text: string): string => text.replace(/\r\n?/g, '\n');
