import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Revoking an administrator token with all it minted checks that some other administrator could
 * still sign in, in one statement naming every token: with 50 of them that statement had over
 * D1's 100 bound parameters (local D1 too: "too many SQL variables") and the revocation answered 500.
 */
const MINTED = 50;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe(`an administrator token that minted ${MINTED} more`, () => {
  it('is revoked with all of them (200), and they stop working', async () => {
    const rotating = await server.call('POST', '/api/v1/tokens', { body: { role: 'admin', label: '自動化の親' } });
    expect(rotating.status).toBe(201);
    const minted: { id: string; token: string }[] = [];
    for (let i = 0; i < MINTED; i++) {
      const made = await server.call('POST', '/api/v1/tokens', { token: rotating.body.token, body: { role: 'admin', label: `自動化${i}` } });
      expect(made.status).toBe(201);
      minted.push(made.body);
    }
    const revoked = await server.call('DELETE', `/api/v1/tokens/${rotating.body.id}?revokeCreated=true`);
    expect(revoked.status, revoked.text.slice(0, 500)).toBe(200);
    expect((await server.call('GET', '/api/v1/tokens', { token: minted.at(-1)!.token })).status).toBe(401);
    expect((await server.call('GET', '/api/v1/tokens', { token: rotating.body.token })).status).toBe(401);
    expect((await server.call('GET', '/api/v1/tokens')).status).toBe(200);
  });
});
