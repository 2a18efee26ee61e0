import { sql, type Kysely } from 'kysely';

/**
 * Who an owner or administrator removed from an organization: GビズID sign-in makes anyone whose
 * 法人番号 matches a member, so without this a removed person came back at their next sign-in.
 * A row keeps them out of that organization until they accept a new invitation (which deletes it).
 * Removals made before this are found by their audit entry (member.remove without a reason, in
 * the batch that removed them), for accounts that are not members again since.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('membership_removals')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('removed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('membership_removals_pk', ['organization_id', 'account_id'])
    .execute();
  await sql`INSERT INTO membership_removals (organization_id, account_id, removed_at)
    SELECT r.organization_id, r.account_id, MAX(r.at) FROM (
      SELECT entity_id AS organization_id, json_extract(before, '$.accountId') AS account_id, at FROM audit_log
      WHERE action = 'member.remove' AND entity_type = 'organization' AND after IS NULL) AS r
    WHERE r.account_id IN (SELECT id FROM accounts) AND r.organization_id IN (SELECT id FROM organizations)
      AND NOT EXISTS (SELECT 1 FROM memberships AS m WHERE m.organization_id = r.organization_id AND m.account_id = r.account_id)
    GROUP BY r.organization_id, r.account_id`.execute(db);
}
