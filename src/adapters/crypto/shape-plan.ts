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
  /** Per quad: the rank of its predicate among the plan's predicates in N-Quads order (see sortedLines). */
  predicateRanks: number[];
  /** The plan's distinct subject parts, and per quad the index of its own. */
  subjectParts: Part[];
  subjectOf: number[];
}

const SERIALIZE = (rdfCanonize as unknown as { NQuads: { serializeQuadComponents(s: Term, p: Term, o: Term, g: Term): string } }).NQuads.serializeQuadComponents;
const BNODE_A: Term = { termType: 'BlankNode', value: 'a' };
const PREDICATE_P: Term = { termType: 'NamedNode', value: 'p' };
const DEFAULT_GRAPH: Term = { termType: 'DefaultGraph', value: '' };
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
/** The N-Quads text of an IRI or literal term ("_:a <p> " + text + " .\n", cut out). */
export const termText = (term: Term) => SERIALIZE(BNODE_A, PREDICATE_P, term, DEFAULT_GRAPH).slice(8, -3);
const escapedLiteral = (value: string) => termText({ termType: 'Literal', value, datatype: { termType: 'NamedNode', value: XSD_STRING } }).slice(1, -1);
/**
 * The ASCII characters rdf-canonize escapes in a literal, found by asking it (it escapes none
 * beyond ASCII): most values have none and skip its serializer.
 */
const ESCAPED_IN_LITERALS = new RegExp(
  `[${Array.from({ length: 0x80 }, (_, code) => String.fromCharCode(code))
    .filter((char) => escapedLiteral(char) !== char)
    .map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('')}]`,
);
/** A string's N-Quads literal escaping (without the quotes). */
export const literalText = (value: string) => (ESCAPED_IN_LITERALS.test(value) ? escapedLiteral(value) : value);

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
  const predicates = [...new Set(quads.map((quad) => quad.predicate))].sort();
  const rankOf = new Map(predicates.map((predicate, rank) => [predicate, rank]));
  const predicateRanks = quads.map((quad) => rankOf.get(quad.predicate)!);
  const subjectIndex = new Map<string, number>();
  const subjectParts: Part[] = [];
  const subjectOf = quads.map(({ subject }) => {
    // Fixed text starts with "<" or "_:", never with a digit.
    const key = typeof subject === 'string' ? subject : 'bnode' in subject ? `${subject.bnode}b` : `${slotOf(subject)!}i`;
    let index = subjectIndex.get(key);
    if (index === undefined) subjectIndex.set(key, (index = subjectParts.push(subject) - 1));
    return index;
  });
  const plan: Plan = { id: memoised ? ++planCount : 0, quads, bnodeQuads, constantHashes: [], bnodeSlots: [], literalSlots: [...literalSlots], predicateRanks, subjectParts, subjectOf };
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
  return sortedLines(plan, slots, literals, labels);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The plan's N-Quads lines in code unit order, or 'duplicate' when two are equal. Sorted by
 * (subject, predicate, object, graph) rather than by whole lines: the same order, because each
 * term is followed by a space, which sorts before every character that can continue a term where
 * one term's text is a prefix of another's (a label's digits, a literal's "@" or "^^"); and
 * cheaper, because lines of one subject share long prefixes (sorting the 120 lines of a
 * credential as strings took ~46 µs), while subjects and predicates are few and ranked once.
 */
function sortedLines(plan: Plan, slots: readonly (string | number)[], literals: readonly string[], labels: readonly string[]): string | 'duplicate' {
  const { quads, predicateRanks, subjectParts, subjectOf } = plan;
  const count = quads.length;
  // The distinct subjects ranked by their text (equal texts, equal ranks).
  const subjectTexts = subjectParts.map((part) => partText(part, slots, literals, labels));
  const bySubjectText = subjectTexts.map((_, s) => s).sort((a, b) => compareText(subjectTexts[a]!, subjectTexts[b]!));
  const subjectRanks: number[] = new Array(subjectParts.length);
  bySubjectText.forEach((s, i) => {
    const previous = bySubjectText[i - 1];
    subjectRanks[s] = previous !== undefined && subjectTexts[s] === subjectTexts[previous] ? subjectRanks[previous]! : i;
  });
  const subjects: number[] = new Array(count);
  const objects: string[] = new Array(count);
  const graphs: string[] = new Array(count);
  const order: number[] = new Array(count);
  for (let q = 0; q < count; q++) {
    const quad = quads[q]!;
    subjects[q] = subjectRanks[subjectOf[q]!]!;
    objects[q] = partText(quad.object, slots, literals, labels);
    graphs[q] = quad.graph === '' ? '' : partText(quad.graph, slots, literals, labels);
    order[q] = q;
  }
  const compare = (a: number, b: number) =>
    subjects[a]! - subjects[b]! || predicateRanks[a]! - predicateRanks[b]! || compareText(objects[a]!, objects[b]!) || compareText(graphs[a]!, graphs[b]!);
  order.sort(compare);
  let text = '';
  for (let i = 0; i < count; i++) {
    const q = order[i]!;
    if (i > 0 && compare(order[i - 1]!, q) === 0) return 'duplicate';
    const graph = graphs[q] === '' ? '' : ` ${graphs[q]!}`;
    text += `${subjectTexts[subjectOf[q]!]!} ${quads[q]!.predicate} ${objects[q]!}${graph} .\n`;
  }
  return text;
}

