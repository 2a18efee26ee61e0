import { Hono, type Context } from 'hono';
import { DomainError } from '../../domain/errors.js';
import type { Registry } from '../../registry.js';
import { readBodyBytes } from '../body.js';
import type { AppEnv } from '../env.js';

const MAX_TOKEN_REQUEST_BYTES = 8 * 1024;

type OAuthError = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope';

/** RFC 6749 §5.2: JSON {error, error_description}; invalid_client is 401 with a Basic challenge. */
function oauthError(c: Context<AppEnv>, error: OAuthError, description: string) {
  const status = error === 'invalid_client' ? 401 : 400;
  if (status === 401) c.header('WWW-Authenticate', 'Basic realm="registry", charset="UTF-8"');
  c.header('Cache-Control', 'no-store');
  return c.json({ error, error_description: description }, status);
}

/** Form-encoded (RFC 6749) or JSON parameters as strings; null when the body cannot be read. */
async function readParameters(c: Context<AppEnv>): Promise<Record<string, string> | null> {
  let bytes: Uint8Array;
  try {
    bytes = await readBodyBytes(c, MAX_TOKEN_REQUEST_BYTES);
  } catch (error) {
    // Over 8 KiB: refused as invalid_request, in the OAuth error format (RFC 6749 §5.2).
    if (error instanceof DomainError && error.kind === 'too-large') return null;
    throw error;
  }
  const text = new TextDecoder().decode(bytes);
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    try {
      const body: unknown = JSON.parse(text);
      if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
      return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch {
      return null;
    }
  }
  if (type.startsWith('application/x-www-form-urlencoded') || type === '') {
    const form = new URLSearchParams(text);
    // RFC 6749 §3.2: no parameter more than once (which of two grant_types would count?).
    if (new Set(form.keys()).size !== [...form.keys()].length) return null;
    return Object.fromEntries(form);
  }
  return null;
}

/** HTTP Basic client authentication: the id and secret are form-urlencoded before base64 (RFC 6749 §2.3.1). */
function basicCredentials(header: string | undefined): { clientId: string; secret: string } | null | undefined {
  if (!header) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!match) return undefined;
  try {
    const decoded = atob(match[1]!);
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    const unescape = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    return { clientId: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

/** POST /oauth/token: the client credentials grant for partners (a 10-minute signed access token). */
export function oauthRoutes(registry: Registry) {
  return new Hono<AppEnv>().post('/token', async (c) => {
    const params = await readParameters(c);
    if (!params) return oauthError(c, 'invalid_request', 'Send the parameters once each, form-encoded (application/x-www-form-urlencoded) or as a JSON object.');
    if (!params.grant_type) return oauthError(c, 'invalid_request', 'grant_type is required.');
    if (params.grant_type !== 'client_credentials') return oauthError(c, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported.');
    if (params.scope !== undefined && !params.scope.split(' ').every((s) => s === 'lookup' || s === '')) {
      return oauthError(c, 'invalid_scope', 'The only scope is "lookup".');
    }
    const basic = basicCredentials(c.req.header('authorization'));
    if (basic === null) return oauthError(c, 'invalid_client', 'The Basic credentials cannot be decoded.');
    if (basic && (params.client_id !== undefined || params.client_secret !== undefined) && params.client_secret !== undefined) {
      return oauthError(c, 'invalid_request', 'Use one client authentication method: HTTP Basic or client_id/client_secret in the body, not both.');
    }
    const clientId = basic?.clientId ?? params.client_id;
    const secret = basic?.secret ?? params.client_secret;
    if (!clientId || !secret) return oauthError(c, 'invalid_client', 'Client authentication is required (HTTP Basic or client_id and client_secret).');
    const partner = await registry.partners.clients.authenticateClient(clientId, secret);
    if (!partner) return oauthError(c, 'invalid_client', 'Unknown client or wrong client secret.');
    if (partner.deactivatedAt) return oauthError(c, 'invalid_client', 'This client was deactivated by the secretariat; ask the secretariat to reactivate it.');
    const { accessToken, expiresIn, scope } = await registry.partners.clients.issueAccessToken(partner);
    c.header('Cache-Control', 'no-store');
    c.header('Pragma', 'no-cache');
    return c.json({ access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn, scope });
  });
}
