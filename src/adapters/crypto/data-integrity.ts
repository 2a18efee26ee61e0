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
import { VC_V2_CONTEXT, type DocumentLoader } from './document-loader.js';
import { importSigningKey, importVerifyKey } from './keys.js';
import { createShapeCanonizer, type ShapeCanonizer } from './shape-canonize.js';
import { LruCache } from '../../domain/lru-cache.js';
import { dateTimeStampInstant } from '../../domain/credentials/date-time-stamp.js';
import { digests, fingerprint32 } from '../../domain/encoding.js';

type Json = Record<string, unknown>;

export interface DataIntegrityVerification {
  verified: boolean;
  /** The verification method id the (first) proof names, when there is one. */
  verificationMethod?: string;
  errors: string[];
  /** A proof could not be checked at all: the credential cannot be canonicalized (jsonld refused it). */
  unreadable?: boolean;
}

const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value);

/** The proofs of a document as a list (VC 2.0: one proof object or a set of them). */
function proofsOf(document: Json): unknown[] {
  const proof = document.proof;
  return proof === undefined ? [] : Array.isArray(proof) ? proof : [proof];
}

export interface DataIntegrityOptions {
  documentLoader: DocumentLoader;
  /** Entries of the canonical-form memo; 0 disables it. */
  canonicalCacheSize?: number;
  /** Approximate bytes the canonical-form memo may hold (keys and N-Quads). */
  canonicalCacheBytes?: number;
  /** Learned shapes of the fast canonicalization path (see shape-canonize.ts); 0 disables it. */
  shapeCacheSize?: number;
}

type Canonize = (input: Json, options: Json) => Promise<string>;
/** The context DataIntegrityProof adds to proof options that have neither it nor VC 2.0's. */
const DATA_INTEGRITY_CONTEXT = 'https://w3id.org/security/data-integrity/v2';

/**
 * SHA-256 of a canonical form, by the promise the canonical memo hands out for it: while the memo
 * keeps a form, its hash is kept too, and goes when the form goes.
 */
const hashes = new WeakMap<Promise<string>, Promise<Uint8Array>>();
function hashOf(canonical: Promise<string>): Promise<Uint8Array> {
  let hash = hashes.get(canonical);
  if (!hash) hashes.set(canonical, (hash = canonical.then((text) => digests.sha256(text))));
  return hash;
}

/**
 * Canonical forms by exact JSON input, bounded by entries and bytes (least recently used
 * evicted), admitted by frequency as TinyLFU does: once the memo is full, a new input takes the
 * place of the least recently used one only if it was asked for more often. Verifying many
 * different credentials in turn, none back before it would be evicted, otherwise replaced an entry
 * on every request: those ~50 KB of strings outlived the young generation, and the major GCs they
 * caused cost about a fifth of the CPU of uncached verification (measured). A credential
 * verified again and again keeps its hit.
 */
export function createCanonicalMemo({ maxEntries, maxBytes }: { maxEntries: number; maxBytes: number }) {
  // Entries are found by a quick key (see quickKey) and hold the input's JSON to compare: a Map
  // keyed by the ~10 KB JSON itself hashed it again on every lookup. Measured in a heap snapshot:
  // an entry holds about 8 bytes per character of its JSON (two bytes per UTF-16 unit of Japanese
  // text, and N-Quads about twice as long as the JSON).
  const entries = new LruCache<number, { json: string; canonical: Promise<string>; bytes: number }>({ maxEntries, maxBytes, sizeOf: ({ bytes }) => bytes });
  /** How often recent inputs were asked for, by quick key. */
  const asked = new LruCache<number, number>({ maxEntries: 8192 });
  const askedFor = (key: number) => asked.peek(key) ?? 0;
  return (canonize: Canonize): Canonize =>
    (input, options) => {
      if (maxEntries === 0) return canonize(input, options);
      const key = quickKey(input);
      const count = (asked.peek(key) ?? 0) + 1;
      asked.set(key, count);
      const held = entries.get(key);
      const json = held ? JSON.stringify(input) : undefined;
      if (held && held.json === json) return held.canonical;
      // Whether it would take a place is known before serializing it: an input seen once while the
      // memo is full (every credential of a stream of different ones) is never serialized, which
      // was ~25–40 µs and a 12 KB string per uncached verification.
      const typical = { json: '', canonical: undefined!, bytes: entries.size ? entries.bytes / entries.size : 0 };
      if (!held && !entries.admits(key, typical, count, askedFor)) return canonize(input, options);
      const canonical = canonize(input, options);
      const text = json ?? JSON.stringify(input);
      const entry = { json: text, canonical, bytes: 8 * text.length + 64 };
      if (entries.admits(key, entry, count, askedFor)) {
        entries.set(key, entry);
        // Never remember a failure (e.g. an unknown context).
        canonical.catch(() => entries.peek(key) === entry && entries.delete(key));
      }
      return canonical;
    };
}

/**
 * A key for finding and counting memo entries without serializing the input: its top-level keys
 * and primitive values (a credential's id, dates and name; a proof's created date and key). Inputs
 * that differ only deeper share a key and take turns in one place; a hit still compares the whole
 * JSON.
 */
function quickKey(input: Json): number {
  let text = '';
  for (const key of Object.keys(input)) {
    const value = input[key];
    text += `${key}\u0000${typeof value === 'object' ? '' : String(value)}\u0001`;
  }
  return fingerprint32(text);
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

/** What a failed proof's signature check means, in the registry's words (the library says "Invalid signature."). */
const SIGNATURE_MISMATCH = 'the signature does not match the credential: it was altered after it was signed, or signed with another key.';
/** jsonld refusing the document (safe mode: an undefined term, a malformed value): nothing was signed-checked. */
export const NOT_CANONICALIZABLE = 'the credential cannot be canonicalized for its proof (an undefined term or a malformed value), so its signature could not be checked.';
/** jsonld's errors are named "jsonld.…" (jsonld.ValidationError, jsonld.InvalidUrl, …): read by that code, not by their English. */
const isJsonLdError = (error: unknown) => !!error && typeof error === 'object' && String((error as { name?: unknown }).name).startsWith('jsonld.');

/** A failure's reasons: the library's two usual ones said as the registry says them, any other as it was given. */
function errorMessages(error: unknown): string[] {
  if (!error) return [];
  if (Array.isArray(error)) return error.flatMap(errorMessages);
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested) && nested.length) return nested.flatMap(errorMessages);
  if (isJsonLdError(error)) return [NOT_CANONICALIZABLE];
  const message = error instanceof Error ? error.message : String(error);
  return [message === 'Invalid signature.' ? SIGNATURE_MISMATCH : message];
}

/**
 * Would @digitalbazaar/vc refuse the credential for its dates alone? It does for a validFrom or
 * validUntil it cannot read, and for an empty validity period (validFrom after validUntil: no
 * `now` lies inside it). Read by the same rule as the validFrom and validUntil checks.
 */
function datesInTheWay(credential: Json): boolean {
  const { validFrom, validUntil } = credential;
  const from = validFrom === undefined ? null : dateTimeStampInstant(validFrom);
  const until = validUntil === undefined ? null : dateTimeStampInstant(validUntil);
  if (from === undefined || until === undefined) return true;
  return !!from && !!until && from > until;
}

/** The verification's result, marked unreadable when jsonld refused a proof's document. */
const failedWith = (errors: string[], vm: { verificationMethod?: string }): DataIntegrityVerification => ({
  verified: false,
  ...vm,
  errors,
  ...(errors.some((error) => error.endsWith(NOT_CANONICALIZABLE)) ? { unreadable: true } : {}),
});

/**
 * The proof options document eddsa-rdfc-2022 canonicalizes, exactly as
 * DataIntegrityProof.canonizeProof builds it: the document's @context (a proof's own wins), the
 * proof without its value, and the suite's context added when neither it nor VC 2.0's is there.
 */
function proofConfiguration(document: Json, proof: Json): Json {
  const { proofValue: _value, ...options } = proof;
  const configuration: Json = { '@context': document['@context'], ...options };
  const context = configuration['@context'];
  const has = (url: string) => context === url || (Array.isArray(context) && context.includes(url));
  if (!has(DATA_INTEGRITY_CONTEXT) && !has(VC_V2_CONTEXT)) {
    const existing = context || [];
    configuration['@context'] = Array.isArray(existing) ? [...existing, DATA_INTEGRITY_CONTEXT] : [existing, DATA_INTEGRITY_CONTEXT];
  }
  return configuration;
}

export function createDataIntegrity({ documentLoader, canonicalCacheSize = 1000, canonicalCacheBytes = 4 * 1024 * 1024, shapeCacheSize = 256 }: DataIntegrityOptions) {
  const shapes: ShapeCanonizer = createShapeCanonizer({ maxShapes: shapeCacheSize });
  const memoised = createCanonicalMemo({ maxEntries: canonicalCacheSize, maxBytes: canonicalCacheBytes });
  // Signing input is ours (trusted): unknown shapes are learned. Verification input is not:
  // it takes the fast path only when it matches a learned shape exactly.
  const signingCryptosuite = {
    ...eddsaRdfc2022,
    canonize: memoised((input, options) => shapes.canonize(input, options, true)),
    createVerifier,
  };
  const verifyCanonize = memoised((input, options) => shapes.canonize(input, options, false));
  const cryptosuite = {
    ...eddsaRdfc2022,
    canonize: verifyCanonize,
    createVerifier,
    /**
     * DataIntegrityProof.createVerifyData as the library does it (SHA-256 of the canonical proof
     * options, then of the canonical document), with each hash kept beside its canonical form: a
     * credential verified again is not hashed again (~16 KB of N-Quads per document).
     */
    createVerifyData: async ({ document, proof, documentLoader }: { document: Json; proof: Json; documentLoader: DocumentLoader }) => {
      const [proofHash, documentHash] = await Promise.all([
        hashOf(verifyCanonize(proofConfiguration(document, proof), { documentLoader, safe: true, base: null, skipExpansion: false })),
        hashOf(verifyCanonize(document, { documentLoader, safe: true, base: null })),
      ]);
      const verifyData = new Uint8Array(proofHash.length + documentHash.length);
      verifyData.set(proofHash, 0);
      verifyData.set(documentHash, proofHash.length);
      return verifyData;
    },
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

  /** One proof over the document without any other proof, through @digitalbazaar/vc. */
  async function verifySingle(credential: Json): Promise<string[]> {
    // The library refuses a credential whose dates it cannot read, or whose validity period is
    // empty, before it looks at the proof: said as the proof's failure, that read as tampering.
    // Dates are the caller's checks (VC 2.0 §4.9), so such a proof is verified by the suite alone.
    if (datesInTheWay(credential)) {
      const { proof: _proof, ...unsecured } = credential;
      const [proof] = proofsOf(credential);
      return isObject(proof) ? verifyProofOver(unsecured, proof, [proof]) : ['The proof is not an object.'];
    }
    // Inside the validity window, so the library's date checks never fail a proof: validFrom, or
    // for a credential with none (VC 2.0 §4.9: it is optional) its validUntil. Pinned to now, an
    // expired credential without validFrom failed the proof check, read as tampering (§7.2).
    const instant = (value: unknown) => {
      const date = typeof value === 'string' ? new Date(value) : undefined;
      return date && !Number.isNaN(date.getTime()) ? date : undefined;
    };
    const now = instant(credential.validFrom) ?? instant(credential.validUntil) ?? new Date();
    const result = await vc.verifyCredential({
      credential,
      suite: verifySuite,
      documentLoader,
      now,
      checkStatus: async () => ({ verified: true }),
    });
    if (result.verified === true) return [];
    const errors = errorMessages(result.error ?? result.results?.[0]?.error);
    return errors.length ? errors : ['The proof did not verify.'];
  }

  /**
   * A proof of a chain: it signs the document whose `proof` holds the proofs its previousProof
   * names, so it is verified over that document (the suite hashes what it is given); each of
   * those must be in the set.
   */
  async function verifyChained(unsecured: Json, proof: Json, all: unknown[]): Promise<string[]> {
    const previous = proof.previousProof;
    const ids = typeof previous === 'string' ? [previous] : Array.isArray(previous) && previous.length > 0 && previous.every((p) => typeof p === 'string') ? (previous as string[]) : null;
    if (!ids) return ['"previousProof" must be a proof id or a list of proof ids.'];
    const matching: Json[] = [];
    for (const id of ids) {
      const match = all.find((p): p is Json => isObject(p) && p.id === id);
      if (!match) return [`its previousProof "${id}" is not in the proof set.`];
      matching.push(match);
    }
    return verifyProofOver({ ...unsecured, proof: matching.length === 1 ? matching[0] : matching }, proof, all);
  }

  /**
   * One proof over `document` (what it signs) by the suite, without @digitalbazaar/vc's checks of
   * the credential: its purpose (the issuer's assertion), type and cryptosuite, signature, and the
   * issuer being the key's controller.
   */
  async function verifyProofOver(document: Json, proof: Json, all: unknown[]): Promise<string[]> {
    const withContext = { '@context': document['@context'], ...proof };
    const purpose = new vc.CredentialIssuancePurpose();
    if (!(await purpose.match(withContext, { document, documentLoader }))) return ['its proofPurpose is not "assertionMethod".'];
    if (!(await verifySuite.matchProof({ proof: withContext, document, documentLoader }))) {
      return [`its type or cryptosuite is not supported (expected DataIntegrityProof with eddsa-rdfc-2022).`];
    }
    const result = await verifySuite.verifyProof({ proof: withContext, document, purpose, proofSet: all, documentLoader });
    if (!result.verified) return errorMessages(result.error).concat(result.error ? [] : ['the proof did not verify.']);
    const valid = await purpose.validate(withContext, { document, suite: verifySuite, verificationMethod: result.verificationMethod, documentLoader });
    return valid.valid ? [] : errorMessages(valid.error);
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
     * Checks the proofs only (signature, purpose, issuer = controller of the key). Dates and
     * status are the caller's checks, so `now` is pinned inside the validity window here.
     * A proof set or chain verifies only when every one of its proofs does (Data Integrity 1.0,
     * "Verify Proof Sets and Chains"): a proof naming a previousProof signs the document with
     * those earlier proofs in it, and a previousProof that is not in the set fails. Each proof
     * must be an assertion by the credential's issuer. Never throws.
     */
    async verify({ credential }: { credential: Json }): Promise<DataIntegrityVerification> {
      const proofs = proofsOf(credential);
      const first = proofs.find(isObject);
      const verificationMethod = typeof first?.verificationMethod === 'string' ? first.verificationMethod : undefined;
      const vm = verificationMethod ? { verificationMethod } : {};
      if (proofs.length === 0) return { verified: false, ...vm, errors: ['The credential has no proof.'] };
      try {
        if (proofs.length === 1 && isObject(proofs[0]) && proofs[0].previousProof === undefined) {
          // Only a verification that took no template (node fragments or the full path) can have a
          // shape to learn (without this learning, DI verification over 600 different credentials
          // was 1.5–2× slower in an A/B). Counting is enough: a concurrent one can only make this
          // learn needlessly, never skip learning.
          const untemplated = () => shapes.stats.full + shapes.stats.composed;
          const before = untemplated();
          const errors = await verifySingle(credential);
          if (errors.length === 0 && untemplated() !== before) learnFromVerified(credential, proofs[0], verificationMethod);
          return errors.length === 0 ? { verified: true, ...vm, errors } : failedWith(errors, vm);
        }
        const { proof: _all, ...unsecured } = credential;
        const found = await Promise.all(
          proofs.map(async (proof, i) => {
            const label = `Proof ${i + 1} of ${proofs.length}`;
            if (!isObject(proof)) return [`${label} is not an object.`];
            const errors = proof.previousProof === undefined ? await verifySingle({ ...unsecured, proof }) : await verifyChained(unsecured, proof, proofs);
            return errors.map((error) => `${label}: ${error}`);
          }),
        );
        const errors = found.flat();
        return errors.length === 0 ? { verified: true, ...vm, errors } : failedWith(errors, vm);
      } catch (error) {
        return failedWith(errorMessages(error), vm);
      }
    },
  };
}

export type DataIntegrity = ReturnType<typeof createDataIntegrity>;
