/**
 * Node fragments: the canonical N-Quads of a document whose whole shape was never learned,
 * composed from what each of its JSON objects, property by property, contributes.
 *
 * Why: VC-API callers issue credentials whose optional fields come and go, so whole-document
 * shapes rarely repeat (in the bench's 4,000 varied credentials, none does), while the shape of
 * each JSON object in them does (a subject with or without `role`, an achievement with or without
 * `tag`, the same issuer, criteria and status entries every time).
 *
 * In JSON-LD's conversion to RDF, each node object contributes the quads whose subject it is: its
 * types and its properties, whose values are literals, IRIs, or the subjects of the node objects
 * embedded in it. What a node object contributes depends only on the active context where it
 * stands and on its own keys and values, and each property's quads only on that context and the
 * property's own value. The active context is fixed by the document's `@context` and, along the
 * path from the root, by the properties and the term-valued strings (types above all) of the
 * node and its ancestors: its *chain*. A node is split into *units*: one fragment per property
 * whose value holds only free values and embedded nodes (a subject's `role`, an achievement's
 * `tag`), and one for the rest of the node (its types, the properties with a fixed value part,
 * its `id`'s IRI class). Shape has the same meaning as in shape-canonize.ts: keys,
 * term-valued strings, IRI classes of free strings; free strings and integers are slots.
 *
 * Learning runs jsonld.toRDF once on a copy in which every slot holds a unique sentinel and every
 * node object without an `id` gets a sentinel `id`, so that every quad's subject names the JSON
 * object it came from; a quad goes to the unit whose slot, embedded node or list it holds, and
 * otherwise to the node's rest. Declined (the caller falls back): keys that are keywords, embedded
 * contexts, an `id` that is not a free string, quads in named graphs or on blank nodes no JSON
 * object made (lists), quads that link a node to anything but the nodes embedded in it
 * (`@reverse`), sentinels inside a value. The caller keeps the fragments only if, composed again,
 * they give the full path's canonical N-Quads of the document learned from, byte for byte.
 */
import { finishPlan, termText, type Part, type Plan, type PlanQuad, type Quad } from './shape-plan.js';
import { iriClass, isPlainObject, MAX_INTEGER_SLOT, sentinelFor, XSD_DOUBLE } from './shape-json.js';

type Json = Record<string, unknown>;

/** A unit of a node: the rest of it (units[0]) or one property of free values and embedded nodes. */
export interface UnitShape {
  key: string;
  slots: (string | number)[];
  /** Per slot: 's' + IRI class for strings, 'i' for integers. */
  kinds: string[];
  /** Per slot: its number in the document (the sentinel it gets when learning). */
  numbers: number[];
  /** Indices of the nodes embedded in this unit, in document order. */
  children: number[];
}

/** One JSON object of a document as a node. */
export interface NodeShape {
  units: UnitShape[];
  /** The slot of units[0] holding its `id`, if it has one (else it is a blank node). */
  idSlot: number | undefined;
}

/**
 * A fragment's term: fixed N-Quads text, one of the unit's slots, the subject of a node embedded
 * in it, or a blank node of its own (the cells of a list it holds).
 */
type FragmentPart = string | { iri: number } | { literal: number; suffix: string } | { child: number } | { local: number };
export interface Fragment {
  /** The unit's quads ('self': the node's subject), all in the default graph. */
  quads: { subject: 'self' | { local: number }; predicate: string; object: FragmentPart }[];
  /** How many blank nodes of its own it has. */
  locals: number;
  /** The unit's slots that land as IRIs (values must be plain absolute IRIs). */
  iriSlots: number[];
  /** Approximate memory it takes. */
  bytes: number;
}

/** Separators that JSON.stringify never leaves in a string: keys cannot run into each other. */
const SLOT = '\u0001';
const OWN = '\u0002';
const STEP = '\u0003';
const FIXED = '\u0004';
const PROPERTY = '\u0005';

/**
 * A number for a text, the same as long as the text is remembered (never one given to another
 * text): unit keys name their context (a chain of contexts and properties from the document's
 * `@context`) by number, so they stay short to build and to look up.
 */
export type Interner = (text: string) => number;

const newUnit = (): UnitShape => ({ key: '', slots: [], kinds: [], numbers: [], children: [] });

/**
 * The document's nodes in the order they are visited (a node, then the nodes embedded in it, each
 * with its own), or undefined when fragments could not describe it. With `learning`, also the
 * learning copy: slot number g replaced by sentinel(kind, g), every node n without an `id`
 * given nodeId(n).
 */
export function describeNodes(
  document: Json,
  terms: ReadonlySet<string>,
  contextKey: string,
  intern: Interner,
  learning?: { sentinel: (kind: string, slot: number) => string | number; nodeId: (node: number) => string },
): { nodes: NodeShape[]; rebuilt: Json } | undefined {
  const nodes: NodeShape[] = [];
  let slotCount = 0;

  const visit = (object: Json, chain: string, out: Json, depth: number): boolean => {
    const index = nodes.length;
    const rest = newUnit();
    const node: NodeShape = { units: [rest], idSlot: undefined };
    nodes.push(node);
    const restParts: string[] = [];
    /** Term-valued strings of this node (its types, above all): they can change its context and its children's. */
    const fixed: string[] = [];
    const embedded: { object: Json; property: string; out: Json; unit: UnitShape }[] = [];
    const properties: { unit: UnitShape; parts: string[] }[] = [];
    let ok = depth <= 64;
    // The unit being walked, its parts, and whether its value has fixed parts / free parts.
    let unit = rest;
    let parts = restParts;
    let hasFixed = false;
    let hasFree = false;
    const slot = (value: string | number, kind: string): unknown => {
      hasFree = true;
      parts.push(kind);
      unit.slots.push(value);
      unit.kinds.push(kind);
      const number = slotCount++;
      unit.numbers.push(number);
      return learning ? learning.sentinel(kind, number) : value;
    };
    const fixedPart = (part: string) => {
      hasFixed = true;
      parts.push(part);
    };
    const walk = (value: unknown, property: string, verbatim: boolean, level: number): unknown => {
      if (level > 64) ok = false;
      else if (value === null) fixedPart('n');
      else if (typeof value === 'boolean') fixedPart(value ? 't' : 'f');
      else if (typeof value === 'number') {
        if (!Number.isFinite(value)) ok = false;
        else if (!verbatim && Number.isInteger(value) && Math.abs(value) < MAX_INTEGER_SLOT) return slot(value, 'i');
        else fixedPart(`#${JSON.stringify(value)}`);
      } else if (typeof value === 'string') {
        if (!verbatim && !terms.has(value)) return slot(value, `s${iriClass(value)}`);
        const text = JSON.stringify(value);
        fixedPart(text);
        fixed.push(text);
      } else if (Array.isArray(value)) {
        parts.push('[');
        const items = value.map((item) => walk(item, property, verbatim, level + 1));
        parts.push(']');
        return items;
      } else if (!verbatim && isPlainObject(value)) {
        hasFree = true;
        parts.push('{}');
        const inner: Json = {};
        embedded.push({ object: value, property, out: inner, unit });
        return inner;
      } else ok = false;
      return value;
    };
    for (const key of Object.keys(object)) {
      if (!ok || key.startsWith('@')) return false;
      const value = object[key];
      if (key === 'id') {
        if (typeof value !== 'string' || terms.has(value)) return false;
        unit = rest;
        parts = restParts;
        restParts.push('"id"');
        node.idSlot = rest.slots.length;
        out.id = slot(value, `s${iriClass(value)}`);
        continue;
      }
      unit = newUnit();
      parts = [JSON.stringify(key)];
      hasFixed = hasFree = false;
      out[key] = walk(value, key, key === 'type', depth + 1);
      if (hasFree && !hasFixed) {
        properties.push({ unit, parts });
        node.units.push(unit);
      } else {
        // A value with fixed parts (or none at all) belongs to the node's rest.
        restParts.push(...parts);
        rest.slots.push(...unit.slots);
        rest.kinds.push(...unit.kinds);
        rest.numbers.push(...unit.numbers);
        for (const entry of embedded) if (entry.unit === unit) entry.unit = rest;
      }
    }
    if (!ok) return false;
    const context = intern(`${chain}${OWN}${fixed.join(FIXED)}`);
    rest.key = `${context}${OWN}${restParts.join(SLOT)}`;
    for (const property of properties) property.unit.key = `${context}${PROPERTY}${property.parts.join(SLOT)}`;
    if (learning && node.idSlot === undefined) out.id = learning.nodeId(index);
    for (const child of embedded) {
      child.unit.children.push(nodes.length);
      if (!visit(child.object, `${context}${STEP}${JSON.stringify(child.property)}`, child.out, depth + 1)) return false;
    }
    return true;
  };

  const { '@context': context, ...rest } = document;
  const rebuilt: Json = {};
  if (!visit(rest, `${intern(contextKey)}`, rebuilt, 0)) return undefined;
  return { nodes, rebuilt: context === undefined ? rebuilt : { '@context': context, ...rebuilt } };
}

/** Every unit of every node, in the order fragments are given and kept. */
export const unitsOf = (nodes: NodeShape[]): UnitShape[] => nodes.flatMap((node) => node.units);

interface Owner {
  node: number;
  unit: number;
  slot: number;
}

/**
 * The fragments of every unit (in unitsOf order), from jsonld's quads of the learning copy
 * (describeNodes with the same sentinels); undefined when any quad falls outside what a fragment
 * can hold.
 */
export function compileFragments(quads: Quad[], nodes: NodeShape[], nonce: string, integerBase: number, nodeId: (node: number) => string): Fragment[] | undefined {
  const sentinel = sentinelFor(nonce, integerBase);
  const stringOwner = new Map<string, Owner>();
  const integerOwner = new Map<string, Owner>();
  /** Node index → where it is embedded (its parent's unit and its place among that unit's children). */
  const embeddedIn = new Map<number, { node: number; unit: number; child: number }>();
  nodes.forEach((node, n) =>
    node.units.forEach((unit, u) => {
      unit.kinds.forEach((kind, slot) => (kind === 'i' ? integerOwner : stringOwner).set(String(sentinel(kind, unit.numbers[slot]!)), { node: n, unit: u, slot }));
      unit.children.forEach((m, child) => embeddedIn.set(m, { node: n, unit: u, child }));
    }),
  );
  const nodeOf = new Map<string, number>();
  nodes.forEach((node, n) => nodeOf.set(node.idSlot === undefined ? nodeId(n) : String(sentinel(node.units[0]!.kinds[node.idSlot]!, node.units[0]!.numbers[node.idSlot]!)), n));
  const integerTexts = [...integerOwner.keys()];
  const mentions = (text: string | undefined) => text !== undefined && (text.includes(nonce) || integerTexts.some((i) => text.includes(i)));
  const ownerOfValue = (term: Quad['object']): Owner | undefined =>
    stringOwner.get(term.value) ?? (term.termType === 'Literal' && term.datatype?.value !== XSD_DOUBLE ? integerOwner.get(term.value) : undefined);

  // A blank node belongs to the node whose quads reach it (the cells of a list), and to the unit
  // whose values its cells hold (else the node's rest); never to two.
  const blankNode = new Map<string, number>();
  const nodeOfTerm = (term: Quad['subject']) => (term.termType === 'NamedNode' ? nodeOf.get(term.value) : term.termType === 'BlankNode' ? blankNode.get(term.value) : undefined);
  const blankUnit = new Map<string, number>();
  const valueUnit = (object: Quad['object']) => {
    const embedded = object.termType === 'NamedNode' ? nodeOf.get(object.value) : undefined;
    return embedded !== undefined ? embeddedIn.get(embedded)?.unit : object.termType === 'BlankNode' ? blankUnit.get(object.value) : ownerOfValue(object)?.unit;
  };
  for (let grew = true; grew; ) {
    grew = false;
    for (const { subject, object } of quads) {
      const owner = object.termType === 'BlankNode' ? nodeOfTerm(subject) : undefined;
      if (owner !== undefined) {
        const had = blankNode.get(object.value);
        if (had !== undefined && had !== owner) return undefined;
        if (had === undefined) grew = !!blankNode.set(object.value, owner);
      }
      if (subject.termType !== 'BlankNode') continue;
      // A cell and the rest of its list share their unit.
      const unit = valueUnit(object);
      const had = blankUnit.get(subject.value);
      if (unit !== undefined && had === undefined) grew = !!blankUnit.set(subject.value, unit);
      if (object.termType === 'BlankNode' && had !== undefined && !blankUnit.has(object.value)) grew = !!blankUnit.set(object.value, had);
    }
  }

  const key = (n: number, u: number) => `${n} ${u}`;
  const fragments = new Map<string, { quads: Fragment['quads']; iriSlots: Set<number>; locals: Map<string, number>; seen: Set<number> }>();
  nodes.forEach((node, n) => node.units.forEach((_, u) => fragments.set(key(n, u), { quads: [], iriSlots: new Set(), locals: new Map(), seen: new Set() })));
  const referenced = new Set<number>();
  for (const { subject, predicate, object, graph } of quads) {
    if (graph.termType !== 'DefaultGraph' || mentions(predicate.value) || mentions(object.datatype?.value) || mentions(object.language)) return undefined;
    const n = nodeOfTerm(subject);
    if (n === undefined) return undefined;
    const node = nodes[n]!;
    const u = subject.termType === 'BlankNode' ? (blankUnit.get(subject.value) ?? 0) : (valueUnit(object) ?? 0);
    const fragment = fragments.get(key(n, u))!;
    const local = (label: string) => {
      let index = fragment.locals.get(label);
      if (index === undefined) fragment.locals.set(label, (index = fragment.locals.size));
      return { local: index };
    };
    if (subject.termType === 'NamedNode' && node.idSlot !== undefined) fragments.get(key(n, 0))!.seen.add(node.idSlot);
    const embedded = object.termType === 'NamedNode' ? nodeOf.get(object.value) : undefined;
    let part: FragmentPart;
    if (object.termType === 'BlankNode') {
      if (blankNode.get(object.value) !== n || (blankUnit.get(object.value) ?? 0) !== u) return undefined;
      part = local(object.value);
    } else if (embedded !== undefined) {
      const place = embeddedIn.get(embedded);
      if (place?.node !== n || place.unit !== u || referenced.has(embedded)) return undefined;
      referenced.add(embedded);
      const idSlot = nodes[embedded]!.idSlot;
      if (idSlot !== undefined) fragments.get(key(embedded, 0))!.seen.add(idSlot);
      part = { child: place.child };
    } else if (!mentions(object.value)) part = termText(object);
    else {
      const owner = ownerOfValue(object);
      if (owner?.node !== n || owner.unit !== u) return undefined; // a sentinel inside a value, reformatted, or another unit's
      fragment.seen.add(owner.slot);
      if (object.termType === 'NamedNode') {
        if (node.units[u]!.kinds[owner.slot] === 'i') return undefined;
        fragment.iriSlots.add(owner.slot);
        part = { iri: owner.slot };
      } else part = { literal: owner.slot, suffix: termText({ ...object, value: '' }).slice(2) };
    }
    fragment.quads.push({ subject: subject.termType === 'NamedNode' ? 'self' : local(subject.value), predicate: termText(predicate), object: part });
  }
  // Every value must have landed whole somewhere (else jsonld dropped or transformed it), and every
  // embedded node be linked from its parent.
  if (referenced.size !== nodes.length - 1) return undefined;
  const out: Fragment[] = [];
  for (const [n, node] of nodes.entries()) {
    for (const [u, unit] of node.units.entries()) {
      const { quads: own, iriSlots, locals, seen } = fragments.get(key(n, u))!;
      if (seen.size !== unit.slots.length) return undefined;
      out.push({ quads: own, locals: locals.size, iriSlots: [...iriSlots], bytes: 4 * JSON.stringify(own).length + 64 });
    }
  }
  return out;
}

/** A document's slot values, unit after unit (in unitsOf order): the slots of its composition. */
export function slotValues(nodes: NodeShape[]): (string | number)[] {
  const slots: (string | number)[] = [];
  for (const node of nodes) for (const unit of node.units) for (const value of unit.slots) slots.push(value);
  return slots;
}

/** A plan composed from fragments, and the slots (slotValues order) that must hold plain IRIs. */
export interface Composition {
  plan: Plan;
  iriSlots: number[];
}

/**
 * The plan of a document from its units' fragments (in unitsOf order). `memoised`: kept for
 * documents made of the same units (see finishPlan).
 */
export function compose(nodes: NodeShape[], fragments: Fragment[], memoised: boolean): Composition {
  const iriSlots: number[] = [];
  let next = 0;
  const offsets = nodes.map((node) =>
    node.units.map((unit) => {
      const offset = next;
      next += unit.slots.length;
      return offset;
    }),
  );
  const subjects: (Part | undefined)[] = nodes.map((node, n) => {
    if (node.idSlot === undefined) return undefined;
    iriSlots.push(offsets[n]![0]! + node.idSlot);
    return { iri: offsets[n]![0]! + node.idSlot };
  });
  let blankNodes = 0;
  const subjectOf = (n: number): Part => (subjects[n] ??= { bnode: blankNodes++ });
  const quads: PlanQuad[] = [];
  let f = 0;
  for (const [n, node] of nodes.entries()) {
    for (const [u, unit] of node.units.entries()) {
      const fragment = fragments[f++]!;
      const offset = offsets[n]![u]!;
      for (const slot of fragment.iriSlots) iriSlots.push(offset + slot);
      const firstLocal = blankNodes;
      blankNodes += fragment.locals;
      const resolve = (part: FragmentPart): Part =>
        typeof part === 'string' ? part
        : 'child' in part ? subjectOf(unit.children[part.child]!)
        : 'local' in part ? { bnode: firstLocal + part.local }
        : 'iri' in part ? { iri: offset + part.iri }
        : { literal: offset + part.literal, suffix: part.suffix };
      for (const { subject, predicate, object } of fragment.quads) {
        quads.push({ subject: subject === 'self' ? subjectOf(n) : resolve(subject), predicate, object: resolve(object), graph: '' });
      }
    }
  }
  return { plan: finishPlan(quads, memoised), iriSlots };
}
