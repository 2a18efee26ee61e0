import { Validator as OpenApiValidator } from '@seriousme/openapi-schema-validator';
import { Validator as SchemaValidator } from '@cfworker/json-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/adapters/sqlite/open.js';
import { createApp } from '../../src/http/app.js';
import { requestSchemaName } from '../../src/http/openapi/document.js';
import { SCHEMAS, type SchemaName } from '../../src/http/validation.js';
import { createKyselyRegistry } from '../../src/registry.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const METHODS = ['get', 'post', 'put', 'delete', 'patch'] as const;

/** (method, OpenAPI path) of every documented operation. */
function documented(doc: any): { method: string; path: string }[] {
  return Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ method: method.toUpperCase(), path })),
  );
}

describe('OpenAPI document and /docs', () => {
  let server: TestServer;
  let doc: any;

  beforeAll(async () => {
    server = await startTestServer();
    const response = await server.call('GET', '/openapi.json', { token: null });
    expect(response.status).toBe(200);
    doc = response.body;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('documents every route the app registers, and nothing it does not', async () => {
    const store = await openSqlite({ path: ':memory:' });
    try {
      const registry = await createKyselyRegistry({ db: store.db, unitOfWork: store.unitOfWork, config: { validityMonths: 36, publicBaseUrl: 'http://localhost', didMethod: 'did:web' } });
      const app = createApp({ registry, publicBaseUrl: 'http://localhost' });
      // Middleware is registered as ALL with a wildcard; every other entry is a route.
      const routes = app.routes.filter((r) => !(r.method === 'ALL' && r.path.endsWith('*'))).map((r) => ({ method: r.method, path: r.path }));
      const operations = documented(doc);
      // A Hono pattern (/a/:id/:action) matches a documented path once its {placeholders} are filled in.
      const pattern = (path: string) => new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/:[^/]+/g, '[^/]+')}$`);
      const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'X');
      const covers = (route: { method: string; path: string }, op: { method: string; path: string }) =>
        (route.method === op.method || route.method === 'ALL') && pattern(route.path).test(concrete(op.path));
      const undocumented = routes.filter((route) => !operations.some((op) => covers(route, op))).map((r) => `${r.method} ${r.path}`);
      const stale = operations.filter((op) => !routes.some((route) => covers(route, op))).map((o) => `${o.method} ${o.path}`);
      expect({ undocumented, stale }, 'add the missing routes to src/http/openapi/routes/*.ts').toEqual({ undocumented: [], stale: [] });
    } finally {
      await store.close();
    }
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new OpenApiValidator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)?.slice(0, 2000)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.servers[0].url).toBe(server.url.replace('127.0.0.1', 'localhost'));
  });

  it('uses the very schema files that validate request bodies', () => {
    for (const [name, schema] of Object.entries(SCHEMAS)) {
      const { $id, $schema, ...body } = schema as Record<string, unknown>;
      expect(doc.components.schemas[requestSchemaName(name as SchemaName)], name).toEqual(body);
    }
    // And operations refer to them rather than copying them.
    const create = doc.paths['/api/v1/organizations'].post.requestBody.content['application/json'].schema;
    expect(create).toEqual({ $ref: '#/components/schemas/OrganizationRequest' });
  });

  it('gives every operation a bilingual summary and problem+json error responses', () => {
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const method of METHODS.filter((m) => item[m])) {
        const op = item[method];
        expect(op['x-summary'].ja, `${method} ${path}`).toMatch(/[ぁ-んァ-ヶ一-龠]/);
        expect(op['x-summary'].en, `${method} ${path}`).toMatch(/[A-Za-z]/);
        expect(op.responses['500'], `${method} ${path}`).toEqual({ $ref: '#/components/responses/InternalError' });
      }
    }
    for (const response of Object.values<any>(doc.components.responses)) {
      expect(response.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    }
  });

  it('describes errors as the app really sends them', async () => {
    const problem = new SchemaValidator(doc.components.schemas.Problem, '2020-12');
    const invalid = await server.call('POST', '/api/v1/organizations', { body: { kind: 'company' } });
    const unauthenticated = await server.call('GET', '/api/v1/tokens', { token: null });
    const missing = await server.call('GET', '/api/v1/declarations/nope', { token: null });
    for (const response of [invalid, unauthenticated, missing]) {
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(problem.validate(response.body).errors).toEqual([]);
    }
    // The documented error responses name those statuses.
    expect(Object.keys(doc.paths['/api/v1/organizations'].post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403']));
  });

  it('serves interactive docs from the registry itself, with no third-party requests', async () => {
    const page = await server.call('GET', '/docs', { token: null });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('<html lang="ja">');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    // What the page loads (scripts, images, stylesheets), not where its links lead (the footer names the official address).
    const sources = [...page.text.matchAll(/<(?:script|img|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.filter((s) => /^(https?:)?\/\//.test(s)), 'external resources').toEqual([]);
    expect(sources).toContain('/docs/explorer.js');
    for (const [path, type] of [['/docs/explorer.js', 'text/javascript'], ['/docs/explorer.css', 'text/css']] as const) {
      const asset = await server.call('GET', path, { token: null });
      expect(asset.status, path).toBe(200);
      expect(asset.headers.get('content-type')).toContain(type);
      expect(asset.text).not.toMatch(/https?:\/\/(?!json-schema)/);
    }
    const script = await server.call('GET', '/docs/explorer.js', { token: null });
    expect(() => new Function(script.text)).not.toThrow(); // parses as JavaScript
  });
});
