import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/adapters/sqlite/open.js';
import { ACTIONS } from '../../src/domain/declaration-lifecycle.js';
import { localGovernmentCheckDigit } from '../../src/domain/identifiers.js';
import { SITE_CSS_PATH } from '../../src/http/assets/routes.js';
import { onWorker } from '../helpers/targets.js';
import { createApp } from '../../src/http/app.js';
import { createKyselyRegistry } from '../../src/registry.js';
import { credentialUuid, declarationCredential, signedPresentation } from '../helpers/credentials.js';
import {
  COMPANY, DECLARATION, MUNICIPALITY, corporateNumberFor, seedCompany, expireDeclarations, startTestServer, type CallOptions, type TestServer,
} from '../helpers/server.js';
import { accessToken, disableWebhookInDatabase, registerPartner, type PartnerClient } from '../helpers/partners.js';
import { isBackOfficeRoute } from './back-office-matrix/rows.js';

/**
 * Every route × every role → expected status.
 *
 * "own" is the organization that owns the record the path names (or, for routes that name no
 * record, simply an organization token); "other" is a different organization. Each cell gets its
 * own record in a state where the action is legal for an allowed role, so a 403 means forbidden,
 * never 409. Bad tokens (revoked, malformed, unknown) are 401 on every route. "partner" is a
 * promotion partner's OAuth access token: it owns no organization, so unless a row says
 * otherwise it is expected to fare exactly like "other".
 */
const ROLES = ['public', 'admin', 'own', 'other', 'partner', 'revokedToken', 'malformedToken', 'unknownToken'] as const;
type Role = (typeof ROLES)[number];
/**
 * The roles each cell is sent as. Bad tokens are turned away by the same middleware on both
 * runtimes before any route runs: on the Worker the five real callers only, which keeps CI under
 * 20 minutes (this file was its longest, ~5 minutes there).
 */
const BAD_TOKEN_ROLES: readonly Role[] = ['revokedToken', 'malformedToken', 'unknownToken'];
const CELL_ROLES = onWorker ? ROLES.filter((role) => !BAD_TOKEN_ROLES.includes(role)) : ROLES;
type Expected = Record<Role, number>;

interface Fixture {
  server: TestServer;
  a: Awaited<ReturnType<typeof seedCompany>> & { publishedId: string; awardId: string };
  b: Awaited<ReturnType<typeof seedCompany>>;
  /** Holds only a draft, so it is not public. */
  unlisted: Awaited<ReturnType<typeof seedCompany>>;
  /** The company made for the cell's latest declaration (an organization holds one live declaration), with its token. */
  fresh?: { organizationId: string; orgToken: string };
  municipalityId: string;
  revokedToken: string;
  /** Company A's published declaration's credential, both forms, and a holder's presentation of it. */
  credential: { uuid: string; dataIntegrity: Record<string, any>; jwt: string; statusListPath: string; presentation: unknown };
  /** A promotion partner (its own webhooks and deliveries are "own" to it) and its access token. */
  partner: PartnerClient & { token: string; deliveryId: string };
}

interface Row {
  method: string;
  /** The path with placeholders, as it appears in the report and the route check. */
  template: string;
  /** The concrete path for one cell; may create a fresh record for that cell. */
  path: (f: Fixture) => string | Promise<string>;
  /** The body for one cell; may create a fresh record for that cell. */
  body?: (f: Fixture) => unknown;
  /** Sent as is (e.g. a form-encoded token request) instead of a JSON body. */
  form?: (f: Fixture) => Record<string, string>;
  /** Whose token counts as "own" (default: company A, which owns the seeded published declaration and award). */
  owner?: 'a' | 'unlisted' | 'fresh';
  /** A page for people: its refusals are HTML pages in the site's layout, not problem+json. */
  page?: true;
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

/** A new company with an organization token, the "own" of rows whose owner is 'fresh'. */
async function freshCompany(f: Fixture): Promise<string> {
  const { id } = await ok(f, 'POST', '/api/v1/organizations', newCompany());
  const { token } = await ok(f, 'POST', '/api/v1/tokens', { role: 'organization', organizationId: id, label: `owner ${unique()}` });
  f.fresh = { organizationId: id, orgToken: token };
  return id;
}

type DeclarationState = 'draft' | 'submitted' | 'published' | 'suspended' | 'expired';
/** A declaration in `state`, of a fresh company: an organization holds one live declaration at a time. */
async function declarationIn(f: Fixture, state: DeclarationState): Promise<string> {
  const { id } = await ok(f, 'POST', `/api/v1/organizations/${await freshCompany(f)}/declarations`, DECLARATION);
  if (state === 'draft') return id;
  await ok(f, 'POST', `/api/v1/declarations/${id}/submit`);
  if (state === 'submitted') return id;
  await ok(f, 'POST', `/api/v1/declarations/${id}/publish`);
  if (state === 'suspended') await ok(f, 'POST', `/api/v1/declarations/${id}/suspend`, { reason: 'under-investigation' });
  if (state === 'expired') await expireDeclarations(f.server, [id]);
  return id;
}

async function awardIn(f: Fixture, state: 'active' | 'suspended'): Promise<string> {
  // A municipality of its own: one organization holds one award of a year and category.
  const code = `13${String(500 + unique()).padStart(3, '0')}`;
  const municipality = await ok(f, 'POST', '/api/v1/organizations', { ...MUNICIPALITY, name: `行列区${code}`, localGovernmentCode: `${code}${localGovernmentCheckDigit(code)}` });
  const { id } = await ok(f, 'POST', '/api/v1/awards', { organizationId: municipality.id, fiscalYear: 2025, category: 'excellence' });
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
  owner: 'fresh',
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
/** Signed-in pages without a session: to the sign-in page. */
const SIGNED_OUT_PAGE = { public: 302, admin: 302, own: 302, other: 302 };
/** A form post without a session: to the sign-in page (303 where the form's own answer is a 303), nothing changes. */
const SIGNED_OUT_FORM = { public: 302, admin: 302, own: 302, other: 302 };
const NOWHERE = { public: 404, admin: 404, own: 404, other: 404 };
const CROSS_ORIGIN = { public: 403, admin: 403, own: 403, other: 403 };

const MATRIX: Row[] = [
  { method: 'GET', template: '/healthz', path: () => '/healthz', expect: EVERYONE },
  { method: 'GET', template: '/readyz', path: () => '/readyz', expect: EVERYONE },

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
    path: async (f) => `/api/v1/organizations/${await freshCompany(f)}/declarations`,
    body: () => DECLARATION,
    owner: 'fresh',
    expect: { public: 401, admin: 201, own: 201, other: 403 },
  },

  // Declarations: reads
  { method: 'GET', template: '/api/v1/declarations', path: () => '/api/v1/declarations', expect: EVERYONE },
  { method: 'GET', template: '/api/v1/declarations/{published}', path: (f) => `/api/v1/declarations/${f.a.publishedId}`, expect: EVERYONE },
  {
    method: 'GET',
    template: '/api/v1/declarations/{draft}',
    path: (f) => `/api/v1/declarations/${f.unlisted.declarationId}`,
    owner: 'unlisted',
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
    path: (f) => `/api/v1/declarations/${f.unlisted.declarationId}/versions`,
    owner: 'unlisted',
    expect: { public: 401, admin: 200, own: 200, other: 404 },
  },

  // Declarations: amendments (a new version; allowed while draft, published or suspended)
  {
    method: 'PUT',
    template: '/api/v1/declarations/{published}',
    path: async (f) => `/api/v1/declarations/${await declarationIn(f, 'published')}`,
    body: () => ({ ...DECLARATION, policy: '改訂した取組方針' }),
    owner: 'fresh',
    expect: { public: 401, admin: 200, own: 200, other: 403 },
  },
  {
    method: 'PUT',
    template: '/api/v1/declarations/{draft}',
    path: async (f) => `/api/v1/declarations/${await declarationIn(f, 'draft')}`,
    body: () => ({ ...DECLARATION, policy: '改訂した取組方針' }),
    owner: 'fresh',
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
  // A correction of an award's texts: the secretariat's alone (the organization asks it to correct).
  ...(['active', 'suspended'] as const).map((from): Row => ({
    method: 'PUT',
    template: `/api/v1/awards/{${from}}`,
    path: async (f) => `/api/v1/awards/${await awardIn(f, from)}`,
    body: () => ({ overview: '訂正した概要' }),
    expect: { public: 401, admin: 200, own: 403, other: 403 },
  })),
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
  { method: 'POST', template: '/api/v1/admin/reissue', path: () => '/api/v1/admin/reissue?limit=1', expect: ADMIN_ONLY_READ },
  { method: 'GET', template: '/api/v1/statistics', path: () => '/api/v1/statistics', expect: ADMIN_ONLY_READ },
  { method: 'GET', template: '/admin/statistics', path: () => '/admin/statistics', expect: ADMIN_ONLY_READ },

  // Open data and the API documentation: for everyone.
  ...['declarations.csv', 'declarations.json', 'awards.csv', 'awards.json'].map((file): Row => ({ method: 'GET', template: `/api/v1/open-data/${file}`, path: () => `/api/v1/open-data/${file}`, expect: EVERYONE })),
  ...['/openapi.json', '/docs', '/docs/explorer.js', '/docs/explorer.css'].map((path): Row => ({ method: 'GET', template: path, path: () => path, expect: EVERYONE })),

  // Credentials: issuer identity, contexts, status lists and verification are public.
  { method: 'GET', template: '/.well-known/did.json', path: () => '/.well-known/did.json', expect: EVERYONE },
  { method: 'GET', template: '/did.json', path: () => '/did.json', expect: EVERYONE },
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
  // Partners: the token endpoint authenticates clients by their credentials and ignores bearer tokens.
  {
    method: 'POST',
    template: '/oauth/token',
    path: () => '/oauth/token',
    form: (f) => ({ grant_type: 'client_credentials', client_id: f.partner.clientId, client_secret: f.partner.clientSecret }),
    expect: { ...EVERYONE, partner: 200, revokedToken: 200, malformedToken: 200, unknownToken: 200 },
  },
  {
    method: 'GET',
    template: '/api/v1/organizations/by-corporate-number/{number}',
    path: (f) => `/api/v1/organizations/by-corporate-number/${f.a.organization.corporateNumber}`,
    expect: { ...EVERYONE, partner: 200 },
  },
  {
    method: 'POST',
    template: '/api/v1/lookup',
    path: () => '/api/v1/lookup',
    body: (f) => ({ corporateNumbers: [f.a.organization.corporateNumber, '7000012050003'] }),
    expect: { ...ADMIN_ONLY_READ, partner: 200 },
  },
  { method: 'GET', template: '/api/v1/changes', path: () => '/api/v1/changes', expect: { ...EVERYONE, partner: 200 } },
  { method: 'GET', template: '/api/v1/changes/latest', path: () => '/api/v1/changes/latest', expect: { ...EVERYONE, partner: 200 } },
  { method: 'GET', template: '/api/v1/partners', path: () => '/api/v1/partners', expect: { ...ADMIN_ONLY_READ, partner: 403 } },
  // Read as the list is: a partner's own token reads neither (not even itself).
  { method: 'GET', template: '/api/v1/partners/{id}', path: (f) => `/api/v1/partners/${f.partner.id}`, expect: { ...ADMIN_ONLY_READ, partner: 403 } },
  {
    method: 'POST',
    template: '/api/v1/partners',
    path: () => '/api/v1/partners',
    body: () => ({ name: `パートナー${unique()}`, kind: 'business-federation' }),
    expect: { ...ADMIN_ONLY_CREATE, partner: 403 },
  },
  {
    method: 'POST',
    template: '/api/v1/partners/{id}/rotate-secret',
    path: async (f) => `/api/v1/partners/${(await registerPartner(f.server, { name: `ローテーション${unique()}` })).id}/rotate-secret`,
    expect: { ...ADMIN_ONLY_READ, partner: 403 },
  },
  // Each cell deactivates a partner of its own; reactivating, one deactivated for it.
  {
    method: 'POST',
    template: '/api/v1/partners/{id}/deactivate',
    path: async (f) => `/api/v1/partners/${(await registerPartner(f.server, { name: `停止${unique()}` })).id}/deactivate`,
    body: () => ({ reason: '契約終了' }),
    expect: { ...ADMIN_ONLY_READ, partner: 403 },
  },
  {
    method: 'POST',
    template: '/api/v1/partners/{id}/reactivate',
    path: async (f) => {
      const { id } = await registerPartner(f.server, { name: `再開${unique()}` });
      await ok(f, 'POST', `/api/v1/partners/${id}/deactivate`, { reason: '一時停止' });
      return `/api/v1/partners/${id}/reactivate`;
    },
    expect: { ...ADMIN_ONLY_READ, partner: 403 },
  },
  // Webhooks and the delivery log: "me" is the partner itself; the secretariat names the partner.
  ...(['me', 'id'] as const).flatMap((who): Row[] => {
    const base = (f: Fixture) => `/api/v1/partners/${who === 'me' ? 'me' : f.partner.id}`;
    const admin = (ok: number) => (who === 'me' ? 404 : ok);
    const webhook = { url: 'https://receiver.example/registry', events: ['declaration.revoked'] };
    // A fresh webhook per cell; the ones left by earlier cells are removed first, so the partner
    // stays under its limit of 10 (this happens before the cell's data_version is read).
    const newWebhook = async (f: Fixture) => {
      const { items } = await ok(f, 'GET', `/api/v1/partners/${f.partner.id}/webhooks`);
      for (const { id, events } of items) if (!events.includes('award.granted')) await ok(f, 'DELETE', `/api/v1/partners/${f.partner.id}/webhooks/${id}`);
      return (await ok(f, 'POST', `/api/v1/partners/${f.partner.id}/webhooks`, { ...webhook, url: `${webhook.url}/${unique()}` })).id as string;
    };
    const anyone = (ok: number) => ({ public: 401, admin: admin(ok), own: 403, other: 403, partner: ok });
    return [
      { method: 'GET', template: `/api/v1/partners/{${who}}/webhooks`, path: (f) => `${base(f)}/webhooks`, expect: anyone(200) },
      {
        method: 'POST',
        template: `/api/v1/partners/{${who}}/webhooks`,
        path: async (f) => (await newWebhook(f), `${base(f)}/webhooks`),
        // A URL of its own: a second webhook to a URL the partner holds is 409.
        body: () => ({ ...webhook, url: `${webhook.url}/${unique()}` }),
        expect: anyone(201),
      },
      { method: 'DELETE', template: `/api/v1/partners/{${who}}/webhooks/{id}`, path: async (f) => `${base(f)}/webhooks/${await newWebhook(f)}`, expect: anyone(204) },
      // A webhook disabled as after a 410 Gone, one per cell (this server sends no webhooks).
      {
        method: 'POST',
        template: `/api/v1/partners/{${who}}/webhooks/{id}/enable`,
        path: async (f) => {
          const id = await newWebhook(f);
          disableWebhookInDatabase(f.server, id);
          return `${base(f)}/webhooks/${id}/enable`;
        },
        expect: anyone(200),
      },
      { method: 'GET', template: `/api/v1/partners/{${who}}/deliveries`, path: (f) => `${base(f)}/deliveries`, expect: anyone(200) },
      { method: 'POST', template: `/api/v1/partners/{${who}}/deliveries/{id}/replay`, path: (f) => `${base(f)}/deliveries/${f.partner.deliveryId}/replay`, expect: anyone(202) },
    ];
  }),
  // The public site (issue 5): pages, images and the verify form are for everyone.
  { method: 'GET', template: '/assets/{file}', path: () => SITE_CSS_PATH, expect: EVERYONE },
  { method: 'GET', template: '/logo.svg', path: () => '/logo.svg', expect: EVERYONE },
  { method: 'GET', template: '/favicon.svg', path: () => '/favicon.svg', expect: EVERYONE },
  { method: 'GET', template: '/robots.txt', path: () => '/robots.txt', expect: EVERYONE },
  { method: 'GET', template: '/sitemap.xml', path: () => '/sitemap.xml', expect: EVERYONE },
  { method: 'GET', template: '/sitemaps/site.xml', path: () => '/sitemaps/site.xml', expect: EVERYONE },
  { method: 'GET', template: '/sitemaps/:file', path: () => '/sitemaps/organizations-1.xml', expect: EVERYONE },
  { method: 'GET', template: '/feeds/news.atom', path: () => '/feeds/news.atom', expect: EVERYONE },
  { method: 'GET', template: '/favicon.ico', path: () => '/favicon.ico', expect: { public: 301, admin: 301, own: 301, other: 301 }, page: true },
  ...['qr.svg', 'qr.png', 'badge.svg', 'badge.png', 'embed', 'credential.jwt'].map(
    (file): Row => ({
      method: 'GET',
      template: `/credentials/{id}/${file}`,
      path: (f) => `/credentials/${f.credential.uuid}/${file}`,
      // The Worker has no PNG renderer: badge.png answers 501 there, whoever asks.
      expect: file === 'badge.png' && onWorker ? { public: 501, admin: 501, own: 501, other: 501, partner: 501 } : EVERYONE,
    }),
  ),
  // The web application: a bearer token never opens a session, so every caller here is signed out
  // (the pages' own access rules per member are in test/http/my-pages.test.ts and test/pages).
  { method: 'GET', template: '/login', path: () => '/login', expect: EVERYONE, page: true },
  ...['/my', '/my/declaration', '/my/declaration/withdraw', '/my/history', '/my/badges', '/my/members', '/my/members/{accountId}/remove', '/my/profile'].map(
    (template): Row => ({ method: 'GET', template, path: () => template.replace('{accountId}', 'someone'), expect: SIGNED_OUT_PAGE, page: true }),
  ),
  ...['/my/declaration', '/my/declaration/withdraw', '/my/declaration/renew', '/my/members/invite', '/my/members/invitations/{invitationId}/cancel', '/my/members/{accountId}/remove', '/my/passkeys/{id}/delete', '/my/profile'].map(
    (template): Row => ({
      method: 'POST', template, path: () => template.replace(/\{\w+\}/, 'someone'), form: () => ({ csrf: 'guess' }), page: true,
      expect: template.startsWith('/my/passkeys/') ? { public: 303, admin: 303, own: 303, other: 303 } : SIGNED_OUT_FORM,
    }),
  ),
  { method: 'POST', template: '/auth/logout', path: () => '/auth/logout', form: () => ({ csrf: 'guess' }), expect: { public: 303, admin: 303, own: 303, other: 303 }, page: true },
  // OpenID Connect is not configured in this server: its routes are not there.
  ...['/auth/oidc/login', '/auth/oidc/callback', '/auth/oidc/register'].map((template): Row => ({ method: 'GET', template, path: () => template, expect: NOWHERE, page: true })),
  { method: 'POST', template: '/auth/oidc/register', path: () => '/auth/oidc/register', form: () => ({ csrf: 'guess', name: '行列株式会社', prefectureCode: '13' }), expect: NOWHERE, page: true },
  { method: 'GET', template: '/join/{token}', path: () => '/join/not-a-real-invitation-token', expect: NOWHERE, page: true },
  // The passkey endpoints answer our own script only: a request without the public Origin is refused.
  ...['/join/{token}/options', '/join/{token}/verify', '/auth/passkey/options', '/auth/passkey/login', '/my/passkeys/options', '/my/passkeys/verify'].map(
    (template): Row => ({ method: 'POST', template, path: () => template.replace('{token}', 'not-a-real-invitation-token'), body: () => ({}), expect: CROSS_ORIGIN }),
  ),
  { method: 'GET', template: '/assets/copy.js', path: () => '/assets/copy.js', expect: EVERYONE },
  { method: 'GET', template: '/assets/file-picker.js', path: () => '/assets/file-picker.js', expect: EVERYONE },
  {
    method: 'POST',
    template: '/api/v1/organizations/{id}/invitations',
    path: (f) => `/api/v1/organizations/${f.a.organization.id}/invitations`,
    body: () => ({ role: 'editor' }),
    expect: ADMIN_ONLY_CREATE,
  },
  {
    method: 'DELETE',
    template: '/api/v1/organizations/{id}/invitations/{invitationId}',
    path: async (f) => `/api/v1/organizations/${f.a.organization.id}/invitations/${(await ok(f, 'POST', `/api/v1/organizations/${f.a.organization.id}/invitations`, {})).id}`,
    expect: { public: 401, admin: 204, own: 403, other: 403 },
  },
  { method: 'GET', template: '/v/{id}', path: (f) => `/v/${f.credential.uuid}`, expect: EVERYONE },
  { method: 'GET', template: '/verify', path: () => '/verify', expect: EVERYONE },
  { method: 'POST', template: '/verify', path: () => '/verify', form: (f) => ({ credential: f.credential.jwt }), expect: EVERYONE },
  { method: 'GET', template: '/check', path: () => '/check', expect: EVERYONE },
  { method: 'GET', template: '/statistics', path: () => '/statistics', expect: EVERYONE },
  { method: 'GET', template: '/privacy', path: () => '/privacy', expect: EVERYONE },
  { method: 'GET', template: '/guide', path: () => '/guide', expect: EVERYONE },
  { method: 'POST', template: '/check', path: () => '/check', form: (f) => ({ numbers: f.a.organization.corporateNumber }), expect: EVERYONE },
  { method: 'GET', template: '/', path: () => '/', expect: EVERYONE },
  { method: 'GET', template: '/organizations', path: () => '/organizations', expect: EVERYONE },
  { method: 'GET', template: '/organizations/{id}', path: (f) => `/organizations/${f.a.organization.id}`, expect: EVERYONE },
  { method: 'GET', template: '/awards', path: () => '/awards', expect: EVERYONE },
  // The Open Badges Achievements the credentials name (company A's declaration, its 2025 大臣賞, and a division's award made for the row).
  { method: 'GET', template: '/achievements/telework-self-declaration', path: () => '/achievements/telework-self-declaration', expect: EVERYONE },
  { method: 'GET', template: '/achievements/telework-award/{fiscalYear}/{category}', path: () => '/achievements/telework-award/2025/minister', expect: EVERYONE },
  { method: 'GET', template: '/achievements/telework-award/{fiscalYear}/{category}/{division}', path: divisionAchievement, expect: EVERYONE },
];

let divisionAward: Promise<string> | undefined;
/** A division's award (2024's 大臣賞 of the matrix division, company A's), recorded once for all its cells. */
function divisionAchievement(f: Fixture): Promise<string> {
  divisionAward ??= (async () => {
    await ok(f, 'POST', '/api/v1/award-divisions', { code: 'matrix', nameJa: '走査部門', nameEn: 'Matrix division', sortOrder: 90 });
    await ok(f, 'POST', '/api/v1/awards', { organizationId: f.a.organization.id, fiscalYear: 2024, category: 'minister', division: 'matrix' });
    return '/achievements/telework-award/2024/minister/matrix';
  })();
  return divisionAward;
}

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
      return bearer(row.owner === 'unlisted' ? f.unlisted.orgToken : row.owner === 'fresh' ? f.fresh!.orgToken : f.a.orgToken);
    case 'other':
      return bearer(f.b.orgToken);
    case 'partner':
      return bearer(f.partner.token);
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
    // No automatic webhook dispatch: a delivery attempt landing in the middle of a cell would
    // change the database under the "rejected requests change nothing" check.
    const server = await startTestServer({ WEBHOOK_DISPATCH_INTERVAL_MS: '0' });
    const a = await seedCompany(server, { n: 1, publish: true });
    const b = await seedCompany(server, { n: 2 });
    const unlisted = await seedCompany(server, { n: 3 });
    const partial = { server, a, b, unlisted } as unknown as Fixture;
    // A partner subscribed to awards, so that recording the award below leaves it a delivery to replay.
    const client = await registerPartner(server, { name: 'マトリクス人材株式会社' });
    await ok(partial, 'POST', `/api/v1/partners/${client.id}/webhooks`, { url: 'https://receiver.example/registry', events: ['award.granted'] });
    // Company A: a published declaration and an active award. (Drafts: the unlisted company's, and fresh companies'.)
    const publishedId = a.declarationId;
    const { id: awardId } = await ok(partial, 'POST', '/api/v1/awards', { organizationId: a.organization.id, fiscalYear: 2025, category: 'minister' });
    const [delivery] = (await ok(partial, 'GET', `/api/v1/partners/${client.id}/deliveries`)).items;
    const partner = { ...client, token: await accessToken(server, client), deliveryId: delivery.id as string };
    const { id: municipalityId } = await ok(partial, 'POST', '/api/v1/organizations', MUNICIPALITY);
    const revoked = await ok(partial, 'POST', '/api/v1/tokens', { role: 'admin', label: 'revoked administrator' });
    await ok(partial, 'DELETE', `/api/v1/tokens/${revoked.id}`);
    const { ref, dataIntegrity, jwt } = await declarationCredential(server, publishedId);
    const statusList = new URL(dataIntegrity.credentialStatus[0].statusListCredential);
    const presentation = await signedPresentation(server, [dataIntegrity], { challenge: 'matrix-challenge', domain: 'recruit.example' });
    const credential = { uuid: credentialUuid(ref.id), dataIntegrity, jwt, statusListPath: statusList.pathname, presentation };
    f = { server, a: { ...a, publishedId, awardId }, b, unlisted, municipalityId, revokedToken: revoked.token, credential, partner };
    // The cells' "changed nothing" check sees a commit by the server.
    const version = commits();
    await ok(f, 'POST', '/api/v1/tokens', { role: 'admin', label: 'data_version check' });
    expect(commits(), 'data_version after a commit').not.toBe(version);
  });

  afterAll(async () => {
    reader?.close();
    await f?.server.close();
  });

  /**
   * On Node, SQLite's data_version through one read-only connection of the test's own: it changes
   * when any other connection commits a change to the file, so an unchanged value proves a rejected
   * request wrote nothing, at a fraction of the cost of comparing every row (this file was CI's
   * longest). The Worker's D1 writes its own _cf_ bookkeeping on every query: there, every row of
   * every other table is compared.
   */
  let reader: BetterSqlite3.Database | undefined;
  const commits = (): string => {
    if (onWorker) return f.server.snapshot();
    reader ??= new BetterSqlite3(f.server.dbPath, { readonly: true, fileMustExist: true });
    return String(reader.pragma('data_version', { simple: true }));
  };

  it('lists every route the app registers (and nothing it does not)', async () => {
    const store = await openSqlite({ path: ':memory:' });
    try {
      const registry = await createKyselyRegistry({ db: store.db, unitOfWork: store.unitOfWork, config: { validityMonths: 36, publicBaseUrl: 'http://localhost', didMethod: 'did:web' } });
      const app = createApp({ registry, publicBaseUrl: 'http://localhost' });
      // Middleware is registered as ALL with a wildcard (/*, /my/*…); everything else is a route.
      const routes = app.routes.filter((r) => !(r.method === 'ALL' && r.path.endsWith('/*')) && !isBackOfficeRoute(r.path)).map((r) => ({ method: r.method, path: r.path }));
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
    const expected: Expected = { ...BAD_TOKENS, partner: row.expect.other, ...row.expect };
    const actual = {} as Expected;
    const problems: string[] = [];
    for (const role of CELL_ROLES) {
      const path = await row.path(f);
      const body = await row.body?.(f);
      const form = row.form?.(f);
      // Only a cell meant to be refused is checked for writes: a cell that should succeed but is
      // refused fails on its status, and on the Worker each look reads every row.
      const before = expected[role] >= 400 ? commits() : undefined;
      const sent = form ? { rawBody: new URLSearchParams(form).toString() } : body === undefined ? {} : { body };
      const signedIn = signIn(f, row, role);
      const headers = { ...signedIn.headers, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) };
      const response = await f.server.call(row.method, path, { ...signedIn, headers, ...sent, ...(row.page ? { redirect: 'manual' as const } : {}) });
      actual[role] = response.status;
      if (response.status >= 400 && row.page && response.status !== 401 && response.status !== 429) {
        if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) problems.push(`${role}: ${response.status} is not an HTML page`);
        if (before !== undefined && commits() !== before) problems.push(`${role}: rejected with ${response.status} but the database changed`);
      } else if (response.status >= 400) {
        const type = response.headers.get('content-type') ?? '';
        if (!type.startsWith('application/problem+json')) problems.push(`${role}: ${response.status} is not problem+json (${type})`);
        if (!response.body?.messages?.ja || !response.body?.messages?.en) problems.push(`${role}: ${response.status} lacks messages.ja/en`);
        if (response.status === 401 && !response.headers.get('www-authenticate')) problems.push(`${role}: 401 without WWW-Authenticate`);
        // RFC 6750 §3.1: a token refused what a better token may do is told its scope is insufficient.
        const challenge = 'Bearer realm="registry", error="insufficient_scope"';
        if (['own', 'other', 'partner'].includes(role) && response.status === 403 && expected.admin < 400 && response.headers.get('www-authenticate') !== challenge) problems.push(`${role}: 403 with WWW-Authenticate ${response.headers.get('www-authenticate')}, not ${challenge}`);
        if (before !== undefined && commits() !== before) problems.push(`${role}: rejected with ${response.status} but the database changed`);
      }
    }
    const expectedOfCells = Object.fromEntries(CELL_ROLES.map((role) => [role, expected[role]]));
    expect(actual, `${row.method} ${row.template}: status by role`).toEqual(expectedOfCells);
    expect(problems, `${row.method} ${row.template}`).toEqual([]);
    expect(f.server.logs.filter((line) => line.includes('"level":"error"')), 'unexpected errors logged').toEqual([]);
  });
});
