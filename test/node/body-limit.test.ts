import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, COMPANY } from '../helpers/server.js';
import { startNodeProcess, streamChunked, type NodeProcess } from '../helpers/node-process.js';

/**
 * Body limits hold while the body is being read, not after: a 200 MB chunked body (no
 * Content-Length) is refused once the limit is passed, the server stops reading there and its
 * memory does not grow by the size of the body. The real entry point runs as a child process so
 * its resident memory can be read from /proc.
 */

const MB = 1024 * 1024;
const HUGE = 200 * MB;
const BOUNDARY = '----registry-body-limit-test';

let server: NodeProcess;
beforeAll(async () => {
  server = await startNodeProcess();
});
afterAll(async () => {
  await server?.stop();
});

const json = (text: string) => JSON.parse(text) as Record<string, any>;

/** The four ways a body is read: JSON (+ Idempotency-Key), the multipart verify form, the OAuth token form. */
const bodiesOf = (total: number) => ({
  'POST /credentials/verify (JSON, anonymous)': () =>
    streamChunked(server.port, '/credentials/verify', { headers: { 'content-type': 'application/json' }, prefix: '{"verifiableCredential":{"name":"', total }),
  'POST /verify (multipart/form-data upload)': () =>
    streamChunked(server.port, '/verify', {
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      prefix: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="badge.png"\r\nContent-Type: image/png\r\n\r\n`,
      total,
      fill: 0,
    }),
  'POST /api/v1/organizations with an Idempotency-Key': () =>
    streamChunked(server.port, '/api/v1/organizations', {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}`, 'idempotency-key': '"body-limit-test"' },
      prefix: '{"name":"',
      total,
    }),
  'POST /oauth/token (form)': () =>
    streamChunked(server.port, '/oauth/token', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, prefix: 'grant_type=client_credentials&client_secret=', total }),
});

describe('request bodies sent chunked (no Content-Length)', () => {
  it('normal-size bodies are still read: JSON verify, the verify form (chunked and not), the token endpoint, an idempotent POST', async () => {
    const small = await streamChunked(server.port, '/credentials/verify', {
      headers: { 'content-type': 'application/json' },
      prefix: JSON.stringify({ verifiableCredential: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: 'did:example:x', credentialSubject: { name: 'x' } } }),
      total: 0,
    });
    // Read, parsed, validated and verified: the verifier's own answer (not verified), not a problem.
    expect(small.status, small.text).toBe(400);
    expect(small.contentType).toMatch(/^application\/json/);
    expect(json(small.text).verified).toBe(false);

    const form = new FormData();
    form.set('credential', JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], credentialSubject: { name: '株式会社テスト' } }));
    const page = await fetch(`${server.url}/verify`, { method: 'POST', body: form });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-verdict=');

    const pasted = await streamChunked(server.port, '/verify?lang=en', {
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      prefix: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="credential"\r\n\r\nhello\r\n--${BOUNDARY}--\r\n`,
      total: 0,
    });
    // The form was read: the paste "hello" is refused as unreadable, not as too large or malformed.
    expect(pasted.status).toBe(400);
    expect(pasted.text).toContain('cannot be read as a credential');

    const token = await streamChunked(server.port, '/oauth/token', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, prefix: 'grant_type=client_credentials&client_id=nobody&client_secret=x', total: 0 });
    expect(token.status).toBe(401);
    expect(json(token.text).error).toBe('invalid_client');

    const created = await streamChunked(server.port, '/api/v1/organizations', {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}`, 'idempotency-key': '"small-body"' },
      prefix: JSON.stringify(COMPANY),
      total: 0,
    });
    expect(created.status, created.text).toBe(201);
    const replayed = await fetch(`${server.url}/api/v1/organizations`, {
      method: 'POST',
      body: JSON.stringify(COMPANY),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}`, 'idempotency-key': '"small-body"' },
    });
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get('idempotency-replayed')).toBe('true');
    expect((await replayed.json()).id).toBe(json(created.text).id);
  });

  it('200 MB bodies are refused at the limit (413; 400 invalid_request on the token endpoint) and memory stays flat', async () => {
    // Warm up every route (modules loaded, caches filled) with bodies just over the limits, before the baseline.
    for (const send of Object.values(bodiesOf(2 * MB))) await send();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const before = server.memory();

    const answers = await Promise.all(Object.values(bodiesOf(HUGE)).map((send) => send()));
    const [credentialsVerify, verifyForm, idempotent, token] = answers;

    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = server.memory();
    const growth = after.rss - before.rss;
    console.info(
      `server RSS ${(before.rss / MB).toFixed(0)} MB → ${(after.rss / MB).toFixed(0)} MB (growth ${(growth / MB).toFixed(1)} MB); peak ${(before.peak / MB).toFixed(0)} → ${(after.peak / MB).toFixed(0)} MB`,
    );

    // The answers came long before the bodies were sent: the server stopped reading at the limit.
    for (const answer of answers) expect(answer.sent, `${answer.status} ${answer.text.slice(0, 200)}`).toBeLessThan(HUGE / 2);

    for (const problem of [credentialsVerify!, idempotent!]) {
      expect(problem.status, problem.text.slice(0, 300)).toBe(413);
      expect(problem.contentType).toMatch(/^application\/problem\+json/);
      const body = json(problem.text);
      expect(body).toMatchObject({ status: 413, title: 'Request body too large' });
      expect(body.messages.ja).toMatch(/\S/);
      expect(body.messages.en).toMatch(/1 MiB/);
    }
    // The verify form answers people with its page (bilingual message), as for any refused upload.
    expect(verifyForm!.status).toBe(413);
    expect(verifyForm!.contentType).toMatch(/^text\/html/);
    expect(verifyForm!.text).toMatch(/too large|大きすぎます/);
    // The token endpoint keeps the OAuth error format (RFC 6749 §5.2) for its 8 KiB limit.
    expect(token!.status).toBe(400);
    expect(json(token!.text).error).toBe('invalid_request');

    expect(growth).toBeLessThan(50 * MB);

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
