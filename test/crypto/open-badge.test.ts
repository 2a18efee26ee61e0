import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator, type Schema } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';
import { REGISTRY_TERMS_CONTEXT, buildStatusListCredential } from '../../src/domain/credentials/open-badge.js';
import { checkOb3Schema } from '../../src/adapters/crypto/ob3-schema.js';
import { GENERATED_PATH, ob3ValidatorSource } from '../../src/cli/compile-ob3-schema.js';
import { awardCredential, baseUrl, declarationCredential, makeRegistry } from './fixtures.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const publishedSchema = JSON.parse(
  readFileSync(path.resolve(repoRoot, 'schemas/ob3/achievementcredential.schema.json'), 'utf8'),
) as Schema;
const did = 'did:web:localhost%3A8787';

describe('Open Badges 3.0 credential content', () => {
  it('builds the declaration logo credential as a VC 2.0 OpenBadgeCredential', () => {
    const vc = declarationCredential(did) as any;
    // The standard contexts, then the embedded terms: no deployment-specific context URL.
    expect(vc['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      REGISTRY_TERMS_CONTEXT,
    ]);
    expect(JSON.stringify(vc['@context'])).not.toContain(baseUrl);
    expect(vc.id).toBe(`${baseUrl}/credentials/0b9a4c1e-5d6f-4a7b-8c9d-0e1f2a3b4c5d`);
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.issuer).toMatchObject({ id: did, type: ['Profile'], url: baseUrl });
    expect(vc.credentialSubject.identifier).toEqual([
      { type: 'IdentityObject', hashed: false, identityHash: '7123456789012', identityType: 'ext:JPCorporateNumber' },
    ]);
    expect(vc.credentialSubject.achievement).toMatchObject({
      type: ['Achievement'],
      achievementType: 'ext:TeleworkSelfDeclaration',
      name: '地方創生テレワーク自己宣言',
      image: { id: `${baseUrl}/logo.svg`, type: 'Image' },
    });
    // The guideline's five areas are the achievement's alignments; the declared ones its results.
    expect(vc.credentialSubject.achievement.alignment.map((a: any) => a.targetCode)).toEqual(['labor', 'personnel', 'compensation', 'connectivity', 'security']);
    expect(vc.credentialSubject.achievement.alignment[0]).toMatchObject({ type: ['Alignment'], targetName: '労務制度', targetNameEn: 'Labor rules' });
    expect(vc.credentialSubject.result).toHaveLength(5);
    expect(vc.credentialSubject.result[0]).toEqual({ type: ['Result'], resultDescription: `${baseUrl}/achievements/telework-self-declaration#guideline-areas`, value: 'labor' });
    expect(vc.credentialSubject).toMatchObject({ addressRegion: 'JP-13', additionalType: 'https://schema.org/Corporation', activityStartDate: '2025-04-01T00:00:00+09:00' });
    expect(vc.evidence).toEqual([
      {
        id: `${baseUrl}/api/v1/declarations/decl-1`,
        type: ['Evidence'],
        name: '地方創生テレワーク自己宣言（第1版）',
        nameEn: 'Regional Revitalization Telework Self-Declaration (version 1)',
        narrative: '本社機能の一部を地方拠点へ移し、転職なき移住を支援します。',
      },
    ]);
    expect(JSON.stringify(vc)).not.toContain('認定');
    expect(vc.credentialStatus).toEqual([
      {
        id: `${baseUrl}/status-lists/rev-1#4242`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '4242',
        statusListCredential: `${baseUrl}/status-lists/rev-1`,
      },
      {
        id: `${baseUrl}/status-lists/sus-1#77`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'suspension',
        statusListIndex: '77',
        statusListCredential: `${baseUrl}/status-lists/sus-1`,
      },
    ]);
  });

  it('names award fiscal years in Reiwa with the Western year, 令和元年度 for FY2019', () => {
    const award = awardCredential(did) as any;
    expect(award.credentialSubject.achievement.name).toBe('令和7年度（2025年度） 地方創生テレワーク表彰 大臣賞');
    expect(award.credentialSubject.achievement.achievementType).toBe('Award');
    expect(award.credentialSubject.achievement.alignment).toEqual([
      expect.objectContaining({ targetType: 'ext:TeleworkAwardCategory', targetCode: 'minister', targetName: '大臣賞', targetNameEn: "Minister's Award" }),
    ]);
    expect(award).toMatchObject({ awardedDate: '2025-12-01T00:00:00+09:00', evidence: [{ id: `${baseUrl}/api/v1/awards/award-1`, type: ['Evidence'], narrative: '地域拠点でのサテライトオフィス誘致。' }] });
    expect(award.credentialSubject.term).toBe('令和7年度（2025年度）');
    expect(award.credentialSubject.identifier[0]).toMatchObject({ identityHash: '131016', identityType: 'ext:JPLocalGovernmentCode' });
    expect((awardCredential(did, 2019) as any).credentialSubject.achievement.name).toContain('令和元年度（2019年度）');
  });

  it('builds a BitstringStatusListCredential', () => {
    const list = buildStatusListCredential({
      baseUrl, listId: 'rev-1', purpose: 'revocation', encodedList: 'uH4sI', validFrom: '2025-04-01T00:00:00Z', issuer: did,
    }) as any;
    expect(list).toMatchObject({
      id: `${baseUrl}/status-lists/rev-1`,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      credentialSubject: { id: `${baseUrl}/status-lists/rev-1#list`, type: 'BitstringStatusList', statusPurpose: 'revocation' },
    });
  });
});

describe('OB 3.0 JSON Schema (schemas/ob3, as published by 1EdTech), relaxed only for credentialStatus arrays', () => {
  const relaxedShared = (() => {
    const schema = structuredClone(publishedSchema) as any;
    const single = schema.properties.credentialStatus;
    schema.properties.credentialStatus = { oneOf: [single, { type: 'array', minItems: 1, items: single }] };
    return new Validator(schema, '2019-09', false);
  })();

  it('accepts both signed credentials; the unrelaxed schema objects only to the status array', async () => {
    const { identity, securer } = await makeRegistry();
    for (const unsigned of [declarationCredential(identity.did), awardCredential(identity.did)]) {
      const { dataIntegrity } = await securer.secure(unsigned);
      expect(relaxedShared.validate(dataIntegrity).errors).toEqual([]);
      expect(checkOb3Schema(dataIntegrity)).toEqual({ valid: true, errors: [] });
      const strict = new Validator(publishedSchema, '2019-09', false).validate(dataIntegrity);
      expect(strict.valid).toBe(false);
      // Apart from the root summary ("#"), every error points into credentialStatus.
      const locations = strict.errors.map((e) => e.instanceLocation).filter((l) => l !== '#');
      expect(new Set(locations.map((l) => l.split('/')[1]))).toEqual(new Set(['credentialStatus']));
      // With a single status entry the published schema passes as is.
      const single = { ...dataIntegrity, credentialStatus: (dataIntegrity.credentialStatus as unknown[])[0] };
      expect(new Validator(publishedSchema, '2019-09', false).validate(single).errors).toEqual([]);
    }
  });

  it('a result is kept only for a credential frozen all the way down: one frozen at the top and changed inside is checked again', async () => {
    const { identity, securer } = await makeRegistry();
    const { dataIntegrity } = await securer.secure(declarationCredential(identity.did));
    const topOnly = Object.freeze({ ...dataIntegrity, credentialSubject: { ...(dataIntegrity.credentialSubject as object) } });
    expect(checkOb3Schema(topOnly).valid).toBe(true);
    delete (topOnly.credentialSubject as { achievement?: unknown }).achievement;
    expect(checkOb3Schema(topOnly).valid).toBe(false);
  });

  it('the generated validator gives the same verdict as an independent interpreter of the schema', async () => {
    const { identity, securer } = await makeRegistry();
    const signed = [(await securer.secure(declarationCredential(identity.did))).dataIntegrity, (await securer.secure(awardCredential(identity.did))).dataIntegrity];
    // Every top-level and achievement field removed or given a wrong value, on both credentials.
    const broken = (vc: any) => {
      const out: unknown[] = [];
      const values = [undefined, null, 42, 'text', [], {}];
      for (const key of Object.keys(vc)) for (const value of values) out.push({ ...vc, [key]: value });
      const subject = vc.credentialSubject;
      for (const key of Object.keys(subject.achievement)) for (const value of values) out.push({ ...vc, credentialSubject: { ...subject, achievement: { ...subject.achievement, [key]: value } } });
      out.push({ ...vc, validFrom: '2025-04-01' }, { ...vc, credentialStatus: [] }, { ...vc, proof: [{ ...vc.proof[0], created: 'yesterday' }] });
      return out;
    };
    let rejected = 0;
    for (const candidate of signed.flatMap((vc) => [vc, ...broken(vc)])) {
      const expected = relaxedShared.validate(JSON.parse(JSON.stringify(candidate))).valid;
      const actual = checkOb3Schema(JSON.parse(JSON.stringify(candidate)));
      expect({ candidate, valid: actual.valid }).toEqual({ candidate, valid: expected });
      if (!actual.valid) {
        rejected++;
        expect(actual.errors[0]).toMatch(/^\/\S*: ./);
      }
    }
    expect(rejected).toBeGreaterThan(50);
  });

  it('the committed generated validator is what npm run schemas:compile makes from the bundled schema', () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(ob3ValidatorSource());
  });

  it('bundles the 1EdTech AchievementCredential schema unmodified (the relaxation lives in the compiler)', () => {
    const bytes = readFileSync(path.resolve(repoRoot, 'schemas/ob3/achievementcredential.schema.json'));
    expect(publishedSchema.$id).toBe('https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential-jsonschema1.json');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe('5753fb3ecf7d024ed273dd364bd683f483eb47257e718e6618832cf89eb2083a');
  });
});
