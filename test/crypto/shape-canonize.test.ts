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
import {
  buildAwardCredential,
  buildDeclarationCredential,
  buildStatusListCredential,
  type CredentialCommonInput,
  type GuidelineArea,
} from '../../src/domain/credentials/open-badge.js';
import { baseUrl, makeRegistry } from './fixtures.js';
import { mulberry32 } from '../../src/cli/seeded-random.js';

type Json = Record<string, unknown>;

const { identity, securer, keys } = await makeRegistry();
const key = keys[0]!;
const verificationMethod = identity.verificationMethodId(key);
const { documentLoader } = securer;
const options = () => ({ documentLoader, base: null, safe: true });


/** Text pieces with everything that N-Quads escaping or JSON-LD might treat specially. */
const PLAIN_PIECES = [
  '株式会社みらいワーク',
  '千代田区',
  '地方創生テレワーク',
  'Mirai Work Inc.',
  '"double quotes"',
  "it's",
  'back\\slash \\n \\u0041',
  'new\nline',
  'cr\r\nlf',
  'tab\there',
  '😀🎌👩‍💻',
  'é ñ ü',
  '\u0000\u0001\u001f\u007f',
  '\u2028\u2029',
  '\ud800 lone surrogate',
  '<not a tag>',
  ' leading and trailing ',
  '　全角スペース　',
  '{"json": [1, 2]}',
  '@not-a-keyword',
  '%E3%81%82',
  '',
];
/** Pieces that change the shape (IRI-looking text, blank-node-looking text, term names). */
const SHAPE_PIECES = ['https://example.com/x', 'urn:uuid:1234', 'ext:Foo', '_:b0', 'name', 'Achievement', 'mailto:a@b.c'];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function generator(seed: number, { shapeChanging }: { shapeChanging: boolean }) {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const maybe = (p = 0.5) => random() < p;
  const text = () => {
    const pieces = shapeChanging && maybe(0.2) ? [...PLAIN_PIECES, ...SHAPE_PIECES] : PLAIN_PIECES;
    const n = 1 + int(3);
    let s = Array.from({ length: n }, () => pick(pieces)).join(maybe() ? ' ' : '');
    if (maybe(0.05)) s = s.repeat(200) + 'あ'.repeat(3000);
    return s;
  };
  const date = () => new Date(Date.UTC(2019 + int(15), int(12), 1 + int(28), int(24), int(60), int(60))).toISOString().replace('.000', '');
  const day = () => date().slice(0, 10);
  const encoded = (s: string) => encodeURIComponent(s.replace(LONE_SURROGATE, '')).slice(0, 40);
  const idPart = () => pick(['org-1', 'a', `x${int(1e9)}`, crypto.randomUUID(), 'テスト', encoded(text()) || 'e']);

  function common(): CredentialCommonInput {
    const ids = int(4);
    return {
      baseUrl,
      credentialId: crypto.randomUUID(),
      issuer: { id: identity.did, nameJa: '地方創生テレワーク推進登録簿', nameEn: 'Regional Telework Registry', url: baseUrl },
      organization: {
        id: idPart(),
        name: text(),
        ...(maybe() ? { nameEn: text() || 'n' } : {}),
        kind: pick(['company', 'municipality', 'other'] as const),
        ...(ids & 1 ? { corporateNumber: String(1e12 + int(9e12)) } : {}),
        ...(ids & 2 ? { localGovernmentCode: String(100000 + int(900000)) } : {}),
        prefectureCode: String(1 + int(47)).padStart(2, '0'),
      },
      validFrom: date(),
      ...(maybe(0.7) ? { validUntil: date() } : {}),
      status: {
        revocation: { listUrl: `${baseUrl}/status-lists/${idPart()}`, index: int(131072) },
        suspension: { listUrl: `${baseUrl}/status-lists/${idPart()}`, index: int(131072) },
      },
    };
  }

  return (): Json => {
    if (maybe()) {
      const areas: GuidelineArea[] = ['labor', 'personnel', 'compensation', 'connectivity', 'security'];
      return buildDeclarationCredential({
        ...common(),
        declaration: {
          declarationId: idPart(),
          version: pick([1, 2, 3, 17, 0, 123456789]),
          committedOn: day(),
          guidelineAreas: areas.filter(() => maybe(0.6)),
          ...(maybe() ? { policy: text() || 'p' } : {}),
        },
      });
    }
    return buildAwardCredential({
      ...common(),
      award: {
        awardId: idPart(),
        fiscalYear: 2019 + int(20),
        categoryCode: pick(['minister', 'excellence', 'special', encoded(text()) || 'c', 'a b/c?d']),
        categoryNameJa: text() || '大臣賞',
        categoryNameEn: text() || "Minister's Award",
        ...(maybe() ? { division: text() || 'd' } : {}),
        ...(maybe() ? { divisionEn: text() || 'e' } : {}),
        ...(maybe() ? { overview: text() || 'o' } : {}),
        ...(maybe() ? { awardedOn: day() } : {}),
      },
    });
  };
}

function statusListGenerator(seed: number) {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  return (): Json =>
    buildStatusListCredential({
      baseUrl,
      listId: random() < 0.5 ? crypto.randomUUID() : `list-${int(1000)}`,
      purpose: random() < 0.5 ? 'revocation' : 'suspension',
      encodedList: `u${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(8 + int(64))))).replace(/=+$/, '')}`,
      validFrom: new Date(Date.UTC(2020 + int(10), int(12), 1 + int(28))).toISOString(),
      ...(random() < 0.5 ? { validUntil: new Date(Date.UTC(2031 + int(10), int(12), 1 + int(28))).toISOString() } : {}),
      issuer: identity.did,
    });
}

/** The outcome of a canonicalization: the N-Quads, or that it threw. */
async function outcome(run: () => Promise<string>): Promise<string> {
  try {
    return await run();
  } catch (error) {
    return `threw: ${error instanceof Error ? error.name : 'error'}`;
  }
}

describe('fast canonical form = jsonld + rdf-canonize, byte for byte', () => {
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
  it('learns a shape when it is signed the second time, not the first (most one-off shapes never pay for learning)', async () => {
    const di = createDataIntegrity({ documentLoader, canonicalCacheSize: 0 });
    const credential = generator(12, { shapeChanging: false })();
    const sign = () => di.sign({ credential, key, verificationMethod, created: new Date('2025-06-01T00:00:00Z') });
    const first = await sign();
    expect(di.shapes.stats.learned).toBe(0);
    const second = await sign();
    const learned = di.shapes.stats.learned;
    expect(learned).toBeGreaterThan(0);
    const fastBefore = di.shapes.stats.fast;
    const third = await sign();
    expect(di.shapes.stats.fast).toBeGreaterThan(fastBefore);
    expect(di.shapes.stats.learned).toBe(learned);
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
    // A signed shape is learned the second time it is signed.
    await di.sign({ credential, key, verificationMethod, created: new Date('2025-06-01T00:00:00Z') });
    const signed = await di.sign({ credential, key, verificationMethod, created: new Date('2025-06-01T00:00:00Z') });
    const unsignedOf = (c: Json) => {
      const { proof: _proof, ...rest } = c;
      return rest;
    };
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
