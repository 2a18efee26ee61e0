import { Validator, type OutputUnit } from '@cfworker/json-schema';
import { invalid, type FieldProblem } from '../domain/errors.js';
import { unreadableText } from '../domain/readable-text.js';
import { choicesReason, datePatternReason, schemaReason } from './schema-reasons.js';
import organization from '../../schemas/organization.schema.json';
import declaration from '../../schemas/declaration.schema.json';
import declarationAction from '../../schemas/declaration-action.schema.json';
import award from '../../schemas/award.schema.json';
import awardCode from '../../schemas/award-code.schema.json';
import awardCorrection from '../../schemas/award-correction.schema.json';
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
export const SCHEMAS = { organization, declaration, declarationAction, award, awardCorrection, awardCode, token, verifyCredential, verifyPresentation, issueCredential, updateStatus, partner, partnerDeactivation, webhook, lookup, invitation } as const;
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
const RECORD_SCHEMAS: ReadonlySet<SchemaName> = new Set(['organization', 'declaration', 'declarationAction', 'award', 'awardCorrection', 'awardCode', 'token', 'partner', 'webhook', 'invitation']);
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

/**
 * Validates a parsed body; throws one validation error naming every failing field. `nameChoices`:
 * a value outside a list names the values the field takes (for the API; a form offers its
 * choices by their labels, and keeps its own words).
 */
export function validateBody<T>(name: SchemaName, body: unknown, { nameChoices = false }: { nameChoices?: boolean } = {}): T {
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
    const reason = (nameChoices ? choicesReason(unit, SCHEMAS[name]) : null) ?? datePatternReason(unit, SCHEMAS[name]) ?? schemaReason(unit);
    problems.push({ field, ja: `${field}: ${reason.ja}`, en: `${field}: ${reason.en}` });
  }
  if (problems.length === 0) problems.push({ field: '/', ja: 'リクエスト本文が正しくありません。', en: 'The request body is invalid.' });
  throw invalid(problems.slice(0, 50));
}
