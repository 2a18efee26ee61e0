/**
 * fast-check generators of bad input, derived from the OpenAPI route table (ROUTE_DOCS) and the
 * request-body schemas (SCHEMAS), so a new endpoint, body or query parameter is fuzzed without
 * touching this file. Every generated case is invalid by construction: it breaks at least one
 * rule (the schema, checked with the same JSON Schema, or a domain rule checked with the domain's
 * own pure functions), so the only acceptable answer is a 4xx.
 */
import fc from 'fast-check';
import { ROUTE_DOCS } from '../../src/http/openapi/routes/index.js';
import type { QueryDoc, RouteDoc } from '../../src/http/openapi/route-doc.js';
import { SCHEMAS, validateBody, type SchemaName } from '../../src/http/validation.js';
import { PREFECTURES } from '../../src/domain/codes.js';
import { isValidCorporateNumber, isValidLocalGovernmentCode, normalizeDigits } from '../../src/domain/identifiers.js';

export type Expect = 'problem' | 'oauth' | 'html' | 'verification';

/** One request and the kind of 4xx answer it must get. */
export interface Case {
  [fc.toStringMethod]?: () => string;
  label: string;
  method: string;
  path: string;
  /** 'admin' | 'partner' | null (no Authorization header). */
  as: 'admin' | 'partner' | null;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer> | FormData;
  expect: Expect;
}

/** What the fixture provides: ids for path parameters, valid bodies to break, a real credential. */
export interface Fixture {
  organizationId: string;
  municipalityId: string;
  declarationId: string;
  awardId: string;
  partnerId: string;
  credentialDi: Record<string, any>;
  credentialJwt: string;
  valid: Record<SchemaName, Record<string, unknown>>;
}

type JsonSchema = Record<string, any>;

// ---------------------------------------------------------------------------------------------
// Hostile text

export const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "<svg/onload=alert('x')>",
  'javascript:alert(1)',
  '</title><iframe src=//evil.example>',
  '{{7*7}}${7*7}<%= 7*7 %>',
  "' OR '1'='1",
  "'; DROP TABLE organizations; --",
  '1; DELETE FROM declarations WHERE 1=1',
  "\" OR 1=1 --",
  "' UNION SELECT name, sql FROM sqlite_master --",
  '%27%20OR%201%3D1',
  '../../../../etc/passwd',
  '\u0000\u0001\u001f',
  '\u202e\u200b\ufeff',
  '=HYPERLINK("http://evil.example")',
  '１２３４５６７８９０１２３',
  'Ａ－Ｔ　全角',
  '﷽𝕏🙂',
];
const JA_TEXT = ['株式会社みらいワーク', '千代田区', '地方創生テレワーク', 'ｶﾌﾞｼｷｶﾞｲｼｬ', '①②③'];

/** Text with HTML, SQL, control characters, full-width digits and Japanese, no lone surrogates. */
export const hostileText = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE), weight: 4 },
  { arbitrary: fc.array(fc.constantFrom(...HOSTILE, ...JA_TEXT, ' ', '\n'), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')), weight: 3 },
  { arbitrary: fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), weight: 2 },
);

const FULL_WIDTH = '０１２３４５６７８９';
const toFullWidth = (digits: string, mask: number) => [...digits].map((d, i) => (/\d/.test(d) && (mask >> i) & 1 ? FULL_WIDTH[Number(d)] : d)).join('');

// ---------------------------------------------------------------------------------------------
// Helpers on JSON text

/** True when the server's own validation (schema, depth, lone surrogates) refuses the text. */
export function schemaRejects(name: SchemaName, text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return true;
  }
  try {
    validateBody(name, value);
    return false;
  } catch {
    return true;
  }
}

const EXTRA_KEY = '__fuzz_not_in_schema';
/** Adds a property no schema defines: every top-level body schema has additionalProperties: false. */
function withExtra(text: string): string {
  return text === '{}' ? `{"${EXTRA_KEY}":1}` : text.replace(/^\{/, `{"${EXTRA_KEY}":1,`);
}
/** A mutation that happened to produce a valid body is made invalid with an undeclared property. */
const ensureInvalid = (name: SchemaName, text: string) => (schemaRejects(name, text) ? text : withExtra(text));

const typesOf = (schema: JsonSchema): string[] => (schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type]);

/** Property paths (top level and one level into objects) with their schemas. */
function propertyPaths(schema: JsonSchema): { path: string[]; schema: JsonSchema }[] {
  const out: { path: string[]; schema: JsonSchema }[] = [];
  for (const [key, sub] of Object.entries<JsonSchema>(schema.properties ?? {})) {
    if (typeof sub !== 'object') continue;
    out.push({ path: [key], schema: sub });
    for (const [inner, innerSchema] of Object.entries<JsonSchema>(sub.properties ?? {})) {
      if (typeof innerSchema === 'object') out.push({ path: [key, inner], schema: innerSchema });
    }
    const items = sub.items;
    if (items && typeof items === 'object') {
      out.push({ path: [key, '0'], schema: items });
      for (const [inner, innerSchema] of Object.entries<JsonSchema>(items.properties ?? {})) {
        if (typeof innerSchema === 'object') out.push({ path: [key, '0', inner], schema: innerSchema });
      }
    }
  }
  return out;
}

/** A deep copy of `body` with the value at `path` replaced (creating objects or arrays on the way). */
function setAt(body: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  let node: any = copy;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const nextIsIndex = /^\d+$/.test(path[i + 1]!);
    if (node[key] === null || typeof node[key] !== 'object') node[key] = nextIsIndex ? [] : {};
    node = node[key];
  }
  node[path[path.length - 1]!] = value;
  return copy;
}

const PLACEHOLDER = '@@FUZZ_PLACEHOLDER@@';
/** The JSON text of `body` with `value` at `path`, where `rawJson` is spliced in as raw JSON text. */
function withRaw(body: Record<string, unknown>, path: string[], rawJson: string): string {
  return JSON.stringify(setAt(body, path, PLACEHOLDER)).replace(`"${PLACEHOLDER}"`, () => rawJson);
}

// ---------------------------------------------------------------------------------------------
// Body mutations

const anyJson = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 20 }),
  hostileText,
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxKeys: 3 }),
);

/** A lone surrogate as a JSON escape, between safe text; sometimes a high one, sometimes a low one. */
const loneSurrogateJson = fc
  .tuple(fc.constantFrom('', 'abc', '株式会社', '<b>', "' OR 1=1"), fc.integer({ min: 0xd800, max: 0xdfff }), fc.constantFrom('', 'x', 'def', '１２３'))
  .map(([before, code, after]) => `"${JSON.stringify(before).slice(1, -1)}\\u${code.toString(16)}${JSON.stringify(after).slice(1, -1)}"`);

/** Nested arrays or objects deeper than the 64 levels the server accepts. */
const deepJson = fc
  .tuple(fc.oneof({ arbitrary: fc.integer({ min: 65, max: 2_000 }), weight: 8 }, { arbitrary: fc.integer({ min: 2_000, max: 60_000 }), weight: 1 }), fc.boolean())
  .map(([depth, arrays]) => (arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)));

/** Malformed JSON text derived from a valid body. */
function malformed(validText: string) {
  const prefix = fc.integer({ min: 1, max: Math.max(1, validText.length - 1) }).map((n) => validText.slice(0, n));
  const junk = fc
    .tuple(fc.nat({ max: validText.length }), fc.constantFrom(',', ':', '{', '}', '[', ']', '"', "'", '\\', 'NaN', 'undefined', '/*x*/', ',,'))
    .map(([at, bad]) => validText.slice(0, at) + bad + validText.slice(at))
    .filter((text) => {
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    });
  const fixed = fc.constantFrom("{'a': 1}", '{"a":1,}', '{a:1}', '{"a":01}', '{"a":.5}', '{"a":"\\x41"}', '{"a":"tab\there"}', '[1,2', ' ', 'nul', '{"a":1}{"b":2}', '\u3000{}');
  return fc.oneof(prefix, junk, fixed, fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '' && !s.trim().startsWith('{')));
}

/** Invalid UTF-8 inside an otherwise plausible body. */
const invalidUtf8 = fc
  .tuple(fc.constantFrom([0xff], [0xfe, 0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe3, 0x81], [0x80]), fc.boolean())
  .map(([bad, inString]) => {
    const head = new TextEncoder().encode(inString ? '{"name":"' : '{');
    const tail = new TextEncoder().encode(inString ? '"}' : '}');
    return new Uint8Array([...head, ...bad, ...tail]);
  });

/** Invalid 法人番号 (never valid after the server's normalization), sometimes in full-width digits. */
export const invalidCorporateNumber = fc
  .oneof(
    fc.stringMatching(/^[1-9]\d{12}$/).map((n) => `${(Number(n[0]) % 9) + 1}${n.slice(1)}`), // check digit usually wrong
    fc.stringMatching(/^\d{1,12}$/),
    fc.stringMatching(/^\d{14,20}$/),
    fc.stringMatching(/^0\d{12}$/),
    fc.stringMatching(/^\d{5}[A-Za-zあア]\d{7}$/),
    hostileText,
  )
  .chain((n) => fc.tuple(fc.constant(n), fc.nat({ max: 0x3fff }), fc.boolean()))
  .map(([n, mask, hyphen]) => {
    const wide = toFullWidth(n, mask);
    return hyphen && wide.length > 5 ? `${wide.slice(0, 1)}-${wide.slice(1, 5)}-${wide.slice(5)}` : wide;
  })
  .filter((n) => n.length <= 40 && !isValidCorporateNumber(normalizeDigits(n)));

/** Invalid 全国地方公共団体コード, sometimes in full-width digits. */
export const invalidLocalGovernmentCode = fc
  .oneof(fc.stringMatching(/^\d{6}$/), fc.stringMatching(/^\d{1,5}$/), fc.stringMatching(/^\d{7,12}$/), hostileText.filter((s) => s.length <= 20))
  .chain((n) => fc.tuple(fc.constant(n), fc.nat({ max: 0x3f })))
  .map(([n, mask]) => toFullWidth(n, mask))
  .filter((n) => n.length <= 20 && normalizeDigits(n) !== '' && !isValidLocalGovernmentCode(normalizeDigits(n)));

const invalidPrefecture = fc
  .oneof(fc.constantFrom('00', '48', '99', '０', '４８', '1a', 'ＡＢ', '-1', '<b>'), fc.string({ minLength: 1, maxLength: 4 }))
  .filter((p) => p.length <= 4 && p.length >= 1 && !PREFECTURES[normalizeDigits(p).padStart(2, '0')]);

/** Domain-invalid organizations: schema-valid bodies with a bad identifier. */
function invalidOrganizations(valid: Record<string, unknown>) {
  return fc.oneof(
    invalidCorporateNumber.map((corporateNumber) => ({ what: `invalid 法人番号 ${JSON.stringify(corporateNumber)}`, body: { ...valid, kind: 'company', corporateNumber } })),
    invalidLocalGovernmentCode.map((localGovernmentCode) => ({
      what: `invalid 地方公共団体コード ${JSON.stringify(localGovernmentCode)}`,
      body: { ...valid, kind: 'municipality', corporateNumber: null, localGovernmentCode },
    })),
    invalidPrefecture.map((prefectureCode) => ({ what: `invalid prefecture ${JSON.stringify(prefectureCode)}`, body: { ...valid, prefectureCode } })),
    hostileText.map((name) => ({ what: 'company without 法人番号, hostile name', body: { ...valid, kind: 'company', name: name.slice(0, 200), corporateNumber: null } })),
  ).map(({ what, body }) => ({ what, text: JSON.stringify(body) }));
}

/** Bodies (as JSON text or bytes) that `name`'s endpoint must refuse. */
export function badBodies(name: SchemaName, valid: Record<string, unknown>, { optional }: { optional: boolean }) {
  const schema = SCHEMAS[name] as JsonSchema;
  const validText = JSON.stringify(valid);
  const paths = propertyPaths(schema);
  const stringPaths = paths.filter((p) => typesOf(p.schema).includes('string') || (!p.schema.type && p.schema.enum));
  const required: string[] = schema.required ?? [];
  type Out = { what: string; text: string | Uint8Array<ArrayBuffer> };
  const options: fc.Arbitrary<Out>[] = [
    malformed(validText).map((text) => ({ what: 'malformed JSON', text })),
    invalidUtf8.map((text) => ({ what: 'invalid UTF-8', text })),
    fc.oneof(fc.constantFrom('[]', '"text"', '42', 'null', 'true', '[{}]'), fc.jsonValue({ maxDepth: 2 }).filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)).map((v) => JSON.stringify(v)))
      .map((text) => ({ what: 'wrong top-level type', text })),
    fc.tuple(fc.constantFrom(...paths), anyJson).map(([p, value]) => ({ what: `wrong type at /${p.path.join('/')}`, text: ensureInvalid(name, JSON.stringify(setAt(valid, p.path, value))) })),
    fc.tuple(fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), hostileText, fc.constantFrom('__proto__', 'constructor', 'prototype', 'ｎａｍｅ', 'Name', 'name ')), anyJson)
      .filter(([key]) => !(key in (schema.properties ?? {})))
      .map(([key, value]) => ({ what: `extra field ${JSON.stringify(key)}`, text: validText === '{}' ? `{${JSON.stringify(key)}:${JSON.stringify(value)}}` : validText.replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(value)},`) })),
    deepJson.chain((deep) => fc.constantFrom(...paths.map((p) => p.path), []).map((path) => ({ what: `nested ${deep.length / 2 | 0} chars deep at /${path.join('/')}`, text: path.length === 0 ? deep : withRaw(valid, path, deep) }))),
    fc.tuple(fc.constantFrom(...paths.map((p) => p.path)), loneSurrogateJson).map(([path, raw]) => ({ what: `lone surrogate at /${path.join('/')}`, text: withRaw(valid, path, raw) })),
    loneSurrogateJson.map((raw) => ({ what: 'lone surrogate in a key', text: validText === '{}' ? `{${raw}:1}` : validText.replace(/^\{/, `{${raw}:1,`) })),
  ];
  if (required.length > 0) {
    options.push(fc.subarray(required, { minLength: 1 }).map((drop) => ({ what: `missing ${drop.join(', ')}`, text: JSON.stringify(Object.fromEntries(Object.entries(valid).filter(([k]) => !drop.includes(k)))) })));
  } else if (schema.minProperties) {
    options.push(fc.constant({ what: 'no properties', text: '{}' }));
  }
  const longPaths = paths.filter((p) => typeof p.schema.maxLength === 'number');
  if (longPaths.length > 0) {
    options.push(
      fc
        .tuple(fc.constantFrom(...longPaths), fc.oneof({ arbitrary: fc.integer({ min: 1, max: 50 }), weight: 20 }, { arbitrary: fc.integer({ min: 1_000, max: 300_000 }), weight: 1 }), fc.constantFrom('a', 'あ', '<', "'", '１', '\\'))
        .map(([p, over, unit]) => ({ what: `/${p.path.join('/')} longer than ${p.schema.maxLength}`, text: JSON.stringify(setAt(valid, p.path, unit.repeat(p.schema.maxLength + over))) })),
    );
  }
  const itemPaths = paths.filter((p) => typeof p.schema.maxItems === 'number');
  if (itemPaths.length > 0) {
    options.push(
      fc.tuple(fc.constantFrom(...itemPaths), fc.integer({ min: 1, max: 20 })).map(([p, over]) => {
        const item = (p.schema.items?.enum?.[0] as unknown) ?? 'x';
        return { what: `/${p.path.join('/')} with more than ${p.schema.maxItems} items`, text: JSON.stringify(setAt(valid, p.path, Array.from({ length: p.schema.maxItems + over }, () => item))) };
      }),
    );
  }
  const strictPaths = stringPaths.filter((p) => p.schema.enum || p.schema.const !== undefined || p.schema.pattern || p.schema.format);
  if (strictPaths.length > 0) {
    options.push(
      fc.tuple(fc.constantFrom(...strictPaths), hostileText).map(([p, text]) => ({ what: `hostile text in /${p.path.join('/')}`, text: ensureInvalid(name, JSON.stringify(setAt(valid, p.path, text))) })),
    );
  }
  if (name === 'organization') options.push(invalidOrganizations(valid));
  if (optional) return fc.oneof(...options).filter((o) => o.text !== '');
  return fc.oneof(...options);
}

// ---------------------------------------------------------------------------------------------
// Query parameters

/** Parameters whose documented schema is looser than the code: what the code refuses. */
const QUERY_OVERRIDES: Record<string, JsonSchema> = {
  from: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}(T[\\d:.]+Z?)?$' },
  to: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}(T[\\d:.]+Z?)?$' },
  category: { type: 'string', maxLength: 64 },
  organizationId: { type: 'string', maxLength: 64 },
};

/** Raw (already URL-encoded or deliberately broken) values that the parameter must refuse. */
export function badQueryValue(param: QueryDoc): fc.Arbitrary<string> | null {
  const schema = QUERY_OVERRIDES[param.name] && !param.schema.maxLength && !param.schema.pattern && !param.schema.enum ? QUERY_OVERRIDES[param.name]! : param.schema;
  const enc = (s: string) => encodeURIComponent(s);
  const brokenPercent = fc.constantFrom('%', '%E3%81', '%ED%A0%80', '%FF', '%zz', '%C0%AF');
  if (schema.type === 'integer') {
    const { minimum = -1e9, maximum = 1e9 } = schema;
    return fc.oneof(
      fc.oneof(fc.integer({ min: -1e9, max: minimum - 1 }), fc.integer({ min: maximum + 1, max: 1e12 })).map(String),
      fc.constantFrom('1.5', '1e2', '0x10', ' 1', '1 ', '+5', '--1', 'NaN', 'Infinity', '２０２５', '１０', '٣', 'null', '[]', '99999999999999999999999'),
      fc.integer({ min: minimum, max: maximum }).map((n) => toFullWidth(String(n), 0xff)),
      hostileText,
    ).map((v) => (/^%/.test(v) ? v : enc(v))).chain((v) => fc.oneof({ arbitrary: fc.constant(v), weight: 5 }, { arbitrary: brokenPercent.map((b) => v + b), weight: 1 }));
  }
  if (schema.enum) {
    return fc.oneof(hostileText, fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom(...schema.enum.map((e: string) => `${e.toUpperCase()}`), ...schema.enum.map((e: string) => ` ${e}`), '１３', 'draft%00'))
      .filter((v) => v.trim() !== '' && !schema.enum.includes(v) && !schema.enum.includes(v.trim()))
      .map(enc);
  }
  if (schema.pattern) {
    const re = new RegExp(schema.pattern);
    return fc.oneof(hostileText, fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom('１３', '4８', 'a', '2025/04/01', '2025-4-1'))
      .filter((v) => v.trim() !== '' && !re.test(v) && !re.test(v.trim()))
      .map(enc);
  }
  if (typeof schema.maxLength === 'number') {
    const max = schema.maxLength;
    return fc.tuple(fc.integer({ min: 1, max: 500 }), fc.constantFrom('a', 'あ', '<', "'", '%'), hostileText).map(([over, unit, hostile]) => enc(hostile) + enc(unit.repeat(max + over)));
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Endpoints from the route table

/** Path parameters of every documented route, from the fixture (unknown ones get a made-up id). */
export function concretePath(route: RouteDoc, f: Fixture): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'partnerId') return f.partnerId;
    if (name !== 'id') return 'no-such-id';
    if (route.path.startsWith('/api/v1/organizations/')) return f.organizationId;
    if (route.path.startsWith('/api/v1/declarations/')) return f.declarationId;
    if (route.path.startsWith('/api/v1/awards/')) return f.awardId;
    return 'no-such-id';
  });
}

const authFor = (route: RouteDoc): fc.Arbitrary<Case['as']> =>
  route.auth === 'public' ? fc.constant(null) : route.auth === 'partner' ? fc.constantFrom<Case['as']>('admin', 'partner') : route.auth === 'optional' ? fc.constantFrom<Case['as']>('admin', null) : fc.constant('admin');

/** A partner acts for itself as "me". */
const pathFor = (route: RouteDoc, f: Fixture, as: Case['as']) => (as === 'partner' ? concretePath(route, f).replace(f.partnerId, 'me') : concretePath(route, f));

export const bodyRoutes = () => ROUTE_DOCS.filter((r) => r.body);
export const queryRoutes = () => ROUTE_DOCS.filter((r) => (r.query ?? []).some((q) => badQueryValue(q) !== null));
export const rawBodyRoutes = () => ROUTE_DOCS.filter((r) => r.rawBody);
export const uncoveredQueryParams = () =>
  ROUTE_DOCS.flatMap((r) => (r.query ?? []).filter((q) => badQueryValue(q) === null).map((q) => `${r.method.toUpperCase()} ${r.path} ?${q.name}`));

/** Bad JSON bodies for every documented endpoint that takes one. */
/** Counterexamples print as their label (and the first bytes of the body), not megabytes of JSON. */
export function labelled(c: Case): Case {
  const preview = typeof c.body === 'string' ? ` ${c.body.slice(0, 300)}${c.body.length > 300 ? `… (${c.body.length} chars)` : ''}` : '';
  return { ...c, [fc.toStringMethod]: () => `${c.label}${preview}` };
}

export function bodyCases(f: Fixture): fc.Arbitrary<Case> {
  return fc.oneof(
    ...bodyRoutes().map((route) =>
      fc.tuple(badBodies(route.body!, f.valid[route.body!], { optional: !!route.bodyOptional }), authFor(route)).map(([bad, as]): Case => ({
        label: `${route.method.toUpperCase()} ${route.path}: ${bad.what}`,
        method: route.method.toUpperCase(),
        path: pathFor(route, f, as),
        as,
        headers: { 'content-type': 'application/json' },
        body: bad.text,
        expect: 'problem',
      })),
    ),
  );
}

/** Bad query strings for every documented endpoint with query parameters. */
export function queryCases(f: Fixture): fc.Arbitrary<Case> {
  return fc.oneof(
    ...queryRoutes().map((route) => {
      const params = (route.query ?? []).map((q) => ({ q, bad: badQueryValue(q) })).filter((p): p is { q: QueryDoc; bad: fc.Arbitrary<string> } => p.bad !== null);
      const pairs = fc.uniqueArray(fc.constantFrom(...params), { minLength: 1, maxLength: Math.min(3, params.length), selector: (p) => p.q.name })
        .chain((chosen) => fc.tuple(...chosen.map((p) => p.bad.map((value) => `${p.q.name}=${value}`))));
      return fc.tuple(pairs, authFor(route)).map(([query, as]): Case => ({
        label: `${route.method.toUpperCase()} ${route.path}?${query.join('&').slice(0, 200)}`,
        method: route.method.toUpperCase(),
        path: `${pathFor(route, f, as)}?${query.join('&')}`,
        as,
        expect: 'problem',
      }));
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Invalid credentials and presentations (schema-valid requests the verifier must refuse)

const b64url = (s: string) => Buffer.from(s).toString('base64url');
/** Changes one character that carries whole bits (never the last of a segment). */
function flipInside(segment: string, at: number): string {
  if (segment.length < 3) return segment + 'A';
  const i = at % (segment.length - 1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const next = alphabet[(alphabet.indexOf(segment[i]!) + 1 + (at % 60)) % 64]!;
  return segment.slice(0, i) + next + segment.slice(i + 1);
}

export function invalidJwts(f: Fixture): fc.Arbitrary<{ what: string; jwt: string }> {
  const [h, p, s] = f.credentialJwt.split('.') as [string, string, string];
  return fc.oneof(
    fc.tuple(fc.nat(), fc.constantFrom(0, 1, 2)).map(([at, part]) => {
      const parts = [h, p, s];
      parts[part] = flipInside(parts[part]!, at);
      return { what: `real JWT, part ${part} altered`, jwt: parts.join('.') };
    }),
    fc.constant({ what: 'alg none', jwt: `${b64url(JSON.stringify({ alg: 'none', typ: 'vc+jwt' }))}.${p}.` }),
    fc.constant({ what: 'signature removed', jwt: `${h}.${p}.` }),
    fc.constant({ what: 'HS256 header', jwt: `${b64url(JSON.stringify({ alg: 'HS256', typ: 'vc+jwt' }))}.${p}.${s}` }),
    fc.tuple(fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 }), fc.base64String({ maxLength: 90 })).map(([header, payload, sig]) => ({
      what: 'random JWT',
      jwt: `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${sig.replace(/[+/=]/g, '')}`,
    })),
    fc.tuple(fc.stringMatching(/^eyJ[A-Za-z0-9_-]{0,60}$/), fc.stringMatching(/^[A-Za-z0-9_-]{1,60}$/), fc.stringMatching(/^[A-Za-z0-9_-]{0,60}$/)).map(([a, b, c]) => ({ what: 'JWT-shaped noise', jwt: `${a}.${b}.${c}` })),
    hostileText.map((jwt) => ({ what: 'hostile text', jwt })),
  );
}

function tamperedCredentials(f: Fixture): fc.Arbitrary<{ what: string; credential: Record<string, unknown> }> {
  const di = f.credentialDi;
  const proofOf = (c: Record<string, any>) => (Array.isArray(c.proof) ? c.proof[0] : c.proof);
  const tamper = (what: string, change: (c: Record<string, any>) => void) => {
    const copy = structuredClone(di);
    change(copy);
    return { what, credential: copy };
  };
  return fc.oneof(
    hostileText.map((name) => tamper('subject name changed', (c) => {
      const subject = Array.isArray(c.credentialSubject) ? c.credentialSubject[0] : c.credentialSubject;
      subject.name = `${subject.name ?? ''}${name}`;
    })),
    fc.nat().map((at) => tamper('proofValue altered', (c) => {
      const proof = proofOf(c);
      const v: string = proof.proofValue;
      const i = 1 + (at % (v.length - 2));
      const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
      proof.proofValue = v.slice(0, i) + alphabet[(alphabet.indexOf(v[i]!) + 1 + (at % 50)) % 58] + v.slice(i + 1);
    })),
    fc.constant(tamper('proof removed', (c) => delete c.proof)),
    fc.constantFrom('1999-01-01T00:00:00Z', '2999-01-01T00:00:00Z', 'not a date', '２０２５-01-01T00:00:00Z').map((when) => tamper(`validFrom ${when}`, (c) => (c.validFrom = when))),
    hostileText.map((issuer) => tamper('issuer replaced', (c) => (c.issuer = { id: `did:web:${encodeURIComponent(issuer)}` }))),
    fc.constant(tamper('unknown term added', (c) => (c.notInAnyContext = 'x'))),
    fc.constant(tamper('context removed', (c) => (c['@context'] = ['https://www.w3.org/ns/credentials/v2']))),
    hostileText.map((text) => tamper('cryptosuite replaced', (c) => (proofOf(c).cryptosuite = text))),
    fc.constant(tamper('status entry points elsewhere', (c) => {
      const status = Array.isArray(c.credentialStatus) ? c.credentialStatus[0] : c.credentialStatus;
      if (status) status.statusListIndex = '999999999';
      else c.validUntil = '2000-01-01T00:00:00Z';
    })),
  );
}

/** Schema-valid /credentials/verify and /presentations/verify bodies holding something unverifiable. */
export function verificationCases(f: Fixture): fc.Arbitrary<Case> {
  const credentialBody = fc.oneof(
    { arbitrary: invalidJwts(f).map(({ what, jwt }) => ({ what: `JWT: ${what}`, body: { verifiableCredential: jwt } })), weight: 3 },
    { arbitrary: invalidJwts(f).map(({ what, jwt }) => ({ what: `enveloped JWT: ${what}`, body: { verifiableCredential: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${jwt}` } } })), weight: 2 },
    { arbitrary: tamperedCredentials(f).map(({ what, credential }) => ({ what: `Data Integrity: ${what}`, body: { verifiableCredential: credential } })), weight: 3 },
    { arbitrary: fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('@context', 'type', 'proof', 'issuer', 'credentialSubject', 'id')), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }).map((credential) => ({ what: 'random object', body: { verifiableCredential: credential } })), weight: 2 },
  );
  const presentationBody = fc.oneof(
    fc.tuple(fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }), fc.string({ minLength: 1, maxLength: 40 })).map(([vp, challenge]) => ({ what: 'random presentation', body: { verifiablePresentation: vp, options: { challenge } } })),
    fc.tuple(tamperedCredentials(f), hostileText).map(([{ credential }, challenge]) => ({
      what: 'unsigned presentation of a tampered credential',
      body: { verifiablePresentation: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [credential] }, options: { challenge, domain: 'example.com' } },
    })),
    hostileText.map((challenge) => ({
      what: 'unsigned presentation of the real credential',
      body: { verifiablePresentation: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [f.credentialDi] }, options: { challenge } },
    })),
  );
  return fc.oneof(
    { arbitrary: credentialBody.map(({ what, body }) => ({ path: '/credentials/verify', what, body })), weight: 3 },
    { arbitrary: presentationBody.map(({ what, body }) => ({ path: '/presentations/verify', what, body })), weight: 1 },
  ).map(({ path, what, body }): Case => ({ label: `POST ${path}: ${what}`, method: 'POST', path, as: null, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), expect: 'verification' }));
}

// ---------------------------------------------------------------------------------------------
// The HTML verify form and the OAuth token endpoint (their own error formats)

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** Pasted text the form cannot read as a credential: not JSON, not a compact JWS, no baked SVG. */
const unreadablePaste = fc
  .oneof(hostileText, fc.string({ minLength: 1, maxLength: 200 }), fc.constantFrom('[1,2,3]', '"a string"', 'null', '42', '<svg xmlns="http://www.w3.org/2000/svg"><text>no credential</text></svg>', 'a.b', 'a..b', 'eyJ.eyJ'))
  .filter((text) => {
    const t = text.trim();
    if (t === '' || COMPACT_JWS.test(t) || /credential/i.test(t)) return false;
    try {
      const v = JSON.parse(t);
      return v === null || typeof v !== 'object' || Array.isArray(v);
    } catch {
      return true;
    }
  });

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const badUpload = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 300 }).filter((b) => !(b[0] === 0x89 && b[1] === 0x50) && !new TextDecoder().decode(b).includes('<svg')).map((bytes) => ({ what: 'random bytes', bytes })),
  fc.uint8Array({ maxLength: 300 }).map((rest) => ({ what: 'PNG signature and garbage', bytes: new Uint8Array([...PNG_SIGNATURE, ...rest]) })),
  fc.tuple(fc.nat({ max: 0xffff_ffff }), fc.uint8Array({ maxLength: 40 })).map(([length, rest]) => {
    const chunk = new Uint8Array(12 + rest.length);
    new DataView(chunk.buffer).setUint32(0, length);
    chunk.set([0x69, 0x54, 0x58, 0x74], 4); // iTXt with a lying length
    chunk.set(rest, 8);
    return { what: 'PNG with a lying iTXt chunk', bytes: new Uint8Array([...PNG_SIGNATURE, ...chunk]) };
  }),
  hostileText.map((text) => ({ what: 'SVG without a credential', bytes: new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg"><title>${text}</title></svg>`) })),
);

export function formCases(): fc.Arbitrary<Case> {
  const verifyForm = fc.oneof(
    unreadablePaste.map((text) => {
      const form = new FormData();
      form.set('credential', text);
      return { what: 'unreadable paste', body: form as Case['body'], headers: {} as Record<string, string> };
    }),
    badUpload.map(({ what, bytes }) => {
      const form = new FormData();
      form.set('file', new Blob([bytes]), 'badge.png');
      return { what: `upload: ${what}`, body: form as Case['body'], headers: {} };
    }),
    fc.constant({ what: 'empty form', body: new FormData() as Case['body'], headers: {} }),
    unreadablePaste.map((text) => ({ what: 'url-encoded unreadable paste', body: `credential=${encodeURIComponent(text)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } })),
    hostileText.map((text) => ({ what: 'broken multipart', body: `--x\r\n${text}`, headers: { 'content-type': 'multipart/form-data; boundary=nope' } })),
  ).map(({ what, body, headers }): Case => ({ label: `POST /verify: ${what}`, method: 'POST', path: '/verify', as: null, headers, body, expect: 'html' }));

  const oauthParams = fc.record(
    {
      grant_type: fc.oneof(fc.constant('client_credentials'), fc.constantFrom('password', 'authorization_code', 'CLIENT_CREDENTIALS', ''), hostileText),
      scope: fc.oneof(fc.constant('lookup'), hostileText, fc.constantFrom('admin', 'lookup admin', 'ｌｏｏｋｕｐ')),
      client_id: fc.oneof(hostileText, fc.uuid()),
      client_secret: fc.oneof(hostileText, fc.string({ maxLength: 60 })),
    },
    { requiredKeys: [] },
  );
  const oauth = fc.oneof(
    { arbitrary: oauthParams.map((p) => ({ what: 'form', body: new URLSearchParams(p).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } as Record<string, string> })), weight: 3 },
    { arbitrary: oauthParams.map((p) => ({ what: 'JSON', body: JSON.stringify(p), headers: { 'content-type': 'application/json' } })), weight: 1 },
    { arbitrary: malformed('{"grant_type":"client_credentials"}').map((body) => ({ what: 'malformed JSON', body, headers: { 'content-type': 'application/json' } })), weight: 1 },
    { arbitrary: fc.tuple(oauthParams, hostileText).map(([p, basic]) => ({ what: 'bad Basic', body: new URLSearchParams({ ...p, grant_type: 'client_credentials' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(basic).toString('base64')}` } })), weight: 1 },
    { arbitrary: fc.constant({ what: 'over 8 KiB', body: `grant_type=client_credentials&client_id=x&client_secret=${'a'.repeat(9000)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } }), weight: 1 },
    { arbitrary: hostileText.map((t) => ({ what: 'unsupported content type', body: t, headers: { 'content-type': 'text/plain' } })), weight: 1 },
  ).map(({ what, body, headers }): Case => ({ label: `POST /oauth/token: ${what}`, method: 'POST', path: '/oauth/token', as: null, headers, body, expect: 'oauth' }));

  return fc.oneof(verifyForm, oauth);
}
