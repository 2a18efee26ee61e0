import type { Generated } from 'kysely';
import type { AccountTables } from './account-schema.js';
import type { PartnerTables } from './partner-schema.js';

/** Row types as stored. Dates are ISO-8601 text; JSON columns are text. */
export interface Database extends PartnerTables, AccountTables {
  organizations: OrganizationRow;
  declarations: DeclarationRow;
  declaration_versions: DeclarationVersionRow;
  award_categories: AwardCodeRow;
  award_divisions: AwardCodeRow;
  awards: AwardRow;
  tokens: TokenRow;
  audit_log: AuditRow;
  write_guard: { id: number; ok: number };
  /** Moved by triggers on every change to the record (migration 2026-12-06T0900). */
  record_generation: { id: number; n: number };
  credentials: CredentialRow;
  status_lists: StatusListRow;
  status_entries: StatusEntryRow;
  schema_migrations: { name: string; applied_at: string };
}

export interface OrganizationRow {
  id: string;
  kind: string;
  corporate_number: string | null;
  local_government_code: string | null;
  name: string;
  name_kana: string | null;
  name_en: string | null;
  search_text: string;
  prefecture_code: string;
  city: string | null;
  industry_code: string | null;
  size_band: string | null;
  website: string | null;
  contact: string | null;
  /**
   * 1 once the organization has a public record (a published declaration or an award); never reset,
   * since that history stays public: its page, open data and lookups show it, revoked or withdrawn
   * included. The list of 公表中 organizations is narrower (see search in ./organizations.ts).
   */
  listed: number;
  row_version: number;
  created_at: string;
  updated_at: string;
  /** migrations/2026-12-04T1700-organization-public-updated-at.ts; null in rows written before it. */
  public_updated_at: string | null;
}

export interface DeclarationRow {
  id: string;
  organization_id: string;
  status: string;
  current_version: number;
  row_version: number;
  valid_from: string | null;
  valid_until: string | null;
  submitted_at: string | null;
  published_at: string | null;
  status_reason: string | null;
  status_note: string | null;
  created_at: string;
  updated_at: string;
  /** Null on rows written before it (older seeds): read as updated_at. */
  public_updated_at: string | null;
}

export interface DeclarationVersionRow {
  declaration_id: string;
  version: number;
  content: string;
  created_at: string;
  created_by: string;
}

export interface AwardCodeRow {
  code: string;
  name_ja: string;
  name_en: string;
  sort_order: number;
}

export interface AwardRow {
  id: string;
  organization_id: string;
  fiscal_year: number;
  category_code: string;
  division_code: string | null;
  partner_municipality_id: string | null;
  overview: string | null;
  message: string | null;
  awarded_on: string;
  status: string;
  status_reason: string | null;
  status_note: string | null;
  row_version: number;
  created_at: string;
  updated_at: string;
}

export interface TokenRow {
  id: string;
  token_hash: string;
  role: string;
  organization_id: string | null;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

export interface AuditRow {
  seq: Generated<number>;
  at: string;
  actor_token_id: string | null;
  actor_role: string;
  actor_organization_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  request_id: string | null;
}

export interface CredentialRow {
  id: string;
  subject_type: string;
  subject_id: string;
  subject_version: number;
  organization_id: string | null;
  status: string;
  key_id: string;
  valid_from: string;
  valid_until: string | null;
  data_integrity: string;
  jwt: string;
  issued_at: string;
  /** The JWT's signature (its third part), read by verification instead of the whole JWT. */
  jwt_signature: string;
}

export interface StatusListRow {
  id: string;
  purpose: string;
  length: number;
  full: number;
  allocated: number;
  revision: number;
  created_at: string;
}

export interface StatusEntryRow {
  list_id: string;
  idx: number;
  credential_id: string;
  purpose: string;
  is_set: number;
}
