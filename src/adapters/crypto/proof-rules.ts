/**
 * What Data Integrity 1.0 asks a verifier to check of each proof beyond its signature, which
 * @digitalbazaar/vc leaves undone: `created` and `expires` are dateTimeStamps, a proof is not
 * used after it expires nor before it was made, and a proof's own `@context` is the start of the
 * document's (eddsa-rdfc-2022 "Verify Proof"). The number of proofs is bounded first: each proof
 * of a set or chain canonicalizes the document again with earlier proofs in it, so a few dozen
 * chained proofs in one request held the event loop for seconds.
 */
import { dateTimeStampInstant } from '../../domain/credentials/date-time-stamp.js';
import type { ProblemDetail } from '../../ports/credentials.js';
import { SPEC_PROBLEMS, problem } from './problems.js';

type Json = Record<string, unknown>;

/** The most proofs a credential or presentation may carry (the registry's own carry one). */
export const MAX_PROOFS = 10;
/** How far ahead of this clock a signer's may run (a proof's created, a JWT's iat, a presentation's nbf). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** Multibase base58-btc: "z" and the Bitcoin alphabet (no 0, O, I, l); another character is no signature at all. */
const BASE58BTC_MULTIBASE = /^z[1-9A-HJ-NP-Za-km-z]+$/;
const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * A reason a proof cannot be accepted: its form (a malformed date, a foreign "@context", too
 * many proofs, a proofValue not base58-btc) or its time (made in the future, expired). Neither
 * says the content was altered.
 */
export interface ProofRuleFinding {
  kind: 'form' | 'time';
  text: string;
}

/**
 * Why the proofs of `document` cannot be accepted when checked as of `at`, before any signature
 * is checked; [] when they may be. `created` is held to the real clock (`now`): a check as of an
 * earlier time may meet a proof made since.
 */
export function proofRuleFindings(document: Json, at: Date, now: Date): ProofRuleFinding[] {
  const proofs = listOf(document.proof);
  if (proofs.length > MAX_PROOFS) return [{ kind: 'form', text: `The document carries ${proofs.length} proofs; at most ${MAX_PROOFS} are verified.` }];
  const documentContext = listOf(document['@context']);
  return proofs.flatMap((proof, i) => {
    if (!isObject(proof)) return [];
    const label = proofs.length > 1 ? `Proof ${i + 1} of ${proofs.length}: ` : '';
    const found: ProofRuleFinding[] = [];
    const form = (text: string) => found.push({ kind: 'form', text: label + text });
    const time = (text: string) => found.push({ kind: 'time', text: label + text });
    const created = proof.created === undefined ? undefined : dateTimeStampInstant(proof.created);
    if (proof.created !== undefined && !created) form(`"created" is not a dateTimeStamp.`);
    else if (created && created.getTime() > now.getTime() + CLOCK_SKEW_MS) time(`the proof was created at ${String(proof.created)}, in the future (it is ${now.toISOString()}).`);
    const expires = proof.expires === undefined ? undefined : dateTimeStampInstant(proof.expires);
    if (proof.expires !== undefined && !expires) form(`"expires" is not a dateTimeStamp.`);
    else if (expires && expires <= at) time(`the proof expired at ${String(proof.expires)}.`);
    if (proof['@context'] !== undefined) {
      const own = listOf(proof['@context']);
      if (!own.every((context, k) => JSON.stringify(context) === JSON.stringify(documentContext[k]))) {
        form(`the proof's "@context" is not the start of the document's "@context".`);
      }
    }
    // Data Integrity 1.0 §2.1: a string that maps to a URL. An object ({"id": …}) canonicalizes to the same
    // key reference, so its signature held, but nothing that reads the key by its id could find it.
    if (proof.verificationMethod !== undefined && typeof proof.verificationMethod !== 'string') form(`"verificationMethod" must be a string, the URL of the key.`);
    if (listOf(proof.previousProof).length > MAX_PROOFS) form(`"previousProof" names more than ${MAX_PROOFS} proofs.`);
    // eddsa-rdfc-2022: the signature MUST be base58-btc multibase. The library also reads base64url
    // ("u…"), which let one signature be spelt two ways.
    if (typeof proof.proofValue !== 'string' || !BASE58BTC_MULTIBASE.test(proof.proofValue)) form(`"proofValue" must be a base58-btc multibase value ("z…"), as eddsa-rdfc-2022 requires.`);
    return found;
  });
}

/**
 * proofRuleFindings as problems, one per kind: a malformed proof is a MALFORMED_PROOF_ERROR, one
 * out of its time a PROOF_VERIFICATION_ERROR (Data Integrity 1.0 "Verify Proof"); each with its
 * own title, so its Japanese says what is wrong instead of "altered or signed with another key".
 */
export function proofRuleProblemDetails(document: Json, at: Date, now: Date): ProblemDetail[] {
  const findings = proofRuleFindings(document, at, now);
  const said = (kind: ProofRuleFinding['kind']) => findings.filter((f) => f.kind === kind).map((f) => f.text).join(' ');
  return [
    ...(findings.some((f) => f.kind === 'form') ? [problem(SPEC_PROBLEMS.malformedProof, 'Malformed proof', said('form'))] : []),
    ...(findings.some((f) => f.kind === 'time') ? [problem(SPEC_PROBLEMS.proofVerification, 'Proof not in force', said('time'))] : []),
  ];
}

/**
 * Proofs this verifier does not check, each named (Data Integrity 1.0 "Verify Proof"): a type or
 * cryptosuite other than DataIntegrityProof with eddsa-rdfc-2022 (PROOF_VERIFICATION_ERROR: the
 * signature is never looked at), and a proofPurpose other than assertionMethod, which a
 * credential's proof is expected to have (MISMATCHED_PROOF_PURPOSE_ERROR). The library answered
 * both with "insufficient proofs matched", read as an altered credential. Too many proofs are
 * proofRuleProblemDetails' to say. A presentation's proof (`presentation`) is its holder's
 * authentication instead.
 */
export function unsupportedProofProblems(document: Json, { presentation = false }: { presentation?: boolean } = {}): ProblemDetail[] {
  const proofs = listOf(document.proof);
  if (proofs.length > MAX_PROOFS) return [];
  return proofs.flatMap((proof, i): ProblemDetail[] => {
    if (!isObject(proof)) return [];
    const label = proofs.length > 1 ? `Proof ${i + 1} of ${proofs.length}: ` : '';
    const only = 'only DataIntegrityProof proofs with the eddsa-rdfc-2022 cryptosuite are verified, so its signature was not checked.';
    if (proof.type !== 'DataIntegrityProof') {
      return [problem(SPEC_PROBLEMS.proofVerification, 'Unsupported proof', `${label}the proof's type ${JSON.stringify(proof.type) ?? 'is missing'} is not supported: ${only}`)];
    }
    if (proof.cryptosuite !== 'eddsa-rdfc-2022') {
      return [problem(SPEC_PROBLEMS.proofVerification, 'Unsupported proof', `${label}the proof's cryptosuite ${JSON.stringify(proof.cryptosuite) ?? 'is missing'} is not supported: ${only}`)];
    }
    // Data Integrity 1.0 §4.4: a proof without its verificationMethod cannot be checked. The library said
    // 'No "verificationMethod" found' as a failed signature (CRYPTOGRAPHIC_SECURITY_ERROR), read as tampering.
    if (proof.verificationMethod === undefined) {
      return [problem(SPEC_PROBLEMS.proofVerification, 'Missing verification method', `${label}the proof has no "verificationMethod", so no key can be looked up; its signature was not checked.`)];
    }
    const expected = presentation ? 'authentication' : 'assertionMethod';
    if (proof.proofPurpose !== expected) {
      const given = proof.proofPurpose === undefined ? 'missing' : `${JSON.stringify(proof.proofPurpose)}`;
      const why = presentation ? "a presentation's proof is its holder's authentication" : "a credential's proof is its issuer's assertion";
      return [
        problem(SPEC_PROBLEMS.mismatchedProofPurpose, presentation ? 'Mismatched presentation proof purpose' : 'Mismatched proof purpose', `${label}"proofPurpose" is ${given}, not "${expected}": ${why}.`),
      ];
    }
    return [];
  });
}

/**
 * A vc+jwt's registered claims, when present, must say what the credential says (VC-JOSE-COSE
 * §3.1: the JWT claims mirror the credential's properties): `iss` its issuer, `jti` its id, `sub`
 * its subject's id, and `iat` not later than now. `exp` and `nbf` are the date checks' business.
 */
export function jwtClaimProblems(payload: Json, issuerId: string | undefined, at: Date): string[] {
  const problems: string[] = [];
  const differs = (claim: string, property: string) => problems.push(`The JWT claim "${claim}" differs from the credential's ${property}.`);
  if (payload.iss !== undefined && payload.iss !== issuerId) differs('iss', '"issuer"');
  if (payload.jti !== undefined && payload.jti !== payload.id) differs('jti', '"id"');
  if (payload.sub !== undefined && !listOf(payload.credentialSubject).some((subject) => isObject(subject) && subject.id === payload.sub)) differs('sub', 'subject "id"');
  const iat = payload.iat;
  if (iat !== undefined && (typeof iat !== 'number' || !Number.isFinite(iat))) problems.push('The JWT claim "iat" is not a NumericDate.');
  else if (typeof iat === 'number' && iat * 1000 > at.getTime() + CLOCK_SKEW_MS) problems.push(`The JWT claims to be issued after the time of checking ("iat" ${iat}).`);
  return problems;
}
