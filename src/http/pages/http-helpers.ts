// Response helpers shared by the public pages and the badge images.
import { parseAccept } from 'hono/utils/accept';
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import type { Bilingual } from './i18n.js';
import { sha256Hex, utf8 } from '../../domain/encoding.js';
import { ifNoneMatchHits } from '../conditional.js';
import { withSiteFrame } from './site-frame.js';

/**
 * Pages load only the registry's own stylesheet and images; no scripts at all, nothing inline,
 * forms post only to this origin, and no one may frame the verification page.
 */
export const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
/** /verify: the page policy plus the registry's own scripts (the file picker enhancement). */
export const PAGE_CSP_WITH_SCRIPTS = `${PAGE_CSP}; script-src 'self'`;

/** A page that loads /assets scripts (they only enhance it: it works without them). */
export function allowOwnScripts(response: Response): Response {
  response.headers.set('Content-Security-Policy', PAGE_CSP_WITH_SCRIPTS);
  return response;
}

/** An SVG opened directly must not run anything. */
export const IMAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/** A complete HTML document from a hono/jsx element, with the page security headers. */
export async function htmlPage(c: Context<AppEnv>, element: { toString(): string | Promise<string> }, status: 200 | 400 | 404 | 413 | 429 = 200) {
  const document = await htmlDocument(c, element);
  if (status !== 200 || !isRead(c)) return c.body(document, status, pageHeaders());
  return revalidated(c, document, await pageEtag(document));
}

const isRead = (c: Context<AppEnv>) => c.req.method === 'GET' || c.req.method === 'HEAD';

/**
 * A page's validator: a digest of the document sent, so it changes exactly when the page does (a
 * suspension, an edit, the other language). Pages are no-cache, so a browser asks on every visit;
 * an unchanged page is then a bodiless 304, not its 5–25 KB again on a slow line.
 */
const pageEtag = async (document: string | Uint8Array<ArrayBuffer>) => `"h-${(await sha256Hex(document)).slice(0, 32)}"`;

function revalidated(c: Context<AppEnv>, document: string | Uint8Array<ArrayBuffer>, etag: string) {
  const { 'Content-Type': _type, ...headers } = pageHeaders();
  if (ifNoneMatchHits(c.req.header('if-none-match'), etag)) return c.body(null, 304, { ...headers, ETag: etag });
  return c.body(document, 200, { ...pageHeaders(), ETag: etag });
}

async function htmlDocument(c: Context<AppEnv>, element: { toString(): string | Promise<string> }): Promise<string> {
  return `<!DOCTYPE html>${await withSiteFrame(c.var.site, element).toString()}`;
}

const pageHeaders = () => ({
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': PAGE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cache-Control': 'no-cache',
  Vary: 'Accept, Accept-Language',
});

/**
 * A page to keep and serve again (pageAnswer): its document as UTF-8 bytes. A text body is
 * measured and encoded on every answer, ~25 µs for a 7.7 KB Japanese page on Node 20.
 */
export async function keptPage(c: Context<AppEnv>, element: { toString(): string | Promise<string> }): Promise<KeptPage> {
  const bytes = utf8.encode(await htmlDocument(c, element));
  return { bytes, etag: await pageEtag(bytes) };
}

/** A kept page's document and its ETag, digested once when it was kept. */
export interface KeptPage {
  bytes: Uint8Array<ArrayBuffer>;
  etag: string;
}

export const pageAnswer = (c: Context<AppEnv>, page: KeptPage) => revalidated(c, page.bytes, page.etag);

/** RFC 9457 problem for the statuses the shared error model has no kind for (410, 501). */
export function problemResponse(c: Context<AppEnv>, baseUrl: string, status: 404 | 410 | 501, name: string, message: Bilingual, extra: Record<string, unknown> = {}) {
  const titles = { 404: 'Not found', 410: 'Gone', 501: 'Not implemented' } as const;
  return c.json(
    { type: `${baseUrl}/problems/${name}`, title: titles[status], status, detail: message.en, messages: message, ...extra, instance: c.req.path, requestId: c.var.requestId },
    status,
    { 'Content-Type': 'application/problem+json' },
  );
}

/** True when the client asked for JSON rather than a page. */
export function wantsJson(c: Context<AppEnv>): boolean {
  const accept = c.req.header('accept');
  if (!accept) return false;
  // By quality (RFC 9110 §12.5.1): "application/json;q=0.9, text/html;q=0.1" asks for JSON. A tie,
  // or */* alone, is a browser's: the page.
  let json = 0;
  let html = 0;
  for (const { type, q } of parseAccept(accept)) {
    const media = type.toLowerCase();
    if (/^application\/(?:[\w.+-]*\+)?json$/.test(media)) json = Math.max(json, q);
    else if (media === 'text/html' || media === 'application/xhtml+xml') html = Math.max(html, q);
  }
  return json > html;
}

export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const CREDENTIAL_ID_PATTERN = new RegExp(`^${UUID}$`);
/** A credential ID at the start of a path segment, in any case, not followed by more of one. */
export const LEADING_UUID = new RegExp(`^${UUID}(?![0-9a-f-])`, 'i');

/**
 * The ID as issued (a badge's, an organization's: both UUIDs) when a path segment names it in
 * another spelling: in capitals (UUIDs are case-insensitive, RFC 9562 §4) or followed by what a
 * mail program or a PDF took into the link (「。」, 「）」, a space). Null when the segment is the
 * ID as issued, or names none.
 */
export function respelledUuid(segment: string): string | null {
  const uuid = LEADING_UUID.exec(segment)?.[0].toLowerCase();
  return uuid && uuid !== segment ? uuid : null;
}
