/**
 * The Node webhook sender over real sockets: it delivers to an allowed receiver, and refuses, at
 * connect time, a host name that resolves to a private or loopback address (DNS rebinding after
 * registration), so not even a connection reaches the address. Host names are resolved by a
 * lookup function given here, as the machine has no DNS.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeWebhookSender } from '../../src/adapters/node/webhook-sender.js';

let server: Server;
let port: number;
let connections = 0;
const received: { path: string; headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ path: request.url!, headers: request.headers, body });
      if (request.url === '/slow') return; // never answers
      if (request.url === '/moved') return response.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
      response.writeHead(request.url === '/fail' ? 500 : 200).end('ok');
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A resolver that knows a few names, as DNS would. */
const names: Record<string, string> = { 'hook.localhost': '127.0.0.1', 'hooks.example.co.jp': '127.0.0.1', 'rebound.localhost': '10.0.0.5' };
const lookup = (hostname: string, _options: unknown, callback: (error: Error | null, addresses: { address: string; family: number }[]) => void) =>
  names[hostname] ? callback(null, [{ address: names[hostname]!, family: 4 }]) : callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
const request = (url: string) => ({ url, headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' }, body: '{"type":"declaration.published","名前":"テスト"}', timeoutMs: 1000 });

describe('Node webhook sender', () => {
  it('delivers the body and headers, and reports 2xx as delivered and other statuses as not (redirects not followed)', async () => {
    const sender = createNodeWebhookSender({ allowInsecureLocalhost: true }, { lookup });
    expect(await sender.send(request(`http://127.0.0.1:${port}/ok`))).toEqual({ ok: true, statusCode: 200, error: null });
    expect(received.at(-1)).toMatchObject({ path: '/ok', body: '{"type":"declaration.published","名前":"テスト"}', headers: { 'webhook-id': 'msg_1', 'user-agent': 'telework-registry-webhooks/1' } });
    expect(await sender.send(request(`http://hook.localhost:${port}/ok`))).toMatchObject({ ok: true, statusCode: 200 });
    expect(await sender.send(request(`http://127.0.0.1:${port}/fail`))).toEqual({ ok: false, statusCode: 500, error: 'HTTP 500' });
    expect(await sender.send(request(`http://127.0.0.1:${port}/moved`))).toEqual({ ok: false, statusCode: 302, error: 'HTTP 302' });
    expect(received.filter((r) => r.path === '/elsewhere')).toEqual([]);
  });

  it('gives up after the timeout', async () => {
    const sender = createNodeWebhookSender({ allowInsecureLocalhost: true }, { lookup });
    const started = Date.now();
    const result = await sender.send({ ...request(`http://127.0.0.1:${port}/slow`), timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, statusCode: null, error: expect.stringMatching(/abort|timeout/i) });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a public-looking name that resolves to loopback or a private address: no connection is made', async () => {
    const before = connections;
    const strict = createNodeWebhookSender({ allowInsecureLocalhost: false }, { lookup });
    const rebound = await strict.send(request(`https://hooks.example.co.jp:${port}/ok`));
    expect(rebound).toMatchObject({ ok: false, statusCode: null, error: expect.stringContaining('resolves to 127.0.0.1') });
    const dev = createNodeWebhookSender({ allowInsecureLocalhost: true }, { lookup });
    expect(await dev.send(request(`http://rebound.localhost:${port}/ok`))).toMatchObject({ ok: false, error: expect.stringContaining('resolves to 10.0.0.5') });
    expect(connections).toBe(before);
  });

  it('refuses a URL the rules forbid before resolving anything (stored under older rules)', async () => {
    const before = connections;
    const strict = createNodeWebhookSender({ allowInsecureLocalhost: false }, { lookup });
    for (const url of [`http://127.0.0.1:${port}/ok`, 'https://169.254.169.254/latest/meta-data/', `https://[::ffff:127.0.0.1]:${port}/ok`]) {
      expect(await strict.send(request(url))).toMatchObject({ ok: false, statusCode: null, error: expect.stringContaining('Not sent') });
    }
    expect(connections).toBe(before);
  });
});
