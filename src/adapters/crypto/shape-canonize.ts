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
 * Applying a template substitutes slot values into the template's pre-serialized N-Quads (IRIs
 * must stay plain absolute IRIs without whitespace; integers are formatted as jsonld does) and
 * canonicalizes them as RDFC-1.0 does when every blank node's first-degree hash is unique (the
 * case of the registry's documents): hash, label in hash order, sort. Two equal hashes hand the
 * N-Quads to rdf-canonize itself (shape-plan.ts).
 *
 * A document of a shape never learned whole is composed, when it can be, from the fragments of
 * its JSON objects' properties (shape-fragments.ts); signing learns fragments, and a whole shape
 * only for what fragments cannot describe. Anything else, or anything that would produce a
 * duplicate quad (jsonld would merge nodes), takes the full jsonld path. No Node APIs.
 */
import jsonld from 'jsonld';
import ContextResolver from 'jsonld/lib/ContextResolver.js';
import * as rdfCanonize from 'rdf-canonize';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { LruCache } from '../../domain/lru-cache.js';
import { fingerprint32 } from '../../domain/encoding.js';
import { canonizePlan, finishPlan, termText, type Part, type Plan, type PlanQuad, type Quad } from './shape-plan.js';
import { compileFragments, compose, describeNodes, slotValues, unitsOf, type Composition, type Fragment, type Interner, type NodeShape, type UnitShape } from './shape-fragments.js';
import {
  contextTerms, iriClass, iriSlotsFit, isJson, isPlainObject, MAX_INTEGER_SLOT, randomLetters, sentinelFor, standardOptions, XSD_DOUBLE, type DocumentLoader,
} from './shape-json.js';

type Json = Record<string, unknown>;
type Position = 'subject' | 'object' | 'graph';
interface Patch {
  quad: number;
  position: Position;
  slot: number;
}
interface Learned {
  template: Template | null;
  /** Times asked for: sightings before it was learned, then fast-path lookups. */
  uses: number;
  bytes: number;
}
/**
 * jsonld's quads are not kept: a plan alone takes about a third of their memory, and when blank
 * node hashes tie, rdf-canonize reads the plan's own N-Quads.
 */
interface Template {
  /** Slots that land in an IRI position (value must be a plain absolute IRI). */
  iriSlots: number[];
  /** The quads pre-serialized for canonicalization (see compilePlan). */
  plan: Plan;
  /** Approximate memory it takes (for the bound on learned shapes). */
  bytes: number;
}

/** A document split into its shape (the key) and its free values (the slots, in document order). */
interface Described {
  key: string;
  slots: (string | number)[];
  /** Per slot: 's' + IRI class for strings, 'i' for integers. */
  kinds: string[];
}


export interface ShapeCanonizerOptions {
  /** Learned shapes kept (least recently used evicted first); 0 disables the fast path. */
  maxShapes?: number;
  /** Approximate memory the learned shapes may take, in bytes. */
  maxShapeBytes?: number;
  /** Approximate memory the node fragments (shape-fragments.ts) may take, in bytes; 0 disables them. */
  maxFragmentBytes?: number;
}

/**
 * The contexts jsonld resolves, kept across calls: only remote ones (by URL), whose processing is
 * the costly part. jsonld's own module-wide cache also keeps every embedded type- or
 * property-scoped context (JSON text keys), each with up to ten processed copies of the whole
 * active context: ~10 MB after issuing varied shapes, for no gain (full path 7.5 ms with remote
 * contexts only, 9.3 ms with jsonld's cache, 10.8 ms with none). Shared by every document loader
 * as jsonld's is: jsonld stores each context under the loader's tag and reuses only those tagged
 * 'static'.
 */
const remoteContexts = new LruCache<string, unknown>({ maxEntries: 32 });
const contextCache = {
  get: (key: string) => remoteContexts.get(key),
  set: (key: string, resolved: unknown) => {
    if (!key.startsWith('{')) remoteContexts.set(key, resolved);
  },
};
const withContextCache = (options: Json): Json => ({ ...options, contextResolver: new ContextResolver({ sharedCache: contextCache }) });

/** The stock eddsa-rdfc-2022 canonize: jsonld.toRDF + rdf-canonize. */
export const fullCanonize = (input: Json, options: Json): Promise<string> => eddsaRdfc2022.canonize(input, withContextCache(options));

/**
 * Keys as JSON strings, kept: documents use the same few keys. Bounded: keys up to 64 characters,
 * cleared when it holds 4,096 (JSON.stringify of every key was ~10 % of a lookup).
 */
const quotedKeys = new Map<string, string>();
function quotedKey(key: string): string {
  if (key.length > 64) return JSON.stringify(key);
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    if (quotedKeys.size >= 4096) quotedKeys.clear();
    quotedKeys.set(key, (quoted = JSON.stringify(key)));
  }
  return quoted;
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
  contextKey?: string,
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
      // The copy is only needed with sentinels (learning); a lookup only reads.
      const items = sentinel ? value.map((item) => walk(item, verbatim, depth + 1)) : value.forEach((item) => walk(item, verbatim, depth + 1));
      parts.push(']');
      return items;
    } else if (isPlainObject(value)) {
      parts.push('{');
      const out: Json | undefined = sentinel ? {} : undefined;
      for (const key of Object.keys(value)) {
        if (key === '@context') {
          ok = false; // only the top-level @context is supported
          return undefined;
        }
        parts.push(quotedKey(key));
        const item = walk(value[key], verbatim || key === 'type' || (key.startsWith('@') && key !== '@id'), depth + 1);
        if (out) out[key] = item;
      }
      parts.push('}');
      return out;
    } else ok = false;
    return value;
  };
  const { '@context': context, ...rest } = document;
  parts.push(contextKey ?? JSON.stringify(context ?? null));
  const rebuilt = walk(rest, false, 0) as Json;
  if (!ok) return undefined;
  return {
    key: parts.join('\u0001'),
    slots,
    kinds,
    ...(sentinel ? { rebuilt: context === undefined ? rebuilt : { '@context': context, ...rebuilt } } : {}),
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
  const plan = compilePlan(quads, patches);
  // The plan's objects and strings: roughly 4 bytes per character of its JSON.
  const bytes = 4 * JSON.stringify(plan).length;
  return { iriSlots: [...iriSlots], plan, bytes };
}

// N-Quads text exactly as rdf-canonize writes it (its own serializer, so escaping cannot drift).

/** Pre-serializes a template: fixed text where nothing varies, references where slots and blank nodes go. */
function compilePlan(quads: Quad[], patches: Patch[]): Plan {
  const patched = new Map<string, number>(patches.map((p) => [`${p.quad} ${p.position}`, p.slot]));
  const bnodes = new Map<string, number>();
  const planQuads = quads.map((quad, q): PlanQuad => {
    const part = (position: Position): Part => {
      const term = quad[position];
      const slot = patched.get(`${q} ${position}`);
      if (slot !== undefined) return term.termType === 'NamedNode' ? { iri: slot } : { literal: slot, suffix: termText({ ...term, value: '' }).slice(2) };
      if (term.termType === 'DefaultGraph') return '';
      if (term.termType !== 'BlankNode') return termText(term);
      let index = bnodes.get(term.value);
      if (index === undefined) bnodes.set(term.value, (index = bnodes.size));
      return { bnode: index };
    };
    return { subject: part('subject'), predicate: termText(quad.predicate), object: part('object'), graph: part('graph') };
  });
  return finishPlan(planQuads, true);
}

/** Separates unit keys in a composition's key (JSON.stringify never leaves it in a string). */
const UNITS = '\u0006';

/** Fresh sentinels for learning: a random nonce for strings, a random base for integers. */
function newSentinels() {
  return { nonce: `x${randomLetters(16)}`, integerBase: 7e14 + (crypto.getRandomValues(new Uint32Array(1))[0]! % 1e9) * 1e4 };
}

/** jsonld's quads, with the options eddsa-rdfc-2022's canonize gives it. */
const toRdf = async (document: Json, options: Json) =>
  (await jsonld.toRDF(document, { rdfDirection: 'i18n-datatype', base: null, safe: true, ...withContextCache(options), produceGeneralizedRdf: false })) as Quad[];

export interface ShapeCanonizer {
  /**
   * Canonical N-Quads of `input`, exactly as eddsa-rdfc-2022's canonize gives them. With
   * `learn`, a shape seen for the second time is learned from `input` (trusted input only).
   */
  canonize(input: Json, options: Json, learn?: boolean): Promise<string>;
  /** Learns the shape of a trusted document (no-op when known or unsupported). */
  learn(input: Json, options: Json): Promise<void>;
  /** Whether `input` would take the fast path (for tests and benchmarks). */
  wouldUseFastPath(input: Json, options: Json): boolean;
  /** Canonicalizations by a learned shape (fast), by node fragments (composed), by jsonld (full); shapes and fragment sets learned. */
  readonly stats: { fast: number; composed: number; full: number; learned: number; rejected: number; fragmentsLearned: number };
}

/**
 * One canonizer per document loader: a template is only valid for the contexts it was learned
 * with, so every `options.documentLoader` given must serve the same documents (wrappers such as
 * jsonld-signatures' extendContextLoader around the same loader are fine).
 */
export function createShapeCanonizer({ maxShapes = 256, maxShapeBytes = 16 * 1024 * 1024, maxFragmentBytes = 4 * 1024 * 1024 }: ShapeCanonizerOptions = {}): ShapeCanonizer {
  /** Context JSON → term names (filled when learning); a document uses one of very few contexts. */
  const termsByContext = new LruCache<string, Set<string>>({ maxEntries: 32 });
  /** Shape key → template (null for a shape that cannot be handled) and how often it was asked for. */
  const shapes = new LruCache<string, Learned>({ maxEntries: maxShapes, maxBytes: maxShapeBytes, sizeOf: ({ bytes }, key) => 2 * key.length + bytes });
  const stats = { fast: 0, composed: 0, full: 0, learned: 0, rejected: 0, fragmentsLearned: 0 };
  /** Unit key → fragment (shape-fragments.ts). */
  const fragments = new LruCache<string, Fragment>({ maxEntries: 8192, maxBytes: maxFragmentBytes, sizeOf: ({ bytes }, key) => 2 * key.length + bytes });
  /**
   * Compositions by their units' keys (see compositionOf), and how often those not kept were seen.
   * Half the fragments' bound: issuing 4,000 varied shapes cost the same CPU with 2, 4 or 8 MB
   * here (in one process, interleaved), and 8 MB of them was a fifth of the live heap.
   */
  const compositions = new LruCache<string, { composition: Composition; bytes: number; uses: number }>({ maxEntries: 512, maxBytes: maxFragmentBytes / 2, sizeOf: ({ bytes }, key) => 2 * key.length + bytes });
  const compositionSightings = new LruCache<number, number>({ maxEntries: 4096 });
  /** Context chains by number (see Interner). */
  const contextNumbers = new LruCache<string, number>({ maxEntries: 4096, maxBytes: 4 * 1024 * 1024, sizeOf: (_, text) => 2 * text.length + 64 });
  let contextCount = 0;
  const intern: Interner = (text) => {
    let number = contextNumbers.get(text);
    if (number === undefined) contextNumbers.set(text, (number = ++contextCount));
    return number;
  };
  /** How often unit keys without a fragment were seen, by fingerprint (as `sightings` below). */
  const unitSightings = new LruCache<number, number>({ maxEntries: 8192 });
  /**
   * How often shapes not learned were seen, by a fingerprint of their key (keys are a few KB; a
   * collision only lets a shape be learned a sighting early).
   * Learning costs about twice a plain canonicalization (the full path, then the sentinel
   * document through jsonld again), which only pays off for a shape that comes back: VC-API
   * callers send shapes of their own, often each one once.
   */
  const sightings = new LruCache<number, number>({ maxEntries: 4096 });

  /**
   * Once the learned shapes fill their bounds, a shape is learned only if it was seen more often
   * than the least recently used one was asked for (as TinyLFU admits). Else, when more shapes
   * come round than fit, each is learned again only to evict another: issuance of 4,000 varied
   * shapes cost 29 ms per credential from its second round on, against 15 ms in the first.
   */
  function worthLearning(key: string, seen: number): boolean {
    const typical = shapes.size ? shapes.bytes / shapes.size : 0;
    return shapes.admits(key, { template: null, uses: 0, bytes: typical }, seen, (_, { uses }) => uses);
  }

  /** The term names of the document's contexts, once learned (with the context's key). */
  function knownTerms(input: Json, options: Json): { terms: Set<string>; contextKey: string } | undefined {
    if (maxShapes === 0 || !standardOptions(options) || !isPlainObject(input)) return undefined;
    const contextKey = JSON.stringify(input['@context'] ?? null);
    const terms = termsByContext.get(contextKey);
    return terms && { terms, contextKey };
  }

  function lookup(input: Json, options: Json): { described?: Described; learned?: Learned } {
    const known = knownTerms(input, options);
    const described = known && describe(input, known.terms, undefined, known.contextKey);
    if (!described) return {};
    return { described, learned: shapes.get(described.key) };
  }

  /**
   * The canonical form composed from node fragments; otherwise the document's nodes (when it
   * could be described), for learning their fragments.
   */
  function composed(input: Json, options: Json): { result?: Promise<string>; nodes?: NodeShape[] } {
    const known = maxFragmentBytes > 0 ? knownTerms(input, options) : undefined;
    const nodes = known && describeNodes(input, known.terms, known.contextKey, intern)?.nodes;
    if (!nodes) return {};
    const units = unitsOf(nodes);
    const found: Fragment[] = [];
    for (const unit of units) {
      const fragment = fragments.get(unit.key);
      if (!fragment) return { nodes };
      found.push(fragment);
    }
    const slots = slotValues(nodes);
    const composition = compositionOf(nodes, units, found);
    if (!iriSlotsFit(composition.iriSlots, slots)) return {};
    const result = canonizePlan(composition.plan, slots);
    if (result === 'duplicate') return {};
    return { result: result === 'tie' ? byRdfCanonize(composition.plan, slots, options) : Promise.resolve(result) };
  }

  /**
   * The composition of these nodes' units: kept from the second document made of the same units
   * on (its plan then memoises first-degree hashes as a template's does); composed for one
   * document before that.
   */
  function compositionOf(nodes: NodeShape[], units: UnitShape[], found: Fragment[]): Composition {
    const key = units.map((unit) => unit.key).join(UNITS);
    const kept = compositions.get(key);
    if (kept) {
      kept.uses++;
      return kept.composition;
    }
    const sighting = fingerprint32(key);
    const seen = (compositionSightings.peek(sighting) ?? 0) + 1;
    // Its quads share their strings with the fragments: about a hundred bytes per quad of its own.
    const probe = { uses: 0, bytes: 128 * found.reduce((sum, fragment) => sum + fragment.quads.length, 0) + 1024 };
    // Kept from its second sight on, once the cache is full only if seen more often than the
    // least recent one was used (as the shapes, see worthLearning).
    const keep = seen >= 2 && compositions.admits(key, { composition: undefined!, ...probe }, seen, (_, { uses }) => uses);
    const composition = compose(nodes, found, keep);
    if (keep) {
      compositions.set(key, { composition, ...probe, uses: seen });
      compositionSightings.delete(sighting);
    } else compositionSightings.set(sighting, seen);
    return composition;
  }

  /** The canonical form by the template, or undefined when the full path must decide. */
  function fast(input: Json, options: Json): Promise<string> | undefined {
    const { described, learned } = lookup(input, options);
    const template = learned?.template;
    if (!described || !template || !iriSlotsFit(template.iriSlots, described.slots)) return undefined;
    learned.uses++;
    const result = canonizePlan(template.plan, described.slots);
    if (result === 'duplicate') return undefined;
    if (result === 'tie') return byRdfCanonize(template.plan, described.slots, options);
    return Promise.resolve(result);
  }

  /** rdf-canonize itself over the plan's N-Quads (any blank node labels): for when hashes tie. */
  function byRdfCanonize(plan: Plan, slots: readonly (string | number)[], options: Json): Promise<string> | undefined {
    const nquads = canonizePlan(plan, slots, false);
    if (nquads === 'duplicate' || nquads === 'tie') return undefined;
    // As eddsa-rdfc-2022's canonize passes its options on to rdf-canonize.
    return rdfCanonize.canonize(nquads, { algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads', format: 'application/n-quads', base: null, safe: true, ...options });
  }

  /** Learns the shape of `input`; returns its canonical form when the full path ran. */
  async function learnShape(original: Json, options: Json, { onSecondSight = false, canonical }: { onSecondSight?: boolean; canonical?: string } = {}): Promise<string | undefined> {
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
      termsByContext.set(contextKey, terms);
    }
    const described = describe(input, terms, undefined, contextKey);
    if (!described || shapes.has(described.key)) return undefined;
    const sighting = fingerprint32(described.key);
    const seen = (sightings.peek(sighting) ?? 0) + 1;
    sightings.set(sighting, seen);
    if ((onSecondSight && seen < 2) || !worthLearning(described.key, seen)) return undefined;

    const expected = canonical ?? (await fullCanonize(input, options));
    let template: Template | null = null;
    try {
      const { nonce, integerBase } = newSentinels();
      const sentinelDocument = describe(input, terms, sentinelFor(nonce, integerBase))?.rebuilt;
      if (!sentinelDocument) throw new Error('Unsupported document.');
      const quads = await toRdf(sentinelDocument, options);
      template = compileTemplate(quads, described, nonce, integerBase) ?? null;
      if (template) {
        // The template must reproduce the full path on the document it was learned from, both by
        // its plan and through rdf-canonize (which runs when blank node hashes tie).
        if (!(await reproduces(iriSlotsFit(template.iriSlots, described.slots) ? template.plan : undefined, described.slots, expected, options))) template = null;
      }
    } catch {
      template = null;
    }
    if (template) stats.learned++;
    else stats.rejected++;
    sightings.delete(sighting);
    shapes.set(described.key, { template, uses: seen, bytes: template ? template.bytes : 0 });
    return expected;
  }

  /**
   * Learns the fragments of a document's nodes (`nodes`, as composed() described it) when one
   * that has none was seen before. When it tried: the canonical form (the full path ran) and
   * whether it learned.
   */
  async function learnFragments(original: Json, options: Json, nodes: NodeShape[]): Promise<{ expected: string; learned: boolean } | undefined> {
    let again = false;
    for (const unit of unitsOf(nodes)) {
      if (fragments.has(unit.key)) continue;
      const sighting = fingerprint32(unit.key);
      const seen = (unitSightings.peek(sighting) ?? 0) + 1;
      unitSightings.set(sighting, seen);
      if (seen >= 2) again = true;
    }
    const known = knownTerms(original, options);
    if (!again || !known || !isJson(original)) return undefined;
    // A private snapshot, as in learnShape.
    const input = structuredClone(original);
    const described = describeNodes(input, known.terms, known.contextKey, intern);
    if (!described) return undefined;
    const expected = await fullCanonize(input, options);
    let learned: Fragment[] | undefined;
    try {
      const { nonce, integerBase } = newSentinels();
      const nodeId = (n: number) => `urn:${nonce}:n${n}`;
      const copy = describeNodes(input, known.terms, known.contextKey, intern, { sentinel: sentinelFor(nonce, integerBase), nodeId });
      learned = copy && compileFragments(await toRdf(copy.rebuilt, options), described.nodes, nonce, integerBase, nodeId);
      const composition = learned && compose(described.nodes, learned, false);
      const slots = slotValues(described.nodes);
      if (!(await reproduces(composition && iriSlotsFit(composition.iriSlots, slots) ? composition.plan : undefined, slots, expected, options))) learned = undefined;
    } catch {
      learned = undefined;
    }
    if (learned) {
      stats.fragmentsLearned++;
      unitsOf(described.nodes).forEach((unit, u) => {
        fragments.set(unit.key, learned[u]!);
        unitSightings.delete(fingerprint32(unit.key));
      });
    }
    return { expected, learned: !!learned };
  }

  /**
   * Whether a plan learned from a document reproduces the full path's canonical form of that
   * document, both by itself and through rdf-canonize (which runs when blank node hashes tie).
   */
  async function reproduces(plan: Plan | undefined, slots: readonly (string | number)[], expected: string, options: Json): Promise<boolean> {
    const planned = plan ? canonizePlan(plan, slots) : 'duplicate';
    if (planned === 'duplicate' || (planned !== 'tie' && planned !== expected)) return false;
    return (await byRdfCanonize(plan!, slots, options)) === expected;
  }

  return {
    stats,
    async canonize(input, options, learn = false) {
      // Signing (learn) learns fragments, not whole shapes, so it tries fragments first;
      // verification tries whole shapes first (a verification with our key learns them).
      let viaFragments: ReturnType<typeof composed> = learn ? composed(input, options) : {};
      if (!viaFragments.result) {
        const result = fast(input, options);
        if (result) {
          stats.fast++;
          return result;
        }
        if (!learn) viaFragments = composed(input, options);
      }
      if (viaFragments.result) {
        stats.composed++;
        return viaFragments.result;
      }
      stats.full++;
      if (learn) {
        // Fragments first: they serve every shape made of the same units. A whole shape only when
        // fragments could not be learned from this document.
        const tried = viaFragments.nodes && (await learnFragments(input, options, viaFragments.nodes));
        if (tried?.learned) return tried.expected;
        const expected = (await learnShape(input, options, { onSecondSight: true, canonical: tried?.expected })) ?? tried?.expected;
        if (expected !== undefined) return expected;
      }
      return fullCanonize(input, options);
    },
    async learn(input, options) {
      if (!lookup(input, options).learned?.template) await learnShape(input, options);
    },
    wouldUseFastPath(input, options) {
      const { described, learned } = lookup(input, options);
      const template = learned?.template;
      return !!described && !!template && iriSlotsFit(template.iriSlots, described.slots) && canonizePlan(template.plan, described.slots, false) !== 'duplicate';
    },
  };
}
