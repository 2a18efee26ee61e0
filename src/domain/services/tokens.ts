import { isAdmin, type Actor } from '../actor.js';
import { conflict, DomainError, forbidden, invalid, notFound, unauthenticated } from '../errors.js';
import type { ApiToken, TokenRole } from '../model.js';
import { WriteConflict } from '../../ports/store.js';
import { auditEntry, type RequestContext, type ServiceDeps } from './context.js';
import { base64urlEncode, sha256Hex } from '../encoding.js';

/**
 * An administrator token whose back-office account was removed from the staff: the token no
 * longer works (401), as the account's sessions ended; another administrator can invite the
 * person again, or issue a new token.
 */
export class TokenAccountRemoved extends DomainError {
  constructor(readonly tokenId: string, readonly accountId: string) {
    super(
      'unauthenticated',
      'このトークンの管理者アカウントは職員から外されたため、トークンは使えません。他の管理者に確認してください。',
      'The administrator account of this token was removed from the staff, so the token no longer works. Ask another administrator.',
    );
  }
}

/**
 * Revoking this administrator token would leave no administrator able to sign in (no other live
 * administrator token, no other administrator account with a passkey or an OpenID Connect link).
 */
export class LastAdministratorWayIn extends DomainError {
  constructor() {
    super(
      'conflict',
      'このトークンを取り消すと、管理画面にログインできる管理者がいなくなるため、取り消せません。先に管理画面の「職員」（/admin/staff）から、ご自身を名前のある管理者として招待し、招待リンクからパスキーで参加してから取り消してください。',
      'Revoking this token would leave no administrator able to sign in, so it was not revoked. First invite yourself as a named staff administrator in the back office (Staff, /admin/staff), join through the invitation link with a passkey, then revoke the token.',
      [{ field: 'id', ja: '最後の管理者のログイン手段となるトークンです。', en: 'This token is the last way an administrator can sign in.' }],
      { reason: 'last-administrator' },
    );
  }
}

/**
 * The label the first administrator token is stored under: kept as it always was, since existing
 * databases hold it and API clients find the token by it (GET /api/v1/tokens).
 */
export const BOOTSTRAP_TOKEN_LABEL = 'bootstrap administrator';

/**
 * A token as pages name it: the bootstrap token by its role in the page's language (its stored
 * label is English, and read 「APIトークン「bootstrap administrator」」 on Japanese pages), any
 * other token by the label its creator gave it.
 */
export function tokenDisplayName(token: Pick<ApiToken, 'label' | 'organizationId'>, lang: 'ja' | 'en'): string {
  if (token.label === BOOTSTRAP_TOKEN_LABEL && token.organizationId === null) return lang === 'ja' ? '初期管理者トークン' : 'Bootstrap administrator token';
  return lang === 'ja' ? `APIトークン「${token.label}」` : `API token "${token.label}"`;
}

/** SHA-256 of the token, hex. Tokens carry 256 random bits, so a fast hash is enough (no salt needed). */
export function hashToken(token: string): Promise<string> {
  return sha256Hex(token);
}

/** Compares without an early exit, so timing says nothing about where two hashes differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

export function generateToken(): string {
  return `trr_${base64urlEncode(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/** Bearer tokens: random, stored only as hashes, revocable. */
export function createTokenService(deps: ServiceDeps) {
  const { repos, uow, clock } = deps;

  async function insert(ctx: RequestContext, token: ApiToken, secret: string) {
    const { id, role, organizationId, label, createdAt } = token;
    await uow.commit([
      ...repos.tokens.insert(token, await hashToken(secret)),
      repos.audit.append(auditEntry(ctx, createdAt, { action: 'token.create', entityType: 'token', entityId: id, before: null, after: { id, role, organizationId, label } })),
    ]);
  }

  return {
    /**
     * Resolves a bearer token to an actor; an unknown or revoked token is rejected (401).
     *
     * An administrator token that has opened a back-office account (signing in at /admin/login)
     * acts with that account's current staff role, read on every request: demoted to reviewer or
     * viewer, the token may do only what that role may; removed from the staff, the token stops
     * working (401, TokenAccountRemoved). A token that never signed in has no account to follow
     * and stays a full administrator.
     */
    async authenticate(secret: string | null): Promise<Actor> {
      if (secret === null) return { role: 'public' };
      const hash = await hashToken(secret);
      const token = await repos.tokens.findByHash(hash);
      if (!token || !constantTimeEqual(token.tokenHash, hash)) throw unauthenticated();
      const account = token.role === 'admin' ? token.staffAccount : null;
      // Removing the account revokes its token too; the refusal still says why.
      if (account && !account.staffRole) throw new TokenAccountRemoved(token.id, account.id);
      if (token.revokedAt !== null) throw unauthenticated();
      if (token.role !== 'admin') return { role: 'organization', tokenId: token.id, organizationId: token.organizationId! };
      if (!account?.staffRole) return { role: 'admin', tokenId: token.id };
      return { role: 'admin', tokenId: token.id, staffRole: account.staffRole };
    },

    async create(ctx: RequestContext, input: { role: TokenRole; organizationId?: string | null; label: string }): Promise<{ token: ApiToken; secret: string }> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      if (input.role === 'organization') {
        if (!input.organizationId) throw invalid([{ field: '/organizationId', ja: '団体トークンには organizationId が必要です。', en: 'organizationId is required for an organization token.' }]);
        if (!(await repos.organizations.get(input.organizationId))) throw invalid([{ field: '/organizationId', ja: '団体が見つかりません。', en: 'organizationId does not name a registered organization.' }]);
      } else if (input.organizationId) {
        throw invalid([{ field: '/organizationId', ja: '管理者トークンに organizationId は指定できません。', en: 'An admin token has no organizationId.' }]);
      }
      const secret = generateToken();
      const token: ApiToken = {
        id: deps.newId(),
        role: input.role,
        organizationId: input.role === 'organization' ? input.organizationId! : null,
        label: input.label.trim(),
        createdAt: clock.now().toISOString(),
        revokedAt: null,
      };
      await insert(ctx, token, secret);
      return { token, secret };
    },

    list(ctx: RequestContext): Promise<ApiToken[]> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      return repos.tokens.list();
    },

    /**
     * Revokes a token. An administrator token's back-office account goes with it, in the same
     * batch: its sessions end, it leaves the staff and its passkeys are removed, so whoever held a
     * leaked token and registered a passkey on its account keeps no way in. Refused (409,
     * LastAdministratorWayIn) when no administrator could sign in afterwards.
     */
    async revoke(ctx: RequestContext, id: string): Promise<ApiToken> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const before = await repos.tokens.get(id);
      if (!before) throw notFound({ ja: 'トークン', en: 'Token' });
      if (before.revokedAt) throw conflict('このトークンは既に取り消されています。', 'The token is already revoked.', { currentStatus: 'revoked' });
      const administrator = before.role === 'admin';
      if (administrator && !(await repos.tokens.otherAdministratorWayIn(id))) throw new LastAdministratorWayIn();
      const opened = administrator ? await repos.tokens.openedAccount(id) : null;
      const at = clock.now().toISOString();
      const audit = (action: string, entityType: string, entityId: string, was: unknown, after: unknown) =>
        repos.audit.append(auditEntry(ctx, at, { action, entityType, entityId, before: was, after }));
      try {
        await uow.commit([
          ...repos.tokens.revoke(id, at),
          ...(administrator ? repos.tokens.keepOtherAdministratorWayIn(id) : []),
          ...(opened ? repos.tokens.closeOpenedAccount(id) : []),
          audit('token.revoke', 'token', id, before, { ...before, revokedAt: at }),
          ...(opened?.staffRole ? [audit('staff.remove', 'account', opened.id, { role: opened.staffRole, tokenId: id }, null)] : []),
          ...(opened?.passkeys ?? []).map((p) => audit('passkey.remove', 'account', opened!.id, { passkeyId: p.id, label: p.label }, null)),
        ]);
      } catch (error) {
        // Revoked meanwhile, or the other way in went meanwhile (another revocation at once).
        if (error instanceof WriteConflict) throw (await repos.tokens.get(id))?.revokedAt ? conflict('このトークンは既に取り消されています。', 'The token is already revoked.') : new LastAdministratorWayIn();
        throw error;
      }
      return { ...before, revokedAt: at };
    },

    /**
     * Makes sure an administrator can log in: registers REGISTRY_ADMIN_TOKEN if given (idempotent),
     * or, when no administrator exists yet, creates one and returns its secret to print once.
     */
    async bootstrapAdmin(configured: string | null): Promise<string | null> {
      const ctx: RequestContext = { actor: { role: 'system', process: 'bootstrap' }, requestId: null };
      const token: ApiToken = { id: deps.newId(), role: 'admin', organizationId: null, label: BOOTSTRAP_TOKEN_LABEL, createdAt: clock.now().toISOString(), revokedAt: null };
      if (configured) {
        if (!(await repos.tokens.findByHash(await hashToken(configured)))) await insert(ctx, token, configured);
        return null;
      }
      if ((await repos.tokens.countActiveAdmins()) > 0) return null;
      const secret = generateToken();
      await insert(ctx, token, secret);
      return secret;
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
