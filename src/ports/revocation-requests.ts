import type { WriteOp } from './store.js';

export type RevocationSubjectType = 'declaration' | 'award';
export type RevocationOutcome = 'approved' | 'rejected' | 'withdrawn';

/**
 * An administrator's request to revoke a declaration or an award, waiting for a second
 * administrator (REVOCATION_TWO_PERSON); `outcome` null while pending.
 */
export interface RevocationRequest {
  id: string;
  subjectType: RevocationSubjectType;
  subjectId: string;
  /** A documented reason code (REVOCATION_REASONS); '-' when none was given (awards). */
  reason: string;
  note: string | null;
  /** The requester as the audit log names actors (`account:<id>`, or an API token's id). */
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  outcome: RevocationOutcome | null;
}

export interface RevocationRequestQuery {
  /** true: pending only, oldest first; false: decided only, newest first. */
  pending: boolean;
  limit: number;
}

export interface RevocationRequestRepository {
  get(id: string): Promise<RevocationRequest | null>;
  /** The pending request for one record, if any (at most one: a unique index says so). */
  pendingFor(subjectType: RevocationSubjectType, subjectId: string): Promise<RevocationRequest | null>;
  list(query: RevocationRequestQuery): Promise<RevocationRequest[]>;
  countPending(): Promise<number>;
  /** A second pending request for the same record fails the batch with UniqueViolation (revocation_requests.subject_type, …). */
  insert(request: RevocationRequest): WriteOp;
  /** Guarded: only a pending request is decided, once; otherwise the batch aborts (WriteConflict). */
  decide(id: string, decision: { outcome: RevocationOutcome; decidedBy: string; decidedAt: string }): WriteOp[];
}
