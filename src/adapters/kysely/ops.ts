import { encodeCursor } from '../../domain/cursor.js';
import { CompiledQuery, sql, type Compilable, type Insertable, type Kysely, type RawBuilder, type Updateable } from 'kysely';
import type { WriteOp } from '../../ports/store.js';
import type { Database } from './schema.js';

/** A Kysely query compiled into a WriteOp (the same SQL runs on better-sqlite3 and D1). */
export const toOp = (query: Compilable): WriteOp => {
  const compiled = query.compile();
  return { sql: compiled.sql, parameters: compiled.parameters };
};

/**
 * The rows of a statement written as SQL once. For the statements every request or publication
 * runs: Kysely built and compiled each one anew, ~20–40 µs apiece (a sixth of a publication's CPU
 * went to it). Parameters are bound, never spliced; the SQL is SQLite's, as D1's.
 */
export async function fixedRows<R>(db: Kysely<Database>, text: string, parameters: readonly unknown[]): Promise<R[]> {
  return (await db.executeQuery<R>(CompiledQuery.raw(text, [...parameters]))).rows;
}

/** The SQL of the row statements below, by table and columns (a few dozen in all). */
const rowStatements = new Map<string, string>();
const quoted = (name: string) => `"${name}"`;
/** The columns of a row that have a value: Kysely, too, leaves out the undefined ones. */
function columnsOf(row: object): string[] {
  return Object.entries(row)
    .filter(([, value]) => value !== undefined)
    .map(([column, value]) => {
      if (value !== null && typeof value === 'object') throw new TypeError(`Column "${column}" needs a plain value (a raw SQL expression needs toOp).`);
      return column;
    });
}
function rowStatement(key: string, make: () => string): string {
  let text = rowStatements.get(key);
  if (text === undefined) rowStatements.set(key, (text = make()));
  return text;
}

/** A one-row INSERT as a WriteOp, its SQL made once per column list instead of by Kysely's builder on every call (see fixedRows). */
export function insertRowOp<T extends keyof Database & string>(table: T, row: Insertable<Database[T]>): WriteOp {
  const columns = columnsOf(row);
  const text = rowStatement(`insert ${table} ${columns.join(',')}`, () => `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  return { sql: text, parameters: columns.map((column) => (row as Record<string, unknown>)[column]) };
}

/** An UPDATE of the rows matching every `where` column, as insertRowOp does it. */
export function updateRowOp<T extends keyof Database & string>(table: T, changes: Updateable<Database[T]>, where: Record<string, string | number>): WriteOp {
  const columns = columnsOf(changes);
  const keys = Object.keys(where);
  const text = rowStatement(`update ${table} ${columns.join(',')} where ${keys.join(',')}`, () =>
    `UPDATE ${quoted(table)} SET ${columns.map((column) => `${quoted(column)} = ?`).join(', ')} WHERE ${keys.map((key) => `${quoted(key)} = ?`).join(' AND ')}`,
  );
  return { sql: text, parameters: [...columns.map((column) => (changes as Record<string, unknown>)[column]), ...keys.map((key) => where[key])] };
}

/**
 * Aborts the batch when the statement before it changed no row: the CHECK (ok > 0) on
 * write_guard fails, the batch rolls back, and the store reports WriteConflict. One fixed
 * statement (see fixedRows).
 */
export const GUARD_OP: WriteOp = Object.freeze({ sql: 'UPDATE "write_guard" SET "ok" = changes() WHERE "id" = ?', parameters: Object.freeze([1]) });

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

/** Text in more organizations than this is common: reading in order finds a page of it soonest. */
const SPARSE_MAX = 2000;

/** "Organization `o` has `folded` in its search text", checked row by row. */
const likeSearchText = (folded: string) => sql<boolean>`o.search_text LIKE ${containsPattern(folded)} ESCAPE '\\'`;

/** FTS5 trigram query for `folded` (three characters or more; a quoted phrase is a substring match). */
const phraseOf = (folded: string) => `"${folded.replace(/"/g, '""')}"`;

/**
 * A page of rows whose organization `o` has every word of `folded` (see foldForSearch; words are
 * split at spaces, so 「株式会社 みらいワーク」 finds 株式会社みらいワーク and "work life" finds Work
 * Life and Work_Life) in its search text, fast whether the text is rare or common. Rare text (one
 * full name) is found through the FTS5 trigram index, where reading in order would scan every
 * organization; common text ("株式会社") is read in order, where the index would list nearly every
 * organization but a page fills at once. Which one it is, the index tells cheaply: it stops
 * counting at SPARSE_MAX + 1. Words under three characters have no trigram and are read in order.
 *
 * `page(text)` runs the caller's query (its filters, cursor, order and limit) with the condition.
 */
export async function pageByText<Row>(db: Kysely<Database>, folded: string, page: (text: RawBuilder<boolean>) => Promise<Row[]>): Promise<Row[]> {
  const words = [...new Set(folded.split(' ').filter(Boolean))];
  // Nothing left once folded (a control character alone): every row, as before there were words.
  if (words.length === 0) return page(likeSearchText(folded));
  const everyWord = (conditions: RawBuilder<boolean>[]) => sql<boolean>`(${sql.join(conditions, sql` AND `)})`;
  const indexed = words.filter((word) => [...word].length >= 3);
  if (indexed.length === 0) return page(everyWord(words.map(likeSearchText)));
  const phrases = indexed.map(phraseOf).join(' AND ');
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM organizations_search WHERE organizations_search MATCH ${phrases} LIMIT ${SPARSE_MAX + 1})`.execute(db);
  if ((rows[0]?.n ?? 0) > SPARSE_MAX) return page(everyWord(words.map(likeSearchText)));
  const short = words.filter((word) => [...word].length < 3).map(likeSearchText);
  return page(everyWord([sql<boolean>`o.id IN (SELECT organization_id FROM organizations_search WHERE organizations_search MATCH ${phrases})`, ...short]));
}

/**
 * An INSERT of `row` that writes nothing while `blocker` (a SELECT) finds a row, and the guard that
 * then aborts the batch (WriteConflict): for a "one at a time" rule that two requests at once both
 * pass when the service checks it with a read.
 */
export function insertUnlessOps(table: string, row: object, blocker: Compilable): WriteOp[] {
  const columns = Object.keys(row);
  const blocking = blocker.compile();
  const insert: WriteOp = {
    sql: `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) SELECT ${columns.map(() => '?').join(', ')} WHERE NOT EXISTS (${blocking.sql})`,
    parameters: [...Object.values(row), ...blocking.parameters],
  };
  return [insert, GUARD_OP];
}
