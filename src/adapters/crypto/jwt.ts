/**
 * VC-JOSE-COSE: the unsigned credential as the payload of a compact JWS (application/vc+jwt),
 * EdDSA over Ed25519, kid = the verification method id. Also the EnvelopedVerifiableCredential
 * and EnvelopedVerifiablePresentation wrappers VC 2.0 uses to carry a JWT inside JSON-LD.
 */
import type { CompactJWSHeaderParameters } from 'jose';
import { VC_V2_CONTEXT } from './document-loader.js';
import { base64urlDecode, base64urlEncode, textDecoders, utf8 } from '../../domain/encoding.js';

type Json = Record<string, unknown>;

export const VC_JWT_MEDIA_TYPE = 'application/vc+jwt';
export const VP_JWT_MEDIA_TYPE = 'application/vp+jwt';
const ENVELOPE_PREFIX = `data:${VC_JWT_MEDIA_TYPE},`;
/** A compact JWS: three base64url parts (the payload may be empty only for detached content, refused later). */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;
/** The last texts found to be compact JWSs (a few requests are in flight at once). */
const recentCompactJws: string[] = [];
/**
 * Is the text a compact JWS? A vc+jwt is asked this three times on its way (the route, the
 * parse, the signature check after the store was read), ~10 µs each for 10 KB: recent yeses are
 * remembered. Remembering only the last one missed the third ask whenever another request ran
 * between the read and the check.
 */
export function isCompactJws(text: string): boolean {
  if (recentCompactJws.includes(text)) return true;
  if (!COMPACT_JWS.test(text)) return false;
  if (recentCompactJws.length >= 16) recentCompactJws.shift();
  recentCompactJws.push(text);
  return true;
}

export interface VcJwtHeader extends CompactJWSHeaderParameters {
  alg: 'EdDSA';
  typ: 'vc+jwt';
  cty: 'vc';
  kid: string;
  iss: string;
}

export function issuerIdOf(credential: Json): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  if (issuer && typeof issuer === 'object' && typeof (issuer as Json).id === 'string') return (issuer as Json).id as string;
  return undefined;
}

/**
 * Signs the credential (any `proof` removed) as a compact JWS. By hand rather than with jose's
 * CompactSign, as verifyVcJwt checks by hand: JWS compact serialization is two base64url parts
 * and an Ed25519 signature over them, and jose's base64url and copies cost ~100 µs of ~350 for a
 * 10 KB credential.
 */
export async function signVcJwt({
  credential,
  privateKey,
  kid,
}: {
  credential: Json;
  privateKey: CryptoKey;
  kid: string;
}): Promise<string> {
  const { proof: _proof, ...payload } = credential;
  const iss = issuerIdOf(payload);
  if (!iss) throw new TypeError('"issuer" id is required to sign a vc+jwt.');
  const header: VcJwtHeader = { alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid, iss };
  const signingInput = `${base64urlEncode(utf8.encode(JSON.stringify(header)))}.${base64urlEncode(utf8.encode(JSON.stringify(payload)))}`;
  const signature = await crypto.subtle.sign('Ed25519', privateKey, utf8.encode(signingInput));
  return `${signingInput}.${base64urlEncode(new Uint8Array(signature))}`;
}

export interface DecodedVcJwt {
  header: Json;
  payload: Json;
}

/** A base64url part of a JWS as a JSON object; undefined when it is not one. Never throws. */
/** One base64url part of a compact JWS as a JSON object; undefined when it is not one. */
export function jsonObjectPart(part: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(textDecoders.base64urlToText(part));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads header and payload without verifying; undefined when it is not a JWS with a JSON object header and payload. */
export function decodeVcJwt(jwt: string): DecodedVcJwt | undefined {
  const parts = jwt.split('.');
  if (parts.length !== 3) return undefined;
  const header = jsonObjectPart(parts[0]!);
  const payload = header && jsonObjectPart(parts[1]!);
  return header && payload ? { header, payload } : undefined;
}

export interface VcJwtVerification {
  verified: boolean;
  errors: string[];
  /** The errors are about the header (alg, crit, typ): a JWT of a kind not checked here, not a wrong signature. */
  unsupported?: true;
}

/**
 * Verifies the compact JWS with the key named by `kid` (the caller resolves kid → key): EdDSA
 * (also named Ed25519) only, no critical extensions (RFC 7515 §4.1.11: none is understood here), the typ asked for
 * or none. Never throws.
 *
 * Why not jose's compactVerify: it decodes the payload again and copies the signing input, which
 * cost ~90 µs of a ~200 µs check for a 10 KB credential; here the Ed25519 check runs over the
 * JWS's own ASCII bytes and the payload is decoded once, by decodeVcJwt.
 */
export async function verifyVcJwt(jwt: string, key: CryptoKey, typ: 'vc+jwt' | 'vp+jwt' = 'vc+jwt'): Promise<VcJwtVerification> {
  const failed = (error: string) => ({ verified: false, errors: [error] });
  const unsupported = (error: string) => ({ verified: false, errors: [error], unsupported: true as const });
  if (!isCompactJws(jwt)) return failed('The JWS is not in compact serialization.');
  const lastDot = jwt.lastIndexOf('.');
  const header = jsonObjectPart(jwt.slice(0, jwt.indexOf('.')));
  if (!header) return failed('The JWS protected header is not a JSON object.');
  const { alg, crit, typ: headerTyp } = header;
  // "Ed25519" is the fully-specified name of the same algorithm (RFC 9864, which deprecates "EdDSA"); the key is Ed25519 either way.
  if (alg !== 'EdDSA' && alg !== 'Ed25519') return unsupported(`JWS "alg" is "${String(alg)}"; only "EdDSA" (or "Ed25519") is accepted.`);
  if (crit !== undefined) return unsupported('The JWS names critical extensions ("crit"), which are not supported.');
  // An Ed25519 signature is 64 bytes: 86 base64url characters, whose alphabet isCompactJws checked.
  // The last one carries 2 bits and 4 zero bits (A, Q, g or w): any other spelling of the same
  // bytes is refused, so one signature has one text (decoders ignore the bits; RFC 4648 §3.5).
  const signature = jwt.slice(lastDot + 1);
  if (signature.length !== 86 || !'AQgw'.includes(signature[85]!)) return failed('The JWS signature did not verify.');
  let valid = false;
  try {
    valid = await crypto.subtle.verify('Ed25519', key, base64urlDecode(signature), utf8.encode(jwt.slice(0, lastDot)));
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
  if (!valid) return failed('The JWS signature did not verify.');
  return typeMatches(headerTyp, typ) ? { verified: true, errors: [] } : unsupported(`JWT "typ" is "${String(headerTyp)}", not "${typ}".`);
}

/**
 * Is the header's "typ" this media type? RFC 7515 §4.1.9: a "typ" without a "/" means
 * "application/" + it, and media types are case-insensitive, so "application/vc+jwt" and "VC+JWT"
 * are "vc+jwt" too. The registry writes the short form, which is compared first.
 * No "typ" at all is accepted: VC-JOSE-COSE §3.1.1 and §3.1.2 make it a SHOULD, and explicit
 * typing (RFC 8725 §3.11) refuses a JWT typed as another kind, which the payload's own "type"
 * (VerifiableCredential, VerifiablePresentation) still tells apart when there is none.
 */
function typeMatches(headerTyp: unknown, typ: string): boolean {
  if (headerTyp === typ || headerTyp === undefined) return true;
  if (typeof headerTyp !== 'string') return false;
  const lower = headerTyp.toLowerCase();
  return lower === typ || lower === `application/${typ}`;
}

/**
 * VC-JOSE-COSE §1.1.2.1: the JWT claim names "vc" and "vp" (VC 1.1's JWT encoding) MUST NOT be
 * present: the claims set is the credential or presentation itself. The reasons, if any.
 */
export function reservedClaimProblems(payload: Json): string[] {
  return ['vc', 'vp'].filter((name) => Object.hasOwn(payload, name)).map((name) => `The JWT claim "${name}" must not be present (VC-JOSE-COSE §1.1.2.1).`);
}

export function envelopeVcJwt(jwt: string): Json {
  return { '@context': [VC_V2_CONTEXT], id: `${ENVELOPE_PREFIX}${jwt}`, type: 'EnvelopedVerifiableCredential' };
}

export function envelopeVpJwt(jwt: string): Json {
  return { '@context': [VC_V2_CONTEXT], id: `data:${VP_JWT_MEDIA_TYPE},${jwt}`, type: 'EnvelopedVerifiablePresentation' };
}

export type EnvelopeKind = 'EnvelopedVerifiableCredential' | 'EnvelopedVerifiablePresentation';

/** Does the object claim to be an envelope of this kind (whether or not it is a well-formed one)? */
export function isEnvelope(input: unknown, kind: EnvelopeKind): input is Json {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return false;
  const type = (input as Json).type;
  return (Array.isArray(type) ? type : [type]).includes(kind);
}

/**
 * Reads an envelope as VC 2.0 §4.13 and VC-JOSE-COSE describe it: "@context" the VC 2.0 context
 * (or a list starting with it), "type" EnvelopedVerifiableCredential (or …Presentation), and "id" a data: URL
 * of the JWT's media type. Returns the JWT, or the reasons the envelope is malformed.
 */
export function readEnvelope(input: Json, kind: EnvelopeKind): { jwt?: string; errors: string[] } {
  const errors: string[] = [];
  // VC 2.0 §4.13 and VC-JOSE-COSE write an envelope's context as the one string; JSON-LD reads it as a list of one.
  const context = typeof input['@context'] === 'string' ? [input['@context']] : input['@context'];
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT) errors.push(`The ${kind}'s "@context" must be "${VC_V2_CONTEXT}" or a list starting with it.`);
  const type = input.type;
  if (type !== kind && !(Array.isArray(type) && type.length === 1 && type[0] === kind)) errors.push(`The ${kind}'s "type" must be "${kind}".`);
  const prefix = `data:${kind === 'EnvelopedVerifiableCredential' ? VC_JWT_MEDIA_TYPE : VP_JWT_MEDIA_TYPE},`;
  const id = input.id;
  if (typeof id !== 'string' || !id.startsWith(prefix)) {
    errors.push(`The ${kind}'s "id" must be a data: URL "${prefix}<compact JWS>".`);
    return { errors };
  }
  const jwt = id.slice(prefix.length);
  if (!isCompactJws(jwt)) errors.push(`The ${kind}'s data: URL does not hold a compact JWS.`);
  return errors.length ? { errors } : { jwt, errors };
}

/** The JWT inside a well-formed EnvelopedVerifiableCredential, or undefined when the input is not one. */
export function jwtFromEnvelope(input: unknown): string | undefined {
  if (!isEnvelope(input, 'EnvelopedVerifiableCredential')) return undefined;
  return readEnvelope(input, 'EnvelopedVerifiableCredential').jwt;
}

/** "did:key:z6Mk…#z6Mk…" (an Ed25519 did:key verification method) → "z6Mk…"; undefined for anything else. */
export function didKeyMultibase(kid: string): string | undefined {
  const match = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]+)#\1$/.exec(kid);
  return match?.[1];
}
