import { sql, type Compilable, type Kysely, type RawBuilder } from 'kysely';
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

/** LIKE pattern for a substring search, with the wildcards in user input escaped (used with ESCAPE '\\'). */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** How many candidates, in order, a common text is looked for in before the index is asked. */
const DENSE_WINDOW = 2000;

/** "Organization `o` has `folded` in its search text", checked row by row. */
const likeSearchText = (folded: string) => sql<boolean>`o.search_text LIKE ${containsPattern(folded)} ESCAPE '\\'`;

/** The same through the FTS5 trigram index (three characters or more; a quoted phrase is a substring match). */
const indexedSearchText = (folded: string) =>
  sql<boolean>`o.id IN (SELECT organization_id FROM organizations_search WHERE organizations_search MATCH ${`"${folded.replace(/"/g, '""')}"`})`;

/**
 * A page of rows whose organization `o` has `folded` (see foldForSearch) in its search text, fast
 * whether the text is common or rare. Common text ("株式会社") fills a page within the first
 * candidates in order, where the index would have to list nearly every organization; rare text
 * (one full name) is found by the index, where reading in order would scan them all. So: LIKE
 * over the first DENSE_WINDOW candidates, and the index only when that does not fill the page.
 * Text under three characters has no trigram and is always read in order.
 *
 * `page(text, upTo)` runs the caller's query with the text condition and, when given, only up to
 * that key; `windowEnd()` is the key of the DENSE_WINDOW-th candidate, or undefined if fewer.
 */
export async function pageByText<Row>(
  folded: string,
  size: number,
  page: (text: RawBuilder<boolean>, upTo?: string) => Promise<Row[]>,
  windowEnd: (offset: number) => Promise<string | undefined>,
): Promise<Row[]> {
  if ([...folded].length < 3) return page(likeSearchText(folded));
  const end = await windowEnd(DENSE_WINDOW - 1);
  const dense = await page(likeSearchText(folded), end);
  if (dense.length >= size || end === undefined) return dense;
  return page(indexedSearchText(folded));
}
