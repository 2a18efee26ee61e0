/**
 * The secretariat's VC-API over real HTTP: POST /credentials/issue (both forms, malformed input)
 * and POST /credentials/status, whose status bits and the registry's records never disagree.
 */
import { compactVerify, createLocalJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  VC_V2, credentialUuid, decodeBitstring, declarationCredential, fetchCredential, localUrl, newestCredential,
  privateKeyLeaks, startServerWithKnownKeys, publicBaseUrl, recordResponses, verifyWithDigitalBazaar,
} from '../helpers/credentials.js';
import { seedCompany, type TestServer } from '../helpers/server.js';

type Json = Record<string, any>;

let server: TestServer;
let privateKeyDs: () => string[];
let base: string;
let recorded: { texts: string[] };
let did: string;

const problem = (name: string) => `${base}/problems/${name}`;
const types = (body: Json) => (body.problemDetails as Json[]).map((p) => p.type as string);
const verify = (verifiableCredential: unknown) => server.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential } });
const issue = (body: unknown) => server.call('POST', '/credentials/issue', { body });
const setStatus = (credentialId: string, statusPurpose: 'revocation' | 'suspension', status: boolean, reason?: string) =>
  server.call('POST', '/credentials/status', {
    body: { credentialId, credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose, status, ...(reason ? { reason } : {}) }] },
  });

const plainCredential = (subject: Json = { id: 'urn:uuid:3a0c1d55-2d7e-4a7e-9b8e-0f7d9a2c4b61' }) => ({
  '@context': [VC_V2],
  type: ['VerifiableCredential'],
  credentialSubject: subject,
});

/** The served status list's bit for one of the credential's entries. */
async function bit(credential: Json, purpose: 'revocation' | 'suspension'): Promise<boolean> {
  const entry = (credential.credentialStatus as Json[]).find((e) => e.statusPurpose === purpose)!;
  const list = (await (await fetch(localUrl(server, entry.statusListCredential))).json()) as Json;
  return decodeBitstring(list.credentialSubject.encodedList).isSet(Number(entry.statusListIndex));
}

beforeAll(async () => {
  ({ server, privateKeyDs } = await startServerWithKnownKeys());
  base = publicBaseUrl(server);
  recorded = recordResponses(server);
  did = (await server.call('GET', '/.well-known/did.json', { token: null })).body.id;
});

afterAll(async () => {
  await server?.close();
});

describe('POST /credentials/issue', () => {
  it('→ 201 {verifiableCredential}: Data Integrity by default, with id, issuer and two status entries set by the registry', async () => {
    const response = await issue({ credential: plainCredential() });
    expect(response.status, response.text).toBe(201);
    const credential = response.body.verifiableCredential as Json;
    expect(credential.id).toMatch(new RegExp(`^${base}/credentials/[0-9a-f-]{36}$`));
    expect(credential.issuer).toBe(did);
    expect(credential.credentialSubject).toEqual(plainCredential().credentialSubject);
    expect((credential.credentialStatus as Json[]).map((e) => e.statusPurpose).sort()).toEqual(['revocation', 'suspension']);
    for (const entry of credential.credentialStatus) expect(entry.statusListCredential).toMatch(new RegExp(`^${base}/status-lists/`));
    expect(credential.proof[0]).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
    // Served at its id, verified by the registry and by an outsider.
    expect((await fetchCredential(server, credential.id)).dataIntegrity).toEqual(credential);
    const verified = await verify(credential);
    expect(verified.body.problemDetails).toEqual([]);
    expect(verified.status).toBe(200);
    expect((await verifyWithDigitalBazaar(server, credential)).verified).toBe(true);
  });

  it('with options.format "vc+jwt" → an EnvelopedVerifiableCredential that jose verifies against the JWKS', async () => {
    const response = await issue({ credential: plainCredential(), options: { format: 'vc+jwt' } });
    expect(response.status, response.text).toBe(201);
    const envelope = response.body.verifiableCredential as Json;
    expect(envelope).toMatchObject({ '@context': [VC_V2], type: 'EnvelopedVerifiableCredential' });
    expect(envelope.id).toMatch(/^data:application\/vc\+jwt,eyJ/);
    const jwt = (envelope.id as string).slice('data:application/vc+jwt,'.length);
    const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as Json;
    const { payload, protectedHeader } = await compactVerify(jwt, createLocalJWKSet(jwks as any), { algorithms: ['EdDSA'] });
    expect(protectedHeader.typ).toBe('vc+jwt');
    const content = JSON.parse(new TextDecoder().decode(payload)) as Json;
    expect(content.issuer).toBe(did);
    expect(await (await fetch(localUrl(server, content.id), { headers: { accept: 'application/vc+jwt' } })).text()).toBe(jwt);
    for (const input of [envelope, jwt]) expect((await verify(input)).status).toBe(200);
  });

  it('an OpenBadgeCredential shaped like the registry’s own is signed and validates', async () => {
    const company = await seedCompany(server, { n: 1, publish: true });
    const { dataIntegrity } = await declarationCredential(server, company.declarationId);
    const { id: _id, proof: _proof, credentialStatus: _status, ...content } = dataIntegrity;
    const response = await issue({ credential: { ...content, name: '事務局が個別に発行した宣言' } });
    expect(response.status, response.text).toBe(201);
    const verified = await verify(response.body.verifiableCredential);
    expect(verified.body.problemDetails).toEqual([]);
    expect(verified.body.checks).toContain('schema');
  });

  it('a genuinely signed OpenBadgeCredential that breaks the OB 3.0 schema fails only the schema check, in both forms', async () => {
    const company = await seedCompany(server, { n: 9, publish: true });
    const { dataIntegrity } = await declarationCredential(server, company.declarationId);
    const { id: _id, proof: _proof, credentialStatus: _status, ...content } = dataIntegrity;
    const { name: _name, ...achievement } = content.credentialSubject.achievement;
    const credential = { ...content, credentialSubject: { ...content.credentialSubject, achievement } };
    for (const format of ['data-integrity', 'vc+jwt']) {
      const response = await issue({ credential, options: { format } });
      expect(response.status, response.text).toBe(201);
      const verified = await verify(response.body.verifiableCredential);
      expect(verified.status).toBe(400);
      expect(verified.body.checks).toEqual(expect.arrayContaining(['proof', 'issuer', 'status']));
      expect(verified.body.results).toContainEqual({ check: 'schema', verified: false });
      expect(verified.body.problemDetails).toEqual([expect.objectContaining({ type: expect.stringMatching(/\/schema$/), detail: expect.stringContaining('/credentialSubject/achievement') })]);
    }
  });

  const malformed: [string, unknown][] = [
    ['missing credentialSubject', { credential: { '@context': [VC_V2], type: ['VerifiableCredential'] } }],
    ['an undefined term in credentialSubject', { credential: plainCredential({ id: 'urn:uuid:1', favouriteColour: 'blue' }) }],
    ['an undefined term at the top level', { credential: { ...plainCredential(), madeUpProperty: 1 } }],
    ['an undefined type', { credential: { ...plainCredential(), type: ['VerifiableCredential', 'NoSuchCredential'] } }],
    ['no VC 2.0 context', { credential: { ...plainCredential(), '@context': ['https://www.w3.org/2018/credentials/v1'] } }],
    ['no VerifiableCredential type', { credential: { ...plainCredential(), type: ['OpenBadgeCredential'] } }],
    ['an embedded proof', { credential: { ...plainCredential(), proof: { type: 'DataIntegrityProof' } } }],
    ['a malformed validUntil', { credential: { ...plainCredential(), validUntil: 'next year' } }],
    ['an unknown format', { credential: plainCredential(), options: { format: 'mso_mdoc' } }],
    ['no credential at all', { options: {} }],
  ];
  it.each(malformed)('%s → 400 problem+json, nothing stored', async (_name, body) => {
    const before = server.snapshot();
    const response = await issue(body);
    expect(response.status, response.text).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(server.snapshot()).toBe(before);
  });
});

describe('POST /credentials/status: status bits and records never disagree', () => {
  it('revoking a declaration’s credential revokes the declaration', async () => {
    const company = await seedCompany(server, { n: 2, publish: true });
    const { ref, dataIntegrity, jwt } = await declarationCredential(server, company.declarationId);
    const response = await setStatus(ref.id, 'revocation', true, 'false-declaration');
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ credentialId: ref.id, status: 'revoked' });
    expect((await server.call('GET', `/api/v1/declarations/${company.declarationId}`)).body.status).toBe('revoked');
    expect(await bit(dataIntegrity, 'revocation')).toBe(true);
    expect(await bit(dataIntegrity, 'suspension')).toBe(false);
    for (const input of [dataIntegrity, jwt]) expect(types((await verify(input)).body)).toEqual([problem('revoked')]);
    // Irreversible: un-revoking is a conflict and changes nothing.
    const before = server.snapshot();
    const undo = await setStatus(ref.id, 'revocation', false);
    expect(undo.status).toBe(409);
    expect(server.snapshot()).toBe(before);
  });

  it('suspending and un-suspending a declaration’s credential suspends and reinstates the declaration', async () => {
    const company = await seedCompany(server, { n: 3, publish: true });
    const { ref, dataIntegrity } = await declarationCredential(server, company.declarationId);
    const uuidPath = `/credentials/${credentialUuid(ref.id)}`;
    // The credential id may be given as the full URL or as its uuid.
    expect((await setStatus(credentialUuid(ref.id), 'suspension', true, 'under-investigation')).status).toBe(200);
    expect((await server.call('GET', `/api/v1/declarations/${company.declarationId}`)).body.status).toBe('suspended');
    expect(await bit(dataIntegrity, 'suspension')).toBe(true);
    expect(types((await verify(dataIntegrity)).body)).toEqual([problem('suspended')]);
    expect((await setStatus(ref.id, 'suspension', false)).status).toBe(200);
    expect((await server.call('GET', `/api/v1/declarations/${company.declarationId}`)).body.status).toBe('published');
    expect(await bit(dataIntegrity, 'suspension')).toBe(false);
    expect((await verify(dataIntegrity)).status).toBe(200);
    expect((await server.call('GET', uuidPath, { token: null })).body).toEqual(dataIntegrity);
  });

  it('suspending an award’s credential suspends the award', async () => {
    const company = await seedCompany(server, { n: 4, publish: true });
    const recorded = await server.call('POST', '/api/v1/awards', { body: { organizationId: company.organization.id, fiscalYear: 2025, category: 'minister' } });
    expect(recorded.status, recorded.text).toBe(201);
    const { ref, dataIntegrity } = await newestCredential(server, `/api/v1/awards/${recorded.body.id}`);
    expect((await setStatus(ref.id, 'suspension', true)).status).toBe(200);
    expect((await server.call('GET', `/api/v1/awards/${recorded.body.id}`)).body.status).toBe('suspended');
    expect(await bit(dataIntegrity, 'suspension')).toBe(true);
    expect(types((await verify(dataIntegrity)).body)).toEqual([problem('suspended')]);
  });

  it('a credential issued through the VC-API can be suspended, reinstated and revoked', async () => {
    const credential = (await issue({ credential: plainCredential() })).body.verifiableCredential as Json;
    expect((await setStatus(credential.id, 'suspension', true)).body.status).toBe('suspended');
    expect(await bit(credential, 'suspension')).toBe(true);
    expect(types((await verify(credential)).body)).toEqual([problem('suspended')]);
    expect((await setStatus(credential.id, 'suspension', false)).body.status).toBe('active');
    expect((await verify(credential)).status).toBe(200);
    expect((await setStatus(credential.id, 'revocation', true)).body.status).toBe('revoked');
    expect(await bit(credential, 'revocation')).toBe(true);
    expect(types((await verify(credential)).body)).toEqual([problem('revoked')]);
  });

  it('a request of two entries is taken whole, judged against the status before it', async () => {
    const company = await seedCompany(server, { n: 5, publish: true });
    const { ref, dataIntegrity } = await declarationCredential(server, company.declarationId);
    const entries = (list: [string, boolean][]) => list.map(([statusPurpose, status]) => ({ type: 'BitstringStatusListEntry', statusPurpose, status }));
    const send = (list: [string, boolean][]) => server.call('POST', '/credentials/status', { body: { credentialId: ref.id, credentialStatus: entries(list) } });

    // The same purpose twice: refused whole, naming the entry, nothing changed.
    let before = server.snapshot();
    const repeated = await send([['suspension', true], ['suspension', false]]);
    expect(repeated.status).toBe(400);
    expect(repeated.body.errors.map((e: Json) => e.field)).toEqual(['/credentialStatus/1/statusPurpose']);
    expect(server.snapshot()).toBe(before);

    // Suspend, and "not revoked" (already so): one change, both bits as asked.
    const suspended = await send([['suspension', true], ['revocation', false]]);
    expect(suspended.status, suspended.text).toBe(200);
    expect(suspended.body.status).toBe('suspended');
    expect((await server.call('GET', `/api/v1/declarations/${company.declarationId}`)).body.status).toBe('suspended');
    expect([await bit(dataIntegrity, 'suspension'), await bit(dataIntegrity, 'revocation')]).toEqual([true, false]);

    // Revocation wins over a reinstatement asked beside it.
    const revoked = await send([['suspension', false], ['revocation', true]]);
    expect(revoked.body.status).toBe('revoked');
    expect((await server.call('GET', `/api/v1/declarations/${company.declarationId}`)).body.status).toBe('revoked');

    // Revoked is final: asking it again changes nothing (200); anything else is refused whole (409).
    before = server.snapshot();
    expect((await send([['revocation', true]])).body.status).toBe('revoked');
    const refused = await send([['revocation', true], ['suspension', true]]);
    expect(refused.status).toBe(409);
    expect(refused.body.currentStatus).toBe('revoked');
    expect(server.snapshot()).toBe(before);
  });

  it('asking for the status a credential has changes nothing and is not an error', async () => {
    const company = await seedCompany(server, { n: 6, publish: true });
    const { ref } = await declarationCredential(server, company.declarationId);
    const before = server.snapshot();
    for (const [purpose, status] of [['revocation', false], ['suspension', false]] as const) {
      const response = await setStatus(ref.id, purpose, status);
      expect(response.status, response.text).toBe(200);
      expect(response.body.status).toBe('active');
    }
    expect(server.snapshot()).toBe(before);
    expect((await setStatus(ref.id, 'suspension', true)).body.status).toBe('suspended');
    expect((await setStatus(ref.id, 'suspension', true)).body.status).toBe('suspended');
  });

  it('an unknown credential → 404; a malformed body → 400; neither changes anything', async () => {
    const before = server.snapshot();
    expect((await setStatus(`${base}/credentials/00000000-0000-4000-8000-000000000000`, 'revocation', true)).status).toBe(404);
    const bad = await server.call('POST', '/credentials/status', { body: { credentialId: 'x', credentialStatus: [{ statusPurpose: 'expiry', status: true }] } });
    expect(bad.status).toBe(400);
    expect(server.snapshot()).toBe(before);
  });

  it('a purpose or type outside the list: the problem names the values the schema lists, in both languages', async () => {
    const bad = await server.call('POST', '/credentials/status', { body: { credentialId: 'x', credentialStatus: [{ type: 'StatusList2021Entry', statusPurpose: 'expiry', status: true }] } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string; ja: string; en: string }) => [e.field, e.ja, e.en])).toEqual([
      ['/credentialStatus/0/type', '/credentialStatus/0/type: BitstringStatusListEntry を指定してください。', '/credentialStatus/0/type: must be BitstringStatusListEntry.'],
      ['/credentialStatus/0/statusPurpose', '/credentialStatus/0/statusPurpose: 次のいずれかを指定してください：revocation, suspension。', '/credentialStatus/0/statusPurpose: must be one of: revocation, suspension.'],
    ]);
  });
});

describe('no private key material in any response', () => {
  it('scans every response of this file', async () => {
    const dValues = privateKeyDs();
    expect(dValues.length).toBeGreaterThan(0);
    expect(privateKeyLeaks(recorded.texts, dValues)).toEqual([]);
  });
});
