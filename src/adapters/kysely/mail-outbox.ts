import { sql, type Kysely } from 'kysely';
import type { MailKind, MailOutbox, MailProblem, QueuedMail, RenewalReminderLedger } from '../../ports/mail.js';
import type { Database } from './schema.js';
import { GUARD_OP, toOp } from './ops.js';

/** Tables of migrations/2026-11-30T1300-mail-outbox.ts (times in ms are integers, compared in SQL). */
export type MailTables = {
  mail_outbox: MailOutboxRow;
  mail_reminders: { declaration_id: string; valid_until: string; days_before: number; created_at: string };
};

/** A type alias, not an interface: Kysely's withTables wants an index-compatible record type. */
export type MailOutboxRow = {
  id: string;
  kind: string;
  organization_id: string | null;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  created_at: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  sent_at: string | null;
  last_error: string | null;
};

const withMail = (db: Kysely<Database>) => db.withTables<MailTables>();

export function createKyselyMailOutbox(database: Kysely<Database>, { now = () => Date.now() }: { now?: () => number } = {}): MailOutbox {
  const db = withMail(database);
  return {
    append(messages) {
      if (messages.length === 0) return [];
      const dueAt = now();
      return messages.map((m) =>
        toOp(
          db.insertInto('mail_outbox').values({
            id: m.id,
            kind: m.kind,
            organization_id: m.organizationId,
            recipient: m.recipient,
            subject: m.subject,
            text_body: m.text,
            html_body: m.html,
            created_at: m.createdAt,
            status: 'pending',
            attempts: 0,
            next_attempt_at: dueAt,
            lease_owner: null,
            lease_until: null,
            sent_at: null,
            last_error: null,
          }),
        ),
      );
    },
    async claimDue({ owner, now: at, leaseUntil, limit }) {
      // One statement: SQLite and D1 run it atomically, so two runs never lease the same row.
      await sql`UPDATE mail_outbox SET lease_owner = ${owner}, lease_until = ${leaseUntil}
        WHERE id IN (SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= ${at}
                     AND (lease_until IS NULL OR lease_until < ${at}) ORDER BY next_attempt_at LIMIT ${limit})`.execute(db);
      const rows = await db.selectFrom('mail_outbox').selectAll().where('lease_owner', '=', owner).where('status', '=', 'pending').orderBy('next_attempt_at').execute();
      return rows.map(
        (row): QueuedMail => ({
          id: row.id,
          kind: row.kind as MailKind,
          organizationId: row.organization_id,
          recipient: row.recipient,
          subject: row.subject,
          text: row.text_body,
          html: row.html_body,
          createdAt: row.created_at,
          attempts: row.attempts,
        }),
      );
    },
    async nextDueAt() {
      const row = await db
        .selectFrom('mail_outbox')
        .select((eb) => eb.fn.min('next_attempt_at').as('next'))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return row?.next === null || row?.next === undefined ? null : Number(row.next);
    },
    markSent(id, owner, at) {
      return toOp(
        db
          .updateTable('mail_outbox')
          .set({
            status: 'sent', attempts: sql`attempts + 1`, sent_at: at, last_error: null, lease_owner: null, lease_until: null,
            // When it went out, in ms: what purgeSettled compares, through the (status, next_attempt_at) index.
            next_attempt_at: Date.parse(at),
            // An invitation (an organization's, or the staff's to the back office) carries a one-time
            // sign-up link, stored elsewhere only as a hash: once delivered, its text need not (and
            // must not) stay readable in the database.
            text_body: sql`CASE WHEN kind IN ('invitation', 'staff.invitation') THEN '' ELSE text_body END`,
            html_body: sql`CASE WHEN kind IN ('invitation', 'staff.invitation') THEN '' ELSE html_body END`,
          })
          // A lease that lapsed and was taken over belongs to the new owner now.
          .where('id', '=', id)
          .where('lease_owner', '=', owner),
      );
    },
    markFailed(id, owner, outcome) {
      return toOp(
        db
          .updateTable('mail_outbox')
          .set({
            status: outcome.gaveUp ? 'failed' : 'pending',
            attempts: outcome.attempts,
            next_attempt_at: outcome.nextAttemptAt,
            last_error: outcome.error.slice(0, 1000),
            lease_owner: null,
            lease_until: null,
          })
          .where('id', '=', id)
          .where('lease_owner', '=', owner),
      );
    },
    async noteUnsendable(error) {
      const result = await db
        .updateTable('mail_outbox')
        .set({ last_error: error })
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('last_error', 'is', null), eb('last_error', '!=', error)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async problems({ limit }) {
      const rows = await db
        .selectFrom('mail_outbox')
        .select(PROBLEM_COLUMNS)
        .where((eb) => eb.or([eb('status', '=', 'failed'), eb.and([eb('status', '=', 'pending'), eb('last_error', 'is not', null)])]))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      return { items: rows.slice(0, limit).map(problemOf), more: rows.length > limit };
    },
    async get(id) {
      const row = await db.selectFrom('mail_outbox').select(PROBLEM_COLUMNS).where('id', '=', id).executeTakeFirst();
      return row ? problemOf(row) : null;
    },
    async purgeSettled({ before, limit }) {
      // next_attempt_at is when a message settled: its sending (markSent), or the give-up plus at
      // most an hour's backoff (markFailed). A message sent before markSent set it has an earlier
      // one, so its sent_at must be old enough too. One statement with three bound values (D1's
      // limit is 100), its subquery bounding the batch.
      const result = await sql`DELETE FROM mail_outbox WHERE id IN (
        SELECT id FROM mail_outbox WHERE status IN ('sent', 'failed') AND next_attempt_at < ${before}
          AND (sent_at IS NULL OR sent_at < ${new Date(before).toISOString()}) LIMIT ${limit})`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },
    retry(id) {
      return [
        toOp(
          db
            .updateTable('mail_outbox')
            .set({ status: 'pending', attempts: 0, next_attempt_at: now(), last_error: null, lease_owner: null, lease_until: null })
            .where('id', '=', id)
            .where('status', '=', 'failed'),
        ),
        GUARD_OP,
      ];
    },
  };
}

const PROBLEM_COLUMNS = ['id', 'kind', 'organization_id', 'recipient', 'subject', 'created_at', 'status', 'attempts', 'last_error', 'next_attempt_at'] as const;

function problemOf(row: Pick<MailOutboxRow, (typeof PROBLEM_COLUMNS)[number]>): MailProblem {
  return {
    id: row.id,
    kind: row.kind,
    organizationId: row.organization_id,
    recipient: row.recipient,
    subject: row.subject,
    createdAt: row.created_at,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: Number(row.next_attempt_at),
  };
}

export function createKyselyReminderLedger(database: Kysely<Database>): RenewalReminderLedger {
  const db = withMail(database);
  return {
    async due({ now, horizons, limit }) {
      if (horizons.length === 0) return [];
      const widest = horizons[horizons.length - 1]!;
      // The smallest horizon whose cut-off the validity end has reached (horizons ascend).
      const reached = sql<number>`CASE ${sql.join(
        horizons.map((h) => sql`WHEN d.valid_until <= ${h.until} THEN ${h.days}`),
        sql` `,
      )} END`;
      const rows = await sql<{ id: string; organization_id: string; valid_until: string; days_before: number }>`
        SELECT id, organization_id, valid_until, days_before FROM (
          SELECT d.id, d.organization_id, d.valid_until, ${reached} AS days_before
          FROM declarations d
          WHERE d.status = 'published' AND d.valid_until > ${now} AND d.valid_until <= ${widest.until}
        ) AS c
        WHERE NOT EXISTS (
          SELECT 1 FROM mail_reminders r
          WHERE r.declaration_id = c.id AND r.valid_until = c.valid_until AND r.days_before <= c.days_before
        )
        ORDER BY valid_until, id
        LIMIT ${limit}`.execute(db);
      return rows.rows.map((row) => ({
        declarationId: row.id,
        organizationId: row.organization_id,
        validUntil: row.valid_until,
        daysBefore: Number(row.days_before),
      }));
    },
    record({ declarationId, validUntil, daysBefore, at }) {
      return toOp(db.insertInto('mail_reminders').values({ declaration_id: declarationId, valid_until: validUntil, days_before: daysBefore, created_at: at }));
    },
  };
}
