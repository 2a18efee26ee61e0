import type { FieldProblem } from '../errors.js';
import { unreadableReason } from '../readable-text.js';

/** What a person types about themselves when they join: their name and, optionally, an e-mail address. */
export interface PersonInput {
  name: string;
  email: string | null;
}

export const MAX_NAME_LENGTH = 100;
export const MAX_EMAIL_LENGTH = 254;

/**
 * Deliberately loose (one @, a dot in the domain, no spaces): the address is only used to write to.
 * No control character either (\s misses most of them): it would land in a mail's To header as it is.
 */
const EMAIL = /^[^\s\x00-\x1f\x7f@<>()[\]\\,;:"]+@[^\s\x00-\x1f\x7f@<>()[\]\\,;:"]+\.[^\s\x00-\x1f\x7f@<>()[\]\\,;:".]+$/;
/** Control characters (and the line and paragraph separators, the BOM and the invisible tag characters) never belong in a name. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\uFEFF\u{E0000}-\u{E007F}]/u;

/**
 * A trimmed address, or null for none; a problem for `field` when it is not one. Typed with a
 * Japanese input method on, an address comes in full width (ｔａｎａｋａ＠ｅｘａｍｐｌｅ．ｊｐ): NFKC
 * makes it the half-width address meant, as 法人番号 are read.
 */
export function checkEmail(raw: unknown, field: string): { value: string | null; problems: FieldProblem[] } {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return { value: null, problems: [] };
  const typed = typeof raw === 'string' ? raw.trim() : '';
  const value = typed.isWellFormed() ? typed.normalize('NFKC').trim() : typed;
  const length = [...value].length;
  if (length > MAX_EMAIL_LENGTH) {
    // Told as a length, not as a wrong form: the address may well be one, only too long to send to.
    return {
      value: null,
      problems: [{ field, ja: `メールアドレスは${MAX_EMAIL_LENGTH}文字以内で入力してください（今は${length}文字）。`, en: `The e-mail address can be at most ${MAX_EMAIL_LENGTH} characters (now ${length}).` }],
    };
  }
  if (!EMAIL.test(value) || !value.isWellFormed()) {
    return {
      value: null,
      problems: [
        value.isWellFormed() && /[^\x20-\x7e]/.test(value)
          ? { field, ja: 'メールアドレスは半角の英数字と記号で入力してください（例: tanaka@example.lg.jp）。', en: 'Enter the e-mail address in ASCII letters, digits and symbols, such as tanaka@example.lg.jp.' }
          : { field, ja: 'メールアドレスの形式が正しくありません（例: tanaka@example.lg.jp）。', en: 'Enter an e-mail address such as tanaka@example.lg.jp.' },
      ],
    };
  }
  return { value, problems: [] };
}

/**
 * Whose name the messages speak of: the person's own (joining), or the one an administrator invites
 * (「お名前」 / "your name" would address the administrator typing someone else's).
 */
const NAME_WORDS = {
  own: { ja: 'お名前', en: 'your name', En: 'Your name' },
  invitee: { ja: '招待する人の名前', en: 'the name of the person to invite', En: "The invited person's name" },
} as const;

/** The name and e-mail of a person joining (or invited: `whose`), trimmed; problems named by `fields`. */
export function checkPerson(
  raw: { name?: unknown; email?: unknown },
  fields = { name: '/name', email: '/email' },
  whose: keyof typeof NAME_WORDS = 'own',
): { person: PersonInput | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const words = NAME_WORDS[whose];
  const name = typeof raw.name === 'string' ? raw.name.trim() : '';
  if (name === '') problems.push({ field: fields.name, ja: `${words.ja}を入力してください。`, en: `Enter ${words.en}.` });
  else if ([...name].length > MAX_NAME_LENGTH) {
    const length = [...name].length;
    problems.push({ field: fields.name, ja: `${words.ja}は${MAX_NAME_LENGTH}文字以内で入力してください（今は${length}文字）。`, en: `${words.En} can be at most ${MAX_NAME_LENGTH} characters (now ${length}).` });
  }
  else if (CONTROL.test(name) || !name.isWellFormed()) problems.push({ field: fields.name, ja: `${words.ja}に使えない文字が含まれています。`, en: `${words.En} contains characters that cannot be used.` });
  else {
    // As every other name in the registry: zero-width characters alone, or a U+202E that reverses it, listed an invitation and greeted a person as nobody.
    const unreadable = unreadableReason(name, fields.name);
    if (unreadable) problems.push({ field: fields.name, ja: `${words.ja}: ${unreadable.ja}`, en: `${words.En} ${unreadable.en}` });
  }
  const email = checkEmail(raw.email, fields.email);
  problems.push(...email.problems);
  return { person: problems.length === 0 ? { name, email: email.value } : null, problems };
}
