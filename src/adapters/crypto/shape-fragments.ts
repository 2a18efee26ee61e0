/**
 * Node fragments: the canonical N-Quads of a document whose whole shape was never learned,
 * composed from what each of its JSON objects contributes.
 *
 * Why: VC-API callers issue credentials whose optional fields come and go, so whole-document
 * shapes rarely repeat (in the bench's 4,000 varied credentials, none does), while the shape of
 * each JSON object in them does (a subject with or without `role`, an achievement with or without
 * `tag`, the same issuer, criteria and status entries every time).
 *
 * In JSON-LD's conversion to RDF, each node object contributes the quads whose subject it is: its
 * types and its properties, whose values are literals, IRIs, or the subjects of the node objects
 * embedded in it. What a node object contributes depends only on the active context where it
 * stands and on its own keys and values. The active context is fixed by the document's
 * `@context` and, along the path from the root, by the properties and the term-valued strings
 * (types above all) of its ancestors: the node's *chain*. A fragment is learned per chain and
 * node shape (the same notion of shape as shape-canonize.ts: keys, term-valued strings, IRI
 * classes of free strings; free strings and integers are slots).
 *
 * Learning runs jsonld.toRDF once on a copy in which every slot holds a unique sentinel and every
 * node object without an `id` gets a sentinel `id`, so that every quad's subject names the JSON
 * object it came from. Declined (the caller falls back): keys that are keywords, embedded
 * contexts, an `id` that is not a free string, quads in named graphs or on blank nodes no JSON
 * object made (lists), quads that link a node to anything but the nodes embedded in it
 * (`@reverse`), sentinels inside a value. The caller keeps the fragments only if, composed again,
 * they give the full path's canonical N-Quads of the document learned from, byte for byte.
 */
import { finishPlan, termText, type Part, type Plan, type PlanQuad, type Quad } from './shape-plan.js';
import { iriClass, isPlainObject, MAX_INTEGER_SLOT, PLAIN_IRI, sentinelFor, XSD_DOUBLE } from './shape-json.js';

type Json = Record<string, unknown>;

/** One JSON object of a document as a node: its key (chain and own shape), its own slots, the nodes embedded in it. */
export interface NodeShape {
  key: string;
  slots: (string | number)[];
  /** Per slot: 's' + IRI class for strings, 'i' for integers. */
  kinds: string[];
  /** The slot holding its `id`, if it has one (else it is a blank node). */
  idSlot: number | undefined;
  /** Indices of the nodes embedded in it, in document order. */
  children: number[];
}

/**
 * A fragment's term: fixed N-Quads text, one of the node's slots, the subject of an embedded node,
 * or a blank node of the node's own (the cells of a list it holds).
 */
type FragmentPart = string | { iri: number } | { literal: number; suffix: string } | { child: number } | { local: number };
export interface Fragment {
  /** The node's quads ('self': the node's subject), all in the default graph. */
  quads: { subject: 'self' | { local: number }; predicate: string; object: FragmentPart }[];
  /** How many blank nodes of its own it has. */
  locals: number;
  /** The node's slots that land as IRIs (values must be plain absolute IRIs). */
  iriSlots: number[];
  /** Approximate memory it takes. */
  bytes: number;
}

/** Separators that JSON.stringify never leaves in a string: keys cannot run into each other. */
const SLOT = '\u0001';
const OWN = '\u0002';
const STEP = '\u0003';
const FIXED = '\u0004';

/**
 * The document's nodes in the order they are visited (a node, then the nodes embedded in it, each
 * with its own), or undefined when a fragment could not describe it. With `sentinel`, also the
 * learning copy (slot g of the document, counted over all nodes, replaced by sentinel(kind, g);
 * every node without an `id` given `nodeId(n)`).
 */
export function describeNodes(
  document: Json,
  terms: ReadonlySet<string>,
  contextKey: string,
  learning?: { sentinel: (kind: string, slot: number) => string | number; nodeId: (node: number) => string },
): { nodes: NodeShape[]; rebuilt: Json } | undefined {
  const nodes: NodeShape[] = [];
  let slotCount = 0;

  const visit = (object: Json, chain: string, out: Json, depth: number): boolean => {
    const index = nodes.length;
    const node: NodeShape = { key: '', slots: [], kinds: [], idSlot: undefined, children: [] };
    nodes.push(node);
    const parts: string[] = [];
    /** Term-valued strings of this node (its types, above all): they can change its children's context. */
    const fixed: string[] = [];
    const embedded: { object: Json; property: string; out: Json }[] = [];
    let ok = depth <= 64;
    const slot = (value: string | number, kind: string): unknown => {
      parts.push(kind);
      node.slots.push(value);
      node.kinds.push(kind);
      const global = slotCount++;
      return learning ? learning.sentinel(kind, global) : value;
    };
    const walk = (value: unknown, property: string, verbatim: boolean, level: number): unknown => {
      if (level > 64) ok = false;
      else if (value === null) parts.push('n');
      else if (typeof value === 'boolean') parts.push(value ? 't' : 'f');
      else if (typeof value === 'number') {
        if (!Number.isFinite(value)) ok = false;
        else if (!verbatim && Number.isInteger(value) && Math.abs(value) < MAX_INTEGER_SLOT) return slot(value, 'i');
        else parts.push(`#${JSON.stringify(value)}`);
      } else if (typeof value === 'string') {
        if (!verbatim && !terms.has(value)) return slot(value, `s${iriClass(value)}`);
        const text = JSON.stringify(value);
        parts.push(text);
        fixed.push(text);
      } else if (Array.isArray(value)) {
        parts.push('[');
        const items = value.map((item) => walk(item, property, verbatim, level + 1));
        parts.push(']');
        return items;
      } else if (!verbatim && isPlainObject(value)) {
        parts.push('{}');
        const inner: Json = {};
        embedded.push({ object: value, property, out: inner });
        return inner;
      } else ok = false;
      return value;
    };
    for (const key of Object.keys(object)) {
      if (!ok || key.startsWith('@')) return false;
      parts.push(JSON.stringify(key));
      const value = object[key];
      if (key === 'id') {
        if (typeof value !== 'string' || terms.has(value)) return false;
        node.idSlot = node.slots.length;
        out.id = slot(value, `s${iriClass(value)}`);
      } else out[key] = walk(value, key, key === 'type', depth + 1);
    }
    if (!ok) return false;
    node.key = `${chain}${OWN}${parts.join(SLOT)}`;
    if (learning && node.idSlot === undefined) out.id = learning.nodeId(index);
    const fixedKey = fixed.join(FIXED);
    for (const child of embedded) {
      node.children.push(nodes.length);
      if (!visit(child.object, `${chain}${STEP}${JSON.stringify(child.property)}${STEP}${fixedKey}`, child.out, depth + 1)) return false;
    }
    return true;
  };

  const { '@context': context, ...rest } = document;
  const rebuilt: Json = {};
  if (!visit(rest, contextKey, rebuilt, 0)) return undefined;
  return { nodes, rebuilt: context === undefined ? rebuilt : { '@context': context, ...rebuilt } };
}

/**
 * The fragments of every node, from jsonld's quads of the learning copy (describeNodes with the
 * same sentinels); undefined when any quad falls outside what a fragment can hold.
 */
export function compileFragments(quads: Quad[], nodes: NodeShape[], nonce: string, integerBase: number, nodeId: (node: number) => string): Fragment[] | undefined {
  const sentinel = sentinelFor(nonce, integerBase);
  const stringOwner = new Map<string, { node: number; slot: number }>();
  const integerOwner = new Map<string, { node: number; slot: number }>();
  const nodeOf = new Map<string, number>();
  let global = 0;
  nodes.forEach((node, n) => {
    node.kinds.forEach((kind, slot) => (kind === 'i' ? integerOwner : stringOwner).set(String(sentinel(kind, global++)), { node: n, slot }));
  });
  for (const [text, { node, slot }] of stringOwner) if (nodes[node]!.idSlot === slot) nodeOf.set(text, node);
  nodes.forEach((node, n) => node.idSlot === undefined && nodeOf.set(nodeId(n), n));
  const integerTexts = [...integerOwner.keys()];
  const mentions = (text: string | undefined) => text !== undefined && (text.includes(nonce) || integerTexts.some((i) => text.includes(i)));

  // A blank node belongs to the node whose quads reach it (the cells of a list); never to two.
  const blankOwner = new Map<string, number>();
  const ownerOf = (term: Quad['subject']) => (term.termType === 'NamedNode' ? nodeOf.get(term.value) : term.termType === 'BlankNode' ? blankOwner.get(term.value) : undefined);
  for (let grew = true; grew; ) {
    grew = false;
    for (const { subject, object } of quads) {
      const owner = object.termType === 'BlankNode' ? ownerOf(subject) : undefined;
      if (owner === undefined) continue;
      const had = blankOwner.get(object.value);
      if (had !== undefined && had !== owner) return undefined;
      if (had === undefined) grew = !!blankOwner.set(object.value, owner);
    }
  }
  const locals = nodes.map(() => new Map<string, number>());
  const local = (n: number, label: string) => {
    const own = locals[n]!;
    let index = own.get(label);
    if (index === undefined) own.set(label, (index = own.size));
    return { local: index };
  };

  const fragments = nodes.map(() => ({ quads: [] as Fragment['quads'], iriSlots: new Set<number>() }));
  const seen = nodes.map(() => new Set<number>());
  for (const quad of quads) {
    const { subject, predicate, object, graph } = quad;
    if (graph.termType !== 'DefaultGraph' || mentions(predicate.value)) return undefined;
    const n = ownerOf(subject);
    if (n === undefined) return undefined;
    const node = nodes[n]!;
    if (node.idSlot !== undefined && subject.termType === 'NamedNode') seen[n]!.add(node.idSlot);
    let part: FragmentPart;
    if (mentions(object.datatype?.value) || mentions(object.language)) return undefined;
    const embedded = object.termType === 'NamedNode' ? nodeOf.get(object.value) : undefined;
    if (object.termType === 'BlankNode') part = local(n, object.value);
    else if (embedded !== undefined) {
      const child = node.children.indexOf(embedded);
      if (child < 0) return undefined;
      const idSlot = nodes[embedded]!.idSlot;
      if (idSlot !== undefined) seen[embedded]!.add(idSlot);
      part = { child };
    } else if (!mentions(object.value)) part = termText(object);
    else {
      const owner = stringOwner.get(object.value) ?? (object.termType === 'Literal' && object.datatype?.value !== XSD_DOUBLE ? integerOwner.get(object.value) : undefined);
      if (owner?.node !== n) return undefined; // a sentinel inside a value, reformatted, or another node's
      seen[n]!.add(owner.slot);
      if (object.termType === 'NamedNode') {
        if (node.kinds[owner.slot] === 'i') return undefined;
        fragments[n]!.iriSlots.add(owner.slot);
        part = { iri: owner.slot };
      } else part = { literal: owner.slot, suffix: termText({ ...object, value: '' }).slice(2) };
    }
    fragments[n]!.quads.push({ subject: subject.termType === 'NamedNode' ? 'self' : local(n, subject.value), predicate: termText(predicate), object: part });
  }
  // Every value must have landed whole somewhere (else jsonld dropped or transformed it).
  if (nodes.some((node, n) => seen[n]!.size !== node.slots.length)) return undefined;
  return fragments.map(({ quads: own, iriSlots }, n) => ({ quads: own, locals: locals[n]!.size, iriSlots: [...iriSlots], bytes: 4 * JSON.stringify(own).length + 64 }));
}

/** The plan of a document from its nodes' fragments, with its slot values; undefined when an IRI slot holds no plain IRI. */
export function composePlan(nodes: NodeShape[], fragments: Fragment[]): { plan: Plan; slots: (string | number)[] } | undefined {
  const slots: (string | number)[] = [];
  const offsets: number[] = [];
  for (const node of nodes) {
    offsets.push(slots.length);
    for (const value of node.slots) slots.push(value);
  }
  const isIri = (slot: number) => {
    const value = slots[slot];
    return typeof value === 'string' && PLAIN_IRI.test(value);
  };
  const subjects: (Part | undefined)[] = nodes.map((node, n) => (node.idSlot === undefined ? undefined : { iri: offsets[n]! + node.idSlot }));
  let blankNodes = 0;
  const subjectOf = (n: number): Part => (subjects[n] ??= { bnode: blankNodes++ });
  const quads: PlanQuad[] = [];
  for (const [n, node] of nodes.entries()) {
    const fragment = fragments[n]!;
    const offset = offsets[n]!;
    if (node.idSlot !== undefined && !isIri(offset + node.idSlot)) return undefined;
    for (const slot of fragment.iriSlots) if (!isIri(offset + slot)) return undefined;
    const firstLocal = blankNodes;
    blankNodes += fragment.locals;
    const resolve = (part: FragmentPart): Part =>
      typeof part === 'string' ? part
      : 'child' in part ? subjectOf(node.children[part.child]!)
      : 'local' in part ? { bnode: firstLocal + part.local }
      : 'iri' in part ? { iri: offset + part.iri }
      : { literal: offset + part.literal, suffix: part.suffix };
    for (const { subject, predicate, object } of fragment.quads) {
      quads.push({ subject: subject === 'self' ? subjectOf(n) : resolve(subject), predicate, object: resolve(object), graph: '' });
    }
  }
  return { plan: finishPlan(quads, false), slots };
}
