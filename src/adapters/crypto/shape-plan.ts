/**
 * RDFC-1.0 over a *plan*: quads pre-serialized as N-Quads text, with references where a document's
 * free values (slots) and blank nodes go. Used by the shape templates (shape-canonize.ts) and by
 * plans composed from node fragments (shape-fragments.ts). No Node APIs.
 */
import * as rdfCanonize from 'rdf-canonize';
import { LruCache } from '../../domain/lru-cache.js';
import { sha256HexSync } from './sha256-sync.js';
import { fingerprint32 } from '../../domain/encoding.js';

export interface Term {
  termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph';
  value: string;
  datatype?: { termType: 'NamedNode'; value: string };
  language?: string;
}
export interface Quad {
  subject: Term;
  predicate: Term;
  object: Term;
  graph: Term;
}

/**
 * A serialized term of a plan: fixed N-Quads text, a slot (an IRI, or a literal with the
 * N-Quads text that follows its closing quote), or a blank node of the template (its index).
 */
export type Part = string | { iri: number } | { literal: number; suffix: string } | { bnode: number };
export interface PlanQuad {
  subject: Part;
  /** Fixed: a predicate never holds a slot or a blank node in a template. */
  predicate: string;
  object: Part;
  /** '' for the default graph. */
  graph: Part;
}
export interface Plan {
  /** Distinguishes plans in the shared first-degree hash memo (0: not memoised). */
  id: number;
  quads: PlanQuad[];
  /** Per blank node of the template: the quads it occurs in (each once). */
  bnodeQuads: number[][];
  /** Per blank node: its first-degree hash when none of its quads holds a slot (the same for every document). */
  constantHashes: (string | undefined)[];
  /** Per blank node: the slots its quads hold (its first-degree hash depends on their values only); memoised plans only. */
  bnodeSlots: number[][];
  /** Slots used as literals (their escaped text is needed). */
  literalSlots: number[];
}

const SERIALIZE = (rdfCanonize as unknown as { NQuads: { serializeQuadComponents(s: Term, p: Term, o: Term, g: Term): string } }).NQuads.serializeQuadComponents;
const BNODE_A: Term = { termType: 'BlankNode', value: 'a' };
const PREDICATE_P: Term = { termType: 'NamedNode', value: 'p' };
const DEFAULT_GRAPH: Term = { termType: 'DefaultGraph', value: '' };
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
/** The N-Quads text of an IRI or literal term ("_:a <p> " + text + " .\n", cut out). */
export const termText = (term: Term) => SERIALIZE(BNODE_A, PREDICATE_P, term, DEFAULT_GRAPH).slice(8, -3);
/** A string's N-Quads literal escaping (without the quotes). */
export const literalText = (value: string) => termText({ termType: 'Literal', value, datatype: { termType: 'NamedNode', value: XSD_STRING } }).slice(1, -1);

function partText(part: Part, iris: readonly (string | number)[], literals: readonly string[], labels: readonly string[]): string {
  if (typeof part === 'string') return part;
  if ('bnode' in part) return labels[part.bnode]!;
  if ('iri' in part) return `<${iris[part.iri] as string}>`;
  return `"${literals[part.literal]!}"${part.suffix}`;
}

/** One quad's N-Quads line with the given blank node labels (as rdf-canonize's serializeQuadComponents). */
function line(quad: PlanQuad, slots: readonly (string | number)[], literals: readonly string[], labels: readonly string[]): string {
  const graph = quad.graph === '' ? '' : ` ${partText(quad.graph, slots, literals, labels)}`;
  return `${partText(quad.subject, slots, literals, labels)} ${quad.predicate} ${partText(quad.object, slots, literals, labels)}${graph} .\n`;
}

let planCount = 0;
const slotOf = (part: Part) => (typeof part !== 'object' ? undefined : 'iri' in part ? part.iri : 'literal' in part ? part.literal : undefined);

/**
 * A plan of these quads (blank nodes numbered 0…n-1). `memoised`: the plan is kept and used again
 * (a template, a kept composition), so its blank nodes' first-degree hashes are memoised by plan
 * and slot values; a plan composed for one document memoises them by their text (firstDegreeHash).
 */
export function finishPlan(quads: PlanQuad[], memoised: boolean): Plan {
  const bnodeQuads: number[][] = [];
  const literalSlots = new Set<number>();
  quads.forEach((quad, q) => {
    for (const part of [quad.subject, quad.object, quad.graph]) {
      if (typeof part !== 'object') continue;
      if ('literal' in part) literalSlots.add(part.literal);
      if (!('bnode' in part)) continue;
      const list = (bnodeQuads[part.bnode] ??= []);
      if (list[list.length - 1] !== q) list.push(q);
    }
  });
  const plan: Plan = { id: memoised ? ++planCount : 0, quads, bnodeQuads, constantHashes: [], bnodeSlots: [], literalSlots: [...literalSlots] };
  if (!memoised) return plan;
  // The memo's keys and the constant hashes: for a plan used once, neither pays.
  plan.bnodeSlots = bnodeQuads.map((list) => {
    const slots = new Set<number>();
    for (const q of list) {
      for (const part of [quads[q]!.subject, quads[q]!.object, quads[q]!.graph]) {
        const slot = slotOf(part);
        if (slot !== undefined) slots.add(slot);
      }
    }
    return [...slots].sort((a, b) => a - b);
  });
  plan.constantHashes = plan.bnodeSlots.map((slots, b) => (slots.length === 0 ? firstDegreeHashOf(plan, b, [], []) : undefined));
  return plan;
}

/**
 * First-degree hashes by plan, blank node and the values of that blank node's slots (the hash is a
 * pure function of them). Most blank nodes of a credential carry the same values in every
 * credential of its kind (the achievement's alignments, criteria, result descriptions), so this
 * skips serializing, sorting and hashing them. Bounded: 8,192 entries, ~4 MB.
 */
const firstDegreeHashes = new LruCache<string, string>({ maxEntries: 8192, maxBytes: 4 * 1024 * 1024, sizeOf: (hash, key) => 2 * key.length + 2 * hash.length + 64 });

const textSightings = new LruCache<number, true>({ maxEntries: 16384 });

function firstDegreeHash(plan: Plan, bnode: number, slots: readonly (string | number)[], literals: readonly string[]): string {
  const constant = plan.constantHashes[bnode];
  if (constant !== undefined) return constant;
  if (plan.id === 0) {
    // A plan used once (composed from fragments): memoised by the text it hashes (keys start with
    // '_:' or '<', the templates' with a digit), from its second sight on: many blank nodes are
    // what they were in other documents, while those holding a document's own values never
    // come back and would only churn the memo.
    const text = firstDegreeText(plan, bnode, slots, literals);
    let hash = firstDegreeHashes.get(text);
    if (hash === undefined) {
      hash = sha256HexSync(text);
      const sighting = fingerprint32(text);
      if (textSightings.peek(sighting)) firstDegreeHashes.set(text, hash);
      else textSightings.set(sighting, true);
    }
    return hash;
  }
  // Typed and length-prefixed values: no two different value lists give the same key.
  let key = `${plan.id} ${bnode}`;
  for (const slot of plan.bnodeSlots[bnode]!) {
    const value = slots[slot]!;
    key += typeof value === 'number' ? ` i${value}` : ` s${value.length}:${value}`;
  }
  let hash = firstDegreeHashes.get(key);
  if (hash === undefined) firstDegreeHashes.set(key, (hash = firstDegreeHashOf(plan, bnode, slots, literals)));
  return hash;
}

/** RDFC-1.0 Hash First Degree Quads: the blank node itself as _:a, every other one as _:z. */
function firstDegreeHashOf(plan: Plan, bnode: number, slots: readonly (string | number)[], literals: readonly string[]): string {
  return sha256HexSync(firstDegreeText(plan, bnode, slots, literals));
}

function firstDegreeText(plan: Plan, bnode: number, slots: readonly (string | number)[], literals: readonly string[]): string {
  const labels = firstDegreeLabels(plan.bnodeQuads.length, bnode);
  const lines = plan.bnodeQuads[bnode]!.map((q) => line(plan.quads[q]!, slots, literals, labels));
  lines.sort();
  return lines.join('');
}

function firstDegreeLabels(count: number, bnode: number): string[] {
  const labels: string[] = new Array(count).fill('_:z');
  labels[bnode] = '_:a';
  return labels;
}

/**
 * RDFC-1.0 of a plan filled with slot values, for the case where every blank node's first-degree
 * hash is unique (then canonical labels follow the sorted hashes and no N-degree hashing runs,
 * RDFC-1.0 §4.4.3 steps 5 and 7). 'tie' when two hashes are equal (the caller runs rdf-canonize),
 * 'duplicate' when two quads are equal (jsonld would have merged them: the full path decides).
 */
export function canonizePlan(plan: Plan, slots: readonly (string | number)[], hashes = true): string | 'tie' | 'duplicate' {
  const literals: string[] = [];
  for (const slot of plan.literalSlots) {
    const value = slots[slot]!;
    literals[slot] = typeof value === 'number' ? value.toFixed(0) : literalText(value);
  }
  const count = plan.bnodeQuads.length;
  const labels: string[] = new Array(count);
  if (hashes) {
    const byHash = plan.bnodeQuads.map((_, b) => ({ b, hash: firstDegreeHash(plan, b, slots, literals) }));
    byHash.sort((x, y) => (x.hash < y.hash ? -1 : x.hash > y.hash ? 1 : 0));
    for (let i = 0; i < count; i++) {
      if (i > 0 && byHash[i]!.hash === byHash[i - 1]!.hash) return 'tie';
      labels[byHash[i]!.b] = `_:c14n${i}`;
    }
  } else {
    for (let b = 0; b < count; b++) labels[b] = `_:b${b}`;
  }
  const lines = plan.quads.map((quad) => line(quad, slots, literals, labels));
  lines.sort();
  for (let i = 1; i < lines.length; i++) if (lines[i] === lines[i - 1]) return 'duplicate';
  return lines.join('');
}

