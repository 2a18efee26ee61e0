import type { Context } from 'hono';
import { sha256Hex } from '../domain/encoding.js';
import type { AppEnv } from './env.js';

/**
 * RFC 9110 §13.1.2: whether an If-None-Match header names `etag` (a list of entity tags, compared
 * weakly, or "*"): then a GET answers 304. Weak comparison (§8.8.3.2) ignores W/ on either tag.
 */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const ours = opaque(etag);
  return header !== undefined && header.split(',').some((tag) => ['*', ours].includes(opaque(tag)));
}

/**
 * Whether a GET answers 304 by its validators, in RFC 9110 §13.2.2's order: If-None-Match, when
 * sent, decides alone (§13.1.3: If-Modified-Since is then ignored, as tags are the finer check);
 * otherwise If-Modified-Since hits when the representation has not changed since that date.
 * HTTP dates count whole seconds, so `lastModified` is compared as the second it was sent as; an
 * unparsable date, or no `lastModified`, is ignored (then the full answer goes out).
 */
export function notModified(
  { ifNoneMatch, ifModifiedSince }: { ifNoneMatch: string | undefined; ifModifiedSince: string | undefined },
  { etag, lastModified }: { etag: string; lastModified?: string | null },
): boolean {
  if (ifNoneMatch !== undefined) return ifNoneMatchHits(ifNoneMatch, etag);
  if (ifModifiedSince === undefined || !lastModified) return false;
  const since = Date.parse(ifModifiedSince);
  const modifiedSecond = Math.floor(Date.parse(lastModified) / 1000) * 1000;
  return !Number.isNaN(since) && !Number.isNaN(modifiedSecond) && modifiedSecond <= since;
}

/**
 * A public JSON answer validated by what it says: its ETag is a digest of the body sent, so it
 * changes exactly when what the public is shown changes (a publication, a status, a new version,
 * renewalUnderReview…) and never on an edit the public is not shown (a renewal's draft saved);
 * If-None-Match naming it answers 304. The organization's and the secretariat's answers keep the
 * row version as ETag instead, for If-Match.
 */
export async function publicJson(c: Context<AppEnv>, body: unknown): Promise<Response> {
  const text = JSON.stringify(body);
  const etag = `"p-${(await sha256Hex(text)).slice(0, 32)}"`;
  c.header('ETag', etag);
  if (ifNoneMatchHits(c.req.header('if-none-match'), etag)) return c.body(null, 304);
  return c.body(text, 200, { 'Content-Type': 'application/json' }); // the text digested, not serialized again
}
