/**
 * The registry's credentials checked as an outside party would: only what the running server
 * publishes over HTTP (JWKS, DID document, its JSON-LD context, status lists) plus jose or
 * @digitalbazaar/vc, and the 1EdTech Open Badges 3.0 JSON Schema.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator, type Schema } from '@cfworker/json-schema';
import { compactVerify, createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeJwt, declarationCredential, didWebDocumentUrl, localUrl, newestCredential, privateKeyLeaks, startServerWithKnownKeys,
  publicBaseUrl, recordResponses, verifyWithDigitalBazaar,
} from '../helpers/credentials.js';
import { seedCompany, type TestServer } from '../helpers/server.js';

type Json = Record<string, any>;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const publishedSchema = JSON.parse(readFileSync(path.resolve(repoRoot, 'schemas/ob3/achievementcredential.schema.json'), 'utf8')) as Schema;

/** The published schema with exactly one relaxation: credentialStatus may be an array of what it allows. */
const relaxedValidator = () => {
  const schema = structuredClone(publishedSchema) as any;
  const single = schema.properties.credentialStatus;
  expect(single, 'the published schema defines credentialStatus').toBeTruthy();
  schema.properties.credentialStatus = { oneOf: [single, { type: 'array', minItems: 1, items: single }] };
  return new Validator(schema, '2019-09', false);
};

let server: TestServer;
let privateKeyDs: () => string[];
let base: string;
let recorded: { texts: string[] };
let company: Awaited<ReturnType<typeof seedCompany>>;
let declaration: Awaited<ReturnType<typeof declarationCredential>>;
let award: Awaited<ReturnType<typeof newestCredential>>;

/** What an outsider does first: GET the JWKS over HTTP, no token. */
async function fetchJwks(): Promise<JSONWebKeySet> {
  const response = await fetch(`${server.url}/.well-known/jwks.json`);
  expect(response.status).toBe(200);
  return (await response.json()) as JSONWebKeySet;
}

beforeAll(async () => {
  ({ server, privateKeyDs } = await startServerWithKnownKeys());
  base = publicBaseUrl(server);
  recorded = recordResponses(server);
  company = await seedCompany(server, { n: 1, publish: true });
  declaration = await declarationCredential(server, company.declarationId);
  const recordedAward = await server.call('POST', '/api/v1/awards', {
    body: { organizationId: company.organization.id, fiscalYear: 2025, category: 'minister', overview: '地方拠点でのサテライトオフィス整備。', message: 'おめでとうございます。' },
  });
  expect(recordedAward.status, recordedAward.text).toBe(201);
  award = await newestCredential(server, `/api/v1/awards/${recordedAward.body.id}`);
});

afterAll(async () => {
  await server?.close();
});

describe('a verifier with nothing but jose and the JWKS fetched over HTTP', () => {
  it('verifies the declaration and award credentials (typ vc+jwt, alg EdDSA, kid in the JWKS, payload id = credential id)', async () => {
    const jwks = await fetchJwks();
    const kids = jwks.keys.map((k) => k.kid);
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', x: expect.any(String) });
    for (const { ref, jwt } of [declaration, award]) {
      const { payload, protectedHeader } = await compactVerify(jwt, createLocalJWKSet(jwks), { algorithms: ['EdDSA'] });
      expect(protectedHeader.typ).toBe('vc+jwt');
      expect(protectedHeader.alg).toBe('EdDSA');
      expect(kids).toContain(protectedHeader.kid);
      const content = JSON.parse(new TextDecoder().decode(payload)) as Json;
      expect(content.id).toBe(ref.id);
      expect(content.type).toContain('VerifiableCredential');
      expect(content.issuer.id).toBe(protectedHeader.kid!.split('#')[0]);
    }
  });

  it('gets the JWK Set as application/jwk-set+json when it asks for that type (RFC 7517 §8.5.1), as application/json otherwise; jose’s createRemoteJWKSet reads it', async () => {
    const url = `${server.url}/.well-known/jwks.json`;
    const cases: [string, string][] = [
      ['application/jwk-set+json', 'application/jwk-set+json'],
      ['application/json;q=0.5, application/jwk-set+json', 'application/jwk-set+json'],
      ['application/json', 'application/json'],
      // jose's own Accept: application/json first.
      ['application/json, application/jwk-set+json', 'application/json'],
      ['*/*', 'application/json'],
    ];
    for (const [accept, type] of cases) {
      const response = await fetch(url, { headers: { accept } });
      expect(response.headers.get('content-type')?.split(';')[0], accept).toBe(type);
      expect(response.headers.get('vary')).toContain('Accept');
      expect(((await response.json()) as JSONWebKeySet).keys.length).toBeGreaterThan(0);
    }
    const { protectedHeader } = await compactVerify(declaration.jwt, createRemoteJWKSet(new URL(url)), { algorithms: ['EdDSA'] });
    expect(protectedHeader.typ).toBe('vc+jwt');
  });

  it('rejects a tampered payload and a tampered signature', async () => {
    const jwks = createLocalJWKSet(await fetchJwks());
    const { payload } = decodeJwt(declaration.jwt);
    payload.credentialSubject.name = '株式会社にせもの';
    const [h, , s] = declaration.jwt.split('.');
    await expect(compactVerify(`${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`, jwks)).rejects.toThrow();
    const sig = Buffer.from(s!, 'base64url');
    sig[0]! ^= 0x80;
    await expect(compactVerify(`${declaration.jwt.split('.').slice(0, 2).join('.')}.${sig.toString('base64url')}`, jwks)).rejects.toThrow();
  });

  it('verifies the status list credential served as application/vc+jwt', async () => {
    const jwks = createLocalJWKSet(await fetchJwks());
    const entry = declaration.dataIntegrity.credentialStatus[0];
    const response = await fetch(localUrl(server, entry.statusListCredential), { headers: { accept: 'application/vc+jwt' } });
    expect(response.headers.get('content-type')).toContain('application/vc+jwt');
    const { payload, protectedHeader } = await compactVerify(await response.text(), jwks, { algorithms: ['EdDSA'] });
    expect(protectedHeader.typ).toBe('vc+jwt');
    const list = JSON.parse(new TextDecoder().decode(payload)) as Json;
    expect(list).toMatchObject({ id: entry.statusListCredential, credentialSubject: { type: 'BitstringStatusList', statusPurpose: entry.statusPurpose } });
  });
});

describe('a verifier with nothing but @digitalbazaar/vc and the DID document fetched over HTTP', () => {
  it('verifies the declaration and award credentials (proof is an array), fetching did.json only (no registry context: the credential names standard contexts alone)', async () => {
    for (const { dataIntegrity } of [declaration, award]) {
      expect(Array.isArray(dataIntegrity.proof)).toBe(true);
      expect(dataIntegrity.proof[0]).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' });
      const { verified, errors, fetched } = await verifyWithDigitalBazaar(server, dataIntegrity);
      expect(errors).toEqual([]);
      expect(verified).toBe(true);
      expect(fetched).toEqual([didWebDocumentUrl(server, dataIntegrity.issuer.id)]);
      expect(JSON.stringify(dataIntegrity['@context'])).not.toContain(base);
    }
  });

  it('the DID document served is a did:web for the registry with a Multikey per live key', async () => {
    const did = (await (await fetch(`${server.url}/.well-known/did.json`)).json()) as Json;
    expect(did.id).toBe(`did:web:localhost%3A${new URL(server.url).port}`);
    expect(did.verificationMethod.length).toBeGreaterThan(0);
    for (const method of did.verificationMethod) {
      expect(method).toMatchObject({ type: 'Multikey', controller: did.id, publicKeyMultibase: expect.stringMatching(/^z6Mk/) });
      expect(did.assertionMethod).toContain(method.id);
    }
    expect(declaration.dataIntegrity.proof[0].verificationMethod).toBe(did.verificationMethod[0].id);
  });

  it('rejects tampered content', async () => {
    for (const tamper of [
      (c: Json) => (c.credentialSubject.identifier[0].identityHash = '4011001098993'),
      (c: Json) => (c.credentialSubject.achievement.name = '偽の表彰'),
      (c: Json) => (c.validUntil = '2099-12-31T00:00:00Z'),
    ]) {
      const copy = structuredClone(declaration.dataIntegrity);
      tamper(copy);
      expect((await verifyWithDigitalBazaar(server, copy)).verified).toBe(false);
    }
  });

  it('verifies the status list credential (Data Integrity form)', async () => {
    const entry = declaration.dataIntegrity.credentialStatus[1];
    const list = (await (await fetch(localUrl(server, entry.statusListCredential))).json()) as Json;
    const { verified, errors } = await verifyWithDigitalBazaar(server, list);
    expect(errors).toEqual([]);
    expect(verified).toBe(true);
  });
});

describe('Open Badges 3.0 JSON Schema (schemas/ob3, as published by 1EdTech), only credentialStatus relaxed', () => {
  it('the declaration credential and the award credential validate', () => {
    const relaxed = relaxedValidator();
    for (const { dataIntegrity, jwt } of [declaration, award]) {
      expect(relaxed.validate(dataIntegrity).errors).toEqual([]);
      // The only departure from the published schema is the two-entry credentialStatus.
      const strict = new Validator(publishedSchema, '2019-09', false).validate(dataIntegrity);
      const locations = strict.errors.map((e) => e.instanceLocation).filter((l) => l !== '#');
      expect(new Set(locations.map((l) => l.split('/')[1]))).toEqual(new Set(['credentialStatus']));
      expect(new Validator(publishedSchema, '2019-09', false).validate({ ...dataIntegrity, credentialStatus: dataIntegrity.credentialStatus[0] }).errors).toEqual([]);
      // The JWT form carries the same content, without the embedded proof.
      const { proof: _proof, ...content } = dataIntegrity;
      expect(decodeJwt(jwt).payload).toEqual(content);
    }
  });

  it('the award credential describes the award in Japanese with English', () => {
    const achievement = award.dataIntegrity.credentialSubject.achievement;
    expect(achievement.name).toContain('大臣賞');
    expect(achievement.name).toContain('2025');
    expect(award.dataIntegrity.credentialSubject.name).toBe(company.organization.name);
    expect(award.dataIntegrity.credentialSubject.identifier[0].identityHash).toBe(company.organization.corporateNumber);
    expect(JSON.stringify(award.dataIntegrity)).toMatch(/Minister/);
  });
});

describe('GET /api/v1/organizations/{id}/credentials', () => {
  it('returns both forms of every current credential; the JWT and Data Integrity forms describe the same content', async () => {
    const response = await server.call('GET', `/api/v1/organizations/${company.organization.id}/credentials`, { token: company.orgToken });
    expect(response.status).toBe(200);
    const items = response.body.items as Json[];
    expect(items.map((i) => i.id).sort()).toEqual([declaration.ref.id, award.ref.id].sort());
    const jwks = createLocalJWKSet(await fetchJwks());
    for (const item of items) {
      expect(item.dataIntegrity.id).toBe(item.id);
      const { payload } = await compactVerify(item.jwt, jwks, { algorithms: ['EdDSA'] });
      const content = JSON.parse(new TextDecoder().decode(payload)) as Json;
      expect(content.id).toBe(item.dataIntegrity.id);
      expect(content.credentialSubject).toEqual(item.dataIntegrity.credentialSubject);
      const { proof: _proof, ...withoutProof } = item.dataIntegrity;
      expect(content).toEqual(withoutProof);
      expect((await verifyWithDigitalBazaar(server, item.dataIntegrity)).verified).toBe(true);
      // The same bytes as anyone gets at the credential's id.
      expect(await (await fetch(localUrl(server, item.id), { headers: { accept: 'application/vc+jwt' } })).text()).toBe(item.jwt);
    }
  });
});

describe('no private key material in any response', () => {
  it('scans every response of this file (and the published key documents) for a JWK "d" and the key file’s d value', async () => {
    for (const p of ['/.well-known/did.json', '/.well-known/jwks.json', '/contexts/registry/v1', '/api/v1/audit-log']) await server.call('GET', p);
    await server.call('GET', `/api/v1/organizations/${company.organization.id}/credentials`);
    const dValues = privateKeyDs();
    expect(dValues.length).toBeGreaterThan(0);
    expect(privateKeyLeaks(recorded.texts, dValues)).toEqual([]);
  });
});
