/** Promotion partners (推進パートナー), the public change events they follow, and webhook records. */

export const PARTNER_KINDS = ['hr-company', 'business-federation', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export interface Partner {
  id: string;
  name: string;
  kind: PartnerKind;
  clientId: string;
  rateLimitPerMinute: number;
  /** Access tokens name the version they were issued under; rotation bumps it and cuts them off. */
  secretVersion: number;
  createdAt: string;
  secretRotatedAt: string;
  /**
   * Set while an administrator has deactivated the partner: it obtains no access token, those it
   * holds are refused (401) and its webhooks receive nothing. Null: active.
   */
  deactivatedAt: string | null;
  /** Why it was deactivated (the administrator's words); null while active. */
  deactivationReason: string | null;
}

export interface PartnerUsageDay {
  day: string;
  requests: number;
}

/** Every public change a partner may follow, in the feed and by webhook. */
export const CHANGE_EVENT_TYPES = [
  'declaration.published',
  'declaration.amended',
  'declaration.suspended',
  'declaration.reinstated',
  'declaration.revoked',
  'declaration.withdrawn',
  'declaration.expired',
  'declaration.renewed',
  'award.granted',
  'award.suspended',
  'award.reinstated',
  'award.revoked',
  'award.corrected',
  'organization.updated',
] as const;
export type ChangeEventType = (typeof CHANGE_EVENT_TYPES)[number];

/** Public data only: never drafts, private declaration content or contacts. */
export interface ChangeEvent {
  id: string;
  type: ChangeEventType;
  occurredAt: string;
  subject: { type: 'declaration' | 'award' | 'organization'; id: string };
  organizationId: string;
  data: Record<string, unknown>;
}

/** A change event as read back from the feed; `cursor` resumes the feed just after it. */
export interface FeedEvent extends ChangeEvent {
  cursor: string;
}

export interface Webhook {
  id: string;
  partnerId: string;
  url: string;
  events: ChangeEventType[];
  createdAt: string;
  /**
   * Set while the registry has disabled the webhook because its receiver answered 410 Gone
   * (Standard Webhooks: the endpoint is gone, stop sending): no delivery is queued for it until it
   * is enabled again. Null: enabled.
   */
  disabledAt: string | null;
  /** Why it was disabled (which delivery got the 410); null while enabled. */
  disabledReason: string | null;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface Delivery {
  /** Also the Webhook-Id header: stable across retries so receivers can drop duplicates. */
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  replayOf: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
}
