/**
 * The registry as an issuer: its DID (did:web for the registry's domain, or did:key), the DID
 * document and JWKS it serves, and which of its keys signs now.
 */
import type { IssuerKey } from '../../ports/credentials.js';

export const DID_CONTEXT_V1 = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_CONTEXT_V1 = 'https://w3id.org/security/multikey/v1';

export type DidMethod = 'did:web' | 'did:key';

export interface MultikeyVerificationMethod {
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

export interface DidDocument {
  '@context': string[];
  id: string;
  verificationMethod: MultikeyVerificationMethod[];
  assertionMethod: string[];
  authentication: string[];
}

export interface IssuerIdentity {
  baseUrl: string;
  method: DidMethod;
  /** The DID credentials are issued under now. */
  did: string;
  keys: readonly IssuerKey[];
  /** Newest non-retired key that has a private key; throws when there is none. */
  activeKey(): IssuerKey;
  verificationMethodId(key: IssuerKey): string;
  /** Any key of ours (retired included) named by a verification method id, else undefined. */
  keyForVerificationMethod(verificationMethodId: string): IssuerKey | undefined;
  /** True for the DID of this registry (for did:key: of any of its keys). */
  isOwnDid(did: string): boolean;
  /** Served at /.well-known/did.json: a Multikey method for every non-retired key. */
  didDocument(): DidDocument;
  /** Served at /.well-known/jwks.json: non-retired keys, kid = verification method id. */
  jwks(): { keys: JsonWebKey[] };
}

/** http://localhost:8787 → did:web:localhost%3A8787; https://x.jp/a/b → did:web:x.jp:a:b */
export function didWebFromBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  const path = url.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  return ['did:web', host, ...path].join(':');
}

export function didKeyFromMultibase(publicKeyMultibase: string): string {
  return `did:key:${publicKeyMultibase}`;
}

export function createIssuerIdentity({
  baseUrl,
  method = 'did:web',
  keys,
}: {
  baseUrl: string;
  method?: DidMethod;
  keys: readonly IssuerKey[];
}): IssuerIdentity {
  const live = () => keys.filter((k) => k.retiredAt === null);
  const activeKey = (): IssuerKey => {
    const signing = live()
      .filter((k) => k.privateJwk)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    if (!signing[0]) throw new Error('No active issuer key: every key is retired or has no private key.');
    return signing[0];
  };
  const didOf = (key: IssuerKey) =>
    method === 'did:key' ? didKeyFromMultibase(key.publicKeyMultibase) : didWebFromBaseUrl(baseUrl);
  const verificationMethodId = (key: IssuerKey) =>
    method === 'did:key' ? `${didOf(key)}#${key.publicKeyMultibase}` : `${didOf(key)}#${key.keyId}`;
  const did = method === 'did:key' ? didOf(activeKey()) : didWebFromBaseUrl(baseUrl);
  const byVerificationMethod = new Map(keys.map((k) => [verificationMethodId(k), k]));
  const ownDids = new Set(keys.map(didOf));

  const verificationMethodOf = (key: IssuerKey): MultikeyVerificationMethod => ({
    id: verificationMethodId(key),
    type: 'Multikey',
    controller: didOf(key),
    publicKeyMultibase: key.publicKeyMultibase,
  });

  return {
    baseUrl,
    method,
    did,
    keys,
    activeKey,
    verificationMethodId,
    keyForVerificationMethod: (id) => byVerificationMethod.get(id),
    isOwnDid: (candidate) => ownDids.has(candidate),
    didDocument() {
      const methods = (method === 'did:key' ? [activeKey()] : live()).map(verificationMethodOf);
      const ids = methods.map((m) => m.id);
      return {
        '@context': [DID_CONTEXT_V1, MULTIKEY_CONTEXT_V1],
        id: did,
        verificationMethod: methods,
        assertionMethod: ids,
        authentication: ids,
      };
    },
    jwks: () => ({
      keys: live().map((k) => ({ ...k.publicJwk, kid: verificationMethodId(k), alg: 'EdDSA', use: 'sig' })),
    }),
  };
}
