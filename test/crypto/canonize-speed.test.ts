/**
 * The pieces that make uncached verification fast must not change a single byte or let memory
 * grow: the synchronous SHA-256 equals Web Crypto's, the plan-based RDFC-1.0 equals jsonld +
 * rdf-canonize also when blank nodes tie (it hands those to rdf-canonize), and the caches are
 * bounded least-recently-used caches that, once full, admit a newcomer only if it was asked for
 * more often than what it would evict.
 */
import { describe, expect, it } from 'vitest';
import { sha256HexSync } from '../../src/adapters/crypto/sha256-sync.js';
import { createShapeCanonizer, fullCanonize } from '../../src/adapters/crypto/shape-canonize.js';
import { LruCache } from '../../src/domain/lru-cache.js';
import { createCanonicalMemo } from '../../src/adapters/crypto/data-integrity.js';
import { toHex } from '../../src/domain/encoding.js';
import { declarationCredential, makeRegistry } from './fixtures.js';

type Json = Record<string, unknown>;

const subtleHex = async (text: string) => toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));

describe('sha256HexSync', () => {
  it('equals crypto.subtle.digest over block boundaries, non-ASCII text, lone surrogates and large inputs', async () => {
    const samples = ['', 'abc', '地方創生テレワーク', '😀🎌', '\ud800 lone', 'tail \udc00', 'x'.repeat(300_000), 'あ'.repeat(500_000)];
    for (let n = 50; n <= 130; n++) samples.push('a'.repeat(n));
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 300; i++) samples.push(Array.from({ length: Math.floor(random() * 400) }, () => String.fromCharCode(Math.floor(random() * 0x10000))).join(''));
    for (const sample of samples) expect(sha256HexSync(sample), JSON.stringify(sample.slice(0, 40))).toBe(await subtleHex(sample));
    // Known answer (FIPS 180-2 example "abc").
    expect(sha256HexSync('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entry beyond its entry bound; a read makes an entry recent', () => {
    const cache = new LruCache<string, number>({ maxEntries: 3 });
    cache.set('a', 1).set('b', 2).set('c', 3);
    expect(cache.get('a')).toBe(1); // a is now the most recent: b goes first
    cache.set('d', 4);
    expect([...cache.keys()]).toEqual(['c', 'a', 'd']);
    expect(cache.peek('c')).toBe(3); // peek leaves the order alone
    expect(cache.evictedBy('a', 0)).toBeUndefined(); // replacing a kept key evicts nothing
    expect(cache.evictedBy('e', 5)).toBe('c');
    cache.set('e', 5);
    expect(cache.has('c')).toBe(false);
    expect(cache.size).toBe(3);
  });

  it('keeps its byte bound, refuses an entry larger than it, and counts replaced entries once', () => {
    const cache = new LruCache<string, string>({ maxEntries: 100, maxBytes: 100, sizeOf: (value) => value.length });
    cache.set('a', 'x'.repeat(40)).set('b', 'x'.repeat(40));
    cache.set('a', 'x'.repeat(30)); // replaced: 30 + 40
    expect(cache.bytes).toBe(70);
    cache.set('c', 'x'.repeat(50)); // 120 > 100: the least recent (b) goes
    expect([...cache.keys()]).toEqual(['a', 'c']);
    expect(cache.bytes).toBe(80);
    cache.set('huge', 'x'.repeat(101));
    expect(cache.has('huge')).toBe(false);
    expect(cache.bytes).toBe(80);
    cache.delete('a');
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });
});

describe('the canonical-form memo', () => {
  it('is not churned by inputs seen once; an input asked for more often than its least recent entry takes its place', async () => {
    let runs = 0;
    const memoised = createCanonicalMemo({ maxEntries: 2, maxBytes: Infinity })(async (input) => {
      runs++;
      return JSON.stringify(input);
    });
    const ask = (n: string) => memoised({ n }, {});
    await ask('a');
    await ask('b');
    for (let i = 0; i < 50; i++) await ask(`once-${i}`); // full: none of these takes a place
    expect(runs).toBe(52);
    await ask('a');
    await ask('b');
    expect(runs).toBe(52); // both still served from the memo (each asked twice now)
    for (let i = 0; i < 3; i++) expect(await ask('c')).toBe('{"n":"c"}');
    expect(runs).toBe(55); // the third time, c (3) outweighs the least recent entry, a (2)
    await ask('c');
    await ask('b');
    expect(runs).toBe(55);
    await ask('a');
    expect(runs).toBe(56);
  });

  it('gives each input its own form when two differ only below the top level (they share a place)', async () => {
    const memoised = createCanonicalMemo({ maxEntries: 8, maxBytes: Infinity })(async (input) => JSON.stringify(input));
    const [first, second] = [{ id: 'urn:x', subject: { name: '株式会社A' } }, { id: 'urn:x', subject: { name: '株式会社B' } }];
    for (let i = 0; i < 3; i++) {
      expect(await memoised(first, {})).toBe('{"id":"urn:x","subject":{"name":"株式会社A"}}');
      expect(await memoised(second, {})).toBe('{"id":"urn:x","subject":{"name":"株式会社B"}}');
    }
  });
});

const registry = await makeRegistry();
const options = () => ({ documentLoader: registry.securer.documentLoader, base: null, safe: true });
const { proof: _proof, ...credential } = declarationCredential(registry.identity.did) as Json;

describe('plan-based canonicalization', () => {
  it('hands blank nodes with equal first-degree hashes to rdf-canonize and gives its bytes', async () => {
    const shapes = createShapeCanonizer();
    await shapes.learn(credential, options());
    expect(shapes.stats.learned).toBe(1);
    // Two alignments with the same values: two blank nodes whose first-degree quads are equal.
    const tied = structuredClone(credential);
    const alignments = ((tied.credentialSubject as Json).achievement as Json).alignment as Json[];
    alignments[1] = { ...alignments[0]! };
    expect(shapes.wouldUseFastPath(tied, options())).toBe(true);
    const fastBefore = shapes.stats.fast;
    expect(await shapes.canonize(tied, options())).toBe(await fullCanonize(tied, options()));
    expect(shapes.stats.fast).toBe(fastBefore + 1);
  });

  it('gives the same bytes on repeated and interleaved use of the first-degree hash memo', async () => {
    const shapes = createShapeCanonizer();
    await shapes.learn(credential, options());
    const variants = Array.from({ length: 12 }, (_, i) => {
      const variant = structuredClone(credential);
      const subject = variant.credentialSubject as Json;
      subject.name = i % 3 === 0 ? '株式会社みらいワーク' : `株式会社テスト${i}`;
      ((subject.identifier as Json[])[0] as Json).identityHash = String(7123456789012 + (i % 4));
      return variant;
    });
    for (const variant of [...variants, ...variants.reverse()]) {
      expect(await shapes.canonize(variant, options())).toBe(await fullCanonize(variant, options()));
    }
  });

  it('keeps no more learned shapes than its bounds; once full, learns a shape only if seen more often than the least recent one was asked for', async () => {
    const shapes = createShapeCanonizer({ maxShapes: 2 });
    // One to four alignments: four shapes.
    const [one, two, three, four] = [1, 2, 3, 4].map((count) => {
      const variant = structuredClone(credential);
      const achievement = (variant.credentialSubject as Json).achievement as Json;
      achievement.alignment = (achievement.alignment as Json[]).slice(0, count);
      return variant;
    });
    await shapes.learn(one!, options());
    await shapes.learn(two!, options());
    await shapes.learn(three!, options()); // full: seen once, as often as `one` was asked for
    expect(shapes.stats.learned).toBe(2);
    expect(shapes.wouldUseFastPath(three!, options())).toBe(false);
    await shapes.canonize(two!, options()); // asked for again: `one` is the least recent
    await shapes.learn(three!, options()); // seen twice now, `one` asked for once: it takes its place
    expect(shapes.stats.learned).toBe(3);
    expect([one, two, three, four].map((c) => shapes.wouldUseFastPath(c!, options()))).toEqual([false, true, true, false]);
  });
});
