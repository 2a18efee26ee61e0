import { webhookTargetProblem, type WebhookTargetPolicy } from '../../domain/partners/webhook-url.js';
import type { WebhookSender } from '../../ports/partners.js';

/**
 * POSTs with fetch (Node 20 and Workers alike). Any 2xx counts as delivered; redirects are not
 * followed (a receiver that moved must update its registration, and following them would let
 * an endpoint bounce signed events elsewhere). The response body is read and discarded so the
 * connection can be reused. The URL is checked again before each POST (it may have been stored
 * under older rules); resolved addresses are checked only by the Node sender (adapters/node), as
 * fetch gives no hook for it and Cloudflare's fetch does not reach private networks anyway.
 */
export function createFetchWebhookSender(policy: WebhookTargetPolicy, { userAgent = 'telework-registry-webhooks/1' }: { userAgent?: string } = {}): WebhookSender {
  return {
    async send({ url, headers, body, timeoutMs }) {
      const problem = webhookTargetProblem(new URL(url), policy);
      if (problem) return { ok: false, statusCode: null, error: `${problem.en} Not sent.` };
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { ...headers, 'user-agent': userAgent },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.arrayBuffer().catch(() => undefined);
        const ok = response.status >= 200 && response.status < 300;
        return { ok, statusCode: response.status, error: ok ? null : `HTTP ${response.status}` };
      } catch (error) {
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        return { ok: false, statusCode: null, error: message.slice(0, 300) };
      }
    },
  };
}
