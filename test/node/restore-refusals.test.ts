/**
 * npm run restore given a file that is not a good backup of this registry (cut short by a full
 * disk or an interrupted copy, not a database at all, another application's database): one
 * plain message naming the file and what is wrong, exit 1, and the current database untouched.
 */
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDatabaseFile } from '../helpers/database-file.js';
import { npmRun } from '../helpers/npm-script.js';


const restore = (file: string, target: string) => npmRun(['restore', '--', file], { DATABASE_PATH: target });

describe('npm run restore refuses a file that is not a good backup', () => {
  it('cut short, not a database, or another application’s database: exit 1, one message, the current database untouched', async () => {
    const current = await freshDatabaseFile('registry-restore-refusals-');
    await current.store.close();
    const folder = dirname(current.path);
    const before = readFileSync(current.path);

    const truncated = join(folder, 'truncated.sqlite');
    writeFileSync(truncated, before);
    truncateSync(truncated, Math.floor(before.length / 3));
    const notADatabase = join(folder, 'notes.sqlite');
    writeFileSync(notADatabase, 'バックアップではありません。'.repeat(400));
    const otherApplication = join(folder, 'other.sqlite');
    const other = new BetterSqlite3(otherApplication);
    other.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)');
    other.close();

    for (const [file, reason] of [[truncated, 'damaged'], [notADatabase, 'not an SQLite database'], [otherApplication, 'not a backup of this registry']] as const) {
      const result = await restore(file, current.path);
      expect(result.code, result.output).toBe(1);
      expect(result.output).toContain(file);
      expect(result.output).toContain(reason);
      expect(result.output).not.toMatch(/^\s+at /m);
      expect(readFileSync(current.path).equals(before), 'the current database is untouched').toBe(true);
      expect(readdirSync(folder).filter((name) => name.includes('before-restore') || name.endsWith('.restoring'))).toEqual([]);
    }
    expect(existsSync(current.path)).toBe(true);
  }, 60_000);
});
