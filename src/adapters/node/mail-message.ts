import type { MailEnvelope } from '../../ports/mail.js';

/**
 * Nodemailer's message options for an outbox message. Files and URLs are never read into a
 * message (our bodies are strings, and must stay so); the Message-ID carries the outbox id, so a
 * message is traceable from a mailbox back to its row.
 */
export function nodemailerMessage(message: MailEnvelope) {
  const domain = /@([^>\s]+)>?\s*$/.exec(message.from)?.[1] ?? 'localhost';
  return {
    from: message.from,
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: `<${message.id}@${domain}>`,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
