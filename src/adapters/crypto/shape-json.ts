/**
 * What the shape fast paths (shape-canonize.ts, shape-fragments.ts) need to know about a JSON-LD
 * document's values: IRI classes, plain JSON, the term names of its contexts, sentinels for
 * learning, and the canonize options they handle. No Node APIs.
 */

type Json = Record<string, unknown>;
export type DocumentLoader = (url: string) => Promise<{ document: unknown }>;

export const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):(\/\/)?/;
/** Stricter than jsonld's absolute-IRI test (`scheme:` then no whitespace): stricter only falls back. */
export const PLAIN_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`\u0000-\u001f\u007f-\u009f]*$/;
export const XSD_DOUBLE = 'http://www.w3.org/2001/XMLSchema#double';
export const MAX_INTEGER_SLOT = 1e15;

export function iriClass(value: string): string {
  if (value.startsWith('_:')) return '_:';
  const match = SCHEME.exec(value);
  return match ? `${match[1]}:${match[2] ?? ''}` : '';
}

export function isPlainObject(value: unknown): value is Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Plain JSON only (what JSON.parse can produce); undefined for anything else. */
export function isJson(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1));
  if (isPlainObject(value)) return Object.keys(value).every((k) => isJson(value[k], depth + 1));
  return false;
}

/** Every key anywhere in the contexts a document uses (a superset of its term names). */
export async function contextTerms(context: unknown, documentLoader: DocumentLoader): Promise<Set<string>> {
  const terms = new Set<string>();
  const seen = new Set<string>();
  // A string is a document to load where a context stands; inside term definitions it is an IRI
  // (only nested contexts there can reference more documents).
  const visit = async (value: unknown, depth: number, isContext: boolean): Promise<void> => {
    if (depth > 32) throw new Error('Context nesting too deep.');
    if (typeof value === 'string') {
      if (!isContext || seen.has(value)) return;
      seen.add(value);
      const { document } = await documentLoader(value);
      await visit(typeof document === 'string' ? JSON.parse(document) : document, depth + 1, true);
    } else if (Array.isArray(value)) {
      for (const item of value) await visit(item, depth + 1, isContext);
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        terms.add(key);
        if (key === '@context' || key === '@import') await visit(inner, depth + 1, true);
        else if (inner && typeof inner === 'object') await visit(inner, depth + 1, false);
      }
    }
  };
  await visit(context, 0, true);
  return terms;
}

/** Whether the slots that land as IRIs hold plain absolute IRIs (which also need no N-Quads escaping). */
export function iriSlotsFit(iriSlots: readonly number[], slots: readonly (string | number)[]): boolean {
  for (const slot of iriSlots) {
    const value = slots[slot];
    if (typeof value !== 'string' || !PLAIN_IRI.test(value)) return false;
  }
  return true;
}

/** Sentinel for slot `slot` of kind `kind`: unique, and of the same IRI class as the value. */
export function sentinelFor(nonce: string, integerBase: number) {
  return (kind: string, slot: number): string | number => {
    if (kind === 'i') return integerBase + slot;
    const cls = kind.slice(1);
    return `${cls}${nonce}_${slot}_`;
  };
}


/** Random lower-case letters (no digits, so never confused with an integer sentinel). */
export function randomLetters(count: number): string {
  return [...crypto.getRandomValues(new Uint8Array(count))].map((b) => String.fromCharCode(97 + (b % 26))).join('');
}

/** The options eddsa-rdfc-2022 passes; any other option set takes the full path. */
const STANDARD_OPTIONS = new Set(['documentLoader', 'base', 'safe', 'skipExpansion']);
export function standardOptions(options: Json): boolean {
  return (
    typeof options.documentLoader === 'function' &&
    options.base === null &&
    options.safe === true &&
    (options.skipExpansion === undefined || options.skipExpansion === false) &&
    Object.keys(options).every((k) => STANDARD_OPTIONS.has(k))
  );
}

