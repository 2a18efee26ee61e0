import { isPageCursor } from '../domain/cursor.js';
import type { Context } from 'hono';
import { invalid, unauthenticated, type FieldProblem } from '../domain/errors.js';
import { textDecoders } from '../domain/encoding.js';
import { readBodyBytes } from './body.js';
import { malformedJson, unsupportedMediaType } from './problem.js';
import { validateBody, type SchemaName } from './validation.js';
import type { AppEnv } from './env.js';
import { lineBreaksAsLf, MULTILINE_FIELDS } from '../domain/readable-text.js';

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads (stopping at MAX_BODY_BYTES: 413) and parses a JSON body (any shape). */
export async function readJsonValue(c: Context<AppEnv>): Promise<unknown> {
  const bytes = await readBodyBytes(c, MAX_BODY_BYTES);
  try {
    return JSON.parse(textDecoders.utf8Strict(bytes));
  } catch {
    // JSON under any Content-Type is read (curl -d sends a form type); what is not JSON is named
    // by its media type when that type is not JSON or text, so the client fixes the right thing.
    const sent = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase().slice(0, 100);
    if (sent !== '' && !/^application\/(?:[\w.+-]+\+)?json$/.test(sent) && !sent.startsWith('text/')) {
      if (c.req.method === 'POST') c.header('Accept-Post', 'application/json');
      throw unsupportedMediaType(sent);
    }
    throw malformedJson();
  }
}

/**
 * Reads, size-checks, parses and schema-validates a JSON body; its free texts' line breaks are
 * taken as \n before the schema counts their length (textsWithLf).
 */
export async function readJson<T>(c: Context<AppEnv>, schema: SchemaName): Promise<T> {
  return validateBody<T>(schema, textsWithLf(await readJsonValue(c)), { nameChoices: true });
}

/** An action body is optional: an empty body means {}. Otherwise read as readJson reads one. */
export async function readOptionalJson<T>(c: Context<AppEnv>, schema: SchemaName): Promise<T> {
  const length = c.req.header('content-length');
  if (length === '0' || (!length && !c.req.header('transfer-encoding'))) return validateBody<T>(schema, {}, { nameChoices: true });
  return validateBody<T>(schema, textsWithLf(await readJsonValue(c)), { nameChoices: true });
}

/**
 * A lifecycle action's body (a declaration's or an award's: suspend, revoke, return…), its reason
 * and note with their line breaks as \n, so a note is counted, taken or refused, and stored as the
 * back office's forms do it.
 */
export const readActionJson = <T>(c: Context<AppEnv>) => readOptionalJson<T>(c, 'declarationAction');

/**
 * The body with its free texts' (MULTILINE_FIELDS: policy, measures, overview, message, reason,
 * note) CR LF and lone CR as \n: one character each, as a person counts a line break and as the
 * forms store it (a textarea sends CR LF). A client that posts what a Windows textarea or an Excel
 * cell gave it stores the same text as the form, and meets the same limit.
 */
function textsWithLf(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const out: Record<string, unknown> = { ...body };
  for (const field of MULTILINE_FIELDS) {
    const text = out[field];
    if (typeof text === 'string') out[field] = lineBreaksAsLf(text);
  }
  return out;
}

export function requireSignedIn(c: Context<AppEnv>) {
  if (c.var.actor.role === 'public') throw unauthenticated();
  return c.var.ctx;
}

/** Typed query parameters with one 400 naming every bad parameter. */
export function parseQuery(c: Context<AppEnv>) {
  const problems: FieldProblem[] = [];
  const get = (name: string) => {
    // Every parameter takes one value: a second one would otherwise be dropped without a word
    // (?status=published&status=suspended would answer for published alone).
    const values = c.req.queries(name) ?? [];
    if (values.length > 1) {
      problems.push({ field: name, ja: `クエリ ${name} は1回だけ指定してください。`, en: `Query parameter ${name} must be given once.` });
      return undefined;
    }
    const value = values[0];
    return value === undefined || value === '' ? undefined : value;
  };
  const api = {
    string(name: string, { max = 200, pattern }: { max?: number; pattern?: RegExp } = {}) {
      const value = get(name);
      if (value === undefined) return undefined;
      // Characters as a person counts them and as the documented maxLength does (𠮷 is one).
      const length = [...value].length;
      if (length > max) {
        problems.push({ field: name, ja: `クエリ ${name} は${max}文字以内で指定してください（今は${length}文字）。`, en: `Query parameter ${name} can be at most ${max} characters (now ${length}).` });
        return undefined;
      }
      if (pattern && !pattern.test(value)) {
        problems.push({ field: name, ja: `クエリ ${name} の値が正しくありません。`, en: `Query parameter ${name} is invalid.` });
        return undefined;
      }
      return value;
    },
    int(name: string, { min, max }: { min: number; max: number }) {
      const value = get(name);
      if (value === undefined) return undefined;
      const n = Number(value);
      if (!/^-?\d+$/.test(value) || n < min || n > max) {
        problems.push({ field: name, ja: `クエリ ${name} は ${min}〜${max} の整数です。`, en: `Query parameter ${name} must be an integer from ${min} to ${max}.` });
        return undefined;
      }
      return n;
    },
    oneOf<T extends string>(name: string, allowed: readonly T[]) {
      const value = get(name);
      if (value === undefined) return undefined;
      if (!allowed.includes(value as T)) {
        problems.push({ field: name, ja: `クエリ ${name} は ${allowed.join(', ')} のいずれかです。`, en: `Query parameter ${name} must be one of ${allowed.join(', ')}.` });
        return undefined;
      }
      return value as T;
    },
    page() {
      const cursor = api.string('cursor', { max: 200 }) ?? null;
      if (cursor !== null && !isPageCursor(cursor)) {
        problems.push({ field: 'cursor', ja: 'クエリ cursor には前のページの nextCursor をそのまま指定してください。', en: 'Query parameter cursor must be the nextCursor of a previous page, unchanged.' });
      }
      return { cursor, limit: api.int('limit', { min: 1, max: 100 }) ?? 20 };
    },
    /** Call after reading every parameter. */
    done() {
      if (problems.length > 0) throw invalid(problems);
    },
  };
  return api;
}

/** ETag of a versioned record. */
export const etagOf = (rowVersion: number) => `"${rowVersion}"`;
/**
 * The versions an If-Match names (RFC 9110 §13.1.1: a list, any one matching), or undefined for
 * none or "*" (the record exists, or the answer is 404 anyway). W/"n" is taken as "n" on purpose:
 * some proxies weaken ETags on the way back. A tag that is not one of ours names no version, so
 * a header of only such tags is stale.
 */
export function ifMatchOf(c: Context<AppEnv>): readonly number[] | undefined {
  const header = c.req.header('if-match');
  if (!header || header.trim() === '*') return undefined;
  return header.split(',').flatMap((tag) => {
    const match = /^(?:W\/)?"(\d+)"$/.exec(tag.trim());
    return match ? [Number(match[1])] : [];
  });
}
