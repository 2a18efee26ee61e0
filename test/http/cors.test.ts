import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

const ORIGIN = 'https://recruit.example';

describe('CORS: recruiting sites may verify and look up from the browser, never administer', () => {
  let server: TestServer;
  let declarationId: string;

  const preflight = (path: string, method: string, headers = 'authorization, content-type') =>
    fetch(`${server.url}${path}`, { method: 'OPTIONS', headers: { Origin: ORIGIN, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers } });

  beforeAll(async () => {
    server = await startTestServer();
    ({ declarationId } = await seedCompany(server, { n: 1, publish: true }));
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each([
    ['POST', '/credentials/verify'],
    ['POST', '/presentations/verify'],
    ['POST', '/api/v1/lookup'],
    ['POST', '/oauth/token'],
    ['GET', '/credentials/0190f4d2-0000-7000-8000-000000000000'],
    ['GET', '/status-lists/anything'],
    ['GET', '/.well-known/did.json'],
    ['GET', '/did.json'],
    ['GET', '/api/v1/organizations'],
    ['GET', '/api/v1/organizations/by-corporate-number/7123456789012'],
    ['GET', '/api/v1/declarations/some-id'],
    ['GET', '/api/v1/awards'],
    ['GET', '/api/v1/open-data/declarations.csv'],
    ['GET', '/api/v1/changes'],
    ['GET', '/achievements/telework-self-declaration'],
    ['GET', '/achievements/telework-award/2025/minister'],
  ])('preflight for %s %s → 204 with the allowed methods and headers', async (method, path) => {
    const response = await preflight(path, method);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain(method);
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    expect(allowed).toContain('authorization');
    expect(allowed).toContain('content-type');
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  });

  it.each([
    ['GET', '/api/v1/tokens'],
    ['POST', '/api/v1/tokens'],
    ['GET', '/api/v1/audit-log'],
    ['POST', '/api/v1/admin/expire-due'],
    ['GET', '/api/v1/partners'],
    ['POST', '/api/v1/partners'],
    ['POST', '/credentials/issue'],
    ['POST', '/credentials/status'],
    ['GET', '/api/v1/statistics'],
    ['GET', '/admin/statistics'],
    // Writes on otherwise readable paths are administrative too.
    ['POST', '/api/v1/organizations'],
    ['POST', '/api/v1/declarations/some-id/revoke'],
  ])('preflight for %s %s is refused without CORS headers', async (method, path) => {
    const response = await preflight(path, method);
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('answers actual cross-origin requests with Access-Control-Allow-Origin and readable headers', async () => {
    const read = await fetch(`${server.url}/api/v1/declarations/${declarationId}`, { headers: { Origin: ORIGIN } });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
    expect(read.headers.get('access-control-expose-headers')).toContain('ETag');

    // A web badge viewer reading the Achievement a badge names (its JSON, by Accept).
    const achievement = await fetch(`${server.url}/achievements/telework-self-declaration`, { headers: { Origin: ORIGIN, Accept: 'application/ld+json' } });
    expect(achievement.status).toBe(200);
    expect(achievement.headers.get('access-control-allow-origin')).toBe('*');
    expect(achievement.headers.get('access-control-expose-headers')).toContain('ETag');
    await achievement.arrayBuffer();

    const verify = await fetch(`${server.url}/credentials/verify`, { method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json' }, body: JSON.stringify({ verifiableCredential: { not: 'a credential' } }) });
    expect(verify.headers.get('access-control-allow-origin')).toBe('*');
    await verify.arrayBuffer();

    // Errors stay readable by the page (a bad token's 401 carries CORS headers too).
    const unauthenticated = await fetch(`${server.url}/api/v1/organizations`, { headers: { Origin: ORIGIN, Authorization: 'Bearer nonsense-token' } });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('sends no CORS headers on administrative answers', async () => {
    for (const [method, path] of [['GET', '/api/v1/tokens'], ['GET', '/api/v1/audit-log'], ['GET', '/api/v1/statistics'], ['POST', '/api/v1/organizations']] as const) {
      const response = await fetch(`${server.url}${path}`, { method, headers: { Origin: ORIGIN, Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' }, ...(method === 'POST' ? { body: '{}' } : {}) });
      await response.arrayBuffer();
      expect(response.headers.get('access-control-allow-origin'), `${method} ${path}`).toBeNull();
    }
  });
});
