import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { onWorker } from '../helpers/targets.js';
import { insideOneRateWindow } from '../helpers/rate-window.js';

const LIMIT = 5;


const verify = (server: TestServer, headers: Record<string, string> = {}) =>
  server.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential: { not: 'a credential' } }, headers });

describe('rate limit on public endpoints (RATE_LIMIT_PUBLIC_PER_MINUTE)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PUBLIC_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'false' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('counts anonymous requests per client, answers 429 problem+json with Retry-After and RateLimit-* headers when over', async () => {
    await insideOneRateWindow();
    for (let i = 1; i <= LIMIT; i++) {
      const response = await verify(server);
      expect(response.status).not.toBe(429);
      expect(response.headers.get('ratelimit-limit')).toBe(String(LIMIT));
      expect(response.headers.get('ratelimit-remaining')).toBe(String(LIMIT - i));
      expect(response.headers.get('ratelimit-policy')).toBe(`${LIMIT};w=60`);
    }
    const over = await verify(server);
    expect(over.status).toBe(429);
    expect(over.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(over.body.messages.ja).toBeTruthy();
    expect(over.body.messages.en).toBeTruthy();
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(over.headers.get('ratelimit-remaining')).toBe('0');
    expect(over.headers.get('x-request-id')).toBeTruthy();
    expect(over.headers.get('x-content-type-options')).toBe('nosniff');

    // The same bucket covers the other public endpoints (searches, the verify form, the token endpoint).
    expect((await server.call('GET', '/api/v1/organizations?q=x', { token: null })).status).toBe(429);
    expect((await server.call('POST', '/verify', { token: null, rawBody: 'credential=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(429);
    expect((await server.call('POST', '/oauth/token', { token: null, rawBody: 'grant_type=client_credentials', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(429);
    // …and the back office's token form and staff invitations (guessable by brute force).
    expect((await server.call('POST', '/admin/login', { token: null, rawBody: 'token=guess', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(429);
    expect((await server.call('GET', '/admin/join/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { token: null })).status).toBe(429);
    // …and a company's GビズID self-registration, which asks the 法人番号 Web-API at each view and post.
    expect((await server.call('GET', '/auth/oidc/register', { token: null })).status).toBe(429);
    expect((await server.call('POST', '/auth/oidc/register', { token: null, rawBody: 'csrf=guess', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(429);
    // Cheap, cached resources and health checks are not limited; neither are callers with a token.
    expect((await server.call('GET', '/.well-known/did.json', { token: null })).status).toBe(200);
    expect((await server.call('GET', '/healthz', { token: null })).status).toBe(200);
    expect((await server.call('GET', '/readyz', { token: null })).status).toBe(200);
    const admin = await verify(server, { authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(admin.status).not.toBe(429);
    expect(admin.headers.get('ratelimit-limit')).toBeNull();
    // A cross-origin page can read the 429 and its headers.
    const cors = await fetch(`${server.url}/credentials/verify`, { method: 'POST', headers: { Origin: 'https://recruit.example', 'content-type': 'application/json' }, body: '{}' });
    expect(cors.status).toBe(429);
    expect(cors.headers.get('access-control-allow-origin')).toBe('*');
    expect(cors.headers.get('access-control-expose-headers')).toContain('Retry-After');
    await cors.arrayBuffer();
  });

  it.skipIf(onWorker)('on Node without TRUST_PROXY, a forged X-Forwarded-For does not get a fresh bucket', async () => {
    await insideOneRateWindow();
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push((await verify(server, { 'x-forwarded-for': `203.0.113.${i}` })).status);
    // Each request names a different address; were it believed, none would be limited.
    expect(statuses.slice(LIMIT)).toEqual([429, 429]);
  });
});

describe('a credential exempts a request from the public limit only when it is checked', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PUBLIC_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'false' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a dummy bearer on the token endpoint (which never reads one) and a bearer that fails are counted like none', async () => {
    await insideOneRateWindow();
    const guess = (secret: string) =>
      server.call('POST', '/oauth/token', {
        token: null,
        rawBody: `grant_type=client_credentials&client_id=p-guess&client_secret=${secret}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Bearer x' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 3; i++) statuses.push((await guess(`wrong-${i}`)).status);
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429, 429, 429]);

    // Over the limit, a bearer that does not authenticate gets the 429, not another free 401.
    const forged = await verify(server, { authorization: 'Bearer not-a-registry-token-0123456789' });
    expect(forged.status).toBe(429);
    expect(forged.headers.get('retry-after')).toBeTruthy();
    expect(forged.headers.get('www-authenticate')).toBeNull();
    // A token that authenticates is still served: its holder is not the one guessing.
    expect((await verify(server, { authorization: `Bearer ${ADMIN_TOKEN}` })).status).not.toBe(429);
  });
});

describe('a valid API token does not lift the limit on the sign-in forms, which never read one', () => {
  let server: TestServer;
  let orgToken: string;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PUBLIC_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'false' });
    ({ orgToken } = await seedCompany(server, { n: 77 }));
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a member of an organization guessing the back office token with the organization’s token attached is counted, and stopped (429)', async () => {
    await insideOneRateWindow();
    const guess = (i: number) =>
      server.call('POST', '/admin/login', {
        token: orgToken,
        rawBody: `token=guess-${i}-0123456789abcdef`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push((await guess(i)).status);
    expect(statuses).toEqual([...Array(LIMIT).fill(400), 429, 429]);
    // The same for the other sign-in doors: an invitation link and the passkey sign-in.
    expect((await server.call('GET', '/join/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { token: orgToken })).status).toBe(429);
    expect((await server.call('POST', '/auth/passkey/options', { token: orgToken, body: {}, headers: { origin: server.url } })).status).toBe(429);
    // The API itself still serves the token's holder: the token is read there.
    expect((await server.call('GET', '/api/v1/organizations?q=x', { token: orgToken })).status).not.toBe(429);
  });
});

describe.skipIf(onWorker)('rate limit behind a reverse proxy (TRUST_PROXY=true, Node)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PUBLIC_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'true' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('counts by the address the proxy appended to X-Forwarded-For, not by what the client wrote before it', async () => {
    await insideOneRateWindow();
    for (let i = 0; i < LIMIT; i++) expect((await verify(server, { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.1` })).status).not.toBe(429);
    expect((await verify(server, { 'x-forwarded-for': '198.51.100.99, 203.0.113.1' })).status).toBe(429);
    expect((await verify(server, { 'x-forwarded-for': '203.0.113.2' })).status).not.toBe(429);
  });
});

describe('rate limit disabled (0)', () => {
  it('RATE_LIMIT_PUBLIC_PER_MINUTE=0 sends no RateLimit headers and never 429s', async () => {
    const server = await startTestServer({ RATE_LIMIT_PUBLIC_PER_MINUTE: '0' });
    try {
      const responses = await Promise.all(Array.from({ length: 30 }, () => verify(server)));
      expect(responses.every((r) => r.status !== 429 && r.headers.get('ratelimit-limit') === null)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
