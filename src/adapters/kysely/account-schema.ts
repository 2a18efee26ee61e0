/** Tables of migrations/2026-11-30T1200-accounts.ts. Times in ms are integers (compared in SQL). */
export interface AccountTables {
  accounts: AccountRow;
  memberships: { organization_id: string; account_id: string; role: string; created_at: string };
  /** migrations/2026-12-05T0900-membership-removals.ts */
  membership_removals: { organization_id: string; account_id: string; removed_at: string };
  passkeys: PasskeyRow;
  sessions: SessionRow;
  invitations: InvitationRow;
  auth_flows: { id_hash: string; kind: string; data: string; expires_at: number };
}

export interface AccountRow {
  id: string;
  display_name: string;
  email: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  created_at: string;
  last_sign_in_at: string | null;
  staff_role: string | null;
}

export interface PasskeyRow {
  id: string;
  account_id: string;
  public_key: string;
  counter: number;
  transports: string | null;
  label: string;
  created_at: string;
  last_used_at: string | null;
}

export interface SessionRow {
  id_hash: string;
  account_id: string;
  organization_id: string | null;
  csrf_token: string;
  method: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export interface InvitationRow {
  id: string;
  token_hash: string;
  organization_id: string;
  role: string;
  email: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
}
