import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, registerPartner, type PartnerClient } from '../helpers/partners.js';
import { DECLARATION, corporateNumberFor, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let partner: PartnerClient;
let token: string;
let published: Awaited<ReturnType<typeof seedCompany>>;
let unlisted: Awaited<ReturnType<typeof seedCompany>>;

beforeAll(async () => {
  server = await startTestServer();
  partner = await registerPartner(server);
  token = await accessToken(server, partner);
  published = await seedCompany(server, { n: 11, publish: true, name: '株式会社公表済み' });
  unlisted = await seedCompany(server, { n: 12, publish: false, name: '株式会社下書き' });
  await server.call('POST', '/api/v1/awards', { body: { organizationId: published.organization.id, fiscalYear: 2025, category: 'minister', overview: '概要', message: 'メッセージ' } });
});
afterAll(() => server?.close());

const toFullWidth = (digits: string) => digits.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const form = (fields: Record<string, string>) => ({ rawBody: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, token: null });

describe('OAuth 2.0 client credentials', () => {
  it('issues a 10-minute EdDSA access token for client_id/client_secret in a form body or JSON', async () => {
    const viaForm = await server.call('POST', '/oauth/token', form({ grant_type: 'client_credentials', client_id: partner.clientId, client_secret: partner.clientSecret }));
    expect(viaForm.status).toBe(200);
    expect(viaForm.body).toMatchObject({ token_type: 'Bearer', expires_in: 600, scope: 'lookup' });
    expect(viaForm.headers.get('cache-control')).toBe('no-store');
    const header = JSON.parse(atob(viaForm.body.access_token.split('.')[0]));
    const claims = JSON.parse(atob(viaForm.body.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt' });
    const did = (await server.call('GET', '/.well-known/did.json', { token: null })).body;
    expect(did.verificationMethod.map((m: { id: string }) => m.id)).toContain(header.kid);
    expect(claims).toMatchObject({ sub: partner.id, aud: server.url.replace('127.0.0.1', 'localhost'), scope: 'lookup' });
    expect(claims.exp - claims.iat).toBe(600);

    const viaJson = await server.call('POST', '/oauth/token', { token: null, body: { grant_type: 'client_credentials', client_id: partner.clientId, client_secret: partner.clientSecret } });
    expect(viaJson.status).toBe(200);
  });

  it('answers RFC 6749 errors: 401 invalid_client, 400 unsupported_grant_type and invalid_request', async () => {
    const wrong = await server.call('POST', '/oauth/token', form({ grant_type: 'client_credentials', client_id: partner.clientId, client_secret: 'trr_wrong' }));
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic/);
    const grant = await server.call('POST', '/oauth/token', form({ grant_type: 'password', client_id: partner.clientId, client_secret: partner.clientSecret }));
    expect([grant.status, grant.body.error]).toEqual([400, 'unsupported_grant_type']);
    const missing = await server.call('POST', '/oauth/token', form({ client_id: partner.clientId }));
    expect([missing.status, missing.body.error]).toEqual([400, 'invalid_request']);
    // RFC 6749 §3.2: a parameter sent twice is invalid_request, whichever value would have counted.
    const twice = await server.call('POST', '/oauth/token', { token: null, rawBody: `grant_type=client_credentials&grant_type=client_credentials&client_id=${partner.clientId}&client_secret=${partner.clientSecret}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect([twice.status, twice.body.error]).toEqual([400, 'invalid_request']);
  });

  it('rotating the secret cuts off the old secret and every token issued under it', async () => {
    const rotating = await registerPartner(server, { name: '株式会社ローテーション' });
    const oldToken = await accessToken(server, rotating);
    expect((await server.call('POST', '/api/v1/lookup', { token: oldToken, body: { corporateNumbers: [] } })).status).toBe(200);
    const rotated = await server.call('POST', `/api/v1/partners/${rotating.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.client_secret).not.toBe(rotating.clientSecret);
    const cutOff = await server.call('POST', '/api/v1/lookup', { token: oldToken, body: { corporateNumbers: [] } });
    expect(cutOff.status).toBe(401);
    // RFC 6750 §3.1: a token sent and refused is named invalid_token; a request without one gets no error code.
    expect(cutOff.headers.get('www-authenticate')).toBe('Bearer realm="registry", error="invalid_token"');
    expect((await server.call('POST', '/api/v1/lookup', { token: null, body: { corporateNumbers: [] } })).headers.get('www-authenticate')).toBe('Bearer realm="registry"');
    await expect(accessToken(server, rotating)).rejects.toThrow(/401/);
    const fresh = await accessToken(server, { ...rotating, clientSecret: rotated.body.client_secret });
    expect((await server.call('POST', '/api/v1/lookup', { token: fresh, body: { corporateNumbers: [] } })).status).toBe(200);
  });
});

describe('a partner token outside its scope', () => {
  it('403 with problem+json and an RFC 6750 insufficient_scope challenge', async () => {
    const other = await registerPartner(server, { name: '株式会社よそのパートナー' });
    const refusals = [
      { method: 'GET', path: '/api/v1/partners', body: undefined },
      { method: 'GET', path: `/api/v1/partners/${other.id}/deliveries`, body: undefined },
      { method: 'POST', path: `/api/v1/organizations/${published.organization.id}/declarations`, body: DECLARATION },
    ];
    for (const { method, path, body } of refusals) {
      const refused = await server.call(method, path, { token, body });
      expect(refused.status, path).toBe(403);
      expect(refused.headers.get('www-authenticate'), path).toBe('Bearer realm="registry", error="insufficient_scope"');
      expect(refused.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
      expect(refused.body, path).toMatchObject({ status: 403, messages: { ja: expect.any(String), en: expect.any(String) } });
    }
    // What the partner may do carries no challenge.
    const allowed = await server.call('GET', '/api/v1/partners/me/deliveries', { token });
    expect([allowed.status, allowed.headers.get('www-authenticate')]).toEqual([200, null]);
  });
});

describe('one partner, as the secretariat reads it', () => {
  it('GET /api/v1/partners/{id} answers the item the list shows, at the Location its registration named', async () => {
    const created = await server.call('POST', '/api/v1/partners', { body: { name: '株式会社ひとつ読み', kind: 'business-federation', rateLimitPerMinute: 120 } });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/partners/${created.body.id}`);
    const read = await server.call('GET', created.headers.get('location')!);
    expect(read.status).toBe(200);
    const listed = (await server.call('GET', '/api/v1/partners')).body.items.find((p: { id: string }) => p.id === created.body.id);
    expect(read.body).toEqual(listed);
    expect(read.body).toMatchObject({ id: created.body.id, name: '株式会社ひとつ読み', kind: 'business-federation', clientId: created.body.client_id, rateLimitPerMinute: 120, deactivatedAt: null, usage: { currentMinute: 0, days: [] } });
    // The secret is shown once, in the registration's answer: never read again.
    expect(read.text).not.toContain(created.body.client_secret);
    expect(read.text).not.toMatch(/secret_?hash|client_secret/i);
  });

  it('POST /api/v1/partners refuses a name that reads as another or shows nothing, 400 naming /name in Japanese and English, as the back office form does; nothing is registered', async () => {
    const before = (await server.call('GET', '/api/v1/partners')).body.items.length;
    const names: [string, RegExp][] = [
      ['株式会社\u202eアリャキ', /U\+202E/],
      ['株式会社\u{E0041}タグ', /U\+E0000/],
      ['\ufeff株式会社BOM', /U\+FEFF/],
      ['株式会社\n改行', /改行/],
      ['\u200b\u3000', /見えない文字/],
    ];
    for (const [name, ja] of names) {
      const refused = await server.call('POST', '/api/v1/partners', { body: { name, kind: 'other' } });
      expect(refused.status, name).toBe(400);
      expect(refused.headers.get('content-type'), name).toMatch(/^application\/problem\+json/);
      expect(refused.body.errors, name).toEqual([{ field: '/name', ja: expect.stringMatching(ja), en: expect.any(String) }]);
    }
    expect((await server.call('GET', '/api/v1/partners')).body.items).toHaveLength(before);
  });

  it('POST /api/v1/partners refuses a name another partner has, as the back office does (invisible characters, width, capitals and spaces set aside): 409 naming /name and the partner, in Japanese and English; nothing is registered', async () => {
    const first = await server.call('POST', '/api/v1/partners', { body: { name: 'Twin キャリア 株式会社', kind: 'hr-company' } });
    expect(first.status, first.text).toBe(201);
    const count = async () => (await server.call('GET', '/api/v1/partners')).body.items.length;
    const before = await count();
    for (const name of ['Twin キャリア 株式会社', ' ｔｗｉｎ\u200b　ｷｬﾘｱ  株式会社 ']) {
      const twin = await server.call('POST', '/api/v1/partners', { body: { name, kind: 'other' } });
      expect(twin.status, JSON.stringify(name)).toBe(409);
      expect(twin.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(twin.body.errors).toEqual([{ field: '/name', ja: expect.stringContaining(`「Twin キャリア 株式会社」は既に登録されています（クライアントID: ${first.body.client_id}）`), en: expect.stringContaining('“Twin キャリア 株式会社” is already registered') }]);
      expect(twin.body.existingPartner).toEqual({ id: first.body.id, name: 'Twin キャリア 株式会社' });
      expect(twin.text).not.toContain('client_secret');
    }
    expect(await count()).toBe(before);
    // A deactivated partner keeps its name (it may be reactivated) and its row: the check that no
    // partner was registered meanwhile counts it as before, so a distinct name still registers at once.
    expect((await server.call('POST', `/api/v1/partners/${first.body.id}/deactivate`, { body: { reason: '契約終了' } })).status).toBe(200);
    expect((await server.call('POST', '/api/v1/partners', { body: { name: 'TWIN キャリア 株式会社', kind: 'other' } })).status).toBe(409);
    const other = await server.call('POST', '/api/v1/partners', { body: { name: 'Twin キャリア 株式会社 2', kind: 'other' } });
    expect(other.status, other.text).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  it('404 naming partnerId for an unknown or ill-formed id, in Japanese and English', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id', 'me', '%E2%80%AE', 'x'.repeat(300)]) {
      const missing = await server.call('GET', `/api/v1/partners/${id}`);
      expect(missing.status, id).toBe(404);
      expect(missing.headers.get('content-type'), id).toMatch(/^application\/problem\+json/);
      expect(missing.body, id).toMatchObject({ status: 404, messages: { ja: expect.stringContaining('パートナー'), en: expect.stringContaining('Partner') }, errors: [{ field: 'partnerId', ja: expect.any(String), en: expect.any(String) }] });
    }
  });

  it('only those who may list partners read one: a partner token is refused, for another partner as for itself', async () => {
    const other = await registerPartner(server, { name: '株式会社読まれる側' });
    for (const id of [other.id, partner.id, 'me']) {
      const refused = await server.call('GET', `/api/v1/partners/${id}`, { token });
      expect(refused.status, id).toBe(403);
      expect(refused.headers.get('content-type'), id).toMatch(/^application\/problem\+json/);
      expect(refused.text, id).not.toContain(other.clientId);
    }
    expect((await server.call('GET', `/api/v1/partners/${other.id}`, { token: published.orgToken })).status).toBe(403);
    expect((await server.call('GET', `/api/v1/partners/${other.id}`, { token: null })).status).toBe(401);
  });
});

describe('lookup by 法人番号', () => {
  it('answers with the declaration status, awards, credentials and an as-of time (full-width digits accepted)', async () => {
    const number = published.organization.corporateNumber as string;
    for (const [who, auth] of [['public', null], ['partner', token]] as const) {
      const response = await server.call('GET', `/api/v1/organizations/by-corporate-number/${encodeURIComponent(toFullWidth(number))}`, { token: auth });
      expect(response.status, who).toBe(200);
      const body = response.body;
      expect(Date.parse(body.asOf)).toBeGreaterThan(Date.now() - 60_000);
      expect(body.organization).toMatchObject({ id: published.organization.id, corporateNumber: number, name: '株式会社公表済み' });
      expect(body.organization.contact).toBeUndefined();
      expect(body.currentDeclaration).toMatchObject({ status: 'published', validFrom: expect.any(String), validUntil: expect.any(String) });
      expect(body.awards).toEqual([expect.objectContaining({ fiscalYear: 2025, category: 'minister', status: 'active' })]);
      expect(body.credentials).toHaveLength(2);
      for (const credential of body.credentials) {
        expect(credential.id).toMatch(/\/credentials\/[0-9a-f-]{36}$/);
        expect(credential.verificationUrl).toMatch(/\/v\/[0-9a-f-]{36}$/);
        expect(credential.status).toBe('active');
      }
      expect(body.credentials.map((c: { type: string }) => c.type).sort()).toEqual(['award', 'declaration']);
    }
  });

  it('400 naming the parameter for a bad check digit; 404 for unknown and for unpublished organizations', async () => {
    const bad = await server.call('GET', '/api/v1/organizations/by-corporate-number/7000012050003', { token: null });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('corporateNumber');
    expect(bad.body.messages.ja).toBeTruthy();
    expect((await server.call('GET', `/api/v1/organizations/by-corporate-number/${corporateNumberFor(9999)}`, { token: null })).status).toBe(404);
    expect((await server.call('GET', `/api/v1/organizations/by-corporate-number/${unlisted.organization.corporateNumber}`, { token: null })).status).toBe(404);
  });

  it('bulk: one result per item, in order, an invalid number an error for that item only', async () => {
    const single = (await server.call('GET', `/api/v1/organizations/by-corporate-number/${published.organization.corporateNumber}`, { token })).body;
    const credentialId = single.credentials[0].id;
    const response = await server.call('POST', '/api/v1/lookup', {
      token,
      body: {
        corporateNumbers: [published.organization.corporateNumber, '7000012050003', corporateNumberFor(9998), unlisted.organization.corporateNumber, toFullWidth(published.organization.corporateNumber)],
        credentialIds: [credentialId, 'not-a-credential', 'urn:uuid:00000000-0000-4000-8000-000000000000'],
      },
    });
    expect(response.status).toBe(200);
    const { asOf, results } = response.body;
    expect(typeof asOf).toBe('string');
    expect(results.map((r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code))).toEqual([
      'ok', 'invalid-corporate-number', 'not-found', 'not-found', 'ok', 'ok', 'invalid-credential-id', 'not-found',
    ]);
    expect(results[1]).toMatchObject({ input: '7000012050003', ok: false, error: { ja: expect.any(String), en: expect.any(String) } });
    expect(results[0].currentDeclaration.status).toBe('published');
    expect(results[5]).toMatchObject({ inputType: 'credentialId', matchedCredential: { id: credentialId, status: 'active' }, organization: { id: published.organization.id } });
  });

  it('a badge the organization withdrew reads withdrawn, one the secretariat revoked reads revoked, as /v says', async () => {
    const withdrawing = await seedCompany(server, { n: 13, publish: true, name: '株式会社取下げ' });
    const sanctioned = await seedCompany(server, { n: 14, publish: true, name: '株式会社取消し' });
    expect((await server.call('POST', `/api/v1/declarations/${withdrawing.declarationId}/withdraw`, { token: withdrawing.orgToken })).status).toBe(200);
    expect((await server.call('POST', `/api/v1/declarations/${sanctioned.declarationId}/revoke`, { body: { reason: 'false-declaration' } })).status).toBe(200);
    for (const [company, expected] of [[withdrawing, 'withdrawn'], [sanctioned, 'revoked']] as const) {
      const single = (await server.call('GET', `/api/v1/organizations/by-corporate-number/${company.organization.corporateNumber}`, { token })).body;
      expect(single.credentials.map((c: { status: string }) => c.status), company.organization.name).toEqual([expected]);
      const [result] = (await server.call('POST', '/api/v1/lookup', { token, body: { credentialIds: [single.credentials[0].id] } })).body.results;
      expect(result.matchedCredential.status, company.organization.name).toBe(expected);
      const page = await server.call('GET', new URL(single.credentials[0].verificationUrl).pathname, { token: null, headers: { accept: 'application/json' } });
      expect(page.body.verdict, company.organization.name).toBe(expected);
    }
  });

  it('bulk accepts 1,000 items and refuses more; organization tokens may not use it', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => corporateNumberFor(20_000 + i));
    const ok = await server.call('POST', '/api/v1/lookup', { token, body: { corporateNumbers: many } });
    expect(ok.status).toBe(200);
    expect(ok.body.results).toHaveLength(1000);
    const tooMany = await server.call('POST', '/api/v1/lookup', { token, body: { corporateNumbers: many, credentialIds: ['x'] } });
    expect(tooMany.status).toBe(400);
    expect((await server.call('POST', '/api/v1/lookup', { token: published.orgToken, body: { corporateNumbers: [] } })).status).toBe(403);
  });
});

describe('rate limit and usage', () => {
  it('answers 429 with Retry-After and RateLimit headers once a partner exceeds its per-minute limit', async () => {
    const limited = await registerPartner(server, { name: '株式会社レート制限', rateLimitPerMinute: 3 });
    const limitedToken = await accessToken(server, limited);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await server.call('GET', '/api/v1/changes?limit=1', { token: limitedToken });
      statuses.push(last.status);
      expect(last.headers.get('ratelimit-limit')).toBe('3');
      expect(Number(last.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    }
    // A minute boundary between requests would reset the window; accept that rare case.
    if (statuses.at(-1) !== 429) return;
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last!.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(last!.body).toMatchObject({ status: 429, retryAfter: expect.any(Number), messages: { ja: expect.any(String), en: expect.any(String) } });

    const list = await server.call('GET', '/api/v1/partners');
    const row = list.body.items.find((p: { id: string }) => p.id === limited.id);
    expect(row.usage.days).toEqual([{ day: new Date().toISOString().slice(0, 10), requests: 3 }]);
    expect(row.usage.currentMinute).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(list.body)).not.toContain('secret_hash');
  });
});
