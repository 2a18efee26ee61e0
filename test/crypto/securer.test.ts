import { describe, expect, it } from 'vitest';
import type { VerificationOutcome } from '../../src/ports/credentials.js';
import { generateIssuerKey } from '../../src/adapters/crypto/keys.js';
import { createIssuerIdentity } from '../../src/adapters/crypto/issuer.js';
import { createCredentialSecurer } from '../../src/adapters/crypto/securer.js';
import { envelopeVcJwt } from '../../src/adapters/crypto/jwt.js';
import { base64urlDecode, base64urlEncode, utf8 } from '../../src/domain/encoding.js';
import { buildStatusListCredential } from '../../src/domain/credentials/open-badge.js';
import { encodeStatusList } from '../../src/adapters/crypto/status-list.js';
import { NOW, baseUrl, declarationCredential, makeRegistry, statusLookupOf } from './fixtures.js';

const CRYPTO_ERROR = 'https://www.w3.org/TR/vc-data-model#CRYPTOGRAPHIC_SECURITY_ERROR';
const types = (outcome: VerificationOutcome) => outcome.problemDetails.map((p) => p.type);
const clear = statusLookupOf();

const registry = await makeRegistry();
const secured = await registry.securer.secure(declarationCredential(registry.identity.did));

describe('round trips', () => {
  it('verifies the Data Integrity form with every check named', async () => {
    const outcome = await registry.securer.verify(secured.dataIntegrity, { statusLookup: clear });
    expect(outcome).toMatchObject({ verified: true, format: 'data-integrity', issuedByRegistry: true, problemDetails: [] });
    expect(outcome.checks).toEqual(['parse', 'issuer', 'proof', 'validFrom', 'validUntil', 'status', 'schema']);
    expect(outcome.status).toEqual({ revoked: false, suspended: false });
    expect(Array.isArray(secured.dataIntegrity.proof)).toBe(true);
  });

  it('verifies the JWT form, compact and enveloped, with the same content', async () => {
    for (const input of [secured.jwt, envelopeVcJwt(secured.jwt)]) {
      const outcome = await registry.securer.verify(input, { statusLookup: clear });
      expect(outcome.problemDetails).toEqual([]);
      expect(outcome).toMatchObject({ verified: true, format: 'jwt', issuedByRegistry: true });
    }
    const { proof: _proof, ...content } = secured.dataIntegrity;
    const [header, payload] = secured.jwt.split('.').slice(0, 2).map((p) => JSON.parse(utf8.decode(base64urlDecode(p))));
    expect(payload).toEqual(content);
    expect(header).toEqual({
      alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid: registry.identity.verificationMethodId(registry.keys[0]!), iss: registry.identity.did,
    });
  });

  it('signs a status list credential in both forms', async () => {
    const unsigned = buildStatusListCredential({
      baseUrl, listId: 'rev-1', purpose: 'revocation', encodedList: await encodeStatusList([4242]),
      validFrom: '2025-04-01T00:00:00Z', issuer: registry.identity.did,
    });
    const list = await registry.securer.signStatusList(unsigned);
    const outcome = await registry.securer.verify(list.dataIntegrity);
    expect(outcome.problemDetails).toEqual([]);
    expect((await registry.securer.verify(list.jwt)).verified).toBe(true);
  });
});

describe('tampering any field fails with a reason', () => {
  const tamperings: [string, (c: any) => void][] = [
    ['id', (c) => (c.id += 'x')],
    ['type', (c) => c.type.push('EndorsementCredential')],
    ['name', (c) => (c.name = '偽の宣言')],
    ['issuer.name', (c) => (c.issuer.name = '偽の事務局')],
    ['validFrom', (c) => (c.validFrom = '2025-03-01T00:00:00Z')],
    ['validUntil', (c) => (c.validUntil = '2030-03-31T14:59:59Z')],
    ['organization name', (c) => (c.credentialSubject.name = '株式会社にせもの')],
    ['identifier', (c) => (c.credentialSubject.identifier[0].identityHash = '4011001098993')],
    ['achievement name', (c) => (c.credentialSubject.achievement.name = '大臣賞')],
    ['guideline areas', (c) => c.credentialSubject.result.pop()],
    ['status index', (c) => (c.credentialStatus[0].statusListIndex = '4243')],
    ['status list', (c) => (c.credentialStatus[1].statusListCredential = `${baseUrl}/status-lists/sus-2`)],
    ['added property', (c) => (c.credentialSubject.nameEn = 'Fake Inc.')],
    ['proof created', (c) => (c.proof[0].created = '2025-01-02T00:00:00Z')],
  ];

  for (const [field, tamper] of tamperings) {
    it(`Data Integrity: ${field}`, async () => {
      const copy = structuredClone(secured.dataIntegrity);
      tamper(copy);
      const outcome = await registry.securer.verify(copy, { statusLookup: clear });
      expect(outcome.verified).toBe(false);
      expect(types(outcome)).toContain(CRYPTO_ERROR);
      expect(outcome.checks).not.toContain('proof');
    });
    if (field.startsWith('proof')) continue;
    it(`JWT: ${field}`, async () => {
      const [header, payload, signature] = secured.jwt.split('.');
      const content = JSON.parse(utf8.decode(base64urlDecode(payload!)));
      content.proof = [{}];
      tamper(content);
      delete content.proof;
      const forged = [header, base64urlEncode(utf8.encode(JSON.stringify(content))), signature].join('.');
      const outcome = await registry.securer.verify(forged, { statusLookup: clear });
      expect(outcome.verified).toBe(false);
      expect(types(outcome)).toContain(CRYPTO_ERROR);
    });
  }

  it('an alias type (same IRI, so the same signed statement) is refused as malformed', async () => {
    // OB 3.0 maps AchievementCredential and OpenBadgeCredential to one IRI: RDF canonicalization
    // cannot see the addition, so the shape check rejects the duplicate explicitly.
    const copy = structuredClone(secured.dataIntegrity) as any;
    copy.type.push('AchievementCredential');
    const outcome = await registry.securer.verify(copy, { statusLookup: clear });
    expect(outcome.verified).toBe(false);
    expect(types(outcome)).toEqual(['https://www.w3.org/TR/vc-data-model#MALFORMED_VALUE_ERROR']);
  });

  it('a changed @context fails (registry context removed)', async () => {
    const copy = structuredClone(secured.dataIntegrity) as any;
    copy['@context'] = copy['@context'].slice(0, 2);
    const outcome = await registry.securer.verify(copy, { statusLookup: clear });
    expect(outcome.verified).toBe(false);
  });

  it('garbage never throws', async () => {
    for (const input of [null, 42, 'not a jwt', '{', { foo: 1 }, [], 'a.b.c']) {
      const outcome = await registry.securer.verify(input);
      expect(outcome.verified).toBe(false);
      expect(outcome.problemDetails.length).toBeGreaterThan(0);
    }
  });
});

describe('keys, dates and status', () => {
  it('a credential signed by a retired key fails with retired-key', async () => {
    const oldKey = await generateIssuerKey({ now: new Date('2024-01-01T00:00:00Z') });
    const before = await makeRegistry({ keys: [oldKey] });
    const signed = await before.securer.secure(declarationCredential(before.identity.did));
    const newKey = await generateIssuerKey({ now: new Date('2025-01-01T00:00:00Z') });
    const stillValid = await makeRegistry({ keys: [oldKey, newKey] });
    expect((await stillValid.securer.verify(signed.dataIntegrity, { statusLookup: clear })).verified).toBe(true);
    const after = await makeRegistry({ keys: [{ ...oldKey, retiredAt: '2025-05-01T00:00:00Z' }, newKey] });
    for (const input of [signed.dataIntegrity, signed.jwt]) {
      const outcome = await after.securer.verify(input, { statusLookup: clear });
      expect(outcome.verified).toBe(false);
      expect(types(outcome)).toContain(`${baseUrl}/problems/retired-key`);
      expect(outcome.problemDetails.find((p) => p.type.endsWith('retired-key'))?.detail).toContain(oldKey.keyId);
    }
  });

  it('expired and not-yet-valid credentials fail', async () => {
    const expired = await registry.securer.verify(secured.dataIntegrity, { statusLookup: clear, now: new Date('2028-04-01T00:00:00Z') });
    expect(types(expired)).toEqual([`${baseUrl}/problems/expired`]);
    const early = await registry.securer.verify(secured.jwt, { statusLookup: clear, now: new Date('2025-03-01T00:00:00Z') });
    expect(types(early)).toEqual([`${baseUrl}/problems/not-yet-valid`]);
  });

  it('revoked and suspended credentials fail through the registry status lookup', async () => {
    const revoked = await registry.securer.verify(secured.dataIntegrity, {
      statusLookup: statusLookupOf([`${baseUrl}/status-lists/rev-1#4242`]),
    });
    expect(revoked).toMatchObject({ verified: false, status: { revoked: true, suspended: false } });
    expect(types(revoked)).toEqual([`${baseUrl}/problems/revoked`]);
    const suspended = await registry.securer.verify(secured.jwt, {
      statusLookup: statusLookupOf([`${baseUrl}/status-lists/sus-1#77`]),
    });
    expect(suspended).toMatchObject({ verified: false, status: { revoked: false, suspended: true } });
    expect(types(suspended)).toEqual([`${baseUrl}/problems/suspended`]);
    const unknown = await registry.securer.verify(secured.dataIntegrity, { statusLookup: async () => null });
    expect(types(unknown)).toContain('https://www.w3.org/ns/credentials/status-list#STATUS_VERIFICATION_ERROR');
  });
});

describe('credentials and presentations from others (did:key)', () => {
  const foreignCredential = (issuer: string) => ({
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:5f1d7f0a-0d52-4d8e-9c1b-2a1c3e4f5a6b',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: '別の発行者' },
    validFrom: '2025-01-01T00:00:00Z',
    credentialSubject: {
      type: ['AchievementSubject'],
      achievement: { id: 'urn:uuid:1', type: ['Achievement'], name: 'x', description: 'y', criteria: { narrative: 'z' } },
    },
  });

  it('verifies the signature offline but reports it was not issued by this registry', async () => {
    const key = await generateIssuerKey();
    const other = createIssuerIdentity({ baseUrl: 'https://other.example', method: 'did:key', keys: [key] });
    const otherSecurer = createCredentialSecurer({ identity: other, now: () => NOW });
    const signed = await otherSecurer.secure(foreignCredential(other.did));
    for (const input of [signed.dataIntegrity, signed.jwt]) {
      const outcome = await registry.securer.verify(input, { statusLookup: clear });
      expect(outcome.issuedByRegistry).toBe(false);
      expect(outcome.verified).toBe(false);
      expect(outcome.checks).toContain('proof');
      expect(types(outcome)).toEqual([`${baseUrl}/problems/untrusted-issuer`]);
      expect(outcome.problemDetails[0]?.detail).toMatch(/not this registry/);
    }
  });

  it('verifies a holder-signed presentation with challenge and domain, and each credential in it', async () => {
    const vc = await import('@digitalbazaar/vc');
    const { DataIntegrityProof } = await import('@digitalbazaar/data-integrity');
    const { cryptosuite } = await import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite');
    const Ed25519Multikey = await import('@digitalbazaar/ed25519-multikey');
    const holderKey = await Ed25519Multikey.generate();
    const holder = `did:key:${holderKey.publicKeyMultibase}`;
    holderKey.id = `${holder}#${holderKey.publicKeyMultibase}`;
    holderKey.controller = holder;
    const presentation = vc.createPresentation({ verifiableCredential: [secured.dataIntegrity], holder });
    const suite = new DataIntegrityProof({ signer: holderKey.signer(), cryptosuite, date: NOW });
    const vp = await vc.signPresentation({
      presentation, suite, challenge: 'nonce-123', domain: 'recruit.example', documentLoader: registry.securer.documentLoader,
    });
    const ok = await registry.securer.verifyPresentation(vp, { challenge: 'nonce-123', domain: 'recruit.example', statusLookup: clear });
    expect(ok.problemDetails).toEqual([]);
    expect(ok).toMatchObject({ verified: true, holder, checks: ['parse', 'presentationProof', 'challenge', 'domain', 'holder'] });
    expect(ok.credentials[0]).toMatchObject({ verified: true, issuedByRegistry: true });

    const wrongChallenge = await registry.securer.verifyPresentation(vp, { challenge: 'other', domain: 'recruit.example', statusLookup: clear });
    expect(wrongChallenge.verified).toBe(false);
    expect(wrongChallenge.problemDetails.map((p) => p.type)).toContain('https://w3id.org/security#INVALID_CHALLENGE_ERROR');

    const revoked = await registry.securer.verifyPresentation(vp, {
      challenge: 'nonce-123', domain: 'recruit.example', statusLookup: statusLookupOf([`${baseUrl}/status-lists/rev-1#4242`]),
    });
    expect(revoked.verified).toBe(false);
    expect(revoked.credentials[0]?.status).toEqual({ revoked: true, suspended: false });
  });
});
