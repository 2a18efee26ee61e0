// What a visitor and an operator see when the Worker cannot start (a setting wrong in wrangler.toml
// or a secret, which npm run dev:worker's own check never reads; or D1 failing at the first
// request's migrations): on Node the process refuses to start; the Worker has no start, so every
// request answers 503 problem+json in Japanese and English saying to try later (no stack, no
// setting's value), and the log has one JSON line naming what is wrong.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/server.js';
import { startWorker, type WorkerTarget } from '../helpers/targets.js';

const dir = mkdtempSync(join(tmpdir(), 'registry-worker-start-failure-'));
let worker: WorkerTarget;

beforeAll(async () => {
  // Any answer will do: the Worker answers, but not 200.
  worker = await startWorker({ dir, port: await freePort(), env: { DECLARATION_VALIDITY_MONTHS: 'abc' }, answered: () => true });
});
afterAll(async () => {
  await worker?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a Worker that cannot start', () => {
  it('answers every request 503 problem+json, in Japanese and English, with nothing of its configuration', async () => {
    for (const path of ['/', '/organizations', '/api/v1/organizations', '/healthz']) {
      const response = await fetch(`${worker.url}${path}`, { headers: { connection: 'close' } });
      const text = await response.text();
      expect(response.status, `${path}: ${text}`).toBe(503);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('retry-after')).toBe('30');
      const problem = JSON.parse(text);
      expect(problem).toMatchObject({
        title: 'Service unavailable',
        status: 503,
        instance: path,
        messages: { ja: '登録簿を開始できませんでした。しばらくしてから、もう一度お試しください。', en: 'The registry could not start. Please try again later.' },
      });
      expect(problem.type).toMatch(/\/problems\/not-ready$/);
      expect(text).not.toContain('DECLARATION_VALIDITY_MONTHS');
      expect(text).not.toContain('abc');
    }
  });

  it('logs one JSON line a request naming what is wrong', async () => {
    await fetch(`${worker.url}/`, { headers: { connection: 'close' } });
    // wrangler passes workerd's log on a moment after the answer (on a loaded machine, after it was read).
    const line = () => worker.output().split('\n').find((l) => l.includes('"event":"startup_failed"'));
    await expect.poll(line, { timeout: 10_000 }).toBeDefined();
    expect(line()).toContain('DECLARATION_VALIDITY_MONTHS must be an integer from 1 to 120');
  });
});
