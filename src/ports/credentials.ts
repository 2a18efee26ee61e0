/**
 * Ports for signing and verifying credentials. The domain and HTTP layers depend on these
 * interfaces only; adapters/crypto implements them with @digitalbazaar/vc and jose.
 */

import type { StatusPurpose } from '../domain/credentials/open-badge.js';

/** One Ed25519 issuer key. `privateKey` is absent for keys loaded only to verify. */
export interface IssuerKey {
  /** Fragment used in the verification method id, e.g. "key-20261125t1438". */
  keyId: string;
  /** Multikey public key, base58btc multibase ("z6Mk…"). */
  publicKeyMultibase: string;
  /** Public key as an OKP/Ed25519 JWK (no "d"). */
  publicJwk: JsonWebKey;
  /** Private key as an OKP/Ed25519 JWK (with "d"); never served, never logged. */
  privateJwk?: JsonWebKey;
  createdAt: string;
  retiredAt: string | null;
}

/** Where the issuer's keys live (key files on Node, a secret on Workers). */
export interface KeyStore {
  list(): Promise<IssuerKey[]>;
}

/** Status of one credential as the registry's own data says, read without any HTTP call. */
export interface CredentialStatusState {
  revoked: boolean;
  suspended: boolean;
}

/**
 * Looks up a status bit: (status list credential URL, index, purpose) → set or not; null when no
 * credential holds the index, or when the list is of another purpose. Throws when the list cannot
 * be read (there is no such list).
 */
export type StatusLookup = (entry: {
  statusListCredential: string;
  statusListIndex: number;
  statusPurpose: StatusPurpose;
}) => Promise<boolean | null>;

export interface SecuredCredential {
  /** The credential with an eddsa-rdfc-2022 DataIntegrityProof in `proof` (an array). */
  dataIntegrity: Record<string, unknown>;
  /** The same content as a compact application/vc+jwt (EdDSA). */
  jwt: string;
}

/** A failed or passed check, VC-API style; `type` is an RFC 9457 type URI from the specs. */
export interface ProblemDetail {
  type: string;
  title: string;
  detail: string;
}

/** One check that ran and its outcome (VC-API answers list every check run, passed or not). */
export interface CheckResult {
  check: string;
  verified: boolean;
}

export interface VerificationOutcome {
  verified: boolean;
  /** The credential as understood (decoded JWT payload or the JSON-LD document), if parseable. */
  credential?: Record<string, unknown>;
  /** "jwt" or "data-integrity". */
  format?: 'jwt' | 'data-integrity';
  /** True when issued by this registry (issuer id is ours and the key is one of ours). */
  issuedByRegistry: boolean;
  /** Names of the checks that ran and passed, e.g. ["proof", "validFrom", "validUntil", "status", "schema"]. */
  checks: string[];
  /** Every check that ran, in order, passed or not. */
  results: CheckResult[];
  status: CredentialStatusState | null;
  /** Why verification failed (empty when verified). */
  problemDetails: ProblemDetail[];
  /** What the verifier should know without it failing verification, e.g. checks left out by request. */
  warnings: ProblemDetail[];
}

/** Options of CredentialSecurer.verify. */
export interface VerifyOptions {
  /** The registry's own status data; without it, status entries fail as not retrievable. */
  statusLookup?: StatusLookup;
  /** Time to judge validFrom/validUntil against; defaults to the securer's clock. */
  now?: Date;
  /**
   * The registry recognising a vc+jwt it stored itself: the key id (the verification method's
   * fragment) that signed these exact bytes as issued under the credential's id, or null. The signature is then known to verify, so the
   * Ed25519 check is skipped; every other check runs as usual (the verdict is the same).
   */
  storedJwtSigner?: (credentialId: string, jwt: string) => Promise<string | null>;
  /** Run only these checks (VC-API `options.checks`; names as in VERIFICATION_CHECKS); all when absent. */
  checks?: readonly string[];
}

/** The checks a caller can select; "parse" always runs, "schema" only for Open Badges credentials. */
export const VERIFICATION_CHECKS = ['issuer', 'proof', 'validFrom', 'validUntil', 'status', 'schema'] as const;

export interface PresentationVerificationOutcome<C extends VerificationOutcome = VerificationOutcome> {
  verified: boolean;
  /** The presentation's holder (e.g. a did:key), when given. */
  holder?: string;
  /** Passed presentation-level checks, e.g. ["presentationProof", "challenge", "domain"]. */
  checks: string[];
  /** Every presentation-level check that ran, passed or not. */
  results: CheckResult[];
  /** "data-integrity" (an embedded proof) or "jwt" (an EnvelopedVerifiablePresentation, vp+jwt). */
  format?: 'jwt' | 'data-integrity';
  problemDetails: ProblemDetail[];
  warnings: ProblemDetail[];
  /** One outcome per contained credential, verified with the same rules as verify() (or by options.verifyCredential). */
  credentials: C[];
}

/** Options of CredentialSecurer.verifyPresentation: the verifier's challenge and domain; statusLookup and now for the contained credentials. */
export type PresentationOptions = VerifyOptions & { challenge: string; domain?: string };
/** Verifies one credential contained in a presentation, at the presentation's time. */
export type PresentedCredentialVerifier<C extends VerificationOutcome> = (credential: unknown, now: Date) => Promise<C>;

/** Signs credentials in both forms and verifies them (and presentations) without any HTTP. */
export interface CredentialSecurer {
  secure(unsigned: Record<string, unknown>): Promise<SecuredCredential>;
  /** Signs a BitstringStatusListCredential (Data Integrity and JWT forms). */
  signStatusList(unsigned: Record<string, unknown>): Promise<SecuredCredential>;
  /**
   * Input: a JSON-LD credential, a compact vc+jwt, or an EnvelopedVerifiableCredential (a JSON
   * text of a credential is not parsed: it fails as unparseable). Never throws.
   */
  verify(input: unknown, options?: VerifyOptions): Promise<VerificationOutcome>;
  verifyPresentation(presentation: unknown, options: PresentationOptions): Promise<PresentationVerificationOutcome>;
  /**
   * With `verifyCredential`, each contained credential is verified by it (at the presentation's
   * `now`) instead of by verify(): the registry reads its own credentials in a presentation just
   * as it reads them alone.
   */
  verifyPresentation<C extends VerificationOutcome>(
    presentation: unknown,
    options: PresentationOptions & { verifyCredential: PresentedCredentialVerifier<C> },
  ): Promise<PresentationVerificationOutcome<C>>;
}
