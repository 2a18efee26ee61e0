import type { Kysely } from 'kysely';
import type { IdempotencyClaim, IdempotencyStore } from '../../ports/idempotency.js';

interface IdempotencyTables {
  idempotency_keys: {
    id: string;
    request_hash: string;
    state: 'in-flight' | 'done';
    locked_until: number;
    status: number | null;
    response: string | null;
    created_at: string;
    expires_at: number;
  };
}

/**
 * Idempotency keys in SQLite / D1 (migrations/2026-11-25T1800-idempotency.ts). Each step is one
 * statement, atomic on its own: the INSERT … ON CONFLICT DO NOTHING RETURNING decides which of
 * two concurrent requests owns a key, with no read-then-write race.
 */
export function createKyselyIdempotencyStore(database: Kysely<any>): IdempotencyStore {
  const db = database as Kysely<IdempotencyTables>;
  return {
    async claim({ id, requestHash, now, leaseMs, ttlMs }): Promise<IdempotencyClaim> {
      await db.deleteFrom('idempotency_keys').where('expires_at', '<=', now).execute();
      const inserted = await db
        .insertInto('idempotency_keys')
        .values({ id, request_hash: requestHash, state: 'in-flight', locked_until: now + leaseMs, status: null, response: null, created_at: new Date(now).toISOString(), expires_at: now + ttlMs })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) return { kind: 'claimed' };
      const row = await db.selectFrom('idempotency_keys').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return { kind: 'in-flight', requestHash }; // released a moment ago: the client may retry
      if (row.state === 'done') return { kind: 'done', requestHash: row.request_hash, status: row.status!, response: row.response! };
      // An in-flight claim whose lease ran out belongs to a request that died (process killed):
      // the same request may take it over. Guarded on the old lease, so only one taker wins.
      if (row.locked_until <= now && row.request_hash === requestHash) {
        const taken = await db
          .updateTable('idempotency_keys')
          .set({ locked_until: now + leaseMs })
          .where('id', '=', id)
          .where('state', '=', 'in-flight')
          .where('locked_until', '=', row.locked_until)
          .returning('id')
          .executeTakeFirst();
        if (taken) return { kind: 'claimed' };
      }
      return { kind: 'in-flight', requestHash: row.request_hash };
    },
    async complete(id, { status, response }) {
      await db.updateTable('idempotency_keys').set({ state: 'done', status, response }).where('id', '=', id).execute();
    },
    async release(id) {
      await db.deleteFrom('idempotency_keys').where('id', '=', id).where('state', '=', 'in-flight').execute();
    },
  };
}
