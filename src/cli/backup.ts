import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseConfig } from '../config.js';

/**
 * npm run backup [-- <destination>]
 *
 * A consistent copy of the live database (DATABASE_PATH) while the server keeps running, through
 * SQLite's online backup API (better-sqlite3 `db.backup`). The copy is written to
 * `<destination>.partial`, checked with PRAGMA integrity_check, then renamed into place, so a
 * file at the final name is always a complete, consistent snapshot. Default destination:
 * backups/registry-<UTC timestamp>.sqlite. Restore: npm run restore -- <file> (server stopped).
 *
 * Why it is consistent under write load: the backup reads the source in a read transaction; if
 * another connection (the server) commits between two steps, SQLite restarts the copy, so the
 * result is always one committed state. After the first step the rest is copied in one step
 * (WAL mode: the server's writes go on meanwhile, readers never block writers), so a busy
 * server cannot make it restart for ever.
 */
const source = parseConfig(process.env).databasePath;
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const destination = process.argv[2] ?? join('backups', `registry-${stamp}.sqlite`);

if (!existsSync(source)) {
  console.error(`No database at ${source} (set DATABASE_PATH).`);
  process.exit(1);
}
if (existsSync(destination)) {
  console.error(`${destination} already exists; choose another destination.`);
  process.exit(1);
}
const partial = `${destination}.partial`;

/** An expected failure in words naming the file: SQLite's and Node's own name none, and come with a stack trace. */
function failure(error: unknown): string {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const why = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB') return `${source} (DATABASE_PATH) is not an SQLite database (${why})`;
  if (code.startsWith('SQLITE_CORRUPT')) return `${source} (DATABASE_PATH) is damaged (${why}): keep your last good backup`;
  return why;
}

try {
  mkdirSync(dirname(destination), { recursive: true, mode: 0o700 });
  rmSync(partial, { force: true });
  // The copy holds what the database holds (webhook secrets, e-mail addresses): the user's alone.
  // SQLite copies into this empty file, which keeps its mode, instead of creating one by the umask.
  writeFileSync(partial, '', { mode: 0o600 });

  const db = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const started = Date.now();
  try {
    await db.backup(partial, { progress: ({ remainingPages }) => Math.max(remainingPages, 100) });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }

  const copy = new BetterSqlite3(partial, { fileMustExist: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`integrity_check of the copy failed: ${String(integrity)}`);
    const violations = copy.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) throw new Error(`foreign_key_check of the copy found ${violations.length} violation(s)`);
    // A single self-contained file: no -wal beside it is needed to read it.
    copy.pragma('journal_mode = DELETE');
  } catch (error) {
    copy.close();
    rmSync(partial, { force: true });
    throw error;
  }
  copy.close();
  renameSync(partial, destination);
  console.log(`Backed up ${source} → ${destination} (${statSync(destination).size} bytes, ${Date.now() - started} ms, integrity ok).`);
} catch (error) {
  // existsSync, not rmSync's force: under a file in the way, rmSync fails with ENOTDIR.
  if (existsSync(partial)) rmSync(partial, { force: true });
  console.error(`Backup to ${destination} failed: ${failure(error)}. Nothing was written there.`);
  process.exit(1);
}
