/**
 * npm run backup when it cannot make a good copy (DATABASE_PATH is not a database or is damaged,
 * the destination's folder cannot be made): one plain message naming the file and what is wrong,
 * exit 1, no stack trace, and no file left at the destination (nor its .partial).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabaseFile } from '../helpers/database-file.js';
import { npmRun } from '../helpers/npm-script.js';

const dir = mkdtempSync(join(tmpdir(), 'registry-backup-refusals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const backup = (source: string, destination: string) => npmRun(['backup', '--', destination], { DATABASE_PATH: source });

describe('npm run backup that cannot make a good copy says why in one line', () => {
  it('a source that is not a database or is damaged, a destination whose folder cannot be made', async () => {
    const good = await freshDatabaseFile('registry-backup-source-');
    await good.store.close();
    const notADatabase = join(dir, 'notes.sqlite');
    writeFileSync(notADatabase, 'データベースではありません。'.repeat(400));
    const damaged = join(dir, 'damaged.sqlite');
    writeFileSync(damaged, readFileSync(good.path));
    truncateSync(damaged, Math.floor(readFileSync(good.path).length / 3));
    writeFileSync(join(dir, 'a-file'), '');

    for (const [source, destination, words] of [
      [notADatabase, join(dir, 'out-1.sqlite'), [notADatabase, 'not an SQLite database']],
      [damaged, join(dir, 'out-2.sqlite'), [damaged, 'damaged']],
      [good.path, join(dir, 'a-file', 'out-3.sqlite'), [join(dir, 'a-file', 'out-3.sqlite')]],
    ] as const) {
      const result = await backup(source, destination);
      expect(result.code, result.output).toBe(1);
      for (const word of words) expect(result.output).toContain(word);
      expect(result.output).not.toMatch(/^\s+at /m);
      expect(existsSync(destination)).toBe(false);
      expect(existsSync(`${destination}.partial`)).toBe(false);
    }
  }, 60_000);
});
