import type { OpenDataSnapshot } from '../../ports/open-data.js';

/** Rows a batch is read in by default: a few hundred KB of text each, one statement per batch. */
export const OPEN_DATA_BATCH_SIZE = 500;

/**
 * A file as the ids of its rows, in its order, read in one statement (one snapshot), then its rows
 * read `batchSize` ids at a time (the awards' file: a few thousand rows). Why ids and not a keyset
 * on the order: a file streamed in several statements must show every row that existed throughout
 * exactly once, and its JSON `count` is written before the first row; an award revoked before its
 * batch would otherwise be missing under a count that said otherwise. Holding one read
 * transaction open across batches would give a true snapshot on better-sqlite3 but not on D1 (no
 * interactive transactions), and would hold the Node server's only connection. So the ids fix
 * which rows and in what order; each row is shown as it is when its batch is read (renamed, its
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

/** Where a row of the declarations' file stands in its order: publication, then id. */
export type PublicationKey = readonly [publishedAt: string, id: string];

interface KeyedRow<T> {
  id: string;
  key: PublicationKey;
  source: T;
}

/**
 * The declarations' file, read by a keyset on its order (publication, then id) from an index, so
 * that its first batch leaves at once: reading and sorting 100,000 ids before it took ~1 s. The
 * file is the rows public when it starts: `count` of them, none published after `lastPublishedAt`
 * (read with the count in one statement). A published declaration stays in the file for good
 * (revoked, withdrawn, expired, or back in review for its renewal, with the version last
 * published), so later batches find every one of them, each as it is when read, except one whose
 * renewal is published during the download: that moves it past `lastPublishedAt`, to the end of
 * the order. Sent already, it is not sent again; not yet, it is sent last (`republished`), so
 * every row shows once and the JSON count holds. A first publication during the download waits
 * for the next one. The ids sent are remembered for that (~5 MB for 100,000 rows, what the ids
 * of the whole file took before).
 */
export function publicationOrderSnapshotOf<T>(
  file: { count: number; lastPublishedAt: string | null },
  batchSize: number,
  read: {
    after(after: PublicationKey | null, limit: number): Promise<KeyedRow<T>[]>;
    republished(): Promise<KeyedRow<T>[]>;
  },
): OpenDataSnapshot<T> {
  return {
    count: file.count,
    async *batches() {
      if (file.count === 0 || file.lastPublishedAt === null) return;
      const sent = new Set<string>();
      for (let after: PublicationKey | null = null; ; ) {
        const rows = await read.after(after, batchSize);
        // A key only grows, but a clock set back could move a row sent already ahead of the cursor.
        const batch = rows.filter((row) => !sent.has(row.id));
        for (const row of batch) sent.add(row.id);
        if (batch.length > 0) yield batch.map((row) => row.source);
        if (rows.length < batchSize) break;
        after = rows.at(-1)!.key;
      }
      if (sent.size >= file.count) return;
      const moved = (await read.republished()).filter((row) => !sent.has(row.id)).slice(0, file.count - sent.size);
      for (let start = 0; start < moved.length; start += batchSize) yield moved.slice(start, start + batchSize).map((row) => row.source);
    },
  };
}
