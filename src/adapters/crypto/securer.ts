/**
 * The CredentialSecurer port on @digitalbazaar/vc (Data Integrity) and jose (vc+jwt): issues
 * both forms of one content and verifies either form offline, reporting every check by name.
 */
import {
  VERIFICATION_CHECKS,
  type CheckResult,
  type CredentialSecurer,
  type PresentationOptions,
  type PresentationVerificationOutcome,
  type PresentedCredentialVerifier,
  type ProblemDetail,
  type SecuredCredential,
  type VerificationOutcome,
  type VerifyOptions,
} from '../../ports/credentials.js';
import { checkStatus, checkJwtTimes, checkValidFrom, checkValidUntil } from './credential-checks.js';
import { parseCredentialInput, type ParsedCredential } from './credential-input.js';
import { createDataIntegrity } from './data-integrity.js';
import { createDocumentLoader, type DocumentLoader } from './document-loader.js';
import type { IssuerIdentity } from './issuer.js';
import { didKeyMultibase, signVcJwt, verifyVcJwt } from './jwt.js';
import { importSigningKey, importVerifyKey } from './keys.js';
import { checkOb3Schema } from './ob3-schema.js';
import { verifyPresentationWith } from './presentation.js';
import { jwtClaimProblems, proofRuleProblemDetails, unsupportedProofProblems } from './proof-rules.js';
import { SPEC_PROBLEMS, problem, registryProblemType } from './problems.js';
import { keyIdOf } from '../../domain/credentials/key-id.js';
import { keyAtHand, unknownKeyProblems, unretrievableKeyProblems } from './key-retrieval.js';

type Json = Record<string, unknown>;

export interface CredentialSecurerOptions {
  identity: IssuerIdentity;
  /** Defaults to the offline loader of `identity`. */
  documentLoader?: DocumentLoader;
  /** Clock for proof `created` and for verification when no `now` is passed. */
  now?: () => Date;
  /** Canonical-form memo entries (see data-integrity.ts); 0 disables. */
  canonicalCacheSize?: number;
  /**
   * Other issuers whose credentials pass the "issuer" check (TRUSTED_ISSUERS): did:key DIDs,
   * whose keys are resolved offline from the DID itself. This registry is always trusted.
   */
  trustedIssuers?: readonly string[];
}

const OPEN_BADGE_TYPES = ['OpenBadgeCredential', 'AchievementCredential'];

export function createCredentialSecurer({
  identity,
  documentLoader = createDocumentLoader({ identity }),
  now = () => new Date(),
  canonicalCacheSize,
  trustedIssuers = [],
}: CredentialSecurerOptions): CredentialSecurer & { identity: IssuerIdentity; documentLoader: DocumentLoader } {
  const trusted = new Set(trustedIssuers);
  const dataIntegrity = createDataIntegrity({
    documentLoader,
    ...(canonicalCacheSize !== undefined ? { canonicalCacheSize } : {}),
  });
  const { baseUrl } = identity;
  const isKeyAtHand = (verificationMethod: string) => keyAtHand(verificationMethod, identity);

  async function secure(unsigned: Json): Promise<SecuredCredential> {
    const key = identity.activeKey();
    const kid = identity.verificationMethodId(key);
    const { proof: _proof, ...content } = unsigned;
    const [dataIntegrityForm, jwt] = await Promise.all([
      dataIntegrity.sign({ credential: content, key, verificationMethod: kid, created: now() }),
      importSigningKey(key).then((privateKey) => signVcJwt({ credential: content, privateKey, kid })),
    ]);
    return { dataIntegrity: dataIntegrityForm, jwt };
  }

  async function verify(input: unknown, options: VerifyOptions = {}): Promise<VerificationOutcome> {
    try {
      return await verifyUnsafe(input, options);
    } catch (error) {
      // Untrusted input must never throw out of verify; an unexpected failure is a failed check.
      const detail = error instanceof Error ? error.message : String(error);
      return {
        verified: false,
        issuedByRegistry: false,
        checks: [],
        results: [{ check: 'parse', verified: false }],
        status: null,
        problemDetails: [problem(SPEC_PROBLEMS.parsing, 'Verification failed', detail)],
        warnings: [],
      };
    }
  }

  async function verifyUnsafe(input: unknown, { statusLookup, storedJwtSigner, now: at = now(), checks: only }: VerifyOptions): Promise<VerificationOutcome> {
    const results: CheckResult[] = [];
    const problems: ProblemDetail[] = [];
    const warnings: ProblemDetail[] = [];
    const run = (check: string, found: ProblemDetail[]) => {
      results.push({ check, verified: found.length === 0 });
      problems.push(...found);
    };
    const passed = () => results.filter((r) => r.verified).map((r) => r.check);

    // Parsing always runs: nothing else can be judged without it.
    const { parsed, problems: parseProblems } = parseCredentialInput(input);
    run('parse', parseProblems);
    if (!parsed || parseProblems.length) {
      return {
        verified: false,
        ...(parsed ? { credential: parsed.credential, format: parsed.format } : {}),
        issuedByRegistry: false,
        checks: passed(),
        results,
        status: null,
        problemDetails: problems,
        warnings,
      };
    }
    const { credential } = parsed;
    const types = Array.isArray(credential.type) ? credential.type : [credential.type];
    const applicable: string[] = [...VERIFICATION_CHECKS].filter((name) => name !== 'schema' || types.some((t) => OPEN_BADGE_TYPES.includes(t as string)));
    const selected = (name: string) => !only || only.includes(name);
    for (const name of applicable.filter((n) => !selected(n))) {
      warnings.push(problem(registryProblemType(baseUrl, 'not-checked'), 'Check not run', `The "${name}" check was left out by options.checks; "verified" does not cover it.`));
    }

    // Who the issuer is informs the answer (issuedByRegistry) even when its check is not asked for.
    const issuer = checkIssuer(parsed);
    if (selected('issuer')) run('issuer', issuer.problems);
    if (selected('proof')) run('proof', await checkProof(parsed, at, storedJwtSigner));
    const jwtTimes = parsed.format === 'jwt' ? checkJwtTimes(credential, at, baseUrl) : { validFrom: [], validUntil: [] };
    if (selected('validFrom')) run('validFrom', [...checkValidFrom(credential, at, baseUrl), ...jwtTimes.validFrom]);
    if (selected('validUntil')) run('validUntil', [...checkValidUntil(credential, at, baseUrl), ...jwtTimes.validUntil]);
    let status: VerificationOutcome['status'] = null;
    if (selected('status')) {
      const ownIssuer = !!parsed.issuerId && identity.isOwnDid(parsed.issuerId);
      const statusCheck = await checkStatus(credential, { baseUrl, ownIssuer, ...(statusLookup ? { statusLookup } : {}) });
      run('status', statusCheck.problems);
      status = statusCheck.status;
    }
    if (applicable.includes('schema') && selected('schema')) {
      const schema = checkOb3Schema(credential);
      const detail = `Open Badges 3.0 schema: ${schema.errors.slice(0, 5).join('; ')}`;
      run('schema', schema.valid ? [] : [problem(registryProblemType(baseUrl, 'schema'), 'Schema validation failed', detail)]);
    }
    return {
      verified: problems.length === 0,
      credential,
      format: parsed.format,
      issuedByRegistry: issuer.issuedByRegistry,
      checks: passed(),
      results,
      status,
      problemDetails: problems,
      warnings,
    };
  }

  /**
   * Is the issuer trusted: this registry (and the signing key one of its current keys), or one
   * of the trusted issuers (TRUSTED_ISSUERS)? Their key is the proof check's business: the proof
   * only verifies with a key the issuer controls.
   */
  function checkIssuer({ issuerId, verificationMethods }: ParsedCredential) {
    const problems: ProblemDetail[] = [];
    const ours = !!issuerId && identity.isOwnDid(issuerId);
    if (!ours) {
      if (issuerId && trusted.has(issuerId)) return { problems, issuedByRegistry: false };
      problems.push(
        problem(
          registryProblemType(baseUrl, 'untrusted-issuer'),
          'Not issued by this registry',
          `The issuer "${issuerId ?? ''}" is not this registry (${identity.did}) nor an issuer it trusts (TRUSTED_ISSUERS); its signature is checked offline only (did:key), as the "proof" result says.`,
        ),
      );
      return { problems, issuedByRegistry: false };
    }
    for (const verificationMethod of verificationMethods.length ? verificationMethods : [undefined]) {
      const key = verificationMethod ? identity.keyForVerificationMethod(verificationMethod) : undefined;
      if (!key || verificationMethod!.split('#')[0] !== issuerId) {
        problems.push(
          problem(registryProblemType(baseUrl, 'unknown-key'), 'Key does not belong to the issuer', `Verification method "${verificationMethod ?? ''}" is not a key of ${issuerId}.`),
        );
      } else if (key.retiredAt !== null) {
        problems.push(
          problem(registryProblemType(baseUrl, 'retired-key'), 'Signing key retired', `Key "${key.keyId}" was retired at ${key.retiredAt}; credentials signed with it no longer verify.`),
        );
      }
    }
    return { problems, issuedByRegistry: problems.length === 0 };
  }

  /** A vc+jwt's kid that names no key to check with: one its DID does not hold, else one not resolvable offline. */
  async function unknownJwtKey(kid: string): Promise<ProblemDetail[]> {
    const unknown = await unknownKeyProblems([kid], documentLoader);
    return unknown.length ? unknown : [problem(SPEC_PROBLEMS.cryptographic, 'Invalid proof', `Key "${kid}" cannot be resolved offline.`)];
  }

  /**
   * Signature check: Data Integrity through the offline loader, vc+jwt with the key named by kid;
   * a vc+jwt the registry recognises as stored, byte for byte, under one of its keys is known to verify.
   */
  async function checkProof(parsed: ParsedCredential, at: Date, storedJwtSigner: VerifyOptions['storedJwtSigner']): Promise<ProblemDetail[]> {
    const failed = (detail: string) => [problem(SPEC_PROBLEMS.cryptographic, 'Invalid proof', detail)];
    if (parsed.format === 'data-integrity' && parsed.credential.proof === undefined) return failed('The credential has no proof.');
    // A key that cannot be had leaves the signature unchecked: said so, not 'Invalid proof'.
    // The registry's own keys and did:key skip the (async) loader: the hot path allocates nothing here.
    if (!parsed.verificationMethods.every(isKeyAtHand)) {
      const unretrievable = await unretrievableKeyProblems(parsed.verificationMethods, documentLoader);
      if (unretrievable.length) return unretrievable;
    }
    if (parsed.format === 'data-integrity') {
      const unsupported = unsupportedProofProblems(parsed.credential);
      if (unsupported.length) return unsupported;
      const refused = proofRuleProblemDetails(parsed.credential, at, now());
      if (refused.length) return refused;
      const result = await dataIntegrity.verify({ credential: parsed.credential });
      if (result.verified) return [];
      // Only once the proof failed (never on the verified path): a key its DID does not hold was never checked.
      const unknown = await unknownKeyProblems(parsed.verificationMethods, documentLoader);
      if (unknown.length) return unknown;
      if (result.unreadable) return [problem(SPEC_PROBLEMS.cryptographic, 'Credential not verifiable', result.errors.join(' '))];
      return failed(result.errors.join(' ') || 'The proof did not verify.');
    }
    const { verificationMethod: kid, header, issuerId } = parsed;
    if (!kid) return failed('The JWT header has no "kid".');
    const ourKey = identity.keyForVerificationMethod(kid);
    const publicKeyMultibase = ourKey?.publicKeyMultibase ?? didKeyMultibase(kid);
    if (!publicKeyMultibase) return unknownJwtKey(kid);
    const id = parsed.credential.id;
    const signedByUs = !!ourKey && !!storedJwtSigner && typeof id === 'string' && (await storedJwtSigner(id, parsed.jwt)) === keyIdOf(kid);
    let key: CryptoKey | undefined;
    try {
      // A did:key whose multibase is no Ed25519 key throws here (it was a failed "parse" check with the key reader's words).
      if (!signedByUs) key = await importVerifyKey(publicKeyMultibase);
    } catch {
      return unknownJwtKey(kid);
    }
    const signature = signedByUs || !key ? { errors: [] } : await verifyVcJwt(parsed.jwt, key);
    // A header of a kind not checked here (alg, crit, typ): the signature says nothing, so nothing is called altered.
    if ('unsupported' in signature) return [problem(SPEC_PROBLEMS.proofVerification, 'Unsupported JWT', signature.errors.join(' '))];
    const errors = [...signature.errors];
    if (kid.split('#')[0] !== issuerId) errors.push(`Key "${kid}" is not controlled by the issuer "${issuerId ?? ''}".`);
    // Claims that contradict the credential it signs (VC-JOSE-COSE): malformed, whatever the signature says.
    const claims = jwtClaimProblems(parsed.credential, issuerId, at);
    if (header.iss !== undefined && header.iss !== issuerId) claims.unshift('The JWT header "iss" differs from the credential issuer.');
    return [
      ...(errors.length ? failed(errors.join(' ')) : []),
      ...(claims.length ? [problem(SPEC_PROBLEMS.malformed, 'JWT claims contradict the credential', claims.join(' '))] : []),
    ];
  }

  function verifyPresentation(presentation: unknown, options: PresentationOptions): Promise<PresentationVerificationOutcome>;
  function verifyPresentation<C extends VerificationOutcome>(
    presentation: unknown,
    options: PresentationOptions & { verifyCredential: PresentedCredentialVerifier<C> },
  ): Promise<PresentationVerificationOutcome<C>>;
  function verifyPresentation(
    presentation: unknown,
    { verifyCredential, ...options }: PresentationOptions & { verifyCredential?: PresentedCredentialVerifier<VerificationOutcome> },
  ) {
    const { statusLookup } = options;
    return verifyPresentationWith({
      presentation,
      options,
      documentLoader,
      suite: dataIntegrity.verifySuite,
      verifyCredential: verifyCredential ?? ((credential, at) => verify(credential, { now: at, ...(statusLookup ? { statusLookup } : {}) })),
      now,
    });
  }

  return {
    identity,
    documentLoader,
    secure,
    signStatusList: secure,
    verify,
    verifyPresentation,
  };
}
