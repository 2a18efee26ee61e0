import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, registerPartner } from '../helpers/partners.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { onWorker } from '../helpers/targets.js';

/**
 * What a recruiting site's developer reads when a call to the partner and verification API goes
 * wrong: every problem names the field to fix, in Japanese and English.
 */
let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  token = await accessToken(server, await registerPartner(server));
});
afterAll(() => server?.close());

describe('bulk lookup', () => {
  it('an empty request names the two lists it takes', async () => {
    const answer = await server.call('POST', '/api/v1/lookup', { token, body: {} });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['/corporateNumbers', '/credentialIds']);
    for (const error of answer.body.errors) {
      expect(error.ja).toContain('corporateNumbers');
      expect(error.ja).toContain('credentialIds');
      expect(error.en).toContain('corporateNumbers');
      expect(error.en).toContain('credentialIds');
    }
  });

  it('too many items in total names both lists and says how many were sent', async () => {
    const answer = await server.call('POST', '/api/v1/lookup', { token, body: { corporateNumbers: Array(600).fill('7000012050002'), credentialIds: Array(401).fill('x') } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['/corporateNumbers', '/credentialIds']);
    expect(answer.body.errors[0].ja).toContain('1001');
    expect(answer.body.errors[0].en).toContain('1001');
  });

  it('one list alone, even empty, is a request', async () => {
    const answer = await server.call('POST', '/api/v1/lookup', { token, body: { corporateNumbers: [] } });
    expect(answer.status).toBe(200);
    expect(answer.body.results).toEqual([]);
    const company = await seedCompany(server, { n: 31, publish: true });
    const found = await server.call('POST', '/api/v1/lookup', { token, body: { corporateNumbers: [company.organization.corporateNumber] } });
    expect(found.body.results[0]).toMatchObject({ ok: true, organization: { id: company.organization.id } });
  });
});

describe('a body sent as another media type', () => {
  it('a vc+jwt posted as is to /credentials/verify is 415 naming Content-Type, saying how to send it', async () => {
    const company = await seedCompany(server, { n: 32, publish: true });
    const declaration = await server.call('GET', `/api/v1/declarations/${company.declarationId}`, { token: null });
    const jwt = (await server.call('GET', new URL(declaration.body.credentials[0].id).pathname, { token: null, headers: { accept: 'application/vc+jwt' } })).text;
    const answer = await server.call('POST', '/credentials/verify', { token: null, rawBody: jwt, headers: { 'content-type': 'application/vc+jwt' } });
    expect(answer.status).toBe(415);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.headers.get('accept-post')).toBe('application/json');
    expect(answer.body.errors).toEqual([{ field: 'Content-Type', ja: expect.stringContaining('application/json'), en: expect.stringContaining('application/json') }]);
    expect(answer.body.messages.ja).toContain('application/vc+jwt');
    expect(answer.body.messages.en).toContain('application/vc+jwt');

    // The same JWT inside the JSON body verifies.
    const verified = await server.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential: jwt } });
    expect([verified.status, verified.body.verified]).toEqual([200, true]);
  });

  it('JSON that is broken is still 400 when it was sent as JSON or as text (fetch\'s default for a string body)', async () => {
    for (const headers of [{ 'content-type': 'application/json' }, { 'content-type': 'application/merge-patch+json' }, {}] as Record<string, string>[]) {
      const answer = await server.call('POST', '/api/v1/lookup', { token, rawBody: '{"corporateNumbers": [', headers });
      expect(answer.status, JSON.stringify(headers)).toBe(400);
      expect(answer.body.errors[0].field).toBe('/');
    }
  });

  it('a JSON body under a form Content-Type (curl -d) is still read', async () => {
    const answer = await server.call('POST', '/api/v1/lookup', { token, rawBody: '{"corporateNumbers": []}', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(answer.status).toBe(200);
  });
});

describe('an access token past its 10 minutes', () => {
  // The registry's own signing key, as the Node server keeps it in KEYS_DIR: a token of its own, only expired.
  const keyFile = () => (existsSync(join(server.dir, 'keys')) ? readdirSync(join(server.dir, 'keys')).find((name) => name.endsWith('.json')) : undefined);

  it.skipIf(onWorker)('is 401 saying it expired and where to get a new one', async () => {
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    const stored = JSON.parse(readFileSync(join(server.dir, 'keys', keyFile()!), 'utf8'));
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await new SignJWT({ ...payload, iat: past, exp: past + 600 }).setProtectedHeader(header).sign(await importJWK({ ...stored.privateJwk, alg: 'EdDSA' }, 'EdDSA'));
    const answer = await server.call('POST', '/api/v1/lookup', { token: expired, body: { corporateNumbers: [] } });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(answer.body.messages.ja).toContain('有効期限');
    expect(answer.body.messages.ja).toContain('/oauth/token');
    expect(answer.body.messages.en).toContain('expired');
    expect(answer.body.messages.en).toContain('/oauth/token');

    // /docs says so where it describes the 401.
    const doc = (await server.call('GET', '/openapi.json', { token: null })).body;
    expect(doc.components.responses.Unauthenticated.description).toContain('expired: get a new one from POST /oauth/token');

    // A token that is not the registry's at all still says only that it is not valid.
    const forged = await server.call('POST', '/api/v1/lookup', { token: `${token.slice(0, -4)}AAAA`, body: { corporateNumbers: [] } });
    expect(forged.status).toBe(401);
    expect(forged.body.messages.en).not.toContain('expired');
  });
});

describe('a value outside a list of choices', () => {
  it('names the values the field takes, in both languages', async () => {
    const answer = await server.call('POST', '/api/v1/partners/me/webhooks', { token, body: { url: 'https://receiver.example/hook', events: ['nope'] } });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const [problem] = answer.body.errors;
    expect(problem.field).toBe('/events/0');
    expect(problem.ja).toBe('/events/0: 次のいずれかを指定してください：declaration.published, declaration.amended, declaration.suspended, declaration.reinstated, declaration.revoked, declaration.withdrawn, declaration.expired, declaration.renewed, award.granted, award.suspended, award.reinstated, award.revoked, award.corrected, organization.updated。');
    expect(problem.en).toBe('/events/0: must be one of: declaration.published, declaration.amended, declaration.suspended, declaration.reinstated, declaration.revoked, declaration.withdrawn, declaration.expired, declaration.renewed, award.granted, award.suspended, award.reinstated, award.revoked, award.corrected, organization.updated.');
  });

  it('names null as a choice where the field may be left empty', async () => {
    const answer = await server.call('POST', '/api/v1/organizations', { body: { kind: 'company', name: '株式会社選択肢', corporateNumber: '7000012050002', prefectureCode: '13', sizeBand: 'huge' } });
    expect(answer.status).toBe(400);
    const problem = answer.body.errors.find((e: { field: string }) => e.field === '/sizeBand');
    expect(problem.en).toBe('/sizeBand: must be one of: 1-9, 10-49, 50-299, 300-999, 1000+, null.');
    expect(problem.ja).toBe('/sizeBand: 次のいずれかを指定してください：1-9, 10-49, 50-299, 300-999, 1000+, null。');
  });
});
