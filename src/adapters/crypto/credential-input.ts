/**
 * Turns untrusted verifier input into one of the two securing forms: a JSON-LD credential with
 * an embedded proof, or a vc+jwt (compact string, or wrapped in an EnvelopedVerifiableCredential).
 */
import type { ProblemDetail } from '../../ports/credentials.js';
import { VC_V2_CONTEXT } from './document-loader.js';
import { decodeVcJwt, issuerIdOf, jwtFromEnvelope } from './jwt.js';
import { SPEC_PROBLEMS, problem } from './problems.js';

type Json = Record<string, unknown>;

export type ParsedCredential =
  | { format: 'data-integrity'; credential: Json; verificationMethod?: string; issuerId?: string }
  | { format: 'jwt'; credential: Json; jwt: string; header: Json; verificationMethod?: string; issuerId?: string };

const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value);

export function parseCredentialInput(input: unknown): { parsed?: ParsedCredential; problems: ProblemDetail[] } {
  let value = input;
  if (typeof value === 'string' && value.trim().startsWith('{')) {
    try {
      value = JSON.parse(value);
    } catch {
      return { problems: [problem(SPEC_PROBLEMS.parsing, 'Unparseable credential', 'The input is not valid JSON.')] };
    }
  }
  const jwt = typeof value === 'string' ? value.trim() : jwtFromEnvelope(value);
  let parsed: ParsedCredential;
  if (jwt !== undefined) {
    const decoded = decodeVcJwt(jwt);
    if (!decoded) {
      return { problems: [problem(SPEC_PROBLEMS.parsing, 'Unparseable credential', 'The input is not a compact JWS with a JSON credential payload.')] };
    }
    const kid = decoded.header.kid;
    parsed = {
      format: 'jwt',
      credential: decoded.payload,
      jwt,
      header: decoded.header,
      ...(typeof kid === 'string' ? { verificationMethod: kid } : {}),
    };
  } else if (isObject(value)) {
    const proofs = Array.isArray(value.proof) ? value.proof : [value.proof];
    const vm = isObject(proofs[0]) ? proofs[0].verificationMethod : undefined;
    parsed = { format: 'data-integrity', credential: value, ...(typeof vm === 'string' ? { verificationMethod: vm } : {}) };
  } else {
    return { problems: [problem(SPEC_PROBLEMS.parsing, 'Unparseable credential', 'Expected a credential object, a vc+jwt or an EnvelopedVerifiableCredential.')] };
  }
  const issuerId = issuerIdOf(parsed.credential);
  if (issuerId) parsed.issuerId = issuerId;
  return { parsed, problems: shapeProblems(parsed.credential) };
}

/** The VC 2.0 basics every later check relies on. */
function shapeProblems(credential: Json): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const malformed = (detail: string) => problems.push(problem(SPEC_PROBLEMS.malformed, 'Malformed credential', detail));
  const context = credential['@context'];
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT) malformed(`"@context" must start with "${VC_V2_CONTEXT}".`);
  const types = Array.isArray(credential.type) ? credential.type : [credential.type];
  if (!types.includes('VerifiableCredential')) malformed('"type" must include "VerifiableCredential".');
  // Aliases of one IRI: a Data Integrity proof cannot tell them apart, so refuse listing both.
  if (types.includes('OpenBadgeCredential') && types.includes('AchievementCredential')) {
    malformed('"type" lists both OpenBadgeCredential and AchievementCredential, which are the same type.');
  }
  if (new Set(types).size !== types.length) malformed('"type" lists a type twice.');
  if (!issuerIdOf(credential)) malformed('"issuer" must be a URL or an object with an "id".');
  if (!isObject(credential.credentialSubject) && !Array.isArray(credential.credentialSubject)) {
    malformed('"credentialSubject" is required.');
  }
  return problems;
}
