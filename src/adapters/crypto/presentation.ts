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
import { proofRuleProblems } from './proof-rules.js';
import { unretrievableKeyProblem, unretrievableKeyProblems } from './key-retrieval.js';

type Json = Record<string, unknown>;

function messages(error: unknown): string[] {
  if (!error) return [];
  if (Array.isArray(error)) return error.flatMap(messages);
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested) && nested.length) return nested.flatMap(messages);
  return [error instanceof Error ? error.message : String(error)];
}

function proofProblem(message: string): ProblemDetail {
  if (/challenge/i.test(message)) return problem(SPEC_PROBLEMS.invalidChallenge, 'Invalid challenge', message);
  if (/domain/i.test(message)) return problem(SPEC_PROBLEMS.invalidDomain, 'Invalid domain', message);
  return problem(SPEC_PROBLEMS.cryptographic, 'Invalid presentation proof', message);
}

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
  let result: { presentationResult?: { verified: boolean; error?: unknown }; error?: unknown } = {};
  const proofs = (Array.isArray(vp.proof) ? vp.proof : [vp.proof]) as Json[];
  const methods = proofs.flatMap((p) => (typeof p?.verificationMethod === 'string' ? [p.verificationMethod] : []));
  // A holder key that cannot be had leaves the signature unchecked: vc.verify would call that 'Invalid'.
  const unretrievable = await unretrievableKeyProblems(methods, documentLoader, 'holder');
  if (!unretrievable.length) {
    const refused = proofRuleProblems(vp, at, now);
    try {
      if (refused.length) throw new Error(refused.join(' '));
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
    } catch (error) {
      result = { error };
    }
  }
  if (result.presentationResult?.verified) {
    checks.run('presentationProof', []);
    checks.run('challenge', []);
    if (options.domain !== undefined) checks.run('domain', []);
  } else {
    const found = messages(result.presentationResult?.error ?? result.error);
    const problems = unretrievable.length ? unretrievable : (found.length ? found : ['The presentation proof did not verify.']).map(proofProblem);
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

  const signer = typeof proofs[0]?.verificationMethod === 'string' ? proofs[0].verificationMethod.split('#')[0] : undefined;
  if (holder !== undefined) {
    checks.run('holder', signer === holder ? [] : [problem(SPEC_PROBLEMS.malformed, 'Holder mismatch', `The presentation is signed by "${signer ?? ''}", not its holder "${holder}".`)]);
  }
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
  const proofErrors: string[] = [];
  if (!kid) proofErrors.push('The JWT header has no "kid".');
  else if (multibase) proofErrors.push(...(await verifyVcJwt(jwt, await importVerifyKey(multibase), 'vp+jwt')).errors);
  // A key the loader has but that is no did:key (the registry's own) is retrievable, yet not supported here.
  else if (!unretrievable) proofErrors.push(`Key "${kid}" cannot be resolved offline: only did:key holders are supported for vp+jwt.`);
  const exp = vp.exp;
  if (exp !== undefined && (typeof exp !== 'number' || exp * 1000 <= at.getTime())) proofErrors.push(`The presentation expired ("exp" ${String(exp)}).`);
  const nbf = vp.nbf;
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf * 1000 > at.getTime())) proofErrors.push(`The presentation is not valid yet ("nbf" ${String(nbf)}).`);
  const invalid = proofErrors.map((detail) => problem(SPEC_PROBLEMS.cryptographic, 'Invalid presentation proof', detail));
  checks.run('presentationProof', unretrievable ? [unretrievable, ...invalid] : invalid);

  // Claims of an unverified JWT confirm nothing: they count only once the signature holds. A claim
  // that matches is not called wrong, though: the proof's problem says why it is unconfirmed.
  const signed = !unretrievable && proofErrors.length === 0;
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
  if (holder !== undefined || iss !== undefined) {
    const mismatch: string[] = [];
    if (holder !== undefined && signer !== holder) mismatch.push(`The presentation is signed by "${signer ?? ''}", not its holder "${holder}".`);
    if (iss !== undefined && iss !== signer) mismatch.push(`The JWT "iss" ("${String(iss)}") is not the signer "${signer ?? ''}".`);
    checks.run('holder', mismatch.map((detail) => problem(SPEC_PROBLEMS.malformed, 'Holder mismatch', detail)));
  }
}
