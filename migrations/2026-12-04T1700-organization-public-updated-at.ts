import { sql, type Kysely } from 'kysely';

/**
 * When the public last saw an organization change (organizationPublicUpdatedAtOf): public
 * surfaces show it as updatedAt, so that the organization editing its contact, which the public
 * never sees, changes nothing they show. Organizations before this take their updated_at, the
 * best time known; rows written without it (older seeds) read as updated_at too.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organizations').addColumn('public_updated_at', 'text').execute();
  await sql`UPDATE organizations SET public_updated_at = updated_at`.execute(db);
}
