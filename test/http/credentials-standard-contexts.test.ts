/**
 * Over HTTP: the credentials a running registry issues verify for an outsider holding only the
 * standard contexts (VC 2.0, OB 3.0.3) and the DID document, with the network cut; credentials
 * of the earlier shape (the deployment's own context, /contexts/registry/v1) still verify
 * through POST /credentials/verify, and the verification page reads them as before.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarationCredential, newestCredential, publicBaseUrl, startServerWithKnownKeys } from '../helpers/credentials.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

type Json = Record<string, any>;

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/credentials');
const fixture = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const OB_V3_0_3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
/** The base URL the legacy fixtures were issued under. */
const FIXTURE_BASE = 'http://localhost:8787';
const STATUS_LIST_PROBLEMS = 'https://www.w3.org/ns/credentials/status-list#';

function verifyWithStandardContextsOnly(credential: Json, didDocument: Json): Promise<{ verified: boolean; errors: string[]; requested: string[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(fixtures, 'standard-contexts-verifier.mjs'), { workerData: { credential, didDocument } });
    worker.once('message', (result) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

let server: TestServer;
let base: string;
let didDocument: Json;
let declaration: Json;
let award: Json;
const verify = (target: TestServer, verifiableCredential: unknown) => target.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential } });

beforeAll(async () => {
  ({ server } = await startServerWithKnownKeys());
  base = publicBaseUrl(server);
  didDocument = (await server.call('GET', '/.well-known/did.json', { token: null })).body;
  const company = await seedCompany(server, { n: 1, publish: true });
  declaration = await declarationCredential(server, company.declarationId);
  const recorded = await server.call('POST', '/api/v1/awards', {
    body: { organizationId: company.organization.id, fiscalYear: 2025, category: 'minister', overview: '地方拠点でのサテライトオフィス整備。' },
  });
  expect(recorded.status, recorded.text).toBe(201);
  award = await newestCredential(server, `/api/v1/awards/${recorded.body.id}`);
});

afterAll(async () => {
  await server?.close();
});

describe('credentials the registry issues now', () => {
  it('name no context of the deployment', () => {
    for (const { dataIntegrity } of [declaration, award]) {
      const [vc2, ob, embedded, ...more] = dataIntegrity['@context'];
      expect([vc2, ob, typeof embedded, more]).toEqual([VC_V2, OB_V3_0_3, 'object', []]);
      expect(JSON.stringify(dataIntegrity['@context'])).not.toContain(base);
    }
  });

  it('verify for an outsider with only VC 2.0 + OB 3.0.3 and the DID document, network cut', async () => {
    for (const { dataIntegrity } of [declaration, award]) {
      const result = await verifyWithStandardContextsOnly(dataIntegrity, didDocument);
      expect(result.errors).toEqual([]);
      expect(result.verified).toBe(true);
      expect(new Set(result.requested.filter((u) => !u.startsWith(didDocument.id)))).toEqual(new Set([VC_V2, OB_V3_0_3]));
    }
  });

  it('verify through POST /credentials/verify in both forms, and the page reads their claims', async () => {
    for (const { dataIntegrity, jwt } of [declaration, award]) {
      for (const form of [dataIntegrity, jwt]) {
        const response = await verify(server, form);
        expect(response.body.problemDetails).toEqual([]);
        expect(response.body.verified).toBe(true);
      }
    }
    const page = await server.call('GET', new URL(award.ref.verificationUrl).pathname, { token: null, headers: { accept: 'application/json' } });
    expect(page.body).toMatchObject({ verdict: 'valid', kind: 'award', award: { fiscalYear: 2025, category: { ja: '大臣賞' }, overview: '地方拠点でのサテライトオフィス整備。' } });
    expect(page.body.organization).toMatchObject({ prefectureCode: expect.stringMatching(/^\d{2}$/) });
  });
});

describe('credentials of the earlier shape (deployment context /contexts/registry/v1)', () => {
  it('the context is still served', async () => {
    const served = await server.call('GET', '/contexts/registry/v1', { token: null });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toContain('application/ld+json');
    expect(served.body['@context']).toMatchObject({ nameEn: { '@id': 'https://schema.org/name' }, teleworkDeclaration: { '@id': `${base}/vocab#teleworkDeclaration` } });
  });

  it('one built as the previous builder did verifies through POST /credentials/verify (both forms) and reads on the page', async () => {
    // The committed legacy declaration, moved to this registry's base URL, issued through the VC-API.
    const legacy = JSON.parse(fixture('legacy-declaration.json').replaceAll(FIXTURE_BASE, base)) as Json;
    const { id: _id, proof: _proof, credentialStatus: _status, issuer: _issuer, ...content } = legacy;
    expect(content['@context'][2]).toBe(`${base}/contexts/registry/v1`);
    const issued = await server.call('POST', '/credentials/issue', { body: { credential: { ...content, issuer: didDocument.id } } });
    expect(issued.status, issued.text).toBe(201);
    const credential = issued.body.verifiableCredential as Json;
    expect(credential['@context']).toEqual(content['@context']);
    const asJwt = await server.call('POST', '/credentials/issue', { body: { credential: { ...content, issuer: didDocument.id }, options: { format: 'vc+jwt' } } });
    for (const form of [credential, asJwt.body.verifiableCredential]) {
      const response = await verify(server, form);
      expect(response.body.problemDetails).toEqual([]);
      expect(response.body.verified).toBe(true);
    }
    const page = await server.call('GET', `/v/${credential.id.slice(credential.id.lastIndexOf('/') + 1)}`, { token: null, headers: { accept: 'application/json' } });
    expect(page.body).toMatchObject({
      verdict: 'valid',
      kind: 'declaration',
      organization: { name: '株式会社みらいワーク', nameEn: 'Mirai Work Inc.', corporateNumber: '7123456789012', prefectureCode: '13' },
      declaration: { committedOn: '2025-04-01', guidelineAreas: expect.arrayContaining([expect.objectContaining({ code: 'labor' })]) },
    });
  });

  it('the fixtures signed before the change verify on a registry with their key and base URL: only their status is unknown there', async () => {
    // Not issued by this database, so the registry cannot read their status entries; proof, issuer,
    // dates and schema must all pass.
    const legacyServer = await startTestServer({ PUBLIC_BASE_URL: FIXTURE_BASE, ISSUER_KEYS: fixture('legacy-issuer-key.json') });
    try {
      for (const name of ['declaration', 'award']) {
        for (const form of [JSON.parse(fixture(`legacy-${name}.json`)), fixture(`legacy-${name}.jwt`).trim()]) {
          const response = await verify(legacyServer, form);
          expect(response.body.verified).toBe(false);
          expect(response.body.issuedByRegistry, name).toBe(true);
          const problems = response.body.problemDetails as Json[];
          expect(problems.length, JSON.stringify(problems)).toBeGreaterThan(0);
          for (const p of problems) expect(p.type, `${name}: ${p.title} ${p.detail}`).toMatch(new RegExp(`^${STATUS_LIST_PROBLEMS}`));
        }
      }
    } finally {
      await legacyServer.close();
    }
  });
});
