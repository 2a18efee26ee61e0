import { sql, type Kysely } from 'kysely';
import type { StaffInvitation, StaffRole } from '../../domain/accounts/staff.js';
import type { StaffRepository } from '../../ports/staff.js';
import { toAccount } from './accounts.js';
import { GUARD_OP, insertUnlessOps, toOp } from './ops.js';
import type { Database } from './schema.js';

export interface StaffInvitationRow {
  id: string;
  token_hash: string;
  role: string;
  name: string;
  email: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
  cancelled_at: string | null;
}

export const toInvitation = (row: StaffInvitationRow): StaffInvitation => ({
  id: row.id,
  role: row.role as StaffRole,
  name: row.name,
  email: row.email,
  createdBy: row.created_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  usedAt: row.used_at,
  usedBy: row.used_by,
  cancelledAt: row.cancelled_at,
});

export function createKyselyStaff(db: Kysely<Database>): StaffRepository {
  const invitations = db.withTables<{ staff_invitations: StaffInvitationRow }>();
  const openTo = (email: string, at: string) =>
    invitations.selectFrom('staff_invitations').where(sql<boolean>`lower(email) = lower(${email})`)
      .where('used_at', 'is', null).where('cancelled_at', 'is', null).where('expires_at', '>', at);
  return {
    async list() {
      const rows = await db.selectFrom('accounts').selectAll().where('staff_role', 'is not', null)
        .orderBy(sql`staff_role = 'administrator'`, 'desc').orderBy('display_name').execute();
      return rows.map(toAccount);
    },
    setRole(accountId, role) {
      return [toOp(db.updateTable('accounts').set({ staff_role: role }).where('id', '=', accountId).where('staff_role', 'is not', null)), GUARD_OP];
    },
    restoreRole(accountId, role) {
      return [toOp(db.updateTable('accounts').set({ staff_role: role }).where('id', '=', accountId).where('staff_role', 'is', null)), GUARD_OP];
    },
    keepAnotherAdministrator(accountId) {
      // A no-op update that touches a row only when another administrator exists; the guard aborts otherwise.
      return [
        toOp(db.updateTable('accounts').set({ staff_role: 'administrator' })
          .where('staff_role', '=', 'administrator').where('id', '!=', accountId)
          .where('id', '=', db.selectFrom('accounts').select('id').where('staff_role', '=', 'administrator').where('id', '!=', accountId).limit(1))),
        GUARD_OP,
      ];
    },
    async invitation(tokenHash) {
      const row = await invitations.selectFrom('staff_invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row ? toInvitation(row) : null;
    },
    async openInvitations(now) {
      const rows = await invitations.selectFrom('staff_invitations').selectAll().where('used_at', 'is', null).where('cancelled_at', 'is', null).where('expires_at', '>', now)
        .orderBy('created_at', 'desc').execute();
      return rows.map(toInvitation);
    },
    async closedInvitations(now, limit) {
      const rows = await invitations.selectFrom('staff_invitations').selectAll()
        .where((eb) => eb.or([eb('used_at', 'is not', null), eb('cancelled_at', 'is not', null), eb('expires_at', '<=', now)]))
        .orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
      return rows.map(toInvitation);
    },
    async openInvitationTo(email, now) {
      const row = await openTo(email, now).selectAll().orderBy('created_at', 'desc').executeTakeFirst();
      return row ? toInvitation(row) : null;
    },
    insertInvitation(i, tokenHash) {
      const row: StaffInvitationRow = {
        id: i.id, token_hash: tokenHash, role: i.role, name: i.name, email: i.email, created_by: i.createdBy,
        created_at: i.createdAt, expires_at: i.expiresAt, used_at: null, used_by: null, cancelled_at: null,
      };
      // A link without an address is never a duplicate.
      if (i.email === null) return [toOp(invitations.insertInto('staff_invitations').values(row))];
      // Only while no open invitation to that address stands: two requests at once both pass the
      // service's check (a read); the guard turns the later batch's empty insert into a WriteConflict.
      return insertUnlessOps('staff_invitations', row, openTo(i.email, i.createdAt).select(sql.lit(1).as('one')));
    },
    cancelInvitation(id, at) {
      return [
        toOp(invitations.updateTable('staff_invitations').set({ cancelled_at: at }).where('id', '=', id).where('used_at', 'is', null).where('cancelled_at', 'is', null).where('expires_at', '>', at)),
        GUARD_OP,
      ];
    },
    useInvitation(id, at, accountId) {
      return [
        toOp(invitations.updateTable('staff_invitations').set({ used_at: at, used_by: accountId }).where('id', '=', id).where('used_at', 'is', null).where('cancelled_at', 'is', null).where('expires_at', '>', at)),
        GUARD_OP,
      ];
    },
  };
}
