/**
 * npm run keys (src/cli/keys.ts) as an operator types it, on a key folder of its own (KEYS_DIR):
 * a key id left out or mistyped is one plain message and exit 1, not a stack trace, and the keys
 * stay as they were.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { npmRun } from '../helpers/npm-script.js';

const keysDir = mkdtempSync(join(tmpdir(), 'registry-keys-cli-'));
afterAll(() => rmSync(keysDir, { recursive: true, force: true }));

const npm = (args: string[]) => npmRun(args, { KEYS_DIR: keysDir });

const keyFiles = () => readdirSync(keysDir).sort().map((name) => readFileSync(join(keysDir, name), 'utf8'));

describe('npm run keys', () => {
  it('retire without a key id, or with one that is not there: one plain message, exit 1, nothing changed', async () => {
    expect((await npm(['keys:new'])).code).toBe(0);
    const before = keyFiles();
    for (const [args, message] of [
      [['keys', '--', 'retire'], 'Usage: npm run keys -- retire <keyId>'],
      [['keys', '--', 'retire', 'key-typo'], `No key "key-typo" in ${keysDir}/`],
    ] as const) {
      const { code, output } = await npm([...args]);
      expect(code, output).toBe(1);
      expect(output).toContain(message);
      expect(output).toContain('npm run keys -- list');
      expect(output, 'no stack trace').not.toMatch(/^\s+at /m);
    }
    expect(keyFiles()).toEqual(before);
    expect((await npm(['keys', '--', 'list'])).output).toMatch(/^key-\S+ {2}created \S+ {2}live {2}z6Mk/m);
  });
});
