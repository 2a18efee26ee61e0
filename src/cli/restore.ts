import BetterSqlite3 from 'better-sqlite3';
import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseConfig } from '../config.js';

/**
 * npm run restore -- <backup file>
 *
 * Puts a backup (npm run backup) in place of DATABASE_PATH. The server must be stopped: the
 * command refuses while another process has the database open (it asks SQLite for an exclusive
 * lock, which a running server's connection prevents). The current database, if any, is kept
 * as <DATABASE_PATH>.before-restore-<timestamp>; its -wal and -shm files are removed so they are
 * not replayed onto the restored file. The restored file's AUTOINCREMENT counters are raised to the
 * current database's, so a change feed cursor or audit number already handed out is never reused.
 * Start the server afterwards.
 */
const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run restore -- <backup file>');
  process.exit(2);
}
const target = parseConfig(process.env).databasePath;
if (!existsSync(file)) {
  console.error(`No backup at ${file}.`);
  process.exit(1);
}

/** What makes `file` no backup to restore, in words; null for a whole registry database. */
function problemWith(file: string): string | null {
  let backup: BetterSqlite3.Database | undefined;
  try {
    backup = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const integrity = backup.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return `is damaged (PRAGMA integrity_check: ${String(integrity)})`;
    if (!backup.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get()) {
      return 'is not a backup of this registry (an SQLite database without its schema_migrations table)';
    }
    return null;
  } catch (error) {
    // SQLite's own words name no file and come with a stack trace: say what is wrong with this one.
    const code = String((error as { code?: unknown }).code ?? '');
    const why = error instanceof Error ? error.message : String(error);
    if (code === 'SQLITE_NOTADB') return `is not an SQLite database (${why})`;
    if (code.startsWith('SQLITE_CORRUPT')) return `is damaged (${why}): cut short or changed since the backup was made`;
    return `cannot be read (${why})`;
  } finally {
    backup?.close();
  }
}

const problem = problemWith(file);
if (problem) {
  console.error(`${file} ${problem}; not restoring it. The current database is untouched.`);
  process.exit(1);
}

let issued: { name: string; seq: number }[] = [];
if (existsSync(target)) {
  // In WAL mode, exclusive locking mode needs every other connection gone; a running server has one.
  const live = new BetterSqlite3(target, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 0');
    live.pragma('locking_mode = EXCLUSIVE');
    live.exec('BEGIN EXCLUSIVE; COMMIT;');
    live.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    live.close();
    console.error(`${target} is in use (is the server still running?). Stop it, then run the restore again.`);
    process.exit(1);
  }
  // Positions handed out before the restore (change feed cursors partners hold, audit sequence numbers) are never handed out again.
  issued = live.prepare('SELECT name, seq FROM sqlite_sequence').all() as { name: string; seq: number }[];
  live.close();
  const kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(target, kept);
  console.log(`Kept the previous database as ${kept}.`);
}
for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${target}${suffix}`, { force: true });
mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
copyFileSync(file, `${target}.restoring`);
// The user's alone, as the server makes its database, even from a backup left readable by all.
chmodSync(`${target}.restoring`, 0o600);
if (issued.length > 0) {
  const restored = new BetterSqlite3(`${target}.restoring`, { fileMustExist: true });
  const raise = restored.prepare('UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?');
  restored.transaction(() => issued.forEach(({ name, seq }) => raise.run(seq, name)))();
  restored.close();
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}.restoring${suffix}`, { force: true });
}
renameSync(`${target}.restoring`, target);
console.log(`Restored ${file} → ${target}. Start the server now.`);
