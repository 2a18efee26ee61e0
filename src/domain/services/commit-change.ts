import { concurrentChange } from '../errors.js';
import type { AuditEntry } from '../model.js';
import { UniqueViolation, WriteConflict, type WriteOp } from '../../ports/store.js';
import type { ServiceDeps } from './context.js';

/**
 * Commits a declaration or award change in one batch: the change, the credential ops it causes,
 * its change event and its audit entry. A status index picked at random may have been taken by a
 * concurrent issuance: then the credential ops are built again. A lost race becomes 409.
 */
export async function commitChange(
  deps: Pick<ServiceDeps, 'uow' | 'repos'>,
  change: { ops: WriteOp[]; credentialOps: () => Promise<WriteOp[]>; eventOps: WriteOp[]; audit: AuditEntry },
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const credentialOps = await change.credentialOps();
    try {
      await deps.uow.commit([...change.ops, ...credentialOps, ...change.eventOps, deps.repos.audit.append(change.audit)]);
      return;
    } catch (error) {
      if (error instanceof WriteConflict) throw concurrentChange();
      if (error instanceof UniqueViolation && error.constraint.startsWith('status_entries') && attempt < 5) continue;
      throw error;
    }
  }
}
