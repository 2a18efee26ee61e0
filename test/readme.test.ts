import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../src/config.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ REGISTRY_ADMIN_TOKEN: 'dev-admin-token-change-me' });
});
afterAll(() => server.close());

describe('README', () => {
  it('shows the commands CI and newcomers run', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
    expect(readFileSync(new URL('../.ci/run', import.meta.url), 'utf8')).toMatch(/npm ci[^\n]*\nnpm test\n/);
  });

  it('lists every environment variable the registry reads in its table of settings', () => {
    const table = readme.slice(readme.indexOf('### 設定（環境変数）'), readme.indexOf('### 主な機能'));
    expect(CONFIG_VARIABLES.filter((name) => !table.includes(`\`${name}\``))).toEqual([]);
  });

  // The block as it stands in the README, run by bash as a user's terminal would; each run in a
  // folder of its own (step 9 writes badge.svg there). Async: a Node server under test runs in this process.
  const block = /<!-- walkthrough:start -->\n```bash\n([\s\S]*?)```\n<!-- walkthrough:end -->/.exec(readme)?.[1];
  async function walkthrough(env: Record<string, string> = {}) {
    const cwd = mkdtempSync(join(server.dir, 'walkthrough-'));
    const { REGISTRY_ADMIN_TOKEN: _, ...inherited } = process.env;
    try {
      const { stdout, stderr } = await promisify(execFile)('bash', ['-c', block!], { cwd, env: { ...inherited, REGISTRY: server.url, ...env } });
      return { code: 0, stdout, stderr, cwd };
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      return { code, stdout, stderr, cwd };
    }
  }
  function expectCompleteRun(run: Awaited<ReturnType<typeof walkthrough>>) {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^organization [0-9a-f-]{36}$/m);
    expect(run.stdout).toContain('submitted\npublished\ncredential ');
    expect(run.stdout).toContain('{"fiscalYearLabel":{"ja":"令和7年度（2025年度）"');
    expect(run.stdout).toContain('"name":"株式会社みらいワーク"');
    expect(run.stdout).toContain('"categoryName":{"ja":"大臣賞"');
    // Steps 7–9: the credential in both forms, verified both ways, the /v verdict, the badge.
    expect(run.stdout).toContain('["VerifiableCredential","OpenBadgeCredential"]\neyJ');
    expect(run.stdout).toContain('{"verified":true,"format":"data-integrity"}\n{"verified":true,"format":"jwt"}\n');
    expect(run.stdout).toContain('{"verdict":"valid","verdictLabel":{"ja":"有効","en":"Valid"}}');
    const badge = readFileSync(join(run.cwd, 'badge.svg'), 'utf8');
    expect(badge).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(run.stdout).toContain(`badge.svg: ${Buffer.byteLength(badge)} bytes`);
    return /^credential (\S+)$/m.exec(run.stdout)![1]!;
  }

  it('has a walkthrough that stops at the first failing step and prints the problem in both languages', async () => {
    const run = await walkthrough({ REGISTRY_ADMIN_TOKEN: 'not-the-admin-token-0000' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('The requested URL returned error: 401');
    expect(run.stderr).toMatch(/"messages":\{"ja":"[^"]*認証[^"]*","en":"Authentication required[^"]*"\}/);
    expect(run.stdout, 'no step after the failing one ran').toBe('');
    expect(existsSync(join(run.cwd, 'badge.svg'))).toBe(false);
  });

  it('has a walkthrough that works verbatim against a fresh registry, and again against the same database', async () => {
    expect(block).toBeTruthy();
    const first = expectCompleteRun(await walkthrough());
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    // Second run: the company is found by 法人番号, the first run's declaration withdrawn, a new one published.
    const again = await walkthrough();
    expect(again.stdout).toMatch(/^\{"id":"[0-9a-f-]{36}","status":"withdrawn"\}$/m);
    expect(expectCompleteRun(again)).not.toBe(first);
    // …and the award of the first run is found, not recorded again (one per fiscal year and category).
    expect((await server.call('GET', '/api/v1/awards?fiscalYear=2025', { token: null })).body.items).toHaveLength(1);
    expect((await server.call('GET', `/v/${first}`, { headers: { accept: 'application/json' } })).body.verdict).not.toBe('valid');
  }, 180_000);
});
