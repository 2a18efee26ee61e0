import { Validator as OpenApiValidator } from '@seriousme/openapi-schema-validator';
import { Validator as SchemaValidator } from '@cfworker/json-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/adapters/sqlite/open.js';
import { createApp } from '../../src/http/app.js';
import { requestSchemaName } from '../../src/http/openapi/document.js';
import { SCHEMAS, type SchemaName } from '../../src/http/validation.js';
import { createKyselyRegistry } from '../../src/registry.js';
import { CHANGE_EVENT_TYPES } from '../../src/domain/partners/model.js';
import { signedPresentation } from '../helpers/credentials.js';
import { accessToken, registerPartner, startReceiver } from '../helpers/partners.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

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
    // Loopback webhooks: the document's webhooks are checked against real deliveries.
    server = await startTestServer({ WEBHOOK_ALLOW_INSECURE_LOCALHOST: 'true' });
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

  it('says which operations e-mail the organization: recording an award, and the expiry sweep', () => {
    expect(doc.paths['/api/v1/awards'].post.description).toContain('congratulated by e-mail');
    expect(doc.paths['/api/v1/awards'].post.description).toContain('/my/badges');
    expect(doc.paths['/api/v1/admin/expire-due'].post.description).toContain('told by e-mail');
    expect(doc.paths['/api/v1/admin/expire-due'].post.description).toContain('renewal reminders');
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

  /** A validator for one schema of the document, its #/components references resolved within the document. */
  const validatorFor = (schema: unknown) => new SchemaValidator({ ...(schema as object), components: doc.components } as any, '2020-12');

  it('documents the JSON answer of GET /v/{id}, as it is sent, beside the page', async () => {
    const operation = doc.paths['/v/{id}'].get;
    expect(operation.responses['200'].content['text/html']).toBeDefined();
    expect(operation.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/VerificationAnswer' });
    expect(operation.responses['404'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/VerificationUnknown' });

    const company = await seedCompany(server, { n: 71, publish: true });
    const declaration = await server.call('GET', `/api/v1/declarations/${company.declarationId}`);
    const path = new URL(declaration.body.credentials[0].verificationUrl).pathname;
    const valid = await server.call('GET', path, { token: null, headers: { accept: 'application/json' } });
    expect(valid.status).toBe(200);
    expect(valid.headers.get('content-type')).toMatch(/^application\/json/);
    expect(valid.body).toMatchObject({ verdict: 'valid', valid: true });
    expect(validatorFor(doc.components.schemas.VerificationAnswer).validate(valid.body).errors).toEqual([]);
    // Suspended: the verdict, and when and why, in the same documented shape.
    await server.call('POST', `/api/v1/declarations/${company.declarationId}/suspend`, { body: { reason: 'under-investigation' } });
    const suspended = await server.call('GET', path, { token: null, headers: { accept: 'application/json' } });
    expect(suspended.body).toMatchObject({ verdict: 'suspended', valid: false, statusChange: { at: expect.any(String) } });
    expect(validatorFor(doc.components.schemas.VerificationAnswer).validate(suspended.body).errors).toEqual([]);

    const unknown = await server.call('GET', '/v/00000000-0000-4000-8000-000000000000', { token: null, headers: { accept: 'application/json' } });
    expect(unknown.status).toBe(404);
    expect(validatorFor(doc.components.schemas.VerificationUnknown).validate(unknown.body).errors).toEqual([]);
    const page = await server.call('GET', path, { token: null, headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('describes the webhooks partners receive: every event type, the body and the signature headers as sent', async () => {
    expect(Object.keys(doc.webhooks).sort()).toEqual([...CHANGE_EVENT_TYPES].sort());
    const receiver = await startReceiver();
    try {
      const partner = await registerPartner(server, { name: '株式会社文書検証' });
      const events = ['declaration.published', 'declaration.suspended', 'award.granted', 'organization.updated'];
      expect((await server.call('POST', `/api/v1/partners/${partner.id}/webhooks`, { body: { url: receiver.url, events } })).status).toBe(201);
      const company = await seedCompany(server, { n: 72, publish: true });
      // The award first: a company's award needs its declaration published at the time.
      expect((await server.call('POST', '/api/v1/awards', { body: { organizationId: company.organization.id, fiscalYear: 2025, category: 'minister' } })).status).toBe(201);
      await server.call('POST', `/api/v1/declarations/${company.declarationId}/suspend`, { body: { reason: 'under-investigation' } });
      const { kind, corporateNumber, prefectureCode } = (await server.call('GET', `/api/v1/organizations/${company.organization.id}`)).body;
      expect((await server.call('PUT', `/api/v1/organizations/${company.organization.id}`, { body: { kind, corporateNumber, prefectureCode, name: '株式会社文書検証（改称）' } })).status).toBe(200);
      await receiver.waitFor(4);
      for (const message of receiver.received) {
        const body = JSON.parse(message.body);
        const operation = doc.webhooks[body.type]?.post;
        expect(operation, body.type).toBeDefined();
        const schema = operation.requestBody.content['application/json'].schema;
        expect(validatorFor(schema).validate(body).errors, body.type).toEqual([]);
        for (const parameter of operation.parameters.filter((p: { in: string }) => p.in === 'header')) {
          expect(message.headers[parameter.name], `${body.type}: ${parameter.name}`).toEqual(expect.any(String));
        }
        expect(message.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      }
      expect(receiver.received.map((m) => JSON.parse(m.body).type).sort()).toEqual([...events].sort());
      // A body of another event type does not pass for this one.
      const published = receiver.received.map((m) => JSON.parse(m.body)).find((b) => b.type === 'declaration.published');
      expect(validatorFor(doc.webhooks['award.granted'].post.requestBody.content['application/json'].schema).validate(published).valid).toBe(false);
      // And the referenced shapes count: an event without its data's organization does not pass.
      const publishedSchema = validatorFor(doc.webhooks['declaration.published'].post.requestBody.content['application/json'].schema);
      expect(publishedSchema.validate({ ...published, data: { declaration: published.data.declaration } }).valid).toBe(false);
    } finally {
      await receiver.close();
    }
  });

  it('lists the error statuses these routes really answer', async () => {
    const responses = (method: string, path: string) => Object.keys(doc.paths[path][method].responses);

    const malformed = await server.call('GET', '/api/v1/organizations/by-corporate-number/7000012050003', { token: null });
    expect(malformed.status).toBe(400);
    expect(responses('get', '/api/v1/organizations/by-corporate-number/{corporateNumber}')).toContain('400');

    const partner = await registerPartner(server, { name: '株式会社上限確認' });
    const hook = (i: number) => ({ url: `https://receiver.example/hook-${i}`, events: ['award.revoked'] });
    for (let i = 0; i < 10; i++) expect((await server.call('POST', `/api/v1/partners/${partner.id}/webhooks`, { body: hook(i) })).status).toBe(201);
    const eleventh = await server.call('POST', `/api/v1/partners/${partner.id}/webhooks`, { body: hook(10) });
    expect(eleventh.status).toBe(409);
    expect(eleventh.body.messages.ja).toContain('10');
    expect(responses('post', '/api/v1/partners/{partnerId}/webhooks')).toContain('409');

    const replaying = await registerPartner(server, { name: '株式会社再送確認' });
    const receiver = await startReceiver();
    try {
      const webhook = await server.call('POST', `/api/v1/partners/${replaying.id}/webhooks`, { body: { url: receiver.url, events: ['declaration.published'] } });
      await seedCompany(server, { n: 73, publish: true });
      const [delivery] = (await server.call('GET', `/api/v1/partners/${replaying.id}/deliveries`)).body.items;
      expect((await server.call('DELETE', `/api/v1/partners/${replaying.id}/webhooks/${webhook.body.id}`)).status).toBe(204);
      const replay = await server.call('POST', `/api/v1/partners/${replaying.id}/deliveries/${delivery.id}/replay`);
      expect(replay.status).toBe(409);
      expect(replay.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(responses('post', '/api/v1/partners/{partnerId}/deliveries/{deliveryId}/replay')).toContain('409');
    } finally {
      await receiver.close();
    }
  });

  it('lets a partner subscribe to every event type the document lists', async () => {
    const events = doc.components.schemas.WebhookRequest.properties.events.items.enum;
    expect([...events].sort()).toEqual([...CHANGE_EVENT_TYPES].sort());
    const partner = await registerPartner(server, { name: '株式会社全イベント' });
    const token = await accessToken(server, partner);
    const registered = await server.call('POST', '/api/v1/partners/me/webhooks', { token, body: { url: 'https://receiver.example/all', events } });
    expect(registered.status, registered.text).toBe(201);
    expect([...registered.body.events].sort()).toEqual([...events].sort());
  });

  /**
   * What a client coding against the document would trip over in one real answer: a status the
   * operation does not list, a content type it does not list for that status, a body that does not
   * validate against that content's schema.
   */
  function mismatches(method: string, path: string, response: { status: number; headers: Headers; body: any; text: string }): string[] {
    const operation = doc.paths[path]?.[method.toLowerCase()];
    if (!operation) return [`${method} ${path} is not documented`];
    let documented = operation.responses[String(response.status)];
    if (!documented) return [`${method} ${path}: ${response.status} is not documented`];
    if (documented.$ref) documented = doc.components.responses[documented.$ref.split('/').pop()];
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    const content = documented.content?.[type];
    if (!content) return [`${method} ${path}: ${response.status} as ${type} is not documented (${Object.keys(documented.content ?? {}).join(', ')})`];
    const body = response.body ?? response.text;
    return validatorFor(content.schema).validate(body).errors.map((e) => `${method} ${path}: ${response.status} ${type}: ${e.instanceLocation} ${e.error}`);
  }

  it('documents every content type a credential, a status list, the JWKS and verification answer in', async () => {
    const company = await seedCompany(server, { n: 74, publish: true });
    const declaration = await server.call('GET', `/api/v1/declarations/${company.declarationId}`);
    const credentialPath = new URL(declaration.body.credentials[0].id).pathname;
    const credential = await server.call('GET', credentialPath, { token: null });
    const statusListPath = new URL(credential.body.credentialStatus[0].statusListCredential).pathname;
    const problems: string[] = [];
    for (const accept of ['application/vc+jwt', 'application/vc', 'application/vc+ld+json', 'application/ld+json', 'application/json', '*/*']) {
      const answer = await server.call('GET', credentialPath, { token: null, headers: { accept } });
      expect(answer.status, accept).toBe(200);
      problems.push(...mismatches('GET', '/credentials/{id}', answer));
      problems.push(...mismatches('GET', '/status-lists/{id}', await server.call('GET', statusListPath, { token: null, headers: { accept } })));
    }
    for (const accept of ['application/jwk-set+json', 'application/json']) {
      problems.push(...mismatches('GET', '/.well-known/jwks.json', await server.call('GET', '/.well-known/jwks.json', { token: null, headers: { accept } })));
    }
    // A request verification cannot read is problem+json; a credential that fails is a result.
    for (const body of [{ verifiableCredential: credential.text }, { verifiableCredential: credential.body, options: { checks: ['nope'] } }, {}]) {
      const answer = await server.call('POST', '/credentials/verify', { token: null, body });
      expect(answer.status).toBe(400);
      problems.push(...mismatches('POST', '/credentials/verify', answer));
    }
    problems.push(...mismatches('POST', '/credentials/verify', await server.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential: { ...credential.body, name: 'altered' } } })));
    problems.push(...mismatches('POST', '/presentations/verify', await server.call('POST', '/presentations/verify', { token: null, body: {} })));
    // A presentation that fails is a result too, its problems (each with its messages) as documented.
    const malformed = await server.call('POST', '/presentations/verify', { token: null, body: { verifiablePresentation: { type: ['Presentation'] }, options: { challenge: 'c' } } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.length).toBeGreaterThan(0);
    problems.push(...mismatches('POST', '/presentations/verify', malformed));
    // A verified one: each presented credential as POST /credentials/verify answers it, credentialId and registryStatus included.
    const vp = await signedPresentation(server, [credential.body], { challenge: 'c' });
    const presented = await server.call('POST', '/presentations/verify', { token: null, body: { verifiablePresentation: vp, options: { challenge: 'c' } } });
    expect(presented.status).toBe(200);
    expect(presented.body.credentials[0]).toMatchObject({ credentialId: expect.any(String), registryStatus: 'active' });
    problems.push(...mismatches('POST', '/presentations/verify', presented));
    expect(problems).toEqual([]);
  });

  it('documents the 401 of a refused token and the 429 of a partner over its limit wherever they are answered, with their headers', async () => {
    const headersOf = (method: string, path: string, status: number) => {
      const documented = doc.paths[path][method].responses[String(status)];
      if (!documented) return [];
      return Object.keys((documented.$ref ? doc.components.responses[documented.$ref.split('/').pop()] : documented).headers ?? {});
    };
    const partner = await registerPartner(server, { name: '株式会社上限一件', rateLimitPerMinute: 1 });
    const token = await accessToken(server, partner);
    const problems: string[] = [];
    // A token that is sent is checked on every route, also where none is needed.
    const company = await seedCompany(server, { n: 75, publish: true });
    for (const [path, template] of [['/api/v1/changes', '/api/v1/changes'], [`/api/v1/organizations/by-corporate-number/${company.organization.corporateNumber}`, '/api/v1/organizations/by-corporate-number/{corporateNumber}'], ['/api/v1/award-categories', '/api/v1/award-categories'], ['/healthz', '/healthz']] as [string, string][]) {
      const refused = await server.call('GET', path, { token: 'not-a-token' });
      expect(refused.status, path).toBe(401);
      expect(refused.headers.get('www-authenticate'), path).toContain('invalid_token');
      problems.push(...mismatches('GET', template, refused));
    }
    // A partner's token counts against its own limit wherever it is sent.
    expect((await server.call('GET', '/api/v1/award-categories', { token })).status).toBe(200);
    const limited = await server.call('GET', '/api/v1/award-categories', { token });
    expect(limited.status).toBe(429);
    problems.push(...mismatches('GET', '/api/v1/award-categories', limited));
    for (const name of headersOf('get', '/api/v1/award-categories', 429)) expect(limited.headers.get(name), name).toEqual(expect.any(String));
    expect(headersOf('get', '/api/v1/award-categories', 429)).toEqual(expect.arrayContaining(['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-Policy']));
    expect(problems).toEqual([]);
  });

  /** Fields of a real answer that the document's schema for it does not describe (one level of oneOf resolved by validation). */
  function undescribed(schema: any, value: unknown, at = ''): string[] {
    if (schema?.$ref) schema = schema.$ref.slice(2).split('/').reduce((node: any, key: string) => node[key], doc);
    const branches = schema?.oneOf ?? schema?.anyOf;
    if (branches) {
      const branch = branches.find((b: unknown) => validatorFor(b).validate(value).valid);
      return branch ? undescribed(branch, value, at) : [`${at}: matches none of its schemas`];
    }
    if (Array.isArray(value)) return schema?.items ? value.flatMap((item, i) => undescribed(schema.items, item, `${at}/${i}`)) : [];
    if (value === null || typeof value !== 'object') return [];
    // An object the document declares open on purpose (a credential, an audit snapshot) is read as a whole.
    if (!schema?.properties) return schema?.additionalProperties === true ? [] : [`${at}: {${Object.keys(value).join(', ')}} has no documented fields`];
    return Object.entries(value).flatMap(([key, v]) => (key in schema.properties ? undescribed(schema.properties[key], v, `${at}/${key}`) : [`${at}/${key}`]));
  }

  it("describes every field of the answers a partner reads: lookups, the change feed, deliveries, organizations, declarations and awards", async () => {
    const company = await seedCompany(server, { n: 76, publish: true });
    expect((await server.call('POST', '/api/v1/awards', { body: { organizationId: company.organization.id, fiscalYear: 2025, category: 'minister' } })).status).toBe(201);
    const partner = await registerPartner(server, { name: '株式会社項目確認' });
    const token = await accessToken(server, partner);
    const receiver = await startReceiver();
    try {
      expect((await server.call('POST', '/api/v1/partners/me/webhooks', { token, body: { url: receiver.url, events: ['declaration.suspended'] } })).status).toBe(201);
      await server.call('POST', `/api/v1/declarations/${company.declarationId}/suspend`, { body: { reason: 'under-investigation' } });
      await receiver.waitFor(1);
      const [delivered] = (await server.call('GET', '/api/v1/partners/me/deliveries', { token })).body.items;
      const declaration = await server.call('GET', `/api/v1/declarations/${company.declarationId}`, { token: null });
      const credentialId = declaration.body.credentials[0].id;
      const award = (await server.call('GET', `/api/v1/awards?organizationId=${company.organization.id}`, { token: null })).body.items[0];
      const answers: [string, string, { status: number; body: unknown }][] = [
        ['get', '/api/v1/organizations/by-corporate-number/{corporateNumber}', await server.call('GET', `/api/v1/organizations/by-corporate-number/${company.organization.corporateNumber}`, { token })],
        ['post', '/api/v1/lookup', await server.call('POST', '/api/v1/lookup', { token, body: { corporateNumbers: [company.organization.corporateNumber, '123'], credentialIds: [credentialId] } })],
        ['get', '/api/v1/changes', await server.call('GET', '/api/v1/changes?limit=500', { token })],
        ['get', '/api/v1/partners/{partnerId}/deliveries', await server.call('GET', '/api/v1/partners/me/deliveries', { token })],
        ['post', '/api/v1/partners/{partnerId}/deliveries/{deliveryId}/replay', await server.call('POST', `/api/v1/partners/me/deliveries/${delivered.id}/replay`, { token })],
        ['post', '/api/v1/partners/{partnerId}/webhooks', await server.call('POST', '/api/v1/partners/me/webhooks', { token, body: { url: 'https://receiver.example/fields', events: ['award.granted'] } })],
        ['get', '/api/v1/partners/{partnerId}/webhooks', await server.call('GET', '/api/v1/partners/me/webhooks', { token })],
        ['get', '/api/v1/organizations', await server.call('GET', '/api/v1/organizations', { token })],
        ['get', '/api/v1/organizations/{id}', await server.call('GET', `/api/v1/organizations/${company.organization.id}`, { token })],
        ['get', '/api/v1/declarations', await server.call('GET', '/api/v1/declarations?status=suspended', { token })],
        ['get', '/api/v1/declarations/{id}', declaration],
        ['get', '/api/v1/awards', await server.call('GET', '/api/v1/awards', { token })],
        ['get', '/api/v1/awards/{id}', await server.call('GET', `/api/v1/awards/${award.id}`, { token })],
        ['get', '/api/v1/open-data/declarations.json', await server.call('GET', '/api/v1/open-data/declarations.json', { token: null })],
        ['get', '/api/v1/open-data/awards.json', await server.call('GET', '/api/v1/open-data/awards.json', { token: null })],
        // The secretariat's side of the same partner.
        ['get', '/api/v1/partners', await server.call('GET', '/api/v1/partners')],
        ['get', '/api/v1/partners/{partnerId}', await server.call('GET', `/api/v1/partners/${partner.id}`)],
        ['post', '/api/v1/partners/{partnerId}/deactivate', await server.call('POST', `/api/v1/partners/${partner.id}/deactivate`, { body: { reason: '確認のため' } })],
        ['post', '/api/v1/partners/{partnerId}/reactivate', await server.call('POST', `/api/v1/partners/${partner.id}/reactivate`)],
        ['post', '/api/v1/partners/{partnerId}/rotate-secret', await server.call('POST', `/api/v1/partners/${partner.id}/rotate-secret`)],
        ['post', '/api/v1/partners', await server.call('POST', '/api/v1/partners', { body: { name: '株式会社項目確認二', kind: 'other' } })],
        ['get', '/api/v1/declarations/{id}/versions', await server.call('GET', `/api/v1/declarations/${company.declarationId}/versions`)],
        ['get', '/api/v1/organizations/{id}/credentials', await server.call('GET', `/api/v1/organizations/${company.organization.id}/credentials`)],
        ['get', '/api/v1/audit-log', await server.call('GET', '/api/v1/audit-log?limit=20')],
      ];
      const problems: string[] = [];
      for (const [method, path, answer] of answers) {
        const status = Object.keys(doc.paths[path][method].responses).find((s) => s.startsWith('2'))!;
        expect(answer.status, path).toBe(Number(status));
        const schema = doc.paths[path][method].responses[status].content['application/json'].schema;
        problems.push(...validatorFor(schema).validate(answer.body).errors.map((e) => `${method} ${path}: ${e.instanceLocation} ${e.error}`));
        // Array indexes folded: one line per undescribed field.
        problems.push(...new Set(undescribed(schema, answer.body).map((field) => `${method} ${path}: ${field.replace(/\/\d+/g, '/*')}`)));
      }
      expect(problems).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it('answers a creation with a Location only where that address can be read', async () => {
    const company = await seedCompany(server, { n: 77, publish: true });
    const created = [
      ['/api/v1/organizations', await server.call('POST', '/api/v1/organizations', { body: { kind: 'municipality', name: '位置確認町', localGovernmentCode: '012025', prefectureCode: '01' } })],
      ['/api/v1/awards', await server.call('POST', '/api/v1/awards', { body: { organizationId: company.organization.id, fiscalYear: 2025, category: 'minister' } })],
      ['/api/v1/partners', await server.call('POST', '/api/v1/partners', { body: { name: '株式会社位置確認', kind: 'hr-company' } })],
    ] as const;
    for (const [path, answer] of created) {
      expect(answer.status, answer.text).toBe(201);
      const location = answer.headers.get('location');
      if (location === null) continue;
      expect(Object.keys(doc.paths[path].post.responses['201'].headers ?? {}), path).toContain('Location');
      const read = await server.call('GET', location);
      expect(read.status, location).toBe(200);
      expect(read.body.id, location).toBe(answer.body.id);
    }
  });

  it('describes the token endpoint as it reads and refuses bodies', async () => {
    const operation = doc.paths['/oauth/token'].post;
    const partner = await registerPartner(server, { name: '株式会社本文確認' });
    const asJson = await server.call('POST', '/oauth/token', { token: null, body: { grant_type: 'client_credentials', client_id: partner.clientId, client_secret: partner.clientSecret } });
    expect(asJson.status).toBe(200);
    expect(Object.keys(operation.requestBody.content)).toEqual(expect.arrayContaining(['application/x-www-form-urlencoded', 'application/json']));
    const oversized = await server.call('POST', '/oauth/token', { token: null, rawBody: `grant_type=client_credentials&padding=${'a'.repeat(20_000)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(oversized.status).toBe(400);
    expect(oversized.body.error).toBe('invalid_request');
    expect(mismatches('POST', '/oauth/token', oversized)).toEqual([]);
    // The headers OAuth asks for, as documented.
    const refused = await server.call('POST', '/oauth/token', { token: null, rawBody: 'grant_type=client_credentials', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${btoa('unknown:wrong')}` } });
    expect(refused.status).toBe(401);
    for (const [answer, status] of [[asJson, 200], [refused, 401]] as const) {
      const names = Object.keys(operation.responses[String(status)].headers ?? {});
      expect(names.length, String(status)).toBeGreaterThan(0);
      for (const name of names) expect(answer.headers.get(name), `${status} ${name}`).toEqual(expect.any(String));
    }
    // Never 413 problem+json there: the document lists none.
    expect(Object.keys(operation.responses)).not.toContain('413');
  });

  it('documents the Idempotency-Key a partner may send when registering a webhook, and what it answers', async () => {
    const operation = doc.paths['/api/v1/partners/{partnerId}/webhooks'].post;
    expect(operation.parameters.map((p: { name: string; in: string }) => `${p.in} ${p.name}`)).toContain('header Idempotency-Key');
    const partner = await registerPartner(server, { name: '株式会社再送キー' });
    const token = await accessToken(server, partner);
    const key = { 'idempotency-key': crypto.randomUUID() };
    const body = { url: 'https://receiver.example/once', events: ['award.granted'] };
    const first = await server.call('POST', '/api/v1/partners/me/webhooks', { token, body, headers: key });
    const again = await server.call('POST', '/api/v1/partners/me/webhooks', { token, body, headers: key });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(Object.keys(operation.responses['201'].headers ?? {})).toContain('Idempotency-Replayed');
    const reused = await server.call('POST', '/api/v1/partners/me/webhooks', { token, body: { ...body, events: ['award.revoked'] }, headers: key });
    expect(reused.status).toBe(422);
    const malformed = await server.call('POST', '/api/v1/partners/me/webhooks', { token, body, headers: { 'idempotency-key': 'ä' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toBe('Idempotency-Key');
    // A header can be the field a problem names, and the Problem schema says so.
    expect(doc.components.schemas.Problem.properties.errors.description).toMatch(/header/);
    expect([...mismatches('POST', '/api/v1/partners/{partnerId}/webhooks', reused), ...mismatches('POST', '/api/v1/partners/{partnerId}/webhooks', malformed)]).toEqual([]);
  });

  it('documents the conditional headers the registry reads and the ETag it answers with', async () => {
    const company = await seedCompany(server, { n: 78, publish: false });
    const parameters = (method: string, path: string) => (doc.paths[path][method].parameters ?? []).filter((p: { in: string }) => p.in === 'header').map((p: { name: string }) => p.name);
    const documentedHeaders = (method: string, path: string, status: number) => Object.keys(doc.paths[path][method].responses[String(status)]?.headers ?? {});
    const problems: string[] = [];
    const seen = (method: string, path: string, answer: { status: number; headers: Headers }) => {
      if (answer.headers.get('etag') !== null && !documentedHeaders(method, path, answer.status).includes('ETag')) problems.push(`${method} ${path} ${answer.status}: ETag sent, not documented`);
    };
    const read = await server.call('GET', `/api/v1/declarations/${company.declarationId}`);
    const etag = read.headers.get('etag')!;
    seen('get', '/api/v1/declarations/{id}', read);
    const submitted = await server.call('POST', `/api/v1/declarations/${company.declarationId}/submit`, { headers: { 'if-match': etag } });
    expect(submitted.status).toBe(200);
    seen('post', '/api/v1/declarations/{id}/submit', submitted);
    const stale = await server.call('POST', `/api/v1/declarations/${company.declarationId}/publish`, { headers: { 'if-match': etag } });
    expect(stale.status).toBe(412);
    expect(mismatches('POST', '/api/v1/declarations/{id}/publish', stale)).toEqual([]);
    const organization = await server.call('GET', `/api/v1/organizations/${company.organization.id}`);
    const { kind, corporateNumber, prefectureCode, name } = organization.body;
    const updated = await server.call('PUT', `/api/v1/organizations/${company.organization.id}`, { headers: { 'if-match': organization.headers.get('etag')! }, body: { kind, corporateNumber, prefectureCode, name } });
    expect(updated.status).toBe(200);
    seen('put', '/api/v1/organizations/{id}', updated);
    const created = await server.call('POST', '/api/v1/organizations', { body: { kind: 'municipality', name: '条件確認村', localGovernmentCode: '022012', prefectureCode: '02' } });
    seen('post', '/api/v1/organizations', created);
    const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: created.body.id, fiscalYear: 2025, category: 'minister' } });
    expect(award.status, award.text).toBe(201);
    seen('post', '/api/v1/awards', award);
    const awardRead = await server.call('GET', `/api/v1/awards/${award.body.id}`);
    seen('get', '/api/v1/awards/{id}', awardRead);
    const suspended = await server.call('POST', `/api/v1/awards/${award.body.id}/suspend`, { headers: { 'if-match': awardRead.headers.get('etag')! } });
    expect(suspended.status, suspended.text).toBe(200);
    seen('post', '/api/v1/awards/{id}/suspend', suspended);
    const staleAward = await server.call('POST', `/api/v1/awards/${award.body.id}/revoke`, { headers: { 'if-match': awardRead.headers.get('etag')! } });
    expect(staleAward.status).toBe(412);
    expect(mismatches('POST', '/api/v1/awards/{id}/revoke', staleAward)).toEqual([]);
    expect(problems).toEqual([]);
    for (const [method, path] of [['post', '/api/v1/declarations/{id}/publish'], ['put', '/api/v1/declarations/{id}'], ['put', '/api/v1/organizations/{id}'], ...['suspend', 'reinstate', 'revoke'].map((action) => ['post', `/api/v1/awards/{id}/${action}`])]) expect(parameters(method!, path!), path).toContain('If-Match');
    for (const path of ['/api/v1/declarations/{id}', '/api/v1/organizations/{id}', '/api/v1/open-data/awards.json']) expect(parameters('get', path), path).toContain('If-None-Match');
  });

  it("says a partner may send its token where none is needed, and that the call then counts against the partner's limit", async () => {
    const company = await seedCompany(server, { n: 79, publish: true });
    for (const path of ['/api/v1/organizations/by-corporate-number/{corporateNumber}', '/api/v1/changes']) {
      expect(doc.paths[path].get.security, path).toContainEqual({ partnerOAuth: ['lookup'] });
      expect(doc.paths[path].get.security, path).toContainEqual({});
    }
    expect(doc.paths['/oauth/token'].post.security).toEqual([]);
    const partner = await registerPartner(server, { name: '株式会社公開確認', rateLimitPerMinute: 4321 });
    const token = await accessToken(server, partner);
    const answer = await server.call('GET', `/api/v1/organizations/by-corporate-number/${company.organization.corporateNumber}`, { token });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('ratelimit-limit')).toBe('4321');
  });

  it('describes the embed snippet a recruiting site reads, and the 410 of a badge that is no longer valid', async () => {
    const company = await seedCompany(server, { n: 80, publish: true });
    const declaration = await server.call('GET', `/api/v1/declarations/${company.declarationId}`, { token: null });
    const embedPath = `${new URL(declaration.body.credentials[0].id).pathname}/embed`;
    const valid = await server.call('GET', embedPath, { token: null });
    expect(valid.status).toBe(200);
    const schema = doc.paths['/credentials/{id}/embed'].get.responses['200'].content['application/json'].schema;
    expect(undescribed(schema, valid.body)).toEqual([]);
    expect(mismatches('GET', '/credentials/{id}/embed', valid)).toEqual([]);
    // Every field the answer always has is required, so a client may rely on it.
    expect([...schema.required].sort()).toEqual(Object.keys(valid.body).sort());

    await server.call('POST', `/api/v1/declarations/${company.declarationId}/suspend`, { body: { reason: 'under-investigation' } });
    const suspended = await server.call('GET', embedPath, { token: null });
    expect(suspended.status).toBe(410);
    expect(suspended.body).toMatchObject({ credentialStatus: 'suspended', verificationUrl: expect.any(String) });
    expect(mismatches('GET', '/credentials/{id}/embed', suspended)).toEqual([]);
    // No 409 is answered here or by the badge images: the document lists what is, their 400 for a size they do not draw too.
    expect(Object.keys(doc.paths['/credentials/{id}/embed'].get.responses)).not.toContain('409');
    const badgePath = new URL(valid.body.badgeSvg).pathname;
    for (const image of ['badge.svg', 'badge.png'] as const) {
      const path = `/credentials/{id}/${image}`;
      const unknownSize = await server.call('GET', `${badgePath.replace('badge.svg', image)}?size=huge`, { token: null });
      expect(unknownSize.status, image).toBe(400);
      expect(mismatches('GET', path, unknownSize)).toEqual([]);
      expect(Object.keys(doc.paths[path].get.responses), path).not.toContain('409');
    }
  });

  it('lists the 415 of a body that is neither JSON nor sent as JSON wherever a JSON body is read', async () => {
    const problems: string[] = [];
    const company = await seedCompany(server, { n: 81, publish: true });
    const declaration = await server.call('GET', `/api/v1/declarations/${company.declarationId}`, { token: null });
    const jwt = (await server.call('GET', new URL(declaration.body.credentials[0].id).pathname, { token: null, headers: { accept: 'application/vc+jwt' } })).text;
    const asJwt = { rawBody: jwt, headers: { 'content-type': 'application/vc+jwt' } };
    for (const [method, path, address] of [['POST', '/credentials/verify', '/credentials/verify'], ['POST', '/api/v1/lookup', '/api/v1/lookup'], ['PUT', '/api/v1/declarations/{id}', `/api/v1/declarations/${company.declarationId}`]] as const) {
      const answer = await server.call(method, address, { ...asJwt, token: method === 'PUT' ? company.orgToken : undefined });
      expect(answer.status, path).toBe(415);
      problems.push(...mismatches(method, path, answer));
    }
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const method of METHODS.filter((m) => item[m]?.requestBody?.content?.['application/json']?.schema?.$ref)) {
        if (!item[method].responses['415']) problems.push(`${method} ${path}: 415 not listed`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('says what the change feed carries, where to start it and what a cursor past the newest means', async () => {
    const feed = doc.paths['/api/v1/changes'].get;
    // Every event type it carries, not a sample of them.
    for (const type of CHANGE_EVENT_TYPES) expect(feed.description, type).toContain(`\`${type}\``);
    // Where to start: from the beginning without `after`, or from now with /api/v1/changes/latest.
    expect(feed.description).toContain('/api/v1/changes/latest');
    const latest = await server.call('GET', '/api/v1/changes/latest', { token: null });
    const latestSchema = doc.paths['/api/v1/changes/latest'].get.responses['200'].content['application/json'].schema;
    expect(latestSchema.required).toEqual(['cursor']);
    expect(validatorFor(latestSchema).validate(latest.body).errors).toEqual([]);
    // A cursor past the newest (a restored backup) is 400 naming after: the document says what to do then.
    const past = await server.call('GET', `/api/v1/changes?after=${Number(latest.body.cursor) + 1000}`, { token: null });
    expect([past.status, past.body.errors[0].field]).toEqual([400, 'after']);
    expect(mismatches('GET', '/api/v1/changes', past)).toEqual([]);
    expect(feed.parameters.find((p: { name: string }) => p.name === 'after').description).toMatch(/restored|復元/);
  });
  it("says which awards a lookup lists: the statuses it really answers with, and where a revoked one's credential is", async () => {
    const company = await seedCompany(server, { n: 82, publish: true });
    const grant = async (category: string) => (await server.call('POST', '/api/v1/awards', { body: { organizationId: company.organization.id, fiscalYear: 2025, category } })).body;
    const kept = await grant('minister');
    const revoked = await grant('excellence');
    const read = await server.call('GET', `/api/v1/awards/${revoked.id}`);
    expect((await server.call('POST', `/api/v1/awards/${revoked.id}/revoke`, { headers: { 'if-match': read.headers.get('etag')! } })).status).toBe(200);
    const token = await accessToken(server, await registerPartner(server, { name: '株式会社受賞確認' }));
    const answer = await server.call('GET', `/api/v1/organizations/by-corporate-number/${company.organization.corporateNumber}`, { token });
    expect(answer.body.awards.map((a: { id: string }) => a.id)).toEqual([kept.id]);
    expect(answer.body.credentials.find((c: { subjectId: string }) => c.subjectId === revoked.id)?.status).toBe('revoked');
    const awards = doc.paths['/api/v1/organizations/by-corporate-number/{corporateNumber}'].get.responses['200'].content['application/json'].schema.properties.awards;
    expect(awards.items.properties.status.enum).toEqual(['active', 'suspended']);
    expect(awards.description).toContain('`credentials`');
  });
});
