import type { RouteDoc } from '../route-doc.js';

/** Open data's validators follow what the file shows only (dataVersionOf in src/domain/open-data-version.ts). */
const OPEN_DATA_ETAG = 'A digest of the public times of what the file shows (counted and summed): it changes with a publication, a status, an award or its revocation, a public detail of an organization, and never with an edit the public does not see (a contact, a renewal\'s draft, an organization not listed)';
const OPEN_DATA_LAST_MODIFIED = 'The newest public time among what the file shows (a declaration\'s or award\'s updatedAt, an organization\'s public details, a credential\'s issue; a revoked award\'s revocation), never a hidden edit\'s';

const csv = (what: string) => ({
  description: `${what}（UTF-8 BOM付き、CRLF、RFC 4180。= + - @ で始まるセルは先頭に ' を付けて数式として実行されないようにしています）/ ${what} as CSV: UTF-8 with BOM, CRLF, RFC 4180; cells starting with = + - @ (or tab/CR) get a leading single quote so spreadsheets never run them as formulas.`,
  contentType: 'text/csv',
  schema: { type: 'string' },
  headers: { ETag: `${OPEN_DATA_ETAG}; send it back in If-None-Match`, 'Last-Modified': `${OPEN_DATA_LAST_MODIFIED}; send it back in If-Modified-Since`, 'Content-Disposition': 'attachment; filename (ASCII) and filename* (Japanese)' },
});

/** Conditional GETs (src/http/conditional.ts): If-None-Match decides when sent, else If-Modified-Since. */
const NOT_MODIFIED = { description: '変更なし（If-None-Match が ETag に一致、または If-None-Match なしで If-Modified-Since が Last-Modified 以降）/ not modified: If-None-Match names the ETag or, without If-None-Match, If-Modified-Since is not earlier than Last-Modified' };

const CONSENT = 'Only listed organizations, only declarations that were published and are in a public status, only the declaration fields each organization consented to publish, and never contact details.';

/** How a file is sent (routes/open-data.ts, adapters/kysely/open-data-snapshot.ts). */
const STREAMED = (rows: string, extra = '') =>
  ` Sent as it is read, in batches (chunked, without Content-Length): which ${rows} and in what order, and the JSON \`count\`, are fixed when the download starts; each row is as it is when read${extra}.`;
const AWARDS = `Awards that are not revoked, of listed organizations.${STREAMED('awards', ', so one revoked during the download shows with status `revoked`')}`;
const DECLARATIONS = `${CONSENT}${STREAMED('declarations', ', except that one whose renewal is published during the download comes last, where the next download has it')}`;

/** Health, open data and this documentation (src/http/app.ts, routes/open-data.ts, routes/docs.ts). */
export const PUBLIC_DATA_ROUTE_DOCS: RouteDoc[] = [
  { method: 'get', path: '/healthz', tag: 'health', auth: 'public', summary: { ja: '稼働確認', en: 'Health check' }, responses: { 200: { description: 'OK', schema: { type: 'object', properties: { status: { const: 'ok' } } } } } },
  {
    method: 'get', path: '/readyz', tag: 'health', auth: 'public', summary: { ja: '準備完了の確認', en: 'Readiness check' },
    description: 'Ready when a trivial database query succeeds and an active signing key exists; route traffic by this, not by /healthz.',
    responses: {
      200: { description: '準備完了 / ready', schema: { type: 'object', properties: { status: { const: 'ready' }, checks: { type: 'object', properties: { database: { const: 'ok' }, keys: { const: 'ok' } } } } } },
      503: { description: '準備未完了（どの確認が失敗したか） / not ready, with the failed checks', contentType: 'application/problem+json', schema: { type: 'object', properties: { checks: { type: 'object', properties: { database: { enum: ['ok', 'failed'] }, keys: { enum: ['ok', 'failed'] } } } } }, headers: { 'Retry-After': 'Seconds to wait before asking again' } },
    },
  },
  { method: 'get', path: '/api/v1/open-data/declarations.csv', tag: 'open-data', auth: 'public', summary: { ja: 'オープンデータ：自己宣言（CSV）', en: 'Open data: declarations (CSV)' }, description: DECLARATIONS, responses: { 200: csv('自己宣言一覧'), 304: NOT_MODIFIED } },
  { method: 'get', path: '/api/v1/open-data/declarations.json', tag: 'open-data', auth: 'public', summary: { ja: 'オープンデータ：自己宣言（JSON）', en: 'Open data: declarations (JSON)' }, description: DECLARATIONS, responses: { 200: { description: 'Declarations', schema: 'OpenDataDeclarations', headers: { ETag: OPEN_DATA_ETAG, 'Last-Modified': OPEN_DATA_LAST_MODIFIED } }, 304: NOT_MODIFIED } },
  { method: 'get', path: '/api/v1/open-data/awards.csv', tag: 'open-data', auth: 'public', summary: { ja: 'オープンデータ：表彰（CSV）', en: 'Open data: awards (CSV)' }, description: AWARDS, responses: { 200: csv('表彰一覧'), 304: NOT_MODIFIED } },
  { method: 'get', path: '/api/v1/open-data/awards.json', tag: 'open-data', auth: 'public', summary: { ja: 'オープンデータ：表彰（JSON）', en: 'Open data: awards (JSON)' }, description: AWARDS, responses: { 200: { description: 'Awards', schema: 'OpenDataAwards', headers: { ETag: OPEN_DATA_ETAG, 'Last-Modified': OPEN_DATA_LAST_MODIFIED } }, 304: NOT_MODIFIED } },
  { method: 'get', path: '/openapi.json', tag: 'documentation', auth: 'public', summary: { ja: 'この API の OpenAPI 3.1 文書', en: 'This OpenAPI 3.1 document' }, responses: { 200: { description: 'OpenAPI 3.1', schema: { type: 'object' } } } },
  { method: 'get', path: '/docs', tag: 'documentation', auth: 'public', summary: { ja: 'API ドキュメント（試せる）', en: 'Interactive API documentation' }, responses: { 200: { description: 'HTML', contentType: 'text/html', schema: { type: 'string' } } } },
  { method: 'get', path: '/docs/explorer.js', tag: 'documentation', auth: 'public', summary: { ja: 'API ドキュメントのスクリプト', en: 'Script of the interactive documentation' }, responses: { 200: { description: 'JavaScript', contentType: 'text/javascript', schema: { type: 'string' } } } },
  { method: 'get', path: '/docs/explorer.css', tag: 'documentation', auth: 'public', summary: { ja: 'API ドキュメントのスタイル', en: 'Stylesheet of the interactive documentation' }, responses: { 200: { description: 'CSS', contentType: 'text/css', schema: { type: 'string' } } } },
];
