/** Shared fixtures for the crypto tests: real keys, a did:web registry identity, sample credentials. */
import type { IssuerKey, StatusLookup } from '../../src/ports/credentials.js';
import { generateIssuerKey } from '../../src/adapters/crypto/keys.js';
import { createIssuerIdentity } from '../../src/adapters/crypto/issuer.js';
import { createCredentialSecurer } from '../../src/adapters/crypto/securer.js';
import {
  buildAwardCredential,
  buildDeclarationCredential,
  type CredentialCommonInput,
} from '../../src/domain/credentials/open-badge.js';

export const baseUrl = 'http://localhost:8787';
export const NOW = new Date('2025-06-01T00:00:00Z');

export async function makeRegistry({ keys }: { keys?: IssuerKey[] } = {}) {
  const issuerKeys = keys ?? [await generateIssuerKey({ now: new Date('2025-01-01T00:00:00Z') })];
  const identity = createIssuerIdentity({ baseUrl, method: 'did:web', keys: issuerKeys });
  const securer = createCredentialSecurer({ identity, now: () => NOW });
  return { identity, securer, keys: issuerKeys };
}

export function commonInput(issuerDid: string, overrides: Partial<CredentialCommonInput> = {}): CredentialCommonInput {
  return {
    baseUrl,
    credentialId: '0b9a4c1e-5d6f-4a7b-8c9d-0e1f2a3b4c5d',
    issuer: { id: issuerDid, nameJa: '地方創生テレワーク推進登録簿', nameEn: 'Regional Telework Registry', url: baseUrl },
    organization: {
      id: 'org-1',
      name: '株式会社みらいワーク',
      nameEn: 'Mirai Work Inc.',
      kind: 'company',
      corporateNumber: '7123456789012',
      prefectureCode: '13',
    },
    validFrom: '2025-04-01T00:00:00Z',
    validUntil: '2028-03-31T14:59:59Z',
    status: {
      revocation: { listUrl: `${baseUrl}/status-lists/rev-1`, index: 4242 },
      suspension: { listUrl: `${baseUrl}/status-lists/sus-1`, index: 77 },
    },
    ...overrides,
  };
}

export function declarationCredential(issuerDid: string, overrides: Partial<CredentialCommonInput> = {}) {
  return buildDeclarationCredential({
    ...commonInput(issuerDid, overrides),
    declaration: {
      declarationId: 'decl-1',
      version: 1,
      committedOn: '2025-04-01',
      guidelineAreas: ['labor', 'personnel', 'compensation', 'connectivity', 'security'],
      policy: '本社機能の一部を地方拠点へ移し、転職なき移住を支援します。',
    },
  });
}

export function awardCredential(issuerDid: string, fiscalYear = 2025) {
  return buildAwardCredential({
    ...commonInput(issuerDid, {
      organization: { id: 'org-2', name: '千代田区', kind: 'municipality', localGovernmentCode: '131016', prefectureCode: '13' },
    }),
    award: {
      awardId: 'award-1',
      fiscalYear,
      categoryCode: 'minister',
      categoryNameJa: '大臣賞',
      categoryNameEn: "Minister's Award",
      overview: '地域拠点でのサテライトオフィス誘致。',
      awardedOn: '2025-12-01',
    },
  });
}

/** Status from an in-memory map "listUrl#index" → set; unknown entries of our lists are clear. */
export function statusLookupOf(set: string[] = []): StatusLookup {
  return async ({ statusListCredential, statusListIndex }) => set.includes(`${statusListCredential}#${statusListIndex}`);
}
