import type { MiddlewareHandler } from 'hono';
import { parseAccept } from 'hono/utils/accept';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';
import { concatenated } from './body.js';
import type { AppEnv } from './env.js';

/**
 * gzip (or deflate) for text answers when the client asks: on a 400 kbit/s line the site's
 * stylesheet goes from 39 KB to about 8, /check with 1,000 results from 366 KB to about 25.
 * Hono's own compress() middleware does the same with CompressionStream, but decides "tiny" only
 * from a Content-Length header, which Hono's answers do not carry (so it would gzip a 20-byte
 * /healthz), and weakens every strong ETag (the records' row versions, meant for If-Match, too).
 *
 * Node only (AppDeps.compress): on Workers, Cloudflare compresses at its edge (brotli too) and a
 * Worker that did it itself would spend its CPU time for a worse result.
 */
export const COMPRESSION_THRESHOLD = 1024;

/** Text types (HTML, CSS, JavaScript, JSON, CSV, XML, SVG…), never images like PNG; and credentials (application/vc, JSON-LD). */
const compressible = (type: string | null) => !!type && (COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) || /^\s*application\/vc\s*(?:;|$)/i.test(type));

/**
 * A record's row version ("7") on the API: the tag clients send back in If-Match, compared strongly
 * (RFC 9110 §13.1.1); such answers stay as they are. By path too: an asset's hex fingerprint can be all digits.
 */
const isRowVersion = (path: string, etag: string) => path.startsWith('/api/') && /^"\d+"$/.test(etag);

/** gzip before deflate; none when the client names neither (or refuses both with q=0). */
function chosenEncoding(header: string | undefined): 'gzip' | 'deflate' | undefined {
  if (!header) return undefined;
  const accepts = parseAccept(header);
  const q = (name: string) => accepts.find((a) => a.type.toLowerCase() === name)?.q ?? accepts.find((a) => a.type === '*')?.q ?? 0;
  if (q('gzip') > 0 && q('gzip') >= q('deflate')) return 'gzip';
  return q('deflate') > 0 ? 'deflate' : undefined;
}

/** The compressed form is a different representation: a strong ETag becomes weak (what If-None-Match compares anyway). */
const weakened = (etag: string) => (etag.startsWith('W/') ? etag : `W/${etag}`);

/** The tag in If-None-Match that named ours, spelled as the client holds it (W/ for its compressed copy). */
function heldTag(ifNoneMatch: string | undefined, etag: string): string | undefined {
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch?.split(',').map((tag) => tag.trim()).find((tag) => opaque(tag) === opaque(etag));
}

/**
 * A page for a signed-in person or a sign-in form (no-store HTML, src/http/web/page.ts): it holds
 * the session's CSRF token, and some echo what their address says (a search). Compressed, their
 * sizes would let someone who watches the line, and can make the browser open such addresses,
 * guess the token a character at a time (BREACH); they go as they are (a few KB each).
 */
const isSignedInPage = (type: string | null, headers: Headers) => /^\s*text\/html/i.test(type ?? '') && /(?:^|,)\s*no-store\s*(?:,|$)/i.test(headers.get('Cache-Control') ?? '');

function addVary(headers: Headers) {
  const vary = headers.get('Vary');
  if (vary === '*' || (vary && /(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary))) return;
  headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

/**
 * An answer with an ETag is compressed whatever its size, so that its 304s and HEADs, which have
 * no body to measure, can say what a GET would have sent; a tiny one costs ~20 bytes of gzip.
 */
export function compression(threshold = COMPRESSION_THRESHOLD): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const encoding = chosenEncoding(c.req.header('accept-encoding'));
    const res = c.res;
    // A client that takes no compressed form gets the answer untouched: its headers are not even
    // read, which keeps it on @hono/node-server's fast path (programs and the bench send no
    // Accept-Encoding). An uncompressed copy needs no Vary: any client can read it.
    if (!encoding && res.status !== 304) return;
    const etag = res.headers.get('ETag');
    if (etag !== null && isRowVersion(c.req.path, etag)) return;
    if (res.status === 304 || !encoding) {
      // The 304 names the copy the client holds; after If-Modified-Since alone, the one it was sent
      // (every 304 with a validator here, open data and sitemaps, is of a compressible text type).
      if (etag) res.headers.set('ETag', heldTag(c.req.header('if-none-match'), etag) ?? (encoding ? weakened(etag) : etag));
      return;
    }
    if (res.status === 204 || res.status === 206 || !res.body) return;
    if (res.headers.has('Content-Encoding') || /(?:^|,)\s*no-transform\s*(?:,|$)/i.test(res.headers.get('Cache-Control') ?? '')) return;
    const type = res.headers.get('Content-Type');
    if (!compressible(type) || isSignedInPage(type, res.headers)) return;
    const length = res.headers.get('Content-Length');
    const large = length !== null && Number(length) >= threshold;
    if (etag === null && length !== null && !large) return;
    // Caches keep one copy per Accept-Encoding, whichever this client gets.
    addVary(res.headers);
    if (c.req.method === 'HEAD') {
      // Hono drops the body of a HEAD (nothing is compressed or read); the headers are a GET's.
      if (etag !== null || large) compressedHeaders(res.headers, encoding);
      return;
    }
    const reader = (res.body as ReadableStream<Uint8Array<ArrayBuffer>>).getReader();
    const head: Uint8Array<ArrayBuffer>[] = [];
    let size = 0;
    // Without an ETag or a length, read up to the threshold: an answer that ends before it goes out as it is, measured.
    while (etag === null && length === null && size < threshold) {
      const chunk = await reader.read();
      if (chunk.done) {
        c.res = new Response(concatenated(head, size), res);
        c.res.headers.set('Content-Length', String(size));
        return;
      }
      head.push(chunk.value);
      size += chunk.value.byteLength;
    }
    // The rest is read as the client takes it (open data files are streamed a batch at a time).
    const body = new ReadableStream<Uint8Array<ArrayBuffer>>(
      {
        start(controller) {
          for (const chunk of head) controller.enqueue(chunk);
        },
        async pull(controller) {
          const chunk = await reader.read();
          if (chunk.done) controller.close();
          else controller.enqueue(chunk.value);
        },
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    );
    c.res = new Response(body.pipeThrough(new CompressionStream(encoding)), res);
    compressedHeaders(c.res.headers, encoding);
  };
}

function compressedHeaders(headers: Headers, encoding: string) {
  headers.delete('Content-Length');
  headers.set('Content-Encoding', encoding);
  const etag = headers.get('ETag');
  if (etag) headers.set('ETag', weakened(etag));
}
