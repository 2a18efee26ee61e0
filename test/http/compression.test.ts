/**
 * HTTP compression on Node, over real HTTP with node:http (fetch would undo the gzip unseen):
 * text answers go out gzipped when the client asks, with Vary: Accept-Encoding and a weak ETag
 * that still answers 304; PNGs, tiny answers, HEAD, 304s and the records' row-version ETags
 * (If-Match) are left as they are; a streamed open data file is the same file once unzipped.
 * The Worker leaves compression to Cloudflare (workerd gzips text answers itself, as the edge
 * does): the app sends everything there as is, so this runs on Node only.
 */
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialUuid, declarationCredential } from '../helpers/credentials.js';
import { seedCompany, startTestServer, ADMIN_TOKEN, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator } from '../helpers/staff.js';
import { onWorker } from '../helpers/targets.js';

let server: TestServer;
let organizationId: string;
let credentialId: string;

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

/** One request as a browser sends it, the body as it came over the wire. */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.url);
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const GZIP = { 'accept-encoding': 'gzip, deflate, br, zstd' };
const vary = (r: Raw) => String(r.headers.vary ?? '').toLowerCase();

beforeAll(async () => {
  // Open data files read a row at a time here, so that they stream in several parts.
  server = await startTestServer({ TEST_OPEN_DATA_BATCH_SIZE: '1' });
  const company = await seedCompany(server, { n: 31, publish: true, name: '株式会社圧縮テスト' });
  for (const n of [32, 33, 34, 35]) await seedCompany(server, { n, publish: true });
  organizationId = company.organization.id;
  credentialId = credentialUuid((await declarationCredential(server, company.declarationId)).ref.id);
});

afterAll(async () => {
  await server?.close();
});

describe.skipIf(onWorker)('compression on Node', () => {
  it.each(['/', `/organizations/${'{org}'}`, '/verify', '/api/v1/open-data/declarations.csv', '/api/v1/open-data/declarations.json', '/openapi.json'])(
    '%s: gzipped when asked, the same bytes once unzipped, Vary: Accept-Encoding',
    async (template) => {
      const path = template.replace('{org}', organizationId);
      const plain = await raw(path);
      const zipped = await raw(path, GZIP);
      expect(plain.status, path).toBe(200);
      expect(plain.headers['content-encoding'], path).toBeUndefined();
      expect(zipped.status, path).toBe(200);
      expect(zipped.headers['content-encoding'], path).toBe('gzip');
      expect(zipped.headers['content-length'], path).toBeUndefined();
      expect(vary(zipped), path).toContain('accept-encoding');
      expect(gunzipSync(zipped.bytes).toString('utf8'), path).toBe(plain.bytes.toString('utf8'));
      expect(zipped.bytes.length, path).toBeLessThan(plain.bytes.length * 0.6);
    },
  );

  it('the stylesheet is gzipped to a fraction of its size, keeps its year-long caching, and its weak ETag answers 304', async () => {
    const home = (await raw('/')).bytes.toString('utf8');
    const css = /href="(\/assets\/site\.[0-9a-f]{8}\.css)"/.exec(home)![1]!;
    const plain = await raw(css);
    const zipped = await raw(css, GZIP);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.bytes.length).toBeLessThan(plain.bytes.length / 3);
    expect(zipped.headers['cache-control']).toContain('immutable');
    // The compressed form is another representation: its tag is weak, the identity's stays strong.
    expect(plain.headers.etag).toMatch(/^"/);
    expect(zipped.headers.etag).toBe(`W/${plain.headers.etag}`);
    const again = await raw(css, { ...GZIP, 'if-none-match': zipped.headers.etag as string });
    expect(again.status).toBe(304);
    expect(again.headers.etag).toBe(zipped.headers.etag);
    expect(again.bytes.length).toBe(0);
    // A HEAD reads and compresses nothing, and says what the GET said.
    const head = await raw(css, GZIP, 'HEAD');
    expect(head.bytes.length).toBe(0);
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.headers.etag).toBe(zipped.headers.etag);
  });

  it('the page scripts are gzipped too, whatever digits their ETag happens to be (copy.js\'s is "31242257")', async () => {
    for (const path of ['/assets/copy.js', '/assets/file-picker.js']) {
      const zipped = await raw(path, GZIP);
      expect(zipped.status, path).toBe(200);
      expect(zipped.headers['content-encoding'], path).toBe('gzip');
      expect(zipped.headers.etag, path).toMatch(/^W\/"[0-9a-f]{8}"$/);
    }
  });

  it('open data: a 304 after If-Modified-Since alone names the compressed copy the client was sent', async () => {
    const path = '/api/v1/open-data/declarations.csv';
    const zipped = await raw(path, GZIP);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    const again = await raw(path, { ...GZIP, 'if-modified-since': zipped.headers['last-modified'] as string });
    expect(again.status).toBe(304);
    expect(again.headers.etag).toBe(zipped.headers.etag);
    // A client holding the identity copy (it sent the strong tag) is told that tag.
    const plain = await raw(path);
    const plainAgain = await raw(path, { ...GZIP, 'if-none-match': plain.headers.etag as string });
    expect(plainAgain.status).toBe(304);
    expect(plainAgain.headers.etag).toBe(plain.headers.etag);
  });

  it('sign-in and signed-in pages (which hold a CSRF token) are sent as they are, whatever the client takes (BREACH)', async () => {
    for (const path of ['/login', '/admin/login']) {
      const page = await raw(path, GZIP);
      expect(page.status, path).toBe(200);
      expect(String(page.headers['cache-control']), path).toContain('no-store');
      expect(page.headers['content-encoding'], path).toBeUndefined();
    }
    // A back-office search echoes its query beside the session's CSRF token.
    const admin = await signInAsAdministrator(server);
    const search = await admin.request('GET', '/admin/organizations?q=csrf', { headers: GZIP });
    expect(search.status).toBe(200);
    expect(search.text).toContain('name="csrf"');
    expect(search.headers.get('content-encoding')).toBeNull();
  });

  it('PNG badges, tiny answers, HEAD and row-version ETags are sent as they are', async () => {
    const png = await raw(`/credentials/${credentialId}/badge.png`, GZIP);
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-encoding']).toBeUndefined();

    const tiny = await raw('/healthz', GZIP);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(tiny.bytes.toString('utf8'))).toEqual({ status: 'ok' });

    const head = await raw('/healthz', GZIP, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBeUndefined();

    // A record's ETag is its row version, sent back in If-Match: it stays strong.
    const record = await raw(`/api/v1/organizations/${organizationId}`, { ...GZIP, authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(record.status).toBe(200);
    expect(record.headers.etag).toMatch(/^"\d+"$/);
    expect(record.headers['content-encoding']).toBeUndefined();
  });

  it('a client that refuses gzip (q=0) or names only br gets the answer as it is', async () => {
    for (const acceptEncoding of ['gzip;q=0, deflate;q=0', 'br']) {
      const answer = await raw('/', { 'accept-encoding': acceptEncoding });
      expect(answer.headers['content-encoding'], acceptEncoding).toBeUndefined();
    }
    const deflated = await raw('/', { 'accept-encoding': 'deflate' });
    expect(deflated.headers['content-encoding']).toBe('deflate');
  });
});
