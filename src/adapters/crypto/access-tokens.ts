/**
 * Partner access tokens as JWTs (RFC 9068 "at+jwt") signed with the registry's issuer key:
 * EdDSA/Ed25519, kid = the key's verification method id, iss = aud = PUBLIC_BASE_URL.
 * Verifying is a signature check with no database read; the partner row is read afterwards to
 * honour secret rotation and the rate limit.
 */
import { SignJWT, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import type { AccessTokenClaims, AccessTokenSigner } from '../../ports/partners.js';
import type { IssuerIdentity } from './issuer.js';

const TYP = 'at+jwt';

export function createAccessTokenSigner({ identity, now = () => new Date() }: { identity: IssuerIdentity; now?: () => Date }): AccessTokenSigner {
  const audience = identity.baseUrl;
  const keys = new Map<string, Promise<CryptoKey>>();
  const importKey = (kid: string, jwk: JsonWebKey) => {
    let key = keys.get(kid);
    if (!key) keys.set(kid, (key = importJWK({ ...jwk, alg: 'EdDSA' } as Parameters<typeof importJWK>[0], 'EdDSA') as Promise<CryptoKey>));
    return key;
  };

  return {
    async sign(claims, ttlSeconds) {
      const key = identity.activeKey();
      const kid = identity.verificationMethodId(key);
      const issuedAt = Math.floor(now().getTime() / 1000);
      return new SignJWT({ client_id: claims.clientId, scope: claims.scope, ver: claims.secretVersion })
        .setProtectedHeader({ alg: 'EdDSA', typ: TYP, kid })
        .setIssuer(audience)
        .setAudience(audience)
        .setSubject(claims.partnerId)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .setJti(crypto.randomUUID())
        .sign(await importKey(`private:${kid}`, key.privateJwk!));
    },
    async verify(token) {
      try {
        const { kid } = decodeProtectedHeader(token);
        const key = typeof kid === 'string' ? identity.keyForVerificationMethod(kid) : undefined;
        if (!key || !kid) return null;
        const { payload } = await jwtVerify(token, await importKey(`public:${kid}`, key.publicJwk), {
          algorithms: ['EdDSA'],
          typ: TYP,
          issuer: audience,
          audience,
          currentDate: now(),
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        if (typeof payload.client_id !== 'string' || typeof payload.scope !== 'string' || typeof payload.ver !== 'number') return null;
        return { partnerId: payload.sub!, clientId: payload.client_id, scope: payload.scope, secretVersion: payload.ver } satisfies AccessTokenClaims;
      } catch (error) {
        // jose checks the signature before the claims: an expired token here is one we signed.
        return (error as { code?: unknown }).code === 'ERR_JWT_EXPIRED' ? 'expired' : null;
      }
    },
  };
}
