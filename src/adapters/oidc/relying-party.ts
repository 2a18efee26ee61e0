import * as oauth from 'oauth4webapi';
import type { OidcIdentity } from '../../domain/services/accounts.js';
import { SignInRefused, type IdentityProvider } from '../../ports/identity-provider.js';
import { isLoopbackHost, type OidcProviderSettings } from '../../web-settings.js';
import { cachedDiscovery } from './discovery.js';
import { refusalReason } from './refusals.js';

export interface OidcRelyingPartyOptions {
  /** Issuer, client id and secret (null: a public client, protected by PKCE alone). */
  settings: OidcProviderSettings;
  /** This registry's callback for that provider, exactly as registered there. */
  redirectUri: string;
  /** The ID token or userinfo claim that holds the 法人番号 (GビズID: 'corporate_number'). */
  corporateNumberClaim: string;
  /** The claim that holds the account's type (OIDC_ACCOUNT_TYPE_CLAIM); null (the default): none is read. */
  accountTypeClaim?: string | null;
  /** Scopes asked for (default 'openid profile email'). */
  scope?: string;
  /** How long the provider's metadata is reused (default one hour). */
  discoveryTtlMs?: number;
  /** Per request to the provider (default 10 s), so a hanging provider cannot hold a sign-in forever. */
  timeoutMs?: number;
}

/**
 * An OpenID Connect relying party over oauth4webapi (Web APIs only: runs on Workers and Node).
 * Authorization code flow with PKCE (S256), state and nonce; the ID token is checked for issuer,
 * audience, nonce, expiry and its signature against the provider's JWKS. A second provider (the
 * secretariat's) is one more call with its own settings and redirect URI.
 */
export function createOidcIdentityProvider(options: OidcRelyingPartyOptions): IdentityProvider {
  const { settings, redirectUri, corporateNumberClaim, accountTypeClaim = null, scope = 'openid profile email', timeoutMs = 10_000 } = options;
  // Plain http only towards a loopback issuer (a development provider); oauth4webapi refuses it otherwise.
  const httpOptions = {
    [oauth.allowInsecureRequests]: isLoopbackHost(new URL(settings.issuer).hostname),
    signal: () => AbortSignal.timeout(timeoutMs),
  };
  const metadata = cachedDiscovery({ issuer: settings.issuer, httpOptions, ...(options.discoveryTtlMs ? { ttlMs: options.discoveryTtlMs } : {}) });
  const jwksCache: oauth.JWKSCacheInput = {};

  function clientFor(as: oauth.AuthorizationServer): oauth.Client {
    // oauth4webapi expects RS256 ID tokens unless told otherwise; follow the provider when it signs with something else.
    const algorithms = as.id_token_signing_alg_values_supported?.filter((alg) => alg !== 'none');
    const alg = !algorithms?.length || algorithms.includes('RS256') ? 'RS256' : algorithms[0]!;
    return { client_id: settings.clientId, id_token_signed_response_alg: alg };
  }

  function clientAuthFor(as: oauth.AuthorizationServer): oauth.ClientAuth {
    if (settings.clientSecret === null) return oauth.None();
    const methods = as.token_endpoint_auth_methods_supported;
    // client_secret_basic is the default when the provider lists nothing (OIDC Discovery).
    if (!methods || methods.includes('client_secret_basic')) return oauth.ClientSecretBasic(settings.clientSecret);
    if (methods.includes('client_secret_post')) return oauth.ClientSecretPost(settings.clientSecret);
    return oauth.ClientSecretBasic(settings.clientSecret);
  }

  /** Runs one step; any failure becomes a SignInRefused with an audit-safe reason. */
  async function step<T>(fallback: string, run: () => T | Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new SignInRefused(refusalReason(error, fallback), { cause: error });
    }
  }

  return {
    async authorizationUrl({ state, nonce, codeVerifier }) {
      const as = await metadata();
      if (!as.authorization_endpoint) throw new SignInRefused('provider-unavailable:no-authorization-endpoint');
      const url = new URL(as.authorization_endpoint);
      url.searchParams.set('client_id', settings.clientId);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('redirect_uri', redirectUri);
      url.searchParams.set('scope', scope);
      url.searchParams.set('state', state);
      url.searchParams.set('nonce', nonce);
      url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
      url.searchParams.set('code_challenge_method', 'S256');
      return url;
    },

    async complete({ callbackUrl, expected }): Promise<OidcIdentity> {
      const as = await metadata();
      const client = clientFor(as);
      const params = await step('bad-callback', () => oauth.validateAuthResponse(as, client, callbackUrl, expected.state));
      const response = await step('code-exchange-failed', () =>
        oauth.authorizationCodeGrantRequest(as, client, clientAuthFor(as), params, redirectUri, expected.codeVerifier, httpOptions),
      );
      const tokens = await step('id-token-invalid', () => oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: expected.nonce, requireIdToken: true }));
      // oauth4webapi trusts the TLS channel for the token response; we check the signature too, so a token is the provider's own.
      await step('signature-invalid', () => oauth.validateApplicationLevelSignature(as, response, { ...httpOptions, [oauth.jwksCache]: jwksCache }));
      const idToken = oauth.getValidatedIdTokenClaims(tokens);
      if (!idToken) throw new SignInRefused('id-token-missing');

      let claims: Record<string, unknown> = idToken;
      if (idToken[corporateNumberClaim] === undefined || (accountTypeClaim !== null && idToken[accountTypeClaim] === undefined)) {
        // Providers that conform to OIDC Core put scope claims in userinfo only.
        const userInfo = await step('userinfo-failed', async () =>
          oauth.processUserInfoResponse(as, client, idToken.sub, await oauth.userInfoRequest(as, client, tokens.access_token, httpOptions)),
        );
        claims = { ...userInfo, ...idToken };
      }
      return {
        issuer: as.issuer,
        subject: idToken.sub,
        email: stringClaim(claims.email),
        name: stringClaim(claims.name),
        corporateNumber: stringClaim(claims[corporateNumberClaim]),
        accountType: accountTypeClaim === null ? null : stringClaim(claims[accountTypeClaim]),
      };
    },
  };
}

/** A claim as text (a 法人番号 or an account type may come as a number), or null when absent or empty. */
function stringClaim(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 300) : null;
}
