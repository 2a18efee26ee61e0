import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../../src/adapters/kysely/schema.js';

export interface QueryPlan {
  sql: string;
  plan: string[];
}

/**
 * The plan of every query `read` runs through the adapter `make` builds, on the server's database
 * file (read-only): what SQLite would do for the very statements a page or a file runs.
 */
export async function queryPlansOf<T>(dbPath: string, make: (db: Kysely<Database>) => T, read: (adapter: T) => Promise<unknown>): Promise<QueryPlan[]> {
  const raw = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  const plans: QueryPlan[] = [];
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: raw }),
    log: (event) => {
      const { sql, parameters } = event.query;
      plans.push({ sql, plan: (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(parameters as unknown[])) as { detail: string }[]).map((r) => r.detail) });
    },
  });
  try {
    await read(make(db));
  } finally {
    await db.destroy();
  }
  return plans;
}
