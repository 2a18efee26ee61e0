import { sql, type Kysely } from 'kysely';

/**
 * When an administrator cancelled a staff invitation. Cancelling used to end the invitation by
 * setting its expires_at to the moment of cancelling, so the invited person read "expired" and
 * the back office could not tell the two apart. Invitations cancelled before this are found by
 * their audit entry (staff.invitation-cancel, in the same batch as the cancelling).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff_invitations').addColumn('cancelled_at', 'text').execute();
  await sql`UPDATE staff_invitations SET cancelled_at = (
      SELECT MIN(at) FROM audit_log WHERE action = 'staff.invitation-cancel' AND entity_type = 'staff-invitation' AND entity_id = staff_invitations.id)
    WHERE used_at IS NULL`.execute(db);
}
