/** Page cursor = the last key of the previous page, base64url-encoded so clients treat it as opaque. */
export const encodeCursor = (value: string | number): string =>
  btoa(String(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The key a cursor holds; null for none, or for text that is not base64url. */
export const decodeCursor = (cursor: string | null | undefined): string | null => {
  if (!cursor) return null;
  try {
    return atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
};

/**
 * Whether `cursor` can be one of the registry's page cursors: base64url (no padding) of a record's
 * key, which is printable ASCII (an id or a sequence number). Anything else is refused rather than
 * read as "after something": a garbled cursor would otherwise give an empty last page, and a
 * client would stop as if it had read everything.
 */
export function isPageCursor(cursor: string): boolean {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return false;
  const key = decodeCursor(cursor);
  return key !== null && /^[\x21-\x7e]+$/.test(key);
}
