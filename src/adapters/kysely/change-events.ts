import type { Kysely } from 'kysely';
import type { ChangeEvent, ChangeEventType, FeedEvent } from '../../domain/partners/model.js';
import type { ChangeFeedReader, ChangeOutbox } from '../../ports/partners.js';
import type { Database } from './schema.js';
import type { ChangeEventRow } from './partner-schema.js';
import { insertRowOp } from './ops.js';

export const toChangeEvent = (row: Omit<ChangeEventRow, 'seq'>): ChangeEvent => ({
  id: row.id,
  type: row.type as ChangeEventType,
  occurredAt: row.occurred_at,
  subject: { type: row.subject_type as 'declaration' | 'award', id: row.subject_id },
  organizationId: row.organization_id,
  data: JSON.parse(row.data),
});

/**
 * The event row plus one pending delivery per live webhook subscribed to its type, fanned out
 * by INSERT … SELECT inside the same batch. Delivery ids come from randomblob: the batch is
 * built before it runs, so no id can be chosen in code per (unknown) subscriber. A deactivated
 * partner's webhooks get none: it reads what it missed from the change feed once reactivated; nor
 * does a webhook disabled after a 410 Gone, until it is enabled again.
 */
const FAN_OUT_SQL = `INSERT INTO webhook_deliveries (id, webhook_id, partner_id, event_seq, status, attempts, next_attempt_at, created_at)
  SELECT 'msg_' || lower(hex(randomblob(16))), w.id, w.partner_id, (SELECT seq FROM change_events WHERE id = ?), 'pending', 0, ?, ?
  FROM webhooks w
  WHERE w.deleted_at IS NULL AND w.disabled_at IS NULL AND EXISTS (SELECT 1 FROM json_each(w.events) WHERE json_each.value = ?)
    AND NOT EXISTS (SELECT 1 FROM partners p WHERE p.id = w.partner_id AND p.deactivated_at IS NOT NULL)`;

export function createKyselyChangeOutbox(db: Kysely<Database>, { now = () => Date.now() }: { now?: () => number } = {}): ChangeOutbox {
  return {
    append(event) {
      const insertEvent = insertRowOp('change_events', {
        id: event.id,
        type: event.type,
        subject_type: event.subject.type,
        subject_id: event.subject.id,
        organization_id: event.organizationId,
        occurred_at: event.occurredAt,
        data: JSON.stringify(event.data),
      });
      return [insertEvent, { sql: FAN_OUT_SQL, parameters: [event.id, now(), event.occurredAt, event.type] }];
    },
  };
}

export function createKyselyChangeFeed(db: Kysely<Database>): ChangeFeedReader {
  return {
    async after(after, limit) {
      const rows = await db.selectFrom('change_events').selectAll().where('seq', '>', after).orderBy('seq').limit(limit).execute();
      return rows.map((row): FeedEvent => ({ cursor: String(row.seq), ...toChangeEvent(row) }));
    },
    async latestCursor() {
      const row = await db.selectFrom('change_events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
      return Number(row?.seq ?? 0);
    },
  };
}
