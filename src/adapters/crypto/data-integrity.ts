/**
 * Data Integrity eddsa-rdfc-2022 signing and verification via @digitalbazaar/vc, tuned:
 * - contexts come from the offline loader tagged 'static', so jsonld reuses processed contexts;
 * - signing and verifying use WebCrypto keys imported once per key (ed25519-multikey re-imports);
 * - canonical N-Quads are memoised per exact JSON input (a pure function of it with a fixed
 *   offline loader), so re-verifying the same bytes skips RDF canonicalization, never the signature.
 */
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import type { IssuerKey } from '../../ports/credentials.js';
import type { DocumentLoader } from './document-loader.js';
import { importSigningKey, importVerifyKey } from './keys.js';

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
}

function memoisedCanonize(size: number) {
  const cache = new Map<string, Promise<string>>();
  return (input: Json, options: Json): Promise<string> => {
    if (size === 0) return eddsaRdfc2022.canonize(input, options);
    const key = JSON.stringify(input);
    const hit = cache.get(key);
    if (hit) return hit;
    const result = eddsaRdfc2022.canonize(input, options) as Promise<string>;
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

export function createDataIntegrity({ documentLoader, canonicalCacheSize = 1000 }: DataIntegrityOptions) {
  const cryptosuite = { ...eddsaRdfc2022, canonize: memoisedCanonize(canonicalCacheSize), createVerifier };
  const verifySuite = new DataIntegrityProof({ cryptosuite });

  return {
    /** The verification suite (fast verifier, memoised canonize), also for presentations. */
    verifySuite,
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
      const suite = new DataIntegrityProof({ signer, date: created, cryptosuite });
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
