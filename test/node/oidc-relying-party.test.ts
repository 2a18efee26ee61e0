// The OpenID Connect relying party against a real provider (oidc-provider), plus what only Node
// can check here: configuration refusals, cookie attributes over https, and the sign-in rate limit.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcIdentityProvider } from '../../src/adapters/oidc/relying-party.js';
import { parseConfig } from '../../src/config.js';
import { SignInRefused, type IdentityProvider } from '../../src/ports/identity-provider.js';
import { flowCookie, sessionCookie } from '../../src/http/auth/session.js';
import { authorizeOverHttp, startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';
import { freePort, startTestServer } from '../helpers/server.js';
import { insideOneRateWindow } from '../helpers/rate-window.js';

const REDIRECT_URI = 'http://127.0.0.1:9/auth/oidc/callback';
const flow = () => ({ state: `state-${Math.random()}`, nonce: `nonce-${Math.random()}`, codeVerifier: 'v'.repeat(20) + Math.random().toString(36).slice(2).padEnd(30, 'x') });

/** The whole relying-party round trip: authorization URL, the provider's login, then complete(). */
async function signIn(rp: IdentityProvider, accountId: string) {
  const expected = flow();
  const url = await rp.authorizationUrl(expected);
  const callbackUrl = new URL(await authorizeOverHttp(url.href, accountId));
  return rp.complete({ callbackUrl, expected });
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'no refusal',
    (error) => (error instanceof SignInRefused ? error.reason : `unexpected ${error}`),
  );

describe('configuration', () => {
  const base = { REGISTRY_ADMIN_TOKEN: 'test-admin-token-0123456789abcdef', OIDC_CLIENT_ID: 'registry' };

  it('refuses a plain http issuer except on loopback addresses, naming OIDC_ISSUER', () => {
    expect(() => parseConfig({ ...base, OIDC_ISSUER: 'http://gbiz-id.example.jp' })).toThrow(/OIDC_ISSUER must be an https URL/);
    expect(() => parseConfig({ ...base, OIDC_ISSUER: 'http://0.0.0.0:4000' })).toThrow(/OIDC_ISSUER/);
    expect(() => parseConfig({ ...base, STAFF_OIDC_ISSUER: 'http://idp.example', STAFF_OIDC_CLIENT_ID: 'x' })).toThrow(/STAFF_OIDC_ISSUER/);
    for (const issuer of ['https://gbiz-id.example.jp', 'http://127.0.0.1:4000', 'http://localhost:4000', 'http://[::1]:4000']) {
      expect(parseConfig({ ...base, OIDC_ISSUER: issuer }).web.oidc?.issuer).toBe(issuer);
    }
  });

  it('asks for the client id with the issuer', () => {
    expect(() => parseConfig({ REGISTRY_ADMIN_TOKEN: base.REGISTRY_ADMIN_TOKEN, OIDC_ISSUER: 'https://gbiz-id.example.jp' })).toThrow(/OIDC_CLIENT_ID/);
  });
});

describe('cookies', () => {
  async function setCookieOf(publicBaseUrl: string, write: (c: any) => void) {
    const app = new Hono().get('/', (c) => {
      write(c);
      return c.text('ok');
    });
    return (await app.request('/')).headers.get('set-cookie') ?? '';
  }

  it('an https registry uses __Host-session: Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain', async () => {
    const line = await setCookieOf('https://registry.example.jp', (c) => sessionCookie('https://registry.example.jp').write(c, 'session-id', 43_200));
    expect(line).toMatch(/^__Host-session=session-id;/);
    for (const attribute of ['Max-Age=43200', 'Path=/', 'HttpOnly', 'Secure', 'SameSite=Lax']) expect(line).toContain(attribute);
    expect(line).not.toMatch(/Domain=/i);
  });

  it('the sign-in flow cookie has the same protections and a short life', async () => {
    const line = await setCookieOf('https://registry.example.jp', (c) => flowCookie('https://registry.example.jp', 'oidc').write(c, 'flow-id', 600));
    expect(line).toMatch(/^__Host-flow-oidc=flow-id;/);
    for (const attribute of ['Max-Age=600', 'Path=/', 'HttpOnly', 'Secure', 'SameSite=Lax']) expect(line).toContain(attribute);
  });

  it('a plain-http development registry cannot use the __Host- prefix (browsers refuse it without Secure)', async () => {
    const line = await setCookieOf('http://127.0.0.1:8080', (c) => sessionCookie('http://127.0.0.1:8080').write(c, 'session-id', 60));
    expect(line).toMatch(/^registry_session=session-id;/);
    expect(line).not.toContain('Secure');
    expect(line).toContain('HttpOnly');
  });
});

describe('relying party against a real provider', () => {
  let provider: TestOidcProvider;

  beforeAll(async () => {
    provider = await startOidcProvider({ redirectUri: REDIRECT_URI });
    provider.addAccount({ sub: 'hr-1', corporateNumber: '7123456789012', email: 'hr@example.jp', name: '人事 花子' });
  });
  afterAll(() => provider?.close());

  const rpFor = (p: TestOidcProvider, overrides: Partial<Parameters<typeof createOidcIdentityProvider>[0]> = {}) =>
    createOidcIdentityProvider({
      settings: { issuer: p.issuer, clientId: p.clientId, clientSecret: p.clientSecret },
      redirectUri: REDIRECT_URI,
      corporateNumberClaim: 'corporate_number',
      ...overrides,
    });

  it('asks for code with PKCE S256, state, nonce and the registered redirect URI', async () => {
    const expected = flow();
    const url = await rpFor(provider).authorizationUrl(expected);
    expect(url.origin).toBe(provider.url);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: provider.clientId, response_type: 'code', redirect_uri: REDIRECT_URI, state: expected.state, nonce: expected.nonce, code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('scope')!.split(' ')).toContain('openid');
  });

  it('reads the 法人番号, e-mail and name from userinfo when the ID token does not carry them', async () => {
    provider.requests.length = 0;
    expect(await signIn(rpFor(provider), 'hr-1')).toEqual({
      issuer: provider.issuer, subject: 'hr-1', email: 'hr@example.jp', name: '人事 花子', corporateNumber: '7123456789012', accountType: null,
    });
    expect(provider.requests.filter((r) => r === 'GET /me')).toHaveLength(1);
  });

  it('reads the account type only under the configured claim (OIDC_ACCOUNT_TYPE_CLAIM), from userinfo or the ID token', async () => {
    provider.addAccount({ sub: 'hr-typed', corporateNumber: '7123456789012', accountType: 'prime', name: '代表 一郎' });
    expect(await signIn(rpFor(provider), 'hr-typed')).toMatchObject({ accountType: null });
    expect(await signIn(rpFor(provider, { accountTypeClaim: 'account_type' }), 'hr-typed')).toMatchObject({ accountType: 'prime', corporateNumber: '7123456789012' });
    const other = await startOidcProvider({ redirectUri: REDIRECT_URI, claimsInIdToken: true, accountTypeClaim: 'gbiz_type' });
    try {
      other.addAccount({ sub: 'hr-entry', corporateNumber: '8123456789012', accountType: 'entry' });
      other.addAccount({ sub: 'hr-untyped', corporateNumber: '8123456789012' });
      const rp = rpFor(other, { accountTypeClaim: 'gbiz_type' });
      expect(await signIn(rp, 'hr-entry')).toMatchObject({ accountType: 'entry' });
      expect(await signIn(rp, 'hr-untyped')).toMatchObject({ accountType: null });
    } finally {
      await other.close();
    }
  });

  it('takes them from the ID token when it carries them, under the configured claim name', async () => {
    const other = await startOidcProvider({ redirectUri: REDIRECT_URI, claimsInIdToken: true, corporateNumberClaim: 'houjin_bangou' });
    try {
      other.addAccount({ sub: 'hr-2', corporateNumber: '8123456789012', email: 'hr2@example.jp', name: '総務 太郎' });
      expect(await signIn(rpFor(other, { corporateNumberClaim: 'houjin_bangou' }), 'hr-2')).toMatchObject({ corporateNumber: '8123456789012', email: 'hr2@example.jp' });
      expect(other.requests).toContain('POST /token');
      expect(other.requests).not.toContain('GET /me'); // no userinfo round trip needed
    } finally {
      await other.close();
    }
  });

  it('works as a public client (no secret, PKCE only) and with client_secret_post', async () => {
    const publicProvider = await startOidcProvider({ redirectUri: REDIRECT_URI, clientSecret: null });
    const postProvider = await startOidcProvider({ redirectUri: REDIRECT_URI, tokenEndpointAuthMethod: 'client_secret_post' });
    try {
      for (const p of [publicProvider, postProvider]) {
        p.addAccount({ sub: 'hr-3', corporateNumber: '7123456789012' });
        expect((await signIn(rpFor(p), 'hr-3')).subject).toBe('hr-3');
      }
    } finally {
      await publicProvider.close();
      await postProvider.close();
    }
  });

  it('refuses a provider whose metadata names another issuer than the configured one', async () => {
    const port = await freePort();
    // Listens on 127.0.0.1 but calls itself localhost: the registry configured with 127.0.0.1 must not trust it.
    const renamed = await startOidcProvider({ redirectUri: REDIRECT_URI, port, issuer: `http://localhost:${port}` });
    try {
      const rp = createOidcIdentityProvider({ settings: { issuer: renamed.url, clientId: renamed.clientId, clientSecret: renamed.clientSecret }, redirectUri: REDIRECT_URI, corporateNumberClaim: 'corporate_number' });
      expect(await refusal(rp.authorizationUrl(flow()))).toBe('issuer-mismatch');
    } finally {
      await renamed.close();
    }
  });

  it('never talks plain http to a non-loopback issuer, even if configuration were bypassed', async () => {
    // 0.0.0.0 reaches this machine on Linux, but it is not a loopback name: oauth4webapi must refuse before connecting.
    const rp = createOidcIdentityProvider({ settings: { issuer: provider.url.replace('127.0.0.1', '0.0.0.0'), clientId: provider.clientId, clientSecret: provider.clientSecret }, redirectUri: REDIRECT_URI, corporateNumberClaim: 'corporate_number' });
    expect(await refusal(rp.authorizationUrl(flow()))).toBe('insecure-provider-url');
  });

  it('keeps the metadata for its TTL: a provider outage after discovery does not break the redirect; after the TTL it is reported', async () => {
    const shortLived = await startOidcProvider({ redirectUri: REDIRECT_URI });
    const cached = rpFor(shortLived);
    const expiring = rpFor(shortLived, { discoveryTtlMs: 1 });
    await cached.authorizationUrl(flow());
    await expiring.authorizationUrl(flow());
    await shortLived.close();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await cached.authorizationUrl(flow())).origin).toBe(shortLived.url);
    expect(await refusal(expiring.authorizationUrl(flow()))).toBe('provider-unavailable');
  });
});

describe('the registry when the provider is down', () => {
  it('GET /auth/oidc/login answers a 502 page, audits it, and sets no flow cookie', async () => {
    const providerPort = await freePort(); // nothing listens there
    const server = await startTestServer({ OIDC_ISSUER: `http://127.0.0.1:${providerPort}`, OIDC_CLIENT_ID: 'registry' });
    try {
      const answer = await server.call('GET', '/auth/oidc/login', { token: null });
      expect(answer.status).toBe(502);
      expect(answer.text).toContain('GビズIDに接続できませんでした');
      expect(answer.headers.getSetCookie()).toEqual([]);
      const log = await server.call('GET', '/api/v1/audit-log?action=account.sign-in-refused');
      expect(log.body.items[0].after).toEqual({ method: 'oidc', reason: 'provider-unavailable' });
    } finally {
      await server.close();
    }
  });
});

describe('rate limit', () => {
  it('sign-in attempts from one address are limited per minute (429 with Retry-After)', async () => {
    const server = await startTestServer({ RATE_LIMIT_PUBLIC_PER_MINUTE: '3', OIDC_ISSUER: 'http://127.0.0.1:9', OIDC_CLIENT_ID: 'registry' });
    try {
      await insideOneRateWindow();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await server.call('GET', '/auth/oidc/callback?code=x&state=y', { token: null })).status);
      expect(statuses).toEqual([400, 400, 400, 429]);
      const limited = await server.call('GET', '/auth/oidc/login', { token: null });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
