import { isAdmin } from '../actor.js';
import { concurrentChange, conflict, DomainError, forbidden, invalid, unauthenticated } from '../errors.js';
import { findSameName } from '../name-key.js';
import { unreadableText } from '../readable-text.js';
import type { Partner, PartnerKind, PartnerUsageDay } from '../partners/model.js';
import type { AuditRepository } from '../../ports/repositories.js';
import type { AccessTokenSigner, DeliveryStore, PartnerRepository } from '../../ports/partners.js';
import { WriteConflict, type UnitOfWork } from '../../ports/store.js';
import { auditEntry, type Clock, type RequestContext } from './context.js';
import { constantTimeEqual, generateToken, hashToken } from './tokens.js';

export const ACCESS_TOKEN_TTL_SECONDS = 600;
export const PARTNER_SCOPE = 'lookup';
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
const PARTNER = { ja: 'パートナー', en: 'Partner' };
/** No partner has this id (or it is not one): the problem names the path parameter, as a client wrote it. */
const partnerNotFound = () =>
  new DomainError('not-found', `${PARTNER.ja}が見つかりません。`, `${PARTNER.en} not found.`, [
    { field: 'partnerId', ja: 'partnerId: このIDのパートナーは登録されていません。', en: 'partnerId: no partner has this id.' },
  ]);
/** A rotation posted from a page shown before the latest one (sent again, or rotated by someone else meanwhile). */
const rotatedSinceShown = () =>
  conflict(
    'このページを開いた後に、シークレットは既に再発行されています。何も変更していません。最後に再発行した画面で控えたシークレットが使えます。さらに再発行するときは、このページでもう一度ボタンを押してください。',
    'The secret was already reissued after this page was opened. Nothing was changed: the secret shown when it was last issued is the one that works. To issue another, press the button on this page again.',
  );
export const DEACTIVATION_REASON_LIMIT = 500;
/** The last error of a delivery cancelled because its partner was deactivated (in the delivery log). */
export const DEACTIVATED_DELIVERY_ERROR = 'partner deactivated';

/**
 * Another partner already has this name, as nameKey compares them: 409 beside /name, naming the
 * registered one as it is written (which may differ from what was typed); `existingPartner` is its id and name.
 */
const sameName = (existing: Partner, typed: string) => {
  const alike = existing.name === typed ? { ja: '', en: '' } : { ja: '（見えない文字・全角と半角・大文字と小文字の違いを除くと同じ名称です）', en: ' (the same name once invisible characters, full-width and half-width forms and capitals are set aside)' };
  return new DomainError(
    'conflict',
    `「${existing.name}」は既に登録されています。`,
    `“${existing.name}” is already registered.`,
    [{ field: '/name', ja: `「${existing.name}」は既に登録されています（クライアントID: ${existing.clientId}）${alike.ja}。同じパートナーなら登録済みのものを開いてください。別の相手なら名称を区別してください。`, en: `“${existing.name}” is already registered (client ID: ${existing.clientId})${alike.en}. Open it if it is the same partner; otherwise use a name that tells them apart.` }],
    { existingPartner: { id: existing.id, name: existing.name } },
  );
};
/** Registrations of other names committed between a distinct-name check and its insert: tries again this many times. */
const DISTINCT_NAME_ATTEMPTS = 3;

const alreadyDeactivated = () => conflict('このパートナーは既に停止しています。', 'The partner is already deactivated.', { currentStatus: 'deactivated' });
const notDeactivated = () => conflict('このパートナーは停止していません。', 'The partner is not deactivated.', { currentStatus: 'active' });

/** An access token of ours past its exp (401, invalid_token): say so, so the client fetches a new one instead of suspecting its credentials. */
const accessTokenExpired = () =>
  new DomainError(
    'unauthenticated',
    `アクセストークンの有効期限（${ACCESS_TOKEN_TTL_SECONDS / 60}分）が切れています。POST /oauth/token で新しいアクセストークンを取得してください。`,
    `The access token expired (they last ${ACCESS_TOKEN_TTL_SECONDS / 60} minutes): get a new one from POST /oauth/token.`,
  );

/** A deactivated partner's access token (401, invalid_token). */
const partnerDeactivated = () =>
  new DomainError('unauthenticated', 'このパートナーは事務局によって停止されています。アクセストークンは使えません。', 'This partner was deactivated by the secretariat; its access tokens no longer work.');

export interface PartnerInput {
  name: string;
  kind: PartnerKind;
  rateLimitPerMinute?: number;
}

export interface PartnerServiceDeps {
  partners: PartnerRepository;
  /** The webhook outbox: deactivating a partner cancels its pending deliveries in the same batch. */
  deliveries: DeliveryStore;
  audit: AuditRepository;
  accessTokens: AccessTokenSigner;
  uow: UnitOfWork;
  clock: Clock;
  newId(): string;
}

const clientIdOf = () => `ptn_${generateToken().slice(4, 26)}`;
const day = (date: Date) => date.toISOString().slice(0, 10);

/** Partners as OAuth 2.0 confidential clients: registration, secret rotation, tokens, usage. */
export function createPartnerService(deps: PartnerServiceDeps) {
  const { partners, uow, clock } = deps;
  const audit = (ctx: RequestContext, action: string, partner: Partner) =>
    deps.audit.append(auditEntry(ctx, partner.secretRotatedAt, { action: `partner.${action}`, entityType: 'partner', entityId: partner.id, before: null, after: partner }));

  /** Each partner with its requests per UTC day over the last `days` days (today included). */
  async function withUsage(list: Partner[], days: number): Promise<(Partner & { usage: PartnerUsageDay[] })[]> {
    const since = day(new Date(clock.now().getTime() - (days - 1) * 86_400_000));
    const usage = await partners.usage(list.map((p) => p.id), since);
    return list.map((p) => ({ ...p, usage: usage.get(p.id) ?? [] }));
  }

  return {
    /**
     * Registers a partner; the client secret is returned once and only its hash is kept. Refused
     * (sameName, 409) when a partner, active or deactivated, has the name as nameKey reads it: from
     * the back office and the API alike, since two partners of one name cannot be told apart in the
     * list, the audit log or a delivery log, and a retried registration would hold two live secrets.
     * The insert itself checks that no partner was registered since the list was read, so two posts
     * at the same moment (a double click, two administrators) cannot both pass the check.
     */
    async register(ctx: RequestContext, input: PartnerInput): Promise<{ partner: Partner; clientSecret: string }> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const now = clock.now().toISOString();
      const clientSecret = generateToken();
      const partner: Partner = {
        id: deps.newId(),
        name: input.name.trim(),
        kind: input.kind,
        clientId: clientIdOf(),
        rateLimitPerMinute: input.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
        secretVersion: 1,
        createdAt: now,
        secretRotatedAt: now,
        deactivatedAt: null,
        deactivationReason: null,
      };
      const secretHash = await hashToken(clientSecret);
      for (let attempt = 1; ; attempt++) {
        const held = await partners.list();
        const existing = findSameName(held, partner.name);
        if (existing) throw sameName(existing, partner.name);
        try {
          await uow.commit([...partners.insert(partner, secretHash, { held: held.length }), audit(ctx, 'create', partner)]);
          return { partner, clientSecret };
        } catch (error) {
          // Another partner was registered since the list was read: read it again (it may be this name).
          if (!(error instanceof WriteConflict)) throw error;
          if (attempt === DISTINCT_NAME_ATTEMPTS) throw concurrentChange();
        }
      }
    },

    /**
     * A new secret; the old one and every access token issued under it stop working at once.
     * Allowed while the partner is deactivated: after a leak, the secretariat deactivates, issues a
     * new secret and reactivates, so the leaked one never works again.
     *
     * `shownVersion`: the secret's version the back office's page showed. The same post sent again
     * (a reload of the page showing the new secret, the back button) finds a newer one and is
     * refused, so the secret just shown and handed over is not replaced unseen.
     */
    async rotateSecret(ctx: RequestContext, id: string, shownVersion?: number): Promise<{ partner: Partner; clientSecret: string }> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const before = await partners.get(id);
      if (!before) throw partnerNotFound();
      if (shownVersion !== undefined && shownVersion !== before.secretVersion) throw rotatedSinceShown();
      const clientSecret = generateToken();
      const partner: Partner = { ...before, secretVersion: before.secretVersion + 1, secretRotatedAt: clock.now().toISOString() };
      try {
        await uow.commit([...partners.rotateSecret(id, before.secretVersion, await hashToken(clientSecret), partner.secretRotatedAt), audit(ctx, 'rotate-secret', partner)]);
      } catch (error) {
        if (error instanceof WriteConflict) throw shownVersion === undefined ? concurrentChange() : rotatedSinceShown();
        throw error;
      }
      return { partner, clientSecret };
    },

    /**
     * Deactivates a partner, with the reason: in one batch with its audit entry, the partner can no
     * longer obtain access tokens (invalid_client), those it holds are refused from the next request
     * (401 invalid_token: authenticate reads the partner every time), and its webhooks' pending
     * deliveries are cancelled (status cancelled, last error "partner deactivated"; a delivery
     * already on its way is not retried). While it stays deactivated, no delivery is queued for
     * it. They are not sent later: once reactivated, the partner catches up from the change feed
     * (GET /api/v1/changes?after=its last cursor), or the secretariat replays chosen deliveries.
     */
    async deactivate(ctx: RequestContext, id: string, input: { reason?: unknown }): Promise<Partner> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
      if (reason === '' || reason.length > DEACTIVATION_REASON_LIMIT) {
        throw invalid([{ field: '/reason', ja: `停止の理由を入力してください（${DEACTIVATION_REASON_LIMIT}文字以内）。`, en: `Enter the reason for deactivating (up to ${DEACTIVATION_REASON_LIMIT} characters).` }]);
      }
      // Kept in the audit log and on the partner's page: readable text only, as every record's.
      const unreadable = unreadableText(reason, '/reason', { ja: '停止の理由', en: 'Reason' });
      if (unreadable) throw invalid([unreadable]);
      const before = await partners.get(id);
      if (!before) throw partnerNotFound();
      if (before.deactivatedAt) throw alreadyDeactivated();
      const at = clock.now().toISOString();
      const after: Partner = { ...before, deactivatedAt: at, deactivationReason: reason };
      try {
        await uow.commit([
          ...partners.setDeactivated(id, { at, reason }),
          deps.deliveries.cancelPendingOf(id, at, DEACTIVATED_DELIVERY_ERROR),
          deps.audit.append(auditEntry(ctx, at, { action: 'partner.deactivate', entityType: 'partner', entityId: id, before, after })),
        ]);
      } catch (error) {
        if (error instanceof WriteConflict) throw alreadyDeactivated();
        throw error;
      }
      return after;
    },

    /**
     * Reactivates a deactivated partner: its client secret (unchanged) obtains tokens again, and
     * its webhooks receive the events that happen from now on (not those it missed: see deactivate).
     */
    async reactivate(ctx: RequestContext, id: string): Promise<Partner> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const before = await partners.get(id);
      if (!before) throw partnerNotFound();
      if (!before.deactivatedAt) throw notDeactivated();
      const at = clock.now().toISOString();
      const after: Partner = { ...before, deactivatedAt: null, deactivationReason: null };
      try {
        await uow.commit([
          ...partners.setDeactivated(id, null),
          deps.audit.append(auditEntry(ctx, at, { action: 'partner.reactivate', entityType: 'partner', entityId: id, before, after })),
        ]);
      } catch (error) {
        if (error instanceof WriteConflict) throw notDeactivated();
        throw error;
      }
      return after;
    },

    async list(ctx: RequestContext, { days = 7 }: { days?: number } = {}): Promise<(Partner & { usage: PartnerUsageDay[] })[]> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      return withUsage(await partners.list(), days);
    },

    /** One partner as list shows it; for whoever may list them (administrators), never for a partner itself. */
    async get(ctx: RequestContext, id: string, { days = 7 }: { days?: number } = {}): Promise<Partner & { usage: PartnerUsageDay[] }> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const partner = await partners.get(id);
      if (!partner) throw partnerNotFound();
      const [withDays] = await withUsage([partner], days);
      return withDays!;
    },

    /** Client authentication for the token endpoint; null when the id or secret is wrong (the caller refuses a deactivated partner). */
    async authenticateClient(clientId: string, secret: string): Promise<Partner | null> {
      const hash = await hashToken(secret);
      const found = await partners.findByClientId(clientId);
      if (!found || !constantTimeEqual(found.secretHash, hash)) return null;
      const { secretHash: _hidden, ...partner } = found;
      return partner;
    },

    async issueAccessToken(partner: Partner): Promise<{ accessToken: string; expiresIn: number; scope: string }> {
      const accessToken = await deps.accessTokens.sign(
        { partnerId: partner.id, clientId: partner.clientId, scope: PARTNER_SCOPE, secretVersion: partner.secretVersion },
        ACCESS_TOKEN_TTL_SECONDS,
      );
      return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, scope: PARTNER_SCOPE };
    },

    /** Resolves a partner access token (401 when invalid, expired, issued before a rotation, or its partner is deactivated). */
    async authenticate(token: string): Promise<Partner> {
      const claims = await deps.accessTokens.verify(token);
      if (claims === 'expired') throw accessTokenExpired();
      if (!claims || claims.scope !== PARTNER_SCOPE) throw unauthenticated();
      const partner = await partners.get(claims.partnerId);
      if (!partner || partner.secretVersion !== claims.secretVersion) throw unauthenticated();
      if (partner.deactivatedAt) throw partnerDeactivated();
      return partner;
    },

    /** Persists one served request in today's (UTC) usage row. */
    countRequest(partnerId: string): Promise<void> {
      return uow.commit([partners.countRequest(partnerId, day(clock.now()))]);
    },
  };
}

export type PartnerService = ReturnType<typeof createPartnerService>;
