/**
 * The shape-template canonicalization fast path (src/adapters/crypto/shape-canonize.ts) must give
 * exactly the canonical N-Quads of jsonld + rdf-canonize (RDFC-1.0), so proofs stay verifiable by
 * anyone; untrusted input must take it only when it matches a learned shape exactly, and always
 * get the verdict of the full path.
 */
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { describe, expect, it } from 'vitest';
import { createDataIntegrity } from '../../src/adapters/crypto/data-integrity.js';
import { STATIC_CONTEXTS } from '../../src/adapters/crypto/document-loader.js';
import { registryContext } from '../../src/adapters/crypto/contexts/registry-context.js';
import { createShapeCanonizer, fullCanonize } from '../../src/adapters/crypto/shape-canonize.js';
import { baseUrl, makeRegistry } from './fixtures.js';
import { credentialGenerators, outcome, PLAIN_PIECES } from './credential-generators.js';
import { variedCredentials } from '../helpers/varied-credentials.js';

type Json = Record<string, unknown>;

const { identity, securer, keys } = await makeRegistry();
const key = keys[0]!;
const verificationMethod = identity.verificationMethodId(key);
const { documentLoader } = securer;
const options = () => ({ documentLoader, base: null, safe: true });


const { generator, statusListGenerator } = credentialGenerators(identity.did);

describe('fast canonical form = jsonld + rdf-canonize, byte for byte', () => {
  it('the full path keeps its own context cache and still gives the stock cryptosuite\'s bytes', async () => {
    // fullCanonize passes jsonld a context resolver of ours (remote contexts kept, scoped ones
    // processed per call); the stock canonize uses jsonld's module-wide cache. Scoped contexts
    // (OB 3.0's types, the registry's terms) and shape-changing values in many orders.
    const credentials = [...Array.from({ length: 40 }, generator(41, { shapeChanging: true })), ...Array.from({ length: 20 }, generator(42, { shapeChanging: false }))];
    for (const credential of credentials) {
      expect(await outcome(() => fullCanonize(credential, options())), JSON.stringify(credential)).toBe(await outcome(() => cryptosuite.canonize(credential, options())));
    }
  });

  it('for many declaration and award credentials with varied values', async () => {
    const shapes = createShapeCanonizer();
    // Learn the shapes from one set of credentials, then check a fresh set against the full path.
    const learnFrom = generator(1, { shapeChanging: false });
    for (let i = 0; i < 150; i++) await shapes.learn(learnFrom(), options());
    expect(shapes.stats.learned).toBeGreaterThan(20);

    const next = generator(2, { shapeChanging: false });
    let fast = 0;
    for (let i = 0; i < 200; i++) {
      const credential = next();
      if (shapes.wouldUseFastPath(credential, options())) fast++;
      const [ours, reference] = await Promise.all([
        outcome(() => shapes.canonize(credential, options())),
        outcome(() => fullCanonize(credential, options())),
      ]);
      expect(ours, JSON.stringify(credential)).toBe(reference);
    }
    expect(shapes.stats.fast).toBe(fast);
    expect(fast).toBeGreaterThan(100);
  });

  it('also when values change the shape (IRI-looking text, term names, blank node labels)', async () => {
    const shapes = createShapeCanonizer();
    const learnFrom = generator(3, { shapeChanging: true });
    for (let i = 0; i < 150; i++) await shapes.learn(learnFrom(), options());
    const next = generator(4, { shapeChanging: true });
    for (let i = 0; i < 150; i++) {
      const credential = next();
      const [ours, reference] = await Promise.all([
        outcome(() => shapes.canonize(credential, options(), i % 2 === 0)),
        outcome(() => fullCanonize(credential, options())),
      ]);
      expect(ours, JSON.stringify(credential)).toBe(reference);
    }
    expect(shapes.stats.fast).toBeGreaterThan(20);
  });

  it('for the same value in every free position (one template, many values)', async () => {
    const shapes = createShapeCanonizer();
    const make = generator(5, { shapeChanging: false });
    const template = make();
    await shapes.learn(template, options());
    // Replace every literal string of the template's shape by a tricky one: same shape, same template.
    const tricky = PLAIN_PIECES.filter((p) => p !== '');
    for (const [n, piece] of tricky.entries()) {
      const variant = structuredClone(template);
      const subject = variant.credentialSubject as Json;
      subject.name = piece;
      variant.name = `${piece}${n}`;
      const achievement = subject.achievement as Json;
      achievement.description = piece.repeat(n + 1);
      (achievement.criteria as Json).narrative = `${n}${piece}`;
      expect(shapes.wouldUseFastPath(variant, options()), JSON.stringify(piece)).toBe(true);
      expect(await shapes.canonize(variant, options())).toBe(await fullCanonize(variant, options()));
    }
  });

  it('for Bitstring Status List credentials', async () => {
    const shapes = createShapeCanonizer();
    const learnFrom = statusListGenerator(6);
    for (let i = 0; i < 20; i++) await shapes.learn(learnFrom(), options());
    const next = statusListGenerator(7);
    for (let i = 0; i < 40; i++) {
      const credential = next();
      expect(shapes.wouldUseFastPath(credential, options())).toBe(true);
      expect(await shapes.canonize(credential, options())).toBe(await fullCanonize(credential, options()));
    }
  });

  it('when values collide (equal node ids merge in jsonld): same result, fast path declines duplicates', async () => {
    const shapes = createShapeCanonizer();
    const make = generator(8, { shapeChanging: false });
    const credential = make();
    await shapes.learn(credential, options());
    const collided = structuredClone(credential);
    const [revocation, suspension] = collided.credentialStatus as Json[];
    suspension!.id = revocation!.id;
    suspension!.statusListCredential = revocation!.statusListCredential;
    suspension!.statusListIndex = revocation!.statusListIndex;
    const sameNode = structuredClone(credential);
    const subject = sameNode.credentialSubject as Json;
    (subject.achievement as Json).id = subject.id;
    for (const variant of [collided, sameNode]) {
      expect(await outcome(() => shapes.canonize(variant, options()))).toBe(await outcome(() => fullCanonize(variant, options())));
    }
    expect(shapes.wouldUseFastPath(collided, options())).toBe(false);
  });
});

// What a third party has: the stock cryptosuite and a plain loader (no 'static' tag, no shapes).
const plainDocuments = new Map<string, unknown>([...STATIC_CONTEXTS, [`${baseUrl}/contexts/registry/v1`, registryContext(baseUrl)]]);
const didDocument = identity.didDocument();
plainDocuments.set(didDocument.id, didDocument);
for (const m of didDocument.verificationMethod) plainDocuments.set(m.id, { '@context': didDocument['@context'], ...m });
const plainLoader = async (url: string) => {
  const document = plainDocuments.get(url);
  if (!document) throw new Error(`not found: ${url}`);
  return { contextUrl: null, documentUrl: url, document: structuredClone(document) };
};
const plainVerify = (credential: unknown) =>
  vc.verifyCredential({
    credential: structuredClone(credential),
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: plainLoader,
    checkStatus: async () => ({ verified: true }),
    now: new Date('2025-06-01T00:00:00Z'),
  });

describe('blank nodes whose first-degree hashes tie', () => {
  it('a template learned from such a document (checked through rdf-canonize) gives the full path\'s bytes, tied or not', async () => {
    const shapes = createShapeCanonizer();
    const withAlignments = (first: string, second: string): Json => {
      const credential = generator(13, { shapeChanging: false })();
      const achievement = (credential.credentialSubject as Json).achievement as Json;
      achievement.alignment = [first, second].map((targetName) => ({ type: ['Alignment'], targetName, targetUrl: 'https://example.com/guideline' }));
      return credential;
    };
    // Learned from a document whose two alignments are equal: its own blank node hashes tie.
    await shapes.learn(withAlignments('同じ', '同じ'), options());
    expect(shapes.stats.learned).toBe(1);
    for (const [first, second] of [['テレワーク', 'テレワーク'], ['労務管理', '人事評価'], ['"quoted"\n', '"quoted"\n']]) {
      const credential = withAlignments(first!, second!);
      expect(await shapes.canonize(credential, options()), `${first} / ${second}`).toBe(await fullCanonize(credential, options()));
    }
    expect(shapes.stats).toMatchObject({ fast: 3, full: 0 });
  });
});

describe('proofs made on the fast path', () => {
  it('verify with plain @digitalbazaar/vc, for credentials and status lists', async () => {
    const di = createDataIntegrity({ documentLoader, canonicalCacheSize: 0 });
    const reference = createDataIntegrity({ documentLoader, canonicalCacheSize: 0, shapeCacheSize: 0 });
    const nextCredential = generator(9, { shapeChanging: false });
    const nextList = statusListGenerator(10);
    const created = new Date('2025-06-01T00:00:00Z');
    for (let i = 0; i < 40; i++) {
      const credential = i % 4 === 3 ? nextList() : nextCredential();
      // Signing happens as of `created`; keep the validity window around it.
      credential.validFrom = '2025-04-01T00:00:00Z';
      if (credential.validUntil) credential.validUntil = '2030-03-31T14:59:59Z';
      const signed = await di.sign({ credential, key, verificationMethod, created });
      const again = await reference.sign({ credential, key, verificationMethod, created });
      // Ed25519 is deterministic: identical canonical forms give identical proofs.
      expect(signed.proof).toEqual(again.proof);
      const result = await plainVerify(signed);
      expect(result.verified, JSON.stringify(result.error ?? result.results?.[0]?.error)).toBe(true);
    }
    expect(di.shapes.stats.fast).toBeGreaterThan(20);
  });
});

describe('learning from what is signed', () => {
  it('learns a shape (as node fragments) when it is signed the second time, not the first (most one-off shapes never pay for learning)', async () => {
    const di = createDataIntegrity({ documentLoader, canonicalCacheSize: 0 });
    const credential = generator(12, { shapeChanging: false })();
    const sign = () => di.sign({ credential, key, verificationMethod, created: new Date('2025-06-01T00:00:00Z') });
    const learned = () => di.shapes.stats.learned + di.shapes.stats.fragmentsLearned;
    const first = await sign();
    expect(learned()).toBe(0);
    const second = await sign();
    expect(di.shapes.stats.fragmentsLearned).toBeGreaterThan(0);
    const learnedBefore = learned();
    const { fast, composed } = di.shapes.stats;
    const third = await sign();
    expect(di.shapes.stats.fast + di.shapes.stats.composed).toBe(fast + composed + 2);
    expect(learned()).toBe(learnedBefore);
    // The same signature every time: the learned path gives the canonical form the full path gave.
    expect(new Set([first, second, third].map((c) => JSON.stringify(c.proof))).size).toBe(1);
  });
});

describe('verification of untrusted input', () => {
  it('takes the fast path only for an exact shape match, and gives the full path verdict either way', async () => {
    const di = createDataIntegrity({ documentLoader, canonicalCacheSize: 0 });
    const reference = createDataIntegrity({ documentLoader, canonicalCacheSize: 0, shapeCacheSize: 0 });
    const credential = generator(11, { shapeChanging: false })();
    credential.validFrom = '2025-04-01T00:00:00Z';
    delete credential.validUntil;
    const signed = await di.sign({ credential, key, verificationMethod, created: new Date('2025-06-01T00:00:00Z') });
    const unsignedOf = (c: Json) => {
      const { proof: _proof, ...rest } = c;
      return rest;
    };
    // Its shape learned whole, as a verification with one of our keys learns it.
    await di.shapes.learn(unsignedOf(signed), options());
    const edit = (change: (c: Json) => void) => {
      const copy = structuredClone(signed);
      change(copy);
      return copy;
    };
    const subject = (c: Json) => c.credentialSubject as Json;
    const cases: { name: string; input: Json; fast: boolean; verified: boolean }[] = [
      { name: 'as signed', input: signed, fast: true, verified: true },
      { name: 'name changed, same shape', input: edit((c) => (subject(c).name = `${subject(c).name as string}!`)), fast: true, verified: false },
      { name: 'validFrom changed', input: edit((c) => (c.validFrom = '2025-04-02T00:00:00Z')), fast: true, verified: false },
      {
        name: 'status index changed',
        input: edit((c) => ((c.credentialStatus as Json[])[0]!.statusListIndex = '1')),
        fast: true,
        verified: false,
      },
      { name: 'extra undefined term', input: edit((c) => (subject(c).extra = 'x')), fast: false, verified: false },
      { name: 'extra defined term', input: edit((c) => (c.description = 'x')), fast: false, verified: false },
      {
        name: 'type changed to an alias of the same IRI (same RDF)',
        input: edit((c) => (c.type = ['VerifiableCredential', 'AchievementCredential'])),
        fast: false,
        verified: true,
      },
      { name: 'type changed', input: edit((c) => (c.type = ['VerifiableCredential'])), fast: false, verified: false },
      { name: 'id as a blank node', input: edit((c) => (subject(c).id = '_:b0')), fast: false, verified: false },
      { name: 'IRI with a space', input: edit((c) => (subject(c).id = `${baseUrl}/api/v1/organizations/a b`)), fast: false, verified: false },
      { name: 'value is a term name', input: edit((c) => (subject(c).name = 'name')), fast: false, verified: false },
      { name: 'nested @context (unused term: same RDF)', input: edit((c) => (subject(c)['@context'] = { extra: 'https://example.com/extra' })), fast: false, verified: true },
      {
        name: 'status entries collide',
        input: edit((c) => {
          const [a, b] = c.credentialStatus as Json[];
          Object.assign(b!, { id: a!.id, statusListIndex: a!.statusListIndex, statusListCredential: a!.statusListCredential });
        }),
        fast: false,
        verified: false,
      },
      {
        name: 'keys reordered (same RDF)',
        input: (() => {
          const { name, ...rest } = signed;
          return { ...rest, name } as Json;
        })(),
        fast: false,
        verified: true,
      },
      { name: 'proof with an extra field', input: edit((c) => ((c.proof as Json[])[0]!.challenge = 'x')), fast: true, verified: false },
    ];
    for (const { name, input, fast, verified } of cases) {
      // Shapes learned so far: the signed credential's only (and whatever verified with our key).
      expect(di.shapes.wouldUseFastPath(unsignedOf(input), options()), name).toBe(fast);
      const [ours, full] = await Promise.all([di.verify({ credential: input }), reference.verify({ credential: input })]);
      expect(ours.verified, name).toBe(full.verified);
      expect(ours.verified, name).toBe(verified);
      expect((await plainVerify(input)).verified, name).toBe(verified);
    }
  });
});

describe('verify data with the canonical memo on (hashes kept beside the canonical forms)', () => {
  it('gives plain @digitalbazaar/vc\'s verdict for a credential verified again and again, its tampered copies and proofs carrying their own @context', async () => {
    const di = createDataIntegrity({ documentLoader });
    const credential = generator(12, { shapeChanging: false })();
    credential.validFrom = '2025-04-01T00:00:00Z';
    delete credential.validUntil;
    const signed = await di.sign({ credential, key, verificationMethod, created: new Date('2025-06-01T00:00:00Z') });
    const edit = (change: (c: Json) => void) => {
      const copy = structuredClone(signed);
      change(copy);
      return copy;
    };
    const proofOf = (c: Json) => (c.proof as Json[])[0]!;
    const flipped = (value: string) => `${value.slice(0, 20)}${value[20] === 'A' ? 'B' : 'A'}${value.slice(21)}`;
    const cases: [string, Json][] = [
      ['as signed', signed],
      ['proof value changed', edit((c) => (proofOf(c).proofValue = flipped(proofOf(c).proofValue as string)))],
      ['as signed, again', signed],
      ['name changed', edit((c) => ((c.credentialSubject as Json).name = 'ほかの名前'))],
      ['proof created changed', edit((c) => (proofOf(c).created = '2025-06-02T00:00:00Z'))],
      ['proof with the document\'s @context', edit((c) => (proofOf(c)['@context'] = c['@context']))],
      ['proof with the Data Integrity context only', edit((c) => (proofOf(c)['@context'] = 'https://w3id.org/security/data-integrity/v2'))],
      ['proof with the VC 2.0 context only', edit((c) => (proofOf(c)['@context'] = ['https://www.w3.org/ns/credentials/v2']))],
      ['proof with the OB 3.0 context only (the suite context is added)', edit((c) => (proofOf(c)['@context'] = ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']))],
      ['as signed, once more', signed],
    ];
    const verdicts = [];
    for (const [name, input] of cases) {
      const [ours, plain] = await Promise.all([di.verify({ credential: input }), plainVerify(input)]);
      expect(ours.verified, name).toBe(plain.verified);
      verdicts.push([name, ours.verified]);
    }
    expect(Object.fromEntries(verdicts)).toMatchObject({ 'as signed': true, 'proof value changed': false, 'as signed, again': true, 'name changed': false, 'proof created changed': false, 'as signed, once more': true });
  });
});

describe('node fragments (documents whose whole shape was never learned)', () => {
  /** Signs-style use: each document canonized with learning, as issuance does. */
  async function learnFrom(shapes: ReturnType<typeof createShapeCanonizer>, documents: Json[]) {
    for (const document of documents) await shapes.canonize(document, options(), true);
  }
  /** The credential the varied ones vary (test/helpers/varied-credentials.ts). */
  const sample = generator(30, { shapeChanging: false })();

  it('compose the full path\'s bytes for credentials of varied shapes, learned from other credentials', async () => {
    const shapes = createShapeCanonizer();
    await learnFrom(shapes, [...variedCredentials(sample, 60), ...Array.from({ length: 60 }, generator(31, { shapeChanging: false }))]);
    expect(shapes.stats.fragmentsLearned).toBeGreaterThan(5);
    // Shapes none of which was learned whole: the bits of the index beyond the learning set.
    const fresh = variedCredentials(sample, 500).slice(400);
    const next = generator(32, { shapeChanging: false });
    const composedBefore = shapes.stats.composed;
    const credentials = [...fresh, ...Array.from({ length: 60 }, next)];
    const references = await Promise.all(credentials.map((credential) => outcome(() => fullCanonize(credential, options()))));
    // Twice: a composition is kept from its second document on (its plan then memoises hashes).
    for (const pass of [1, 2]) {
      for (const [i, credential] of credentials.entries()) expect(await outcome(() => shapes.canonize(credential, options())), `pass ${pass}: ${JSON.stringify(credential)}`).toBe(references[i]);
    }
    expect(shapes.stats.composed - composedBefore).toBeGreaterThan(200);
  });

  it('also with tricky text, IRI-looking text, term names and blank node labels in the values', async () => {
    const shapes = createShapeCanonizer();
    const learnFromThese = generator(33, { shapeChanging: true });
    await learnFrom(shapes, [...Array.from({ length: 120 }, learnFromThese), ...variedCredentials(sample, 60)]);
    const composedBefore = shapes.stats.composed;
    const next = generator(34, { shapeChanging: true });
    for (let i = 0; i < 120; i++) {
      const credential = next();
      const [ours, reference] = await Promise.all([outcome(() => shapes.canonize(credential, options())), outcome(() => fullCanonize(credential, options()))]);
      expect(ours, JSON.stringify(credential)).toBe(reference);
    }
    expect(shapes.stats.composed - composedBefore).toBeGreaterThan(10);
    // Every tricky piece in every free text of a composed credential.
    const composable = await (async () => {
      for (const credential of variedCredentials(sample, 300).slice(200)) {
        const before = shapes.stats.composed;
        await shapes.canonize(credential, options());
        if (shapes.stats.composed > before) return credential;
      }
      throw new Error('no composed credential');
    })();
    for (const [n, piece] of PLAIN_PIECES.filter((p) => p !== '').entries()) {
      const variant = structuredClone(composable);
      const subject = variant.credentialSubject as Json;
      subject.name = piece;
      variant.name = `${piece}${n}`;
      (subject.achievement as Json).description = piece.repeat(n + 1);
      const before = shapes.stats.composed;
      expect(await shapes.canonize(variant, options()), JSON.stringify(piece)).toBe(await fullCanonize(variant, options()));
      expect(shapes.stats.composed, JSON.stringify(piece)).toBe(before + 1);
    }
  });

  it('decline what they cannot describe (keywords as keys, an id that is a term, duplicate quads) and give the full path\'s verdict', async () => {
    const shapes = createShapeCanonizer();
    // As issued: with an id and status entries.
    const issued = variedCredentials(sample, 200).map((c) => ({ ...c, id: `urn:uuid:${crypto.randomUUID()}`, credentialStatus: sample.credentialStatus }));
    await learnFrom(shapes, issued.slice(0, 80));
    const base = issued[150]!;
    const edit = (change: (c: Json) => void) => {
      const copy = structuredClone(base);
      change(copy);
      return copy;
    };
    const subject = (c: Json) => c.credentialSubject as Json;
    const declined = [
      edit((c) => (subject(c)['@id'] = 'https://example.com/org')),
      edit((c) => (subject(c).achievement = { '@type': 'Achievement', name: 'x' })),
      edit((c) => (subject(c)['@context'] = { extra: 'https://example.com/extra' })),
      edit((c) => (subject(c).id = 'Achievement')),
      // Two equal status entries: the same quads twice, which jsonld gives once.
      edit((c) => {
        const [first] = c.credentialStatus as Json[];
        c.credentialStatus = [first, structuredClone(first)];
      }),
    ];
    for (const credential of declined) {
      const before = shapes.stats.composed;
      expect(await outcome(() => shapes.canonize(credential, options())), JSON.stringify(credential)).toBe(await outcome(() => fullCanonize(credential, options())));
      expect(shapes.stats.composed, JSON.stringify(credential)).toBe(before);
    }
    // Composed: the document without the edits, and with two nodes of one id (jsonld merges them
    // into one node: the union of their quads, which is what composition gives).
    const merged = edit((c) => ((subject(c).achievement as Json).id = subject(c).id));
    for (const credential of [base, merged]) {
      const before = shapes.stats.composed;
      expect(await shapes.canonize(credential, options())).toBe(await fullCanonize(credential, options()));
      expect(shapes.stats.composed).toBe(before + 1);
    }
  });

  it('are off with maxFragmentBytes 0, and stay within their byte bound', async () => {
    const off = createShapeCanonizer({ maxFragmentBytes: 0 });
    const small = createShapeCanonizer({ maxFragmentBytes: 4096 });
    const documents = variedCredentials(sample, 80);
    await learnFrom(off, documents);
    await learnFrom(small, documents);
    expect(off.stats).toMatchObject({ composed: 0, fragmentsLearned: 0 });
    // 4 KB holds a few fragments at most: few documents find all of theirs.
    expect(small.stats.fragmentsLearned).toBeGreaterThan(0);
    const composedBefore = small.stats.composed;
    for (const credential of variedCredentials(sample, 140).slice(80)) expect(await small.canonize(credential, options())).toBe(await fullCanonize(credential, options()));
    expect(small.stats.composed - composedBefore).toBeLessThan(6);
  });

  it('sign credentials that plain @digitalbazaar/vc verifies, and the same proof as the full path', async () => {
    const di = createDataIntegrity({ documentLoader, canonicalCacheSize: 0 });
    const reference = createDataIntegrity({ documentLoader, canonicalCacheSize: 0, shapeCacheSize: 0 });
    const created = new Date('2025-06-01T00:00:00Z');
    const credentials = variedCredentials({ ...sample, validFrom: '2025-04-01T00:00:00Z', validUntil: '2030-03-31T14:59:59Z' }, 80);
    for (const [i, credential] of credentials.entries()) {
      credential.id = `urn:uuid:${crypto.randomUUID()}`;
      credential.credentialStatus = sample.credentialStatus;
      const signed = await di.sign({ credential, key, verificationMethod, created });
      if (i < 50) continue; // learning
      const again = await reference.sign({ credential, key, verificationMethod, created });
      expect(signed.proof).toEqual(again.proof);
      const result = await plainVerify(signed);
      expect(result.verified, JSON.stringify(result.error ?? result.results?.[0]?.error)).toBe(true);
    }
    expect(di.shapes.stats.composed).toBeGreaterThan(30);
  });
});
