import type { Kysely } from 'kysely';

/**
 * Why the secretariat suspended or revoked an award, and its note, as declarations keep them:
 * shown on the award's page, the verification page and in the e-mail to the organization.
 * Awards suspended or revoked before this have none (null).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('awards').addColumn('status_reason', 'text').execute();
  await db.schema.alterTable('awards').addColumn('status_note', 'text').execute();
}
