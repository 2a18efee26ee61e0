import type { Kysely } from 'kysely';
import type { DataGeneration } from '../../ports/store.js';
import type { Database } from './schema.js';

/**
 * The record's generation read as a query (D1, where no statement runs synchronously): one row
 * that triggers move with every change to the record (migration 2026-12-06T0900). One small read
 * in place of the aggregates it lets a read model keep.
 */
export const recordGenerationOf = (db: Kysely<Database>): DataGeneration => async () => {
  const row = await db.selectFrom('record_generation').select('n').where('id', '=', 1).executeTakeFirst();
  return row ? String(row.n) : null;
};
