/** D1 binds at most 100 parameters per statement; leave room for the query's other parameters. */
export const MAX_IN_PARAMETERS = 90;

/** Runs `query` over `values` in IN (…) chunks (sequentially: D1 and SQLite serialize anyway) and concatenates the rows. */
export async function inChunks<V, R>(values: readonly V[], query: (chunk: V[]) => Promise<R[]>, size = MAX_IN_PARAMETERS): Promise<R[]> {
  const rows: R[] = [];
  for (let i = 0; i < values.length; i += size) rows.push(...(await query(values.slice(i, i + size))));
  return rows;
}
