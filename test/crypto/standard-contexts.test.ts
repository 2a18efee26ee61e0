/**
 * New credentials verify with the standard contexts alone (VC 2.0 and Open Badges 3.0.3): no
 * context of the registry's own is named, the few terms OB 3.0 lacks travel embedded in the
 * credential. Credentials issued before (test/fixtures/credentials/legacy-*, signed by the
 * previous builder with the deployment's context) keep verifying through the registry, and
 * read the same facts as new ones.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Validator, type Schema } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../../src/adapters/crypto/document-loader.js';
import { createIssuerIdentity } from '../../src/adapters/crypto/issuer.js';
import { issuerKeyFromJwk } from '../../src/adapters/crypto/keys.js';
import { decodeVcJwt } from '../../src/adapters/crypto/jwt.js';
import { checkOb3Schema } from '../../src/adapters/crypto/ob3-schema.js';
import { createCredentialSecurer } from '../../src/adapters/crypto/securer.js';
import { readCredentialClaims } from '../../src/domain/credentials/claims.js';
import { rebuildInCurrentShape } from '../../src/domain/credentials/current-shape.js';
import {
  OB_V3_0_3_CONTEXT, REGISTRY_TERMS_CONTEXT, VC_V2_CONTEXT, buildAwardCredential, buildDeclarationCredential, registryContextUrl,
} from '../../src/domain/credentials/open-badge.js';
import { registryContext } from '../../src/adapters/crypto/contexts/registry-context.js';
import { NOW, awardCredential, baseUrl, commonInput, declarationCredential, makeRegistry } from './fixtures.js';

type Json = Record<string, any>;

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, '../fixtures/credentials');
const fixture = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');
const publishedSchema = JSON.parse(readFileSync(path.resolve(here, '../../schemas/ob3/achievementcredential.schema.json'), 'utf8')) as Schema;
/** Judged a few months after issuance (the fixtures' declarations run to 2028 and 2099). */
const AT = new Date('2026-01-01T00:00:00Z');

/** An outside verifier holding only VC 2.0 + OB 3.0.3 and the DID document, network cut (see the .mjs). */
function verifyWithStandardContextsOnly(credential: Json, didDocument: Json): Promise<{ verified: boolean; errors: string[]; requested: string[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(fixtures, 'standard-contexts-verifier.mjs'), {
      workerData: { credential: JSON.parse(JSON.stringify(credential)), didDocument: JSON.parse(JSON.stringify(didDocument)), now: AT.toISOString() },
    });
    worker.once('message', (result) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** Every string in a JSON value, with the keys that lead to it. */
function* strings(value: unknown, at: string[] = []): Generator<[string[], string]> {
  if (typeof value === 'string') yield [at, value];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, [...at, String(i)]);
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) yield* strings(item, [...at, key]);
}

const { identity, securer } = await makeRegistry();
const didDocument = identity.didDocument() as unknown as Json;
const signed = {
  declaration: await securer.secure(declarationCredential(identity.did)),
  award: await securer.secure(awardCredential(identity.did)),
};

describe('new credentials name only the standard contexts', () => {
  it('@context is VC 2.0, OB 3.0.3 and the embedded terms, whose IRIs are schema.org and OB vocabulary only', () => {
    for (const { dataIntegrity } of Object.values(signed)) {
      expect(dataIntegrity['@context']).toEqual([VC_V2_CONTEXT, OB_V3_0_3_CONTEXT, REGISTRY_TERMS_CONTEXT]);
      const embedded = (dataIntegrity['@context'] as unknown[])[2] as Json;
      // Nothing in it is fetched: no @import, no nested @context, no URL but term IRIs.
      for (const [keys, value] of strings(embedded)) {
        expect(keys.at(-1), `${keys.join('.')}`).toMatch(/^@(id|language|type)$/);
        if (keys.at(-1) === '@id') expect(value).toMatch(/^(https:\/\/schema\.org\/|https:\/\/purl\.imsglobal\.org\/spec\/vc\/ob\/vocab\.html#)[A-Za-z]+$/);
      }
      expect(JSON.stringify(dataIntegrity['@context'])).not.toContain(baseUrl);
    }
  });

  it('the @context does not depend on the deployment: two base URLs, the same context', () => {
    const elsewhere = buildDeclarationCredential({
      ...commonInput(identity.did, { baseUrl: 'https://registry.example.jp' }),
      declaration: { declarationId: 'd', version: 2, committedOn: '2025-05-01', guidelineAreas: [] },
    });
    expect(elsewhere['@context']).toEqual(signed.declaration.dataIntegrity['@context']);
  });

  it('an outside verifier with only VC 2.0 + OB 3.0.3 (network cut) verifies the declaration and the award (Data Integrity)', async () => {
    for (const { dataIntegrity } of Object.values(signed)) {
      const result = await verifyWithStandardContextsOnly(dataIntegrity, didDocument);
      expect(result.errors).toEqual([]);
      expect(result.verified).toBe(true);
      // It asked for the two standard contexts and the issuer's key, nothing else.
      expect(new Set(result.requested.filter((u) => !u.startsWith(identity.did)))).toEqual(new Set([VC_V2_CONTEXT, OB_V3_0_3_CONTEXT]));
    }
  });

  it('…and still rejects a change to any claim, embedded-term values included', async () => {
    const edits: [string, (c: Json) => void][] = [
      ['guideline area result', (c) => (c.credentialSubject.result[0].value = 'security')],
      ['English name', (c) => (c.credentialSubject.nameEn = 'Fake Inc.')],
      ['prefecture', (c) => (c.credentialSubject.addressRegion = 'JP-27')],
      ['policy (evidence)', (c) => (c.evidence[0].narrative = '別の方針')],
    ];
    for (const [label, edit] of edits) {
      const tampered = structuredClone(signed.declaration.dataIntegrity) as Json;
      edit(tampered);
      expect((await verifyWithStandardContextsOnly(tampered, didDocument)).verified, label).toBe(false);
    }
    const award = structuredClone(signed.award.dataIntegrity) as Json;
    award.credentialSubject.achievement.alignment[0].targetNameEn = 'Excellence Award';
    expect((await verifyWithStandardContextsOnly(award, didDocument)).verified).toBe(false);
  });

  it('the vc+jwt carries exactly the Data Integrity content (without the proof)', () => {
    for (const { dataIntegrity, jwt } of Object.values(signed)) {
      const { proof: _proof, ...content } = dataIntegrity;
      expect(decodeVcJwt(jwt)?.payload).toEqual(content);
    }
  });

  it('passes the 1EdTech OB 3.0 schema; as published it objects only to the two status entries', () => {
    for (const { dataIntegrity } of Object.values(signed)) {
      expect(checkOb3Schema(dataIntegrity)).toEqual({ valid: true, errors: [] });
      const strict = new Validator(publishedSchema, '2019-09', false).validate(dataIntegrity);
      expect(new Set(strict.errors.map((e) => e.instanceLocation).filter((l) => l !== '#').map((l) => l.split('/')[1]))).toEqual(new Set(['credentialStatus']));
      const single = { ...dataIntegrity, credentialStatus: (dataIntegrity.credentialStatus as unknown[])[0] };
      expect(new Validator(publishedSchema, '2019-09', false).validate(single).errors).toEqual([]);
    }
  });
});

describe('credentials issued before the embedded context (test/fixtures/credentials/legacy-*)', () => {
  const [stored] = JSON.parse(fixture('legacy-issuer-key.json')) as { keyId: string; createdAt: string; privateJwk: JsonWebKey }[];
  const key = issuerKeyFromJwk({ keyId: stored!.keyId, jwk: stored!.privateJwk, createdAt: stored!.createdAt, retiredAt: null });
  const legacyIdentity = createIssuerIdentity({ baseUrl, method: 'did:web', keys: [key] });
  const legacySecurer = createCredentialSecurer({ identity: legacyIdentity, now: () => AT });
  const legacy = {
    declaration: { dataIntegrity: JSON.parse(fixture('legacy-declaration.json')) as Json, jwt: fixture('legacy-declaration.jwt').trim() },
    award: { dataIntegrity: JSON.parse(fixture('legacy-award.json')) as Json, jwt: fixture('legacy-award.jwt').trim() },
  };

  it('name the deployment-specific context, which the registry still serves from its document loader', async () => {
    for (const { dataIntegrity } of Object.values(legacy)) expect(dataIntegrity['@context'][2]).toBe(registryContextUrl(baseUrl));
    const loaded = await createDocumentLoader({ identity: legacyIdentity })(registryContextUrl(baseUrl));
    expect(loaded.document).toEqual(registryContext(baseUrl));
  });

  it('verify through the registry, both forms (status read as clear)', async () => {
    for (const [name, form] of Object.entries(legacy)) {
      for (const input of [form.dataIntegrity, form.jwt]) {
        const outcome = await legacySecurer.verify(input, { statusLookup: async () => false, now: AT });
        expect({ name, problems: outcome.problemDetails }).toEqual({ name, problems: [] });
        expect(outcome).toMatchObject({ verified: true, issuedByRegistry: true });
        expect(outcome.checks).toEqual(expect.arrayContaining(['proof', 'status', 'schema']));
      }
    }
  });

  it('need their context: without it (standard contexts only) they cannot be verified, which is why it stays', async () => {
    const result = await verifyWithStandardContextsOnly(legacy.declaration.dataIntegrity, legacyIdentity.didDocument() as unknown as Json);
    expect(result.verified).toBe(false);
    expect(result.requested).toContain(registryContextUrl(baseUrl));
  });

  it('read the same facts as a new credential built from the same record', () => {
    const same = (name: 'declaration' | 'award') => {
      const input = {
        ...commonInput(legacyIdentity.did, name === 'declaration'
          ? { validUntil: '2099-03-31T14:59:59Z' }
          : { organization: { id: 'org-2', name: '千代田区', kind: 'municipality', localGovernmentCode: '131016', prefectureCode: '13' } }),
      };
      if (name === 'award') delete (input as Partial<typeof input>).validUntil;
      return name === 'declaration'
        ? buildDeclarationCredential({
          ...input,
          declaration: {
            declarationId: 'decl-1', version: 1, committedOn: '2025-04-01', guidelineAreas: ['labor', 'personnel', 'compensation', 'connectivity', 'security'],
            policy: '本社機能の一部を地方拠点へ移し、転職なき移住を支援します。',
          },
        })
        : buildAwardCredential({
          ...input,
          award: {
            awardId: 'award-1', fiscalYear: 2025, categoryCode: 'minister', categoryNameJa: '大臣賞', categoryNameEn: "Minister's Award",
            division: '自治体部門', divisionEn: 'Municipalities', overview: '地域拠点でのサテライトオフィス誘致。', awardedOn: '2025-12-01',
          },
        });
    };
    const declaration = readCredentialClaims(legacy.declaration.dataIntegrity);
    expect(declaration).toEqual(readCredentialClaims(same('declaration')));
    expect(declaration).toMatchObject({
      kind: 'declaration',
      organization: { id: 'org-1', name: '株式会社みらいワーク', nameEn: 'Mirai Work Inc.', kind: 'company', corporateNumber: '7123456789012', prefectureCode: '13' },
      declaration: { declarationId: 'decl-1', version: 1, committedOn: '2025-04-01', guidelineAreas: ['labor', 'personnel', 'compensation', 'connectivity', 'security'] },
    });
    const award = readCredentialClaims(legacy.award.dataIntegrity);
    expect(award).toEqual(readCredentialClaims(same('award')));
    expect(award).toMatchObject({
      kind: 'award',
      organization: { kind: 'municipality', localGovernmentCode: '131016', prefectureCode: '13' },
      award: {
        awardId: 'award-1', fiscalYear: 2025, categoryCode: 'minister', category: { ja: '大臣賞', en: "Minister's Award" },
        division: { ja: '自治体部門', en: 'Municipalities' }, overview: '地域拠点でのサテライトオフィス誘致。', awardedOn: '2025-12-01',
      },
    });
  });

  it('re-issued after a key rotation, they come back in the current shape with the same claims', async () => {
    for (const { dataIntegrity } of Object.values(legacy)) {
      const { proof: _proof, ...content } = dataIntegrity;
      const rebuilt = rebuildInCurrentShape(content, {
        baseUrl,
        credentialId: 'c2f1e0d9-0000-4000-8000-000000000001',
        issuer: { id: identity.did, nameJa: '地方創生テレワーク推進登録簿', nameEn: 'Regional Telework Registry', url: baseUrl },
        status: { revocation: { listUrl: `${baseUrl}/status-lists/rev-2`, index: 1 }, suspension: { listUrl: `${baseUrl}/status-lists/sus-2`, index: 2 } },
      });
      expect(rebuilt?.['@context']).toEqual([VC_V2_CONTEXT, OB_V3_0_3_CONTEXT, REGISTRY_TERMS_CONTEXT]);
      expect(readCredentialClaims(rebuilt)).toEqual(readCredentialClaims(dataIntegrity));
      expect({ validFrom: rebuilt!.validFrom, validUntil: rebuilt!.validUntil }).toEqual({ validFrom: dataIntegrity.validFrom, validUntil: dataIntegrity.validUntil });
      const { dataIntegrity: resigned } = await securer.secure(rebuilt!);
      expect((await verifyWithStandardContextsOnly(resigned, didDocument)).verified).toBe(true);
    }
    // A credential already in the current shape, or not the registry's, is re-signed as it is.
    const { proof: _proof, ...current } = signed.declaration.dataIntegrity;
    expect(rebuildInCurrentShape(current, { baseUrl, credentialId: 'x', issuer: commonInput(identity.did).issuer, status: commonInput(identity.did).status })).toBeNull();
  });
});

it('the registry verifies its new credentials with its own loader too (the fixtures.ts clock)', async () => {
  for (const { dataIntegrity, jwt } of Object.values(signed)) {
    for (const input of [dataIntegrity, jwt]) {
      const outcome = await securer.verify(input, { statusLookup: async () => false, now: NOW });
      expect(outcome.problemDetails).toEqual([]);
    }
  }
});
