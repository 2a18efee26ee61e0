import type { Context } from 'hono';
import type { AppEnv } from './env.js';
import { tooLarge, unreadableBody } from './problem.js';

/**
 * The one place request bodies are read. The limit holds WHILE reading: a declared
 * Content-Length over it is refused without touching the body, one within it is read whole (the
 * runtime reads exactly that many bytes), and a chunked body (no Content-Length) is read chunk by
 * chunk from `c.req.raw.body`; the chunk that passes the limit
 * throws `tooLarge` at once, so at most `limit` + one chunk is ever held (`discardRest` says what
 * becomes of the rest of the body).
 *
 * A body the client stops sending (connection closed or reset mid-upload) is the client's
 * outcome, not a server failure: `unreadableBody` (400), never an unexpected error.
 *
 * Web Streams only, so the same code runs on Node and Workers.
 *
 * The outcome (the bytes or the error) is kept per request, so every later reader (the
 * Idempotency-Key middleware reads before the handler) gets the same bytes; Hono's own body cache
 * is filled too, so `c.req.json()`, `text()`, `formData()`… still work after this has read it.
 */
export async function readBodyBytes(c: Context<AppEnv>, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const request = c.req.raw;
  let outcome = outcomes.get(request);
  if (!outcome) {
    outcome = readLimited(request, limit);
    outcomes.set(request, outcome);
    outcome.then(
      // Hono keeps the promise itself under the method's name (hono/dist/request.js #cachedBody).
      (bytes) => void ((c.req.bodyCache as { arrayBuffer?: Promise<ArrayBuffer> }).arrayBuffer ??= Promise.resolve(bytes.buffer)),
      () => undefined, // the error reaches every caller through `await outcome` below
    );
  }
  const bytes = await outcome;
  // A later reader may have a lower limit than the first one.
  if (bytes.byteLength > limit) throw tooLarge(limit);
  return bytes;
}

const outcomes = new WeakMap<Request, Promise<Uint8Array<ArrayBuffer>>>();

async function readLimited(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get('content-length');
  // Refused before the body is touched: the runtime discards it (Node drains up to 64 MiB, then closes).
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  // A declared length within the limit: the runtime reads exactly that many bytes, so the body can
  // be read whole. Why: on Node, @hono/node-server reads arrayBuffer() straight from the socket,
  // while touching `request.body` builds a full Request and a web stream (~100 µs a request).
  if (declared !== null && /^\d+$/.test(declared)) {
    try {
      return new Uint8Array(await request.arrayBuffer());
    } catch {
      throw unreadableBody();
    }
  }
  if (!request.body) return new Uint8Array(0);
  // Throws (a programming error, not the client's) if something else already read the body.
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch {
      // The client closed or reset the connection before the body was complete.
      throw unreadableBody();
    }
    if (step.done) break;
    size += step.value.byteLength;
    if (size > limit) {
      void discardRest(reader);
      throw tooLarge(limit);
    }
    chunks.push(step.value);
  }
  return concatenated(chunks, size);
}

/** The chunks as one array of `size` bytes (their total). */
export function concatenated(chunks: readonly Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** What discardRest drops at most after the limit, before it cancels the body (as @hono/node-server's own drain). */
const DISCARD_BYTES = 64 * 1024 * 1024;
const DISCARD_MS = 1000;

/**
 * After the limit the rest of the body is read and dropped (nothing is kept) while the answer goes
 * out, for at most DISCARD_BYTES / DISCARD_MS, then the stream is cancelled: a lingering close.
 * A body that ends within the bound leaves a keep-alive connection usable; a longer one is cut
 * off by the runtime (on Node by @hono/node-server's drainIncoming, after 64 MiB or 500 ms), by
 * which time a client still sending has read the 413.
 * Why not cancel at once: on Node the cancel does not reach the socket (@hono/node-server's
 * stream has no cancel), the unread bytes stall its drain and it closes the connection 500 ms
 * later, so a keep-alive client that reused it meanwhile gets "socket hang up" (seen with a 2 MB
 * body); and `Connection: close` makes Node close at once, resetting the connection under a
 * client still writing, which then never reads the 413 (Node's http client fails with EPIPE).
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>) {
  const until = Date.now() + DISCARD_MS;
  let dropped = 0;
  try {
    while (dropped <= DISCARD_BYTES && Date.now() < until) {
      const step = await reader.read();
      if (step.done) return;
      dropped += step.value.byteLength;
    }
  } catch {
    return; // the client or the runtime closed the connection: nothing left to drop
  }
  reader.cancel().catch(() => undefined);
}
