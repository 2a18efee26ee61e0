import { accountActorRef, type Account, type Passkey } from '../accounts/model.js';
import { checkPerson } from '../accounts/person-rules.js';
import { randomSecret, secretHash } from '../accounts/secrets.js';
import { ADMIN_TOKEN_ISSUER, isStaffRole, TOKEN_ADMINISTRATOR_NAME, STAFF_ROLE_LABELS, staffInvitationState, type StaffInvitation, type StaffRole } from '../accounts/staff.js';
import { isAdmin } from '../actor.js';
import { concurrentChange, conflict, DomainError, forbidden, invalid, notFound } from '../errors.js';
import type { Actor } from '../actor.js';
import type { AccountRepository, AuthFlowStore } from '../../ports/accounts.js';
import type { Repositories } from '../../ports/repositories.js';
import type { StaffRepository } from '../../ports/staff.js';
import { UniqueViolation, WriteConflict, type UnitOfWork, type WriteOp } from '../../ports/store.js';
import type { WebAuthnRelyingParty } from '../../ports/webauthn.js';
import { staffContext, type OidcIdentity } from './accounts.js';
import { auditEntry, type Clock, type RequestContext } from './context.js';
import { ceremonies, checkLabel, refused } from './passkeys.js';
import type { SessionService } from './sessions.js';
import { LastAdministratorWayIn, TokenAccountRemoved } from './tokens.js';
import type { ApiToken } from '../model.js';
import { invitationExists } from './invitations.js';

export interface StaffServiceDeps {
  accounts: AccountRepository;
  staff: StaffRepository;
  repos: Repositories;
  uow: UnitOfWork;
  clock: Clock;
  newId(): string;
  sessions: SessionService;
  flows: AuthFlowStore;
  rp: WebAuthnRelyingParty;
  /** PUBLIC_BASE_URL: invitation links point there. */
  baseUrl: string;
  ttlHours: number;
  /** Resolves a bearer token (the bootstrap administrator token) to an actor; throws 401 when unknown. */
  authenticateToken(secret: string): Promise<Actor>;
  /** The outbox ops of the invitation e-mail, committed with the invitation; absent until mail is wired (web-components.ts). */
  queueMail?(message: { to: string | null; name: string; url: string; expiresAt: string; role: StaffRole }): WriteOp[];
}

export interface StaffSignedIn {
  sessionId: string;
  account: Account;
}

const UNUSABLE: Record<'unknown' | 'expired' | 'used' | 'cancelled', { ja: string; en: string }> = {
  unknown: { ja: 'この招待リンクは見つかりません。', en: 'This invitation link does not exist.' },
  expired: { ja: 'この招待リンクは有効期限が切れています。事務局の管理者に新しいリンクを依頼してください。', en: 'This invitation link has expired. Ask an administrator of the secretariat for a new one.' },
  used: { ja: 'この招待リンクは既に使われています。登録済みの方はログインしてください。', en: 'This invitation link has already been used. If you registered, sign in.' },
  cancelled: {
    ja: 'この招待は事務局の管理者によって取り消されました。このリンクは使えません。心当たりがある場合は事務局の管理者にお問い合わせください。',
    en: 'This invitation was cancelled by an administrator of the secretariat; the link no longer works. If you expected it, contact an administrator of the secretariat.',
  },
};

/** A staff invitation link that cannot be used: 'unknown' answers 404, 'expired', 'used' and 'cancelled' 410. */
export class StaffInvitationUnusable extends DomainError {
  constructor(readonly state: 'unknown' | 'expired' | 'used' | 'cancelled') {
    super(state === 'unknown' ? 'not-found' : 'conflict', UNUSABLE[state].ja, UNUSABLE[state].en, [], { invitation: state });
  }
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const STAFF_MEMBER = { ja: '職員', en: 'Staff member' };
const FLOW_JOIN = 'staff-passkey-join';

const lastAdministrator = () =>
  conflict('最後の管理者は外せません。先に他の職員を管理者にしてください。', 'The last administrator cannot be removed or changed; make another staff member an administrator first.');

/** The token is right, but an administrator removed its account from the staff or gave it another role. */
const notAnAdministratorAnyMore = () =>
  new DomainError('forbidden', 'このトークンの管理者アカウントは、他の管理者によって職員から外されたか役割が変更されています。', 'The administrator account of this token was removed from the staff or given another role by another administrator.', [
    { field: 'token', ja: 'トークンは正しいですが、そのアカウントは管理者ではありません。他の管理者に確認してください。', en: 'The token is right, but its account is no longer an administrator. Ask another administrator.' },
  ]);

const refusedSignIn = () =>
  new DomainError('unauthenticated', 'ログインできませんでした。入力した内容を確認してください。', 'Signing in did not work. Check what you entered.', [
    { field: 'token', ja: '管理者トークンが正しくありません。', en: 'The administrator token is not valid.' },
  ]);

/**
 * The secretariat's staff: sign-in with the bootstrap administrator token, with the staff's own
 * OpenID Connect provider, or with a passkey registered through a one-time staff invitation; and
 * the administrators' management of staff (invite, change roles, remove). Every sign-in, refusal
 * and change is written to the audit log in the batch that makes it.
 */
export function createStaffService(deps: StaffServiceDeps) {
  const { accounts, staff, repos, uow, clock } = deps;
  const nowIso = () => clock.now().toISOString();
  const flows = ceremonies(deps.flows, clock);
  const audit = (ctx: RequestContext, at: string, action: string, entityId: string, before: unknown, after: unknown) =>
    repos.audit.append(auditEntry(ctx, at, { action, entityType: 'account', entityId, before, after }));

  async function refuse(method: string, reason: string, requestId: string | null, accountId = '-') {
    await uow.commit([audit({ actor: { role: 'public' }, requestId }, nowIso(), 'account.sign-in-refused', accountId, null, { method, reason })]);
  }

  /** Opens a session for a staff account, with its audit entry (and whatever else the sign-in writes). */
  async function open(account: Account, method: 'token' | 'oidc' | 'passkey', requestId: string | null, ops: WriteOp[], replacing?: string | null): Promise<StaffSignedIn> {
    const at = nowIso();
    const session = await deps.sessions.open(account.id, null, method);
    await uow.commit([
      ...ops,
      accounts.recordSignIn(account.id, at),
      ...session.ops,
      ...(replacing ? [deps.sessions.end(replacing)] : []),
      audit(staffContext(account, requestId), at, 'account.sign-in', account.id, null, { method }),
    ]);
    return { sessionId: session.id, account };
  }

  async function validInvitation(token: string): Promise<StaffInvitation> {
    if (!TOKEN.test(token)) throw new StaffInvitationUnusable('unknown');
    const invitation = await staff.invitation(await secretHash(token));
    if (!invitation) throw new StaffInvitationUnusable('unknown');
    const state = staffInvitationState(invitation, nowIso());
    if (state !== 'open') throw new StaffInvitationUnusable(state);
    return invitation;
  }

  /** A former staff member's account takes a new invitation: the role, the invitation's single use and the session in one batch. */
  async function rejoin(account: Account, invitation: StaffInvitation, at: string, requestId: string | null, replacing?: string | null): Promise<StaffSignedIn> {
    const rejoined: Account = { ...account, staffRole: invitation.role };
    try {
      return await open(rejoined, 'oidc', requestId, [
        ...staff.useInvitation(invitation.id, at, account.id),
        ...staff.restoreRole(account.id, invitation.role),
        audit(staffContext(rejoined, requestId), at, 'staff.join', account.id, null, { role: invitation.role, via: 'oidc', invitationId: invitation.id, rejoined: true }),
      ], replacing);
    } catch (error) {
      // The link used meanwhile, or the account given a role meanwhile (by another tab's join).
      if (error instanceof WriteConflict) throw new StaffInvitationUnusable('used');
      throw error;
    }
  }

  function requireAdministrator(ctx: RequestContext) {
    if (!isAdmin(ctx.actor)) throw forbidden();
  }

  return {
    /**
     * /admin/login with the bootstrap administrator token (REGISTRY_ADMIN_TOKEN, or another
     * administrator API token): the same token always opens the same administrator account, which
     * should then register a passkey. A wrong token is refused (and audited) like any sign-in.
     */
    async signInWithToken(secret: string, requestId: string | null, replacing?: string | null): Promise<StaffSignedIn> {
      let actor: Actor | null = null;
      try {
        actor = await deps.authenticateToken(secret);
      } catch (error) {
        if (error instanceof TokenAccountRemoved) {
          await refuse('token', 'account-not-administrator', requestId, error.accountId);
          throw notAnAdministratorAnyMore();
        }
        actor = null;
      }
      if (!actor || actor.role !== 'admin') {
        await refuse('token', actor ? 'not-an-administrator-token' : 'unknown-token', requestId);
        throw refusedSignIn();
      }
      const ops: WriteOp[] = [];
      let account = await accounts.findByOidcSubject(ADMIN_TOKEN_ISSUER, actor.tokenId);
      if (!account) {
        account = {
          id: deps.newId(), displayName: TOKEN_ADMINISTRATOR_NAME.ja, email: null, oidcIssuer: ADMIN_TOKEN_ISSUER, oidcSubject: actor.tokenId,
          createdAt: nowIso(), lastSignInAt: null, staffRole: 'administrator',
        };
        ops.push(accounts.insert(account), audit(staffContext(account, requestId), account.createdAt, 'staff.create', account.id, null, { role: 'administrator', via: 'admin-token' }));
      } else if (account.staffRole !== 'administrator') {
        // An administrator removed this account from the staff: the token alone does not bring it back.
        await refuse('token', 'account-not-administrator', requestId, account.id);
        throw notAnAdministratorAnyMore();
      }
      return open(account, 'token', requestId, ops, replacing);
    },

    /**
     * The staff's own OpenID Connect provider: an account already linked to this subject signs in;
     * with a valid staff invitation, the account is created (linked to the subject) and the
     * invitation used, in one batch; a former staff member's account takes its invited role back
     * the same way. Anyone else is refused: the provider vouching for a person does not make them staff.
     */
    async signInWithOidc(identity: OidcIdentity, invitationToken: string | null, requestId: string | null, replacing?: string | null): Promise<StaffSignedIn | null> {
      const existing = await accounts.findByOidcSubject(identity.issuer, identity.subject);
      if (existing?.staffRole) return open(existing, 'oidc', requestId, [], replacing);
      if (!invitationToken) {
        await refuse('staff-oidc', existing ? 'not-staff' : 'no-staff-account', requestId, existing?.id);
        return null;
      }
      const invitation = await validInvitation(invitationToken);
      const at = nowIso();
      // Removed from the staff earlier (the account stays, without a role): a new invitation brings
      // the same account back with the invited role, so its history remains one person's.
      if (existing) return rejoin(existing, invitation, at, requestId, replacing);
      const account: Account = {
        id: deps.newId(), displayName: identity.name?.trim() || invitation.name, email: identity.email ?? invitation.email,
        oidcIssuer: identity.issuer, oidcSubject: identity.subject, createdAt: at, lastSignInAt: null, staffRole: invitation.role,
      };
      try {
        return await open(account, 'oidc', requestId, [
          ...staff.useInvitation(invitation.id, at, account.id),
          accounts.insert(account),
          audit(staffContext(account, requestId), at, 'staff.join', account.id, null, { role: invitation.role, via: 'oidc', invitationId: invitation.id }),
        ], replacing);
      } catch (error) {
        if (error instanceof WriteConflict) throw new StaffInvitationUnusable('used');
        throw error;
      }
    },

    /** What a staff invitation link leads to (reads only). */
    async lookupInvitation(token: string): Promise<StaffInvitation> {
      return validInvitation(token);
    },

    /** Step 1 of joining the staff with a passkey: options for navigator.credentials.create(). */
    async startJoin(token: string): Promise<{ flowId: string; options: unknown }> {
      const invitation = await validInvitation(token);
      const accountId = deps.newId();
      const { options, challenge } = await deps.rp.registrationOptions({ userId: accountId, userName: invitation.email ?? invitation.name, userDisplayName: invitation.name, exclude: [] });
      return { flowId: await flows.start(FLOW_JOIN, { challenge, invitationId: invitation.id, accountId }), options };
    },

    /** Step 2: the invitation's single use, the account, its passkey and the session in one batch. */
    async finishJoin(input: { token: string; flowId: string | undefined; response: unknown; label?: unknown; lang: 'ja' | 'en'; requestId: string | null; replacing?: string | null }): Promise<StaffSignedIn> {
      const invitation = await validInvitation(input.token);
      const at = clock.now();
      const label = checkLabel(input.label, at, input.lang);
      if (label.problems.length > 0) throw invalid(label.problems);
      const flow = await flows.take<{ challenge: string; invitationId: string; accountId: string }>(FLOW_JOIN, input.flowId);
      if (!flow || flow.invitationId !== invitation.id) {
        await refuse('staff-passkey-register', flow ? 'flow-for-another-invitation' : 'no-flow', input.requestId);
        throw refused('register');
      }
      const verdict = await deps.rp.verifyRegistration({ response: input.response, expectedChallenge: flow.challenge });
      if (!verdict.ok) {
        await refuse('staff-passkey-register', verdict.reason, input.requestId);
        throw refused('register');
      }
      const atIso = at.toISOString();
      const account: Account = {
        id: flow.accountId, displayName: invitation.name, email: invitation.email, oidcIssuer: null, oidcSubject: null,
        createdAt: atIso, lastSignInAt: null, staffRole: invitation.role,
      };
      const passkey: Passkey = { ...verdict.credential, accountId: account.id, label: label.label, createdAt: atIso, lastUsedAt: atIso };
      const ctx = staffContext(account, input.requestId);
      try {
        return await open(account, 'passkey', input.requestId, [
          ...staff.useInvitation(invitation.id, atIso, account.id),
          accounts.insert(account),
          accounts.addPasskey(passkey),
          audit(ctx, atIso, 'staff.join', account.id, null, { role: invitation.role, via: 'invitation', invitationId: invitation.id }),
          audit(ctx, atIso, 'passkey.add', account.id, null, { passkeyId: passkey.id, label: passkey.label }),
        ], input.replacing);
      } catch (error) {
        if (error instanceof WriteConflict) throw new StaffInvitationUnusable('used');
        if (error instanceof UniqueViolation) throw refused('register');
        throw error;
      }
    },

    async list(ctx: RequestContext): Promise<Account[]> {
      if (ctx.actor.role !== 'admin') throw forbidden();
      return staff.list();
    },

    async openInvitations(ctx: RequestContext): Promise<StaffInvitation[]> {
      requireAdministrator(ctx);
      return staff.openInvitations(nowIso());
    },

    /** The latest invitations that no longer work (used, cancelled, expired): what became of a link someone asks about. */
    async closedInvitations(ctx: RequestContext, limit = 20): Promise<StaffInvitation[]> {
      requireAdministrator(ctx);
      return staff.closedInvitations(nowIso(), limit);
    },

    /** Administrators invite a person to the staff with a role; the link is shown once (and e-mailed when an address is given and mail is wired). */
    async invite(ctx: RequestContext, input: { name?: unknown; email?: unknown; role?: unknown }): Promise<{ invitation: StaffInvitation; url: string; mailed: boolean }> {
      requireAdministrator(ctx);
      const { person, problems } = checkPerson(input, { name: 'name', email: 'email' }, 'invitee');
      if (!isStaffRole(input.role)) problems.push({ field: 'role', ja: `役割は${Object.values(STAFF_ROLE_LABELS).map((l) => l.ja).join('・')}のいずれかです。`, en: 'role must be administrator, reviewer or viewer.' });
      if (!person || problems.length > 0) throw invalid(problems);
      const now = clock.now();
      // One open invitation per address: a reload or a second click must not make a second link
      // nor send a second e-mail. (A link without an address is not deduplicated.)
      const live = person.email ? await staff.openInvitationTo(person.email, now.toISOString()) : null;
      if (live) throw invitationExists(live);
      const token = randomSecret();
      const invitation: StaffInvitation = {
        id: deps.newId(), role: input.role as StaffRole, name: person.name, email: person.email,
        createdBy: ctx.actor.role === 'admin' ? ctx.actor.tokenId : 'unknown', createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + deps.ttlHours * 3_600_000).toISOString(), usedAt: null, usedBy: null, cancelledAt: null,
      };
      const url = `${deps.baseUrl}/admin/join/${token}`;
      const mailOps = deps.queueMail?.({ to: invitation.email, name: invitation.name, url, expiresAt: invitation.expiresAt, role: invitation.role }) ?? [];
      try {
        await uow.commit([
          ...staff.insertInvitation(invitation, await secretHash(token)),
          repos.audit.append(auditEntry(ctx, invitation.createdAt, { action: 'staff.invite', entityType: 'staff-invitation', entityId: invitation.id, before: null, after: { role: invitation.role, name: invitation.name, email: invitation.email, expiresAt: invitation.expiresAt } })),
          ...mailOps,
        ]);
      } catch (error) {
        // The same invitation made at the same moment committed first: nothing of this one was written, its e-mail included.
        if (!(error instanceof WriteConflict) || !invitation.email) throw error;
        const winner = await staff.openInvitationTo(invitation.email, clock.now().toISOString());
        throw winner ? invitationExists(winner) : concurrentChange();
      }
      return { invitation, url, mailed: mailOps.length > 0 };
    },

    /** Changes a staff member's role; the last administrator stays one. Their sessions end, so the new role applies at once. */
    async setRole(ctx: RequestContext, accountId: string, role: unknown): Promise<void> {
      requireAdministrator(ctx);
      if (!isStaffRole(role)) throw invalid([{ field: 'role', ja: '役割を選んでください。', en: 'Choose a role.' }]);
      const before = await accounts.get(accountId);
      if (!before?.staffRole) throw notFound(STAFF_MEMBER);
      if (before.staffRole === role) return;
      const at = nowIso();
      // No longer an administrator: what only an administrator could hold goes (withdrawnReach).
      const demoted = before.staffRole === 'administrator' ? (await withdrawnReach(ctx, before, at, 'sentByDemoted')).reach : null;
      await commitGuarded([
        ...(before.staffRole === 'administrator' ? staff.keepAnotherAdministrator(accountId) : []),
        ...staff.setRole(accountId, role),
        deps.sessions.endAllFor(accountId),
        audit(ctx, at, 'staff.role', accountId, { role: before.staffRole }, { role }),
        ...(demoted?.ops ?? []),
      ], before.staffRole === 'administrator');
    },

    /** Removes a person from the staff: they can no longer sign in to the back office; their sessions end now. */
    /** An open invitation sent to the wrong person, or no longer wanted: its link stops working at once. */
    async cancelInvitation(ctx: RequestContext, invitationId: string): Promise<void> {
      requireAdministrator(ctx);
      const at = nowIso();
      const open = (await staff.openInvitations(at)).find((i) => i.id === invitationId);
      if (!open) throw notFound({ ja: '未使用の招待', en: 'Open invitation' });
      try {
        await uow.commit([
          ...staff.cancelInvitation(invitationId, at),
          repos.audit.append(auditEntry(ctx, at, { action: 'staff.invitation-cancel', entityType: 'staff-invitation', entityId: invitationId, before: { role: open.role, name: open.name, expiresAt: open.expiresAt }, after: null })),
        ]);
      } catch (error) {
        // Used or expired meanwhile.
        if (error instanceof WriteConflict) throw notFound({ ja: '未使用の招待', en: 'Open invitation' });
        throw error;
      }
    },

    /**
     * Back-office accounts of administrator tokens revoked before revoking a token closed its
     * account too: still on the staff, perhaps with passkeys someone holding the token registered.
     * Not closed by a migration: one may be how an administrator signs in now.
     */
    async revokedTokenAccounts(ctx: RequestContext): Promise<{ token: ApiToken; accountId: string; passkeys: number }[]> {
      requireAdministrator(ctx);
      return repos.tokens.revokedWithOpenAccount();
    },

    /**
     * Closes such an account as revoking its token now would have: it leaves the staff, its
     * passkeys go and its sessions end, in one batch; refused (409, LastAdministratorWayIn) while
     * it is the last way an administrator can sign in.
     */
    async closeRevokedTokenAccount(ctx: RequestContext, accountId: string): Promise<void> {
      requireAdministrator(ctx);
      const stale = (await repos.tokens.revokedWithOpenAccount()).find((s) => s.accountId === accountId);
      if (!stale) throw notFound({ ja: '取り消し済みトークンのアカウント', en: 'Account of a revoked token' });
      const tokenId = stale.token.id;
      if (!(await repos.tokens.otherAdministratorWayIn([tokenId]))) throw new LastAdministratorWayIn('account');
      const opened = await repos.tokens.openedAccount(tokenId);
      const at = nowIso();
      try {
        await uow.commit([
          ...repos.tokens.keepOtherAdministratorWayIn([tokenId]),
          ...staff.setRole(accountId, null),
          ...repos.tokens.closeOpenedAccount(tokenId),
          deps.sessions.endAllFor(accountId),
          audit(ctx, at, 'staff.remove', accountId, { role: opened?.staffRole ?? null, tokenId, tokenRevokedAt: stale.token.revokedAt }, null),
          ...(opened?.passkeys ?? []).map((p) => audit(ctx, at, 'passkey.remove', accountId, { passkeyId: p.id, label: p.label }, null)),
        ]);
      } catch (error) {
        // Closed meanwhile, or the other way in went meanwhile.
        if (!(error instanceof WriteConflict)) throw error;
        throw (await repos.tokens.otherAdministratorWayIn([tokenId])) ? notFound(STAFF_MEMBER) : new LastAdministratorWayIn('account');
      }
    },

    /** The live administrator tokens this staff member issued in the back office: removing them from the staff revokes these too. */
    async issuedAdministratorTokens(ctx: RequestContext, accountId: string): Promise<ApiToken[]> {
      requireAdministrator(ctx);
      const account = await accounts.get(accountId);
      if (!account?.staffRole) throw notFound(STAFF_MEMBER);
      return (await issuedBy(account)).adminTokens;
    },

    async remove(ctx: RequestContext, accountId: string): Promise<void> {
      requireAdministrator(ctx);
      const before = await accounts.get(accountId);
      if (!before?.staffRole) throw notFound(STAFF_MEMBER);
      const at = nowIso();
      // The administrator token that opened this account (signing in at /admin/login) is revoked
      // with it: it already answers 401 (TokenAccountRemoved), and token lists must not show it active.
      const { token, reach } = await withdrawnReach(ctx, before, at, 'sentByRemoved');
      const revokeToken = token && token.revokedAt === null
        ? [...repos.tokens.revoke(token.id, at), repos.audit.append(auditEntry(ctx, at, { action: 'token.revoke', entityType: 'token', entityId: token.id, before: token, after: { ...token, revokedAt: at } }))]
        : [];
      await commitGuarded([
        ...(before.staffRole === 'administrator' ? staff.keepAnotherAdministrator(accountId) : []),
        ...staff.setRole(accountId, null),
        deps.sessions.endAllFor(accountId),
        ...revokeToken,
        audit(ctx, at, 'staff.remove', accountId, { role: before.staffRole, name: before.displayName }, null),
        ...reach.ops,
      ], before.staffRole === 'administrator' || reach.guardsAdministrators);
    },
  };

  /**
   * What `account` sent and issued, under its own name and under the administrator token that
   * opened it (if any). `adminTokens`: the live administrator tokens it issued in the back office,
   * as this person; those its opening token minted through the API are that token's lineage, which
   * revoking the token handles (and names first: they may be a system's).
   */
  async function issuedBy(account: Account) {
    const token = account.oidcIssuer === ADMIN_TOKEN_ISSUER && account.oidcSubject ? await repos.tokens.get(account.oidcSubject) : null;
    const sent = await repos.tokens.createdBy([accountActorRef(account.id), ...(token ? [token.id] : [])]);
    const adminTokens: ApiToken[] = sent.tokens
      .filter((t) => t.role === 'admin' && t.revokedAt === null && t.createdBy === accountActorRef(account.id))
      .map(({ createdBy: _, ...t }) => t);
    return { token, sent, adminTokens };
  }

  /**
   * What an administrator's hands held, taken back when they leave the staff or stop being an
   * administrator (`reason` names which in the audit entries):
   * - the administrator tokens they issued: each secret was shown once, to this person, and left
   *   them a full administrator afterwards (the API, and /admin/login opening a new account). As
   *   when such a token is revoked, the account it opened leaves the staff and loses its passkeys.
   *   Organization tokens stay: made for an organization, they reach no further than it;
   * - the invitations they sent that are still open, staff and organizations': their links were in
   *   this person's hands. Used ones stay (whoever joined is on their own).
   * Refused (lastAdministrator) when no other administrator way in would remain.
   */
  async function withdrawnReach(ctx: RequestContext, account: Account, at: string, reason: 'sentByRemoved' | 'sentByDemoted') {
    const { token, sent, adminTokens } = await issuedBy(account);
    const issued = await Promise.all(adminTokens.map(async (t) => ({ token: t, opened: await repos.tokens.openedAccount(t.id) })));
    const closedAccounts = [account.id, ...issued.flatMap(({ opened }) => (opened?.staffRole ? [opened.id] : []))];
    const wayInTokens = [...(token && reason === 'sentByRemoved' ? [token.id] : []), ...adminTokens.map((t) => t.id)];
    if (adminTokens.length > 0 && !(await repos.tokens.otherAdministratorWayIn(wayInTokens, closedAccounts))) throw lastAdministrator();
    const open = sent.invitations.filter((i) => staffInvitationState(i, at) === 'open');
    const openToOrganizations = sent.organizationInvitations.filter((i) => !i.usedAt && i.expiresAt > at);
    const ops: WriteOp[] = [
      ...(adminTokens.length > 0 ? repos.tokens.keepOtherAdministratorWayIn(wayInTokens, closedAccounts) : []),
      ...issued.flatMap(({ token: t, opened }) => [
        ...repos.tokens.revoke(t.id, at),
        ...(opened ? repos.tokens.closeOpenedAccount(t.id) : []),
        repos.audit.append(auditEntry(ctx, at, { action: 'token.revoke', entityType: 'token', entityId: t.id, before: t, after: { ...t, revokedAt: at, [reason]: account.id } })),
        ...(opened?.staffRole ? [audit(ctx, at, 'staff.remove', opened.id, { role: opened.staffRole, tokenId: t.id }, null)] : []),
        ...(opened?.passkeys ?? []).map((p) => audit(ctx, at, 'passkey.remove', opened!.id, { passkeyId: p.id, label: p.label }, null)),
      ]),
      ...open.flatMap((i) => [
        ...staff.cancelInvitation(i.id, at),
        repos.audit.append(auditEntry(ctx, at, { action: 'staff.invitation-cancel', entityType: 'staff-invitation', entityId: i.id, before: { role: i.role, name: i.name, expiresAt: i.expiresAt, [reason]: account.id }, after: null })),
      ]),
      ...openToOrganizations.flatMap((i) => [
        ...repos.tokens.cancelOrganizationInvitation(i.organizationId, i.id, at),
        repos.audit.append(auditEntry(ctx, at, { action: 'invitation.cancel', entityType: 'organization', entityId: i.organizationId, before: { invitationId: i.id, role: i.role, email: i.email, expiresAt: i.expiresAt, [reason]: account.id }, after: null })),
      ]),
    ];
    return { token, reach: { ops, guardsAdministrators: adminTokens.length > 0 } };
  }

  async function commitGuarded(ops: WriteOp[], guardsLastAdministrator: boolean) {
    try {
      await uow.commit(ops);
    } catch (error) {
      if (error instanceof WriteConflict) throw guardsLastAdministrator ? lastAdministrator() : notFound(STAFF_MEMBER);
      throw error;
    }
  }
}

export type StaffService = ReturnType<typeof createStaffService>;
