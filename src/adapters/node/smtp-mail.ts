import { createTransport } from 'nodemailer';
import type { MailTransport } from '../../ports/mail.js';
import { nodemailerMessage } from './mail-message.js';

/**
 * SMTP on Node (SMTP_URL: smtp:// or smtps://user:password@host:port, nodemailer's URL options in
 * the query). One connection per message: messages are few and a pool would hold a connection
 * to the relay open for nothing. Timeouts keep a silent server from holding a dispatcher run.
 * Errors carry the server's reply, never the URL's credentials; a 5xx refusal is permanent.
 */
export function createSmtpMailTransport({ url, timeoutMs = 20_000 }: { url: string; timeoutMs?: number }): MailTransport {
  const transporter = createTransport({ url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs * 2 });
  return {
    name: 'smtp',
    async send(message) {
      try {
        await transporter.sendMail(nodemailerMessage(message));
        return { ok: true };
      } catch (error) {
        const failure = error as { message?: string; permanent?: boolean };
        return { ok: false, error: failure.message ?? String(error), permanent: failure.permanent === true };
      }
    },
  };
}
