import type { Kysely } from 'kysely';

/**
 * Every GET of an open data file first sums up the public times of what it shows (its ETag, so
 * every 304 too), then reads its rows' ids (src/adapters/kysely/open-data.ts). Both read each
 * listed organization's and each declaration's row for a few columns, and each draft's
 * credentials for their version: with 100,000 organizations, about a second a request, which on
 * Node blocks the whole server. These indexes hold those columns, so neither query reads a row.
 * The declarations' and organizations' ones begin with the columns of the indexes they replace
 * (the portal's questions are answered from them the same way), so a write updates no more
 * indexes than before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('declarations_org_public_idx')
    .on('declarations')
    .columns(['organization_id', 'status', 'published_at', 'id', 'current_version', 'public_updated_at', 'updated_at'])
    .execute();
  await db.schema.dropIndex('declarations_org_status_idx').execute();
  await db.schema.createIndex('organizations_listed_public_idx').on('organizations').columns(['listed', 'id', 'public_updated_at', 'updated_at']).execute();
  await db.schema.dropIndex('organizations_listed_idx').execute();
  // With issued_at last, the credentials' sum of issue times is answered from it too.
  await db.schema.createIndex('credentials_subject_version_idx').on('credentials').columns(['subject_type', 'subject_id', 'subject_version', 'issued_at']).execute();
}
