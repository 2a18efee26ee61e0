import { isAdmin } from '../actor.js';
import { concurrentChange, forbidden, notFound, unauthenticated } from '../errors.js';
import type { Partner, PartnerKind, PartnerUsageDay } from '../partners/model.js';
import type { AuditRepository } from '../../ports/repositories.js';
import type { AccessTokenSigner, PartnerRepository } from '../../ports/partners.js';
import { WriteConflict, type UnitOfWork } from '../../ports/store.js';
import { auditEntry, type Clock, type RequestContext } from './context.js';
import { constantTimeEqual, generateToken, hashToken } from './tokens.js';

export const ACCESS_TOKEN_TTL_SECONDS = 600;
export const PARTNER_SCOPE = 'lookup';
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
const PARTNER = { ja: 'パートナー', en: 'Partner' };

export interface PartnerInput {
  name: string;
  kind: PartnerKind;
  rateLimitPerMinute?: number;
}

export interface PartnerServiceDeps {
  partners: PartnerRepository;
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

  return {
    /** Registers a partner; the client secret is returned once and only its hash is kept. */
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
      };
      await uow.commit([...partners.insert(partner, await hashToken(clientSecret)), audit(ctx, 'create', partner)]);
      return { partner, clientSecret };
    },

    /** A new secret; the old one and every access token issued under it stop working at once. */
    async rotateSecret(ctx: RequestContext, id: string): Promise<{ partner: Partner; clientSecret: string }> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const before = await partners.get(id);
      if (!before) throw notFound(PARTNER);
      const clientSecret = generateToken();
      const partner: Partner = { ...before, secretVersion: before.secretVersion + 1, secretRotatedAt: clock.now().toISOString() };
      try {
        await uow.commit([...partners.rotateSecret(id, before.secretVersion, await hashToken(clientSecret), partner.secretRotatedAt), audit(ctx, 'rotate-secret', partner)]);
      } catch (error) {
        if (error instanceof WriteConflict) throw concurrentChange();
        throw error;
      }
      return { partner, clientSecret };
    },

    async list(ctx: RequestContext, { days = 7 }: { days?: number } = {}): Promise<(Partner & { usage: PartnerUsageDay[] })[]> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const all = await partners.list();
      const since = day(new Date(clock.now().getTime() - (days - 1) * 86_400_000));
      const usage = await partners.usage(all.map((p) => p.id), since);
      return all.map((p) => ({ ...p, usage: usage.get(p.id) ?? [] }));
    },

    /** Client authentication for the token endpoint; null when the id or secret is wrong. */
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

    /** Resolves a partner access token (401 when invalid, expired, or issued before a rotation). */
    async authenticate(token: string): Promise<Partner> {
      const claims = await deps.accessTokens.verify(token);
      if (!claims || claims.scope !== PARTNER_SCOPE) throw unauthenticated();
      const partner = await partners.get(claims.partnerId);
      if (!partner || partner.secretVersion !== claims.secretVersion) throw unauthenticated();
      return partner;
    },

    /** Persists one served request in today's (UTC) usage row. */
    countRequest(partnerId: string): Promise<void> {
      return uow.commit([partners.countRequest(partnerId, day(clock.now()))]);
    },
  };
}

export type PartnerService = ReturnType<typeof createPartnerService>;
