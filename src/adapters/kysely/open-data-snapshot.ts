import type { OpenDataSnapshot } from '../../ports/open-data.js';

/** Rows a batch is read in by default: a few hundred KB of text each, one statement per batch. */
export const OPEN_DATA_BATCH_SIZE = 500;

/**
 * A file as the ids of its rows, in its order, read in one statement (one snapshot), then its rows
 * read `batchSize` ids at a time. Why ids and not a keyset on the order: a file streamed in
 * several statements must show every row that existed throughout exactly once, and its JSON
 * `count` is written before the first row. The declarations' order (published_at, id) is not
 * stable: a renewal published after expiry moves its declaration to the end, so paging by
 * "after (published_at, id)" would show it twice, or not at all had it been moved before its
 * turn; and a count taken first would not match a file that gained a publication or lost a
 * revoked award meanwhile. Holding one read transaction open across batches would give a true
 * snapshot on better-sqlite3 but not on D1 (no interactive transactions), and would hold the
 * Node server's only connection. So the ids fix which rows and in what order (about 50 bytes an
 * id: 5 MB for 100,000 rows); each row is shown as it is when its batch is read (renamed, its
 * new name; an award revoked since, with its status 取消). A row published after the snapshot
 * waits for the next download, as it would have before streaming.
 */
export function snapshotOf<T>(
  ids: readonly string[],
  batchSize: number,
  read: (batch: readonly string[]) => Promise<{ id: string; source: T }[]>,
): OpenDataSnapshot<T> {
  return {
    count: ids.length,
    async *batches() {
      for (let start = 0; start < ids.length; start += batchSize) {
        const batch = ids.slice(start, start + batchSize);
        const byId = new Map((await read(batch)).map((row) => [row.id, row.source]));
        // In the snapshot's order; an id without a row (deleted meanwhile) is skipped.
        yield batch.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
      }
    },
  };
}
