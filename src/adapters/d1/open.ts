import { Kysely } from 'kysely';
import { D1Dialect } from 'kysely-d1';
import type { Database } from '../kysely/schema.js';
import { translateStoreError } from '../kysely/store-errors.js';
import type { UnitOfWork } from '../../ports/store.js';

/** The few D1 binding methods used here (typed locally to keep Workers types out of shared code). */
export interface D1Like {
  prepare(sql: string): { bind(...values: unknown[]): unknown };
  batch(statements: unknown[]): Promise<unknown[]>;
}

/**
 * Cloudflare D1 as the registry's store: reads through Kysely's D1 dialect, writes as one
 * atomic batch (D1 has no interactive transactions; a failing statement rolls the batch back).
 */
export function openD1(binding: D1Like): { db: Kysely<Database>; unitOfWork: UnitOfWork } {
  const db = new Kysely<Database>({ dialect: new D1Dialect({ database: binding as never }) });
  return {
    db,
    unitOfWork: {
      async commit(ops) {
        if (ops.length === 0) return;
        try {
          await binding.batch(ops.map((op) => binding.prepare(op.sql).bind(...op.parameters)));
        } catch (error) {
          throw translateStoreError(error);
        }
      },
    },
  };
}
