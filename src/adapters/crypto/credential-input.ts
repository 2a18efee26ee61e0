/**
 * Turns untrusted verifier input into one of the two securing forms: a JSON-LD credential with
 * an embedded proof, or a vc+jwt (compact string, or wrapped in an EnvelopedVerifiableCredential).
 * A JSON text of a credential is not parsed: a credential travels as a JSON object, and a string
 * is only ever a compact JWS (so what was verified is exactly what was sent).
 */
import type { ProblemDetail } from '../../ports/credentials.js';
import { exceedsValues, MAX_CREDENTIAL_VALUES } from '../../domain/credentials/size.js';
import { isAbsoluteUrl } from '../../domain/credentials/url.js';
import { isNaturalLanguageValue } from '../../domain/credentials/natural-language.js';
import { VC_V2_CONTEXT } from './document-loader.js';
import { isCompactJws, isEnvelope, issuerIdOf, readEnvelope, reservedClaimProblems } from './jwt.js';
import { SPEC_PROBLEMS, problem } from './problems.js';
import { decodeVcJwtMemoised } from './decoded-jwt-memo.js';

type Json = Record<string, unknown>;

interface ParsedCommon {
  credential: Json;
  /** The verification method of the issuer's proof (the first proof when none is the issuer's), or the JWT's kid. */
  verificationMethod?: string;
  /** Every proof's verification method (Data Integrity), or the kid (JWT). */
  verificationMethods: string[];
  issuerId?: string;
}

export type ParsedCredential =
  | (ParsedCommon & { format: 'data-integrity' })
  | (ParsedCommon & { format: 'jwt'; jwt: string; header: Json });

const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value);
const unparseable = (detail: string) => ({ problems: [problem(SPEC_PROBLEMS.parsing, 'Unparseable credential', detail)] });

export function parseCredentialInput(input: unknown): { parsed?: ParsedCredential; problems: ProblemDetail[] } {
  let jwt: string | undefined;
  if (typeof input === 'string') {
    jwt = input.trim();
    if (!isCompactJws(jwt)) {
      return unparseable('A credential given as a string must be a compact JWS (application/vc+jwt); send a JSON-LD credential as a JSON object, not as JSON text.');
    }
  } else if (isEnvelope(input, 'EnvelopedVerifiableCredential')) {
    const envelope = readEnvelope(input, 'EnvelopedVerifiableCredential');
    if (!envelope.jwt) return { problems: envelope.errors.map((detail) => problem(SPEC_PROBLEMS.malformed, 'Malformed EnvelopedVerifiableCredential', detail)) };
    jwt = envelope.jwt;
  }

  let parsed: ParsedCredential;
  if (jwt !== undefined) {
    const decoded = decodeVcJwtMemoised(jwt);
    if (!decoded) return unparseable('The input is not a compact JWS with a JSON credential payload.');
    const kid = decoded.header.kid;
    parsed = {
      format: 'jwt',
      credential: decoded.payload,
      jwt,
      header: decoded.header,
      verificationMethods: typeof kid === 'string' ? [kid] : [],
      ...(typeof kid === 'string' ? { verificationMethod: kid } : {}),
    };
  } else if (isObject(input)) {
    const proofs = input.proof === undefined ? [] : Array.isArray(input.proof) ? input.proof : [input.proof];
    const methods = proofs.map((p) => (isObject(p) && typeof p.verificationMethod === 'string' ? p.verificationMethod : undefined));
    const issuer = issuerIdOf(input);
    const vm = methods.find((m) => m !== undefined && m.split('#')[0] === issuer) ?? methods[0];
    parsed = {
      format: 'data-integrity',
      credential: input,
      verificationMethods: methods.filter((m): m is string => m !== undefined),
      ...(vm !== undefined ? { verificationMethod: vm } : {}),
    };
  } else {
    return unparseable('Expected a credential object, a vc+jwt or an EnvelopedVerifiableCredential.');
  }
  const issuerId = issuerIdOf(parsed.credential);
  if (issuerId) parsed.issuerId = issuerId;
  // Only a Data Integrity proof canonicalizes, whose cost grows with the square of the size; a vc+jwt's checks are linear.
  if (parsed.format === 'data-integrity' && exceedsValues(parsed.credential)) {
    return { parsed, problems: [problem(SPEC_PROBLEMS.malformed, 'Malformed credential', `The credential holds more than ${MAX_CREDENTIAL_VALUES} JSON values; the registry does not canonicalize or verify one this large.`)] };
  }
  const claims = parsed.format === 'jwt' ? reservedClaimProblems(parsed.credential).map((detail) => problem(SPEC_PROBLEMS.malformed, 'Malformed credential', detail)) : [];
  return { parsed, problems: [...shapeProblems(parsed.credential), ...claims] };
}

/** The VC 2.0 basics every later check relies on. */
function shapeProblems(credential: Json): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const malformed = (detail: string) => problems.push(problem(SPEC_PROBLEMS.malformed, 'Malformed credential', detail));
  const context = credential['@context'];
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT) malformed(`"@context" must start with "${VC_V2_CONTEXT}".`);
  else if (!context.slice(1).every((entry) => isAbsoluteUrl(entry) || isObject(entry))) malformed('Each further "@context" entry must be a URL or an object (VC 2.0 §4.3).');
  const types = Array.isArray(credential.type) ? credential.type : [credential.type];
  if (!types.includes('VerifiableCredential')) malformed('"type" must include "VerifiableCredential".');
  if (!types.every(isTerm)) malformed('Each "type" must be a non-empty string: a term or a URL (VC 2.0 §4.5).');
  // Aliases of one IRI: a Data Integrity proof cannot tell them apart, so refuse listing both.
  if (types.includes('OpenBadgeCredential') && types.includes('AchievementCredential')) {
    malformed('"type" lists both OpenBadgeCredential and AchievementCredential, which are the same type.');
  }
  if (new Set(types).size !== types.length) malformed('"type" lists a type twice.');
  // VC 2.0 §4.4 and §4.7: each of these ids MUST be a URL. A Data Integrity proof fails on a
  // relative one when canonicalized; a vc+jwt is not canonicalized, so it is said here for both.
  if (credential.id !== undefined && !isAbsoluteUrl(credential.id)) malformed('"id" must be a single URL (VC 2.0 §4.4).');
  if (!isAbsoluteUrl(issuerIdOf(credential))) malformed('"issuer" must be a URL or an object whose "id" is a URL (VC 2.0 §4.7).');
  const subjects = credential.credentialSubject;
  if (!isObject(subjects) && !(Array.isArray(subjects) && subjects.length > 0 && subjects.every(isObject))) {
    malformed('"credentialSubject" is required: an object, or a list of one or more objects (VC 2.0 §4.8).');
  } else {
    const each = Array.isArray(subjects) ? subjects : [subjects];
    if (each.some((subject) => subject.id !== undefined && !isAbsoluteUrl(subject.id))) malformed('Each "credentialSubject" "id", when present, must be a URL (VC 2.0 §4.4).');
    if (each.some((subject) => Object.keys(subject).length === 0)) malformed('Each "credentialSubject" must make at least one claim: {} is not a subject (VC 2.0 §4.8).');
  }
  // VC 2.0 §4.6: a name or description is a string or language value objects ({"@value": …}).
  for (const name of ['name', 'description'] as const) {
    if (credential[name] !== undefined && !isNaturalLanguageValue(credential[name])) malformed(`"${name}" must be a string or one or more language value objects (VC 2.0 §4.6).`);
  }
  // Each of these objects MUST give its type (a schema also its id).
  for (const name of TYPED_PROPERTIES) {
    const value = credential[name];
    if (value === undefined) continue;
    const entries = Array.isArray(value) ? value : [value];
    // An empty credentialStatus is the status check's to fail: there is no status to read (credential-checks.ts).
    if (name === 'credentialStatus' && entries.length === 0) continue;
    const typed = (entry: unknown) => isObject(entry) && (isTerm(entry.type) || (Array.isArray(entry.type) && entry.type.length > 0 && entry.type.every(isTerm)));
    if (entries.length === 0 || !entries.every(typed)) malformed(`"${name}" must be one or more objects, each with a "type".`);
    else if (name === 'credentialSchema' && !entries.every((entry) => isAbsoluteUrl((entry as Json).id))) malformed('Each "credentialSchema" must have an "id" that is a URL.');
    // VC 2.0 §4.4: an id, where one is given, is a URL. @digitalbazaar/vc refused a Data Integrity credential
    // for it before its proof was looked at, said as 'Invalid proof'; a vc+jwt was not checked at all.
    else if ((name === 'credentialStatus' || name === 'evidence') && entries.some((entry) => (entry as Json).id !== undefined && !isAbsoluteUrl((entry as Json).id))) {
      malformed(`Each "${name}" "id", when present, must be a URL (VC 2.0 §4.4).`);
    } else if (name === 'credentialStatus' && entries.some((entry) => (entry as Json).id !== undefined && (entry as Json).id === (entry as Json).statusListCredential)) {
      malformed('A "credentialStatus" entry\'s "id" must not be its "statusListCredential" (Bitstring Status List §2.1).');
    }
  }
  return problems;
}

/** VC 2.0 §4.10, §4.11, §5.4–5.6: each entry of these MUST give its type. */
const TYPED_PROPERTIES = ['credentialStatus', 'credentialSchema', 'refreshService', 'termsOfUse', 'evidence'] as const;
const isTerm = (value: unknown): value is string => typeof value === 'string' && value !== '';
