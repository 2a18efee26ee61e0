import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { parseConfig } from '../../src/config.js';
import { corporateNumberFor } from './corporate-number.js';
import { startNodeServer, type Logger } from '../../src/node/server.js';
import { onWorker, startWorker } from './targets.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  /** Sent as is, instead of JSON-encoding `body`. */
  rawBody?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  /** 'manual' to see a redirect itself (pages send signed-out people to /login) instead of following it. */
  redirect?: RequestRedirect;
}

export interface TestServer {
  url: string;
  dir: string;
  dbPath: string;
  logs: string[];
  /** Real HTTP request; `token` defaults to the administrator's. */
  call(method: string, path: string, options?: CallOptions): Promise<{ status: number; headers: Headers; body: any; text: string }>;
  /** Every row of every table, read through a second connection: to prove a rejected request changed nothing. */
  snapshot(): string;
  close(): Promise<void>;
}

/** Tables whose rows a dispatcher updates in the background (leases, attempts, retries): a refused request is judged by which rows exist. */
const DISPATCHED = new Set(['mail_outbox', 'webhook_deliveries']);

/**
 * The rows a refused request must leave as they were: every table but the sessions (a page view
 * records when it was last seen) and the dispatchers' bookkeeping on mail and webhook deliveries
 * queued earlier (they lease, send and retry in the background); which messages and deliveries
 * exist still counts (a replay is a new delivery).
 */
export function recordsOf(server: TestServer): string {
  const tables = JSON.parse(server.snapshot()) as [string, { id: string }[]][];
  return JSON.stringify(tables.filter(([table]) => table !== 'sessions').map(([table, rows]) => [table, DISPATCHED.has(table) ? rows.map((row) => row.id) : rows]));
}

/**
 * A real registry listening on a random port: the Node server on a real SQLite file in a temp
 * folder, or (REGISTRY_TARGET=worker) the Worker in local workerd with its D1 file there.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'registry-test-'));
  const dbPath = join(dir, 'registry.sqlite');
  const logs: string[] = [];
  const logger: Logger = {
    info: (event, fields) => logs.push(JSON.stringify({ event, ...fields })),
    error: (event, fields) => logs.push(JSON.stringify({ level: 'error', event, ...fields })),
  };
  // A test may choose the port (PORT) so that PUBLIC_BASE_URL and an OIDC redirect URI can name it before start.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  // No public rate limit unless a test sets one (test/http/rate-limit.test.ts): suites send hundreds of anonymous requests.
  // E-mail without SMTP_URL goes to MAIL_DIR as .eml files: this server's own folder, not the repository's data/mail.
  const settings = { PORT: String(port), DATABASE_PATH: dbPath, REGISTRY_ADMIN_TOKEN: ADMIN_TOKEN, KEYS_DIR: join(dir, 'keys'), MAIL_DIR: join(dir, 'mail'), RATE_LIMIT_PUBLIC_PER_MINUTE: '0', ...env };
  const server = onWorker
    ? await startWorkerRetryingPort(dir, settings, env.PORT === undefined)
    : await startNodeServer(parseConfig(settings), { logger });
  const url = server.url;
  const databaseFile = () => ('dbPath' in server ? server.dbPath() : dbPath);
  return {
    url,
    dir,
    get dbPath() {
      return databaseFile();
    },
    logs,
    call: httpCaller(url),
    snapshot: () => snapshotOf(databaseFile()),
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * wrangler dev binds its port seconds after freePort found it free, and a parallel test may take
 * it meanwhile ("Address already in use"): then, unless the test chose the port, once more on another.
 */
async function startWorkerRetryingPort(dir: string, settings: Record<string, string>, portIsOurs: boolean) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startWorker({ dir, port: Number(settings.PORT), env: settings });
    } catch (error) {
      if (!portIsOurs || attempt === 3 || !String(error).includes('Address already in use')) throw error;
      settings = { ...settings, PORT: String(await freePort()) };
    }
  }
}

/** Failures of the connection itself, before any answer came. */
const CONNECTION_LOST = ['UND_ERR_SOCKET', 'ECONNRESET'];

/**
 * fetch, once more when the connection failed before any answer came (undici UND_ERR_SOCKET
 * "other side closed", ECONNRESET: wrangler dev's local proxy drops connections on a loaded
 * machine). A request that had in fact arrived fails on its own the second time (409) or shows in
 * the test's own counts, so this cannot turn a wrong answer into a pass.
 */
export async function fetchRetryingStaleSocket(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (!CONNECTION_LOST.includes(cause?.code ?? '')) throw error;
    await new Promise((resolve) => setTimeout(resolve, 250));
    return fetch(url, init);
  }
}

/**
 * Against the Worker, every request on a connection of its own: a kept-alive connection that
 * wrangler dev's proxy closed while the client reused it hung a request for minutes (undici waits
 * 300 s for headers) or reset it. A request that still takes longer than this fails naming itself.
 */
const WORKER_REQUEST_TIMEOUT_MS = 120_000;
/**
 * A read against the Worker gets a shorter wait and two more tries. Right after 200 concurrent
 * writes, one GET got no answer from wrangler dev's proxy until the 120 s timeout in two clean-clone
 * runs of six (both while concurrency-200 read its published declarations back); the test passed
 * in every other run and alone. The proxy keeps a GET whose own connection to the Worker failed
 * until a reload that never comes (see wrangler-proxy-retry.ts). A read changes nothing, so asking
 * again cannot turn a wrong answer into a pass; a registry that never answers still fails, after three tries.
 */
const WORKER_READ_TIMEOUT_MS = 20_000;
const WORKER_READ_TRIES = 3;
const isRead = (method: string) => method === 'GET' || method === 'HEAD';

/** fetchRetryingStaleSocket, for a read on the Worker with up to WORKER_READ_TRIES tries of WORKER_READ_TIMEOUT_MS. */
async function fetchWorkerRead(url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetchRetryingStaleSocket(url, { ...init, signal: AbortSignal.timeout(WORKER_READ_TIMEOUT_MS) });
    } catch (error) {
      if ((error as Error).name !== 'TimeoutError' || attempt === WORKER_READ_TRIES) throw error;
    }
  }
}

/** Real HTTP requests to `url`; `token` defaults to the administrator's; JSON bodies parsed when they are JSON. */
export function httpCaller(url: string): TestServer['call'] {
  return async (method, path, { token = ADMIN_TOKEN, body, rawBody, headers = {}, redirect = 'follow' } = {}) => {
    const init: RequestInit = { method, headers: { ...headers }, redirect };
    if (onWorker) {
      (init.headers as Record<string, string>).connection = 'close';
      init.signal = AbortSignal.timeout(WORKER_REQUEST_TIMEOUT_MS);
    }
    if (token) (init.headers as Record<string, string>).authorization = `Bearer ${token}`;
    if (rawBody !== undefined) init.body = rawBody;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const send = onWorker && isRead(method) ? fetchWorkerRead : fetchRetryingStaleSocket;
    const response = await send(url + path, init).catch((error: Error) => {
      throw new Error(`${method} ${path}: ${error.message}`, { cause: error });
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
}

/** Every row of every table (D1's own _cf_ tables aside), through a second, read-only connection. */
export function snapshotOf(databaseFile: string): string {
  const db = new BetterSqlite3(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name").all() as { name: string; sql: string }[];
    // WITHOUT ROWID tables (the search index's own) are read in primary-key order.
    const order = (sql: string) => (/WITHOUT ROWID/i.test(sql) ? '' : ' ORDER BY rowid');
    return JSON.stringify(tables.map(({ name, sql }) => [name, db.prepare(`SELECT * FROM "${name}"${order(sql)}`).all()]));
  } finally {
    db.close();
  }
}

/** A port free right now, so PUBLIC_BASE_URL (used in credentials and links) can name it before start. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export const COMPANY = { kind: 'company', name: '株式会社みらいワーク', corporateNumber: '7123456789012', prefectureCode: '13' };
export const MUNICIPALITY = { kind: 'municipality', name: '千代田区', localGovernmentCode: '131016', prefectureCode: '13' };
export const DECLARATION = {
  signerName: '山田 太郎',
  signerTitle: '代表取締役',
  committedOn: '2025-04-01',
  guidelineAreas: ['labor', 'personnel', 'compensation', 'connectivity', 'security'],
  policy: '本社機能の一部を地方拠点へ移し、転職なき移住を支援します。',
};

export { corporateNumberFor };

/** Creates a company, an organization token for it, and (optionally) a published declaration. */
export async function seedCompany(server: TestServer, { n = 1, publish = false, name }: { n?: number; publish?: boolean; name?: string } = {}) {
  name ??= `テスト株式会社${n}`;
  const org = await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name, corporateNumber: corporateNumberFor(n) } });
  if (org.status !== 201) throw new Error(`seed organization: ${org.status} ${org.text}`);
  const token = await server.call('POST', '/api/v1/tokens', { body: { role: 'organization', organizationId: org.body.id, label: name } });
  const orgToken: string = token.body.token;
  const declaration = await server.call('POST', `/api/v1/organizations/${org.body.id}/declarations`, { token: orgToken, body: DECLARATION });
  if (publish) {
    await server.call('POST', `/api/v1/declarations/${declaration.body.id}/submit`, { token: orgToken });
    const published = await server.call('POST', `/api/v1/declarations/${declaration.body.id}/publish`);
    if (published.status !== 200) throw new Error(`seed publish: ${published.status} ${published.text}`);
  }
  return { organization: org.body, orgToken, declarationId: declaration.body.id as string, tokenId: token.body.id as string };
}

/** POST /api/v1/declarations/{id}/{action} (the administrator's token unless `token`), failing the test setup unless 200. */
export async function declarationAction(server: TestServer, id: string, action: string, options: { token?: string; body?: unknown } = {}) {
  const answer = await server.call('POST', `/api/v1/declarations/${id}/${action}`, options);
  if (answer.status !== 200) throw new Error(`${action}: ${answer.status} ${answer.text}`);
  return answer.body;
}

/** Time travel: the declarations' validity ended yesterday, and the expiry sweep expires them. Returns that end. */
export async function expireDeclarations(server: TestServer, ids: readonly string[]): Promise<string> {
  const yesterday = new Date(Date.now() - 86_400_000).toISOString();
  const db = new BetterSqlite3(server.dbPath);
  try {
    for (const id of ids) db.prepare('UPDATE declarations SET valid_until = ? WHERE id = ?').run(yesterday, id);
  } finally {
    db.close();
  }
  const swept = await server.call('POST', '/api/v1/admin/expire-due');
  if (swept.status !== 200) throw new Error(`expire-due: ${swept.status} ${swept.text}`);
  return yesterday;
}
