import { concurrentChange, conflict } from '../errors.js';
import type { AuditEntry } from '../model.js';
import { UniqueViolation, WriteConflict, type UnitOfWork, type WriteOp } from '../../ports/store.js';
import type { ServiceDeps } from './context.js';

/**
 * How often an issuance is built and committed before giving up. With 131,072-index lists a
 * second attempt is already rare; the bound matters only for tests' tiny lists.
 */
const ISSUANCE_ATTEMPTS = 16;

/** The batch lost its status index: a concurrent issuance committed the same (list, index) first. */
const isStatusIndexTaken = (error: unknown) => error instanceof UniqueViolation && error.constraint.startsWith('status_entries');

/**
 * Commits a batch that issues credentials. A status index is drawn at random among the free ones
 * and signed into the credential before the batch runs, so a concurrent issuance may take it in
 * between; the primary key of status_entries then rejects the whole batch (atomic on SQLite and
 * on D1), and the batch is built again: a new index, signed anew. After ISSUANCE_ATTEMPTS lost
 * draws in a row the caller gets a 409 to retry, never a 500.
 */
export async function commitIssuance(uow: UnitOfWork, build: () => Promise<WriteOp[]>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const ops = await build();
    try {
      await uow.commit(ops);
      return;
    } catch (error) {
      if (!isStatusIndexTaken(error)) throw error;
      if (attempt >= ISSUANCE_ATTEMPTS) {
        throw conflict(
          '同時に発行されたクレデンシャルとステータス番号が重なりました。もう一度お試しください。',
          'A concurrent issuance took the status list index drawn for this credential, repeatedly; retry.',
        );
      }
    }
  }
}

/**
 * Commits a declaration or award change in one batch: the change, the credential ops it causes,
 * its change event and its audit entry. A status index picked at random may have been taken by a
 * concurrent issuance: then the credential ops are built again (commitIssuance). A lost race on
 * the record itself becomes 409 (`lostRace` says it with the record's state now). `extraOps` come first in the same batch: what made the change
 * happen (an approved revocation request and its audit entry), committed with it or not at all.
 */
export async function commitChange(
  deps: Pick<ServiceDeps, 'uow' | 'repos'>,
  change: { ops: WriteOp[]; credentialOps: () => Promise<WriteOp[]>; eventOps: WriteOp[]; audit: AuditEntry; extraOps?: readonly WriteOp[]; lostRace?: () => Promise<Error> },
): Promise<void> {
  try {
    await commitIssuance(deps.uow, async () => [
      ...(change.extraOps ?? []), ...change.ops, ...(await change.credentialOps()), ...change.eventOps, deps.repos.audit.append(change.audit),
    ]);
  } catch (error) {
    if (error instanceof WriteConflict) throw change.lostRace ? await change.lostRace() : concurrentChange();
    throw error;
  }
}
