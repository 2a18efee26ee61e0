/** The secretariat's staff: who may do what in the back office (and through the API as staff). */

export const STAFF_ROLES = ['administrator', 'reviewer', 'viewer'] as const;
/**
 * administrator: everything, including suspension, revocation, keys, partners and staff;
 * reviewer: reviews declarations (publish, return) and reads everything;
 * viewer: reads only (statistics, audit, records).
 */
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_ROLE_LABELS: Record<StaffRole, { ja: string; en: string }> = {
  administrator: { ja: '管理者', en: 'Administrator' },
  reviewer: { ja: '審査担当', en: 'Reviewer' },
  viewer: { ja: '閲覧者', en: 'Viewer' },
};

export const isStaffRole = (value: unknown): value is StaffRole => (STAFF_ROLES as readonly unknown[]).includes(value);

/**
 * An audit entry's actorRole for the secretariat: "admin:administrator", "admin:reviewer" or
 * "admin:viewer" for a staff member, as their role was when they acted (it may change later; the
 * record of what someone did as a reviewer must not), "admin" for an API token (and for staff
 * entries written before roles were recorded).
 */
export const secretariatActorRole = (staffRole: StaffRole | undefined) => (staffRole ? `admin:${staffRole}` : 'admin');
/** Whether an audit entry's actorRole is the secretariat's, and with which staff role (null: a token, or an entry from before roles were recorded). */
export function secretariatRoleOf(actorRole: string): { staffRole: StaffRole | null } | null {
  if (actorRole === 'admin') return { staffRole: null };
  const role = actorRole.startsWith('admin:') ? actorRole.slice('admin:'.length) : null;
  return role && isStaffRole(role) ? { staffRole: role } : null;
}

export interface StaffInvitation {
  id: string;
  role: StaffRole;
  name: string;
  email: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedBy: string | null;
  /** When an administrator cancelled it (its link then stops working); null otherwise. */
  cancelledAt: string | null;
}

/** Where a staff invitation stands: open (its link works), used, cancelled by an administrator, or expired unused. */
export type StaffInvitationState = 'open' | 'used' | 'cancelled' | 'expired';

export function staffInvitationState(invitation: StaffInvitation, now: string): StaffInvitationState {
  if (invitation.usedAt) return 'used';
  if (invitation.cancelledAt) return 'cancelled';
  return invitation.expiresAt <= now ? 'expired' : 'open';
}

export const STAFF_INVITATION_STATE_LABELS: Record<StaffInvitationState, { ja: string; en: string }> = {
  open: { ja: '未使用', en: 'Open' },
  used: { ja: '使用済み', en: 'Used' },
  cancelled: { ja: '取消済み', en: 'Cancelled' },
  expired: { ja: '期限切れ', en: 'Expired' },
};

/**
 * The account the bootstrap administrator token (REGISTRY_ADMIN_TOKEN, or any administrator API
 * token) signs in as at /admin/login: found by this issuer and the token's id, so the same token
 * always opens the same account, which then registers a passkey.
 */
export const ADMIN_TOKEN_ISSUER = 'urn:registry:admin-token';

/** That account's name: stored in Japanese, shown in the page's language. */
export const TOKEN_ADMINISTRATOR_NAME = { ja: '管理者（初期トークン）', en: 'Administrator (bootstrap token)' } as const;

/**
 * A name stored with a record when it was made (a revocation request keeps its requester's): the
 * token administrator's, stored in Japanese, in the page's language; anyone else's as given.
 */
export function storedAccountName(name: string, lang: 'ja' | 'en'): string {
  return name === TOKEN_ADMINISTRATOR_NAME.ja ? TOKEN_ADMINISTRATOR_NAME[lang] : name;
}

/** The name pages show for an account: the token administrator's in the page's language, anyone else's as given. */
export function accountName(account: { displayName: string; oidcIssuer: string | null }, lang: 'ja' | 'en'): string {
  return account.oidcIssuer === ADMIN_TOKEN_ISSUER && account.displayName === TOKEN_ADMINISTRATOR_NAME.ja ? TOKEN_ADMINISTRATOR_NAME[lang] : account.displayName;
}
