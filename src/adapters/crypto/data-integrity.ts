/**
 * Data Integrity eddsa-rdfc-2022 signing and verification via @digitalbazaar/vc, tuned:
 * - contexts come from the offline loader tagged 'static', so jsonld reuses processed contexts;
 * - signing and verifying use WebCrypto keys imported once per key (ed25519-multikey re-imports);
 * - canonical N-Quads are memoised per exact JSON input (a pure function of it with a fixed
 *   offline loader), so re-verifying the same bytes skips RDF canonicalization, never the signature;
 * - canonical N-Quads of documents of a learned shape (the registry's own credential and proof
 *   shapes) are computed from a shape template instead of jsonld, exactly as jsonld would
 *   (see shape-canonize.ts). Shapes are learned only from trusted input: documents we sign, and
 *   documents whose proof verified with one of the registry's own (did:web) keys.
 */
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import type { IssuerKey } from '../../ports/credentials.js';
import type { DocumentLoader } from './document-loader.js';
import { importSigningKey, importVerifyKey } from './keys.js';
import { createShapeCanonizer, type ShapeCanonizer } from './shape-canonize.js';

type Json = Record<string, unknown>;

export interface DataIntegrityVerification {
  verified: boolean;
  /** The verification method id the proof names, when there is one. */
  verificationMethod?: string;
  errors: string[];
}

export interface DataIntegrityOptions {
  documentLoader: DocumentLoader;
  /** Entries of the canonical-form memo; 0 disables it. */
  canonicalCacheSize?: number;
  /** Learned shapes of the fast canonicalization path (see shape-canonize.ts); 0 disables it. */
  shapeCacheSize?: number;
}

type Canonize = (input: Json, options: Json) => Promise<string>;

function memoisedCanonize(size: number, cache: Map<string, Promise<string>>, canonize: Canonize): Canonize {
  return (input: Json, options: Json): Promise<string> => {
    if (size === 0) return canonize(input, options);
    const key = JSON.stringify(input);
    const hit = cache.get(key);
    if (hit) return hit;
    const result = canonize(input, options);
    if (cache.size >= size) cache.delete(cache.keys().next().value!);
    cache.set(key, result);
    result.catch(() => cache.delete(key)); // never remember a failure (e.g. an unknown context)
    return result;
  };
}

async function createVerifier({ verificationMethod }: { verificationMethod: Json }) {
  const { type, publicKeyMultibase, id } = verificationMethod;
  if (type !== 'Multikey' || typeof publicKeyMultibase !== 'string') {
    throw new Error(`Verification method "${String(id)}" is not an Ed25519 Multikey.`);
  }
  const key = await importVerifyKey(publicKeyMultibase);
  return {
    algorithm: 'Ed25519',
    id,
    verify: ({ data, signature }: { data: Uint8Array; signature: Uint8Array }) =>
      crypto.subtle.verify('Ed25519', key, signature as BufferSource, data as BufferSource),
  };
}

function firstProof(document: Json): Json | undefined {
  const proof = document.proof;
  const first = Array.isArray(proof) ? proof[0] : proof;
  return first && typeof first === 'object' ? (first as Json) : undefined;
}

function errorMessages(error: unknown): string[] {
  if (!error) return [];
  if (Array.isArray(error)) return error.flatMap(errorMessages);
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested) && nested.length) return nested.flatMap(errorMessages);
  return [error instanceof Error ? error.message : String(error)];
}

/** The proof options document eddsa-rdfc-2022 canonicalizes (DataIntegrityProof.canonizeProof). */
function proofConfiguration(document: Json, proof: Json): Json {
  const { proofValue: _value, ...options } = proof;
  const context = document['@context'];
  const configuration: Json = { '@context': context, ...options };
  const has = (url: string) => context === url || (Array.isArray(context) && context.includes(url));
  if (!has('https://w3id.org/security/data-integrity/v2') && !has('https://www.w3.org/ns/credentials/v2')) {
    const suiteContext = 'https://w3id.org/security/data-integrity/v2';
    configuration['@context'] = Array.isArray(context) ? [...context, suiteContext] : [context, suiteContext];
  }
  return configuration;
}

export function createDataIntegrity({ documentLoader, canonicalCacheSize = 1000, shapeCacheSize = 256 }: DataIntegrityOptions) {
  const shapes: ShapeCanonizer = createShapeCanonizer({ maxShapes: shapeCacheSize });
  const memo = new Map<string, Promise<string>>();
  // Signing input is ours (trusted): unknown shapes are learned. Verification input is not:
  // it takes the fast path only when it matches a learned shape exactly.
  const signingCryptosuite = {
    ...eddsaRdfc2022,
    canonize: memoisedCanonize(canonicalCacheSize, memo, (input, options) => shapes.canonize(input, options, true)),
    createVerifier,
  };
  const cryptosuite = {
    ...eddsaRdfc2022,
    canonize: memoisedCanonize(canonicalCacheSize, memo, (input, options) => shapes.canonize(input, options, false)),
    createVerifier,
  };
  const verifySuite = new DataIntegrityProof({ cryptosuite });
  const canonizeOptions = { documentLoader, base: null, safe: true };

  /** After a proof verified with one of our own keys, its document and proof shapes are ours. */
  function learnFromVerified(credential: Json, proof: Json | undefined, verificationMethod: string | undefined) {
    if (!proof || !verificationMethod || verificationMethod.startsWith('did:key:') || !credential['@context']) return;
    const { proof: _proof, ...document } = credential;
    void Promise.all([
      shapes.learn(document, canonizeOptions),
      shapes.learn(proofConfiguration(document, proof), { ...canonizeOptions, skipExpansion: false }),
    ]).catch(() => undefined);
  }

  return {
    /** The verification suite (fast verifier, memoised canonize), also for presentations. */
    verifySuite,
    /** Fast-path statistics and shape checks (tests and benchmarks). */
    shapes,
    /** Adds an eddsa-rdfc-2022 proof; returns a new object with `proof` as an array (OB 3.0). */
    async sign({
      credential,
      key,
      verificationMethod,
      created = new Date(),
    }: {
      credential: Json;
      key: IssuerKey;
      verificationMethod: string;
      created?: Date;
    }): Promise<Json> {
      const privateKey = await importSigningKey(key);
      const signer = {
        algorithm: 'Ed25519',
        id: verificationMethod,
        sign: async ({ data }: { data: Uint8Array }) =>
          new Uint8Array(await crypto.subtle.sign('Ed25519', privateKey, data as BufferSource)),
      };
      const suite = new DataIntegrityProof({ signer, date: created, cryptosuite: signingCryptosuite });
      const { proof: _ignored, ...unsigned } = credential;
      // vc.issue checks validFrom/validUntil against `now`; sign as of the proof time.
      const signed: Json = await vc.issue({ credential: { ...unsigned }, suite, documentLoader, now: created });
      return { ...signed, proof: Array.isArray(signed.proof) ? signed.proof : [signed.proof] };
    },

    /**
     * Checks the proof only (signature, purpose, issuer = controller of the key). Dates and
     * status are the caller's checks, so `now` is pinned inside the validity window here.
     * Never throws.
     */
    async verify({ credential }: { credential: Json }): Promise<DataIntegrityVerification> {
      const proof = firstProof(credential);
      const verificationMethod = typeof proof?.verificationMethod === 'string' ? proof.verificationMethod : undefined;
      try {
        const validFrom = typeof credential.validFrom === 'string' ? new Date(credential.validFrom) : undefined;
        const now = validFrom && !Number.isNaN(validFrom.getTime()) ? validFrom : new Date();
        const result = await vc.verifyCredential({
          credential,
          suite: verifySuite,
          documentLoader,
          now,
          checkStatus: async () => ({ verified: true }),
        });
        if (result.verified === true) learnFromVerified(credential, proof, verificationMethod);
        return {
          verified: result.verified === true,
          ...(verificationMethod ? { verificationMethod } : {}),
          errors: result.verified ? [] : errorMessages(result.error ?? result.results?.[0]?.error),
        };
      } catch (error) {
        return { verified: false, ...(verificationMethod ? { verificationMethod } : {}), errors: errorMessages(error) };
      }
    },
  };
}

export type DataIntegrity = ReturnType<typeof createDataIntegrity>;
