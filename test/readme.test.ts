import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('has a walkthrough that works verbatim against a fresh registry', async () => {
    const block = /<!-- walkthrough:start -->\n```bash\n([\s\S]*?)```\n<!-- walkthrough:end -->/.exec(readme)?.[1];
    expect(block).toBeTruthy();
    // Async: the server under test runs in this process and must keep answering.
    const { stdout: output } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', block!], { env: { ...process.env, REGISTRY: server.url } });
    expect(output).toMatch(/organization [0-9a-f-]{36}/);
    expect(output).toContain('submitted\npublished\n');
    expect(output).toContain('令和7年度（2025年度）');
    expect(output).toContain('"name":"株式会社みらいワーク"');
    expect(output).toContain('"categoryName":{"ja":"大臣賞"');
  });
});
