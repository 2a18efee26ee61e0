import { sql, type Expression, type Kysely } from 'kysely';
import type { ChangeEventType, Webhook } from '../../domain/partners/model.js';
import type { WebhookRepository } from '../../ports/partners.js';
import type { Database } from './schema.js';
import type { WebhookRow } from './partner-schema.js';
import { GUARD_OP, toOp } from './ops.js';

const toWebhook = (row: WebhookRow): Webhook => ({
  id: row.id,
  partnerId: row.partner_id,
  url: row.url,
  events: JSON.parse(row.events) as ChangeEventType[],
  createdAt: row.created_at,
  disabledAt: row.disabled_at,
  disabledReason: row.disabled_reason,
});

/**
 * The signing secret is stored as is. It cannot be hashed (the registry must compute HMACs with
 * it), and encrypting it with a key from the environment would only help against a leak of the
 * database alone; anyone who reads it can forge deliveries to that one partner, who can rotate by
 * registering a new webhook. Encrypt at rest (e.g. AES-GCM with a WEBHOOK_SECRET_KEY) if the
 * database is ever copied to less trusted places. It is never returned after registration.
 */
export function createKyselyWebhooks(db: Kysely<Database>): WebhookRepository {
  /** The partner, while it is active (not deactivated): a condition for the writes below. */
  const activePartner = (partnerId: string | Expression<string>) =>
    db.selectFrom('partners').select(sql.lit(1).as('one')).where('partners.id', '=', partnerId).where('partners.deactivated_at', 'is', null);
  return {
    async get(id) {
      const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? { ...toWebhook(row), deletedAt: row.deleted_at } : null;
    },
    async listByPartner(partnerId) {
      const rows = await db.selectFrom('webhooks').selectAll().where('partner_id', '=', partnerId).where('deleted_at', 'is', null).orderBy('created_at').execute();
      return rows.map(toWebhook);
    },
    insert(webhook, secret, { limit }) {
      const row: WebhookRow = {
        id: webhook.id,
        partner_id: webhook.partnerId,
        url: webhook.url,
        events: JSON.stringify(webhook.events),
        secret,
        created_at: webhook.createdAt,
        deleted_at: null,
        disabled_at: webhook.disabledAt,
        disabled_reason: webhook.disabledReason,
      };
      // Only while the partner is active, holds fewer than `limit` webhooks and none to this URL,
      // in the one statement that writes: a deactivation, or another registration (two posts of
      // one form at the same moment), committed after the service's checks (reads) turns this
      // empty insert into a WriteConflict. No unique index: databases may already hold such twins.
      const columns = Object.keys(row) as (keyof WebhookRow)[];
      const held = db.selectFrom('webhooks').where('partner_id', '=', webhook.partnerId).where('deleted_at', 'is', null);
      const values = db
        .selectNoFrom(columns.map((column) => sql<unknown>`${row[column]}`.as(column)))
        .where(({ exists }) => exists(activePartner(webhook.partnerId)))
        .where((eb) => eb(held.select(({ fn }) => fn.countAll<number>().as('n')), '<', limit))
        .where(({ exists, not }) => not(exists(held.select(sql.lit(1).as('one')).where('url', '=', webhook.url))));
      return [toOp(db.insertInto('webhooks').columns(columns).expression(values)), GUARD_OP];
    },
    remove(id, at) {
      return [toOp(db.updateTable('webhooks').set({ deleted_at: at }).where('id', '=', id).where('deleted_at', 'is', null)), GUARD_OP];
    },
    disable(id, { at, reason, delivery }) {
      return [
        toOp(
          db
            .updateTable('webhooks')
            .set({ disabled_at: at, disabled_reason: reason })
            .where('id', '=', id)
            .where('deleted_at', 'is', null)
            .where('disabled_at', 'is', null)
            // Only while this attempt still holds its delivery: a lease taken over (or released by a
            // cancellation) means another outcome is, or was, recorded for it.
            .where(({ exists, selectFrom }) =>
              exists(selectFrom('webhook_deliveries').select('id').where('id', '=', delivery.id).where('lease_owner', '=', delivery.leaseOwner)),
            ),
        ),
        GUARD_OP,
      ];
    },
    enable(id) {
      return [
        toOp(
          db
            .updateTable('webhooks')
            .set({ disabled_at: null, disabled_reason: null })
            .where('id', '=', id)
            .where('deleted_at', 'is', null)
            .where('disabled_at', 'is not', null)
            // Only while its partner is active: a deactivation committed after the service's check
            // turns this into a WriteConflict instead of a webhook enabled for nothing.
            .where(({ exists }) => exists(activePartner(sql.ref<string>('webhooks.partner_id')))),
        ),
        GUARD_OP,
      ];
    },
  };
}
