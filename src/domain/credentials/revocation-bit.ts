import type { CredentialStatus, StoredCredential } from '../../ports/credential-store.js';
import type { Repositories } from '../../ports/repositories.js';
import { withdrawnByOrganization } from './withdrawal.js';

/**
 * What a set revocation bit of one of the registry's credentials stands for. The registry sets
 * that one bit when the secretariat revokes, when the organization withdraws its declaration, when
 * a newer version replaces the credential and when its validity ends; the status check can only
 * say "revoked". The registry's record tells them apart, and the verification problem (its type
 * kept, `/problems/revoked`, for clients that test it) then says what happened.
 */
export type RevocationBitMeaning = 'revoked' | 'withdrawn' | 'superseded' | 'expired';

export const REVOCATION_BIT_PROBLEMS = {
  revoked: { title: 'Credential revoked', detail: 'The issuer has revoked this credential.', ja: 'このクレデンシャルは発行者（事務局）により取り消されています。' },
  withdrawn: {
    title: 'Declaration withdrawn',
    detail: 'The organization has withdrawn its declaration; the issuer has marked this credential as no longer valid in its status list.',
    ja: '団体が宣言を取り下げたため、このクレデンシャルは有効ではありません（取消ではありません）。',
  },
  superseded: {
    title: 'Credential superseded',
    detail: 'A newer version of this credential was issued; the issuer has marked this one as no longer valid in its status list.',
    ja: '新しい版が発行されたため、この版は使われなくなりました（取消ではありません）。',
  },
  expired: {
    title: 'Credential expired',
    detail: 'The validity period has ended; the issuer has marked this credential as no longer valid in its status list.',
    ja: '有効期限が切れています。',
  },
} as const satisfies Record<RevocationBitMeaning, { title: string; detail: string; ja: string }>;

/** The titles of a set revocation bit's problem. */
export type RevocationBitTitle = (typeof REVOCATION_BIT_PROBLEMS)[RevocationBitMeaning]['title'];

/** The meaning of the set revocation bit of a credential whose record has this status; null when the bit is not set for it. */
export async function revocationBitMeaning(
  repos: Pick<Repositories, 'declarations'>,
  record: Pick<StoredCredential, 'subjectType' | 'subjectId'> & { status: CredentialStatus },
): Promise<RevocationBitMeaning | null> {
  if (record.status === 'superseded' || record.status === 'expired') return record.status;
  if (record.status !== 'revoked') return null;
  return (await withdrawnByOrganization(repos, record)) ? 'withdrawn' : 'revoked';
}
