/**
 * The registry recognises a vc+jwt it stored itself, byte for byte, and then skips the Ed25519
 * check. Its verdict must be exactly the one full verification gives: compared here, on real
 * SQLite with real keys, against a second securer over the same identity that verifies in full.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CompactSign, importJWK, type CompactJWSHeaderParameters, type JWK } from 'jose';
import { generateIssuerKey } from '../../src/adapters/crypto/keys.js';
import { createCredentialSecurer } from '../../src/adapters/crypto/securer.js';
import type { Registry } from '../../src/registry.js';
import type { IssuerKey } from '../../src/ports/credentials.js';
import { backfillJwtSignatures } from '../../migrations/2026-12-04T0000-verification-index.js';
import { ADMIN as admin, registryInMemory, TEST_REGISTRY_CONFIG } from '../helpers/database-file.js';


async function publishedJwt(registry: Registry, n: number) {
  const org = await registry.organizations.create(admin, { kind: 'company', name: `照合テスト株式会社${n}`, corporateNumber: ['7123456789012', '5835678256246', '2021001052596'][n]!, prefectureCode: '13' });
  const draft = await registry.declarations.create(admin, org.id, { signerName: '山田', signerTitle: '社長', committedOn: '2025-03-01', guidelineAreas: ['labor'] });
  await registry.declarations.act(admin, draft.id, 'submit');
  await registry.declarations.act(admin, draft.id, 'publish');
  const [credential] = await registry.credentials.listByOrganization(org.id);
  return { declarationId: draft.id, jwt: credential!.jwt };
}

/** Both verdicts, and how many Ed25519 verifications each needed. */
async function bothVerdicts(registry: Registry, input: unknown, now?: Date) {
  const subtleVerify = vi.spyOn(crypto.subtle, 'verify');
  const recognised = await registry.credentials.verify(input, now);
  const recognisedCalls = subtleVerify.mock.calls.length;
  const reference = createCredentialSecurer({ identity: registry.identity });
  const full = await reference.verify(input, { statusLookup: registry.credentials.statusLookup, ...(now ? { now } : {}) });
  const fullCalls = subtleVerify.mock.calls.length - recognisedCalls;
  subtleVerify.mockRestore();
  const { registryId: _id, registryStatus: _status, ...verdict } = recognised;
  return { verdict, full, recognisedCalls, fullCalls };
}

afterEach(() => vi.restoreAllMocks());

describe('a vc+jwt the registry stored itself, recognised byte for byte', () => {
  it('gives exactly the full verdict, without an Ed25519 check, when valid, revoked, expired or padded with whitespace', async () => {
    const { store, registry } = await registryInMemory();
    const valid = await publishedJwt(registry, 0);
    const revoked = await publishedJwt(registry, 1);
    await registry.declarations.act(admin, revoked.declarationId, 'revoke', { reason: 'other' });

    const cases: [string, unknown, Date | undefined, boolean][] = [
      ['valid', valid.jwt, undefined, true],
      ['padded', `  ${valid.jwt}\n`, undefined, true],
      ['revoked', revoked.jwt, undefined, false],
      ['expired', valid.jwt, new Date('2099-01-01T00:00:00Z'), false],
    ];
    for (const [name, input, now, verified] of cases) {
      const { verdict, full, recognisedCalls, fullCalls } = await bothVerdicts(registry, input, now);
      expect({ name, verdict }).toEqual({ name, verdict: full });
      expect({ name, verified: verdict.verified }).toEqual({ name, verified });
      expect({ name, recognisedCalls, fullCalls }).toEqual({ name, recognisedCalls: 0, fullCalls: 1 });
    }
    await store.close();
  });

  it('a credential stored before its signature had a column of its own is recognised once the migration filled it in', async () => {
    const { store, registry } = await registryInMemory();
    const { jwt } = await publishedJwt(registry, 0);
    await store.raw.prepare('UPDATE credentials SET jwt_signature = NULL').run();
    expect((await bothVerdicts(registry, jwt)).recognisedCalls).toBe(1);
    await backfillJwtSignatures(store.db);
    const { verdict, full, recognisedCalls } = await bothVerdicts(registry, jwt);
    expect(verdict).toEqual(full);
    expect(verdict.verified).toBe(true);
    expect(recognisedCalls).toBe(0);
    await store.close();
  });

  it('under did:key too (the stored key id is the multibase key there)', async () => {
    const { store, registry } = await registryInMemory({ config: { didMethod: 'did:key' } });
    const { jwt } = await publishedJwt(registry, 0);
    const { verdict, full, recognisedCalls } = await bothVerdicts(registry, jwt);
    expect(verdict).toEqual(full);
    expect(verdict.verified).toBe(true);
    expect(recognisedCalls).toBe(0);
    await store.close();
  });

  it('signed by a key retired since: the same "retired key" verdict as full verification', async () => {
    const key: IssuerKey = await generateIssuerKey();
    const { store, registry: before } = await registryInMemory({ keys: [key] });
    const { jwt } = await publishedJwt(before, 0);
    const { registry: after } = await registryInMemory({ store, keys: [{ ...key, retiredAt: '2026-01-01T00:00:00.000Z' }, await generateIssuerKey()] });
    const { verdict, full, recognisedCalls } = await bothVerdicts(after, jwt);
    expect(verdict).toEqual(full);
    expect(verdict.verified).toBe(false);
    expect(verdict.checks).toContain('proof');
    expect(verdict.problemDetails.map((p) => p.type)).toEqual([`${TEST_REGISTRY_CONFIG.publicBaseUrl}/problems/retired-key`]);
    expect(recognisedCalls).toBe(0);
    await store.close();
  });

  it('any other bytes are verified in full: a changed signature or a payload signed for another credential', async () => {
    const { store, registry } = await registryInMemory();
    const { jwt } = await publishedJwt(registry, 0);
    const other = await publishedJwt(registry, 1);
    const [header, payload, signature] = jwt.split('.');
    const flipped = `${signature!.slice(0, 10)}${signature![10] === 'A' ? 'B' : 'A'}${signature!.slice(11)}`;
    // The stored signature over a changed payload of the same credential (same id).
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const tampered = Buffer.from(JSON.stringify({ ...claims, name: `${claims.name}（改ざん）` })).toString('base64url');
    for (const forged of [`${header}.${payload}.${flipped}`, `${header}.${payload}.${other.jwt.split('.')[2]}`, `${header}.${other.jwt.split('.')[1]}.${signature}`, `${header}.${tampered}.${signature}`]) {
      const { verdict, full, recognisedCalls } = await bothVerdicts(registry, forged);
      expect(verdict).toEqual(full);
      expect(verdict.verified).toBe(false);
      expect(verdict.checks).not.toContain('proof');
      expect(recognisedCalls).toBe(1);
    }
    await store.close();
  });

  it('a valid JWT of ours that is not the stored one (signed again under a reordered header) verifies in full', async () => {
    const key: IssuerKey = await generateIssuerKey();
    const { store, registry } = await registryInMemory({ keys: [key] });
    const { jwt } = await publishedJwt(registry, 0);
    const [header, payload] = jwt.split('.');
    const reordered = Object.fromEntries(Object.entries(JSON.parse(Buffer.from(header!, 'base64url').toString('utf8'))).reverse());
    const resigned = await new CompactSign(Buffer.from(payload!, 'base64url')).setProtectedHeader(reordered as CompactJWSHeaderParameters).sign(await importJWK(key.privateJwk as JWK, 'EdDSA'));
    expect(resigned).not.toBe(jwt);
    const { verdict, full, recognisedCalls } = await bothVerdicts(registry, resigned);
    expect(verdict).toEqual(full);
    expect(verdict.verified).toBe(true);
    expect(recognisedCalls).toBe(1);
    await store.close();
  });
});
