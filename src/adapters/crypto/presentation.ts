/**
 * Verifiable Presentation check: the holder's proof with the verifier's challenge and domain,
 * then every contained credential with the same rules as a single credential. Two forms:
 * - a JSON-LD presentation with a Data Integrity proof (authentication purpose, challenge and
 *   domain in the proof), the holder's key resolved by the offline document loader (did:key, or
 *   this registry's own DID);
 * - an EnvelopedVerifiablePresentation (data:application/vp+jwt,…): a compact JWS (typ vp+jwt,
 *   EdDSA) whose payload is the presentation, signed by the holder's key named by `kid`, with the
 *   challenge as the `nonce` claim and the domain as `aud`. Only did:key holders can be resolved
 *   offline (the JWT names no DID document we hold).
 * A holder key that cannot be retrieved (another did:web, an https URL) is said so, as for a
 * credential (key-retrieval.ts): its signature was never checked, so it is not 'Invalid'.
 */
import { exceedsValues, MAX_CREDENTIAL_VALUES } from '../../domain/credentials/size.js';
import * as vc from '@digitalbazaar/vc';
import type {
  CheckResult, PresentationOptions, PresentationVerificationOutcome, PresentedCredentialVerifier, ProblemDetail, VerificationOutcome,
} from '../../ports/credentials.js';
import { VC_V2_CONTEXT, type DocumentLoader } from './document-loader.js';
import { decodeVcJwt, didKeyMultibase, isEnvelope, readEnvelope, reservedClaimProblems, verifyVcJwt } from './jwt.js';
import { importVerifyKey } from './keys.js';
import { SPEC_PROBLEMS, problem } from './problems.js';
import { CLOCK_SKEW_MS, proofRuleProblemDetails, unsupportedProofProblems } from './proof-rules.js';
import { unknownKeyProblems, unretrievableKeyProblem, unretrievableKeyProblems } from './key-retrieval.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value);
const idOf = (value: unknown) => (typeof value === 'string' ? value : isObject(value) && typeof value.id === 'string' ? value.id : undefined);

/** Collects presentation-level checks: every one that ran, and the problems of those that failed. */
function recorder() {
  const results: CheckResult[] = [];
  const problems: ProblemDetail[] = [];
  return {
    results,
    problems,
    /** `verified` is false without a problem of its own when another check's problem explains it. */
    run(check: string, found: ProblemDetail[], verified = found.length === 0) {
      results.push({ check, verified });
      problems.push(...found);
    },
  };
}

export async function verifyPresentationWith<C extends VerificationOutcome>({
  presentation,
  options,
  documentLoader,
  suite,
  verifyCredential,
  now,
}: {
  presentation: unknown;
  options: PresentationOptions;
  documentLoader: DocumentLoader;
  suite: unknown;
  verifyCredential: PresentedCredentialVerifier<C>;
  now: () => Date;
}): Promise<PresentationVerificationOutcome<C>> {
  const at = options.now ?? now();
  const checks = recorder();
  const unparseable = (detail: string): PresentationVerificationOutcome<C> => {
    checks.run('parse', [problem(SPEC_PROBLEMS.parsing, 'Unparseable presentation', detail)]);
    return { verified: false, checks: [], results: checks.results, problemDetails: checks.problems, warnings: [], credentials: [] };
  };
  if (!isObject(presentation)) return unparseable('Expected a verifiable presentation object or an EnvelopedVerifiablePresentation.');
  if (exceedsValues(presentation)) {
    checks.run('parse', [problem(SPEC_PROBLEMS.malformed, 'Malformed presentation', `The presentation holds more than ${MAX_CREDENTIAL_VALUES} JSON values; the registry does not canonicalize or verify one this large.`)]);
    return { verified: false, checks: [], results: checks.results, problemDetails: checks.problems, warnings: [], credentials: [] };
  }

  let vp: Json;
  let holder: string | undefined;
  let format: 'jwt' | 'data-integrity';
  if (isEnvelope(presentation, 'EnvelopedVerifiablePresentation')) {
    format = 'jwt';
    const envelope = readEnvelope(presentation, 'EnvelopedVerifiablePresentation');
    const decoded = envelope.jwt ? decodeVcJwt(envelope.jwt) : undefined;
    if (!envelope.jwt || !decoded) {
      const errors = envelope.jwt ? ['The data: URL does not hold a JWS with a JSON presentation payload.'] : envelope.errors;
      checks.run('parse', errors.map((detail) => problem(SPEC_PROBLEMS.malformed, 'Malformed EnvelopedVerifiablePresentation', detail)));
      return { verified: false, format, checks: [], results: checks.results, problemDetails: checks.problems, warnings: [], credentials: [] };
    }
    vp = decoded.payload;
    const claims = reservedClaimProblems(vp).map((detail) => problem(SPEC_PROBLEMS.malformed, 'Malformed presentation', detail));
    checks.run('parse', [...presentationShape(vp), ...claims]);
    holder = idOf(vp.holder);
    await checkJwtPresentation(envelope.jwt, decoded.header, vp, holder, options, at, documentLoader, checks);
  } else {
    format = 'data-integrity';
    vp = presentation;
    checks.run('parse', presentationShape(vp));
    holder = idOf(vp.holder);
    await checkDataIntegrityPresentation(vp, holder, options, { at, now: now() }, documentLoader, suite, checks);
  }

  const contained = vp.verifiableCredential;
  const list = contained === undefined ? [] : Array.isArray(contained) ? contained : [contained];
  const credentials = await Promise.all(list.map((credential) => verifyCredential(credential, at)));
  const verified = checks.problems.length === 0 && credentials.every((c) => c.verified);
  return {
    verified,
    format,
    ...(holder ? { holder } : {}),
    checks: checks.results.filter((r) => r.verified).map((r) => r.check),
    results: checks.results,
    problemDetails: checks.problems,
    warnings: [],
    credentials,
  };
}

/** VC 2.0 basics of a presentation: the base context first and the VerifiablePresentation type. */
function presentationShape(vp: Json): ProblemDetail[] {
  const found: ProblemDetail[] = [];
  const malformed = (detail: string) => found.push(problem(SPEC_PROBLEMS.malformed, 'Malformed presentation', detail));
  const context = vp['@context'];
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT) malformed(`"@context" must start with "${VC_V2_CONTEXT}".`);
  const types = Array.isArray(vp.type) ? vp.type : [vp.type];
  if (!types.includes('VerifiablePresentation')) malformed('"type" must include "VerifiablePresentation".');
  if (vp.holder !== undefined && idOf(vp.holder) === undefined) malformed('"holder" must be a URL or an object with an "id".');
  return found;
}

async function checkDataIntegrityPresentation(
  vp: Json,
  holder: string | undefined,
  options: PresentationOptions,
  { at, now }: { at: Date; now: Date },
  documentLoader: DocumentLoader,
  suite: unknown,
  checks: ReturnType<typeof recorder>,
) {
  const proofs = vp.proof === undefined ? [] : Array.isArray(vp.proof) ? vp.proof : [vp.proof];
  const methods = proofs.flatMap((p) => (isObject(p) && typeof p.verificationMethod === 'string' ? [p.verificationMethod] : []));
  // What stops the holder's signature from being checked at all, each in the registry's words, before the library is asked.
  const unchecked = await uncheckableProofProblems(vp, proofs, methods, { at, now }, documentLoader);
  const problems = unchecked.length ? unchecked : await proofVerdictProblems(vp, proofs, options, at, documentLoader, suite);
  if (problems.length === 0) {
    checks.run('presentationProof', []);
    checks.run('challenge', []);
    if (options.domain !== undefined) checks.run('domain', []);
  } else {
    const is = (type: string) => (p: ProblemDetail) => p.type === type;
    // Challenge and domain are part of the proof: when it fails they are not confirmed either.
    checks.run('presentationProof', problems.filter((p) => !is(SPEC_PROBLEMS.invalidChallenge)(p) && !is(SPEC_PROBLEMS.invalidDomain)(p)));
    // The proof purpose checks the challenge before the domain: a proof refused only for its domain matched the challenge.
    if (problems.every(is(SPEC_PROBLEMS.invalidDomain))) checks.run('challenge', []);
    else {
      checks.results.push({ check: 'challenge', verified: false });
      checks.problems.push(...problems.filter(is(SPEC_PROBLEMS.invalidChallenge)));
    }
    if (options.domain !== undefined) {
      checks.results.push({ check: 'domain', verified: false });
      checks.problems.push(...problems.filter(is(SPEC_PROBLEMS.invalidDomain)));
    }
  }

  const signer = isObject(proofs[0]) && typeof proofs[0].verificationMethod === 'string' ? proofs[0].verificationMethod.split('#')[0] : undefined;
  if (holder !== undefined) {
    // No proof names a signer: the proof's own problem says so; "signed by \"\"" would say nothing more.
    if (signer === undefined) checks.run('holder', [], false);
    else checks.run('holder', signer === holder ? [] : [problem(SPEC_PROBLEMS.malformed, 'Holder mismatch', `The presentation is signed by "${signer}", not its holder "${holder}".`)]);
  }
}

/**
 * Why the holder's proof cannot be checked, in this order: none at all, a key that cannot be had,
 * a form or purpose this verifier does not check, a proof out of its time or malformed, one naming
 * no key, a key its DID does not hold. [] when the signature can be checked.
 */
async function uncheckableProofProblems(vp: Json, proofs: unknown[], methods: string[], { at, now }: { at: Date; now: Date }, documentLoader: DocumentLoader): Promise<ProblemDetail[]> {
  if (proofs.length === 0) {
    return [problem(SPEC_PROBLEMS.cryptographic, 'Missing presentation proof', 'The presentation has no "proof": the holder did not sign it, so nothing says who presents it or for which challenge.')];
  }
  // A holder key that cannot be had leaves the signature unchecked: the library would call that 'Invalid'.
  const unretrievable = await unretrievableKeyProblems(methods, documentLoader, 'holder');
  if (unretrievable.length) return unretrievable;
  const unsupported = unsupportedProofProblems(vp, { presentation: true });
  if (unsupported.length) return unsupported;
  const refused = proofRuleProblemDetails(vp, at, now);
  if (refused.length) return refused;
  if (proofs.some((p) => !isObject(p) || typeof p.verificationMethod !== 'string')) {
    return [problem(SPEC_PROBLEMS.malformedProof, 'Malformed proof', 'The presentation\'s proof names no key ("verificationMethod"), so its signature cannot be checked.')];
  }
  return unknownKeyProblems(methods, documentLoader, 'holder');
}

type ProofResult = { verified?: boolean; proof?: unknown; error?: unknown; purposeResult?: unknown };

/** jsonld's safe mode refusing a term or value (its error's name, a code, not its English): the document cannot be signed or checked. */
const JSONLD_UNREADABLE = 'jsonld.ValidationError';
function unreadableForSigning(error: unknown): boolean {
  // The refusal may be wrapped (a cause or two); a cycle of causes ends the search.
  for (let depth = 0; depth < 4 && !!error && typeof error === 'object'; depth++) {
    if ((error as { name?: unknown }).name === JSONLD_UNREADABLE) return true;
    error = (error as { cause?: unknown }).cause;
  }
  return false;
}
const notVerifiable = () =>
  problem(SPEC_PROBLEMS.cryptographic, 'Presentation not verifiable', 'The presentation cannot be canonicalized for its proof (it holds an undefined term or a malformed value), so its signature could not be checked.');

/**
 * The library's verdict on a proof that can be checked, in the registry's words. It checks the
 * purpose (challenge, then domain, then that the key may authenticate for its DID) only once the
 * signature holds: which of them failed is read from the proof itself, as the purpose reads it,
 * never from the library's English.
 */
async function proofVerdictProblems(vp: Json, proofs: unknown[], options: PresentationOptions, at: Date, documentLoader: DocumentLoader, suite: unknown): Promise<ProblemDetail[]> {
  let result: { presentationResult?: { verified: boolean; results?: ProofResult[] } };
  try {
    result = await vc.verify({
      presentation: vp,
      challenge: options.challenge,
      ...(options.domain !== undefined ? { domain: options.domain } : {}),
      suite,
      documentLoader,
      now: at,
      // Credentials are judged separately by the registry's own rules (status, dates, schema).
      checkStatus: async () => ({ verified: true }),
    });
  } catch {
    return [notVerifiable()];
  }
  if (result.presentationResult?.verified) return [];
  const proofResults = result.presentationResult?.results ?? [];
  const signed = proofResults.filter((r) => r.purposeResult !== undefined);
  if (signed.length === 0) {
    // No proof was checked at all (the presentation was refused before), or one could not be read for it.
    if (proofResults.length === 0 || proofResults.some((r) => unreadableForSigning(r.error))) return [notVerifiable()];
    return [problem(SPEC_PROBLEMS.cryptographic, 'Invalid presentation proof', 'The holder\'s signature does not match the presentation: it was altered after it was signed, or signed with another key.')];
  }
  const proof = (signed[0]!.proof ?? proofs[0]) as Json;
  if (proof.challenge !== options.challenge) {
    return [problem(SPEC_PROBLEMS.invalidChallenge, 'Invalid challenge', `The presentation was signed for another challenge, not "${options.challenge}".`)];
  }
  const domain = proof.domain;
  if (options.domain !== undefined && !(domain === options.domain || (Array.isArray(domain) && domain.includes(options.domain)))) {
    return [problem(SPEC_PROBLEMS.invalidDomain, 'Invalid domain', `The presentation was signed for another domain, not "${options.domain}".`)];
  }
  return [problem(SPEC_PROBLEMS.proofVerification, 'Holder key not for authentication', `The key "${String(proof.verificationMethod)}" is not listed for "authentication" in its DID document, so it cannot sign a presentation.`)];
}

/**
 * vp+jwt: the signature with the did:key named by `kid`, the challenge as `nonce`, the domain
 * as `aud`, `exp` when present, and that the signer is the holder (and `iss`, when present).
 */
async function checkJwtPresentation(
  jwt: string,
  header: Json,
  vp: Json,
  holder: string | undefined,
  options: PresentationOptions,
  at: Date,
  documentLoader: DocumentLoader,
  checks: ReturnType<typeof recorder>,
) {
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const multibase = kid ? didKeyMultibase(kid) : undefined;
  const unretrievable = kid && !multibase ? await unretrievableKeyProblem(kid, documentLoader, 'holder') : null;
  const proofProblems: ProblemDetail[] = unretrievable ? [unretrievable] : [];
  const unknownKey = (detail: string) => proofProblems.push(problem(SPEC_PROBLEMS.proofVerification, 'Unknown verification method', detail));
  if (!kid) unknownKey('The JWT header names no key ("kid"), so the signature could not be checked.');
  else if (multibase) {
    // A did:key whose multibase is no Ed25519 key throws as the key is read (synchronously).
    const key = await Promise.resolve(multibase).then(importVerifyKey).catch(() => null);
    const signature = key ? await verifyVcJwt(jwt, key, 'vp+jwt') : null;
    if (!signature) unknownKey(`The holder's key "${kid}" is not an Ed25519 did:key, so the signature could not be checked. It was neither confirmed nor found wrong.`);
    // A header of a kind not checked here (alg, crit, typ): the signature says nothing, so nothing is called altered.
    else if ('unsupported' in signature) proofProblems.push(problem(SPEC_PROBLEMS.cryptographic, 'Unsupported presentation JWT', `${signature.errors.join(' ')} The signature was not checked.`));
    else if (signature.errors.length) {
      proofProblems.push(problem(SPEC_PROBLEMS.cryptographic, 'Invalid presentation proof', "The holder's signature does not match the presentation: it was altered after it was signed, or signed with another key."));
    }
  }
  // A key the loader has but that is no did:key (the registry's own) is retrievable, yet not supported here.
  else if (!unretrievable) proofProblems.push(problem(SPEC_PROBLEMS.cryptographic, 'Unsupported presentation JWT', `The key "${kid}" is not a did:key: a vp+jwt is verified only with its holder's did:key, so the signature was not checked.`));
  const exp = vp.exp;
  if (exp !== undefined && (typeof exp !== 'number' || !Number.isFinite(exp))) proofProblems.push(problem(SPEC_PROBLEMS.malformed, 'Malformed exp', 'The presentation\'s "exp" is not a NumericDate.'));
  else if (typeof exp === 'number' && exp * 1000 <= at.getTime()) proofProblems.push(problem(SPEC_PROBLEMS.cryptographic, 'Presentation not in force', `The presentation expired ("exp" ${exp}).`));
  const nbf = vp.nbf;
  if (nbf !== undefined && (typeof nbf !== 'number' || !Number.isFinite(nbf))) proofProblems.push(problem(SPEC_PROBLEMS.malformed, 'Malformed nbf', 'The presentation\'s "nbf" is not a NumericDate.'));
  // A wallet sets nbf to its own now, as it does iat: the same allowance for its clock running ahead (RFC 7519 §4.1.5).
  else if (typeof nbf === 'number' && nbf * 1000 > at.getTime() + CLOCK_SKEW_MS) proofProblems.push(problem(SPEC_PROBLEMS.cryptographic, 'Presentation not in force', `The presentation is not valid yet ("nbf" ${nbf}).`));
  checks.run('presentationProof', proofProblems);

  // Claims of an unverified JWT confirm nothing: they count only once the signature holds. A claim
  // that matches is not called wrong, though: the proof's problem says why it is unconfirmed.
  const signed = proofProblems.length === 0;
  const nonceMatches = vp.nonce === options.challenge;
  checks.run(
    'challenge',
    nonceMatches ? [] : [problem(SPEC_PROBLEMS.invalidChallenge, 'Invalid challenge', `The presentation's "nonce" is not the challenge "${options.challenge}".`)],
    signed && nonceMatches,
  );
  if (options.domain !== undefined) {
    const aud = vp.aud;
    const audMatches = (Array.isArray(aud) ? aud : [aud]).includes(options.domain);
    checks.run(
      'domain',
      audMatches ? [] : [problem(SPEC_PROBLEMS.invalidDomain, 'Invalid domain', `The presentation's "aud" does not name the domain "${options.domain}".`)],
      signed && audMatches,
    );
  }
  const signer = kid?.split('#')[0];
  const iss = header.iss ?? vp.iss;
  // No kid names a signer: the proof's own problem says so; "signed by \"\"" would say nothing more.
  if ((holder !== undefined || iss !== undefined) && signer === undefined) checks.run('holder', [], false);
  else if (holder !== undefined || iss !== undefined) {
    const mismatch: string[] = [];
    if (holder !== undefined && signer !== holder) mismatch.push(`The presentation is signed by "${signer ?? ''}", not its holder "${holder}".`);
    if (iss !== undefined && iss !== signer) mismatch.push(`The JWT "iss" ("${String(iss)}") is not the signer "${signer ?? ''}".`);
    checks.run('holder', mismatch.map((detail) => problem(SPEC_PROBLEMS.malformed, 'Holder mismatch', detail)));
  }
}
