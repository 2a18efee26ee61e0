import type { OutputUnit } from '@cfworker/json-schema';

/**
 * What is wrong, said to a person in both languages, for every kind of error the schemas can
 * raise; the validator's own English ("Instance does not have required property …") is for
 * programmers and is never shown. Worded to follow the field's name ("/name: …", "名称: …"), as
 * the API and the forms' summaries put it, and to stand alone beside a form's field. Limits name the limit and what was sent (「100文字以内で入力して
 * ください（今は10000文字）。」 rather than 「長すぎます。」), read from the validator's message.
 */
export function schemaReason(unit: OutputUnit): { ja: string; en: string } {
  const counts = /\((\d+) [<>] (\d+)\)/.exec(unit.error);
  const [actual, limit] = counts ? [Number(counts[1]), Number(counts[2])] : [NaN, NaN];
  // "5 is less than 10." / "5 is greater than or equal to  10." (minimum, maximum and their exclusive forms)
  const bound = /^(\S+) is (?:less|greater) than (or equal to )?\s*(\S+)\.$/.exec(unit.error);
  const [value, exclusive, edge] = bound ? [bound[1], Boolean(bound[2]) || unit.keyword.startsWith('exclusive'), bound[3]] : ['', false, ''];
  switch (unit.keyword) {
    case 'required':
      return { ja: '入力してください（必須項目です）。', en: 'required; please fill it in.' };
    case 'maxLength':
      if (counts) return { ja: `${limit}文字以内で入力してください（今は${actual}文字）。`, en: `must be at most ${limit} characters (now ${actual}).` };
      return { ja: '長すぎます。短くしてください。', en: 'too long; please shorten it.' };
    case 'minLength':
      if (counts && limit > 1) return { ja: `${limit}文字以上で入力してください（今は${actual}文字）。`, en: `must be at least ${limit} characters (now ${actual}).` };
      return { ja: '入力してください（空にはできません）。', en: 'must not be empty.' };
    case 'minItems':
      if (counts) return { ja: `${limit}つ以上選んでください。`, en: `choose at least ${limit} (now ${actual}).` };
      return { ja: '選んでください。', en: 'choose at least one.' };
    case 'maxItems':
      if (counts) return { ja: `${limit}つまでにしてください（今は${actual}つ）。`, en: `choose at most ${limit} (now ${actual}).` };
      return { ja: '選ぶ数を減らしてください。', en: 'choose fewer.' };
    case 'minimum':
    case 'exclusiveMinimum':
      if (bound) return exclusive ? { ja: `${edge}より大きい値にしてください（今は${value}）。`, en: `must be greater than ${edge} (now ${value}).` } : { ja: `${edge}以上の値にしてください（今は${value}）。`, en: `must be at least ${edge} (now ${value}).` };
      return { ja: '値が小さすぎます。', en: 'too small.' };
    case 'maximum':
    case 'exclusiveMaximum':
      if (bound) return exclusive ? { ja: `${edge}より小さい値にしてください（今は${value}）。`, en: `must be less than ${edge} (now ${value}).` } : { ja: `${edge}以下の値にしてください（今は${value}）。`, en: `must be at most ${edge} (now ${value}).` };
      return { ja: '値が大きすぎます。', en: 'too large.' };
    case 'multipleOf':
      return { ja: '指定できない値です（刻みが合っていません）。', en: 'not an allowed step of value.' };
    case 'enum':
    case 'const':
      return { ja: '選べる値ではありません。選択肢から選んでください。', en: 'not one of the allowed choices; please choose one of them.' };
    case 'pattern':
      return { ja: '形式が正しくありません。入力の例に合わせてください。', en: 'not in the expected form; please follow the example.' };
    case 'format':
      return formatReason(/format "([^"]+)"/.exec(unit.error)?.[1] ?? '');
    case 'type':
      return typeReason(/Expected "([^"]+)"/.exec(unit.error)?.[1] ?? '');
    case 'uniqueItems':
      return { ja: '同じ値が重複しています。1つにしてください。', en: 'the same value more than once; please keep one.' };
    case 'additionalProperties':
      return { ja: '定義されていない項目です。送らないでください。', en: 'not a known field here; please leave it out.' };
    default:
      return { ja: '値が正しくありません。', en: 'not a valid value.' };
  }
}

/** The most choices an API answer lists; a longer list ends in "…" (the API documentation has them all). */
export const MAX_NAMED_CHOICES = 20;

/**
 * For an API caller, an enum's or const's refusal naming the values it takes ("must be one of:
 * declaration.published, …"), read from `schema` at the error's keyword location, so the list is
 * the schema's whatever words the validator uses; null when the location leads to no list. Without
 * a schema (a unit made by hand) the list the validator's message quotes. Not for the forms: their
 * choices are labels, and the values are internal codes.
 */
export function choicesReason(unit: OutputUnit, schema?: unknown): { ja: string; en: string } | null {
  if (unit.keyword !== 'enum' && unit.keyword !== 'const') return null;
  const choices = schema === undefined ? quotedChoices(unit.error) : atKeywordLocation(schema, unit.keywordLocation);
  const values = unit.keyword === 'const' ? [choices] : Array.isArray(choices) ? choices : null;
  if (!values || values.length === 0 || values.includes(undefined)) return null;
  const named = values.slice(0, MAX_NAMED_CHOICES).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  const list = `${named.join(', ')}${values.length > MAX_NAMED_CHOICES ? ', …' : ''}`;
  return values.length === 1
    ? { ja: `${list} を指定してください。`, en: `must be ${list}.` }
    : { ja: `次のいずれかを指定してください：${list}。`, en: `must be one of: ${list}.` };
}

/** The pattern every date field of the schemas has (committedOn, sharedOn, awardedOn…): YYYY-MM-DD. */
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/**
 * A date field's pattern refused: says the form a date takes (例: 2026-04-01), as a `format: date`
 * refusal does, instead of "follow the example" beside a field that shows none (a date typed as
 * 「令和7年4月1日」 or 2025年4月1日). Null for any other refusal.
 */
export function datePatternReason(unit: OutputUnit, schema: unknown): { ja: string; en: string } | null {
  if (unit.keyword !== 'pattern' || atKeywordLocation(schema, unit.keywordLocation) !== DATE_PATTERN) return null;
  return formatReason('date');
}

/** The JSON the validator's message quotes ("Instance does not match any of [...]."); undefined when unreadable. */
function quotedChoices(error: string): unknown {
  const listed = /^Instance does not match (?:any of )?(.*)\.$/s.exec(error);
  if (!listed) return undefined;
  try {
    return JSON.parse(listed[1]!);
  } catch {
    return undefined;
  }
}

/**
 * What a validator's keyword location ("#/properties/events/items/enum") names in `schema`.
 * Each step is a JSON Pointer token as @cfworker/json-schema writes it (escaped, then URI-encoded);
 * a "$ref" step continues at the schema the reference names in the same document ("#/$defs/…",
 * or the schema's own $id with that fragment). Undefined when a step leads nowhere (another
 * document, an anchor: the schemas here use neither).
 */
export function atKeywordLocation(schema: unknown, location: string): unknown {
  return location.startsWith('#') ? walk(schema, schema, location.slice(1), true) : undefined;
}

/** Follows a JSON Pointer from `node`; "$ref" steps only when `followRefs` (a reference's own pointer is plain). */
function walk(root: unknown, node: unknown, pointer: string, followRefs: boolean): unknown {
  if (pointer === '') return node;
  if (!pointer.startsWith('/')) return undefined;
  for (const encoded of pointer.slice(1).split('/')) {
    if (node === null || typeof node !== 'object') return undefined;
    const step = pointerToken(encoded);
    if (step === undefined) return undefined;
    const here = node as Record<string, unknown>;
    const value = Object.hasOwn(here, step) ? here[step] : undefined;
    node = followRefs && step === '$ref' && typeof value === 'string' ? referenced(root, value) : value;
  }
  return node;
}

function pointerToken(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded).replace(/~1/g, '/').replace(/~0/g, '~');
  } catch {
    return undefined;
  }
}

/** The schema a reference names within the same document; undefined for any other document or an anchor. */
function referenced(root: unknown, ref: string): unknown {
  const id = root !== null && typeof root === 'object' ? (root as { $id?: unknown }).$id : undefined;
  const hash = ref.indexOf('#');
  const document = hash === -1 ? ref : ref.slice(0, hash);
  if (document !== '' && document !== id) return undefined;
  return walk(root, root, hash === -1 ? '' : ref.slice(hash + 1), false);
}

const FORMAT_EXAMPLES: Record<string, { ja: string; en: string }> = {
  date: { ja: '日付（例: 2026-04-01）', en: 'a date such as 2026-04-01' },
  'date-time': { ja: '日時（例: 2026-04-01T09:00:00Z）', en: 'a date and time such as 2026-04-01T09:00:00Z' },
  email: { ja: 'メールアドレス（例: tanaka@example.lg.jp）', en: 'an e-mail address such as tanaka@example.lg.jp' },
  uri: { ja: 'URL（例: https://example.jp/）', en: 'a URL such as https://example.jp/' },
  uuid: { ja: 'UUID（例: 123e4567-e89b-12d3-a456-426614174000）', en: 'a UUID such as 123e4567-e89b-12d3-a456-426614174000' },
};

function formatReason(format: string): { ja: string; en: string } {
  const example = FORMAT_EXAMPLES[format];
  return example ? { ja: `${example.ja}の形式で入力してください。`, en: `must be ${example.en}.` } : { ja: '形式が正しくありません。', en: 'not in the expected form.' };
}

const TYPE_NAMES: Record<string, { ja: string; en: string }> = {
  string: { ja: '文字列', en: 'text' },
  number: { ja: '数値', en: 'a number' },
  integer: { ja: '整数', en: 'a whole number' },
  boolean: { ja: '真偽値（true / false）', en: 'true or false' },
  array: { ja: '配列（リスト）', en: 'a list' },
  object: { ja: 'オブジェクト', en: 'an object' },
  null: { ja: 'null', en: 'null' },
};

function typeReason(expected: string): { ja: string; en: string } {
  const names = expected.split('", "').map((t) => TYPE_NAMES[t]).filter((t) => t !== undefined);
  if (names.length === 0) return { ja: '値の種類が正しくありません。', en: 'not the expected kind of value.' };
  return { ja: `${names.map((n) => n.ja).join('または')}で指定してください。`, en: `must be ${names.map((n) => n.en).join(' or ')}.` };
}
