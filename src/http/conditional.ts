/**
 * RFC 9110 §13.1.2: whether an If-None-Match header names `etag` (a list of entity tags, compared
 * weakly, or "*"): then a GET answers 304.
 */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  return header !== undefined && header.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')));
}
