import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * A user's clone holds only the repository: code, tests and scripts that read a folder beside it
 * (the team's reference folder next to the repository) pass here and fail everywhere else.
 */
describe('the repository is self-contained', () => {
  it('no tracked source, test, bench or config file reads from a folder outside the repository', () => {
    const files = execFileSync('git', ['ls-files', 'src', 'test', 'bench', 'migrations', 'package.json', 'vitest.config.ts', 'wrangler.toml', 'tsconfig.json', '.ci'], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter((file) => file && file !== 'test/self-contained.test.ts');
    expect(files.length).toBeGreaterThan(50);
    const outside = files.filter((file) => /\.\.\/shared\b|(["'`])shared\//.test(readFileSync(file, 'utf8')));
    expect(outside).toEqual([]);
  });
});
