/**
 * A real OpenID Connect provider (oidc-provider 9, the certified Node implementation) inside the
 * test process, standing in for GビズID: it issues ID tokens and userinfo with the 法人番号 claim.
 *
 *   const provider = await startOidcProvider({ redirectUri: `${registryUrl}/auth/oidc/callback` });
 *   provider.addAccount({ sub: 'gbiz-001', corporateNumber: '7123456789012', email: 'hr@example.jp', name: '山田 花子' });
 *   const registry = await startTestServer({ PUBLIC_BASE_URL: registryUrl, ...provider.registryEnv });
 *   const { sessionCookie } = await signInOverHttp(registry.url, provider, 'gbiz-001');
 *   await fetch(`${registry.url}/my`, { headers: { cookie: sessionCookie } });
 *   await provider.close();
 *
 * - Listens on 127.0.0.1:<free port>; the issuer is `http://127.0.0.1:<port>` (plain http is
 *   allowed by the registry on loopback only). One client (`clientId`, `clientSecret`,
 *   client_secret_basic, redirect_uris = [redirectUri]) with PKCE (S256) required, plus a second
 *   client `OTHER_CLIENT_ID` (for "ID token for another audience" tests).
 * - Scopes `openid profile email`: `profile` carries `name` and the corporate-number claim
 *   (`corporate_number` by default) and the account type (`account_type` by default, an account's
 *   `accountType`; the values are the test's own, GビズID's are in its specification), `email` carries `email` and `email_verified`. By default the
 *   provider conforms to OIDC Core (those claims only from userinfo, the ID token has `sub`);
 *   `claimsInIdToken: true` puts them in the ID token too.
 * - Its development login UI (devInteractions) stays on, so a real browser signs in by typing the
 *   account's `sub` as login (any password) and pressing "Sign-in". Consent is granted
 *   automatically (the registry is a first-party client), so there is no second screen.
 * - For HTTP-only tests, `authorizeOverHttp(authorizationUrl, accountId)` walks that same UI
 *   with a cookie jar like a browser would and returns the callback URL (with code, state, iss)
 *   without calling it; `signInOverHttp(registryUrl, provider, accountId)` does the whole
 *   registry sign-in and returns the registry's session cookie.
 * - Test hooks for refusals: `tamperTokenResponse(fn)` rewrites the next token endpoint answers
 *   (e.g. to swap in another ID token), `idTokenFor({ accountId, nonce, clientId })` obtains a
 *   real ID token from this provider for any of its clients. Options `issuer` (claim another
 *   issuer than the address it listens on) and `jwks` (share or choose signing keys) let a test
 *   build a provider whose metadata or tokens do not match what the registry expects.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider from 'oidc-provider';

export const OTHER_CLIENT_ID = 'other-app';
const OTHER_REDIRECT_URI = 'http://127.0.0.1:9/other-app/callback';

export interface TestAccount {
  /** The account id at the provider: what a person types as login in the dev UI. */
  sub: string;
  corporateNumber?: string | null;
  /** The account type claim's value (GビズID: Entry, Prime or Member); none when absent. */
  accountType?: string | null;
  email?: string | null;
  name?: string | null;
}

export interface StartOidcProviderOptions {
  /** The registry's callback, e.g. `${PUBLIC_BASE_URL}/auth/oidc/callback`. */
  redirectUri: string;
  clientId?: string;
  /** null: a public client (token_endpoint_auth_method none, PKCE only). */
  clientSecret?: string | null;
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post' | 'none';
  /** The claim that carries the 法人番号 (default 'corporate_number', GビズID's). */
  corporateNumberClaim?: string;
  /** The claim that carries the account type (default 'account_type'). */
  accountTypeClaim?: string;
  /** Also put the profile and email claims in the ID token (default false: userinfo only). */
  claimsInIdToken?: boolean;
  /** The issuer this provider names in metadata and tokens (default its own http://127.0.0.1:<port>). */
  issuer?: string;
  /** Private signing keys (JWKS with `d`); default a fresh RS256 key. */
  jwks?: { keys: JWK[] };
  port?: number;
  /** For a login that addAccount did not define: the account to invent, or undefined to refuse it (default). */
  accountFor?: (sub: string) => TestAccount | undefined;
}

export interface TestOidcProvider {
  /** What the provider says it is (metadata `issuer`, ID token `iss`). */
  issuer: string;
  /** Where it actually listens. Equal to `issuer` unless `options.issuer` said otherwise. */
  url: string;
  clientId: string;
  clientSecret: string | null;
  /** Private signing keys, to start a second provider with the same keys. */
  jwks: { keys: JWK[] };
  /** `METHOD /path` of every request the provider received, in order (e.g. to see whether userinfo, `GET /me`, was called). */
  requests: string[];
  /** OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET for the registry. */
  registryEnv: Record<string, string>;
  addAccount(account: TestAccount): void;
  /** Rewrites every following token endpoint JSON answer (null restores the real answers). */
  tamperTokenResponse(fn: ((body: Record<string, unknown>) => Record<string, unknown>) | null): void;
  /** A real ID token for `accountId`, issued to `clientId` (default the other client) with `nonce`. */
  idTokenFor(options: { accountId: string; nonce: string; clientId?: string }): Promise<string>;
  close(): Promise<void>;
}

/** Starts the provider; see the top of this file. */
export async function startOidcProvider(options: StartOidcProviderOptions): Promise<TestOidcProvider> {
  const {
    redirectUri, clientId = 'registry-test', tokenEndpointAuthMethod, corporateNumberClaim = 'corporate_number',
    accountTypeClaim = 'account_type', claimsInIdToken = false,
  } = options;
  const clientSecret = options.clientSecret === undefined ? 'registry-test-secret-0123456789abcdef' : options.clientSecret;
  const authMethod = tokenEndpointAuthMethod ?? (clientSecret === null ? 'none' : 'client_secret_basic');
  const jwks = options.jwks ?? { keys: [await newSigningKey()] };
  const accounts = new Map<string, TestAccount>();
  const otherSecret = 'other-app-secret-0123456789abcdef';

  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = options.issuer ?? url;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        ...(clientSecret === null ? {} : { client_secret: clientSecret }),
        token_endpoint_auth_method: authMethod,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      {
        client_id: OTHER_CLIENT_ID,
        client_secret: otherSecret,
        redirect_uris: [OTHER_REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks,
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'email'],
    claims: { openid: ['sub'], profile: ['name', corporateNumberClaim, accountTypeClaim], email: ['email', 'email_verified'] },
    conformIdTokenClaims: !claimsInIdToken,
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub) ?? options.accountFor?.(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            ...(account.name ? { name: account.name } : {}),
            ...(account.email ? { email: account.email, email_verified: true } : {}),
            ...(account.corporateNumber ? { [corporateNumberClaim]: account.corporateNumber } : {}),
            ...(account.accountType ? { [accountTypeClaim]: account.accountType } : {}),
          };
        },
      };
    },
    // The registry is a first-party client: grant what it asks for without a consent screen.
    async loadExistingGrant(ctx) {
      const existing = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile email');
      grant.addOIDCClaims(['name', 'email', 'email_verified', corporateNumberClaim, accountTypeClaim]);
      await grant.save();
      return grant;
    },
    // Quieter tests: the defaults print warnings about their own ttl choices.
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = `<!DOCTYPE html><title>oidc error</title><pre id="error">${escapeHtml(JSON.stringify(out))}</pre>`;
    },
  });
  // Keep the provider's own logs out of test output: it emits errors for every refused request a test provokes.
  provider.on('server_error', () => {});

  let tamper: ((body: Record<string, unknown>) => Record<string, unknown>) | null = null;
  const requests: string[] = [];
  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url?.split('?')[0]}`);
    if (tamper && req.method === 'POST' && req.url?.startsWith('/token')) interceptJson(res, tamper);
    callback(req, res);
  });

  const api: TestOidcProvider = {
    issuer,
    url,
    clientId,
    clientSecret,
    jwks,
    requests,
    registryEnv: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, ...(clientSecret === null ? {} : { OIDC_CLIENT_SECRET: clientSecret }) },
    addAccount(account) {
      accounts.set(account.sub, account);
    },
    tamperTokenResponse(fn) {
      tamper = fn;
    },
    async idTokenFor({ accountId, nonce, clientId: forClient = OTHER_CLIENT_ID }) {
      const secret = forClient === OTHER_CLIENT_ID ? otherSecret : clientSecret;
      const callbackUri = forClient === OTHER_CLIENT_ID ? OTHER_REDIRECT_URI : redirectUri;
      const verifier = randomBytes(32).toString('base64url');
      const authorize = new URL('/auth', url);
      authorize.search = new URLSearchParams({
        client_id: forClient, response_type: 'code', scope: 'openid profile email', redirect_uri: callbackUri, nonce,
        state: randomBytes(16).toString('base64url'), code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
      }).toString();
      const callbackUrl = await authorizeOverHttp(authorize.href, accountId);
      const code = new URL(callbackUrl).searchParams.get('code');
      if (!code) throw new Error(`idTokenFor: no code in ${callbackUrl}`);
      const saved = tamper;
      tamper = null;
      try {
        const response = await fetch(new URL('/token', url), {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            ...(secret ? { authorization: `Basic ${Buffer.from(`${encodeURIComponent(forClient)}:${encodeURIComponent(secret)}`).toString('base64')}` } : {}),
          },
          body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: callbackUri, code_verifier: verifier, ...(secret ? {} : { client_id: forClient }) }),
        });
        const body = (await response.json()) as { id_token?: string };
        if (!body.id_token) throw new Error(`idTokenFor: token endpoint said ${JSON.stringify(body)}`);
        return body.id_token;
      } finally {
        tamper = saved;
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return api;
}

/** A fresh RS256 signing key as a private JWK (kid set), for `jwks`. */
export async function newSigningKey(kid = `test-${randomBytes(4).toString('hex')}`): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
}

/**
 * Cookies as a browser keeps them, per host (ports share cookies, as in browsers), with Path
 * matching and Max-Age=0 deletion. Enough for the registry's and the provider's cookies.
 */
export class CookieJar {
  private cookies = new Map<string, { name: string; value: string; path: string }>();

  store(url: string, response: Response) {
    const host = new URL(url).hostname;
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      let path = '/';
      let expired = value === '';
      for (const attribute of attributes) {
        const [key, val = ''] = attribute.trim().split('=');
        if (key!.toLowerCase() === 'path') path = val;
        if (key!.toLowerCase() === 'max-age' && Number(val) <= 0) expired = true;
        if (key!.toLowerCase() === 'expires' && Date.parse(val) <= Date.now()) expired = true;
      }
      const key = `${host} ${path} ${name}`;
      if (expired) this.cookies.delete(key);
      else this.cookies.set(key, { name, value, path });
    }
  }

  header(url: string): string {
    const { hostname, pathname } = new URL(url);
    return [...this.cookies.entries()]
      .filter(([key, c]) => key.startsWith(`${hostname} `) && (pathname === c.path || pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)))
      .map(([, c]) => `${c.name}=${c.value}`)
      .join('; ');
  }

  /** The value of a cookie by name (any path), or undefined. */
  get(url: string, name: string): string | undefined {
    const host = new URL(url).hostname;
    return [...this.cookies.entries()].find(([key, c]) => key.startsWith(`${host} `) && c.name === name)?.[1].value;
  }

  delete(url: string, name: string) {
    const host = new URL(url).hostname;
    for (const [key, c] of this.cookies) if (key.startsWith(`${host} `) && c.name === name) this.cookies.delete(key);
  }
}

/** One request as a browser would send it (cookies from the jar, redirects not followed). */
export async function browserFetch(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const cookie = jar.header(url);
  const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
  jar.store(url, response);
  return response;
}

/**
 * Walks the provider's development login UI from an authorization URL, like a person typing
 * `accountId` in a browser: follows the provider's redirects, posts the login form, and stops at
 * the first redirect that leaves the provider (the client's redirect URI with code, state and
 * iss, or an error). Returns that URL without requesting it.
 */
export async function authorizeOverHttp(authorizationUrl: string, accountId: string, jar = new CookieJar()): Promise<string> {
  const providerOrigin = new URL(authorizationUrl).origin;
  let next: { url: string; init?: RequestInit } = { url: authorizationUrl };
  for (let step = 0; step < 12; step++) {
    const response = await browserFetch(jar, next.url, next.init);
    const location = response.headers.get('location');
    if (location) {
      const target = new URL(location, next.url).href;
      if (new URL(target).origin !== providerOrigin) return target;
      next = { url: target };
      continue;
    }
    const html = await response.text();
    const form = /<form[^>]*action="([^"]+)"[^>]*method="post"[\s\S]*?name="prompt" value="(\w+)"/.exec(html);
    if (response.status !== 200 || !form) throw new Error(`authorizeOverHttp: unexpected ${response.status} at ${next.url}: ${html.slice(0, 400)}`);
    const fields: Record<string, string> = form[2] === 'login' ? { prompt: 'login', login: accountId, password: 'any' } : { prompt: form[2]! };
    next = {
      url: new URL(unescapeHtml(form[1]!), next.url).href,
      init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() },
    };
  }
  throw new Error('authorizeOverHttp: too many steps');
}

export interface HttpSignIn {
  /** `name=value` of the registry's session cookie, ready for a Cookie header; null when none was set. */
  sessionCookie: string | null;
  /** The registry's answer to the callback. */
  status: number;
  location: string | null;
  /** The page the registry showed instead of redirecting (no-organization, refusals). */
  body: string;
  /** The Set-Cookie lines of that answer (to check the cookie's attributes). */
  setCookies: string[];
  jar: CookieJar;
  /** The callback URL the provider sent the browser to (to replay it). */
  callbackUrl: string;
}

/**
 * The whole sign-in, over real HTTP, as a browser does it: GET /auth/oidc/login on the registry
 * (optionally with ?next=, or ?invitation= as a /join link's page sends it), the provider's login
 * as `accountId`, then the registry's callback.
 */
export async function signInOverHttp(registryUrl: string, provider: Pick<TestOidcProvider, 'url'>, accountId: string, { next, invitation, jar = new CookieJar() }: { next?: string; invitation?: string; jar?: CookieJar } = {}): Promise<HttpSignIn> {
  const query = new URLSearchParams({ ...(next ? { next } : {}), ...(invitation ? { invitation } : {}) }).toString();
  const login = await browserFetch(jar, `${registryUrl}/auth/oidc/login${query ? `?${query}` : ''}`);
  const authorizationUrl = login.headers.get('location');
  if (login.status !== 302 || !authorizationUrl?.startsWith(provider.url)) throw new Error(`signInOverHttp: /auth/oidc/login answered ${login.status} ${authorizationUrl ?? await login.text()}`);
  const callbackUrl = await authorizeOverHttp(authorizationUrl, accountId, jar);
  const callback = await browserFetch(jar, callbackUrl);
  const setCookies = callback.headers.getSetCookie();
  const session = setCookies.map((line) => /^((?:__Host-session|registry_session)=[^;]+)/.exec(line)?.[1]).find((v) => v && !v.endsWith('='));
  return { sessionCookie: session ?? null, status: callback.status, location: callback.headers.get('location'), body: await callback.text(), setCookies, jar, callbackUrl };
}

/** Buffers a JSON answer and passes it through `fn` before it leaves (Koa sends bodies with one end()). */
function interceptJson(res: ServerResponse, fn: (body: Record<string, unknown>) => Record<string, unknown>) {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = ((chunk: unknown) => {
    chunks.push(Buffer.from(chunk as Buffer));
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown) => {
    if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk as Buffer));
    let body = Buffer.concat(chunks).toString('utf8');
    try {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      if ('id_token' in parsed) body = JSON.stringify(fn(parsed));
    } catch {
      /* not JSON: pass through */
    }
    if (!res.headersSent) res.setHeader('content-length', Buffer.byteLength(body));
    void write;
    return end(body);
  }) as typeof res.end;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
const unescapeHtml = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x2F;/g, '/');
