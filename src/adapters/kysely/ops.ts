import { sql, type Compilable, type Kysely } from 'kysely';
import type { WriteOp } from '../../ports/store.js';
import type { Database } from './schema.js';

/** A Kysely query compiled into a WriteOp (the same SQL runs on better-sqlite3 and D1). */
export const toOp = (query: Compilable): WriteOp => {
  const compiled = query.compile();
  return { sql: compiled.sql, parameters: compiled.parameters };
};

/**
 * Aborts the batch when the statement before it changed no row: the CHECK (ok > 0) on
 * write_guard fails, the batch rolls back, and the store reports WriteConflict.
 */
export const guardOp = (db: Kysely<Database>): WriteOp =>
  toOp(db.updateTable('write_guard').set({ ok: sql<number>`changes()` }).where('id', '=', 1));

/** Cursor = the last id of the previous page, base64url-encoded so clients treat it as opaque. */
export const encodeCursor = (value: string | number): string =>
  btoa(String(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export const decodeCursor = (cursor: string | null | undefined): string | null => {
  if (!cursor) return null;
  try {
    return atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
};

/** Fetches limit+1 rows to know whether another page exists. */
export function toPage<R, T>(rows: R[], limit: number, map: (row: R) => T, key: (row: R) => string | number) {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  return {
    items: slice.map(map),
    nextCursor: more ? encodeCursor(key(slice[slice.length - 1]!)) : null,
  };
}

/** LIKE pattern for a substring search, with the wildcards in user input escaped. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
