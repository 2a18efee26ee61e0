/**
 * Writes are expressed as a list of statements committed atomically in one batch: the shape
 * both SQLite (a transaction) and Cloudflare D1 (batch(), no interactive transactions) support.
 * A state change is read → decide in the domain → commit a batch whose first statement is
 * guarded (`WHERE row_version = expected`); if the guard matched nothing the whole batch is
 * rolled back and `WriteConflict` is thrown, so the caller can re-read and retry or answer 409.
 */
export interface WriteOp {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

export interface UnitOfWork {
  commit(ops: readonly WriteOp[]): Promise<void>;
}

/**
 * A value that moves whenever the registry's record (organizations, declarations, awards,
 * credentials) may have changed since it was last read, by this connection or any other (another
 * worker, the CLI), and not when only sessions, outboxes or counters did; null where the store
 * cannot tell. Read models keep an expensive aggregate while it stays the same.
 */
export type DataGeneration = () => string | null | Promise<string | null>;

/** A guarded statement matched no row: someone else changed the record first. */
export class WriteConflict extends Error {
  constructor() {
    super('write guard failed: the record changed concurrently');
    this.name = 'WriteConflict';
  }
}

/** A UNIQUE constraint rejected the batch; `constraint` names the columns, e.g. "organizations.corporate_number". */
export class UniqueViolation extends Error {
  constructor(readonly constraint: string) {
    super(`unique constraint failed: ${constraint}`);
    this.name = 'UniqueViolation';
  }
}
