/**
 * The most JSON values (objects, arrays and scalars) a credential or presentation may hold to be
 * signed or verified. The registry's own credentials hold ~200. Why a bound: JSON-LD expansion
 * and RDF canonicalization (jsonld, rdf-canonize) compare each value of a property, and each
 * quad, with all earlier ones, so the work grows with the square of the size: 20,000 subjects in
 * one credential kept the event loop busy for half a minute. At this bound a document costs
 * well under a second.
 */
export const MAX_CREDENTIAL_VALUES = 5000;

/** Whether `value` holds more than `limit` JSON values; stops counting as soon as it does. */
export function exceedsValues(value: unknown, limit = MAX_CREDENTIAL_VALUES): boolean {
  const pending: unknown[] = [value];
  let count = 1;
  while (pending.length > 0) {
    const item = pending.pop();
    if (item === null || typeof item !== 'object') continue;
    const children = Array.isArray(item) ? item : Object.values(item);
    count += children.length;
    if (count > limit) return true;
    for (const child of children) if (child !== null && typeof child === 'object') pending.push(child);
  }
  return false;
}
