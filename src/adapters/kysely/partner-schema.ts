import type { Generated } from 'kysely';

/** Tables of migrations/2026-11-25T1700-partners.ts. Times in ms are integers (compared in SQL). */
export interface PartnerTables {
  partners: PartnerRow;
  partner_usage: { partner_id: string; day: string; requests: number };
  change_events: ChangeEventRow;
  webhooks: WebhookRow;
  webhook_deliveries: DeliveryRow;
}

export interface PartnerRow {
  id: string;
  name: string;
  kind: string;
  client_id: string;
  secret_hash: string;
  secret_version: number;
  rate_limit_per_minute: number;
  created_at: string;
  secret_rotated_at: string;
  deactivated_at: string | null;
  deactivation_reason: string | null;
}

export interface ChangeEventRow {
  seq: Generated<number>;
  id: string;
  type: string;
  subject_type: string;
  subject_id: string;
  organization_id: string;
  occurred_at: string;
  data: string;
}

export interface WebhookRow {
  id: string;
  partner_id: string;
  url: string;
  events: string;
  secret: string;
  created_at: string;
  deleted_at: string | null;
  disabled_at: string | null;
  disabled_reason: string | null;
}

export interface DeliveryRow {
  id: string;
  webhook_id: string;
  partner_id: string;
  event_seq: number;
  replay_of: string | null;
  status: string;
  attempts: number;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  last_attempt_at: string | null;
  delivered_at: string | null;
}
