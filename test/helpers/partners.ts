import BetterSqlite3 from 'better-sqlite3';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestServer } from './server.js';

export interface PartnerClient {
  id: string;
  clientId: string;
  clientSecret: string;
}

/** Registers a partner as the secretariat and returns its client credentials (shown once). */
export async function registerPartner(server: TestServer, { name = 'テスト人材株式会社', rateLimitPerMinute = 10_000 }: { name?: string; rateLimitPerMinute?: number } = {}): Promise<PartnerClient> {
  const response = await server.call('POST', '/api/v1/partners', { body: { name, kind: 'hr-company', rateLimitPerMinute } });
  if (response.status !== 201) throw new Error(`register partner: ${response.status} ${response.text}`);
  return { id: response.body.id, clientId: response.body.client_id, clientSecret: response.body.client_secret };
}

/** The client credentials grant, form-encoded with HTTP Basic client authentication (RFC 6749 §4.4). */
export async function accessToken(server: TestServer, client: PartnerClient): Promise<string> {
  const basic = btoa(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`);
  const response = await fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&scope=lookup',
  });
  const body = (await response.json()) as { access_token: string };
  if (response.status !== 200) throw new Error(`token: ${response.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
  /** The status this receiver answered with. */
  answered: number;
}

/**
 * A real webhook receiver on 127.0.0.1: records every POST and answers with the next status
 * from `script` (then 200 for good).
 */
export async function startReceiver(): Promise<{ url: string; received: ReceivedWebhook[]; script: number[]; waitFor(count: number, timeoutMs?: number): Promise<void>; close(): Promise<void> }> {
  const received: ReceivedWebhook[] = [];
  const script: number[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answered = script.shift() ?? 200;
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now(), answered });
      response.writeHead(answered, { 'content-type': 'text/plain' }).end(answered < 300 ? 'ok' : 'try again');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/registry`,
    received,
    script,
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`receiver got ${received.length} of ${count} webhooks in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Marks a webhook disabled as the dispatcher does after its receiver answered 410 Gone, straight in
 * the server's database file: for the route matrices and walks, whose servers send no webhooks but
 * need a disabled webhook to enable. The real 410 path is covered in test/http/partners-webhooks.test.ts.
 */
export function disableWebhookInDatabase(server: TestServer, webhookId: string): void {
  const db = new BetterSqlite3(server.dbPath, { timeout: 10_000 });
  try {
    const changed = db.prepare('UPDATE webhooks SET disabled_at = ?, disabled_reason = ? WHERE id = ? AND deleted_at IS NULL').run(new Date().toISOString(), 'The receiver answered 410 Gone (test fixture).', webhookId).changes;
    if (changed !== 1) throw new Error(`no live webhook ${webhookId} to disable`);
  } finally {
    db.close();
  }
}
