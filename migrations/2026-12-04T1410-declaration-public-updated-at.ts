import { sql, type Kysely } from 'kysely';

/**
 * When the public last saw a declaration change (publicUpdatedAtOf): public surfaces show it as
 * updatedAt, so that saving a renewal's draft, which the public does not see, changes nothing
 * they show. Declarations before this take their updated_at, the best time known; rows written
 * without it (older seeds) read as updated_at too.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('declarations').addColumn('public_updated_at', 'text').execute();
  await sql`UPDATE declarations SET public_updated_at = updated_at`.execute(db);
}
