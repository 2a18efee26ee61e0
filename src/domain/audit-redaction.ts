import type { AuditEntry } from './model.js';

/** What a redacted value reads as, in both languages: it exists, and administrators may see it. */
export const WITHHELD = '（管理者のみ閲覧可 / administrators only）';

/**
 * Keys of an audit snapshot that hold a person's contact details: an organization's contact (its
 * person, department, e-mail and phone), any e-mail or phone (staff and their invitations), and a
 * message's recipient (an organization's contact or a member).
 * Only administrators may read these (as only they may export organizations' contacts); reviewers
 * and viewers read the audit log with them withheld.
 */
const PERSONAL_KEYS = new Set(['contact', 'email', 'phone', 'recipient']);

function withheld(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withheld);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, PERSONAL_KEYS.has(key) && inner !== null && inner !== undefined ? WITHHELD : withheld(inner)]));
}

/** A mail service's error as a reader who is not an administrator sees it: the addresses it quotes withheld. */
export const withoutAddresses = (text: string) => text.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, WITHHELD);

/** The entry as a reader who is not an administrator sees it. */
export const withoutPersonalData = (entry: AuditEntry): AuditEntry => ({ ...entry, before: withheld(entry.before), after: withheld(entry.after) });
