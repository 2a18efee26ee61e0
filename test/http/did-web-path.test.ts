/**
 * did:web with a path (PUBLIC_BASE_URL below a path, e.g. https://host/telework): the DID is
 * did:web:host:telework, and did:web resolution (did:web Method Specification §3.2, Read) looks
 * for the document at https://host/telework/did.json: "/.well-known" is added only when the DID
 * has no path. The registry answers there as well as at /.well-known/did.json (requests reach it
 * with the base path taken off, as they reach every other route).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

const BASE = 'https://registry.example.jp/telework';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ PUBLIC_BASE_URL: BASE });
});

afterAll(async () => {
  await server?.close();
});

describe('a registry below a path publishes its DID document where did:web resolution looks', () => {
  it('GET {base}/did.json → the DID document of did:web:host:path, the same as /.well-known/did.json', async () => {
    const wellKnown = await server.call('GET', '/.well-known/did.json', { token: null });
    expect(wellKnown.body.id).toBe('did:web:registry.example.jp:telework');
    const resolved = await fetch(`${server.url}/did.json`);
    expect(resolved.status).toBe(200);
    expect(resolved.headers.get('content-type')).toBe('application/did+json');
    expect(await resolved.json()).toEqual(wellKnown.body);
  });

  it('a verifier in another site’s page may read it, as it reads /.well-known/did.json (CORS *, CORP cross-origin)', async () => {
    for (const path of ['/.well-known/did.json', '/did.json']) {
      const answer = await fetch(`${server.url}${path}`, { headers: { origin: 'https://verifier.example' } });
      expect(answer.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(answer.headers.get('cross-origin-resource-policy'), path).toBe('cross-origin');
    }
  });
});
