import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Is the organization in a copy of the database file alone, as a plain file copy (no -wal) would
 * take it? False while the tables themselves are still only in the WAL.
 */
export function organizationInFileAlone(dbPath: string, name: string): boolean {
  const scratch = mkdtempSync(join(tmpdir(), 'registry-file-alone-'));
  const copy = join(scratch, 'copy.sqlite');
  copyFileSync(dbPath, copy);
  const db = new BetterSqlite3(copy, { readonly: true });
  try {
    return db.prepare('SELECT 1 FROM organizations WHERE name = ?').get(name) !== undefined;
  } catch {
    return false;
  } finally {
    db.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
