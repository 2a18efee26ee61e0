import type BetterSqlite3 from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the checkpointer copies committed WAL frames into the database file. */
const EVERY_MS = 200;
/** SQLite's own default, restored when the checkpointer is gone; also where the thread restarts the WAL. */
const AUTOCHECKPOINT_PAGES = 1000;
const RESTART_FRAMES = 4 * AUTOCHECKPOINT_PAGES;
/**
 * Where a cluster worker without a thread checkpoints inside its own commits: far past where the
 * first worker's thread restarts the WAL, so only while that thread is gone (its worker being
 * restarted, or dead with no writes of its own to checkpoint in) does the WAL stop growing here.
 */
const SAFETY_NET_PAGES = 4 * RESTART_FRAMES;

/**
 * Runs in the worker thread, on its own connection to the same file. PASSIVE copies what the WAL
 * holds without waiting for or blocking the server's readers and writers. Under a steady stream
 * of commits that alone never lets the WAL start over (its writer restarts it only when a
 * checkpoint has caught up just before it begins), so past RESTART_FRAMES a RESTART follows: it
 * holds writers back only while it copies what came in since the PASSIVE, then the next commit
 * writes the WAL from its start. A checkpoint another process (cluster worker) holds answers busy
 * and is tried again next time. Closing ends with a TRUNCATE checkpoint.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 100'); // how long a RESTART may hold writers back waiting for a reader
db.pragma('cache_size = -256'); // a checkpoint copies WAL frames to the file: it needs no page cache
const checkpoint = (mode) => {
  try { return db.pragma('wal_checkpoint(' + mode + ')')[0]; } catch (error) { if (error.code !== 'SQLITE_BUSY' && error.code !== 'SQLITE_LOCKED') throw error; }
};
const timer = setInterval(() => {
  const done = checkpoint('PASSIVE');
  if (done && done.log >= workerData.restartFrames) checkpoint('RESTART');
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint('TRUNCATE');
  db.close();
  parentPort.close();
});
parentPort.postMessage('ready');
`;

/**
 * One thread checkpoints for the whole file, whichever process committed: in a cluster only the
 * first worker runs one (~10 MB), and the others leave checkpoints to it, keeping SQLite's own
 * as a safety net at SAFETY_NET_PAGES.
 */
export function leaveCheckpointsToAnotherProcess(raw: BetterSqlite3.Database): void {
  raw.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
}

export interface BackgroundCheckpoint {
  /** A last checkpoint, then the thread ends. Before the server's own connection closes. */
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the thread that serves requests. SQLite checkpoints inside the commit
 * that crosses wal_autocheckpoint: ~4 MB of pages copied into the database file and two fsyncs,
 * during which the server answers nothing. Under publication load its main thread was busy only
 * 86–89 % of the time; with this thread, 94–97 %, and it published 7–23 % more per second (five
 * alternating rounds), for ~10 MB more memory. The server's connection stops checkpointing only
 * once the thread is up, and starts again if the thread dies, so the WAL never grows unchecked.
 */
export function startBackgroundCheckpoint(raw: BetterSqlite3.Database, path: string, onError: (error: unknown) => void = () => {}): BackgroundCheckpoint {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path, everyMs: EVERY_MS, restartFrames: RESTART_FRAMES } });
  worker.unref(); // never what keeps the process alive
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let stopping = false;
  const resumeInlineCheckpoints = () => raw.open && raw.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  // The server's connection keeps checkpointing until the thread is up, and again if it dies.
  worker.once('message', () => !stopping && raw.open && raw.pragma('wal_autocheckpoint = 0'));
  worker.on('error', (error) => {
    resumeInlineCheckpoints();
    if (!stopping) onError(error);
  });
  return {
    async stop() {
      if (!stopping) {
        stopping = true;
        resumeInlineCheckpoints();
        worker.ref(); // the last checkpoint finishes before the process may end
        worker.postMessage('stop');
      }
      await exited;
    },
  };
}
