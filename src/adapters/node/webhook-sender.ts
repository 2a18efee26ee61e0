import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { LookupFunction } from 'node:net';
import { request as httpsRequest } from 'node:https';
import { isAllowedWebhookAddress, webhookTargetProblem, type WebhookTargetPolicy } from '../../domain/partners/webhook-url.js';
import type { WebhookSender, WebhookSendResult } from '../../ports/partners.js';

type Lookup = (hostname: string, options: LookupOptions & { all: true }, callback: (error: Error | null, addresses: LookupAddress[]) => void) => void;

/**
 * Webhook POSTs on Node, checked where it matters: at connect time, against the addresses the
 * host name resolved to. A name that resolves (or is re-pointed after registration, DNS
 * rebinding) to a private, loopback or reserved address is refused before any byte is sent.
 * fetch cannot do this, so node:http(s) it is. Redirects are not followed (as with fetch
 * `redirect: 'manual'`); the response body is read and discarded so the socket can be reused.
 * On Workers the fetch sender stays: Cloudflare's fetch does not reach private networks.
 */
export function createNodeWebhookSender(
  policy: WebhookTargetPolicy,
  { lookup = dnsLookup as Lookup, userAgent = 'telework-registry-webhooks/1' }: { lookup?: Lookup; userAgent?: string } = {},
): WebhookSender {
  const guardedLookup: LookupFunction = (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.find((a) => !isAllowedWebhookAddress(a.address, policy));
      if (refused) return callback(new Error(`${hostname} resolves to ${refused.address}, a private, local or reserved address: not sent.`), []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };

  return {
    send({ url, headers, body, timeoutMs }) {
      const target = new URL(url);
      const problem = webhookTargetProblem(target, policy);
      if (problem) return Promise.resolve({ ok: false, statusCode: null, error: `${problem.en} Not sent.` });
      return new Promise<WebhookSendResult>((resolve) => {
        const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
        const request = send(
          target,
          {
            method: 'POST',
            headers: { ...headers, 'user-agent': userAgent, 'content-length': String(new TextEncoder().encode(body).byteLength) },
            lookup: guardedLookup,
            signal: AbortSignal.timeout(timeoutMs),
          },
          (response: IncomingMessage) => {
            response.resume();
            response.on('error', () => undefined);
            response.on('close', () => {
              const status = response.statusCode ?? 0;
              const ok = status >= 200 && status < 300;
              resolve({ ok, statusCode: status, error: ok ? null : `HTTP ${status}` });
            });
          },
        );
        request.on('error', (error) => resolve({ ok: false, statusCode: null, error: `${error.name}: ${error.message}`.slice(0, 300) }));
        request.end(body);
      });
    },
  };
}
