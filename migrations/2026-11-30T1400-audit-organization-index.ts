import type { Kysely } from 'kysely';

/** An organization's own audit trail (/my/history) reads by actor organization, newest first. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_actor_org_idx').on('audit_log').columns(['actor_organization_id', 'seq']).execute();
}
