/** People who sign in on the web, and what ties them to an organization. */
import type { StaffRole } from './staff.js';

export const MEMBER_ROLES = ['owner', 'editor'] as const;
/** owner: invites and removes members, manages passkeys; editor: works on declarations. */
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const MEMBER_ROLE_LABELS: Record<MemberRole, { ja: string; en: string }> = {
  owner: { ja: '管理者', en: 'Owner' },
  editor: { ja: '編集者', en: 'Editor' },
};

export interface Account {
  id: string;
  displayName: string;
  email: string | null;
  oidcIssuer: string | null;
  oidcSubject: string | null;
  createdAt: string;
  lastSignInAt: string | null;
  /** Set for the secretariat's staff (src/domain/accounts/staff.ts); null for organizations' people. */
  staffRole: StaffRole | null;
}

export interface Membership {
  organizationId: string;
  accountId: string;
  role: MemberRole;
  createdAt: string;
}

export type SignInMethod = 'oidc' | 'passkey' | 'token';

export interface Session {
  accountId: string;
  organizationId: string | null;
  csrfToken: string;
  method: SignInMethod;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export interface Passkey {
  id: string;
  accountId: string;
  publicKey: string;
  counter: number;
  transports: string[];
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface Invitation {
  id: string;
  organizationId: string;
  role: MemberRole;
  email: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedBy: string | null;
}

/** The reference the audit log keeps for an action taken through a signed-in session. */
export const accountActorRef = (accountId: string) => `account:${accountId}`;
