import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/adapters/sqlite/open.js';
import { ACTIONS } from '../../src/domain/declaration-lifecycle.js';
import { createApp } from '../../src/http/app.js';
import { createKyselyRegistry } from '../../src/registry.js';
import { credentialUuid, declarationCredential, signedPresentation } from '../helpers/credentials.js';
import {
  COMPANY, DECLARATION, MUNICIPALITY, corporateNumberFor, seedCompany, startTestServer, type CallOptions, type TestServer,
} from '../helpers/server.js';

/**
 * Every route × every role → expected status.
 *
 * "own" is the organization that owns the record the path names (or, for routes that name no
 * record, simply an organization token); "other" is a different organization. Each cell gets its
 * own record in a state where the action is legal for an allowed role, so a 403 means forbidden,
 * never 409. Bad tokens (revoked, malformed, unknown) are 401 on every route.
 */
const ROLES = ['public', 'admin', 'own', 'other', 'revokedToken', 'malformedToken', 'unknownToken'] as const;
type Role = (typeof ROLES)[number];
type Expected = Record<Role, number>;

interface Fixture {
  server: TestServer;
  a: Awaited<ReturnType<typeof seedCompany>> & { publishedId: string; awardId: string };
  b: Awaited<ReturnType<typeof seedCompany>>;
  unlisted: Awaited<ReturnType<typeof seedCompany>>;
  municipalityId: string;
  revokedToken: string;
  /** Company A's published declaration's credential, both forms, and a holder's presentation of it. */
  credential: { uuid: string; dataIntegrity: Record<string, any>; jwt: string; statusListPath: string; presentation: unknown };
}

interface Row {
  method: string;
  /** The path with placeholders, as it appears in the report and the route check. */
  template: string;
  /** The concrete path for one cell; may create a fresh record for that cell. */
  path: (f: Fixture) => string | Promise<string>;
  /** The body for one cell; may create a fresh record for that cell. */
  body?: (f: Fixture) => unknown;
  /** Whose token counts as "own" (default: company A, which owns every seeded record). */
  owner?: 'a' | 'unlisted';
  expect: Partial<Expected> & Pick<Expected, 'public' | 'admin' | 'own' | 'other'>;
}

const BAD_TOKENS = { revokedToken: 401, malformedToken: 401, unknownToken: 401 };

// ---------------------------------------------------------------------------------------------
// Helpers that build a fresh record per cell (all as the administrator, on company A's behalf).

let counter = 0;
const unique = () => ++counter;

async function ok(f: Fixture, method: string, path: string, body?: unknown) {
  const response = await f.server.call(method, path, body === undefined ? {} : { body });
  if (response.status >= 300) throw new Error(`fixture ${method} ${path}: ${response.status} ${response.text}`);
  return response.body;
}

type DeclarationState = 'draft' | 'submitted' | 'published' | 'suspended' | 'expired';
async function declarationIn(f: Fixture, state: DeclarationState): Promise<string> {
  const { id } = await ok(f, 'POST', `/api/v1/organizations/${f.a.organization.id}/declarations`, DECLARATION);
  if (state === 'draft') return id;
  await ok(f, 'POST', `/api/v1/declarations/${id}/submit`);
  if (state === 'submitted') return id;
  await ok(f, 'POST', `/api/v1/declarations/${id}/publish`);
  if (state === 'suspended') await ok(f, 'POST', `/api/v1/declarations/${id}/suspend`, { reason: 'under-investigation' });
  if (state === 'expired') {
    // Time travel: the validity ended yesterday; the secretariat's expiry sweep then expires it.
    const db = new BetterSqlite3(f.server.dbPath);
    try {
      db.prepare('UPDATE declarations SET valid_until = ? WHERE id = ?').run(new Date(Date.now() - 86_400_000).toISOString(), id);
    } finally {
      db.close();
    }
    await ok(f, 'POST', '/api/v1/admin/expire-due');
  }
  return id;
}

async function awardIn(f: Fixture, state: 'active' | 'suspended'): Promise<string> {
  const { id } = await ok(f, 'POST', '/api/v1/awards', { organizationId: f.a.organization.id, fiscalYear: 2025, category: 'excellence' });
  if (state === 'suspended') await ok(f, 'POST', `/api/v1/awards/${id}/suspend`);
  return id;
}

const newCompany = () => ({ ...COMPANY, name: `新規株式会社${counter + 1}`, corporateNumber: corporateNumberFor(1000 + unique()) });
const companyA = (f: Fixture) => ({ ...COMPANY, name: f.a.organization.name, corporateNumber: f.a.organization.corporateNumber });

// ---------------------------------------------------------------------------------------------
// The matrix.

const d = (action: string, from: DeclarationState, expect: Row['expect'], body?: unknown): Row => ({
  method: 'POST',
  template: `/api/v1/declarations/{${from}}/${action}`,
  path: async (f) => `/api/v1/declarations/${await declarationIn(f, from)}/${action}`,
  ...(body === undefined ? {} : { body: () => body }),
  expect,
});
const award = (action: string, from: 'active' | 'suspended'): Row => ({
  method: 'POST',
  template: `/api/v1/awards/{${from}}/${action}`,
  path: async (f) => `/api/v1/awards/${await awardIn(f, from)}/${action}`,
  expect: { public: 401, admin: 200, own: 403, other: 403 },
});

const EVERYONE = { public: 200, admin: 200, own: 200, other: 200 };
const ADMIN_ONLY_READ = { public: 401, admin: 200, own: 403, other: 403 };
const ADMIN_ONLY_CREATE = { public: 401, admin: 201, own: 403, other: 403 };

const MATRIX: Row[] = [
  { method: 'GET', template: '/healthz', path: () => '/healthz', expect: EVERYONE },

  // Organizations
  { method: 'GET', template: '/api/v1/organizations', path: () => '/api/v1/organizations', expect: EVERYONE },
  { method: 'POST', template: '/api/v1/organizations', path: () => '/api/v1/organizations', body: newCompany, expect: ADMIN_ONLY_CREATE },
  { method: 'GET', template: '/api/v1/organizations/{listed}', path: (f) => `/api/v1/organizations/${f.a.organization.id}`, expect: EVERYONE },
  {
    method: 'GET',
    template: '/api/v1/organizations/{unlisted}',
    path: (f) => `/api/v1/organizations/${f.unlisted.organization.id}`,
    owner: 'unlisted',
    expect: { public: 404, admin: 200, own: 200, other: 404 },
  },
  {
    method: 'PUT',
    template: '/api/v1/organizations/{id}',
    path: (f) => `/api/v1/organizations/${f.a.organization.id}`,
    body: companyA,
    expect: { public: 401, admin: 200, own: 200, other: 403 },
  },
  {
    method: 'POST',
    template: '/api/v1/organizations/{id}/declarations',
    path: (f) => `/api/v1/organizations/${f.a.organization.id}/declarations`,
    body: () => DECLARATION,
    expect: { public: 401, admin: 201, own: 201, other: 403 },
  },

  // Declarations: reads
  { method: 'GET', template: '/api/v1/declarations', path: () => '/api/v1/declarations', expect: EVERYONE },
  { method: 'GET', template: '/api/v1/declarations/{published}', path: (f) => `/api/v1/declarations/${f.a.publishedId}`, expect: EVERYONE },
  {
    method: 'GET',
    template: '/api/v1/declarations/{draft}',
    path: (f) => `/api/v1/declarations/${f.a.declarationId}`,
    expect: { public: 404, admin: 200, own: 200, other: 404 },
  },
  {
    method: 'GET',
    template: '/api/v1/declarations/{published}/versions',
    path: (f) => `/api/v1/declarations/${f.a.publishedId}/versions`,
    expect: { public: 401, admin: 200, own: 200, other: 403 },
  },
  {
    method: 'GET',
    template: '/api/v1/declarations/{draft}/versions',
    path: (f) => `/api/v1/declarations/${f.a.declarationId}/versions`,
    expect: { public: 401, admin: 200, own: 200, other: 404 },
  },

  // Declarations: amendments (a new version; allowed while draft, published or suspended)
  {
    method: 'PUT',
    template: '/api/v1/declarations/{published}',
    path: async (f) => `/api/v1/declarations/${await declarationIn(f, 'published')}`,
    body: () => ({ ...DECLARATION, policy: '改訂した取組方針' }),
    expect: { public: 401, admin: 200, own: 200, other: 403 },
  },
  {
    method: 'PUT',
    template: '/api/v1/declarations/{draft}',
    path: async (f) => `/api/v1/declarations/${await declarationIn(f, 'draft')}`,
    body: () => ({ ...DECLARATION, policy: '改訂した取組方針' }),
    expect: { public: 401, admin: 200, own: 200, other: 404 },
  },

  // Declarations: lifecycle actions. Drafts and submitted declarations are invisible to other organizations (404).
  d('submit', 'draft', { public: 401, admin: 200, own: 200, other: 404 }),
  d('publish', 'submitted', { public: 401, admin: 200, own: 403, other: 404 }),
  d('return', 'submitted', { public: 401, admin: 200, own: 403, other: 404 }, { reason: '記載内容に不備があります。' }),
  d('suspend', 'published', { public: 401, admin: 200, own: 403, other: 403 }, { reason: 'under-investigation' }),
  d('reinstate', 'suspended', { public: 401, admin: 200, own: 403, other: 403 }),
  d('withdraw', 'draft', { public: 401, admin: 200, own: 200, other: 404 }),
  d('withdraw', 'published', { public: 401, admin: 200, own: 200, other: 403 }),
  d('revoke', 'published', { public: 401, admin: 200, own: 403, other: 403 }, { reason: 'false-declaration' }),
  d('renew', 'expired', { public: 401, admin: 200, own: 200, other: 403 }),
  // An action that does not exist is not found for everyone, before sign-in is checked.
  d('bogus', 'published', { public: 404, admin: 404, own: 404, other: 404 }),

  // Awards
  { method: 'GET', template: '/api/v1/awards', path: () => '/api/v1/awards', expect: EVERYONE },
  {
    method: 'POST',
    template: '/api/v1/awards',
    path: () => '/api/v1/awards',
    body: (f) => ({ organizationId: f.municipalityId, fiscalYear: 2025, category: 'minister', overview: '概要', message: 'メッセージ' }),
    expect: ADMIN_ONLY_CREATE,
  },
  { method: 'GET', template: '/api/v1/awards/{active}', path: (f) => `/api/v1/awards/${f.a.awardId}`, expect: EVERYONE },
  award('suspend', 'active'),
  award('reinstate', 'suspended'),
  award('revoke', 'active'),
  { method: 'GET', template: '/api/v1/award-categories', path: () => '/api/v1/award-categories', expect: EVERYONE },
  {
    method: 'POST',
    template: '/api/v1/award-categories',
    path: () => '/api/v1/award-categories',
    body: () => ({ code: `category-${unique()}`, nameJa: '特別賞', nameEn: 'Special award' }),
    expect: ADMIN_ONLY_CREATE,
  },
  { method: 'GET', template: '/api/v1/award-divisions', path: () => '/api/v1/award-divisions', expect: EVERYONE },
  {
    method: 'POST',
    template: '/api/v1/award-divisions',
    path: () => '/api/v1/award-divisions',
    body: () => ({ code: `division-${unique()}`, nameJa: '中小企業部門', nameEn: 'SME division' }),
    expect: ADMIN_ONLY_CREATE,
  },

  // Secretariat tools
  { method: 'GET', template: '/api/v1/tokens', path: () => '/api/v1/tokens', expect: ADMIN_ONLY_READ },
  {
    method: 'POST',
    template: '/api/v1/tokens',
    path: () => '/api/v1/tokens',
    body: (f) => ({ role: 'organization', organizationId: f.a.organization.id, label: `token ${unique()}` }),
    expect: ADMIN_ONLY_CREATE,
  },
  {
    method: 'DELETE',
    template: '/api/v1/tokens/{id}',
    path: async (f) => {
      const { id } = await ok(f, 'POST', '/api/v1/tokens', { role: 'organization', organizationId: f.a.organization.id, label: `to revoke ${unique()}` });
      return `/api/v1/tokens/${id}`;
    },
    expect: ADMIN_ONLY_READ,
  },
  { method: 'GET', template: '/api/v1/audit-log', path: () => '/api/v1/audit-log', expect: ADMIN_ONLY_READ },
  { method: 'POST', template: '/api/v1/admin/expire-due', path: () => '/api/v1/admin/expire-due', expect: ADMIN_ONLY_READ },

  // Credentials: issuer identity, contexts, status lists and verification are public.
  { method: 'GET', template: '/.well-known/did.json', path: () => '/.well-known/did.json', expect: EVERYONE },
  { method: 'GET', template: '/.well-known/jwks.json', path: () => '/.well-known/jwks.json', expect: EVERYONE },
  { method: 'GET', template: '/contexts/registry/v1', path: () => '/contexts/registry/v1', expect: EVERYONE },
  { method: 'GET', template: '/status-lists/{id}', path: (f) => f.credential.statusListPath, expect: EVERYONE },
  { method: 'GET', template: '/credentials/{id}', path: (f) => `/credentials/${f.credential.uuid}`, expect: EVERYONE },
  {
    method: 'POST',
    template: '/credentials/verify',
    path: () => '/credentials/verify',
    body: (f) => ({ verifiableCredential: f.credential.dataIntegrity }),
    expect: EVERYONE,
  },
  {
    method: 'POST',
    template: '/presentations/verify',
    path: () => '/presentations/verify',
    body: (f) => ({ verifiablePresentation: f.credential.presentation, options: { challenge: 'matrix-challenge', domain: 'recruit.example' } }),
    expect: EVERYONE,
  },
  // VC-API for the secretariat: administrators only.
  {
    method: 'POST',
    template: '/credentials/issue',
    path: () => '/credentials/issue',
    body: () => ({
      credential: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], credentialSubject: { id: `urn:uuid:00000000-0000-4000-8000-${String(unique()).padStart(12, '0')}` } },
    }),
    expect: ADMIN_ONLY_CREATE,
  },
  {
    method: 'POST',
    template: '/credentials/status',
    path: () => '/credentials/status',
    // A fresh published declaration per cell: revoking its credential is legal for an administrator.
    body: async (f) => ({
      credentialId: (await declarationCredential(f.server, await declarationIn(f, 'published'))).ref.id,
      credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: true, reason: 'false-declaration' }],
    }),
    expect: ADMIN_ONLY_READ,
  },
  {
    method: 'GET',
    template: '/api/v1/organizations/{id}/credentials',
    path: (f) => `/api/v1/organizations/${f.a.organization.id}/credentials`,
    expect: { public: 401, admin: 200, own: 200, other: 403 },
  },
];

/** Award actions are not exported by the routes; keep this list in step with src/http/routes/awards.ts. */
const AWARD_ACTIONS = ['suspend', 'reinstate', 'revoke'];
const DECLARATION_ACTIONS = ACTIONS.filter((a) => a !== 'expire');

// ---------------------------------------------------------------------------------------------

/** How each role signs in; the helper sends the administrator's token unless told otherwise. */
function signIn(f: Fixture, row: Row, role: Role): CallOptions {
  const bearer = (token: string) => ({ token: null, headers: { authorization: `Bearer ${token}` } });
  switch (role) {
    case 'public':
      return { token: null };
    case 'admin':
      return {};
    case 'own':
      return bearer(row.owner === 'unlisted' ? f.unlisted.orgToken : f.a.orgToken);
    case 'other':
      return bearer(f.b.orgToken);
    case 'revokedToken':
      return bearer(f.revokedToken);
    case 'malformedToken':
      return bearer('not a token');
    case 'unknownToken':
      return bearer('trr_thisTokenWasNeverIssuedByTheRegistry0000000');
  }
}

describe('authorization matrix: every route × every role', () => {
  let f: Fixture;

  beforeAll(async () => {
    const server = await startTestServer();
    const a = await seedCompany(server, { n: 1, publish: false });
    const b = await seedCompany(server, { n: 2 });
    const unlisted = await seedCompany(server, { n: 3 });
    const partial = { server, a, b, unlisted } as unknown as Fixture;
    // Company A: a draft (from seedCompany), a published declaration, and an active award.
    const publishedId = await declarationIn(partial, 'published');
    const { id: awardId } = await ok(partial, 'POST', '/api/v1/awards', { organizationId: a.organization.id, fiscalYear: 2025, category: 'minister' });
    const { id: municipalityId } = await ok(partial, 'POST', '/api/v1/organizations', MUNICIPALITY);
    const revoked = await ok(partial, 'POST', '/api/v1/tokens', { role: 'admin', label: 'revoked administrator' });
    await ok(partial, 'DELETE', `/api/v1/tokens/${revoked.id}`);
    const { ref, dataIntegrity, jwt } = await declarationCredential(server, publishedId);
    const statusList = new URL(dataIntegrity.credentialStatus[0].statusListCredential);
    const presentation = await signedPresentation(server, [dataIntegrity], { challenge: 'matrix-challenge', domain: 'recruit.example' });
    const credential = { uuid: credentialUuid(ref.id), dataIntegrity, jwt, statusListPath: statusList.pathname, presentation };
    f = { server, a: { ...a, publishedId, awardId }, b, unlisted, municipalityId, revokedToken: revoked.token, credential };
  });

  afterAll(async () => {
    await f?.server.close();
  });

  it('lists every route the app registers (and nothing it does not)', async () => {
    const store = await openSqlite({ path: ':memory:' });
    try {
      const registry = await createKyselyRegistry({ db: store.db, unitOfWork: store.unitOfWork, config: { validityMonths: 36, publicBaseUrl: 'http://localhost', didMethod: 'did:web' } });
      const app = createApp({ registry, publicBaseUrl: 'http://localhost' });
      // Middleware is registered as ALL /*; everything else is a route.
      const routes = app.routes.filter((r) => !(r.method === 'ALL' && r.path === '/*')).map((r) => ({ method: r.method, path: r.path }));
      const pattern = (path: string) => new RegExp(`^${path.replace(/:[^/]+/g, '[^/]+')}$`);
      const rowPath = (row: Row) => row.template.replace(/\{[^}]+\}/g, 'ID');
      const covers = (route: { method: string; path: string }, row: Row) =>
        (route.method === row.method || route.method === 'ALL') && pattern(route.path).test(rowPath(row));

      const untested = routes.filter((route) => !MATRIX.some((row) => covers(route, row))).map((r) => `${r.method} ${r.path}`);
      const stale = MATRIX.filter((row) => !routes.some((route) => covers(route, row))).map((r) => `${r.method} ${r.template}`);
      const actionsOf = (prefix: string) => MATRIX.filter((r) => r.method === 'POST' && r.template.startsWith(prefix)).map((r) => r.template.split('/').pop());
      const missingActions = [
        ...DECLARATION_ACTIONS.filter((a) => !actionsOf('/api/v1/declarations/').includes(a)).map((a) => `POST /api/v1/declarations/:id/${a}`),
        ...AWARD_ACTIONS.filter((a) => !actionsOf('/api/v1/awards/').includes(a)).map((a) => `POST /api/v1/awards/:id/${a}`),
      ];
      expect({ untested, missingActions, stale }, 'routes missing from (or stale in) the authorization matrix').toEqual({ untested: [], missingActions: [], stale: [] });
    } finally {
      await store.close();
    }
  });

  it.each(MATRIX.map((row) => [`${row.method} ${row.template}`, row] as const))('%s', async (_name, row) => {
    const expected: Expected = { ...BAD_TOKENS, ...row.expect };
    const actual = {} as Expected;
    const problems: string[] = [];
    for (const role of ROLES) {
      const path = await row.path(f);
      const body = await row.body?.(f);
      const before = f.server.snapshot();
      const response = await f.server.call(row.method, path, { ...signIn(f, row, role), ...(body === undefined ? {} : { body }) });
      actual[role] = response.status;
      if (response.status >= 400) {
        const type = response.headers.get('content-type') ?? '';
        if (!type.startsWith('application/problem+json')) problems.push(`${role}: ${response.status} is not problem+json (${type})`);
        if (!response.body?.messages?.ja || !response.body?.messages?.en) problems.push(`${role}: ${response.status} lacks messages.ja/en`);
        if (response.status === 401 && !response.headers.get('www-authenticate')) problems.push(`${role}: 401 without WWW-Authenticate`);
        if (f.server.snapshot() !== before) problems.push(`${role}: rejected with ${response.status} but the database changed`);
      }
    }
    expect(actual, `${row.method} ${row.template}: status by role`).toEqual(expected);
    expect(problems, `${row.method} ${row.template}`).toEqual([]);
    expect(f.server.logs.filter((line) => line.includes('"level":"error"')), 'unexpected errors logged').toEqual([]);
  });
});
