import { sql, type Kysely } from 'kysely';
import type { Partner, PartnerKind, PartnerUsageDay } from '../../domain/partners/model.js';
import type { PartnerRepository } from '../../ports/partners.js';
import type { Database } from './schema.js';
import type { PartnerRow } from './partner-schema.js';
import { inChunks } from './chunks.js';
import { GUARD_OP, insertUnlessOps, toOp } from './ops.js';

const toPartner = (row: PartnerRow): Partner => ({
  id: row.id,
  name: row.name,
  kind: row.kind as PartnerKind,
  clientId: row.client_id,
  rateLimitPerMinute: row.rate_limit_per_minute,
  secretVersion: row.secret_version,
  createdAt: row.created_at,
  secretRotatedAt: row.secret_rotated_at,
  deactivatedAt: row.deactivated_at,
  deactivationReason: row.deactivation_reason,
});

export function createKyselyPartners(db: Kysely<Database>): PartnerRepository {
  return {
    async get(id) {
      const row = await db.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toPartner(row) : null;
    },
    async findByClientId(clientId) {
      const row = await db.selectFrom('partners').selectAll().where('client_id', '=', clientId).executeTakeFirst();
      return row ? { ...toPartner(row), secretHash: row.secret_hash } : null;
    },
    async list() {
      return (await db.selectFrom('partners').selectAll().orderBy('created_at').orderBy('id').execute()).map(toPartner);
    },
    insert(p, secretHash, guard) {
      const row: PartnerRow = {
        id: p.id,
        name: p.name,
        kind: p.kind,
        client_id: p.clientId,
        secret_hash: secretHash,
        secret_version: p.secretVersion,
        rate_limit_per_minute: p.rateLimitPerMinute,
        created_at: p.createdAt,
        secret_rotated_at: p.secretRotatedAt,
        deactivated_at: p.deactivatedAt,
        deactivation_reason: p.deactivationReason,
      };
      // A count, not a stored name key: the check (nameKey) needs Unicode normalisation, which SQL
      // cannot do, so a key column would need a backfill in code and would go stale if the rule or
      // the runtime's Unicode data changed. Rows are only ever added, so an unchanged count is an
      // unchanged list. Registrations of other names at the same moment conflict too: the service
      // reads the list again and retries.
      const held = db.selectFrom('partners').select(({ fn }) => fn.countAll<number>().as('n'));
      const registeredSince = db.selectNoFrom(sql.lit(1).as('one')).where((eb) => eb(held, '<>', guard.held));
      return insertUnlessOps('partners', row, registeredSince);
    },
    rotateSecret(id, expectedVersion, secretHash, at) {
      return [
        toOp(
          db
            .updateTable('partners')
            .set({ secret_hash: secretHash, secret_version: expectedVersion + 1, secret_rotated_at: at })
            .where('id', '=', id)
            .where('secret_version', '=', expectedVersion),
        ),
        GUARD_OP,
      ];
    },
    setDeactivated(id, change) {
      const update = db.updateTable('partners').where('id', '=', id);
      return [
        toOp(
          change
            ? update.set({ deactivated_at: change.at, deactivation_reason: change.reason }).where('deactivated_at', 'is', null)
            : update.set({ deactivated_at: null, deactivation_reason: null }).where('deactivated_at', 'is not', null),
        ),
        GUARD_OP,
      ];
    },
    countRequest(partnerId, day) {
      return toOp(
        db
          .insertInto('partner_usage')
          .values({ partner_id: partnerId, day, requests: 1 })
          .onConflict((oc) => oc.columns(['partner_id', 'day']).doUpdateSet({ requests: sql`requests + 1` })),
      );
    },
    async usage(partnerIds, sinceDay) {
      const rows = await inChunks(partnerIds, (ids) =>
        db.selectFrom('partner_usage').selectAll().where('partner_id', 'in', ids).where('day', '>=', sinceDay).orderBy('day').execute(),
      );
      const byPartner = new Map<string, PartnerUsageDay[]>();
      for (const row of rows) {
        const days = byPartner.get(row.partner_id) ?? [];
        days.push({ day: row.day, requests: row.requests });
        byPartner.set(row.partner_id, days);
      }
      return byPartner;
    },
  };
}
