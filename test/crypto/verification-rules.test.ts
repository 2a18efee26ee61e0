/**
 * The verifier's rules at the port (CredentialSecurer), each against real signatures: input forms
 * (JSON text refused, envelopes checked as VC 2.0 says), Data Integrity proof sets and chains
 * (every proof must verify), every check reported with its outcome and options.checks, status
 * that cannot be read, trusted issuers, and presentations secured as a vp+jwt.
 */
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { CompactSign } from 'jose';
import { describe, expect, it } from 'vitest';
import type { VerificationOutcome } from '../../src/ports/credentials.js';
import { generateIssuerKey, importSigningKey } from '../../src/adapters/crypto/keys.js';
import { createCredentialSecurer } from '../../src/adapters/crypto/securer.js';
import { createIssuerIdentity } from '../../src/adapters/crypto/issuer.js';
import { envelopeVcJwt, envelopeVpJwt } from '../../src/adapters/crypto/jwt.js';
import { utf8 } from '../../src/domain/encoding.js';
import { ConfigError, parseConfig } from '../../src/config.js';
import { baseUrl, declarationCredential, makeRegistry, statusLookupOf, NOW } from './fixtures.js';

type Json = Record<string, any>;

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const CRYPTO_ERROR = 'https://www.w3.org/TR/vc-data-model#CRYPTOGRAPHIC_SECURITY_ERROR';
const MALFORMED = 'https://www.w3.org/TR/vc-data-model#MALFORMED_VALUE_ERROR';
const PARSING = 'https://www.w3.org/TR/vc-data-model#PARSING_ERROR';
const STATUS_RETRIEVAL = 'https://www.w3.org/ns/credentials/status-list#STATUS_RETRIEVAL_ERROR';
const types = (outcome: { problemDetails: { type: string }[] }) => outcome.problemDetails.map((p) => p.type);
const result = (outcome: VerificationOutcome, check: string) => outcome.results.find((r) => r.check === check);
const clear = statusLookupOf();

const registry = await makeRegistry();
const secured = await registry.securer.secure(declarationCredential(registry.identity.did));

/** An issuer with a did:key, signing with @digitalbazaar's own suite (as another issuer would). */
const issuerKey = await Ed25519Multikey.generate();
const issuerDid = `did:key:${issuerKey.publicKeyMultibase}`;
issuerKey.id = `${issuerDid}#${issuerKey.publicKeyMultibase}`;
issuerKey.controller = issuerDid;
const unsigned: Json = {
  '@context': [VC_V2, 'https://www.w3.org/ns/credentials/examples/v2'],
  id: 'urn:uuid:0e4a4c8e-4b0a-4d43-9a55-7c1d2f3e4a5b',
  type: ['VerifiableCredential', 'ExampleAlumniCredential'],
  issuer: issuerDid,
  validFrom: '2025-01-01T00:00:00Z',
  credentialSubject: { id: 'did:example:alumni-1', alumniOf: 'Example University' },
};
/** Another did:key issuer, signing both forms with the registry's own securer code. */
const otherIdentity = createIssuerIdentity({ baseUrl: 'https://other.example', method: 'did:key', keys: [await generateIssuerKey()] });
const otherSigned = await createCredentialSecurer({ identity: otherIdentity, now: () => NOW }).secure({ ...unsigned, issuer: otherIdentity.did });
/** The registry, trusting both issuers. */
const trusting = createCredentialSecurer({ identity: registry.identity, now: () => NOW, trustedIssuers: [issuerDid, otherIdentity.did] });

/** A Data Integrity proof over `document` (which may already hold the proofs a chained proof signs). */
async function proofOver(document: Json, options: { id?: string; previousProof?: string | string[]; created?: string } = {}): Promise<Json> {
  const suite = new DataIntegrityProof({ signer: issuerKey.signer(), cryptosuite, date: options.created ?? '2025-02-01T00:00:00Z' });
  const { created: _created, ...extra } = options;
  if (Object.keys(extra).length) suite.proof = extra;
  return suite.createProof({ document, purpose: new vc.CredentialIssuancePurpose(), proofSet: [], documentLoader: registry.securer.documentLoader });
}

const first = await proofOver(unsigned, { id: 'urn:uuid:proof-1' });
const second = await proofOver(unsigned, { id: 'urn:uuid:proof-2', created: '2025-03-01T00:00:00Z' });
/** A chain: the second proof signs the credential with the first one in it. */
const chained = await proofOver({ ...unsigned, proof: first }, { id: 'urn:uuid:proof-3', previousProof: 'urn:uuid:proof-1' });
/** A proof naming two previous proofs. */
const chainedTwice = await proofOver({ ...unsigned, proof: [first, second] }, { id: 'urn:uuid:proof-4', previousProof: ['urn:uuid:proof-1', 'urn:uuid:proof-2'] });
/** Valid on its own, with the id of the proof the chain names, but not the proof it signed. */
const impostor = await proofOver(unsigned, { id: 'urn:uuid:proof-1', created: '2025-04-01T00:00:00Z' });

const verifyWithProofs = (proof: unknown) => trusting.verify({ ...unsigned, proof }, { statusLookup: clear });

describe('what a credential may be sent as', () => {
  it('a credential (or an envelope) as JSON text is not parsed: it fails as unparseable', async () => {
    for (const input of [JSON.stringify(secured.dataIntegrity), JSON.stringify(envelopeVcJwt(secured.jwt)), ` ${JSON.stringify(secured.dataIntegrity)}`]) {
      const outcome = await registry.securer.verify(input, { statusLookup: clear });
      expect(outcome.verified).toBe(false);
      expect(types(outcome)).toEqual([PARSING]);
      expect(outcome.results).toEqual([{ check: 'parse', verified: false }]);
    }
  });

  it('the compact JWS and the well-formed envelope still verify', async () => {
    for (const input of [secured.jwt, ` ${secured.jwt}\n`, envelopeVcJwt(secured.jwt), { ...envelopeVcJwt(secured.jwt), type: ['EnvelopedVerifiableCredential'] }]) {
      const outcome = await registry.securer.verify(input, { statusLookup: clear });
      expect(outcome.problemDetails).toEqual([]);
      expect(outcome.verified).toBe(true);
    }
  });

  const malformedEnvelopes: [string, (e: Json) => void][] = [
    ['an empty @context', (e) => (e['@context'] = [])],
    ['no @context', (e) => delete e['@context']],
    ['a foreign @context', (e) => (e['@context'] = ['https://www.w3.org/2018/credentials/v1'])],
    ['the VC 2.0 context not first', (e) => (e['@context'] = ['https://www.w3.org/ns/credentials/examples/v2', VC_V2])],
    ['another type beside it', (e) => (e.type = ['EnvelopedVerifiableCredential', 'VerifiableCredential'])],
    ['a data: URL of another media type', (e) => (e.id = e.id.replace('application/vc+jwt', 'application/jwt'))],
    ['a base64 data: URL', (e) => (e.id = e.id.replace('application/vc+jwt,', 'application/vc+jwt;base64,'))],
    ['an https id', (e) => (e.id = 'https://example.com/credential')],
  ];
  it.each(malformedEnvelopes)('an EnvelopedVerifiableCredential with %s fails as malformed', async (_name, change) => {
    const envelope = envelopeVcJwt(secured.jwt) as Json;
    change(envelope);
    const outcome = await registry.securer.verify(envelope, { statusLookup: clear });
    expect(outcome.verified).toBe(false);
    expect(types(outcome)[0]).toBe(MALFORMED);
    expect(outcome.problemDetails[0]!.title).toMatch(/EnvelopedVerifiableCredential/);
  });
});

describe('Data Integrity proof sets and chains: every proof must verify', () => {
  it('one proof, two proofs of a set, and a chain verify', async () => {
    for (const proof of [first, [first, second], [first, chained], [chained, first], [first, second, chainedTwice], [first, chained, second, chainedTwice]]) {
      const outcome = await verifyWithProofs(proof);
      expect(outcome.problemDetails).toEqual([]);
      expect(outcome.verified).toBe(true);
    }
  });

  // A proof of no type or another type is not checked at all (Data Integrity 1.0: PROOF_VERIFICATION_ERROR).
  const UNSUPPORTED = 'https://w3id.org/security#PROOF_VERIFICATION_ERROR';
  const broken: [string, () => unknown[], RegExp, string?][] = [
    ['a valid proof and a garbage object', () => [first, { foo: 1 }], /^Proof 2 of 2: the proof's type is missing/, UNSUPPORTED],
    ['a valid proof and a proof value that is not a signature', () => [first, { ...second, proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk' }], /^Proof 2 of 2/],
    ['a valid proof and a proof of another type', () => [first, { type: 'Ed25519Signature2020', proofPurpose: 'assertionMethod', verificationMethod: issuerKey.id, proofValue: 'z1' }], /^Proof 2 of 2: the proof's type "Ed25519Signature2020"/, UNSUPPORTED],
    ['a garbage proof first', () => ['not a proof', first], /^Proof 1 of 2/],
    ['a valid proof and a tampered one', () => [first, { ...second, created: '2025-03-02T00:00:00Z' }], /^Proof 2 of 2/],
    ['a proof whose previousProof is absent', () => [first, { ...chained, previousProof: 'urn:uuid:no-such-proof' }], /^Proof 2 of 2: its previousProof "urn:uuid:no-such-proof" is not in the proof set/],
    ['a single proof naming a previousProof', () => [{ ...chained }], /^Proof 1 of 1: its previousProof "urn:uuid:proof-1" is not in the proof set/],
    ['a chain whose previous proof was swapped for another valid proof with its id', () => [impostor, chained], /^Proof 2 of 2/],
    ['a chained proof whose previousProof is not a string', () => [first, { ...chained, previousProof: 42 }], /^Proof 2 of 2: "previousProof"/],
    ['a proof naming two previous proofs, one of them absent', () => [first, chainedTwice], /^Proof 2 of 2: its previousProof "urn:uuid:proof-2" is not in the proof set/],
  ];
  it.each(broken)('%s → the proof check fails, naming the proof', async (_name, proofs, reason, type = CRYPTO_ERROR) => {
    const outcome = await verifyWithProofs(proofs());
    expect(outcome.verified).toBe(false);
    expect(result(outcome, 'proof')).toEqual({ check: 'proof', verified: false });
    expect(types(outcome)).toEqual([type]);
    expect(outcome.problemDetails[0]!.detail).toMatch(reason);
  });

  it('the registry’s own credential with a garbage second proof fails', async () => {
    const copy = structuredClone(secured.dataIntegrity) as Json;
    copy.proof = [copy.proof[0], { ...copy.proof[0], proofValue: 'z2bad' }];
    const outcome = await registry.securer.verify(copy, { statusLookup: clear });
    expect(outcome.verified).toBe(false);
    expect(types(outcome)).toContain(CRYPTO_ERROR);
    // "I" and "l" are outside base58-btc: no signature at all, a malformed proof.
    copy.proof = [copy.proof[0], { ...copy.proof[0], proofValue: 'zInvalid' }];
    expect(types(await registry.securer.verify(copy, { statusLookup: clear }))).toContain('https://w3id.org/security#MALFORMED_PROOF_ERROR');
  });

  it('an empty proof set fails', async () => {
    const outcome = await verifyWithProofs([]);
    expect(outcome.verified).toBe(false);
    expect(result(outcome, 'proof')?.verified).toBe(false);
  });
});

describe('every check that ran is reported with its outcome', () => {
  it('a verified credential: every check ran and passed, in order, no warnings', async () => {
    const outcome = await registry.securer.verify(secured.dataIntegrity, { statusLookup: clear });
    expect(outcome.results).toEqual(['parse', 'issuer', 'proof', 'validFrom', 'validUntil', 'status', 'schema'].map((check) => ({ check, verified: true })));
    expect(outcome.warnings).toEqual([]);
  });

  it('an expired one: validUntil is listed as run and failed, the rest as passed', async () => {
    const outcome = await registry.securer.verify(secured.dataIntegrity, { statusLookup: clear, now: new Date('2029-01-01T00:00:00Z') });
    expect(outcome.verified).toBe(false);
    expect(outcome.results.map((r) => r.check)).toEqual(['parse', 'issuer', 'proof', 'validFrom', 'validUntil', 'status', 'schema']);
    expect(result(outcome, 'validUntil')?.verified).toBe(false);
    expect(outcome.results.filter((r) => !r.verified)).toHaveLength(1);
    expect(outcome.checks).not.toContain('validUntil');
  });

  it('options.checks runs only those; the others are warnings, never silently passed', async () => {
    const outcome = await registry.securer.verify(secured.dataIntegrity, { statusLookup: clear, checks: ['proof', 'status'] });
    expect(outcome.verified).toBe(true);
    expect(outcome.results.map((r) => r.check)).toEqual(['parse', 'proof', 'status']);
    expect(outcome.warnings.map((w) => w.detail)).toEqual(['issuer', 'validFrom', 'validUntil', 'schema'].map((name) => expect.stringContaining(`"${name}"`)));
    expect(outcome.warnings.every((w) => w.type === `${baseUrl}/problems/not-checked`)).toBe(true);
    // A failing check that was left out does not fail verification; one that was asked for does.
    const expired = { statusLookup: clear, now: new Date('2029-01-01T00:00:00Z') };
    expect((await registry.securer.verify(secured.dataIntegrity, { ...expired, checks: ['proof'] })).verified).toBe(true);
    expect((await registry.securer.verify(secured.dataIntegrity, { ...expired, checks: ['proof', 'validUntil'] })).verified).toBe(false);
  });

  it('a status that cannot be read is a failed status check: a failing lookup, no lookup, an empty list, a list elsewhere', async () => {
    const failing = await registry.securer.verify(secured.dataIntegrity, { statusLookup: async () => { throw new Error('database is gone'); } });
    expect(result(failing, 'status')?.verified).toBe(false);
    expect(types(failing)).toEqual([STATUS_RETRIEVAL, STATUS_RETRIEVAL]);
    const none = await registry.securer.verify(secured.dataIntegrity);
    expect(result(none, 'status')?.verified).toBe(false);

    const withStatus = async (credentialStatus: unknown) => {
      const signed = await trusting.secure({ ...unsigned, issuer: registry.identity.did, credentialStatus });
      return registry.securer.verify(signed.dataIntegrity, { statusLookup: clear });
    };
    const empty = await withStatus([]);
    expect(result(empty, 'status')?.verified).toBe(false);
    expect(types(empty)).toEqual([MALFORMED]);
    const elsewhere = await withStatus({ id: 'https://other.example/status/1#5', type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '5', statusListCredential: 'https://other.example/status/1' });
    expect(result(elsewhere, 'status')?.verified).toBe(false);
    expect(types(elsewhere)).toEqual([STATUS_RETRIEVAL]);
  });
});

describe('the TRUSTED_ISSUERS setting', () => {
  it('is empty by default; lists Ed25519 did:key DIDs, comma-separated, spaces and repeats ignored', () => {
    expect(parseConfig({}).trustedIssuers).toEqual([]);
    expect(parseConfig({ TRUSTED_ISSUERS: ` ${issuerDid},${otherIdentity.did} ,,${issuerDid}` }).trustedIssuers).toEqual([issuerDid, otherIdentity.did]);
  });

  it('refuses what cannot be resolved offline (did:web, other keys, malformed), naming it', () => {
    for (const value of ['did:web:other.example', 'did:key:z6MkNotBase58!', 'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme', 'https://other.example']) {
      try {
        parseConfig({ TRUSTED_ISSUERS: `${issuerDid},${value}` });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).problems).toEqual([expect.stringContaining(`"${value}"`)]);
      }
    }
  });
});

describe('other issuers: the issuer check, apart from the proof', () => {
  it('by default, a did:key issuer’s valid credential fails only the issuer check', async () => {
    const outcome = await registry.securer.verify({ ...unsigned, proof: first }, { statusLookup: clear });
    expect(outcome.verified).toBe(false);
    expect(result(outcome, 'issuer')?.verified).toBe(false);
    expect(result(outcome, 'proof')?.verified).toBe(true);
    expect(types(outcome)).toEqual([`${baseUrl}/problems/untrusted-issuer`]);
  });

  it('listed in trustedIssuers, it verifies in full (Data Integrity, vc+jwt, envelope), and is still not issued by the registry', async () => {
    for (const input of [{ ...unsigned, proof: first }, otherSigned.dataIntegrity, otherSigned.jwt, envelopeVcJwt(otherSigned.jwt)]) {
      const outcome = await trusting.verify(input, { statusLookup: clear });
      expect(outcome).toMatchObject({ verified: true, issuedByRegistry: false, problemDetails: [] });
      expect(outcome.results.map((r) => r.check)).toEqual(['parse', 'issuer', 'proof', 'validFrom', 'validUntil', 'status']);
    }
  });

  it('a tampered credential of a trusted issuer fails the proof, not the issuer check', async () => {
    const tampered = { ...unsigned, credentialSubject: { id: 'did:example:alumni-2', alumniOf: 'Example University' } };
    const [h, , sig] = otherSigned.jwt.split('.');
    const forgedJwt = [h, Buffer.from(JSON.stringify({ ...tampered, issuer: otherIdentity.did })).toString('base64url'), sig].join('.');
    for (const input of [{ ...tampered, proof: first }, forgedJwt]) {
      const outcome = await trusting.verify(input, { statusLookup: clear });
      expect(outcome.verified).toBe(false);
      expect(result(outcome, 'issuer')?.verified).toBe(true);
      expect(result(outcome, 'proof')?.verified).toBe(false);
    }
  });
});

const otherSecurer = createCredentialSecurer({ identity: otherIdentity, now: () => NOW });
const otherKey = await importSigningKey(otherIdentity.keys[0]!);

describe('validity dates and JWT claims as the specifications write them', () => {
  /** The other issuer's vc+jwt with `change` made to its payload, signed again under the same header. */
  async function resignedJwt(change: (payload: Json) => Json): Promise<string> {
    const [header, payload] = otherSigned.jwt.split('.');
    const changed = change(JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')));
    return new CompactSign(utf8.encode(JSON.stringify(changed))).setProtectedHeader(JSON.parse(Buffer.from(header!, 'base64url').toString('utf8'))).sign(otherKey);
  }

  it.each([
    ['a date without a time', 'validFrom', '2020-01-01'],
    ['a date-time without a time zone', 'validFrom', '2020-01-01T00:00:00'],
    ['English', 'validFrom', 'Jan 1, 2020'],
    ['a year alone', 'validUntil', '2099'],
    ['31 February (which Date rolls into March)', 'validUntil', '2099-02-31T00:00:00Z'],
  ])('%s as %s is a malformed value, in both forms', async (_name, property, value) => {
    const dated = { ...unsigned, [property]: value };
    const dataIntegrity = { ...dated, proof: await proofOver(dated) };
    for (const input of [dataIntegrity, await resignedJwt((payload) => ({ ...payload, [property]: value }))]) {
      const outcome = await trusting.verify(input, { statusLookup: clear });
      expect(outcome.verified).toBe(false);
      expect(result(outcome, property)?.verified).toBe(false);
      expect(types(outcome)).toContain(MALFORMED);
    }
  });

  it('dateTimeStamps with an offset or fractions of a second are read as instants', async () => {
    const signed = await otherSecurer.secure({ ...unsigned, issuer: otherIdentity.did, validFrom: '2025-05-31T23:59:59.5+09:00', validUntil: '2025-06-01T09:00:01+09:00' });
    expect((await trusting.verify(signed.jwt, { statusLookup: clear, now: NOW })).verified).toBe(true);
    const outcome = await trusting.verify(signed.jwt, { statusLookup: clear, now: new Date('2025-06-01T00:00:02Z') });
    expect(types(outcome)).toEqual([`${baseUrl}/problems/expired`]);
  });

  it('a vc+jwt is not accepted after its "exp" nor before its "nbf" (RFC 7519), and a non-numeric one is malformed', async () => {
    const seconds = NOW.getTime() / 1000;
    const cases: [string, Json, string, string][] = [
      ['exp passed', { exp: seconds - 1 }, 'validUntil', `${baseUrl}/problems/expired`],
      ['nbf ahead', { nbf: seconds + 60 }, 'validFrom', `${baseUrl}/problems/not-yet-valid`],
      ['exp as text', { exp: '2099-01-01' }, 'validUntil', MALFORMED],
    ];
    for (const [name, claims, check, type] of cases) {
      const outcome = await trusting.verify(await resignedJwt((payload) => ({ ...payload, ...claims })), { statusLookup: clear });
      expect({ name, verified: outcome.verified, check: result(outcome, check)?.verified, types: types(outcome) }).toEqual({ name, verified: false, check: false, types: [type] });
    }
    const current = await resignedJwt((payload) => ({ ...payload, nbf: seconds - 60, exp: seconds + 60 }));
    expect((await trusting.verify(current, { statusLookup: clear })).problemDetails).toEqual([]);
  });

  it('a JWS signature spelt with other padding bits in its last character is refused (one signature, one text)', async () => {
    const last = otherSigned.jwt.at(-1)!;
    expect('AQgw').toContain(last);
    const respelt = otherSigned.jwt.slice(0, -1) + String.fromCharCode(last.charCodeAt(0) + 1); // decodes to the same 64 bytes
    expect(Buffer.from(respelt.split('.')[2]!, 'base64url')).toEqual(Buffer.from(otherSigned.jwt.split('.')[2]!, 'base64url'));
    const outcome = await trusting.verify(respelt, { statusLookup: clear });
    expect(outcome.verified).toBe(false);
    expect(result(outcome, 'proof')?.verified).toBe(false);
    expect((await trusting.verify(otherSigned.jwt, { statusLookup: clear })).verified).toBe(true);
  });
});

const holderKey = await generateIssuerKey();
const holder = `did:key:${holderKey.publicKeyMultibase}`;
const kid = `${holder}#${holderKey.publicKeyMultibase}`;

describe('presentations secured as a vp+jwt (EnvelopedVerifiablePresentation)', () => {
  const presentation = (extra: Json = {}) => ({
    '@context': [VC_V2],
    type: ['VerifiablePresentation'],
    holder,
    verifiableCredential: [envelopeVcJwt(secured.jwt), secured.dataIntegrity],
    nonce: 'nonce-123',
    aud: 'recruit.example',
    ...extra,
  });
  const sign = async (payload: Json, header: Json = {}, key = holderKey) =>
    new CompactSign(utf8.encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'EdDSA', typ: 'vp+jwt', cty: 'vp', kid, ...header }).sign(await importSigningKey(key));
  const options = { challenge: 'nonce-123', domain: 'recruit.example', statusLookup: clear };

  it('verifies the holder’s signature, the challenge (nonce), the domain (aud) and each credential', async () => {
    const outcome = await registry.securer.verifyPresentation(envelopeVpJwt(await sign(presentation())), options);
    expect(outcome.problemDetails).toEqual([]);
    expect(outcome).toMatchObject({ verified: true, format: 'jwt', holder });
    expect(outcome.results).toEqual(['parse', 'presentationProof', 'challenge', 'domain', 'holder'].map((check) => ({ check, verified: true })));
    expect(outcome.credentials.map((c) => [c.format, c.verified])).toEqual([['jwt', true], ['data-integrity', true]]);
  });

  const failures: [string, () => Promise<unknown>, string, string][] = [
    ['another challenge', async () => envelopeVpJwt(await sign(presentation({ nonce: 'old-nonce' }))), 'challenge', 'https://w3id.org/security#INVALID_CHALLENGE_ERROR'],
    ['no nonce', async () => envelopeVpJwt(await sign(presentation({ nonce: undefined }))), 'challenge', 'https://w3id.org/security#INVALID_CHALLENGE_ERROR'],
    ['another domain', async () => envelopeVpJwt(await sign(presentation({ aud: 'phish.example' }))), 'domain', 'https://w3id.org/security#INVALID_DOMAIN_ERROR'],
    ['a tampered payload', async () => {
      const [h, , s] = (await sign(presentation())).split('.');
      return envelopeVpJwt(`${h}.${Buffer.from(JSON.stringify(presentation({ holder: 'did:example:mallory' }))).toString('base64url')}.${s}`);
    }, 'presentationProof', CRYPTO_ERROR],
    ['signed by someone else than the holder', async () => {
      const other = await generateIssuerKey();
      return envelopeVpJwt(await sign(presentation(), { kid: `did:key:${other.publicKeyMultibase}#${other.publicKeyMultibase}` }, other));
    }, 'holder', MALFORMED],
    ['a kid that cannot be retrieved (did:web)', async () => envelopeVpJwt(await sign(presentation(), { kid: 'did:web:holder.example#key-1' })), 'presentationProof', 'https://w3id.org/security#PROOF_VERIFICATION_ERROR'],
    ['typ vc+jwt', async () => envelopeVpJwt(await sign(presentation(), { typ: 'vc+jwt' })), 'presentationProof', CRYPTO_ERROR],
    ['an expired presentation', async () => envelopeVpJwt(await sign(presentation({ exp: Math.floor(NOW.getTime() / 1000) - 60 }))), 'presentationProof', CRYPTO_ERROR],
    ['no VerifiablePresentation type', async () => envelopeVpJwt(await sign(presentation({ type: ['VerifiableCredential'] }))), 'parse', MALFORMED],
  ];
  it.each(failures)('%s → not verified, the failing check named', async (_name, make, check, type) => {
    const outcome = await registry.securer.verifyPresentation(await make(), options);
    expect(outcome.verified).toBe(false);
    expect(outcome.results.find((r) => r.check === check)?.verified).toBe(false);
    expect(outcome.problemDetails.map((p) => p.type)).toContain(type);
  });

  it('a revoked credential inside fails the presentation though the holder’s proof is fine', async () => {
    const outcome = await registry.securer.verifyPresentation(envelopeVpJwt(await sign(presentation())), {
      ...options, statusLookup: statusLookupOf([`${baseUrl}/status-lists/rev-1#4242`]),
    });
    expect(outcome.verified).toBe(false);
    expect(outcome.results.every((r) => r.verified)).toBe(true);
    expect(outcome.credentials.map((c) => c.status?.revoked)).toEqual([true, true]);
  });

  it('a malformed envelope (foreign @context, a vc+jwt data: URL) fails to parse', async () => {
    const jwt = await sign(presentation());
    for (const envelope of [{ ...envelopeVpJwt(jwt), '@context': [] }, { ...envelopeVpJwt(jwt), id: `data:application/vc+jwt,${jwt}` }]) {
      const outcome = await registry.securer.verifyPresentation(envelope, options);
      expect(outcome.verified).toBe(false);
      expect(outcome.results).toEqual([{ check: 'parse', verified: false }]);
      expect(outcome.problemDetails.map((p) => p.type)).toEqual([MALFORMED]);
    }
  });
});
