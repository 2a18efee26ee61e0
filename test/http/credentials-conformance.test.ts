/**
 * VC 2.0 / VC-API / Data Integrity conformance of verification and issuance over real HTTP
 * (Node and Worker): what /credentials/verify accepts as input, proof sets and chains, the
 * answer's shape (every check that ran, errors, warnings, options.checks), trusted issuers
 * (TRUSTED_ISSUERS), presentations secured as a vp+jwt, and the malformed input
 * /credentials/issue refuses. Outside parties sign with @digitalbazaar and jose, as they would.
 */
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { CompactSign, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialSecurer } from '../../src/adapters/crypto/securer.js';
import { createIssuerIdentity } from '../../src/adapters/crypto/issuer.js';
import { generateIssuerKey, importSigningKey } from '../../src/adapters/crypto/keys.js';
import { signVcJwt } from '../../src/adapters/crypto/jwt.js';
import { base58btcDecode } from '../../src/domain/encoding.js';
import {
  CRYPTO_ERROR, INVALID_CHALLENGE, VC_V2, declarationCredential, didKeyDocument, envelopedCredential as envelope, localUrl, privateKeyLeaks, publicBaseUrl,
  recordResponses, startServerWithKnownKeys, vpJwt,
} from '../helpers/credentials.js';
import { seedCompany, type TestServer } from '../helpers/server.js';

type Json = Record<string, any>;

const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';
const OB_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const MALFORMED = 'https://www.w3.org/TR/vc-data-model#MALFORMED_VALUE_ERROR';
const RANGE = 'https://www.w3.org/TR/vc-data-model#RANGE_ERROR';
const STATUS_RETRIEVAL = 'https://www.w3.org/ns/credentials/status-list#STATUS_RETRIEVAL_ERROR';
const ALL_CHECKS = ['parse', 'issuer', 'proof', 'validFrom', 'validUntil', 'status', 'schema'];

let server: TestServer;
let privateKeyDs: () => string[];
let base: string;
let did: string;
let recorded: { texts: string[] };
let credential: Awaited<ReturnType<typeof declarationCredential>>;

const problem = (name: string) => `${base}/problems/${name}`;
const types = (body: Json) => (body.errors as Json[]).map((p) => p.type as string);
const resultOf = (body: Json, check: string) => (body.results as Json[]).find((r) => r.check === check);
const verify = (verifiableCredential: unknown, options?: Json) =>
  server.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential, ...(options ? { options } : {}) } });
const issue = (body: unknown) => server.call('POST', '/credentials/issue', { body });

/** An issuer the registry trusts (TRUSTED_ISSUERS), signing with @digitalbazaar's own suite. */
const trustedKey = await Ed25519Multikey.generate();
const trustedDid = `did:key:${trustedKey.publicKeyMultibase}`;
trustedKey.id = `${trustedDid}#${trustedKey.publicKeyMultibase}`;
trustedKey.controller = trustedDid;
/** A second trusted issuer, and one that is not trusted, both signing both forms. */
const trustedIdentity = createIssuerIdentity({ baseUrl: 'https://trusted.example', method: 'did:key', keys: [await generateIssuerKey()] });
const strangerIdentity = createIssuerIdentity({ baseUrl: 'https://stranger.example', method: 'did:key', keys: [await generateIssuerKey()] });

/** The spec's alumni example (VC 2.0 + its examples context), issued by `issuer`. */
const alumni = (issuer: string, extra: Json = {}): Json => ({
  '@context': [VC_V2, EXAMPLES_V2],
  id: 'urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33',
  type: ['VerifiableCredential', 'ExampleAlumniCredential'],
  issuer,
  validFrom: '2023-01-01T00:00:00Z',
  credentialSubject: { id: 'did:example:ebfeb1f712ebc6f1c276e12ec21', alumniOf: { name: 'Example University' } },
  ...extra,
});

/** An outside signer's loader: the VC 2.0 context from npm, the examples context, did:key. */
const outsideLoader = async (url: string) => {
  const document = url === EXAMPLES_V2 ? { '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } } : url.startsWith('did:key:') ? didKeyDocument(url) : (credentialsContexts as Map<string, unknown>).get(url);
  if (!document) throw new Error(`outside loader: not found: ${url}`);
  return { contextUrl: null, documentUrl: url, document };
};

/** A Data Integrity proof by the trusted issuer over `document` (which holds the proofs a chained one signs). */
async function proofOver(document: Json, extra: Json = {}, purpose: unknown = new vc.CredentialIssuancePurpose()): Promise<Json> {
  const suite = new DataIntegrityProof({ signer: trustedKey.signer(), cryptosuite, date: '2025-02-01T00:00:00Z' });
  if (Object.keys(extra).length) suite.proof = extra;
  return suite.createProof({ document, purpose, proofSet: [], documentLoader: outsideLoader });
}

beforeAll(async () => {
  ({ server, privateKeyDs } = await startServerWithKnownKeys({ TRUSTED_ISSUERS: ` ${trustedDid}, ${trustedIdentity.did} ` }));
  base = publicBaseUrl(server);
  recorded = recordResponses(server);
  did = (await server.call('GET', '/.well-known/did.json', { token: null })).body.id;
  const company = await seedCompany(server, { n: 1, publish: true });
  credential = await declarationCredential(server, company.declarationId);
});

afterAll(async () => {
  await server?.close();
});

describe('POST /credentials/verify: what may be sent', () => {
  it('a credential as JSON text instead of an object → 400 problem+json naming /verifiableCredential (not parsed and verified)', async () => {
    for (const text of [JSON.stringify(credential.dataIntegrity), JSON.stringify(envelope(credential.jwt)), `\n${JSON.stringify(credential.dataIntegrity)}`]) {
      const response = await verify(text);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: '/verifiableCredential', ja: expect.any(String), en: expect.stringContaining('JSON object') })]);
      expect(response.body.verified).toBeUndefined();
    }
  });

  it('a credential too large to canonicalize quickly, or with no subject, is malformed: 400 before any proof work', async () => {
    const subjects = Array.from({ length: 3000 }, (_, i) => ({ id: `did:example:${i}`, name: `n${i}` }));
    for (const credentialSubject of [subjects, []]) {
      const response = await verify({ ...credential.dataIntegrity, credentialSubject });
      expect(response.status, response.text).toBe(400);
      expect(response.body.results).toEqual([{ check: 'parse', verified: false }]);
      expect(types(response.body)).toEqual([MALFORMED]);
    }
    const presentation = { '@context': [VC_V2], type: ['VerifiablePresentation'], verifiableCredential: [{ ...credential.dataIntegrity, credentialSubject: subjects }] };
    const refused = await server.call('POST', '/presentations/verify', { token: null, body: { verifiablePresentation: presentation, options: { challenge: 'c-1' } } });
    expect(refused.status).toBe(400);
    expect(refused.body.results).toEqual([{ check: 'parse', verified: false }]);
  });

  it('a request body that is itself a JSON string → 400 problem+json', async () => {
    const response = await server.call('POST', '/credentials/verify', { token: null, rawBody: JSON.stringify(JSON.stringify({ verifiableCredential: credential.dataIntegrity })), headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('the compact vc+jwt string and the EnvelopedVerifiableCredential object are accepted as before', async () => {
    for (const input of [credential.jwt, envelope(credential.jwt), credential.dataIntegrity]) {
      const response = await verify(input);
      expect(response.body.errors).toEqual([]);
      expect(response.status).toBe(200);
    }
  });

  it('an EnvelopedVerifiableCredential whose "@context" is the VC 2.0 context as a string, as VC 2.0 §4.13 and VC-JOSE-COSE write it, is accepted, alone and in a presentation', async () => {
    const asTheSpecWritesIt = { '@context': VC_V2, id: `data:application/vc+jwt,${credential.jwt}`, type: 'EnvelopedVerifiableCredential' };
    const response = await verify(asTheSpecWritesIt);
    expect(response.body.errors).toEqual([]);
    expect(response.status).toBe(200);
    const { envelope: vp } = await vpJwt({ verifiableCredential: [asTheSpecWritesIt], nonce: 'n-s', aud: 'recruit.example' });
    const presented = await server.call('POST', '/presentations/verify', { token: null, body: { verifiablePresentation: { ...vp, '@context': VC_V2 }, options: { challenge: 'n-s', domain: 'recruit.example' } } });
    expect(presented.body.errors).toEqual([]);
    expect(presented.status).toBe(200);
    expect(presented.body.credentials.map((c: Json) => c.verified)).toEqual([true]);
    // Another context as a string is no more the VC 2.0 context than it was in a list.
    expect((await verify({ ...asTheSpecWritesIt, '@context': 'https://example.com/contexts/v1' })).status).toBe(400);
  });

  const envelopes: [string, (e: Json) => void][] = [
    ['an empty @context', (e) => (e['@context'] = [])],
    ['a foreign @context', (e) => (e['@context'] = ['https://example.com/contexts/v1'])],
    ['no type EnvelopedVerifiableCredential alone', (e) => (e.type = ['EnvelopedVerifiableCredential', 'VerifiablePresentation'])],
    ['a data: URL of another media type', (e) => (e.id = e.id.replace('application/vc+jwt', 'text/plain'))],
  ];
  it.each(envelopes)('an EnvelopedVerifiableCredential with %s → 400 verified false, malformed', async (_name, change) => {
    const input = envelope(credential.jwt) as Json;
    change(input);
    const response = await verify(input);
    expect(response.status).toBe(400);
    expect(response.body.verified).toBe(false);
    expect(types(response.body)).toEqual([MALFORMED]);
    expect(response.body.results).toEqual([{ check: 'parse', verified: false }]);
  });
});

describe('Data Integrity proof sets and chains: every proof must verify', () => {
  let first: Json;
  let chained: Json;
  beforeAll(async () => {
    first = await proofOver(alumni(trustedDid), { id: 'urn:uuid:proof-1' });
    chained = await proofOver({ ...alumni(trustedDid), proof: first }, { id: 'urn:uuid:proof-2', previousProof: 'urn:uuid:proof-1' });
  });

  it('the registry’s credential with a second, garbage proof → 400, the proof check failed', async () => {
    // A proof without a type is not one this verifier checks (Data Integrity 1.0: PROOF_VERIFICATION_ERROR).
    const garbageProofs: [Json, string][] = [
      [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', verificationMethod: credential.dataIntegrity.proof[0].verificationMethod, proofValue: 'z2bad' }, CRYPTO_ERROR],
      [{ nonsense: true }, 'https://w3id.org/security#PROOF_VERIFICATION_ERROR'],
    ];
    for (const [garbage, type] of garbageProofs) {
      const input = { ...credential.dataIntegrity, proof: [...credential.dataIntegrity.proof, garbage] };
      const response = await verify(input);
      expect(response.status).toBe(400);
      expect(response.body.verified).toBe(false);
      expect(resultOf(response.body, 'proof')).toEqual({ check: 'proof', verified: false });
      expect(types(response.body)).toContain(type);
      expect(response.body.errors.find((e: Json) => e.type === type).detail).toMatch(/^Proof 2 of 2/);
    }
  });

  it('a chain (previousProof) of a trusted issuer verifies, in either order', async () => {
    for (const proof of [[first, chained], [chained, first]]) {
      const response = await verify({ ...alumni(trustedDid), proof });
      expect(response.body.errors).toEqual([]);
      expect(response.status).toBe(200);
    }
  });

  it('a proof naming a previousProof that is absent → 400', async () => {
    for (const proof of [[chained], [first, { ...chained, previousProof: 'urn:uuid:missing' }]]) {
      const response = await verify({ ...alumni(trustedDid), proof });
      expect(response.status).toBe(400);
      expect(resultOf(response.body, 'proof')?.verified).toBe(false);
      expect(response.body.errors[0].detail).toMatch(/previousProof "urn:uuid:(proof-1|missing)" is not in the proof set/);
    }
  });
});

describe('the answer: every check that ran, errors and warnings (VC-API)', () => {
  it('verified: checks names every check, each result passed, no errors, no warnings; the fields clients read stay', async () => {
    const response = await verify(credential.dataIntegrity);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ verified: true, checks: ALL_CHECKS, errors: [], warnings: [], problemDetails: [], format: 'data-integrity', issuedByRegistry: true });
    expect(response.body.results).toEqual(ALL_CHECKS.map((check) => ({ check, verified: true })));
    expect(response.body.credentialId).toBe(credential.ref.id.split('/').pop());
  });

  it('not verified: the failed check is listed as run, with verified false, and errors = problemDetails', async () => {
    const unsigned = { '@context': [VC_V2], type: ['VerifiableCredential'], validFrom: '2020-04-01T00:00:00Z', validUntil: '2021-03-31T14:59:59Z', credentialSubject: { id: 'urn:uuid:7b1c' } };
    const issued = await issue({ credential: unsigned });
    expect(issued.status, issued.text).toBe(201);
    const response = await verify(issued.body.verifiableCredential);
    expect(response.status).toBe(400);
    expect(response.body.checks).toEqual(['parse', 'issuer', 'proof', 'validFrom', 'validUntil', 'status']);
    expect(response.body.results.filter((r: Json) => !r.verified)).toEqual([{ check: 'validUntil', verified: false }]);
    expect(types(response.body)).toEqual([problem('expired')]);
    expect(response.body.errors).toEqual(response.body.problemDetails);

    // options.checks: only those run; the others are warnings, and the verdict covers only what ran.
    const proofOnly = await verify(issued.body.verifiableCredential, { checks: ['proof', 'status'] });
    expect(proofOnly.status).toBe(200);
    expect(proofOnly.body).toMatchObject({ verified: true, checks: ['parse', 'proof', 'status'], errors: [] });
    expect(proofOnly.body.warnings.map((w: Json) => w.type)).toEqual([problem('not-checked'), problem('not-checked'), problem('not-checked')]);
    expect(proofOnly.body.warnings.map((w: Json) => w.detail).join(' ')).toMatch(/"issuer".*"validFrom".*"validUntil"/);
    const withDates = await verify(issued.body.verifiableCredential, { checks: ['proof', 'validUntil'] });
    expect(withDates.status).toBe(400);
    expect(withDates.body.checks).toEqual(['parse', 'proof', 'validUntil']);
  });

  it('options.checks naming an unknown check, or none, → 400 problem+json naming it', async () => {
    for (const [checks, field] of [[['proof', 'signature'], '/options/checks/1'], [[], '/options/checks'], ['proof', '/options/checks']] as const) {
      const response = await verify(credential.dataIntegrity, { checks });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.errors.map((e: Json) => e.field)).toContain(field);
    }
  });

  it('a status that could not be read is an error, never a pass', async () => {
    const credentialStatus = { id: 'https://status.example/lists/1#94567', type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '94567', statusListCredential: 'https://status.example/lists/1' };
    const signed = await createCredentialSecurer({ identity: trustedIdentity }).secure(alumni(trustedIdentity.did, { credentialStatus }));
    for (const input of [signed.dataIntegrity, signed.jwt]) {
      const response = await verify(input);
      expect(response.status).toBe(400);
      expect(resultOf(response.body, 'status')).toEqual({ check: 'status', verified: false });
      expect(types(response.body)).toEqual([STATUS_RETRIEVAL]);
    }
  });
});

describe('other issuers: the issuer check, apart from the proof, and TRUSTED_ISSUERS', () => {
  it('a trusted did:key issuer’s credential verifies in full, in every form; issuedByRegistry stays false', async () => {
    const signed = await createCredentialSecurer({ identity: trustedIdentity }).secure(alumni(trustedIdentity.did));
    const withProof = { ...alumni(trustedDid), proof: await proofOver(alumni(trustedDid)) };
    for (const input of [signed.dataIntegrity, signed.jwt, envelope(signed.jwt), withProof]) {
      const response = await verify(input);
      expect(response.body.errors).toEqual([]);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ verified: true, issuedByRegistry: false, checks: ['parse', 'issuer', 'proof', 'validFrom', 'validUntil', 'status'] });
      expect(response.body.credentialId).toBeUndefined();
    }
  });

  it('an issuer not in the list: its valid proof passes, the issuer check alone fails', async () => {
    const signed = await createCredentialSecurer({ identity: strangerIdentity }).secure(alumni(strangerIdentity.did));
    for (const input of [signed.dataIntegrity, signed.jwt]) {
      const response = await verify(input);
      expect(response.status).toBe(400);
      expect(types(response.body)).toEqual([problem('untrusted-issuer')]);
      expect(response.body.results.filter((r: Json) => !r.verified)).toEqual([{ check: 'issuer', verified: false }]);
      expect(resultOf(response.body, 'proof')?.verified).toBe(true);
    }
  });

  it('a trusted issuer’s tampered credential fails the proof', async () => {
    const signed = await createCredentialSecurer({ identity: trustedIdentity }).secure(alumni(trustedIdentity.did));
    const tampered = { ...signed.dataIntegrity, credentialSubject: { id: 'did:example:mallory', alumniOf: { name: 'Example University' } } };
    const response = await verify(tampered);
    expect(response.status).toBe(400);
    expect(resultOf(response.body, 'issuer')?.verified).toBe(true);
    expect(resultOf(response.body, 'proof')?.verified).toBe(false);
  });
});

describe('POST /presentations/verify: an EnvelopedVerifiablePresentation (vp+jwt)', () => {
  const verifyVp = (verifiablePresentation: unknown, options: Json) => server.call('POST', '/presentations/verify', { token: null, body: { verifiablePresentation, options } });

  it('a did:key holder’s vp+jwt with the challenge and domain → 200, each credential verified', async () => {
    const { holder, envelope: vp } = await vpJwt({ verifiableCredential: [envelope(credential.jwt), credential.dataIntegrity], nonce: 'recruit-nonce-7', aud: 'recruit.example' });
    const response = await verifyVp(vp, { challenge: 'recruit-nonce-7', domain: 'recruit.example' });
    expect(response.body.errors).toEqual([]);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ verified: true, format: 'jwt', holder, checks: ['parse', 'presentationProof', 'challenge', 'domain', 'holder'], warnings: [] });
    expect(response.body.credentials.map((c: Json) => [c.format, c.verified, c.issuedByRegistry])).toEqual([['jwt', true, true], ['data-integrity', true, true]]);
    expect(response.body.credentials[0].checks).toEqual(ALL_CHECKS);
  });

  it('another challenge, another domain, or a tampered JWT → 400 naming the failed check', async () => {
    const { envelope: vp } = await vpJwt({ verifiableCredential: [envelope(credential.jwt)], nonce: 'n-1', aud: 'recruit.example' });
    const wrongChallenge = await verifyVp(vp, { challenge: 'n-2', domain: 'recruit.example' });
    expect(wrongChallenge.status).toBe(400);
    expect(types(wrongChallenge.body)).toEqual([INVALID_CHALLENGE]);
    expect((await verifyVp(vp, { challenge: 'n-1', domain: 'phish.example' })).status).toBe(400);
    const [h, p, s] = vp.id.slice('data:application/vp+jwt,'.length).split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    payload.verifiableCredential = [];
    const forged = { ...vp, id: `data:application/vp+jwt,${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}` };
    const response = await verifyVp(forged, { challenge: 'n-1', domain: 'recruit.example' });
    expect(response.status).toBe(400);
    expect(resultOf(response.body, 'presentationProof')?.verified).toBe(false);
    // Its nonce and aud are the ones asked for: unconfirmed by the broken signature, but not called wrong.
    expect(types(response.body)).toEqual([CRYPTO_ERROR]);
    expect([resultOf(response.body, 'challenge')?.verified, resultOf(response.body, 'domain')?.verified]).toEqual([false, false]);
  });

  it('a vp+jwt typed "application/vp+jwt" is a vp+jwt (RFC 7515 §4.1.9); one typed as a vc+jwt is not', async () => {
    const { envelope: vp } = await vpJwt({ verifiableCredential: [envelope(credential.jwt)], nonce: 'n-typ' }, 'application/vp+jwt');
    const response = await verifyVp(vp, { challenge: 'n-typ' });
    expect(response.body.errors).toEqual([]);
    expect(response.status).toBe(200);
    const { envelope: mistyped } = await vpJwt({ verifiableCredential: [envelope(credential.jwt)], nonce: 'n-typ' }, 'vc+jwt');
    const refused = await verifyVp(mistyped, { challenge: 'n-typ' });
    expect(refused.status).toBe(400);
    expect(resultOf(refused.body, 'presentationProof')?.verified).toBe(false);
  });

  it('a vp+jwt whose kid cannot be retrieved (did:web, not a URL) says so, not "Invalid presentation proof"', async () => {
    const webKey = 'did:web:holder.example#key-1';
    const { envelope: vp } = await vpJwt({ verifiableCredential: [envelope(credential.jwt)], nonce: 'n-web', holder: 'did:web:holder.example' }, 'vp+jwt', webKey);
    const response = await verifyVp(vp, { challenge: 'n-web' });
    expect(response.status).toBe(400);
    expect(types(response.body)).toEqual(['https://w3id.org/security#PROOF_VERIFICATION_ERROR']);
    expect(resultOf(response.body, 'challenge')?.verified).toBe(false);
    const unchecked = response.body.errors.find((p: Json) => p.title === 'Verification method not retrievable');
    expect(unchecked.detail).toMatch(/holder's public key "did:web:holder\.example#key-1" could not be retrieved.*so the signature could not be checked/);
    expect(response.body.errors.map((p: Json) => p.title)).not.toContain('Invalid presentation proof');
    expect(resultOf(response.body, 'presentationProof')?.verified).toBe(false);

    const { envelope: notAUrl } = await vpJwt({ verifiableCredential: [envelope(credential.jwt)], nonce: 'n-web', holder: 'key-1' }, 'vp+jwt', 'key-1');
    const refused = await verifyVp(notAUrl, { challenge: 'n-web' });
    expect(refused.status).toBe(400);
    expect(types(refused.body)).toContain('https://w3id.org/security#INVALID_VERIFICATION_METHOD_URL');
  });

  it('a vp+jwt without "typ" verifies: VC-JOSE-COSE §3.1.2 makes it a SHOULD', async () => {
    const { envelope: vp } = await vpJwt({ verifiableCredential: [envelope(credential.jwt)], nonce: 'n-untyped' }, null);
    const response = await verifyVp(vp, { challenge: 'n-untyped' });
    expect(response.body.errors).toEqual([]);
    expect(response.status).toBe(200);
  });

  it('a vp+jwt whose claims include "vp" or "vc" is malformed (VC-JOSE-COSE §1.1.2.1: MUST NOT be present)', async () => {
    for (const claim of ['vp', 'vc']) {
      const { envelope: vp } = await vpJwt({ verifiableCredential: [envelope(credential.jwt)], nonce: 'n-claims', [claim]: { type: ['VerifiablePresentation'] } });
      const response = await verifyVp(vp, { challenge: 'n-claims' });
      expect(response.status, claim).toBe(400);
      expect(resultOf(response.body, 'parse')?.verified, claim).toBe(false);
      expect(types(response.body), claim).toEqual([MALFORMED]);
    }
  });

  it('a vp+jwt before its "nbf" or after its "exp" fails the presentation proof', async () => {
    const seconds = Math.floor(Date.now() / 1000);
    for (const times of [{ nbf: seconds + 3_600 }, { exp: seconds - 60 }]) {
      const { envelope: vp } = await vpJwt({ verifiableCredential: [envelope(credential.jwt)], nonce: 'n-3', ...times });
      const response = await verifyVp(vp, { challenge: 'n-3' });
      expect(response.status).toBe(400);
      expect(resultOf(response.body, 'presentationProof')?.verified).toBe(false);
    }
  });

  it('the Data Integrity presentation answer has the same shape', async () => {
    const { signedPresentation } = await import('../helpers/credentials.js');
    const vp = await signedPresentation(server, [credential.dataIntegrity], { challenge: 'c-1' });
    const response = await verifyVp(vp, { challenge: 'c-1' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ verified: true, format: 'data-integrity', checks: ['parse', 'presentationProof', 'challenge', 'holder'], errors: [], warnings: [] });
  });
});

describe('what the specifications ask of proofs and claims beyond the signature', () => {
  /** A vc+jwt of the trusted issuer over `content`, signed as the registry signs (its claims are the credential's properties). */
  async function trustedJwt(content: Json) {
    const key = trustedIdentity.activeKey();
    return signVcJwt({ credential: content, privateKey: await importSigningKey(key), kid: trustedIdentity.verificationMethodId(key) });
  }

  it('more than 10 proofs, chained or not, are refused at once: a long chain held the event loop for seconds', async () => {
    const proof = await proofOver(alumni(trustedDid), { id: 'urn:uuid:only' });
    const chain = Array.from({ length: 11 }, (_, i) => ({ ...proof, id: `urn:uuid:p${i}`, ...(i ? { previousProof: Array.from({ length: i }, (_, k) => `urn:uuid:p${k}`) } : {}) }));
    for (const proofs of [Array(11).fill(proof), chain]) {
      const started = Date.now();
      const response = await verify({ ...alumni(trustedDid), proof: proofs });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(response.status).toBe(400);
      expect(resultOf(response.body, 'proof')).toEqual({ check: 'proof', verified: false });
      expect(types(response.body)).toEqual(['https://w3id.org/security#MALFORMED_PROOF_ERROR']);
      expect(response.body.errors[0].detail).toContain('at most 10');
    }
  });

  it('a proof past its "expires", one "created" in the future, or one whose "@context" is not the start of the document’s fails the proof check', async () => {
    const cases: [Json, RegExp][] = [
      [await proofOver(alumni(trustedDid), { expires: '2026-01-01T00:00:00Z' }), /expired at 2026-01-01T00:00:00Z/],
      [{ ...(await proofOver(alumni(trustedDid))), created: '2999-01-01T00:00:00Z' }, /created at 2999-01-01T00:00:00Z, in the future/],
      [await proofOver(alumni(trustedDid), { '@context': [EXAMPLES_V2, VC_V2] }), /"@context" is not the start of the document/],
    ];
    for (const [proof, reason] of cases) {
      const response = await verify({ ...alumni(trustedDid), proof });
      expect(response.status).toBe(400);
      expect(resultOf(response.body, 'proof')?.verified).toBe(false);
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors[0].detail).toMatch(reason);
    }
    // Within its time, the same kind of proof verifies.
    expect((await verify({ ...alumni(trustedDid), proof: await proofOver(alumni(trustedDid), { expires: '2999-01-01T00:00:00Z' }) })).status).toBe(200);
  });

  it('a well-signed proof made for another purpose, or of another type or cryptosuite, says so (Data Integrity 1.0 "Verify Proof"), not that the credential was altered', async () => {
    /** The trusted issuer's own key, signing for authentication instead of assertionMethod. */
    class AuthenticationPurpose extends vc.CredentialIssuancePurpose {
      constructor() {
        super();
        (this as unknown as { term: string }).term = 'authentication';
      }
    }
    const authentication = await proofOver(alumni(trustedDid), {}, new AuthenticationPurpose());
    expect(authentication.proofPurpose).toBe('authentication');
    const mismatched = await verify({ ...alumni(trustedDid), proof: authentication });
    expect(mismatched.status).toBe(400);
    expect(mismatched.body.results.filter((r: Json) => !r.verified)).toEqual([{ check: 'proof', verified: false }]);
    expect(types(mismatched.body)).toEqual(['https://w3id.org/security#MISMATCHED_PROOF_PURPOSE_ERROR']);
    expect(mismatched.body.errors[0].detail).toMatch(/"proofPurpose" is "authentication", not "assertionMethod"/);
    expect(mismatched.body.errors[0].messages.ja).toContain('proofPurpose');

    const proof = await proofOver(alumni(trustedDid));
    const cases: [Json, RegExp][] = [
      [{ ...proof, cryptosuite: 'eddsa-jcs-2022' }, /cryptosuite "eddsa-jcs-2022"/],
      [{ ...proof, type: 'Ed25519Signature2020' }, /type "Ed25519Signature2020"/],
      [[proof, { ...proof, cryptosuite: 'ecdsa-rdfc-2019' }], /^Proof 2 of 2: .*cryptosuite "ecdsa-rdfc-2019"/],
    ];
    for (const [unsupported, reason] of cases) {
      const response = await verify({ ...alumni(trustedDid), proof: unsupported });
      expect(response.status).toBe(400);
      expect(resultOf(response.body, 'proof')?.verified).toBe(false);
      expect(types(response.body)).toEqual(['https://w3id.org/security#PROOF_VERIFICATION_ERROR']);
      expect(response.body.errors[0].detail).toMatch(reason);
      // Not "altered or signed with another key": the signature was never checked.
      expect(response.body.errors[0].messages.ja).toContain('eddsa-rdfc-2022');
      expect(response.body.errors[0].messages.ja).not.toContain('書き換え');
    }
  });

  it('a proofValue not in base58-btc multibase ("z…") is a malformed proof, though the same signature in base64url would check (eddsa-rdfc-2022: proofValue MUST be base58-btc)', async () => {
    const [registryProof] = credential.dataIntegrity.proof as Json[];
    const signature = base58btcDecode(registryProof!.proofValue.slice(1));
    expect(signature).toHaveLength(64);
    const respelt = { ...credential.dataIntegrity, proof: [{ ...registryProof, proofValue: `u${Buffer.from(signature).toString('base64url')}` }] };
    const response = await verify(respelt);
    expect(response.status).toBe(400);
    expect(resultOf(response.body, 'proof')?.verified).toBe(false);
    expect(response.body.errors.map((e: Json) => [e.type, e.title])).toEqual([['https://w3id.org/security#MALFORMED_PROOF_ERROR', 'Malformed proof']]);
    expect(response.body.errors[0].detail).toContain('"proofValue"');
    // The registry's own spelling still verifies.
    expect((await verify(credential.dataIntegrity)).status).toBe(200);
  });

  it('a proof without "verificationMethod" is a PROOF_VERIFICATION_ERROR (Data Integrity 1.0 §4.4), one whose "verificationMethod" is not a string a malformed proof (§2.1): neither is said to be altered', async () => {
    const [registryProof] = credential.dataIntegrity.proof as Json[];
    const { verificationMethod, ...withoutMethod } = registryProof!;
    const cases: [Json, string, string][] = [
      [withoutMethod, 'https://w3id.org/security#PROOF_VERIFICATION_ERROR', 'Missing verification method'],
      [{ ...registryProof, verificationMethod: { id: verificationMethod } }, 'https://w3id.org/security#MALFORMED_PROOF_ERROR', 'Malformed proof'],
    ];
    for (const [proof, type, title] of cases) {
      const response = await verify({ ...credential.dataIntegrity, proof: [proof] });
      expect(response.status).toBe(400);
      expect(resultOf(response.body, 'proof'), title).toEqual({ check: 'proof', verified: false });
      const proofProblems = (response.body.errors as Json[]).filter((e) => e.type.startsWith('https://w3id.org/security#'));
      expect(proofProblems.map((e) => [e.type, e.title])).toEqual([[type, title]]);
      expect(proofProblems[0]!.detail).toContain('"verificationMethod"');
      expect(proofProblems[0]!.messages.ja).toContain(title === 'Malformed proof' ? '形式' : 'verificationMethod');
      expect(proofProblems[0]!.messages.ja).not.toContain('書き換え');
    }
  });

  it('a "z…" proofValue with characters outside base58-btc is a malformed proof, not a failed signature (eddsa-rdfc-2022: base58-btc)', async () => {
    const [registryProof] = credential.dataIntegrity.proof as Json[];
    for (const proofValue of ['z0OIl', `${registryProof!.proofValue.slice(0, -1)}0`]) {
      const response = await verify({ ...credential.dataIntegrity, proof: [{ ...registryProof, proofValue }] });
      expect(response.status).toBe(400);
      expect(resultOf(response.body, 'proof')?.verified).toBe(false);
      expect(response.body.errors.map((e: Json) => [e.type, e.title]), proofValue).toEqual([['https://w3id.org/security#MALFORMED_PROOF_ERROR', 'Malformed proof']]);
      expect(response.body.errors[0].detail).toContain('"proofValue"');
    }
  });

  it('a proof out of its time, or malformed, says so in Japanese too, not that the credential was altered (Data Integrity 1.0 "Verify Proof")', async () => {
    const outOfTime = 'https://w3id.org/security#PROOF_VERIFICATION_ERROR';
    const malformed = 'https://w3id.org/security#MALFORMED_PROOF_ERROR';
    const proof = await proofOver(alumni(trustedDid));
    const cases: [Json | Json[], string, string, string][] = [
      [await proofOver(alumni(trustedDid), { expires: '2026-01-01T00:00:00Z' }), outOfTime, 'Proof not in force', 'expires'],
      [{ ...proof, created: '2999-01-01T00:00:00Z' }, outOfTime, 'Proof not in force', 'created'],
      [{ ...proof, created: 'yesterday' }, malformed, 'Malformed proof', 'proof'],
      [await proofOver(alumni(trustedDid), { '@context': [EXAMPLES_V2, VC_V2] }), malformed, 'Malformed proof', 'proof'],
      [Array.from({ length: 11 }, (_, i) => ({ ...proof, id: `urn:uuid:p${i}` })), malformed, 'Malformed proof', 'proof'],
    ];
    for (const [given, type, title, named] of cases) {
      const response = await verify({ ...alumni(trustedDid), proof: given });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: Json) => [e.type, e.title]), title).toEqual([[type, title]]);
      const { ja, en } = response.body.errors[0].messages;
      expect(ja).toContain(named);
      expect(ja).not.toContain('書き換え');
      expect(en).toContain(title);
    }
  });

  it('a vc+jwt whose iss, jti or sub contradicts the credential, or whose iat is in the future, fails the proof check', async () => {
    const contents: [Json, string][] = [
      [{ iss: 'did:example:someone-else' }, '"iss"'],
      [{ jti: 'urn:uuid:another-credential' }, '"jti"'],
      [{ sub: 'did:example:mallory' }, '"sub"'],
      [{ iat: Math.floor(Date.now() / 1000) + 86_400 }, '"iat"'],
    ];
    for (const [claims, claim] of contents) {
      const response = await verify(await trustedJwt(alumni(trustedIdentity.did, claims)));
      expect(response.status).toBe(400);
      expect(resultOf(response.body, 'proof')?.verified).toBe(false);
      // The signature holds: the claims contradict the credential, which is malformed, not altered.
      expect(response.body.errors.map((e: Json) => [e.type, e.title])).toEqual([[MALFORMED, 'JWT claims contradict the credential']]);
      expect(response.body.errors[0].detail).toContain(claim);
      expect(response.body.errors[0].messages.ja).toContain('JWT のクレーム');
      expect(response.body.errors[0].messages.ja).not.toContain('書き換え');
    }
    const agreeing = await trustedJwt(alumni(trustedIdentity.did, { iss: trustedIdentity.did, jti: alumni('').id, sub: alumni('').credentialSubject.id, iat: 1_700_000_000 }));
    expect((await verify(agreeing)).status).toBe(200);
  });

  it('an expired credential without "validFrom" fails the validUntil check alone: its intact proof is not reported as tampering (VC 2.0 §4.9, §7.2)', async () => {
    // validFrom is optional (VC 2.0 §4.9); CRYPTOGRAPHIC_SECURITY_ERROR means the content changed since it was signed (§7.2).
    const { validFrom: _validFrom, ...unsigned } = alumni(trustedDid, { validUntil: '2024-01-01T00:00:00Z' });
    const expired = { ...unsigned, proof: await proofOver(unsigned) };
    const response = await verify(expired);
    expect(response.status).toBe(400);
    expect(response.body.results.filter((r: Json) => !r.verified)).toEqual([{ check: 'validUntil', verified: false }]);
    expect(types(response.body)).toEqual([problem('expired')]);
    // Its signature alone, as options.checks asks for it, holds.
    const proofOnly = await verify(expired, { checks: ['proof'] });
    expect(proofOnly.body.errors).toEqual([]);
    expect(proofOnly.status).toBe(200);
  });

  it('a credential whose "validUntil" is before its "validFrom" is malformed (VC 2.0 §4.9), said alike in both forms; its intact proof is not reported as tampering', async () => {
    const unsigned = alumni(trustedDid, { validFrom: '2025-06-01T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' });
    const dataIntegrity = { ...unsigned, proof: await proofOver(unsigned) };
    const jwt = await trustedJwt(alumni(trustedIdentity.did, { validFrom: '2025-06-01T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' }));
    for (const form of [dataIntegrity, jwt]) {
      const response = await verify(form);
      expect(response.status).toBe(400);
      expect(resultOf(response.body, 'proof')).toEqual({ check: 'proof', verified: true });
      expect(response.body.results.filter((r: Json) => !r.verified)).toEqual([{ check: 'validUntil', verified: false }]);
      expect(response.body.errors.map((e: Json) => [e.type, e.title])).toEqual([[MALFORMED, 'Validity period reversed']]);
      expect(response.body.errors[0].detail).toContain('before "validFrom"');
      expect(response.body.errors[0].messages.ja).toContain('validFrom');
      expect(response.body.errors[0].messages.ja).not.toContain('書き換え');
    }
  });

  it('a Data Integrity credential whose "validFrom" is not a date-time fails the validFrom check alone: the signature over it still holds', async () => {
    const unsigned = alumni(trustedDid, { validFrom: '2025-01-01' });
    const response = await verify({ ...unsigned, proof: await proofOver(unsigned) });
    expect(response.status).toBe(400);
    expect(resultOf(response.body, 'proof')).toEqual({ check: 'proof', verified: true });
    expect(response.body.errors.map((e: Json) => [e.type, e.title])).toEqual([[MALFORMED, 'Malformed validFrom']]);
  });

  it('a vc+jwt whose "typ" is spelled "application/vc+jwt", or in capitals, is a vc+jwt (RFC 7515 §4.1.9: media types, the application/ prefix optional, case-insensitive)', async () => {
    const key = trustedIdentity.activeKey();
    const payload = new TextEncoder().encode(JSON.stringify(alumni(trustedIdentity.did)));
    for (const typ of ['application/vc+jwt', 'VC+JWT', 'Application/VC+JWT']) {
      const jwt = await new CompactSign(payload)
        .setProtectedHeader({ alg: 'EdDSA', typ, cty: 'vc', kid: trustedIdentity.verificationMethodId(key) })
        .sign(await importJWK(key.privateJwk as never, 'EdDSA'));
      const response = await verify(jwt);
      expect(response.body.errors, typ).toEqual([]);
      expect(response.status).toBe(200);
    }
    // Another type is still refused: explicit typing keeps other JWTs of the same key out (RFC 8725 §3.11).
    // Said as a JWT of a kind not checked here, naming its typ, not as an altered credential.
    for (const typ of ['JWT', 'application/vp+jwt', 'vc+jwt+x']) {
      const jwt = await new CompactSign(payload)
        .setProtectedHeader({ alg: 'EdDSA', typ, kid: trustedIdentity.verificationMethodId(key) })
        .sign(await importJWK(key.privateJwk as never, 'EdDSA'));
      const response = await verify(jwt);
      expect(response.status, typ).toBe(400);
      expect(resultOf(response.body, 'proof')?.verified).toBe(false);
      expect(response.body.errors.map((e: Json) => [e.type, e.title])).toEqual([['https://w3id.org/security#PROOF_VERIFICATION_ERROR', 'Unsupported JWT']]);
      expect(response.body.errors[0].detail).toContain(`"typ" is "${typ}"`);
      expect(response.body.errors[0].messages.ja).toContain('vc+jwt');
      expect(response.body.errors[0].messages.ja).not.toContain('書き換え');
    }
  });

  it('a vc+jwt or vp+jwt whose "alg" is "Ed25519", the fully-specified name of the same algorithm (RFC 9864, which deprecates "EdDSA"), verifies; "none" and others stay refused', async () => {
    const key = trustedIdentity.activeKey();
    const privateKey = await importJWK(key.privateJwk as never, 'Ed25519');
    const kid = trustedIdentity.verificationMethodId(key);
    const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(alumni(trustedIdentity.did))))
      .setProtectedHeader({ alg: 'Ed25519', typ: 'vc+jwt', kid })
      .sign(privateKey);
    const response = await verify(jwt);
    expect(response.body.errors).toEqual([]);
    expect(response.status).toBe(200);

    const holder = trustedIdentity.did;
    const vp = await new CompactSign(new TextEncoder().encode(JSON.stringify({ '@context': [VC_V2], type: ['VerifiablePresentation'], holder, verifiableCredential: [envelope(jwt)], nonce: 'n-ed', aud: 'recruit.example' })))
      .setProtectedHeader({ alg: 'Ed25519', typ: 'vp+jwt', kid })
      .sign(privateKey);
    const presented = await server.call('POST', '/presentations/verify', {
      token: null,
      body: { verifiablePresentation: { '@context': [VC_V2], type: 'EnvelopedVerifiablePresentation', id: `data:application/vp+jwt,${vp}` }, options: { challenge: 'n-ed', domain: 'recruit.example' } },
    });
    expect(presented.body.errors).toEqual([]);
    expect(presented.status).toBe(200);

    const [, payload, signature] = jwt.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'vc+jwt', kid })).toString('base64url')}.${payload}.${signature}`;
    expect((await verify(none)).body.errors.map((e: Json) => e.title)).toEqual(['Unsupported JWT']);
  });

  it('a vc+jwt without "typ" verifies: VC-JOSE-COSE §3.1.1 makes it a SHOULD, and the Bitstring Status List examples’ headers have none', async () => {
    const key = trustedIdentity.activeKey();
    const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(alumni(trustedIdentity.did))))
      .setProtectedHeader({ alg: 'EdDSA', kid: trustedIdentity.verificationMethodId(key) })
      .sign(await importJWK(key.privateJwk as never, 'EdDSA'));
    const response = await verify(jwt);
    expect(response.body.errors).toEqual([]);
    expect(response.status).toBe(200);
  });

  it('a credential whose "id", issuer or subject "id" is not a URL is malformed (VC 2.0 §4.4, §4.7: each MUST be a URL); no canonicalization catches it in a JWT', async () => {
    const cases: [Json, string][] = [
      [alumni(trustedIdentity.did, { id: 'not a url' }), '"id"'],
      [alumni(trustedIdentity.did, { id: 'credential-42' }), '"id"'],
      [alumni(trustedIdentity.did, { issuer: { id: 'registry' } }), '"issuer"'],
      [alumni(trustedIdentity.did, { credentialSubject: { id: 'alice', alumniOf: { name: 'Example University' } } }), '"credentialSubject"'],
      [alumni(trustedIdentity.did, { credentialSubject: [{ alumniOf: { name: 'A' } }, { id: '#me' }] }), '"credentialSubject"'],
    ];
    for (const [content, property] of cases) {
      const response = await verify(await trustedJwt(content));
      expect(response.status, JSON.stringify(content)).toBe(400);
      expect(response.body.results.filter((r: Json) => !r.verified), JSON.stringify(content)).toEqual([{ check: 'parse', verified: false }]);
      expect(types(response.body)).toEqual([MALFORMED]);
      expect(response.body.errors[0].detail).toContain(property);
      expect(response.body.errors[0].messages.ja).toBe('クレデンシャルの形式が正しくありません。');
    }
    // URLs of any scheme are URLs: a URN, a DID, https.
    for (const id of ['urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33', 'did:example:123', 'https://example.com/c/1']) {
      const response = await verify(await trustedJwt(alumni(trustedIdentity.did, { id, credentialSubject: { id, alumniOf: { name: 'X' } } })));
      expect(response.body.errors, id).toEqual([]);
      expect(response.status).toBe(200);
    }
  });

  it('a vc+jwt breaking VC 2.0\'s other MUSTs of form is malformed, naming the property: a context entry neither URL nor object, a type not a string, an empty subject, an evidence, schema, refresh service or terms of use without a type, a name or description neither string nor language value object', async () => {
    const cases: [Json, string][] = [
      [alumni(trustedIdentity.did, { '@context': [VC_V2, 42] }), '"@context"'],
      [alumni(trustedIdentity.did, { '@context': [VC_V2, 'examples'] }), '"@context"'],
      [alumni(trustedIdentity.did, { type: ['VerifiableCredential', 5] }), '"type"'],
      [alumni(trustedIdentity.did, { type: ['VerifiableCredential', ''] }), '"type"'],
      [alumni(trustedIdentity.did, { credentialSubject: {} }), '"credentialSubject"'],
      [alumni(trustedIdentity.did, { evidence: [{ id: 'https://example.com/evidence/1' }] }), '"evidence"'],
      [alumni(trustedIdentity.did, { credentialSchema: { id: 'https://example.com/schema.json' } }), '"credentialSchema"'],
      [alumni(trustedIdentity.did, { credentialSchema: { type: 'JsonSchema' } }), '"credentialSchema"'],
      [alumni(trustedIdentity.did, { refreshService: { id: 'https://example.com/refresh' } }), '"refreshService"'],
      [alumni(trustedIdentity.did, { termsOfUse: ['no type'] }), '"termsOfUse"'],
      [alumni(trustedIdentity.did, { name: 5 }), '"name"'],
      [alumni(trustedIdentity.did, { description: { text: 'not a language value object' } }), '"description"'],
      [alumni(trustedIdentity.did, { name: [{ '@value': 'Alumni', '@language': 'en' }, 'bare'] }), '"name"'],
    ];
    for (const [content, property] of cases) {
      const response = await verify(await trustedJwt(content));
      const label = JSON.stringify(content);
      expect(response.status, label).toBe(400);
      expect(response.body.results.filter((r: Json) => !r.verified), label).toEqual([{ check: 'parse', verified: false }]);
      expect(types(response.body), label).toEqual([MALFORMED]);
      expect(response.body.errors[0].detail, label).toContain(property);
    }
    // Their well-formed kinds verify: a single type string, typed evidence and schema, a subject with claims only.
    const wellFormed = alumni(trustedIdentity.did, {
      type: 'VerifiableCredential',
      name: [{ '@value': '卒業生証明', '@language': 'ja' }, { '@value': 'Alumni', '@language': 'en' }],
      description: 'A plain string',
      evidence: [{ id: 'https://example.com/evidence/1', type: ['Evidence'] }],
      credentialSchema: { id: 'https://example.com/schema.json', type: 'JsonSchema' },
      credentialSubject: { alumniOf: { name: 'Example University' } },
    });
    const response = await verify(await trustedJwt(wellFormed));
    expect(response.body.errors).toEqual([]);
    expect(response.status).toBe(200);
  });

  it('a status entry without a type, or whose "id" is not a URL or is its list’s own, and an evidence "id" that is not a URL are malformed, the same in both forms (VC 2.0 §4.4, §4.10, §5.6; Bitstring Status List §2.1); no intact proof is called altered', async () => {
    const [entry] = credential.dataIntegrity.credentialStatus as Json[];
    const { type: _type, ...untyped } = entry!;
    // A relative id cannot be signed as Data Integrity (jsonld's safe mode refuses it): those go as a vc+jwt only.
    const cases: [Json, string, boolean][] = [
      [{ credentialStatus: { ...entry, id: 'not a url' } }, '"credentialStatus"', false],
      [{ credentialStatus: untyped }, '"credentialStatus"', true],
      [{ credentialStatus: { ...entry, id: entry!.statusListCredential } }, '"statusListCredential"', true],
      [{ evidence: [{ id: 'not a url', type: ['Evidence'] }] }, '"evidence"', false],
    ];
    for (const [extra, property, signable] of cases) {
      const unsigned = alumni(trustedDid, extra);
      const jwt = await trustedJwt(alumni(trustedIdentity.did, extra));
      for (const form of signable ? [{ ...unsigned, proof: await proofOver(unsigned) }, jwt] : [jwt]) {
        const response = await verify(form);
        const label = `${typeof form === 'string' ? 'vc+jwt' : 'Data Integrity'} ${JSON.stringify(extra)}`;
        expect(response.status, label).toBe(400);
        expect(response.body.results.filter((r: Json) => !r.verified), label).toEqual([{ check: 'parse', verified: false }]);
        expect(types(response.body), label).toEqual([MALFORMED]);
        expect(response.body.errors[0].detail, label).toContain(property);
      }
    }
  });

  it('a vc+jwt whose claims include "vc" or "vp" is malformed (VC-JOSE-COSE §1.1.2.1: MUST NOT be present), before any other check', async () => {
    for (const claim of ['vc', 'vp']) {
      const response = await verify(await trustedJwt({ ...alumni(trustedIdentity.did), [claim]: { type: ['VerifiableCredential'] } }));
      expect(response.status, claim).toBe(400);
      expect(resultOf(response.body, 'parse')?.verified, claim).toBe(false);
      expect(types(response.body), claim).toEqual([MALFORMED]);
    }
  });

  it('another issuer’s credential cannot borrow a status bit of the registry’s lists; a statusSize other than 1 is not read', async () => {
    const borrowed = await verify(await trustedJwt(alumni(trustedIdentity.did, { credentialStatus: credential.dataIntegrity.credentialStatus })));
    expect(borrowed.status).toBe(400);
    expect(resultOf(borrowed.body, 'status')?.verified).toBe(false);
    expect(borrowed.body.errors.map((e: Json) => e.title)).toEqual(['Status list of another issuer', 'Status list of another issuer']);
    const [entry] = credential.dataIntegrity.credentialStatus as Json[];
    const sized = await verify(await trustedJwt(alumni(trustedIdentity.did, { credentialStatus: { ...entry, statusSize: 2 } })));
    expect(sized.status).toBe(400);
    expect(sized.body.errors.map((e: Json) => e.title)).toEqual(['Unsupported status size']);
  });

  it('a statusListIndex that is not a base-10 integer string is a MALFORMED_VALUE_ERROR, not a RANGE_ERROR (VC 2.0 §7.2; Bitstring Status List §2.1)', async () => {
    const [entry] = credential.dataIntegrity.credentialStatus as Json[];
    for (const statusListIndex of [5, '-1', '12a', '']) {
      const response = await verify(await trustedJwt(alumni(trustedIdentity.did, { credentialStatus: { ...entry, statusListIndex } })));
      expect(response.status).toBe(400);
      expect(resultOf(response.body, 'status')?.verified).toBe(false);
      expect(types(response.body), String(statusListIndex)).toEqual([MALFORMED]);
    }
  });

  it('a statusListIndex past the end of the registry’s list (131,072 bits) is a RANGE_ERROR (Bitstring Status List §3.2; VC 2.0 §7.2)', async () => {
    const [revocation, suspension] = credential.dataIntegrity.credentialStatus as Json[];
    for (const statusListIndex of ['131072', '99999999999999999999']) {
      const changed = { ...credential.dataIntegrity, credentialStatus: [{ ...revocation, statusListIndex }, suspension] };
      const response = await verify(changed, { checks: ['status'] });
      expect(response.status).toBe(400);
      expect(resultOf(response.body, 'status')?.verified).toBe(false);
      expect(types(response.body), statusListIndex).toEqual([RANGE]);
    }
    // The last index is inside the list: not a range error (no credential holds it here).
    const last = await verify({ ...credential.dataIntegrity, credentialStatus: [{ ...revocation, statusListIndex: '131071' }, suspension] }, { checks: ['status'] });
    expect(types(last.body)).not.toContain(RANGE);
  });

  it('an entry naming a list of the registry’s that does not exist is a STATUS_RETRIEVAL_ERROR, as the 404 a verifier fetching it gets (Bitstring Status List §3.2)', async () => {
    const [revocation, suspension] = credential.dataIntegrity.credentialStatus as Json[];
    const missing = `${base}/status-lists/00000000-0000-7000-8000-000000000000`;
    expect((await fetch(localUrl(server, missing))).status).toBe(404);
    const changed = { ...credential.dataIntegrity, credentialStatus: [{ ...revocation, id: `${missing}#5`, statusListCredential: missing, statusListIndex: '5' }, suspension] };
    const response = await verify(changed, { checks: ['status'] });
    expect(response.status).toBe(400);
    expect(types(response.body)).toEqual([STATUS_RETRIEVAL]);
  });
});

describe('POST /credentials/issue refuses malformed input, naming the field', () => {
  const plain = (extra: Json = {}) => ({ '@context': [VC_V2], type: ['VerifiableCredential'], credentialSubject: { id: 'urn:uuid:3a0c1d55-2d7e-4a7e-9b8e-0f7d9a2c4b61' }, ...extra });
  const examples = (extra: Json = {}) => ({ ...plain(extra), '@context': [VC_V2, EXAMPLES_V2] });
  const cases: [string, () => Json, string][] = [
    ['id that is not a URL', () => plain({ id: 'not a url' }), '/credential/id'],
    ['id that is a list', () => plain({ id: ['urn:uuid:1', 'urn:uuid:2'] }), '/credential/id'],
    ['issuer that is not a URL', () => plain({ issuer: 'the registry' }), '/credential/issuer'],
    ['another issuer', () => plain({ issuer: 'did:web:evil.example' }), '/credential/issuer'],
    ['an issuer object without an id', () => plain({ issuer: { name: '地方創生テレワーク推進登録簿' } }), '/credential/issuer/id'],
    ['an issuer object of another issuer', () => plain({ issuer: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' } }), '/credential/issuer/id'],
    ['the registry’s issuer with another name', () => examples({ issuer: { id: did, name: '偽の事務局' } }), '/credential/issuer/name'],
    ['the registry’s issuer with another url', () => examples({ issuer: { id: did, url: 'https://evil.example' } }), '/credential/issuer/url'],
    ['a credentialStatus entry without a type', () => plain({ credentialStatus: { id: 'https://status.example/1#1' } }), '/credential/credentialStatus/type'],
    ['a credentialSchema entry without a type', () => plain({ credentialSchema: [{ id: 'https://schemas.example/a.json', type: 'JsonSchema' }, { id: 'https://schemas.example/b.json' }] }), '/credential/credentialSchema/1/type'],
    ['a refreshService without a type', () => examples({ refreshService: { url: 'https://refresh.example' } }), '/credential/refreshService/type'],
    ['a relatedResource without an id', () => plain({ relatedResource: [{ digestSRI: 'sha384-abc' }] }), '/credential/relatedResource/0/id'],
    ['relatedResource ids twice', () => plain({ relatedResource: [{ id: 'https://a.example/x.png', digestSRI: 'sha384-abc' }, { id: 'https://a.example/x.png', digestSRI: 'sha384-def' }] }), '/credential/relatedResource/1/id'],
    ['a relatedResource without a digest', () => plain({ relatedResource: [{ id: 'https://a.example/x.png' }] }), '/credential/relatedResource/0'],
    ['an empty credentialSubject list', () => plain({ credentialSubject: [] }), '/credential/credentialSubject'],
    ['a credentialSubject list with a string in it', () => plain({ credentialSubject: [{ id: 'urn:uuid:1' }, 'x'] }), '/credential/credentialSubject'],
    ['validUntil before validFrom', () => plain({ validFrom: '2030-01-01T00:00:00Z', validUntil: '2020-01-01T00:00:00Z' }), '/credential/validUntil'],
    ['a name that is a number (VC 2.0 §4.6)', () => plain({ name: 5 }), '/credential/name'],
    ['a description that is neither a string nor a language value object', () => plain({ description: { text: 'x' } }), '/credential/description'],
    ['a validFrom that is no dateTimeStamp (lower-case t)', () => plain({ validFrom: '2026-01-01t00:00:00Z' }), '/credential/validFrom'],
    ['a validUntil on 31 February', () => plain({ validUntil: '2027-02-31T00:00:00Z' }), '/credential/validUntil'],
    ['an OpenBadgeCredential without validFrom', () => ({ ...plain(), '@context': [VC_V2, OB_V3], type: ['VerifiableCredential', 'OpenBadgeCredential'] }), '/credential/validFrom'],
    ['more subjects than the registry canonicalizes', () => plain({ credentialSubject: Array.from({ length: 3000 }, (_, i) => ({ id: `urn:uuid:${i}` })) }), '/credential'],
  ];
  it.each(cases)('%s → 400, nothing stored', async (_name, make, field) => {
    const before = server.snapshot();
    const response = await issue({ credential: make() });
    expect(response.status, response.text).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors.map((e: Json) => e.field)).toContain(field);
    expect(server.snapshot()).toBe(before);
  });

  it('the registry’s own issuer (its DID, or its profile as its credentials carry it) is accepted', async () => {
    expect((await issue({ credential: plain({ issuer: did }) })).status).toBe(201);
    const { id: _id, proof: _proof, credentialStatus: _status, ...content } = credential.dataIntegrity;
    const response = await issue({ credential: content });
    expect(response.status, response.text).toBe(201);
    expect(response.body.verifiableCredential.issuer).toEqual(credential.dataIntegrity.issuer);
  });

  it('the VC 2.0 examples context is known offline: such a credential, with well-formed entries, is signed and verifies', async () => {
    const unsigned = examples({
      id: 'urn:uuid:4b7c0a6e-1c2d-4e3f-8a9b-0c1d2e3f4a5b',
      type: ['VerifiableCredential', 'ExampleDegreeCredential'],
      credentialSubject: { id: 'did:example:ebfeb1f712ebc6f1c276e12ec21', degree: { type: 'ExampleBachelorDegree', name: 'Bachelor of Science and Arts' } },
      credentialSchema: { id: 'https://example.org/examples/degree.json', type: 'JsonSchema' },
      relatedResource: [{ id: 'https://example.org/examples/logo.png', digestSRI: 'sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb' }],
    });
    for (const options of [{}, { format: 'vc+jwt' }]) {
      const issued = await issue({ credential: unsigned, options });
      expect(issued.status, issued.text).toBe(201);
      const signed = issued.body.verifiableCredential;
      const response = await verify(signed);
      expect(response.body.errors).toEqual([]);
      expect(response.status).toBe(200);
    }
    // The caller's id was replaced by the registry's own credential URL (documented).
    const issued = await issue({ credential: unsigned });
    expect(issued.body.verifiableCredential.id).toMatch(new RegExp(`^${base}/credentials/[0-9a-f-]{36}$`));
    expect(issued.body.verifiableCredential['@context']).toEqual([VC_V2, EXAMPLES_V2]);
  });
});

describe('no private key material in any response', () => {
  it('scans every response of this file', () => {
    const dValues = privateKeyDs();
    expect(dValues.length).toBeGreaterThan(0);
    expect(recorded.texts.length).toBeGreaterThan(30);
    expect(privateKeyLeaks(recorded.texts, dValues)).toEqual([]);
  });
});
