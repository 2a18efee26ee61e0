import * as oauth from 'oauth4webapi';
import { SignInRefused } from '../../ports/identity-provider.js';

/** A provider's error code, reduced to what an audit entry may safely hold. */
const code = (value: unknown) => (typeof value === 'string' ? value.replace(/[^\w.-]/g, '').slice(0, 40) : 'unknown') || 'unknown';

const CLAIMS: Record<string, string> = { iss: 'issuer-mismatch', aud: 'audience-mismatch', azp: 'audience-mismatch', nonce: 'nonce-mismatch' };

/**
 * Why oauth4webapi refused a response, as a short audit code (SignInRefused.reason). Messages and
 * causes of its errors carry claims and tokens: only the kind of failure leaves this function.
 */
export function refusalReason(error: unknown, fallback: string): string {
  if (error instanceof SignInRefused) return error.reason;
  if (error instanceof oauth.AuthorizationResponseError) return `provider-error:${code(error.error)}`;
  if (error instanceof oauth.ResponseBodyError) return `code-exchange-failed:${code(error.error)}`;
  if (error instanceof oauth.OperationProcessingError) {
    const cause = error.cause as { claim?: string; attribute?: string } | undefined;
    switch (error.code) {
      case oauth.JWT_CLAIM_COMPARISON:
        return CLAIMS[cause?.claim ?? ''] ?? `claim-mismatch:${code(cause?.claim)}`;
      case oauth.JSON_ATTRIBUTE_COMPARISON:
        return cause?.attribute === 'issuer' ? 'issuer-mismatch' : `attribute-mismatch:${code(cause?.attribute)}`;
      case oauth.JWT_TIMESTAMP_CHECK:
        return 'id-token-expired';
      case oauth.HTTP_REQUEST_FORBIDDEN:
      case oauth.REQUEST_PROTOCOL_FORBIDDEN:
        return 'insecure-provider-url';
      case oauth.KEY_SELECTION:
        return 'signature-invalid';
      case oauth.INVALID_RESPONSE:
        if (/signature/i.test(error.message)) return 'signature-invalid';
        if (/"iss"/.test(error.message)) return 'issuer-mismatch';
        if (/"state"/.test(error.message)) return 'state-mismatch';
        return `invalid-response`;
      default:
        return `${fallback}:${code(error.code)}`;
    }
  }
  return fallback;
}
