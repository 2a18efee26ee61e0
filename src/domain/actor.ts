import type { StaffRole } from './accounts/staff.js';

/** Who is acting. Organizations act only on themselves; administrators may act on anyone's behalf. */
export type Actor =
  /**
   * The secretariat: an API token, or a staff member's web session (then `tokenId` is
   * `account:<accountId>`). `staffRole` limits what they may do: a session's account's role, or
   * for an administrator token the current role of the back-office account it signed in as
   * (absent: a token that never signed in, a full administrator).
   */
  | { role: 'admin'; tokenId: string; accountId?: string; staffRole?: StaffRole }
  /**
   * An organization, through its API token or a signed-in member's web session (then `tokenId` is
   * `account:<accountId>`, as the audit log records it, and `memberRole` says what the member may do).
   */
  | { role: 'organization'; tokenId: string; organizationId: string; accountId?: string; memberRole?: 'owner' | 'editor' }
  | { role: 'public' }
  /** A promotion partner's machine client (OAuth client credentials): reads public data, in bulk. */
  | { role: 'partner'; partnerId: string }
  | { role: 'system'; process: string };

/** The actor's staff role: an administrator token counts as an administrator; null for everyone else. */
export const staffRoleOf = (actor: Actor): StaffRole | null => (actor.role === 'admin' ? (actor.staffRole ?? 'administrator') : null);

/** Anyone of the secretariat: may read everything, including private data (reviewers and viewers too). */
export const isStaff = (actor: Actor) => actor.role === 'admin';

/** A secretariat administrator: may change anything (least privilege: reviewers and viewers may not). */
export const isAdmin = (actor: Actor) => staffRoleOf(actor) === 'administrator';

/** Reviews declarations (publish, return): administrators and reviewers. */
export const mayReview = (actor: Actor) => staffRoleOf(actor) === 'administrator' || staffRoleOf(actor) === 'reviewer';

/** True when the actor may act as the given organization (change its records). */
export const actsFor = (actor: Actor, organizationId: string) =>
  isAdmin(actor) || (actor.role === 'organization' && actor.organizationId === organizationId);

/** True when the actor may read the private data of the given organization: itself, or any staff. */
export const seesPrivate = (actor: Actor, organizationId: string) =>
  isStaff(actor) || (actor.role === 'organization' && actor.organizationId === organizationId);
