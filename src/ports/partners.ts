import type { Award, AwardStatus, Declaration, Organization, Page } from '../domain/model.js';
import type { ChangeEvent, Delivery, FeedEvent, Partner, PartnerUsageDay, Webhook } from '../domain/partners/model.js';
import type { WriteOp } from './store.js';

/** Partners as OAuth clients; secrets are stored only as SHA-256 hashes. */
export interface PartnerRepository {
  get(id: string): Promise<Partner | null>;
  findByClientId(clientId: string): Promise<(Partner & { secretHash: string }) | null>;
  list(): Promise<Partner[]>;
  /**
   * Guarded by `held` (how many partners the caller's list read): aborts the batch (WriteConflict)
   * unless the table still holds exactly that many, i.e. no partner was registered since that read
   * (partners are never deleted nor renamed), so the distinct-name check made on it still holds.
   */
  insert(partner: Partner, secretHash: string, guard: { held: number }): WriteOp[];
  /** Guarded by the secret version read, so two concurrent rotations cannot both win, and by the partner being active. */
  rotateSecret(id: string, expectedVersion: number, secretHash: string, at: string): WriteOp[];
  /**
   * Deactivates (`{ at, reason }`) or reactivates (`null`) the partner. Guarded: aborts the batch
   * unless the partner was active, or deactivated, respectively.
   */
  setDeactivated(id: string, change: { at: string; reason: string } | null): WriteOp[];
  /** One request more for the partner on `day` (an upsert: cheap, and exact on D1 too). */
  countRequest(partnerId: string, day: string): WriteOp;
  usage(partnerIds: string[], sinceDay: string): Promise<Map<string, PartnerUsageDay[]>>;
}

/**
 * The outbox: a change event is appended in the same batch as the change, together with one
 * pending delivery per matching webhook, so an event is never lost nor sent for a rolled-back change.
 */
export interface ChangeOutbox {
  append(event: ChangeEvent): WriteOp[];
}

export interface ChangeFeedReader {
  /** Events with a cursor after `after`, oldest first. */
  after(after: number, limit: number): Promise<FeedEvent[]>;
  latestCursor(): Promise<number>;
}

export interface WebhookRepository {
  get(id: string): Promise<(Webhook & { deletedAt: string | null }) | null>;
  listByPartner(partnerId: string): Promise<Webhook[]>;
  /**
   * Guarded: aborts the batch (WriteConflict) unless, as the statement runs, the partner is active,
   * holds fewer than `limit` webhooks (removed ones aside, disabled ones counted) and none of them
   * to the same URL (as checkWebhookUrl stores it).
   */
  insert(webhook: Webhook, secret: string, rule: { limit: number }): WriteOp[];
  remove(id: string, at: string): WriteOp[];
  /**
   * Disables the webhook because `delivery` got 410 Gone. Guarded: aborts the batch unless the
   * webhook is live and enabled and the delivery is still leased to `leaseOwner` (so it must come
   * before that delivery's outcome in the batch, which releases the lease).
   */
  disable(id: string, change: { at: string; reason: string; delivery: { id: string; leaseOwner: string } }): WriteOp[];
  /** Enables a disabled webhook again. Guarded: aborts the batch unless it was disabled (and not removed) and its partner is active. */
  enable(id: string): WriteOp[];
}

export interface DeliveryQuery {
  partnerId: string;
  status?: string;
  cursor?: string | null;
  limit: number;
}

/** A delivery claimed by one dispatcher run, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  attempts: number;
  webhookId: string;
  partnerId: string;
  url: string;
  secret: string;
  webhookDeleted: boolean;
  /** Disabled after a 410 Gone: a delivery still queued for it (one claimed meanwhile) is cancelled, not sent. */
  webhookDisabled: boolean;
  event: ChangeEvent;
}

export interface DeliveryOutcome {
  id: string;
  leaseOwner: string;
  status: 'pending' | 'delivered' | 'failed' | 'cancelled';
  attempts: number;
  nextAttemptAt: number;
  statusCode: number | null;
  error: string | null;
  at: string;
}

export interface DeliveryStore {
  get(id: string): Promise<(Delivery & { partnerId: string; eventSeq: number }) | null>;
  list(query: DeliveryQuery): Promise<Page<Delivery>>;
  /** Leases up to `limit` due deliveries to `owner` until `leaseUntil`; a lease that lapses (crash) is taken over. */
  claimDue(options: { owner: string; now: number; leaseUntil: number; limit: number }): Promise<ClaimedDelivery[]>;
  /** Earliest next attempt of a pending delivery (ms), or null when nothing is pending. */
  nextDueAt(): Promise<number | null>;
  record(outcome: DeliveryOutcome): WriteOp;
  /**
   * Cancels every pending delivery of the partner's webhooks (the partner is deactivated), with
   * `reason` as the delivery's last error. Releases their leases too, so an attempt in flight at
   * that moment records nothing: it was already on its way, but it is never retried.
   */
  cancelPendingOf(partnerId: string, at: string, reason: string): WriteOp;
  /** The same for one webhook (disabled after a 410 Gone): its pending deliveries are cancelled, leases released. */
  cancelPendingOfWebhook(webhookId: string, at: string, reason: string): WriteOp;
  replay(original: { id: string; webhookId: string; partnerId: string; eventSeq: number }, newId: string, now: number, at: string): WriteOp[];
}

/** What a webhook POST got back; never throws. */
export interface WebhookSendResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

export interface WebhookSender {
  send(request: { url: string; headers: Record<string, string>; body: string; timeoutMs: number }): Promise<WebhookSendResult>;
}

/** Short-lived access tokens signed by the registry (a JWT with its issuer key). */
export interface AccessTokenClaims {
  partnerId: string;
  clientId: string;
  scope: string;
  secretVersion: number;
}

export interface AccessTokenSigner {
  sign(claims: AccessTokenClaims, ttlSeconds: number): Promise<string>;
  /**
   * The claims of a valid token of ours; 'expired' for one of ours, signature intact, past its
   * exp (its holder only needs a new one); null for anything else (never throws).
   */
  verify(token: string): Promise<AccessTokenClaims | 'expired' | null>;
}

export interface DeclarationSummary {
  id: string;
  organizationId: string;
  status: Declaration['status'];
  validFrom: string | null;
  validUntil: string | null;
  publishedAt: string | null;
  updatedAt: string;
}

/** A declaration as one change left it (that change's audit entry), with the change's time. */
export interface DeclarationRecordAt extends Omit<DeclarationSummary, 'updatedAt'> {
  at: string;
}

/** An award's status as one change left it (that change's audit entry), with the change's time. */
export interface AwardRecordAt {
  id: string;
  at: string;
  status: AwardStatus;
}

export interface CredentialSummary {
  id: string;
  organizationId: string | null;
  subjectType: 'declaration' | 'award';
  subjectId: string;
  status: string;
  issuedAt: string;
}

/** Batched reads for lookups: each method issues a few IN (…) queries of at most 100 parameters (D1's limit). */
export interface LookupReader {
  organizationsByCorporateNumber(numbers: string[]): Promise<Organization[]>;
  organizationsByIds(ids: string[]): Promise<Organization[]>;
  credentialsByIds(ids: string[]): Promise<CredentialSummary[]>;
  declarationsOf(organizationIds: string[]): Promise<DeclarationSummary[]>;
  awardsOf(organizationIds: string[]): Promise<Award[]>;
  /** Current (not superseded) credentials of the organizations. */
  credentialsOf(organizationIds: string[]): Promise<CredentialSummary[]>;
  /** Each declaration as every change left it, oldest first (from the audit log, which every change writes in its batch). */
  declarationRecordsOf(declarationIds: string[]): Promise<DeclarationRecordAt[]>;
  /** Each award's status as every change left it, oldest first (from the audit log). */
  awardRecordsOf(awardIds: string[]): Promise<AwardRecordAt[]>;
}
