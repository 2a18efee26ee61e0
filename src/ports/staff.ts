import type { Account } from '../domain/accounts/model.js';
import type { StaffInvitation, StaffRole } from '../domain/accounts/staff.js';
import type { WriteOp } from './store.js';

/** The secretariat's staff accounts and their one-time invitations. */
export interface StaffRepository {
  /** Accounts with a staff role, administrators first, then by name. */
  list(): Promise<Account[]>;
  /** Guarded: aborts the batch when the account is no longer staff. `null` removes it from the staff. */
  setRole(accountId: string, role: StaffRole | null): WriteOp[];
  /** Guarded: aborts the batch unless the account is not on the staff now (a former member taking a new invitation). */
  restoreRole(accountId: string, role: StaffRole): WriteOp[];
  /** Guarded: aborts the batch unless at least one other administrator would remain. */
  keepAnotherAdministrator(accountId: string): WriteOp[];

  invitation(tokenHash: string): Promise<StaffInvitation | null>;
  /** Unused invitations that have not expired or been cancelled, newest first. */
  openInvitations(now: string): Promise<StaffInvitation[]>;
  /** The newest open invitation to that address (compared without case), if one stands. */
  openInvitationTo(email: string, now: string): Promise<StaffInvitation | null>;
  /** Invitations no longer open (used, cancelled or expired), the most recently created first, at most `limit`. */
  closedInvitations(now: string, limit: number): Promise<StaffInvitation[]>;
  /** With an address, guarded: aborts the batch when an open invitation to that address stands (two requests at once). */
  insertInvitation(invitation: StaffInvitation, tokenHash: string): WriteOp[];
  /** Guarded: only an unused, unexpired invitation can be used, once. */
  useInvitation(id: string, at: string, accountId: string): WriteOp[];
  /** Guarded like useInvitation: an open invitation's link stops working now (it then reads as cancelled). */
  cancelInvitation(id: string, at: string): WriteOp[];
}
