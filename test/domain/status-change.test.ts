/**
 * A VC-API status update as one change or none (src/domain/credentials/status-change.ts): every
 * entry judged against the status before the request, for every status a credential can have.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { statusChange, type StatusEntryRequest } from '../../src/domain/credentials/status-change.js';
import type { CredentialStatus } from '../../src/ports/credential-store.js';

const revoke = (status: boolean): StatusEntryRequest => ({ statusPurpose: 'revocation', status });
const suspend = (status: boolean): StatusEntryRequest => ({ statusPurpose: 'suspension', status });

/** The change asked, or the refusal's kind and current status. */
function outcome(current: CredentialStatus, entries: StatusEntryRequest[]) {
  try {
    return statusChange(current, entries)?.action ?? 'none';
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return `${error.kind}${error.extra.currentStatus ? ` (${String(error.extra.currentStatus)})` : ''}`;
  }
}

describe('statusChange', () => {
  it.each<[CredentialStatus, StatusEntryRequest[], string]>([
    ['active', [suspend(true)], 'suspend'],
    ['active', [suspend(false)], 'none'],
    ['active', [revoke(false)], 'none'],
    ['active', [revoke(true), suspend(true)], 'revoke'],
    ['active', [suspend(true), revoke(false)], 'suspend'],
    ['suspended', [suspend(false)], 'reinstate'],
    ['suspended', [suspend(true)], 'none'],
    ['suspended', [suspend(false), revoke(true)], 'revoke'],
    ['revoked', [revoke(true)], 'none'],
    ['revoked', [revoke(false)], 'conflict (revoked)'],
    ['revoked', [revoke(true), suspend(false)], 'conflict (revoked)'],
    ['expired', [suspend(true)], 'conflict (expired)'],
    ['superseded', [revoke(true)], 'conflict (superseded)'],
    ['active', [suspend(true), suspend(false)], 'validation'],
  ])('%s + %j → %s', (current, entries, expected) => {
    expect(outcome(current, entries)).toBe(expected);
  });

  it('keeps the reason of the entry that makes the change', () => {
    expect(statusChange('active', [{ ...revoke(true), reason: 'false-declaration' }, { ...suspend(true), reason: 'under-investigation' }])).toEqual({ action: 'revoke', reason: 'false-declaration' });
    expect(statusChange('active', [{ ...suspend(true), reason: 'under-investigation' }])).toEqual({ action: 'suspend', reason: 'under-investigation' });
  });
});
