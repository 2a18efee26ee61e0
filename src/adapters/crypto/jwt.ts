/**
 * VC-JOSE-COSE: the unsigned credential as the payload of a compact JWS (application/vc+jwt),
 * EdDSA over Ed25519, kid = the verification method id. Also the EnvelopedVerifiableCredential
 * wrapper VC 2.0 uses to carry a JWT inside JSON-LD.
 */
import { CompactSign, compactVerify, decodeProtectedHeader, type CompactJWSHeaderParameters } from 'jose';
import { VC_V2_CONTEXT } from './document-loader.js';
import { base64urlDecode, utf8 } from '../../domain/encoding.js';

type Json = Record<string, unknown>;

export const VC_JWT_MEDIA_TYPE = 'application/vc+jwt';
const ENVELOPE_PREFIX = `data:${VC_JWT_MEDIA_TYPE},`;

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

/** Signs the credential (any `proof` removed) as a compact JWS. */
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
  return new CompactSign(utf8.encode(JSON.stringify(payload))).setProtectedHeader(header).sign(privateKey);
}

export interface DecodedVcJwt {
  header: Json;
  payload: Json;
}

/** Reads header and payload without verifying; undefined when it is not a JWS with a JSON object payload. */
export function decodeVcJwt(jwt: string): DecodedVcJwt | undefined {
  try {
    const parts = jwt.split('.');
    if (parts.length !== 3) return undefined;
    const header = decodeProtectedHeader(jwt) as Json;
    const payload: unknown = JSON.parse(utf8.decode(base64urlDecode(parts[1]!)));
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
    return { header, payload: payload as Json };
  } catch {
    return undefined;
  }
}

export interface VcJwtVerification {
  verified: boolean;
  errors: string[];
}

/** Verifies the JWS with the key named by `kid`; the caller resolves kid → key. Never throws. */
export async function verifyVcJwt(jwt: string, key: CryptoKey): Promise<VcJwtVerification> {
  try {
    const { protectedHeader } = await compactVerify(jwt, key, { algorithms: ['EdDSA'] });
    const problems: string[] = [];
    if (protectedHeader.typ !== 'vc+jwt') problems.push(`JWT "typ" is "${protectedHeader.typ}", not "vc+jwt".`);
    return { verified: problems.length === 0, errors: problems };
  } catch (error) {
    return { verified: false, errors: [error instanceof Error ? error.message : String(error)] };
  }
}

export function envelopeVcJwt(jwt: string): Json {
  return { '@context': [VC_V2_CONTEXT], id: `${ENVELOPE_PREFIX}${jwt}`, type: 'EnvelopedVerifiableCredential' };
}

/** The JWT inside an EnvelopedVerifiableCredential, or undefined when the input is not one. */
export function jwtFromEnvelope(input: unknown): string | undefined {
  if (!input || typeof input !== 'object') return undefined;
  const { type, id } = input as Json;
  const types = Array.isArray(type) ? type : [type];
  if (!types.includes('EnvelopedVerifiableCredential') || typeof id !== 'string') return undefined;
  if (!id.startsWith(ENVELOPE_PREFIX)) return undefined;
  return id.slice(ENVELOPE_PREFIX.length);
}
