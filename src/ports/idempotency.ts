/** Stored Idempotency-Key records (see src/http/idempotency.ts for the protocol). */
export type IdempotencyClaim =
  /** This request owns the key now: run it, then complete() or release(). */
  | { kind: 'claimed' }
  /** Another request with this key is still running (or crashed less than a lease ago). */
  | { kind: 'in-flight'; requestHash: string }
  /** The first request finished: its answer, as stored. */
  | { kind: 'done'; requestHash: string; status: number; response: string };

export interface IdempotencyStore {
  /** Takes the key for this request, or reports what holds it. Purges expired keys first. */
  claim(entry: { id: string; requestHash: string; now: number; leaseMs: number; ttlMs: number }): Promise<IdempotencyClaim>;
  /** Stores the first request's answer; later requests with the key replay it. */
  complete(id: string, answer: { status: number; response: string }): Promise<void>;
  /** Forgets the key (the request failed and changed nothing): a retry runs afresh. */
  release(id: string): Promise<void>;
}
