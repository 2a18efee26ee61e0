import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { base64urlDecode, base64urlEncode, utf8 } from '../../domain/encoding.js';
import type { WebAuthnRelyingParty } from '../../ports/webauthn.js';

/** How long the browser may wait for the person to touch their authenticator. */
const CEREMONY_TIMEOUT_MS = 5 * 60_000;

/** ES256 (every platform authenticator), EdDSA, RS256 (Windows Hello): what browsers offer in practice. */
const ALGORITHMS = [-7, -8, -257];

const TRANSPORTS = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

/** Credential ids are at most 1,023 bytes (WebAuthn L3): 1,364 base64url characters. */
const MAX_CREDENTIAL_ID = 1364;

/** The shape every response must have before the library looks at it (it is untrusted JSON). */
function looksLikeCredential(response: unknown): response is { id: string; rawId: string; type: string; response: Record<string, unknown> } {
  if (typeof response !== 'object' || response === null) return false;
  const r = response as Record<string, unknown>;
  return (
    typeof r.id === 'string' && r.id.length > 0 && r.id.length <= MAX_CREDENTIAL_ID && /^[A-Za-z0-9_-]+$/.test(r.id) &&
    r.rawId === r.id && r.type === 'public-key' && typeof r.response === 'object' && r.response !== null
  );
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 200);

/**
 * @simplewebauthn/server as the registry's relying party. `origin` is the public address's origin
 * and `rpId` its host name, so passkeys registered here only ever work on this address.
 * User verification is preferred, not required: a security key without a PIN still works.
 * Attestation is not requested ('none'): the registry does not restrict authenticator makes.
 */
export function createWebAuthnRelyingParty({ rpName, rpId, origin }: { rpName: string; rpId: string; origin: string }): WebAuthnRelyingParty {
  return {
    async registrationOptions({ userId, userName, userDisplayName, exclude }) {
      const options = await generateRegistrationOptions({
        rpName,
        rpID: rpId,
        userID: utf8.encode(userId),
        userName,
        userDisplayName,
        timeout: CEREMONY_TIMEOUT_MS,
        attestationType: 'none',
        excludeCredentials: exclude.map((c) => ({ id: c.id, transports: c.transports as never })),
        // Discoverable credentials: signing in needs no user name, the authenticator offers the account.
        // User verification required: a passkey is the only factor, so the device must check who holds it (WebAuthn L2 §7.2 step 15).
        authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
        supportedAlgorithmIDs: ALGORITHMS,
      });
      return { options, challenge: options.challenge };
    },

    async verifyRegistration({ response, expectedChallenge }) {
      if (!looksLikeCredential(response)) return { ok: false, reason: 'malformed credential' };
      try {
        const result = await verifyRegistrationResponse({
          response: response as unknown as RegistrationResponseJSON,
          expectedChallenge,
          expectedOrigin: origin,
          expectedRPID: rpId,
          requireUserVerification: true,
          supportedAlgorithmIDs: ALGORITHMS,
        });
        if (!result.verified) return { ok: false, reason: 'not verified' };
        const { credential } = result.registrationInfo;
        const declared = Array.isArray(response.response.transports) ? response.response.transports : [];
        return {
          ok: true,
          credential: {
            id: credential.id,
            publicKey: base64urlEncode(credential.publicKey),
            counter: credential.counter,
            transports: [...new Set(declared.filter((t): t is string => typeof t === 'string' && TRANSPORTS.has(t)))],
          },
        };
      } catch (error) {
        return { ok: false, reason: reasonOf(error) };
      }
    },

    async authenticationOptions() {
      const options = await generateAuthenticationOptions({ rpID: rpId, allowCredentials: [], userVerification: 'required', timeout: CEREMONY_TIMEOUT_MS });
      return { options, challenge: options.challenge };
    },

    async verifyAuthentication({ response, expectedChallenge, credential }) {
      if (!looksLikeCredential(response)) return { ok: false, reason: 'malformed credential' };
      try {
        const result = await verifyAuthenticationResponse({
          response: response as unknown as AuthenticationResponseJSON,
          expectedChallenge,
          expectedOrigin: origin,
          expectedRPID: rpId,
          credential: { id: credential.id, publicKey: base64urlDecode(credential.publicKey), counter: credential.counter, transports: credential.transports as never },
          requireUserVerification: true,
        });
        return result.verified ? { ok: true, newCounter: result.authenticationInfo.newCounter } : { ok: false, reason: 'not verified' };
      } catch (error) {
        return { ok: false, reason: reasonOf(error) };
      }
    },
  };
}
