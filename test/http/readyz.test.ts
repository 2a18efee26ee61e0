import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIssuerKey } from '../../src/adapters/crypto/keys.js';
import { pingDatabase } from '../../src/adapters/kysely/ping.js';
import { openSqlite } from '../../src/adapters/sqlite/open.js';
import { createApp } from '../../src/http/app.js';
import { createKyselyRegistry } from '../../src/registry.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('GET /readyz', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('is ready on a running server: database answers, a signing key exists', async () => {
    const response = await server.call('GET', '/readyz', { token: null });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ready', checks: { database: 'ok', keys: 'ok' } });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 503 problem+json naming the failed check (no key to sign with; database gone)', async () => {
    const store = await openSqlite({ path: ':memory:' });
    const retired = { ...(await generateIssuerKey()), retiredAt: new Date().toISOString() };
    const config = { validityMonths: 36, publicBaseUrl: 'http://localhost', didMethod: 'did:web' as const };
    const noKey = createApp({ registry: await createKyselyRegistry({ db: store.db, unitOfWork: store.unitOfWork, config, keys: [retired] }), publicBaseUrl: 'http://localhost', pingDatabase: pingDatabase(store.db) });
    const keyless = await noKey.request('/readyz');
    expect(keyless.status).toBe(503);
    expect(keyless.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await keyless.json()) as any;
    expect(body.checks).toEqual({ database: 'ok', keys: 'failed' });
    expect(body.status).toBe(503);
    expect(body.messages.ja).toBeTruthy();
    expect(keyless.headers.get('retry-after')).toBeTruthy();

    const healthy = createApp({ registry: await createKyselyRegistry({ db: store.db, unitOfWork: store.unitOfWork, config }), publicBaseUrl: 'http://localhost', pingDatabase: pingDatabase(store.db) });
    expect((await healthy.request('/readyz')).status).toBe(200);
    await store.close();
    const closed = await healthy.request('/readyz');
    expect(closed.status).toBe(503);
    expect(((await closed.json()) as any).checks).toEqual({ database: 'failed', keys: 'ok' });
  });
});
