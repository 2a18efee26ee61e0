import { IDEMPOTENT_POSTS } from '../idempotency.js';
import { RATE_LIMITED } from '../rate-limit.js';
import { SCHEMAS, type SchemaName } from '../validation.js';
import { ERROR_RESPONSES, RESPONSE_SCHEMAS } from './components.js';
import type { Audience, ResponseDoc, RouteDoc, Tag } from './route-doc.js';
import { ROUTE_DOCS } from './routes/index.js';
import { WEBHOOK_SCHEMAS, webhookDocs } from './webhooks.js';

const TAGS: Record<Tag, string> = {
  health: '稼働確認 / Health',
  organizations: '団体 / Organizations',
  declarations: '自己宣言 / Self-declarations',
  awards: '表彰 / Awards',
  credentials: 'クレデンシャル（Open Badges 3.0）/ Credentials',
  verification: '検証 / Verification',
  partners: '推進パートナー / Partners',
  'open-data': 'オープンデータ / Open data',
  statistics: '統計（事務局）/ Statistics',
  admin: '事務局 / Secretariat',
  pages: 'ページと画像 / Pages and images',
  documentation: 'ドキュメント / Documentation',
};

const SECURITY: Record<Audience, Record<string, string[]>[]> = {
  // No token needed, but one that is sent is checked (401 when refused), and a partner's moves the
  // request from the per-address limit to the partner's own (src/http/rate-limit.ts, partner-access.ts).
  public: [{}, { partnerOAuth: ['lookup'] }, { bearer: [] }],
  optional: [{}, { partnerOAuth: ['lookup'] }, { bearer: [] }],
  organization: [{ bearer: [] }],
  admin: [{ bearer: [] }],
  // Partners use their OAuth access token; the secretariat may act with its own.
  partner: [{ partnerOAuth: ['lookup'] }, { bearer: [] }],
};

/** "issueCredential" → "IssueCredentialRequest": request bodies get their own names beside the answer shapes. */
export const requestSchemaName = (name: SchemaName) => `${name[0]!.toUpperCase()}${name.slice(1)}Request`;

/** The schema files as components; $id and $schema go, since the document's dialect already says 2020-12. */
function requestSchemas() {
  return Object.fromEntries(
    Object.entries(SCHEMAS).map(([name, schema]) => {
      const { $id, $schema, ...rest } = schema as Record<string, unknown>;
      return [requestSchemaName(name as SchemaName), rest];
    }),
  );
}

const schemaRef = (schema: string | Record<string, unknown>) => (typeof schema === 'string' ? { $ref: `#/components/schemas/${schema}` } : schema);
const operationId = (route: RouteDoc) =>
  route.method + route.path.split(/[/{}.\-]+/).filter(Boolean).map((part) => part[0]!.toUpperCase() + part.slice(1)).join('');

/** Whether the route takes an Idempotency-Key (IDEMPOTENT_POSTS, applied in src/http/app.ts): its Hono pattern with the {placeholders} as :names. */
const isIdempotent = (route: RouteDoc) => route.method === 'post' && (IDEMPOTENT_POSTS as readonly string[]).includes(route.path.replace(/\{([^}]+)\}/g, ':$1'));

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key', in: 'header', required: false,
  description: '再送しても一度だけ作成するためのキー（UUID 推奨、24時間有効）/ makes a retry create at most once (draft-ietf-httpapi-idempotency-key-header): the same key and body within 24 hours answer the first 2xx again with `Idempotency-Replayed: true`; the same key with another body is 422, and while the first is still running 409. 1–255 visible ASCII characters (a UUID is recommended), bare or as a quoted string; anything else is 400 naming `Idempotency-Key`.',
  schema: { type: 'string', maxLength: 257 },
};

/** Conditional requests: If-Match against the row version (ifMatchOf in src/http/request.ts), If-None-Match against a GET's ETag (src/http/conditional.ts). */
const IF_MATCH = { name: 'If-Match', in: 'header', required: false, description: '前回の ETag。その後に変更されていれば 412 / the ETag last read: when the record changed since, 412 and nothing is changed', schema: { type: 'string' } };
const IF_NONE_MATCH = { name: 'If-None-Match', in: 'header', required: false, description: '前回の ETag。変わっていなければ 304 / the ETag last read: 304 while it still holds', schema: { type: 'string' } };
const NEW_ETAG = 'The row version after the change, for the next If-Match';

/** Error statuses a route can answer, from what it needs (sign-in, a body, a record in its path). */
/** Whether the public limit (RATE_LIMITED, src/http/rate-limit.ts) covers the route: tested with its path's parameters filled in. */
const isRateLimited = (route: RouteDoc) => {
  const path = route.path.replace(/\{[^}]+\}/g, 'x');
  return RATE_LIMITED.some((limited) => limited.methods.includes(route.method.toUpperCase()) && limited.path.test(path));
};

function errorStatuses(route: RouteDoc): number[] {
  const statuses = new Set<number>(route.errors ?? []);
  if (route.body || route.rawBody || route.query) statuses.add(400);
  if (isIdempotent(route)) for (const status of [400, 409, 422]) statuses.add(status);
  // The token endpoint reads at most 8 KiB and refuses more in OAuth's own format (400 invalid_request, src/http/routes/oauth.ts).
  if ((route.body || route.rawBody) && !route.path.startsWith('/oauth/')) statuses.add(413);
  // A JSON body (readJsonValue in src/http/request.ts) that is not JSON, sent under a type that is not JSON or text.
  if (route.body) statuses.add(415);
  // Every route but the token endpoint (mounted before authentication in src/http/app.ts) checks
  // a bearer token that is sent, also where none is needed: one it refuses answers 401, and a
  // partner's access token counts against the partner's own per-minute limit (partner-access.ts).
  const readsBearer = !route.path.startsWith('/oauth/');
  if (route.auth !== 'public' || readsBearer) statuses.add(401);
  if (route.auth === 'organization' || route.auth === 'admin' || route.auth === 'partner') statuses.add(403);
  if (route.path.includes('{')) statuses.add(404);
  if (route.auth === 'partner' || readsBearer || isRateLimited(route)) statuses.add(429);
  statuses.add(500);
  return [...statuses].sort((a, b) => a - b);
}

/** The response's content type, then the others a client may ask for by Accept (`also`). */
function contentOf(response: ResponseDoc) {
  const types: [string, string | Record<string, unknown>][] = [[response.contentType ?? 'application/json', response.schema!], ...(response.also ?? []).map((alt) => [alt.contentType, alt.schema] as [string, string | Record<string, unknown>])];
  return Object.fromEntries(types.map(([type, schema]) => [type, { schema: schemaRef(schema) }]));
}

function operation(route: RouteDoc) {
  const pathParameters = [...route.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string', maxLength: 200 } }));
  const queryParameters = (route.query ?? []).map((q) => ({ name: q.name, in: 'query', required: q.required ?? false, description: q.description, schema: q.schema }));
  const guarded = (route.errors ?? []).includes(412);
  const headerParameters = [...(isIdempotent(route) ? [IDEMPOTENCY_KEY] : []), ...(guarded ? [IF_MATCH] : []), ...(route.responses[304] ? [IF_NONE_MATCH] : [])];
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    // A replayed answer says so (src/http/idempotency.ts).
    const success = Number(status) < 300;
    const headers = {
      ...(guarded && success ? { ETag: NEW_ETAG } : {}),
      ...response.headers,
      ...(isIdempotent(route) && success ? { 'Idempotency-Replayed': '`true` when this is the stored answer to an earlier request with the same Idempotency-Key' } : {}),
    };
    responses[status] = {
      description: response.description,
      ...(Object.keys(headers).length > 0 ? { headers: Object.fromEntries(Object.entries(headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }])) } : {}),
      ...(response.schema ? { content: contentOf(response) } : {}),
    };
  }
  for (const status of errorStatuses(route)) responses[status] ??= { $ref: `#/components/responses/${ERROR_RESPONSES[status]!.name}` };
  const body = route.body
    ? { required: !route.bodyOptional, content: { 'application/json': { schema: { $ref: `#/components/schemas/${requestSchemaName(route.body)}` } } } }
    : route.rawBody
      ? { required: true, content: Object.fromEntries([route.rawBody.contentType, ...(route.rawBody.also ?? [])].map((type) => [type, { schema: route.rawBody!.schema }])) }
      : undefined;
  return {
    operationId: operationId(route),
    tags: [route.tag],
    summary: `${route.summary.ja} / ${route.summary.en}`,
    ...(route.description ? { description: route.description } : {}),
    'x-summary': route.summary,
    'x-audience': route.auth,
    // The token endpoint reads no bearer token: its clients authenticate with Basic or in the body.
    security: route.path.startsWith('/oauth/') ? [] : SECURITY[route.auth],
    ...(pathParameters.length + queryParameters.length + headerParameters.length > 0 ? { parameters: [...pathParameters, ...queryParameters, ...headerParameters] } : {}),
    ...(body ? { requestBody: body } : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document: request bodies are the very schema files that validate requests
 * (JSON Schema 2020-12 is 3.1's own dialect), operations come from the route table in routes/.
 */
export function buildOpenApiDocument({ baseUrl, routes = ROUTE_DOCS }: { baseUrl: string; routes?: RouteDoc[] }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method] = operation(route);
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: '地方創生テレワーク宣言・表彰レジストリ API / Telework Declaration and Award Registry API',
      version: '1.0.0',
      description:
        '自己宣言・表彰の登録、Open Badges 3.0 クレデンシャルの発行と検証、オープンデータ。エラーはすべて RFC 9457 の application/problem+json（messages.ja / messages.en 付き）です。\n\n' +
        'Declarations and awards, their signed Open Badges 3.0 credentials and their verification, and open data. Every error is RFC 9457 application/problem+json with messages in Japanese and English. Authenticate with `Authorization: Bearer <token>`.',
    },
    servers: [{ url: baseUrl }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    webhooks: webhookDocs(),
    components: {
      schemas: { ...requestSchemas(), ...RESPONSE_SCHEMAS, ...WEBHOOK_SCHEMAS },
      responses: Object.fromEntries(
        Object.values(ERROR_RESPONSES).map(({ name, description, headers }) => [
          name,
          { description, ...(headers ? { headers: Object.fromEntries(Object.entries(headers).map(([header, text]) => [header, { description: text, schema: { type: 'string' } }])) } : {}), content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        ]),
      ),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: '事務局・団体の API トークン。権限外の操作は 403 と `WWW-Authenticate: Bearer error="insufficient_scope"` / an administrator or organization API token; an operation it may not perform answers 403 with `WWW-Authenticate: Bearer realm="registry", error="insufficient_scope"` (RFC 6750 §3.1)' },
        partnerOAuth: {
          type: 'oauth2',
          description: '推進パートナーの OAuth 2.0 クライアントクレデンシャル。範囲外の操作は 403 と `WWW-Authenticate: Bearer error="insufficient_scope"`（団体または事務局のトークンが必要）/ partner client credentials. An operation outside the partner scope answers 403 with `WWW-Authenticate: Bearer realm="registry", error="insufficient_scope"` (RFC 6750 §3.1): it needs an organization\'s or the secretariat\'s token (the operation\'s x-audience). Accepted on operations that need no token too (the 法人番号 lookup, the change feed): the call then counts against the partner\'s own per-minute limit (RateLimit-* headers), not the per-address one.',
          flows: { clientCredentials: { tokenUrl: `${baseUrl}/oauth/token`, scopes: { lookup: '法人番号による照会・検証 / lookup by 法人番号 and verification (the only scope; the default when none is asked)' } } },
        },
      },
    },
  };
}
