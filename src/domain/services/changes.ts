import { invalid } from '../errors.js';
import type { FeedEvent } from '../partners/model.js';
import type { ChangeFeedReader } from '../../ports/partners.js';
import type { Clock } from './context.js';

/**
 * The public change feed. A cursor is the position of the last event a client has seen; asking
 * for events after it returns the next ones in commit order. `nextCursor` is always set (to the
 * given cursor when nothing is new), so a client just keeps polling with it.
 *
 * Why nothing is skipped: positions are AUTOINCREMENT keys assigned inside the batch that
 * commits the change, and SQLite/D1 run one write transaction at a time, so position N+1 is
 * assigned only after the batch holding N committed. A reader therefore never sees N+1 while N
 * is still invisible. (A database with concurrent writers and sequences, such as PostgreSQL,
 * would break this and need a commit-order watermark instead.)
 */
export function createChangeFeed({ reader, clock }: { reader: ChangeFeedReader; clock: Clock }) {
  return {
    async read({ after, limit }: { after: string | undefined; limit: number }): Promise<{ asOf: string; items: FeedEvent[]; nextCursor: string; hasMore: boolean }> {
      const position = parseCursor(after);
      const asOf = clock.now().toISOString();
      const rows = await reader.after(position, limit + 1);
      // A cursor past the newest event was never handed out by this feed (or the registry was restored from a backup):
      // echoing it back would make the client skip the events that take its place.
      if (rows.length === 0 && position > (await reader.latestCursor())) {
        throw invalid([{
          field: 'after',
          ja: 'この after は最新の変更より先です（登録簿がバックアップから復元された可能性があります）。照会で最新の状態を取り直し、/api/v1/changes/latest の cursor から読み直してください。',
          en: 'after is past the newest change (the registry may have been restored from a backup): re-read the current state by lookup and continue from the cursor of /api/v1/changes/latest.',
        }]);
      }
      const items = rows.slice(0, limit);
      return { asOf, items, nextCursor: items.at(-1)?.cursor ?? String(position), hasMore: rows.length > limit };
    },
    /** The cursor of the newest event: a client that only wants what happens from now on starts here. */
    async latest(): Promise<string> {
      return String(await reader.latestCursor());
    },
  };
}

function parseCursor(after: string | undefined): number {
  if (after === undefined || after === '') return 0;
  if (!/^\d{1,15}$/.test(after)) {
    throw invalid([{ field: 'after', ja: 'after には前回の nextCursor を指定してください。', en: 'after must be a cursor returned by this feed (nextCursor or an item cursor).' }]);
  }
  return Number(after);
}

export type ChangeFeed = ReturnType<typeof createChangeFeed>;
