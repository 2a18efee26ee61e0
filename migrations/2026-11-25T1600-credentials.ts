import type { Kysely } from 'kysely';

/** Issued credentials (both secured forms) and Bitstring Status Lists with their entries. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('status_lists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('length', 'integer', (c) => c.notNull())
    .addColumn('full', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('status_lists_open_idx').on('status_lists').columns(['purpose', 'full']).execute();

  await db.schema
    .createTable('credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('subject_version', 'integer', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('data_integrity', 'text', (c) => c.notNull())
    .addColumn('jwt', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('credentials_subject_idx').on('credentials').columns(['subject_type', 'subject_id', 'issued_at']).execute();
  await db.schema.createIndex('credentials_org_idx').on('credentials').columns(['organization_id']).execute();

  // One row per allocated index; rows are never deleted, so an index is never handed out twice.
  await db.schema
    .createTable('status_entries')
    .addColumn('list_id', 'text', (c) => c.notNull().references('status_lists.id'))
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('credential_id', 'text', (c) => c.notNull().references('credentials.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('is_set', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('status_entries_pk', ['list_id', 'idx'])
    .execute();
  await db.schema.createIndex('status_entries_credential_idx').on('status_entries').columns(['credential_id']).execute();
  await db.schema.createIndex('status_entries_set_idx').on('status_entries').columns(['list_id', 'is_set']).execute();
}
