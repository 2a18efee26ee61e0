import { conflict, invalid } from '../errors.js';
import type { CredentialStatus, StatusPurpose } from '../../ports/credential-store.js';

/** One entry of a VC-API status update (POST /credentials/status). */
export interface StatusEntryRequest {
  statusPurpose: StatusPurpose;
  status: boolean;
  reason?: string;
}

export interface StatusChange {
  action: 'revoke' | 'suspend' | 'reinstate';
  reason?: string;
}

/**
 * What a status update asks of a credential, as one change or none. Every entry is judged against
 * the status before the request, so the request is taken whole or refused whole: never one entry
 * committed and the next refused. Asking for the status a credential already has changes nothing.
 * Revocation is final, and wins over a suspension entry in the same request.
 */
export function statusChange(current: CredentialStatus, entries: readonly StatusEntryRequest[]): StatusChange | null {
  const repeated = entries.findIndex((entry, i) => entries.findIndex((other) => other.statusPurpose === entry.statusPurpose) !== i);
  if (repeated >= 0) {
    throw invalid([
      { field: `/credentialStatus/${repeated}/statusPurpose`, ja: '同じ statusPurpose は一度だけ指定できます。', en: 'Each statusPurpose may be given only once.' },
    ]);
  }
  const revocation = entries.find((entry) => entry.statusPurpose === 'revocation');
  const suspension = entries.find((entry) => entry.statusPurpose === 'suspension');
  if (current === 'revoked') {
    if (revocation?.status === true && !suspension) return null;
    throw irreversible();
  }
  if (current !== 'active' && current !== 'suspended') throw settled(current);
  if (revocation?.status) return { action: 'revoke', ...(revocation.reason ? { reason: revocation.reason } : {}) };
  if (suspension?.status && current === 'active') return { action: 'suspend', ...(suspension.reason ? { reason: suspension.reason } : {}) };
  if (suspension?.status === false && current === 'suspended') return { action: 'reinstate' };
  return null;
}

const irreversible = () =>
  conflict('取り消されたクレデンシャルの状態は変えられません。', 'A revoked credential cannot be reinstated or suspended.', { currentStatus: 'revoked' });

const settled = (current: CredentialStatus) =>
  conflict(
    `このクレデンシャルは${current === 'expired' ? '有効期間が終了しています' : '新しいクレデンシャルに置き換えられています'}。状態は変えられません。`,
    `This credential is ${current}; its status can no longer change.`,
    { currentStatus: current },
  );
