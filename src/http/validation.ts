import { Validator, type OutputUnit } from '@cfworker/json-schema';
import { invalid, type FieldProblem } from '../domain/errors.js';
import { unreadableText } from '../domain/readable-text.js';
import organization from '../../schemas/organization.schema.json';
import declaration from '../../schemas/declaration.schema.json';
import declarationAction from '../../schemas/declaration-action.schema.json';
import award from '../../schemas/award.schema.json';
import awardCode from '../../schemas/award-code.schema.json';
import token from '../../schemas/token.schema.json';
import verifyCredential from '../../schemas/verify-credential.schema.json';
import verifyPresentation from '../../schemas/verify-presentation.schema.json';
import issueCredential from '../../schemas/issue-credential.schema.json';
import updateStatus from '../../schemas/update-status.schema.json';
import partner from '../../schemas/partner.schema.json';
import webhook from '../../schemas/webhook.schema.json';
import lookup from '../../schemas/lookup.schema.json';
import invitation from '../../schemas/invitation.schema.json';
import partnerDeactivation from '../../schemas/partner-deactivation.schema.json';

/** Request body schemas, kept in schemas/ so the API documentation is generated from the same files. */
export const SCHEMAS = { organization, declaration, declarationAction, award, awardCode, token, verifyCredential, verifyPresentation, issueCredential, updateStatus, partner, partnerDeactivation, webhook, lookup, invitation } as const;
export type SchemaName = keyof typeof SCHEMAS;

/**
 * The same schema without "maxLength", and the smallest maxLength it had. @cfworker/json-schema
 * counts code points for every length check, one character at a time: 18 µs for a 13 KB vc+jwt
 * under a limit of 200,000. A body whose strings are all no longer (in UTF-16 units, never fewer
 * than code points) than every limit passes every maxLength, so the lighter validator gives the
 * same answer.
 */
function withoutMaxLength(schema: unknown): { schema: unknown; shortest: number } {
  let shortest = Infinity;
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'maxLength' && typeof value === 'number') shortest = Math.min(shortest, value);
      else out[key] = strip(value);
    }
    return out;
  };
  return { schema: strip(schema), shortest };
}

// @cfworker/json-schema interprets schemas without code generation, so it also runs on Workers (no eval).
const validatorOf = (schema: unknown) => new Validator(schema as object, '2020-12', false);
const validators = Object.fromEntries(
  Object.entries(SCHEMAS).map(([name, schema]) => {
    const { schema: lengthFree, shortest } = withoutMaxLength(schema);
    return [name, { full: validatorOf(schema), lengthFree: validatorOf(lengthFree), shortest }];
  }),
) as Record<SchemaName, { full: Validator; lengthFree: Validator; shortest: number }>;

/**
 * What is wrong, said to a person in both languages, for every kind of error the schemas can
 * raise; the validator's own English ("Instance does not have required property …") is for
 * programmers and is never shown. Worded to follow the field's name ("/name: …", "名称: …"), as
 * the API and the forms' summaries put it, and to stand alone beside a form's field. Limits name the limit and what was sent (「100文字以内で入力して
 * ください（今は10000文字）。」 rather than 「長すぎます。」), read from the validator's message.
 */
function schemaReason(unit: OutputUnit): { ja: string; en: string } {
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

/** "#/a/0/b" → "/a/0/b", naming the property itself for required and additionalProperties errors. */
function fieldOf(unit: OutputUnit): string {
  const base = unit.instanceLocation.replace(/^#/, '');
  const named = /"([^"]+)"/.exec(unit.error);
  if ((unit.keyword === 'required' || unit.keyword === 'additionalProperties' || unit.keyword === 'properties') && named) {
    return `${base}/${named[1]}`;
  }
  return base || '/';
}

/** Leaf errors only: the composite "properties"/"items" summaries repeat them. */
const isLeaf = (unit: OutputUnit) => !['properties', 'items', 'allOf', 'anyOf', '$ref', 'unevaluatedProperties', 'false'].includes(unit.keyword);

/**
 * Whether a string holds an unpaired UTF-16 surrogate (not valid Unicode text). Native
 * (ES2024): constant time for a string of one-byte characters, and about half the time of the
 * /[\uD800-\uDFFF]/u test it replaced over a credential's strings (measured, Node 20).
 */
const hasLoneSurrogate = (text: string) => !text.isWellFormed();

/** The problems `check` finds in every string of a parsed body, each named by its JSON Pointer. */
function stringProblems(value: unknown, check: (text: string, field: string) => FieldProblem | null, pointer = ''): FieldProblem[] {
  if (typeof value === 'string') {
    const found = check(value, pointer || '/');
    return found ? [found] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => stringProblems(item, check, `${pointer}/${i}`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => stringProblems(item, check, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return [];
}

const unpairedSurrogate = (text: string, field: string): FieldProblem | null =>
  hasLoneSurrogate(text) ? { field, ja: `${field}: 不正な文字（対になっていないサロゲート）が含まれています。`, en: `${field}: contains an unpaired surrogate, which is not valid Unicode text.` } : null;

/** Bodies that become the registry's own records, read by people (names, texts, reasons); not those it verifies, signs or searches by. */
const RECORD_SCHEMAS: ReadonlySet<SchemaName> = new Set(['organization', 'declaration', 'declarationAction', 'award', 'awardCode', 'token', 'partner', 'webhook', 'invitation']);
/** No legitimate body nests deeper than this; checked without recursion so nothing overflows. */
const MAX_DEPTH = 64;
/**
 * One walk over a parsed body, allocating nothing per value: its depth, its longest string (values
 * and property names, for the maxLength shortcut), and whether a value holds a lone surrogate.
 * Iterative, so that no nesting can overflow the stack before the depth limit refuses it.
 */
function shapeOf(value: unknown): { tooDeep: boolean; longestString: number; loneSurrogate: boolean } {
  let longestString = 0;
  let loneSurrogate = false;
  const items: unknown[] = [value];
  const depths: number[] = [0];
  while (items.length > 0) {
    const item = items.pop();
    const depth = depths.pop()!;
    if (typeof item === 'string') {
      if (item.length > longestString) longestString = item.length;
      if (!loneSurrogate && hasLoneSurrogate(item)) loneSurrogate = true;
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (depth >= MAX_DEPTH) return { tooDeep: true, longestString, loneSurrogate };
    if (Array.isArray(item)) {
      for (const child of item) {
        items.push(child);
        depths.push(depth + 1);
      }
      continue;
    }
    for (const key of Object.keys(item)) {
      if (key.length > longestString) longestString = key.length;
      items.push((item as Record<string, unknown>)[key]);
      depths.push(depth + 1);
    }
  }
  return { tooDeep: false, longestString, loneSurrogate };
}

/** Validates a parsed body; throws one validation error naming every failing field. */
export function validateBody<T>(name: SchemaName, body: unknown): T {
  const { tooDeep, longestString, loneSurrogate } = shapeOf(body);
  if (tooDeep) throw invalid([{ field: '/', ja: 'リクエスト本文の構造が深すぎます。', en: `The request body is nested deeper than ${MAX_DEPTH} levels.` }]);
  const { full, lengthFree, shortest } = validators[name];
  let result;
  try {
    result = (longestString <= shortest ? lengthFree : full).validate(body);
  } catch {
    throw invalid([{ field: '/', ja: 'リクエスト本文の構造が複雑すぎます。', en: 'The request body is nested too deeply.' }]);
  }
  if (result.valid) {
    // JSON text may escape a lone surrogate ("\ud800"); it cannot be stored as UTF-8 without being altered.
    if (loneSurrogate) throw invalid(stringProblems(body, unpairedSurrogate).slice(0, 50));
    const unreadable = RECORD_SCHEMAS.has(name) ? stringProblems(body, unreadableText) : [];
    if (unreadable.length > 0) throw invalid(unreadable.slice(0, 50));
    return body as T;
  }
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const unit of result.errors.filter(isLeaf)) {
    const field = fieldOf(unit);
    const key = `${field}|${unit.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const reason = schemaReason(unit);
    problems.push({ field, ja: `${field}: ${reason.ja}`, en: `${field}: ${reason.en}` });
  }
  if (problems.length === 0) problems.push({ field: '/', ja: 'リクエスト本文が正しくありません。', en: 'The request body is invalid.' });
  throw invalid(problems.slice(0, 50));
}
