import { sql, type Kysely } from 'kysely';

/**
 * The public portal (/, /organizations) asks of every listed organization whether it has a
 * published declaration or an award not revoked, and when it was last published or awarded. The
 * indexes by organization alone made SQLite read each declaration and award row for its status
 * (100,000 organizations: over a second per page); these hold the status and the date too, so
 * those questions are answered from the indexes (src/adapters/kysely/portal.ts). The name orders
 * are indexed by the very expressions the portal sorts by, so a page by name walks the index and
 * stops after it instead of sorting every listed organization.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('declarations_org_status_idx').on('declarations').columns(['organization_id', 'status', 'published_at']).execute();
  await db.schema.createIndex('awards_org_status_idx').on('awards').columns(['organization_id', 'status', 'awarded_on']).execute();
  await sql`CREATE INDEX organizations_name_order_idx ON organizations (listed, coalesce(nullif(name_kana, ''), name), id)`.execute(db);
  await sql`CREATE INDEX organizations_name_en_order_idx ON organizations (listed, coalesce(nullif(name_en, ''), nullif(name_kana, ''), name) COLLATE NOCASE, id)`.execute(db);
  await db.schema.createIndex('organizations_listed_kind_idx').on('organizations').columns(['listed', 'kind', 'id']).execute();
}
