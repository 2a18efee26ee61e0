import { sql, type Kysely } from 'kysely';

/**
 * The secretariat's back office (issue: a back office in the browser): staff accounts (an account
 * with a staff role; organization members have none), one-time staff invitations, internal review
 * notes that only staff see, and revocation requests that wait for a second administrator.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // reviewer | administrator | viewer; null for the people of organizations.
  await sql`ALTER TABLE accounts ADD COLUMN staff_role text`.execute(db);
  await db.schema.createIndex('accounts_staff_idx').on('accounts').columns(['staff_role']).execute();

  await db.schema
    .createTable('staff_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull()) // actor reference, as in the audit log
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_by', 'text')
    .execute();

  await db.schema
    .createTable('review_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('declaration_id', 'text', (c) => c.notNull().references('declarations.id'))
    .addColumn('author', 'text', (c) => c.notNull()) // actor reference
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_notes_declaration_idx').on('review_notes').columns(['declaration_id', 'created_at']).execute();

  await db.schema
    .createTable('revocation_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_type', 'text', (c) => c.notNull()) // declaration | award
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull()) // the documented reason code (declarations); '-' for awards
    .addColumn('note', 'text')
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_by_name', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('outcome', 'text') // approved | rejected | withdrawn; null while pending
    .execute();
  // At most one pending request per record: a second administrator approves that one.
  await sql`CREATE UNIQUE INDEX revocation_requests_pending_idx ON revocation_requests (subject_type, subject_id) WHERE outcome IS NULL`.execute(db);
}
