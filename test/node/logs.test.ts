import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { credentialUuid, declarationCredential, privateKeyValues } from '../helpers/credentials.js';
import { startReceiver } from '../helpers/partners.js';
import { ADMIN_TOKEN, COMPANY, DECLARATION, freePort, httpCaller, type CallOptions, type TestServer } from '../helpers/server.js';
import { npmStart } from '../helpers/start-command.js';

/**
 * The real entry point (`npm start`) as a child process: one structured JSON access line per
 * request, with its request id; and no token, secret, Authorization value, credential or private
 * key anywhere in what the process writes, from the first line to the shutdown.
 */

const dir = mkdtempSync(join(tmpdir(), 'registry-logs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Sent {
  method: string;
  path: string;
  status: number;
  requestId: string;
  actor: string;
}

describe('logs', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('one JSON line per request with its request id; no secret ever written', async () => {
    const receiver = await startReceiver();
    const port = await freePort();
    let stdout = '';
    let stderr = '';
    child = spawn(npmStart.command, npmStart.args, {
      env: {
        ...process.env, ...npmStart.env,
        PORT: String(port),
        DATABASE_PATH: join(dir, 'registry.sqlite'),
        REGISTRY_ADMIN_TOKEN: ADMIN_TOKEN,
        KEYS_DIR: join(dir, 'keys'), // empty: the development key is generated (and must not be printed)
        MAIL_DIR: join(dir, 'mail'),
        WEBHOOK_ALLOW_INSECURE_LOCALHOST: 'true',
        WEBHOOK_DISPATCH_INTERVAL_MS: '100',
        RATE_LIMIT_PUBLIC_PER_MINUTE: '1000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    await new Promise<void>((resolve, reject) => {
      child!.stdout!.on('data', () => stdout.includes('Registry listening') && resolve());
      child!.once('exit', (code) => reject(new Error(`exited early with ${code}: ${stdout}${stderr}`)));
    });

    const url = `http://127.0.0.1:${port}`;
    const sent: Sent[] = [];
    const secrets: Record<string, string> = { adminToken: ADMIN_TOKEN };
    const expectedActor = (headers: Record<string, string>) => {
      const auth = headers.authorization ?? '';
      if (auth === `Bearer ${ADMIN_TOKEN}`) return 'admin';
      if (secrets.orgToken && auth === `Bearer ${secrets.orgToken}`) return 'organization';
      if ([secrets.accessToken, secrets.accessToken2].some((t) => t && auth === `Bearer ${t}`)) return 'partner';
      return 'public';
    };
    // The test helpers' call(), recording each answer's request id and who asked.
    const call = httpCaller(url);
    const server = {
      url,
      async call(method: string, path: string, options: CallOptions = {}) {
        const response = await call(method, path, options);
        const { token = ADMIN_TOKEN, headers = {} } = options;
        const authorization = token ? `Bearer ${token}` : (headers.authorization ?? '');
        sent.push({ method, path: path.split('?')[0]!, status: response.status, requestId: response.headers.get('x-request-id') ?? '', actor: expectedActor({ authorization }) });
        return response;
      },
    } as unknown as TestServer;
    const ok = async (method: string, path: string, options: CallOptions = {}) => {
      const response = await server.call(method, path, options);
      if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
      return response.body;
    };

    // An administrator creates an organization and its token; the organization declares.
    const org = await ok('POST', '/api/v1/organizations', { body: COMPANY });
    const orgToken = await ok('POST', '/api/v1/tokens', { body: { role: 'organization', organizationId: org.id, label: 'logs' } });
    secrets.orgToken = orgToken.token;
    const declaration = await ok('POST', `/api/v1/organizations/${org.id}/declarations`, { token: secrets.orgToken, body: DECLARATION });
    await ok('POST', `/api/v1/declarations/${declaration.id}/submit`, { token: secrets.orgToken });

    // A partner: its client secret, access tokens (HTTP Basic and form), a webhook and its secret.
    const partner = await ok('POST', '/api/v1/partners', { body: { name: 'ログ人材株式会社', kind: 'hr-company', rateLimitPerMinute: 1000 } });
    secrets.clientSecret = partner.client_secret;
    const basic = btoa(`${encodeURIComponent(partner.client_id)}:${encodeURIComponent(partner.client_secret)}`);
    secrets.basicAuthorization = basic;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const viaBasic = await ok('POST', '/oauth/token', { token: null, headers: { ...form, authorization: `Basic ${basic}` }, rawBody: 'grant_type=client_credentials&scope=lookup' });
    const viaForm = await ok('POST', '/oauth/token', {
      token: null,
      headers: form,
      rawBody: new URLSearchParams({ grant_type: 'client_credentials', client_id: partner.client_id, client_secret: partner.client_secret }).toString(),
    });
    secrets.accessToken = viaBasic.access_token;
    secrets.accessToken2 = viaForm.access_token;
    const webhook = await ok('POST', '/api/v1/partners/me/webhooks', { token: secrets.accessToken, body: { url: receiver.url, events: ['declaration.published'] } });
    secrets.webhookSecret = webhook.secret;
    expect(secrets.webhookSecret).toBeTruthy();

    // Publishing issues a credential and queues a signed webhook delivery.
    await ok('POST', `/api/v1/declarations/${declaration.id}/publish`);
    await receiver.waitFor(1);
    await ok('GET', '/api/v1/changes', { token: secrets.accessToken });
    await ok('POST', '/api/v1/lookup', { token: secrets.accessToken2, body: { corporateNumbers: [COMPANY.corporateNumber] } });

    // The credential travels: fetched, verified by the API and by the form.
    const { ref, jwt } = await declarationCredential(server, declaration.id);
    secrets.credentialJwt = jwt;
    secrets.credentialSignature = jwt.split('.')[2]!;
    await ok('POST', '/credentials/verify', { token: null, body: { verifiableCredential: jwt } });
    await server.call('POST', '/verify', { token: null, headers: form, rawBody: new URLSearchParams({ credential: jwt }).toString() });
    await ok('GET', `/v/${credentialUuid(ref.id)}`, { token: null, headers: { accept: 'application/json' } });

    // Secrets where they do not belong: in a query string, an unknown bearer token, a bad Basic header.
    secrets.querySecret = 'qs-secret-3f9c2a7b1e5d4c6a';
    await server.call('GET', `/api/v1/organizations?access_token=${secrets.querySecret}&q=x`, { token: null });
    secrets.unknownBearer = 'trr_unknownButSecretLooking0123456789abcdef';
    expect((await server.call('GET', '/api/v1/tokens', { token: secrets.unknownBearer })).status).toBe(401);
    secrets.wrongBasic = btoa(`${partner.client_id}:wrong-secret-value-9d8c7b6a`);
    await server.call('POST', '/oauth/token', { token: null, headers: { ...form, authorization: `Basic ${secrets.wrongBasic}` }, rawBody: 'grant_type=client_credentials' });
    await server.call('GET', '/readyz', { token: null });
    await server.call('GET', '/no/such/page', { token: null });
    // Rotating the client secret answers a new one: it must not be logged either.
    secrets.rotatedSecret = (await ok('POST', `/api/v1/partners/${partner.id}/rotate-secret`)).client_secret;

    // Stop the server: the shutdown lines are part of what is checked.
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await receiver.close();

    // Every request: exactly one JSON access line with its request id and what it was.
    const lines = stdout.split('\n').filter((line) => line.startsWith('{'));
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const access = records.filter((r) => r.event === 'request');
    expect(sent.length).toBeGreaterThan(20);
    // Lines are written in batches: the last ones, logged just before exit, are there and in order.
    const lifecycle = records.map((r) => r.event).filter((e) => e !== 'request');
    expect(lifecycle).toContain('server_started');
    expect(lifecycle.slice(-2)).toEqual(['shutdown', 'server_stopped']);
    for (const request of sent) {
      expect(request.requestId, `${request.method} ${request.path} has an X-Request-Id`).toMatch(/\S/);
      const matching = access.filter((r) => r.requestId === request.requestId);
      expect(matching, `${request.method} ${request.path}: one access line`).toHaveLength(1);
      expect(matching[0]).toMatchObject({ level: 'info', method: request.method, path: request.path, status: request.status, actor: request.actor });
      expect(typeof matching[0]!.durationMs).toBe('number');
      expect(Number.isNaN(Date.parse(String(matching[0]!.time)))).toBe(false);
    }
    // No query strings in the log at all.
    expect(access.filter((r) => String(r.path).includes('?'))).toEqual([]);
    // Everything else the process wrote to stdout (besides the "listening" line) is JSON too.
    expect(stdout.split('\n').filter((line) => line.trim() && !line.startsWith('{') && !line.startsWith('Registry listening'))).toEqual([]);

    // Nothing secret anywhere in stdout or stderr.
    const keyDs = privateKeyValues(join(dir, 'keys'));
    expect(keyDs.length).toBeGreaterThan(0);
    const output = stdout + stderr;
    const found = [...Object.entries(secrets), ...keyDs.map((d, i) => [`privateKey${i}`, d] as const)].filter(([, value]) => value && output.includes(value)).map(([name]) => name);
    expect(found, 'secrets found in the process output').toEqual([]);
    expect(output).not.toMatch(/authorization/i);
    expect(output).not.toMatch(/Bearer\s+\S/);
    expect(output).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    expect(output).not.toMatch(/"d"\s*:/);
  }, 120_000);
});
