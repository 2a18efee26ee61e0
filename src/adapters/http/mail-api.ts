import type { MailTransport } from '../../ports/mail.js';

/**
 * An HTTP mail API (the Worker's transport, usable on Node too), with fetch only.
 *
 * The API it expects (most transactional mail services offer it, or a small relay in front):
 *   POST MAIL_API_URL
 *   Authorization: Bearer MAIL_API_TOKEN        (omitted when no token is set)
 *   Content-Type: application/json
 *   Idempotency-Key: <outbox message id>        (the same on every retry of one message)
 *   {"from": "\"名前\" <no-reply@host>", "to": "someone@example.jp", "subject": "…", "text": "…", "html": "…"}
 * plus "reply_to": "office@example.go.jp" when MAIL_REPLY_TO is set (the name such APIs give the
 * Reply-To header).
 * Any 2xx means accepted. 400, 413 and 422 refuse this message for good (it is left failed);
 * every other answer is retried with backoff: a wrong URL or token (404, 401, 403) is fixed by
 * the operator, and the messages then go out. Redirects are not followed. The response body is
 * read only for the error message (its first 200 characters).
 */
/** Statuses that say the message itself is unacceptable: sending it again cannot help. */
const REFUSED_FOR_GOOD = [400, 413, 422];

export function createHttpMailApiTransport({ url, token, timeoutMs = 15_000, fetch: fetchFn = fetch }: { url: string; token: string | null; timeoutMs?: number; fetch?: typeof fetch }): MailTransport {
  return {
    name: 'http-api',
    async send(message) {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': message.id };
      if (token) headers.authorization = `Bearer ${token}`;
      try {
        const response = await fetchFn(url, {
          method: 'POST',
          headers,
          body: JSON.stringify({ from: message.from, to: message.to, subject: message.subject, text: message.text, html: message.html, ...(message.replyTo ? { reply_to: message.replyTo } : {}) }),
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (response.ok) {
          await response.body?.cancel();
          return { ok: true };
        }
        const detail = (await response.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ').trim();
        return { ok: false, error: `HTTP ${response.status}${detail ? `: ${detail}` : ''}`, permanent: REFUSED_FOR_GOOD.includes(response.status) };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
      }
    },
  };
}
