import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** A trivial query for GET /readyz: resolves when the database (SQLite or D1) answers. */
export const pingDatabase = (db: Kysely<Database>) => async (): Promise<void> => {
  await sql`SELECT 1`.execute(db);
};
