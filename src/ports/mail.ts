import type { WriteOp } from './store.js';

/** What a notification is about; stored with each message (the secretariat can tell them apart). */
export type MailKind =
  | 'declaration.received'
  | 'declaration.renewed'
  | 'declaration.amended'
  | 'declaration.withdrawn'
  | 'declaration.returned'
  | 'declaration.published'
  | 'declaration.suspended'
  | 'declaration.reinstated'
  | 'declaration.revoked'
  | 'declaration.renewal-reminder'
  | 'declaration.expired'
  | 'award.recorded'
  | 'award.suspended'
  | 'award.reinstated'
  | 'award.revoked'
  | 'award.corrected'
  | 'award.partner-named'
  | 'invitation'
  | 'staff.invitation';

/** A rendered message: subject, plain text and HTML (Japanese first, then English). */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** One message to one recipient, as queued in the outbox. */
export interface OutgoingMail extends MailContent {
  id: string;
  kind: MailKind;
  organizationId: string | null;
  recipient: string;
  createdAt: string;
}

/** A message leased by one dispatcher run, with the attempts made so far. */
export interface QueuedMail extends OutgoingMail {
  attempts: number;
}

/**
 * The mail outbox. Messages are appended as WriteOps in the same batch as the change that causes
 * them; the dispatcher then leases due messages, sends them and records each outcome.
 */
export interface MailOutbox {
  append(messages: readonly OutgoingMail[]): WriteOp[];
  /**
   * Leases up to `limit` pending messages due at `now` to `owner` until `leaseUntil` and returns
   * them; a lease that lapses (a crashed run) is taken over by a later run.
   */
  claimDue(options: { owner: string; now: number; leaseUntil: number; limit: number }): Promise<QueuedMail[]>;
  /** Earliest next attempt of a pending message (ms), or null when nothing is pending. */
  nextDueAt(): Promise<number | null>;
  markSent(id: string, owner: string, at: string): WriteOp;
  /** Records a failed attempt: retried at `nextAttemptAt`, or left failed for good when `gaveUp`. */
  markFailed(id: string, owner: string, outcome: { attempts: number; nextAttemptAt: number; error: string; gaveUp: boolean }): WriteOp;
  /**
   * No transport is configured: pending messages stay pending (no attempt is counted, so they go
   * out once a transport is set) and say why in last_error. Returns how many were newly marked.
   */
  noteUnsendable(error: string): Promise<number>;
  /**
   * Messages the secretariat should look at, newest first: failed for good, or still pending with
   * an error from an earlier attempt (or no transport). `limit` + 1 are read to know there are more.
   */
  problems(options: { limit: number }): Promise<{ items: MailProblem[]; more: boolean }>;
  get(id: string): Promise<MailProblem | null>;
  /**
   * Sends a failed message again from a fresh count of attempts, due now. Guarded: aborts the
   * batch (WriteConflict) unless the message is still failed, so two retries queue it once.
   */
  retry(id: string): WriteOp[];
  /**
   * Deletes up to `limit` messages sent, or given up, before `before` (ms since the epoch); never
   * a pending one. Returns how many were deleted (fewer than `limit`: none older is left).
   */
  purgeSettled(options: { before: number; limit: number }): Promise<number>;
}

/** What the back office shows of a message (never its body). */
export interface MailProblem {
  id: string;
  kind: string;
  organizationId: string | null;
  recipient: string;
  subject: string;
  createdAt: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  /** When the dispatcher tries again (ms since the epoch); meaningless once failed. */
  nextAttemptAt: number;
}

/** A published declaration whose validity ends within a reminder's horizon, not yet reminded at it. */
export interface ReminderDue {
  declarationId: string;
  organizationId: string;
  validUntil: string;
  /** The smallest horizon (days before the end) reached: 90, 30 or 7. */
  daysBefore: number;
}

/** Which renewal reminders were queued: each (declaration, validity end, days before) once. */
export interface RenewalReminderLedger {
  /**
   * Published declarations whose validUntil is after `now` and at or before one of the horizons'
   * `until`, paired with the smallest such horizon, unless that horizon (or a smaller one) was
   * already recorded for this validity end. Horizons in ascending order of days.
   */
  due(options: { now: string; horizons: readonly { days: number; until: string }[]; limit: number }): Promise<ReminderDue[]>;
  /** Aborts the batch (UniqueViolation) when the same reminder was recorded first by another run. */
  record(reminder: { declarationId: string; validUntil: string; daysBefore: number; at: string }): WriteOp;
}

/** What a transport is asked to send. `id` is the outbox id: a Message-ID or idempotency key. */
export interface MailEnvelope {
  id: string;
  from: string;
  /** MAIL_REPLY_TO, as the Reply-To header; absent when not set. */
  replyTo?: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Never throws: a failure is an error message the dispatcher records before retrying; `permanent`
 * when retrying cannot help (the server refused the recipient or the message for good).
 */
export type MailSendResult = { ok: true } | { ok: false; error: string; permanent?: boolean };

export interface MailTransport {
  /** Short name for logs and the README: smtp, folder, http-api. */
  readonly name: string;
  send(message: MailEnvelope): Promise<MailSendResult>;
  /**
   * A transport that keeps its own copy of what it sent (Node's folder of .eml files) deletes the
   * copies sent before `before` (ms since the epoch) with the outbox's rows.
   */
  purgeSentBefore?(before: number): Promise<void>;
}
