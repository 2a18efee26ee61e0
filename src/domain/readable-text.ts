import type { FieldProblem } from './errors.js';

/** C0 and C1 controls other than tab, line feed and carriage return: they show as nothing, or break CSV lines and mail headers. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Bidirectional embeddings, overrides and isolates: U+202E shows "ten.elpmaxe" as "example.net", a name that reads as another. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
/** A character someone can see: not a space, a control or a format character (zero-width space, BOM…). */
const VISIBLE = /[^\s\p{Cc}\p{Cf}\p{Z}]/u;

/** The texts of records that may run over several lines; every other string of a record is one line (a name, an address, a code). */
const MULTILINE_FIELDS: ReadonlySet<string> = new Set(['policy', 'measures', 'overview', 'message', 'reason', 'note']);

/**
 * A record's string with a control character, a line break where one line belongs (a name split
 * over lines breaks an e-mail's greeting and a spreadsheet's row), or with nothing visible in it
 * (an empty one is the schema's business).
 */
export function unreadableText(text: string, field: string): FieldProblem | null {
  if (CONTROL.test(text)) return { field, ja: `${field}: 制御文字は使えません。`, en: `${field}: contains a control character.` };
  if (BIDI_CONTROL.test(text)) return { field, ja: `${field}: 文字の向きを変える制御文字（U+202E など）は使えません。`, en: `${field}: contains a bidirectional control character (such as U+202E), which can make it read as something else.` };
  if (/[\r\n]/.test(text) && !MULTILINE_FIELDS.has(field.slice(field.lastIndexOf('/') + 1))) {
    return { field, ja: `${field}: 改行は入力できません（1行で入力してください）。`, en: `${field}: must be one line (no line breaks).` };
  }
  // All spaces too: the records trim their texts, and " " or "　" alone became an empty name that was signed.
  if (text !== '' && !VISIBLE.test(text)) return { field, ja: `${field}: 空白や見えない文字だけの値は入力できません。`, en: `${field}: has no visible character (only spaces or invisible ones).` };
  return null;
}
