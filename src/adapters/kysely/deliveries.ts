import type { Kysely } from 'kysely';
import type { Delivery, DeliveryStatus } from '../../domain/partners/model.js';
import type { DeliveryStore } from '../../ports/partners.js';
import type { UnitOfWork, WriteOp } from '../../ports/store.js';
import type { Database } from './schema.js';
import type { ChangeEventRow, DeliveryRow } from './partner-schema.js';
import { toChangeEvent } from './change-events.js';
import { decodeCursor } from '../../domain/cursor.js';
import { fixedRows, toOp, toPage } from './ops.js';

const CLAIM_SQL = `UPDATE webhook_deliveries SET lease_owner = ?, lease_until = ?
  WHERE id IN (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ?
               AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at LIMIT ?)`;
/** Whether CLAIM_SQL would lease anything: a read, where the UPDATE takes the write lock even to change nothing. */
const ANY_DUE_SQL = `SELECT 1 AS due FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ?
  AND (lease_until IS NULL OR lease_until < ?) LIMIT 1`;
const CLAIMED_SQL = `SELECT d.id, d.attempts, d.webhook_id, d.partner_id, w.url, w.secret, w.deleted_at, w.disabled_at,
  e.id AS event_id, e.type, e.subject_type, e.subject_id, e.organization_id, e.occurred_at, e.data
  FROM webhook_deliveries AS d INNER JOIN webhooks AS w ON w.id = d.webhook_id INNER JOIN change_events AS e ON e.seq = d.event_seq
  WHERE d.lease_owner = ? AND d.status = 'pending' ORDER BY d.event_seq`;
type ClaimedRow = Omit<ChangeEventRow, 'seq' | 'id'> & {
  id: string; attempts: number; webhook_id: string; partner_id: string; url: string; secret: string; deleted_at: string | null; disabled_at: string | null; event_id: string;
};

/** The statements that put deliveries in the outbox: the change outbox's fan-out and a replay. */
const QUEUES_DELIVERY = /^\s*insert\s+into\s+"?webhook_deliveries"?\s/i;

/**
 * The same unit of work, calling `kick` once a batch that may have queued webhook deliveries has
 * committed: the entry points start the dispatcher right then, instead of at its next poll. The
 * kick only starts a run that claims due rows in SQL, so an extra or a missed one changes nothing
 * but timing (the poll or cron remains the safety net).
 */
export function kickAfterCommit(uow: UnitOfWork, kick: () => void): UnitOfWork {
  return {
    async commit(ops: readonly WriteOp[]) {
      await uow.commit(ops);
      if (ops.some((op) => QUEUES_DELIVERY.test(op.sql))) kick();
    },
  };
}

type Listed = DeliveryRow & { event_id: string; event_type: string };

const toDelivery = (row: Listed): Delivery => ({
  id: row.id,
  webhookId: row.webhook_id,
  eventId: row.event_id,
  eventType: row.event_type,
  status: row.status as DeliveryStatus,
  attempts: row.attempts,
  nextAttemptAt: row.status === 'pending' ? new Date(row.next_attempt_at).toISOString() : null,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  replayOf: row.replay_of,
  createdAt: row.created_at,
  lastAttemptAt: row.last_attempt_at,
  deliveredAt: row.delivered_at,
});

export function createKyselyDeliveries(db: Kysely<Database>): DeliveryStore {
  const listed = () =>
    db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('change_events as e', 'e.seq', 'd.event_seq')
      .selectAll('d')
      .select(['e.id as event_id', 'e.type as event_type']);

  return {
    async get(id) {
      const row = await listed().where('d.id', '=', id).executeTakeFirst();
      return row ? { ...toDelivery(row), partnerId: row.partner_id, eventSeq: row.event_seq } : null;
    },
    async list({ partnerId, status, cursor, limit }) {
      let query = listed().where('d.partner_id', '=', partnerId);
      if (status) query = query.where('d.status', '=', status);
      const after = decodeCursor(cursor);
      if (after) {
        const [createdAt, id] = after.split('|');
        query = query.where((eb) => eb.or([eb('d.created_at', '<', createdAt!), eb.and([eb('d.created_at', '=', createdAt!), eb('d.id', '<', id!)])]));
      }
      const rows = await query.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').limit(limit + 1).execute();
      return toPage(rows, limit, toDelivery, (row) => `${row.created_at}|${row.id}`);
    },
    async claimDue({ owner, now, leaseUntil, limit }) {
      // One statement: SQLite and D1 run it atomically, so two dispatchers never lease the same row.
      // Run right after every commit that may have queued a delivery: fixed statements (see
      // fixedRows). Most such commits queue none (no webhook wants the event), and a write
      // transaction that changes nothing still cost ~150 µs of a publication's ~7 ms: look first.
      // The owner is new for every claim, so nothing can be leased to it already.
      if ((await fixedRows(db, ANY_DUE_SQL, [now, now])).length === 0) return [];
      await fixedRows(db, CLAIM_SQL, [owner, leaseUntil, now, now, limit]);
      const rows = await fixedRows<ClaimedRow>(db, CLAIMED_SQL, [owner]);
      return rows.map((row) => ({
        id: row.id,
        attempts: row.attempts,
        webhookId: row.webhook_id,
        partnerId: row.partner_id,
        url: row.url,
        secret: row.secret,
        webhookDeleted: row.deleted_at !== null,
        webhookDisabled: row.disabled_at !== null,
        event: toChangeEvent({ ...row, id: row.event_id }),
      }));
    },
    async nextDueAt() {
      const row = await db
        .selectFrom('webhook_deliveries')
        .select((eb) => eb.fn.min('next_attempt_at').as('next'))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return row?.next === null || row?.next === undefined ? null : Number(row.next);
    },
    record(o) {
      return toOp(
        db
          .updateTable('webhook_deliveries')
          .set({
            status: o.status,
            attempts: o.attempts,
            next_attempt_at: o.nextAttemptAt,
            lease_owner: null,
            lease_until: null,
            last_status_code: o.statusCode,
            last_error: o.error,
            last_attempt_at: o.at,
            ...(o.status === 'delivered' ? { delivered_at: o.at } : {}),
          })
          // A lease that lapsed and was taken over belongs to the new owner now.
          .where('id', '=', o.id)
          .where('lease_owner', '=', o.leaseOwner),
      );
    },
    cancelPendingOf(partnerId, at, reason) {
      return toOp(
        db
          .updateTable('webhook_deliveries')
          .set({ status: 'cancelled', lease_owner: null, lease_until: null, last_error: reason, last_attempt_at: at })
          .where('partner_id', '=', partnerId)
          .where('status', '=', 'pending'),
      );
    },
    cancelPendingOfWebhook(webhookId, at, reason) {
      return toOp(
        db
          .updateTable('webhook_deliveries')
          .set({ status: 'cancelled', lease_owner: null, lease_until: null, last_error: reason, last_attempt_at: at })
          .where('webhook_id', '=', webhookId)
          .where('status', '=', 'pending'),
      );
    },
    replay(original, newId, now, at) {
      return [
        toOp(
          db.insertInto('webhook_deliveries').values({
            id: newId,
            webhook_id: original.webhookId,
            partner_id: original.partnerId,
            event_seq: original.eventSeq,
            replay_of: original.id,
            status: 'pending',
            attempts: 0,
            next_attempt_at: now,
            lease_owner: null,
            lease_until: null,
            last_status_code: null,
            last_error: null,
            created_at: at,
            last_attempt_at: null,
            delivered_at: null,
          }),
        ),
      ];
    },
  };
}
