/**
 * An address we will hand to a mail server: one mailbox, no display name, nothing that could
 * start another header or recipient (spaces, line breaks, commas, angle brackets, quotes).
 */
const MAILBOX = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+$/;

export const isMailbox = (value: string | null | undefined): value is string => typeof value === 'string' && value.length <= 254 && MAILBOX.test(value);

/**
 * Who hears about an organization's declaration: its members' e-mail addresses plus the
 * organization's (never public) contact address, each once (compared case-insensitively), in
 * that order; anything that is not a plain mailbox is left out.
 */
export function organizationRecipients({ memberEmails, contactEmail }: { memberEmails: readonly (string | null)[]; contactEmail: string | null | undefined }): string[] {
  const seen = new Set<string>();
  const recipients: string[] = [];
  for (const address of [...memberEmails, contactEmail]) {
    const trimmed = address?.trim();
    if (!isMailbox(trimmed)) continue;
    const key = trimmed.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    recipients.push(trimmed);
  }
  return recipients;
}

/**
 * What a page may say about a letter to an organization: it is sent; there is no address to send
 * it to; or the runtime has no way to send e-mail (the Worker without MAIL_API_URL: it waits).
 */
export type MailPromise = 'sent' | 'no-address' | 'unsendable';
