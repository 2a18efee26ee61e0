/**
 * Bitstring Status List: an entry is read only under its own list's purpose. A credential whose
 * entries are labelled with each other's purpose (signed with the registry's own key, so only the
 * status check can catch it) is a status verification error, never read as the other bit. An
 * entry without a purpose is malformed, and says so.
 */
import { describe, expect, it } from 'vitest';
import { CompactSign, importJWK, type JWK } from 'jose';
import { generateIssuerKey } from '../../src/adapters/crypto/keys.js';
import { ADMIN as admin, registryInMemory } from '../helpers/database-file.js';

const STATUS_VERIFICATION = 'https://www.w3.org/ns/credentials/status-list#STATUS_VERIFICATION_ERROR';
const MALFORMED = 'https://www.w3.org/TR/vc-data-model#MALFORMED_VALUE_ERROR';
type Json = Record<string, any>;

/** The registry's own published credential, re-signed with its key after `change` (so only the status check can catch it). */
async function resigned(change: (credential: Json) => Json) {
  const key = await generateIssuerKey();
  const { registry } = await registryInMemory({ keys: [key] });
  const org = await registry.organizations.create(admin, { kind: 'company', name: '目的検査株式会社', corporateNumber: '7123456789012', prefectureCode: '13' });
  const draft = await registry.declarations.create(admin, org.id, { signerName: '山田', signerTitle: '社長', committedOn: '2025-03-01', guidelineAreas: ['labor'] });
  await registry.declarations.act(admin, draft.id, 'submit');
  await registry.declarations.act(admin, draft.id, 'publish');
  const [stored] = await registry.credentials.listByOrganization(org.id);
  const [header, payload] = stored!.jwt.split('.');
  const credential = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Json;
  const signingKey = await importJWK(key.privateJwk as JWK, 'EdDSA');
  const jwt = await new CompactSign(Buffer.from(JSON.stringify(change(credential)))).setProtectedHeader(JSON.parse(Buffer.from(header!, 'base64url').toString('utf8'))).sign(signingKey);
  return { registry, jwt, stored: stored!, declarationId: draft.id };
}

describe('a status entry without its purpose', () => {
  it('is malformed and says the purpose is missing, not that a purpose "undefined" is unsupported', async () => {
    const { registry, jwt } = await resigned((credential) => ({
      ...credential,
      credentialStatus: credential.credentialStatus.map(({ statusPurpose: _purpose, ...entry }: Json) => entry),
    }));
    const outcome = await registry.credentials.verify(jwt);
    expect(outcome.verified).toBe(false);
    expect(outcome.problemDetails.map((p) => [p.type, p.detail])).toEqual([
      [MALFORMED, 'Each "credentialStatus" entry requires "statusPurpose" (Bitstring Status List §2.1).'],
      [MALFORMED, 'Each "credentialStatus" entry requires "statusPurpose" (Bitstring Status List §2.1).'],
    ]);
  });
});

describe('a status entry labelled with the other list’s purpose', () => {
  it('fails the status check as unknown, whether its bit is clear or set, and never reads as revoked', async () => {
    const { registry, jwt: relabelled, stored, declarationId } = await resigned((credential) => ({
      ...credential,
      credentialStatus: credential.credentialStatus.map((entry: Json) => ({ ...entry, statusPurpose: entry.statusPurpose === 'revocation' ? 'suspension' : 'revocation' })),
    }));

    expect((await registry.credentials.verify(stored.jwt)).verified).toBe(true);
    const clear = await registry.credentials.verify(relabelled);
    expect(clear.verified).toBe(false);
    expect(clear.results.filter((r) => !r.verified).map((r) => r.check)).toEqual(['status']);
    expect(clear.problemDetails.map((p) => p.type)).toEqual([STATUS_VERIFICATION, STATUS_VERIFICATION]);

    await registry.declarations.act(admin, declarationId, 'suspend', { reason: 'other' });
    const suspended = await registry.credentials.verify(relabelled);
    expect(suspended.status).toEqual({ revoked: false, suspended: false });
    expect(suspended.problemDetails.map((p) => p.type)).toEqual([STATUS_VERIFICATION, STATUS_VERIFICATION]);
  });
});
