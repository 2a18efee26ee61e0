import { describe, expect, it } from 'vitest';
import {
  generateIssuerKey,
  issuerKeyFromJwk,
  multibaseFromPublicJwk,
  parseIssuerKeys,
  publicJwkFromMultibase,
} from '../../src/adapters/crypto/keys.js';
import { createIssuerIdentity, didWebFromBaseUrl } from '../../src/adapters/crypto/issuer.js';
import { createDocumentLoader } from '../../src/adapters/crypto/document-loader.js';

describe('issuer keys', () => {
  it('generates an Ed25519 key whose JWK and Multikey forms agree', async () => {
    const key = await generateIssuerKey({ now: new Date('2025-11-25T14:38:00Z') });
    expect(key.keyId).toMatch(/^key-20251125T143800-[0-9a-f]{6}$/);
    expect(key.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(multibaseFromPublicJwk(key.publicJwk)).toBe(key.publicKeyMultibase);
    expect(publicJwkFromMultibase(key.publicKeyMultibase)).toEqual(key.publicJwk);
    expect(key.publicJwk).not.toHaveProperty('d');
    expect(key.privateJwk?.d).toBeTypeOf('string');
  });

  it('reads keys from a Workers secret (JSON array)', async () => {
    const key = await generateIssuerKey();
    const secret = JSON.stringify([
      { keyId: 'key-a', privateJwk: key.privateJwk, createdAt: '2025-01-01T00:00:00Z', retiredAt: null },
      { keyId: 'key-b', privateJwk: key.privateJwk, createdAt: '2024-01-01T00:00:00Z', retiredAt: '2025-01-01T00:00:00Z' },
    ]);
    const [a, b] = parseIssuerKeys(secret);
    expect(a?.publicKeyMultibase).toBe(key.publicKeyMultibase);
    expect(b?.retiredAt).toBe('2025-01-01T00:00:00Z');
    expect(() => parseIssuerKeys('{}')).toThrow(/array/);
    expect(() => parseIssuerKeys('[{"keyId":"x"}]')).toThrow(/privateJwk/);
  });
});

describe('issuer identity', () => {
  it('computes did:web from the public base URL', () => {
    expect(didWebFromBaseUrl('http://localhost:8787')).toBe('did:web:localhost%3A8787');
    expect(didWebFromBaseUrl('https://telework.example.jp')).toBe('did:web:telework.example.jp');
    expect(didWebFromBaseUrl('https://example.jp/registry/jp/')).toBe('did:web:example.jp:registry:jp');
  });

  it('publishes every non-retired key in the DID document and JWKS; the newest signs', async () => {
    const old = await generateIssuerKey({ now: new Date('2024-01-01T00:00:00Z') });
    const current = await generateIssuerKey({ now: new Date('2025-01-01T00:00:00Z') });
    const retired = { ...(await generateIssuerKey({ now: new Date('2023-01-01T00:00:00Z') })), retiredAt: '2024-06-01T00:00:00Z' };
    const identity = createIssuerIdentity({ baseUrl: 'http://localhost:8787', method: 'did:web', keys: [old, current, retired] });
    const doc = identity.didDocument();
    expect(doc['@context']).toEqual(['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1']);
    expect(doc.id).toBe('did:web:localhost%3A8787');
    expect(doc.verificationMethod.map((m) => m.id)).toEqual([
      `did:web:localhost%3A8787#${old.keyId}`,
      `did:web:localhost%3A8787#${current.keyId}`,
    ]);
    expect(doc.verificationMethod[0]).toMatchObject({ type: 'Multikey', controller: doc.id, publicKeyMultibase: old.publicKeyMultibase });
    expect(doc.assertionMethod).toEqual(doc.verificationMethod.map((m) => m.id));
    expect(doc.authentication).toEqual(doc.assertionMethod);
    expect(identity.jwks().keys).toEqual(
      [old, current].map((k) => ({ ...k.publicJwk, kid: `${doc.id}#${k.keyId}`, alg: 'EdDSA', use: 'sig' })),
    );
    expect(identity.activeKey().keyId).toBe(current.keyId);
  });

  it('uses the active key as did:key when configured', async () => {
    const key = await generateIssuerKey();
    const identity = createIssuerIdentity({ baseUrl: 'http://localhost:8787', method: 'did:key', keys: [key] });
    expect(identity.did).toBe(`did:key:${key.publicKeyMultibase}`);
    expect(identity.verificationMethodId(key)).toBe(`${identity.did}#${key.publicKeyMultibase}`);
  });

  it('fails clearly when no key can sign', () => {
    const identity = createIssuerIdentity({
      baseUrl: 'http://localhost:8787',
      keys: [issuerKeyFromJwk({ keyId: 'k', jwk: { kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43) }, createdAt: '2025-01-01T00:00:00Z' })],
    });
    expect(() => identity.activeKey()).toThrow(/No active issuer key/);
  });
});

describe('offline document loader', () => {
  it('serves contexts, our DID document and did:key Multikeys, and refuses everything else', async () => {
    const key = await generateIssuerKey();
    const identity = createIssuerIdentity({ baseUrl: 'http://localhost:8787', keys: [key] });
    const load = createDocumentLoader({ identity });
    for (const url of [
      'https://www.w3.org/ns/credentials/v2',
      'https://w3id.org/security/data-integrity/v2',
      'https://w3id.org/security/multikey/v1',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
      'https://www.w3.org/ns/credentials/status/v1',
      'https://www.w3.org/ns/did/v1',
      'http://localhost:8787/contexts/registry/v1',
    ]) {
      expect((await load(url)).document['@context'], url).toBeDefined();
    }
    expect((await load(identity.did)).document).toEqual(identity.didDocument());
    expect((await load(identity.verificationMethodId(key))).document).toMatchObject({ type: 'Multikey' });
    const didKey = `did:key:${key.publicKeyMultibase}`;
    expect((await load(`${didKey}#${key.publicKeyMultibase}`)).document).toMatchObject({
      type: 'Multikey',
      controller: didKey,
      publicKeyMultibase: key.publicKeyMultibase,
    });
    await expect(load('https://example.com/evil-context')).rejects.toThrow(/refuses/);
    await expect(load('did:web:example.com')).rejects.toThrow(/refuses/);
  });
});
