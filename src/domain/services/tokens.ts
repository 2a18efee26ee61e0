import { isAdmin, type Actor } from '../actor.js';
import { accountActorRef } from '../accounts/model.js';
import { concurrentChange, conflict, DomainError, forbidden, invalid, notFound, unauthenticated } from '../errors.js';
import type { ApiToken, TokenRole } from '../model.js';
import { WriteConflict, type WriteOp } from '../../ports/store.js';
import { creationsOf, type CreatedInvitation, type CreatedOrganizationInvitation, type Creations } from './token-lineage.js';
import { CreatedChanged, reachIds } from './token-created-changed.js';
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
  /** `account`: closing the back-office account of a token revoked earlier (StaffService.closeRevokedTokenAccount). */
  constructor(what: 'token' | 'account' = 'token') {
    super(
      'conflict',
      what === 'token'
        ? 'このトークンを取り消すと、管理画面にログインできる管理者がいなくなるため、取り消せません。先に管理画面の「職員」（/admin/staff）から、ご自身を名前のある管理者として招待し、招待リンクからパスキーで参加してから取り消してください。'
        : 'このアカウントを閉じると、管理画面にログインできる管理者がいなくなるため、閉じられません。先に管理画面の「職員」（/admin/staff）から、ご自身を名前のある管理者として招待し、招待リンクからパスキーで参加してから閉じてください。',
      what === 'token'
        ? 'Revoking this token would leave no administrator able to sign in, so it was not revoked. First invite yourself as a named staff administrator in the back office (Staff, /admin/staff), join through the invitation link with a passkey, then revoke the token.'
        : 'Closing this account would leave no administrator able to sign in, so it was not closed. First invite yourself as a named staff administrator in the back office (Staff, /admin/staff), join through the invitation link with a passkey, then close the account.',
      what === 'token'
        ? [{ field: 'id', ja: '最後の管理者のログイン手段となるトークンです。', en: 'This token is the last way an administrator can sign in.' }]
        : [{ field: 'accountId', ja: '最後の管理者のログイン手段となるアカウントです。', en: 'This account is the last way an administrator can sign in.' }],
      { reason: 'last-administrator' },
    );
  }
}

/**
 * A revoked token, the open staff invitations it had sent (cancelled with it), and what it made
 * (see creationsOf): revoked or removed with it when asked (revokeCreated), else still live.
 */
export type TokenRevocation = ApiToken & { cancelledInvitations: CreatedInvitation[]; cancelledOrganizationInvitations: CreatedOrganizationInvitation[]; created: Creations };

/** What revoking a token would do (TokenService.previewRevocation); `lastWayIn`: refused (LastAdministratorWayIn) without, and with, revokeCreated. */
export interface RevocationPreview {
  token: ApiToken;
  created: Creations;
  cancelledInvitations: CreatedInvitation[];
  cancelledOrganizationInvitations: CreatedOrganizationInvitation[];
  lastWayIn: { alone: boolean; withCreated: boolean };
  /** The ids of everything revokeCreated would revoke, remove or cancel: what the confirmation carries as expectCreated. */
  withCreated: string[];
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

  /** The token `id` and what it made, read once: both plans (with and without revokeCreated) choose from it. */
  async function lineageOf(id: string, at: string) {
    const before = await repos.tokens.get(id);
    if (!before) throw notFound({ ja: 'トークン', en: 'Token' });
    if (before.revokedAt) throw conflict('このトークンは既に取り消されています。', 'The token is already revoked.', { currentStatus: 'revoked' });
    const administrator = before.role === 'admin';
    const opened = administrator ? await repos.tokens.openedAccount(id) : null;
    const roots = [id, ...(opened ? [accountActorRef(opened.id)] : [])];
    const created: Creations = administrator ? await creationsOf(repos.tokens, roots, at) : { tokens: [], invitations: [], organizationInvitations: [], accounts: [] };
    return { id, before, administrator, roots, created };
  }

  /** What revoking the token would do (see revoke), with or without `all` it made: chosen, not read. */
  function plan({ id, before, administrator, roots, created }: Awaited<ReturnType<typeof lineageOf>>, all: boolean) {
    const cancelled = created.invitations.filter((i) => i.state === 'open' && (all || roots.includes(i.createdBy)));
    const cancelledMembers = created.organizationInvitations.filter((i) => i.state === 'open' && (all || roots.includes(i.createdBy)));
    const tokens = all ? created.tokens.filter((t) => t.revokedAt === null) : [];
    const removed = all ? created.accounts.filter((a) => a.staffRole !== null) : [];
    const tokenIds = [id, ...tokens.filter((t) => t.role === 'admin').map((t) => t.id)];
    const accountIds = removed.map((a) => a.id);
    return { before, administrator, created, cancelled, cancelledMembers, tokens, removed, tokenIds, accountIds };
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

    get(ctx: RequestContext, id: string): Promise<ApiToken | null> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      return repos.tokens.get(id);
    },

    /** Who minted each token, as its token.create entry names the actor (null: the system, e.g. the bootstrap token). */
    async creators(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, string | null>> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      return repos.tokens.creatorsOf(ids);
    },

    /**
     * What revoking the token would do, asked before it is done: the open invitations it sent
     * (cancelled with it), what it made (revoked too only with `revokeCreated`), and whether each
     * choice would be refused as the last way an administrator signs in. 409 when already revoked.
     */
    async previewRevocation(ctx: RequestContext, id: string): Promise<RevocationPreview> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const at = clock.now().toISOString();
      const lineage = await lineageOf(id, at);
      const [only, all] = [plan(lineage, false), plan(lineage, true)];
      const refused = async (p: typeof only) => p.administrator && !(await repos.tokens.otherAdministratorWayIn(p.tokenIds, p.accountIds));
      return {
        token: only.before,
        created: only.created,
        cancelledInvitations: only.cancelled,
        cancelledOrganizationInvitations: only.cancelledMembers,
        lastWayIn: { alone: await refused(only), withCreated: await refused(all) },
        withCreated: reachIds({ tokens: all.tokens, accounts: all.removed, invitations: all.cancelled, organizationInvitations: all.cancelledMembers }),
      };
    },

    /**
     * Revokes a token. An administrator token's back-office account goes with it, in the same
     * batch: its sessions end, it leaves the staff and its passkeys are removed, so whoever held a
     * leaked token and registered a passkey on its account keeps no way in. Refused (409,
     * LastAdministratorWayIn) when no administrator could sign in afterwards.
     *
     * What the token made is dealt with too. The invitations it sent that are still open (to the
     * staff, or to an organization: the first to open that makes themselves its owner) are
     * cancelled at once: no one has joined through them, and a leaked token's holder may hold
     * their links. The tokens it minted and the accounts that joined through its invitations (and
     * what those made in turn) are named in the answer and stay, unless `revokeCreated`: a
     * legitimate administrator's token is also revoked when it is rotated, and revoking all it
     * ever made would lock their colleagues out. With `revokeCreated`, all of it goes in the same
     * batch (tokens revoked, accounts removed from the staff, every open invitation cancelled).
     *
     * `expectCreated` pins that set to what the caller saw (the confirmation page's list, or an API
     * client's ids): when the token has made anything else since, nothing is done (409,
     * CreatedChanged naming it), so nothing no one has seen is revoked. What was seen and is gone
     * since (revoked elsewhere, an invitation expired) does not stop the rest.
     */
    async revoke(ctx: RequestContext, id: string, options: { revokeCreated?: boolean; expectCreated?: readonly string[] } = {}): Promise<TokenRevocation> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const at = clock.now().toISOString();
      const { before, administrator, created, cancelled, cancelledMembers, tokens, removed, tokenIds, accountIds } = plan(await lineageOf(id, at), options.revokeCreated === true);
      if (options.revokeCreated && options.expectCreated) {
        const seen = new Set(options.expectCreated);
        const added = { tokens: tokens.filter((t) => !seen.has(t.id)), accounts: removed.filter((a) => !seen.has(a.id)), invitations: cancelled.filter((i) => !seen.has(i.id)), organizationInvitations: cancelledMembers.filter((i) => !seen.has(i.id)) };
        if (reachIds(added).length > 0) {
          const organizations = added.organizationInvitations.map((i) => i.organizationId);
          const names = organizations.length > 0 ? await repos.organizations.getMany(organizations) : [];
          throw new CreatedChanged(added, new Map(names.map((o) => [o.id, o.name])));
        }
      }
      if (administrator && !(await repos.tokens.otherAdministratorWayIn(tokenIds, accountIds))) throw new LastAdministratorWayIn();
      const audit = (action: string, entityType: string, entityId: string, was: unknown, after: unknown) =>
        repos.audit.append(auditEntry(ctx, at, { action, entityType, entityId, before: was, after }));
      const revokeOps = async (token: ApiToken): Promise<WriteOp[]> => {
        const account = token.role === 'admin' ? await repos.tokens.openedAccount(token.id) : null;
        return [
          ...repos.tokens.revoke(token.id, at),
          ...(account ? repos.tokens.closeOpenedAccount(token.id) : []),
          audit('token.revoke', 'token', token.id, token, { ...token, revokedAt: at }),
          ...(account?.staffRole ? [audit('staff.remove', 'account', account.id, { role: account.staffRole, tokenId: token.id }, null)] : []),
          ...(account?.passkeys ?? []).map((p) => audit('passkey.remove', 'account', account!.id, { passkeyId: p.id, label: p.label }, null)),
        ];
      };
      const createdTokenOps = await Promise.all(tokens.map(({ createdBy: _, ...t }) => revokeOps(t)));
      try {
        await uow.commit([
          ...(await revokeOps(before)),
          ...(administrator ? repos.tokens.keepOtherAdministratorWayIn(tokenIds, accountIds) : []),
          ...createdTokenOps.flat(),
          ...removed.flatMap((a) => [...repos.tokens.removeFromStaff(a.id), audit('staff.remove', 'account', a.id, { role: a.staffRole, name: a.name, invitedWithToken: id }, null)]),
          ...cancelled.flatMap((i) => [
            ...repos.tokens.cancelInvitation(i.id, at),
            audit('staff.invitation-cancel', 'staff-invitation', i.id, { role: i.role, name: i.name, expiresAt: i.expiresAt, sentWithToken: id }, null),
          ]),
          ...cancelledMembers.flatMap((i) => [
            ...repos.tokens.cancelOrganizationInvitation(i.organizationId, i.id, at),
            audit('invitation.cancel', 'organization', i.organizationId, { invitationId: i.id, role: i.role, email: i.email, expiresAt: i.expiresAt, sentWithToken: id }, null),
          ]),
        ]);
      } catch (error) {
        // Revoked meanwhile, the other way in gone meanwhile (another revocation at once), or what it made changed meanwhile.
        if (!(error instanceof WriteConflict)) throw error;
        if ((await repos.tokens.get(id))?.revokedAt) throw conflict('このトークンは既に取り消されています。', 'The token is already revoked.');
        throw (await repos.tokens.otherAdministratorWayIn(tokenIds, accountIds)) ? concurrentChange() : new LastAdministratorWayIn();
      }
      const revoked = new Set(tokens.map((t) => t.id));
      const gone = new Set(accountIds);
      const closed = new Set([...cancelled, ...cancelledMembers].map((i) => i.id));
      return {
        ...before,
        revokedAt: at,
        cancelledInvitations: cancelled.map((i) => ({ ...i, state: 'cancelled' })),
        cancelledOrganizationInvitations: cancelledMembers.map((i) => ({ ...i, state: 'expired', expiresAt: at })),
        created: {
          tokens: created.tokens.map((t) => (revoked.has(t.id) ? { ...t, revokedAt: at } : t)),
          invitations: created.invitations.map((i) => (closed.has(i.id) ? { ...i, state: 'cancelled' } : i)),
          organizationInvitations: created.organizationInvitations.map((i) => (closed.has(i.id) ? { ...i, state: 'expired', expiresAt: at } : i)),
          accounts: created.accounts.map((a) => (gone.has(a.id) ? { ...a, staffRole: null } : a)),
        },
      };
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
