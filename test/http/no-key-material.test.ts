import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/adapters/sqlite/open.js';
import { generateIssuerKey } from '../../src/adapters/crypto/keys.js';
import { writeKeyFile } from '../../src/adapters/node/key-files.js';
import { ACTIONS } from '../../src/domain/declaration-lifecycle.js';
import { COPY_JS_PATH, FILE_PICKER_JS_PATH, PASSKEYS_JS_PATH, SITE_CSS_PATH } from '../../src/http/assets/routes.js';
import { createApp } from '../../src/http/app.js';
import { createKyselyRegistry } from '../../src/registry.js';
import { credentialUuid, declarationCredential, privateKeyLeaks, privateKeyValues, signedPresentation } from '../helpers/credentials.js';
import { accessToken, disableWebhookInDatabase, registerPartner } from '../helpers/partners.js';
import { COMPANY, DECLARATION, corporateNumberFor, seedCompany, startTestServer, type CallOptions, type TestServer } from '../helpers/server.js';
import { onWorker } from '../helpers/targets.js';

/**
 * Walks every route the app registers (enumerated from createApp(...).routes, so a new route is
 * walked without editing this file — or fails it when its parameters are unknown here), as the
 * public, an administrator, an organization and a partner, with several Accept headers, plus
 * error paths; then proves that no response body or header carries private key material: the
 * issuer keys' private `d` values (an active and a retired key; in base64url, base64 and hex, and
 * inside JWTs), a `"d":` member anywhere, PEM private keys, or a multibase secret key. Every
 * response must also carry the security headers (src/http/security-headers.ts).
 */

interface Seen {
  request: string;
  status: number;
  text: string;
  headers: string;
  raw: Headers;
}

/**
 * On the Worker the two that pick a different answer on the endpoints that hold keys and
 * credentials (the JWT and the default form): content negotiation is the same code on both
 * runtimes, and the three others added a minute to CI there.
 */
const ACCEPTS = onWorker ? ['*/*', 'application/vc+jwt'] : ['*/*', 'application/json', 'text/html', 'application/vc+jwt', 'application/ld+json'];
type Role = 'public' | 'admin' | 'organization' | 'partner';
/**
 * On the Worker the public and the administrator (who sees the most) only: the other callers'
 * answers are the same code on both runtimes, and walking them there took CI minutes.
 */
const ROLES: Role[] = onWorker ? ['public', 'admin'] : ['public', 'admin', 'organization', 'partner'];

let server: TestServer;
let keysDir: string;
let dValues: string[] = [];
const seen: Seen[] = [];
let f: {
  orgId: string;
  corporateNumber: string;
  orgToken: string;
  publishedId: string;
  draftId: string;
  awardId: string;
  uuid: string;
  jwt: string;
  dataIntegrity: Record<string, any>;
  presentation: unknown;
  statusListPath: string;
  partner: { id: string; clientId: string; clientSecret: string; token: string; deliveryId: string };
};

let counter = 0;
const unique = () => ++counter;

async function ok(method: string, path: string, body?: unknown) {
  const response = await server.call(method, path, body === undefined ? {} : { body });
  if (response.status >= 300) throw new Error(`fixture ${method} ${path}: ${response.status} ${response.text}`);
  return response.body;
}

/** A new company (an organization holds one live declaration), with nothing declared yet. */
const newCompany = async (): Promise<string> =>
  (await ok('POST', '/api/v1/organizations', { ...COMPANY, name: `走査宣言株式会社${unique()}`, corporateNumber: corporateNumberFor(50_000 + unique()) })).id;

/** A freshly published declaration, a new company's. */
async function publishedDeclaration(): Promise<string> {
  const { id } = await ok('POST', `/api/v1/organizations/${await newCompany()}/declarations`, DECLARATION);
  await ok('POST', `/api/v1/declarations/${id}/submit`);
  await ok('POST', `/api/v1/declarations/${id}/publish`);
  return id;
}

function signIn(role: Role): CallOptions {
  const bearer = (token: string) => ({ token: null, headers: { authorization: `Bearer ${token}` } });
  if (role === 'public') return { token: null };
  if (role === 'admin') return {};
  return bearer(role === 'organization' ? f.orgToken : f.partner.token);
}

async function send(method: string, path: string, role: Role, extra: { accept?: string; body?: unknown; form?: Record<string, string>; raw?: string } = {}) {
  const signed = signIn(role);
  const headers: Record<string, string> = { ...signed.headers, ...(extra.accept ? { accept: extra.accept } : {}) };
  const options: CallOptions = { ...signed, headers };
  if (extra.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    options.rawBody = new URLSearchParams(extra.form).toString();
  } else if (extra.raw !== undefined) {
    headers['content-type'] = 'application/json';
    options.rawBody = extra.raw;
  } else if (extra.body !== undefined) options.body = extra.body;
  const response = await server.call(method, path, options);
  seen.push({
    request: `${method} ${path} as ${role}${extra.accept ? ` (Accept: ${extra.accept})` : ''}`,
    status: response.status,
    text: response.text,
    headers: [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n'),
    raw: response.headers,
  });
  return response;
}

/** Concrete paths (and bodies) for one registered route; undefined when this file does not know the route. */
async function instances(method: string, template: string): Promise<{ path: string; body?: () => unknown | Promise<unknown>; form?: () => Record<string, string> }[] | undefined> {
  const by = (path: string, body?: () => unknown, form?: () => Record<string, string>) => [{ path, ...(body ? { body } : {}), ...(form ? { form } : {}) }];
  const key = `${method} ${template}`;
  switch (key) {
    case 'GET /assets/:file{site\\.[0-9a-f]{8}\\.css}':
      return by(SITE_CSS_PATH);
    case 'GET /assets/:file{passkeys\\.[0-9a-f]{8}\\.js}':
      return by(PASSKEYS_JS_PATH);
    case 'GET /assets/:file{copy\\.[0-9a-f]{8}\\.js}':
      return by(COPY_JS_PATH);
    case 'GET /assets/:file{file-picker\\.[0-9a-f]{8}\\.js}':
      return by(FILE_PICKER_JS_PATH);
    case 'GET /sitemaps/:file':
      return by('/sitemaps/organizations-1.xml');
    // The fixture's 2025 大臣賞 (its page and its JSON), and addresses no credential names (404).
    case 'GET /achievements/telework-award/:fiscalYear/:category':
      return ['/achievements/telework-award/2025/minister', '/achievements/telework-award/2019/minister'].map((path) => ({ path }));
    case 'GET /achievements/telework-award/:fiscalYear/:category/:division':
      return by('/achievements/telework-award/2025/minister/no-such-division');
    case 'POST /api/v1/organizations/:id/invitations':
      return by(`/api/v1/organizations/${f.orgId}/invitations`, () => ({ role: 'editor' }));
    case 'DELETE /api/v1/organizations/:id/invitations/:invitationId': {
      const { id } = await ok('POST', `/api/v1/organizations/${f.orgId}/invitations`, { role: 'editor' });
      return by(`/api/v1/organizations/${f.orgId}/invitations/${id}`);
    }
    // The web application's pages and forms, signed out (a bearer token opens no session): a real
    // invitation's join page and its passkey endpoints, and the forms that name a record.
    case 'GET /join/:token':
    case 'POST /join/:token/options':
    case 'POST /join/:token/verify': {
      const { url } = await ok('POST', `/api/v1/organizations/${f.orgId}/invitations`, { role: 'editor' });
      return by(`${new URL(url).pathname}${template.slice('/join/:token'.length)}`, method === 'POST' ? () => ({ name: '走査 太郎' }) : undefined);
    }
    case 'GET /my/members/:accountId/remove':
    case 'POST /my/members/:accountId/remove':
    case 'POST /my/members/invitations/:invitationId/cancel':
    case 'POST /my/passkeys/:id/delete':
      return by(template.replace(/:\w+/, 'someone'), undefined, method === 'POST' ? () => ({ csrf: 'guess' }) : undefined);
    case 'POST /api/v1/organizations':
      return by(template, () => ({ ...COMPANY, name: `走査株式会社${unique()}`, corporateNumber: corporateNumberFor(5000 + unique()) }));
    case 'PUT /api/v1/organizations/:id':
      return by(`/api/v1/organizations/${f.orgId}`, () => ({ ...COMPANY, name: '走査テスト株式会社', corporateNumber: f.corporateNumber }));
    case 'POST /api/v1/organizations/:id/declarations':
      // The fixture company's own (409: it holds a live declaration) and a new company's (201).
      return [{ path: `/api/v1/organizations/${f.orgId}/declarations`, body: () => DECLARATION }, { path: `/api/v1/organizations/${await newCompany()}/declarations`, body: () => DECLARATION }];
    case 'PUT /api/v1/declarations/:id':
      return [{ path: `/api/v1/declarations/${f.publishedId}`, body: () => ({ ...DECLARATION, policy: '改訂した取組方針' }) }, { path: `/api/v1/declarations/${f.draftId}`, body: () => DECLARATION }];
    case 'POST /api/v1/declarations/:id/:action':
      // One fresh published declaration per action; the illegal ones answer 409 (scanned as well).
      return Promise.all(
        [...ACTIONS, 'bogus'].map(async (action) => ({
          path: `/api/v1/declarations/${await publishedDeclaration()}/${action}`,
          body: () => ({ reason: action === 'revoke' ? 'false-declaration' : action === 'suspend' ? 'under-investigation' : '記載内容に不備があります。' }),
        })),
      );
    case 'POST /api/v1/awards':
      return by(template, () => ({ organizationId: f.orgId, fiscalYear: 2025, category: 'excellence' }));
    case 'POST /api/v1/awards/:id/:action':
      // One award each: an organization holds one award of a year and category.
      return Promise.all(['suspend', 'reinstate', 'revoke'].map(async (action, i) => ({ path: `/api/v1/awards/${(await ok('POST', '/api/v1/awards', { organizationId: f.orgId, fiscalYear: 2020 + i, category: 'excellence', awardedOn: `${2020 + i}-10-01` })).id}/${action}` })));
    case 'PUT /api/v1/awards/:id':
      // A corrected overview re-issues the award's credential: the new one is walked as well.
      return [{ path: `/api/v1/awards/${(await ok('POST', '/api/v1/awards', { organizationId: f.orgId, fiscalYear: 2024, category: 'excellence', overview: '走査の概要', awardedOn: '2024-10-01' })).id}`, body: () => ({ overview: '訂正した走査の概要' }) }];
    case 'POST /api/v1/award-categories':
    case 'POST /api/v1/award-divisions':
      return by(template, () => ({ code: `walk-${unique()}`, nameJa: '走査賞', nameEn: 'Walk award' }));
    case 'POST /api/v1/tokens':
      return by(template, () => ({ role: 'organization', organizationId: f.orgId, label: `walk ${unique()}` }));
    case 'DELETE /api/v1/tokens/:id':
      return by(`/api/v1/tokens/${(await ok('POST', '/api/v1/tokens', { role: 'organization', organizationId: f.orgId, label: `to revoke ${unique()}` })).id}`);
    case 'POST /api/v1/admin/expire-due':
      return by(template, () => ({}));
    case 'POST /api/v1/lookup':
      return by(template, () => ({ corporateNumbers: [f.corporateNumber, '7000012050003'] }));
    case 'POST /api/v1/partners':
      return by(template, () => ({ name: `走査パートナー${unique()}`, kind: 'hr-company' }));
    case 'POST /api/v1/partners/:partnerId/rotate-secret':
      return by(`/api/v1/partners/${(await registerPartner(server, { name: `走査ローテーション${unique()}` })).id}/rotate-secret`);
    case 'POST /api/v1/partners/:partnerId/deactivate':
      return by(`/api/v1/partners/${(await registerPartner(server, { name: `走査停止${unique()}` })).id}/deactivate`, () => ({ reason: '走査' }));
    case 'POST /api/v1/partners/:partnerId/reactivate': {
      const { id } = await registerPartner(server, { name: `走査再開${unique()}` });
      await ok('POST', `/api/v1/partners/${id}/deactivate`, { reason: '走査' });
      return by(`/api/v1/partners/${id}/reactivate`);
    }
    case 'POST /api/v1/partners/:partnerId/webhooks':
      return ['me', f.partner.id].map((who) => ({ path: `/api/v1/partners/${who}/webhooks`, body: () => ({ url: `https://receiver.example/walk-${unique()}`, events: ['declaration.revoked'] }) }));
    case 'POST /api/v1/partners/:partnerId/webhooks/:webhookId/enable': {
      const { id } = await ok('POST', `/api/v1/partners/${f.partner.id}/webhooks`, { url: 'https://receiver.example/enable', events: ['declaration.revoked'] });
      disableWebhookInDatabase(server, id);
      return by(`/api/v1/partners/${f.partner.id}/webhooks/${id}/enable`);
    }
    case 'DELETE /api/v1/partners/:partnerId/webhooks/:webhookId': {
      const { id } = await ok('POST', `/api/v1/partners/${f.partner.id}/webhooks`, { url: 'https://receiver.example/delete', events: ['declaration.revoked'] });
      return by(`/api/v1/partners/${f.partner.id}/webhooks/${id}`);
    }
    case 'POST /api/v1/partners/:partnerId/deliveries/:deliveryId/replay':
      return ['me', f.partner.id].map((who) => ({ path: `/api/v1/partners/${who}/deliveries/${f.partner.deliveryId}/replay` }));
    case 'POST /credentials/issue':
      return by(template, () => ({
        credential: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], credentialSubject: { id: `urn:uuid:00000000-0000-4000-8000-${String(unique()).padStart(12, '0')}` } },
      }));
    case 'POST /credentials/status':
      return by(template, async () => ({
        credentialId: (await declarationCredential(server, await publishedDeclaration())).ref.id,
        credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: true, reason: 'false-declaration' }],
      }));
    case 'POST /credentials/verify':
      return [{ path: template, body: () => ({ verifiableCredential: f.dataIntegrity }) }, { path: template, body: () => ({ verifiableCredential: { ...f.dataIntegrity, proof: undefined } }) }];
    case 'POST /presentations/verify':
      return by(template, () => ({ verifiablePresentation: f.presentation, options: { challenge: 'walk-challenge', domain: 'recruit.example' } }));
    case 'POST /oauth/token':
      return by(template, undefined, () => ({ grant_type: 'client_credentials', client_id: f.partner.clientId, client_secret: f.partner.clientSecret }));
    case 'POST /verify':
      return [{ path: template, form: () => ({ credential: f.jwt }) }, { path: template, form: () => ({ credential: JSON.stringify(f.dataIntegrity) }) }];
  }
  // The back office, signed out (a bearer token opens no session): its pages and forms redirect to /admin/login.
  if (template.startsWith('/admin')) return by(template.replace(/:\w+/g, 'someone'), undefined, method === 'POST' ? () => ({ csrf: 'guess' }) : undefined);
  // Any other write without parameters (e.g. a secretariat action added later): an empty JSON object.
  if (method !== 'GET') return template.includes('/:') ? undefined : by(template, () => ({}));
  // GETs: fill the parameters by name and place.
  const filled = template
    .replace(/^\/api\/v1\/organizations\/by-corporate-number\/:corporateNumber$/, `/api/v1/organizations/by-corporate-number/${f.corporateNumber}`)
    .replace(/^\/api\/v1\/organizations\/:id/, `/api/v1/organizations/${f.orgId}`)
    .replace(/^\/organizations\/:id$/, `/organizations/${f.orgId}`)
    .replace(/^\/api\/v1\/awards\/:id$/, `/api/v1/awards/${f.awardId}`)
    .replace(/^\/credentials\/:id(?:\{[^}]*\})?/, `/credentials/${f.uuid}`)
    .replace(/^\/v\/:id$/, `/v/${f.uuid}`)
    .replace(/^\/status-lists\/:id$/, f.statusListPath)
    .replace(/\/:partnerId(?=\/|$)/, `/${f.partner.id}`);
  if (filled.startsWith('/api/v1/declarations/:id')) return [f.publishedId, f.draftId].map((id) => ({ path: filled.replace(':id', id) }));
  if (filled.includes('/:')) return undefined;
  return filled.includes(`/${f.partner.id}`) ? [{ path: filled }, { path: filled.replace(`/${f.partner.id}`, '/me') }] : [{ path: filled }];
}

async function registeredRoutes(): Promise<{ method: string; path: string }[]> {
  const store = await openSqlite({ path: ':memory:' });
  try {
    const registry = await createKyselyRegistry({ db: store.db, unitOfWork: store.unitOfWork, config: { validityMonths: 36, publicBaseUrl: 'http://localhost', didMethod: 'did:web' } });
    const app = createApp({ registry, publicBaseUrl: 'http://localhost' });
    const routes = app.routes.filter((r) => r.method !== 'ALL').map((r) => ({ method: r.method, path: r.path }));
    return routes.filter((r, i) => routes.findIndex((o) => o.method === r.method && o.path === r.path) === i);
  } finally {
    await store.close();
  }
}

/** The same secret written the ways a careless serializer might. */
const encodings = (d: string) => {
  const bytes = Buffer.from(d, 'base64url');
  return [d, bytes.toString('base64'), bytes.toString('hex'), bytes.toString('hex').toUpperCase()];
};

describe('no private key material in any response', () => {
  beforeAll(async () => {
    // Two issuer keys with known private parts: the signing key and a retired one. On Node as
    // key files (what npm run keys:new writes); on the Worker as the ISSUER_KEYS secret.
    const retired = await generateIssuerKey({ now: new Date('2024-01-01T00:00:00Z') });
    retired.retiredAt = '2025-01-01T00:00:00.000Z';
    const active = await generateIssuerKey();
    keysDir = mkdtempSync(join(tmpdir(), 'registry-keys-walk-'));
    let env: Record<string, string>;
    if (onWorker) {
      env = { ISSUER_KEYS: JSON.stringify([retired, active].map(({ keyId, createdAt, retiredAt, privateJwk }) => ({ keyId, createdAt, retiredAt, privateJwk }))) };
      dValues = [retired, active].map((k) => k.privateJwk!.d!);
    } else {
      writeKeyFile(keysDir, retired);
      writeKeyFile(keysDir, active);
      env = { KEYS_DIR: keysDir };
      dValues = privateKeyValues(keysDir);
    }
    expect(dValues).toHaveLength(2);
    server = await startTestServer({ ...env, WEBHOOK_DISPATCH_INTERVAL_MS: '0' });

    const a = await seedCompany(server, { n: 1, publish: true });
    // One live declaration per organization: the draft is another company's.
    const b = await seedCompany(server, { n: 2 });
    const partial = { orgId: a.organization.id, corporateNumber: a.organization.corporateNumber, orgToken: a.orgToken, draftId: b.declarationId } as typeof f;
    f = partial;
    const client = await registerPartner(server, { name: '走査人材株式会社' });
    await ok('POST', `/api/v1/partners/${client.id}/webhooks`, { url: 'https://receiver.example/registry', events: ['award.granted'] });
    const publishedId = a.declarationId;
    const { id: awardId } = await ok('POST', '/api/v1/awards', { organizationId: a.organization.id, fiscalYear: 2025, category: 'minister' });
    const [delivery] = (await ok('GET', `/api/v1/partners/${client.id}/deliveries`)).items;
    const { ref, dataIntegrity, jwt } = await declarationCredential(server, publishedId);
    const presentation = await signedPresentation(server, [dataIntegrity], { challenge: 'walk-challenge', domain: 'recruit.example' });
    f = {
      ...partial,
      publishedId,
      awardId,
      uuid: credentialUuid(ref.id),
      jwt,
      dataIntegrity,
      presentation,
      statusListPath: new URL(dataIntegrity.credentialStatus[0].statusListCredential).pathname,
      partner: { ...client, token: await accessToken(server, client), deliveryId: delivery.id },
    };
  });

  afterAll(async () => {
    await server?.close();
    rmSync(keysDir, { recursive: true, force: true });
  });

  it('walks every registered route as every kind of caller, and error paths', async () => {
    const routes = await registeredRoutes();
    const unknown: string[] = [];
    // Reads first, then writes (which change state), deletions last.
    const order = ['GET', 'PUT', 'POST', 'DELETE'];
    routes.sort((x, y) => order.indexOf(x.method) - order.indexOf(y.method));
    for (const route of routes) {
      const cases = await instances(route.method, route.path);
      if (!cases) {
        unknown.push(`${route.method} ${route.path}`);
        continue;
      }
      for (const { path, body, form } of cases) {
        for (const role of ROLES) {
          if (route.method === 'GET') {
            for (const accept of ACCEPTS) await send('GET', path, role, { accept });
          } else {
            await send(route.method, path, role, { ...(body ? { body: await body() } : {}), ...(form ? { form: form() } : {}) });
          }
        }
      }
    }
    expect(unknown, 'routes this walk does not know how to call: add them to instances()').toEqual([]);

    // Error paths: unknown addresses, malformed input, unknown credentials, bad tokens.
    await send('GET', '/no/such/address', 'public');
    await send('GET', `/credentials/00000000-0000-4000-8000-000000000000`, 'public', { accept: 'application/json' });
    await send('GET', '/.well-known/private.json', 'admin');
    await send('POST', '/credentials/verify', 'public', { raw: '{"verifiableCredential": ' });
    await send('POST', '/credentials/verify', 'public', { body: { verifiableCredential: f.jwt.replace(/\.[^.]+$/, '.AAAA') } });
    await send('POST', '/api/v1/organizations', 'admin', { raw: '[]' });
    await send('OPTIONS', '/credentials/verify', 'public');
    await server.call('GET', '/api/v1/tokens', { token: 'trr_notARealToken000000000000000000000' }).then((r) => seen.push({ request: 'GET /api/v1/tokens (unknown token)', status: r.status, text: r.text, headers: [...r.headers].join('\n'), raw: r.headers }));

    expect(seen.length).toBeGreaterThan(500);
    const statuses = new Set(seen.map((s) => s.status));
    for (const status of [200, 201, 400, 401, 403, 404]) expect(statuses, `the walk saw a ${status}`).toContain(status);
  }, 300_000); // ~600 requests: about a minute against local workerd

  it('finds no private key value, "d" member, PEM or multibase secret in any body or header', () => {
    expect(seen.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const response of seen) {
      const texts = [response.text, response.headers];
      for (const leak of privateKeyLeaks(texts, dValues)) problems.push(`${response.request}: ${leak}`);
      for (const text of texts) {
        for (const d of dValues) for (const encoded of encodings(d)) if (text.includes(encoded)) problems.push(`${response.request}: private key (encoded) in the answer`);
        if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) problems.push(`${response.request}: PEM private key`);
        if (/"(secretKeyMultibase|privateKeyMultibase|privateKeyJwk|privateJwk)"/.test(text)) problems.push(`${response.request}: private key member`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every answer carries the security headers', () => {
    const problems: string[] = [];
    for (const { request, status, raw } of seen) {
      const csp = raw.get('content-security-policy') ?? '';
      if (!csp.includes("frame-ancestors 'none'")) problems.push(`${request} (${status}): CSP without frame-ancestors 'none': ${csp}`);
      if (!csp.includes("default-src 'none'")) problems.push(`${request} (${status}): CSP without default-src 'none'`);
      if (raw.get('x-content-type-options') !== 'nosniff') problems.push(`${request} (${status}): no nosniff`);
      if (raw.get('x-frame-options') !== 'DENY') problems.push(`${request} (${status}): X-Frame-Options ${raw.get('x-frame-options')}`);
      if (!['strict-origin-when-cross-origin', 'no-referrer'].includes(raw.get('referrer-policy') ?? '')) problems.push(`${request} (${status}): Referrer-Policy ${raw.get('referrer-policy')}`);
      if (!['cross-origin', 'same-origin'].includes(raw.get('cross-origin-resource-policy') ?? '')) problems.push(`${request} (${status}): no Cross-Origin-Resource-Policy`);
      if (!raw.get('x-request-id')) problems.push(`${request} (${status}): no X-Request-Id`);
      // http://localhost: not behind HTTPS, so no HSTS (see security-headers.test.ts for https).
      if (raw.get('strict-transport-security')) problems.push(`${request} (${status}): HSTS over plain http`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });
});
