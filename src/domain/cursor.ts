/**
 * Whether `cursor` can be one of the registry's page cursors: base64url (no padding) of a record's
 * key, which is printable ASCII (an id or a sequence number). Anything else is refused rather than
 * read as "after something": a garbled cursor would otherwise give an empty last page, and a
 * client would stop as if it had read everything.
 */
export function isPageCursor(cursor: string): boolean {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return false;
  try {
    return /^[\x21-\x7e]+$/.test(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return false;
  }
}
