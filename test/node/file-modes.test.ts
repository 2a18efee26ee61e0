/**
 * The files that hold the registry's secrets are the running user's alone (no group or other
 * permission bits, whatever the umask): the database and its -wal and -shm files (webhook signing
 * secrets, members' e-mail addresses, the mail outbox with invitation links), the folder the first
 * start makes for it, a backup (npm run backup), a restored database (npm run restore, also from a
 * backup an older version left readable by all). The issuer keys are tested in keys-cli.test.ts.
 */
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer } from '../helpers/server.js';
import { npmRun } from '../helpers/npm-script.js';

const scratch = mkdtempSync(join(tmpdir(), 'registry-file-modes-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The permission bits anyone but the owner has: 0 when the file is the owner's alone. */
const othersMay = (path: string) => (statSync(path).mode & 0o077).toString(8);


describe('files that hold secrets are not readable by other users', () => {
  it('the database a first start makes, its folder and WAL files, a backup of it and a restored copy', async () => {
    const dbPath = join(scratch, 'data', 'registry.sqlite');
    const server = await startTestServer({ DATABASE_PATH: dbPath });
    try {
      await seedCompany(server, { n: 4242, publish: true });
      for (const path of [dirname(dbPath), dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) expect(othersMay(path), path).toBe('0');

      const backupFile = join(scratch, 'backups', 'registry-backup.sqlite');
      const backup = await npmRun(['backup', '--', backupFile], { DATABASE_PATH: dbPath });
      expect(backup.code, backup.output).toBe(0);
      expect(othersMay(backupFile)).toBe('0');

      // A backup an older version made readable by all: the restored database is still private.
      chmodSync(backupFile, 0o644);
      const restoredPath = join(scratch, 'restored', 'registry.sqlite');
      const restore = await npmRun(['restore', '--', backupFile], { DATABASE_PATH: restoredPath });
      expect(restore.code, restore.output).toBe(0);
      expect(othersMay(restoredPath)).toBe('0');
    } finally {
      await server.close();
    }
  }, 120_000);
});
