import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Rendering a page must not turn on Node's promise hooks (AsyncLocalStorage.run does, for the
 * whole process and for good: every await of every later request costs ~5× more). See
 * src/node/pages-without-async-hooks.ts. The pages still carry what the per-render context gives.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ SITE_OPERATOR_NAME: '架空県テレワーク推進室' });
});
afterAll(() => server?.close());

it('serves pages with the configured operator in their frame without entering an AsyncLocalStorage', async () => {
  const run = vi.spyOn(AsyncLocalStorage.prototype, 'run');
  const enterWith = vi.spyOn(AsyncLocalStorage.prototype, 'enterWith');
  try {
    for (const path of ['/', '/verify', '/organizations', '/verify?lang=en']) {
      const page = await fetch(server.url + path);
      expect(page.status, path).toBe(200);
      expect(await page.text(), path).toContain('架空県テレワーク推進室');
    }
    expect(run).not.toHaveBeenCalled();
    expect(enterWith).not.toHaveBeenCalled();
  } finally {
    run.mockRestore();
    enterWith.mockRestore();
  }
});
