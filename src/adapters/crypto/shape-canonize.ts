/**
 * RDFC-1.0 canonicalization (as eddsa-rdfc-2022 does it: jsonld.toRDF, then rdf-canonize) with a
 * shape-template fast path, exact by construction and checked:
 *
 * The registry signs documents built from a few fixed templates; jsonld spends milliseconds per
 * document re-deriving the same term → IRI mapping. A document's *shape* is everything that can
 * change how jsonld interprets it: the `@context`, all keys (in order), array lengths, the values of
 * `type` and of every `@`-keyword, booleans, nulls, non-integer numbers, every string that is a
 * term name in the document's contexts, and, for every other string, its IRI class (the scheme and
 * whether "//" follows the colon — the only parts jsonld's IRI expansion looks at once a value is
 * not a term). The remaining values are *slots*: free strings and integers.
 *
 * Learning a shape (only from trusted input: documents we sign, or ones verified with one of our
 * own keys) runs jsonld.toRDF once on a copy whose slots hold unique sentinels, and maps every
 * sentinel back to a slot. The template is rejected unless every sentinel occurs exactly as a
 * whole IRI or literal value (not inside another IRI, a datatype, a language tag, a blank node,
 * an rdf:JSON literal or a reformatted number) and the template reproduces, byte for byte, the
 * full path's canonical N-Quads for the learning document itself.
 *
 * Applying a template substitutes slot values into the sentinel quads (IRIs must stay plain
 * absolute IRIs without whitespace; integers are formatted as jsonld does) and runs the same
 * rdf-canonize on them. Anything that does not match a learned shape exactly, or would produce a
 * duplicate quad (jsonld would merge nodes), takes the full jsonld path. Web Crypto only: no Node APIs.
 */
import jsonld from 'jsonld';
import * as rdfCanonize from 'rdf-canonize';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

type Json = Record<string, unknown>;
type DocumentLoader = (url: string) => Promise<{ document: unknown }>;

interface Term {
  termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph';
  value: string;
  datatype?: { termType: 'NamedNode'; value: string };
  language?: string;
}
interface Quad {
  subject: Term;
  predicate: Term;
  object: Term;
  graph: Term;
}
type Position = 'subject' | 'object' | 'graph';
interface Patch {
  quad: number;
  position: Position;
  slot: number;
}
interface Template {
  quads: Quad[];
  patches: Patch[];
  /** Slots that land in an IRI position (value must be a plain absolute IRI). */
  iriSlots: number[];
}

/** A document split into its shape (the key) and its free values (the slots, in document order). */
interface Described {
  key: string;
  slots: (string | number)[];
  /** Per slot: 's' + IRI class for strings, 'i' for integers. */
  kinds: string[];
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):(\/\/)?/;
/** Stricter than jsonld's absolute-IRI test (`scheme:` then no whitespace): stricter only falls back. */
const PLAIN_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`\u0000-\u001f\u007f-\u009f]*$/;
const XSD_DOUBLE = 'http://www.w3.org/2001/XMLSchema#double';
const MAX_INTEGER_SLOT = 1e15;

export interface ShapeCanonizerOptions {
  /** Learned shapes kept (least recently learned evicted first); 0 disables the fast path. */
  maxShapes?: number;
}

/** The stock eddsa-rdfc-2022 canonize: jsonld.toRDF + rdf-canonize. */
export const fullCanonize = (input: Json, options: Json): Promise<string> => eddsaRdfc2022.canonize(input, options);

function iriClass(value: string): string {
  if (value.startsWith('_:')) return '_:';
  const match = SCHEME.exec(value);
  return match ? `${match[1]}:${match[2] ?? ''}` : '';
}

function isPlainObject(value: unknown): value is Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Plain JSON only (what JSON.parse can produce); undefined for anything else. */
function isJson(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1));
  if (isPlainObject(value)) return Object.keys(value).every((k) => isJson(value[k], depth + 1));
  return false;
}

/**
 * The shape key and slot values of a document, given the term names of its contexts; undefined
 * when the document is outside what the fast path handles (nested `@context`, non-JSON values).
 * With `sentinel`, also rebuilds the document with every slot replaced by `sentinel(kind, slot)`.
 */
function describe(
  document: Json,
  terms: ReadonlySet<string>,
  sentinel?: (kind: string, slot: number) => string | number,
): (Described & { rebuilt?: Json }) | undefined {
  const parts: string[] = [];
  const slots: (string | number)[] = [];
  const kinds: string[] = [];
  let ok = true;
  const slot = (value: string | number, kind: string): unknown => {
    parts.push(kind);
    slots.push(value);
    kinds.push(kind);
    return sentinel ? sentinel(kind, slots.length - 1) : value;
  };
  const walk = (value: unknown, verbatim: boolean, depth: number): unknown => {
    if (!ok) return undefined;
    if (depth > 64) {
      ok = false;
      return undefined;
    }
    if (value === null) parts.push('n');
    else if (typeof value === 'boolean') parts.push(value ? 't' : 'f');
    else if (typeof value === 'number') {
      if (!Number.isFinite(value)) ok = false;
      else if (!verbatim && Number.isInteger(value) && Math.abs(value) < MAX_INTEGER_SLOT) return slot(value, 'i');
      else parts.push(`#${JSON.stringify(value)}`);
    } else if (typeof value === 'string') {
      if (!verbatim && !terms.has(value)) return slot(value, `s${iriClass(value)}`);
      parts.push(JSON.stringify(value));
    } else if (Array.isArray(value)) {
      parts.push('[');
      const items = value.map((item) => walk(item, verbatim, depth + 1));
      parts.push(']');
      return items;
    } else if (isPlainObject(value)) {
      parts.push('{');
      const out: Json = {};
      for (const key of Object.keys(value)) {
        if (key === '@context') {
          ok = false; // only the top-level @context is supported
          return undefined;
        }
        parts.push(JSON.stringify(key));
        out[key] = walk(value[key], verbatim || key === 'type' || (key.startsWith('@') && key !== '@id'), depth + 1);
      }
      parts.push('}');
      return out;
    } else ok = false;
    return value;
  };
  const { '@context': context, ...rest } = document;
  parts.push(JSON.stringify(context ?? null));
  const rebuilt = walk(rest, false, 0) as Json;
  if (!ok) return undefined;
  return {
    key: parts.join('\u0001'),
    slots,
    kinds,
    ...(sentinel ? { rebuilt: context === undefined ? rebuilt : { '@context': context, ...rebuilt } } : {}),
  };
}

/** Every key anywhere in the contexts a document uses (a superset of its term names). */
async function contextTerms(context: unknown, documentLoader: DocumentLoader): Promise<Set<string>> {
  const terms = new Set<string>();
  const seen = new Set<string>();
  const visit = async (value: unknown, depth: number): Promise<void> => {
    if (depth > 32) throw new Error('Context nesting too deep.');
    if (typeof value === 'string') {
      if (seen.has(value)) return;
      seen.add(value);
      const { document } = await documentLoader(value);
      await visit(typeof document === 'string' ? JSON.parse(document) : document, depth + 1);
    } else if (Array.isArray(value)) {
      for (const item of value) await visit(item, depth + 1);
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        terms.add(key);
        if (key === '@context' || key === '@import') await visit(inner, depth + 1);
        else if (inner && typeof inner === 'object') await visitDefinitions(inner, depth + 1);
      }
    }
  };
  // Inside term definitions only nested contexts can reference more documents.
  const visitDefinitions = async (value: unknown, depth: number): Promise<void> => {
    if (depth > 32) throw new Error('Context nesting too deep.');
    if (Array.isArray(value)) {
      for (const item of value) await visitDefinitions(item, depth + 1);
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        terms.add(key);
        if (key === '@context' || key === '@import') await visit(inner, depth + 1);
        else if (inner && typeof inner === 'object') await visitDefinitions(inner, depth + 1);
      }
    }
  };
  await visit(context, 0);
  return terms;
}

/** Sentinel for slot `slot` of kind `kind`: unique, and of the same IRI class as the value. */
function sentinelFor(nonce: string, integerBase: number) {
  return (kind: string, slot: number): string | number => {
    if (kind === 'i') return integerBase + slot;
    const cls = kind.slice(1);
    return `${cls}${nonce}_${slot}_`;
  };
}

/**
 * Derives the template from jsonld's quads of the sentinel document; undefined when any
 * sentinel is not a whole IRI or literal value (then the shape is not handled).
 */
function compileTemplate(quads: Quad[], described: Described, nonce: string, integerBase: number): Template | undefined {
  const stringSlot = new Map<string, number>();
  const integerSlot = new Map<string, number>();
  const sentinel = sentinelFor(nonce, integerBase);
  described.kinds.forEach((kind, i) => {
    if (kind === 'i') integerSlot.set(String(sentinel(kind, i)), i);
    else stringSlot.set(String(sentinel(kind, i)), i);
  });
  const integerTexts = [...integerSlot.keys()];
  const mentions = (text: string | undefined) =>
    text !== undefined && (text.includes(nonce) || integerTexts.some((n) => text.includes(n)));

  const patches: Patch[] = [];
  const seen = new Set<number>();
  const iriSlots = new Set<number>();
  for (const [q, quad] of quads.entries()) {
    if (mentions(quad.predicate.value)) return undefined;
    for (const position of ['subject', 'object', 'graph'] as const) {
      const term = quad[position];
      if (mentions(term.datatype?.value) || mentions(term.language)) return undefined;
      if (!mentions(term.value)) continue;
      let slot: number | undefined;
      if (term.termType === 'NamedNode') {
        slot = stringSlot.get(term.value);
        if (slot !== undefined) iriSlots.add(slot);
      } else if (term.termType === 'Literal') {
        slot = stringSlot.get(term.value);
        if (slot === undefined && term.datatype?.value !== XSD_DOUBLE) slot = integerSlot.get(term.value);
      }
      if (slot === undefined) return undefined; // a sentinel inside a value, in a blank node, reformatted…
      patches.push({ quad: q, position, slot });
      seen.add(slot);
    }
  }
  if (seen.size !== described.slots.length) return undefined; // a value jsonld dropped or transformed
  // Slot kinds must agree with where they land: integers only as literals.
  for (const slot of iriSlots) if (described.kinds[slot] === 'i') return undefined;
  return { quads, patches, iriSlots: [...iriSlots] };
}

function applyTemplate(template: Template, slots: readonly (string | number)[]): Quad[] | undefined {
  for (const slot of template.iriSlots) {
    const value = slots[slot];
    if (typeof value !== 'string' || !PLAIN_IRI.test(value)) return undefined;
  }
  const quads = template.quads.map((quad) => ({ ...quad }));
  for (const { quad, position, slot } of template.patches) {
    const value = slots[slot]!;
    const target = quads[quad]!;
    target[position] = { ...target[position], value: typeof value === 'number' ? value.toFixed(0) : value };
  }
  // jsonld merges nodes with equal ids and yields a set: a duplicate quad means values collided.
  const keys = new Set<string>();
  for (const { subject, predicate, object, graph } of quads) {
    const key = JSON.stringify([subject, predicate.value, object, graph]);
    if (keys.has(key)) return undefined;
    keys.add(key);
  }
  return quads;
}

/** Random lower-case letters (no digits, so never confused with an integer sentinel). */
function randomLetters(count: number): string {
  return [...crypto.getRandomValues(new Uint8Array(count))].map((b) => String.fromCharCode(97 + (b % 26))).join('');
}

/** The options eddsa-rdfc-2022 passes; any other option set takes the full path. */
const STANDARD_OPTIONS = new Set(['documentLoader', 'base', 'safe', 'skipExpansion']);
function standardOptions(options: Json): boolean {
  return (
    typeof options.documentLoader === 'function' &&
    options.base === null &&
    options.safe === true &&
    (options.skipExpansion === undefined || options.skipExpansion === false) &&
    Object.keys(options).every((k) => STANDARD_OPTIONS.has(k))
  );
}

export interface ShapeCanonizer {
  /**
   * Canonical N-Quads of `input`, exactly as eddsa-rdfc-2022's canonize gives them. With
   * `learn`, an unknown shape is learned from `input` (trusted input only).
   */
  canonize(input: Json, options: Json, learn?: boolean): Promise<string>;
  /** Learns the shape of a trusted document (no-op when known or unsupported). */
  learn(input: Json, options: Json): Promise<void>;
  /** Whether `input` would take the fast path (for tests and benchmarks). */
  wouldUseFastPath(input: Json, options: Json): boolean;
  readonly stats: { fast: number; full: number; learned: number; rejected: number };
}

/**
 * One canonizer per document loader: a template is only valid for the contexts it was learned
 * with, so every `options.documentLoader` given must serve the same documents (wrappers such as
 * jsonld-signatures' extendContextLoader around the same loader are fine).
 */
export function createShapeCanonizer({ maxShapes = 256 }: ShapeCanonizerOptions = {}): ShapeCanonizer {
  /** Context JSON → term names (filled when learning). */
  const termsByContext = new Map<string, Set<string>>();
  /** Shape key → template, or null for a shape that cannot be handled. */
  const shapes = new Map<string, Template | null>();
  const stats = { fast: 0, full: 0, learned: 0, rejected: 0 };

  function remember(key: string, template: Template | null) {
    if (shapes.size >= maxShapes) shapes.delete(shapes.keys().next().value!);
    shapes.set(key, template);
  }

  function lookup(input: Json, options: Json): { described?: Described; template?: Template | null } {
    if (maxShapes === 0 || !standardOptions(options) || !isPlainObject(input)) return {};
    const terms = termsByContext.get(JSON.stringify(input['@context'] ?? null));
    if (!terms) return {};
    const described = describe(input, terms);
    if (!described) return {};
    return { described, template: shapes.get(described.key) };
  }

  function fast(input: Json, options: Json): Promise<string> | undefined {
    const { described, template } = lookup(input, options);
    if (!described || !template) return undefined;
    const quads = applyTemplate(template, described.slots);
    if (!quads) return undefined;
    return canonizeQuads(quads, options);
  }

  function canonizeQuads(quads: Quad[], options: Json): Promise<string> {
    // As eddsa-rdfc-2022's canonize passes its options on to rdf-canonize.
    return rdfCanonize.canonize(quads, { algorithm: 'RDFC-1.0', format: 'application/n-quads', base: null, safe: true, ...options });
  }

  /** Learns the shape of `input`; returns its canonical form when the full path ran. */
  async function learnShape(original: Json, options: Json): Promise<string | undefined> {
    if (maxShapes === 0 || !standardOptions(options) || !isPlainObject(original) || !isJson(original)) return undefined;
    // A private snapshot: the key, the sentinel document and the self-check all see the same document.
    const input = structuredClone(original);
    const contextKey = JSON.stringify(input['@context'] ?? null);
    let terms = termsByContext.get(contextKey);
    if (!terms) {
      try {
        terms = await contextTerms(input['@context'] ?? null, options.documentLoader as DocumentLoader);
      } catch {
        return undefined;
      }
      if (termsByContext.size >= 64) termsByContext.delete(termsByContext.keys().next().value!);
      termsByContext.set(contextKey, terms);
    }
    const described = describe(input, terms);
    if (!described || shapes.has(described.key)) return undefined;

    const expected = await fullCanonize(input, options);
    let template: Template | null = null;
    try {
      const nonce = `x${randomLetters(16)}`;
      const integerBase = 7e14 + (crypto.getRandomValues(new Uint32Array(1))[0]! % 1e9) * 1e4;
      const sentinelDocument = describe(input, terms, sentinelFor(nonce, integerBase))?.rebuilt;
      if (!sentinelDocument) throw new Error('Unsupported document.');
      const toRdfOptions = { rdfDirection: 'i18n-datatype', base: null, safe: true, ...options, produceGeneralizedRdf: false };
      const quads = (await jsonld.toRDF(sentinelDocument, toRdfOptions)) as Quad[];
      template = compileTemplate(quads, described, nonce, integerBase) ?? null;
      if (template) {
        const applied = applyTemplate(template, described.slots);
        // The template must reproduce the full path on the document it was learned from.
        if (!applied || (await canonizeQuads(applied, options)) !== expected) template = null;
      }
    } catch {
      template = null;
    }
    if (template) stats.learned++;
    else stats.rejected++;
    remember(described.key, template);
    return expected;
  }

  return {
    stats,
    async canonize(input, options, learn = false) {
      const result = fast(input, options);
      if (result) {
        stats.fast++;
        return result;
      }
      stats.full++;
      if (learn) {
        const expected = await learnShape(input, options);
        if (expected !== undefined) return expected;
      }
      return fullCanonize(input, options);
    },
    async learn(input, options) {
      if (!lookup(input, options).template) await learnShape(input, options);
    },
    wouldUseFastPath(input, options) {
      const { described, template } = lookup(input, options);
      return !!described && !!template && !!applyTemplate(template, described.slots);
    },
  };
}
