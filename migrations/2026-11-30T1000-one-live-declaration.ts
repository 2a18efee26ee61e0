import { sql, type Kysely } from 'kysely';

/**
 * One live declaration per organization (one badge per company): every state but the terminal
 * withdrawn and revoked counts as live (draft, submitted, published, suspended, expired). A
 * declaration changes by amendment (a new version) and comes back by renewal, never by a second
 * declaration. The declaration service refuses a second one with a friendly 409; these triggers
 * are the backstop for two creations at the same time, on SQLite and D1 alike (a batch runs its
 * statements one writer at a time, so the second insert sees the first).
 *
 * Triggers rather than a partial unique index: an index could not be built on a database that
 * already holds duplicates, while triggers only judge new writes, so this migration is safe on
 * existing data. The message has SQLite's own UNIQUE wording so that the store reports it as a
 * UniqueViolation of "declarations.organization_id" (adapters/kysely/store-errors.ts), exactly as
 * a unique index would. The statuses are spelled out: a migration is frozen as written.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TRIGGER declarations_one_live_insert BEFORE INSERT ON declarations
    WHEN new.status NOT IN ('withdrawn', 'revoked')
      AND EXISTS (SELECT 1 FROM declarations WHERE organization_id = new.organization_id AND status NOT IN ('withdrawn', 'revoked'))
  BEGIN
    SELECT RAISE(ABORT, 'UNIQUE constraint failed: declarations.organization_id (one live declaration per organization)');
  END`.execute(db);
  // No transition leaves a terminal state today; should one ever (or a declaration move to another
  // organization), it may not make a second live declaration either.
  await sql`CREATE TRIGGER declarations_one_live_update BEFORE UPDATE OF status, organization_id ON declarations
    WHEN new.status NOT IN ('withdrawn', 'revoked')
      AND (old.status IN ('withdrawn', 'revoked') OR old.organization_id IS NOT new.organization_id)
      AND EXISTS (SELECT 1 FROM declarations WHERE organization_id = new.organization_id AND id <> new.id AND status NOT IN ('withdrawn', 'revoked'))
  BEGIN
    SELECT RAISE(ABORT, 'UNIQUE constraint failed: declarations.organization_id (one live declaration per organization)');
  END`.execute(db);
}
