import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN } from '../helpers/server.js';
import { startNodeProcess, type NodeProcess } from '../helpers/node-process.js';

/**
 * A client that goes away in the middle of its upload is not a server error: the real entry point
 * (logs captured) writes no error line and no 'unhandled_error' for it, at most an access line
 * with a 4xx status, and keeps answering.
 */

let server: NodeProcess;
beforeAll(async () => {
  server = await startNodeProcess();
});
afterAll(async () => {
  await server?.stop();
});

/** Starts a chunked POST, sends part of the body, waits, then resets the connection. */
async function abandonUpload(path: string, headers: Record<string, string>, partialBody: string) {
  const socket = connect(server.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.on('error', () => undefined);
  const head = [`POST ${path} HTTP/1.1`, `Host: 127.0.0.1:${server.port}`, 'Transfer-Encoding: chunked', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
  const chunk = Buffer.from(partialBody);
  socket.write(head);
  socket.write(`${chunk.length.toString(16)}\r\n`);
  socket.write(chunk);
  socket.write('\r\n');
  // Long enough for the server to be in the middle of reading the body.
  await new Promise((resolve) => setTimeout(resolve, 300));
  socket.resetAndDestroy();
}

const output = () => server.stdout() + server.stderr();
const accessLines = (path: string) =>
  output()
    .split('\n')
    .filter((line) => line.includes('"event":"request"') && line.includes(`"path":"${path}"`));

async function until(condition: () => boolean, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; server wrote:\n${output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a client that disconnects mid-upload', () => {
  it.each([
    ['/credentials/verify', { 'content-type': 'application/json' }, '{"verifiableCredential":{"name":"'],
    ['/verify', { 'content-type': 'multipart/form-data; boundary=xyz' }, '--xyz\r\nContent-Disposition: form-data; name="credential"\r\n\r\nabc'],
    ['/oauth/token', { 'content-type': 'application/x-www-form-urlencoded' }, 'grant_type=client_credentials&client_id='],
    ['/api/v1/organizations', { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}`, 'idempotency-key': '"abandoned"' }, '{"name":"'],
  ])('POST %s: no error logged, a 4xx access line at most, the server still answers', async (path, headers, partialBody) => {
    const seen = accessLines(path).length;
    await abandonUpload(path, headers, partialBody);
    // The request is over once its access line is written.
    await until(() => accessLines(path).length > seen, `the access line of POST ${path}`);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const line = JSON.parse(accessLines(path).at(-1)!) as { level: string; status: number };
    expect(line.level).toBe('info');
    expect(line.status).toBeGreaterThanOrEqual(400);
    expect(line.status).toBeLessThan(500);
    expect(output()).not.toContain('unhandled_error');
    expect(output()).not.toContain('"level":"error"');
    expect(server.stderr()).toBe('');

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
