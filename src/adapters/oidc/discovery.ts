import * as oauth from 'oauth4webapi';
import { SignInRefused } from '../../ports/identity-provider.js';
import { refusalReason } from './refusals.js';

export interface DiscoveryOptions {
  /** The configured issuer: the metadata's `issuer` must name exactly this. */
  issuer: string;
  /** http on loopback only (development and tests); see oidcHttpOptions. */
  httpOptions: oauth.HttpRequestOptions<'GET'>;
  /** How long fetched metadata is reused (default one hour): providers rotate endpoints rarely. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * The provider's metadata (/.well-known/openid-configuration), kept in memory for `ttlMs` per
 * process (per isolate on Workers). A failed fetch is not kept, so the next sign-in retries;
 * concurrent sign-ins share one fetch.
 */
export function cachedDiscovery({ issuer, httpOptions, ttlMs = 3_600_000, now = Date.now }: DiscoveryOptions) {
  const issuerUrl = new URL(issuer);
  let cached: { metadata: oauth.AuthorizationServer; until: number } | null = null;
  let pending: Promise<oauth.AuthorizationServer> | null = null;

  async function fetchMetadata(): Promise<oauth.AuthorizationServer> {
    try {
      const response = await oauth.discoveryRequest(issuerUrl, { ...httpOptions, algorithm: 'oidc' });
      const metadata = await oauth.processDiscoveryResponse(issuerUrl, response);
      cached = { metadata, until: now() + ttlMs };
      return metadata;
    } catch (error) {
      throw new SignInRefused(refusalReason(error, 'provider-unavailable'), { cause: error });
    }
  }

  return function metadata(): Promise<oauth.AuthorizationServer> {
    if (cached && now() < cached.until) return Promise.resolve(cached.metadata);
    pending ??= fetchMetadata().finally(() => {
      pending = null;
    });
    return pending;
  };
}
