/**
 * A plan's N-Quads come out in the order of their whole lines (RDFC-1.0 sorts lines by code
 * unit), although canonizePlan sorts them term by term: checked where one term's text is a prefix
 * of another's (labels _:b1 and _:b10, IRIs, literals with and without a language or datatype).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonizePlan, finishPlan, literalText, termText, type Part, type PlanQuad } from '../../src/adapters/crypto/shape-plan.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const SUFFIXES = ['', '@en', '@en-us', `^^<${XSD}integer>`, `^^<${XSD}dateTime>`];
const FIXED = ['<http://example.com/a>', '<http://example.com/a/b>', '<http://example.com/ab>', '"a"', '"a b"', '"a"@en', '""'];
const PREDICATES = ['<http://example.com/p>', '<http://example.com/p/q>', '<http://example.com/pq>'];
const VALUES = ['a', 'a b', '', 'a"', 'a\\', 'a\u0001', '日本', 'a\n', 'http://example.com/a', 'ab'];

/** The same text the simple way: every line whole, sorted as strings; 'duplicate' when two lines are equal. */
function reference(quads: PlanQuad[], slots: readonly string[]): string {
  const text = (part: Part) => {
    if (typeof part === 'string') return part;
    if ('bnode' in part) return `_:b${part.bnode}`;
    if ('iri' in part) return `<${slots[part.iri]!}>`;
    return `"${literalText(slots[part.literal]!)}"${part.suffix}`;
  };
  const lines = quads.map((q) => `${text(q.subject)} ${q.predicate} ${text(q.object)}${q.graph === '' ? '' : ` ${text(q.graph)}`} .\n`).sort();
  return new Set(lines).size < lines.length ? 'duplicate' : lines.join('');
}

const part = fc.oneof(
  fc.integer({ min: 0, max: 11 }).map((bnode): Part => ({ bnode })),
  fc.constantFrom(...FIXED),
  fc.integer({ min: 0, max: VALUES.length - 1 }).chain((literal) => fc.constantFrom(...SUFFIXES).map((suffix): Part => ({ literal, suffix }))),
  fc.constant({ iri: 8 } as Part),
);
const subject = fc.oneof(fc.integer({ min: 0, max: 11 }).map((bnode): Part => ({ bnode })), fc.constantFrom(FIXED[0]!, FIXED[1]!), fc.constant({ iri: 8 } as Part));
const quad = fc.record({
  subject,
  predicate: fc.constantFrom(...PREDICATES),
  object: part,
  graph: fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 11 }).map((bnode): Part => ({ bnode })), fc.constant('<http://example.com/g>')),
});

describe('canonizePlan', () => {
  it('orders lines as whole strings, also where terms are prefixes of each other', () => {
    fc.assert(
      fc.property(fc.uniqueArray(quad, { minLength: 1, maxLength: 60, selector: (q) => JSON.stringify(q) }), (quads) => {
        // Every blank node 0…11 occurs (labels _:b0…_:b11), so _:b1 and _:b10 meet.
        const all = [...quads, ...Array.from({ length: 12 }, (_, b): PlanQuad => ({ subject: { bnode: b }, predicate: PREDICATES[0]!, object: '"x"', graph: '' }))];
        const unique = [...new Map(all.map((q) => [JSON.stringify(q), q])).values()];
        const plan = finishPlan(unique, false);
        expect(canonizePlan(plan, VALUES, false)).toBe(reference(unique, VALUES));
      }),
      { numRuns: 500 },
    );
  });

  it('finds two equal lines, also when they come from different parts', () => {
    const quads: PlanQuad[] = [
      { subject: FIXED[0]!, predicate: PREDICATES[0]!, object: { iri: 8 }, graph: '' },
      { subject: { iri: 8 }, predicate: PREDICATES[0]!, object: '"a"', graph: '' },
      { subject: FIXED[0]!, predicate: PREDICATES[0]!, object: '<http://example.com/a>', graph: '' },
    ];
    // Slot 8 holds http://example.com/a: the first and third lines are the same.
    expect(canonizePlan(finishPlan(quads, false), VALUES, false)).toBe('duplicate');
    expect(canonizePlan(finishPlan(quads.slice(0, 2), false), VALUES, false)).not.toBe('duplicate');
  });

  it('escapes literals as rdf-canonize does', () => {
    const serialized = (value: string) => termText({ termType: 'Literal', value, datatype: { termType: 'NamedNode', value: `${XSD}string` } }).slice(1, -1);
    for (let code = 0; code < 0x2100; code++) expect(literalText(`a${String.fromCharCode(code)}b`)).toBe(serialized(`a${String.fromCharCode(code)}b`));
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (value) => {
      expect(literalText(value)).toBe(serialized(value));
    }));
  });
});
