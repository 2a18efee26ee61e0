import BetterSqlite3 from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../kysely/schema.js';
import type { DataGeneration, UnitOfWork, WriteOp } from '../../ports/store.js';
import { translateStoreError } from '../kysely/store-errors.js';
import { migrateToLatest } from '../kysely/migrator.js';
import { migrations } from '../../../migrations/index.js';
import { leaveCheckpointsToAnotherProcess, startBackgroundCheckpoint, type BackgroundCheckpoint } from './background-checkpoint.js';

export interface SqliteStore {
  db: Kysely<Database>;
  unitOfWork: UnitOfWork;
  generation: DataGeneration;
  raw: BetterSqlite3.Database;
  close(): Promise<void>;
}

/** How often a long-lived connection runs PRAGMA optimize (usually a no-op: it analyzes only a table that grew or shrank tenfold). */
const OPTIMIZE_EVERY_MS = 60 * 60 * 1000;

export interface OpenSqliteOptions {
  path: string;
  /**
   * A server's store: WAL checkpoints run on a worker thread (background-checkpoint.ts), not in
   * the commits of requests; `onError` hears of a thread that died (SQLite checkpoints itself again).
   * `byAnotherProcess`: a cluster worker whose first worker's thread checkpoints for all of them.
   */
  checkpointInBackground?: { onError(error: unknown): void } | { byAnotherProcess: true };
}

/**
 * Opens (creating if needed) and migrates an embedded SQLite database: WAL for concurrent
 * readers, foreign keys on, a busy timeout so a second process (backup) waits instead of failing.
 */
export async function openSqlite({ path, checkpointInBackground }: OpenSqliteOptions): Promise<SqliteStore> {
  if (path !== ':memory:') createPrivately(path);
  const raw = new BetterSqlite3(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('synchronous = NORMAL');
  // The page cache stays at better-sqlite3's 16 MB. At 4 or 8 MB a 100,000-organization
  // registry's common search read ~2,000 pages again per request, at twice the CPU (BENCHMARKS.md).
  // Kysely prepares every query anew; SQLite parsing the same SQL again and again was the largest
  // cost of a request. Statements are kept by their SQL text (parameters are bound, so the set is small).
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (text: string) => {
    let statement = statements.get(text);
    if (!statement) {
      if (statements.size >= 1000) statements.clear();
      statements.set(text, (statement = raw.prepare(text)));
    }
    return statement;
  };
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: { prepare, close: () => raw.close() } }) });
  await migrateToLatest(db, migrations);
  // A read-only file opens, migrates when there is nothing to do, and reads: only the first write
  // would fail, as an error to a user. This write changes nothing, but SQLite refuses it at once.
  raw.prepare('UPDATE record_generation SET n = n WHERE 0').run();
  // Statistics for the query planner, as SQLite advises for a long-lived connection: at open every
  // table whose statistics are missing (an upgrade's new index) or ten times off is analyzed, with
  // a temporary analysis limit (~0.5 s of CPU once at 100,000 organizations after an upgrade that
  // added two indexes, ~2 ms otherwise); then the tables this connection read, hourly and at close.
  const optimize = (mask = '') => {
    try {
      raw.pragma(`optimize${mask}`);
    } catch {
      // Advice to the planner, never worth failing for: another process may hold the write lock
      // past busy_timeout (a backup, a long import); the next run analyzes what this one could not.
    }
  };
  optimize('=0x10002');
  const optimizer = setInterval(() => optimize(), OPTIMIZE_EVERY_MS);
  optimizer.unref();
  let checkpointer: BackgroundCheckpoint | null = null;
  if (checkpointInBackground && path !== ':memory:') {
    if ('onError' in checkpointInBackground) checkpointer = startBackgroundCheckpoint(raw, path, checkpointInBackground.onError);
    else leaveCheckpointsToAnotherProcess(raw);
  }
  const runAll = raw.transaction((ops: readonly WriteOp[]) => {
    for (const op of ops) prepare(op.sql).run(...(op.parameters as unknown[]));
  });

  // Moved by triggers in the same transaction as any change to the record, by whichever connection.
  const generation = raw.prepare('SELECT n FROM record_generation WHERE id = 1').pluck();

  return {
    db,
    raw,
    generation: () => String(generation.get()),
    unitOfWork: {
      async commit(ops) {
        try {
          // BEGIN IMMEDIATE takes the write lock first, waiting out busy_timeout while another
          // process commits. A deferred transaction that holds a read snapshot when it comes to
          // write cannot wait: if another worker committed meanwhile, SQLite answers "database is
          // locked" at once (a 500 seen once in CI under WEB_CONCURRENCY=2 with concurrent writes).
          runAll.immediate(ops);
        } catch (error) {
          throw translateStoreError(error);
        }
      },
    },
    async close() {
      clearInterval(optimizer);
      await checkpointer?.stop();
      optimize();
      await db.destroy();
    },
  };
}

/**
 * A new database file (and a folder made for it) is the running user's alone, whatever the umask:
 * it holds webhook signing secrets, e-mail addresses and the mail outbox's invitation links.
 * SQLite gives the -wal and -shm files the database file's permissions. An existing file is
 * left as its owner set it.
 */
function createPrivately(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (existsSync(path)) return;
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    // Made meanwhile by another process (a cluster worker): theirs is made the same way.
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  }
}
