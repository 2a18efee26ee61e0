import type { OidcIdentity } from '../domain/services/accounts.js';

/**
 * An OpenID Connect provider as the sign-in routes see it: where to send the browser, and what
 * the provider vouched for when the browser comes back. The routes keep the per-browser secrets
 * (state, nonce, PKCE verifier) in their own flow store; the provider adapter never stores them.
 */
export interface IdentityProvider {
  /** The provider's authorization endpoint with code, PKCE (S256), state and nonce. */
  authorizationUrl(flow: { state: string; nonce: string; codeVerifier: string }): Promise<URL>;
  /**
   * Validates the callback (issuer, state, error), exchanges the code, validates the ID token
   * (signature, issuer, audience, nonce, expiry) and reads userinfo when needed.
   * Throws SignInRefused; never returns an unvalidated identity.
   */
  complete(options: { callbackUrl: URL; expected: { state: string; nonce: string; codeVerifier: string } }): Promise<OidcIdentity>;
}

/**
 * Why a sign-in was refused, as a short code that is safe to put in the audit log (no token,
 * code or claim values): e.g. 'state-mismatch', 'issuer-mismatch', 'audience-mismatch',
 * 'nonce-mismatch', 'signature-invalid', 'code-exchange-failed', 'provider-error:access_denied',
 * 'provider-unavailable'.
 */
export class SignInRefused extends Error {
  constructor(readonly reason: string, options?: { cause?: unknown }) {
    super(`sign-in refused: ${reason}`, options);
    this.name = 'SignInRefused';
  }
}
