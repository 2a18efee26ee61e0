import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { STATIC_CONTEXTS } from '../../src/adapters/crypto/document-loader.js';
import type { IssuerKey } from '../../src/ports/credentials.js';

/**
 * The "plain library" baselines: @digitalbazaar/vc with a Map-backed loader (the same context
 * documents, fetched DID document and registry context), the stock cryptosuite, and an
 * ed25519-multikey key pair as signer. What a developer would write without our caching.
 */
export async function plainVc({ baseUrl }: { baseUrl: string }) {
  const docs = new Map<string, unknown>(STATIC_CONTEXTS);
  docs.set(`${baseUrl}/contexts/registry/v1`, await (await fetch(`${baseUrl}/contexts/registry/v1`)).json());
  const did = (await (await fetch(`${baseUrl}/.well-known/did.json`)).json()) as { id: string; '@context': unknown; verificationMethod: { id: string }[] };
  docs.set(did.id, did);
  for (const method of did.verificationMethod) docs.set(method.id, { '@context': did['@context'], ...method });
  const documentLoader = async (url: string) => {
    const document = docs.get(url);
    if (!document) throw new Error(`not found: ${url}`);
    return { contextUrl: null, documentUrl: url, document };
  };
  return {
    verify: async (credential: unknown) => {
      const result = await vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite }), documentLoader, checkStatus: async () => ({ verified: true }) });
      if (!result.verified) throw new Error(`plain verify failed: ${JSON.stringify(result.error ?? result)}`);
    },
    /** Issues with a key of the same kind (the loader only needs contexts to sign). */
    async issuer(key: IssuerKey, verificationMethod: string, controller: string) {
      const pair = await Ed25519Multikey.fromJwk({ jwk: key.privateJwk, secretKey: true });
      pair.id = verificationMethod;
      pair.controller = controller;
      return (credential: Record<string, unknown>) =>
        vc.issue({ credential, suite: new DataIntegrityProof({ signer: pair.signer(), cryptosuite }), documentLoader });
    },
  };
}
