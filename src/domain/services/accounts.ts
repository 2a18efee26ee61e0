import type { Account, Invitation, Membership, MemberRole } from '../accounts/model.js';
import { isAdmin } from '../actor.js';
import { accountActorRef } from '../accounts/model.js';
import { checkPerson } from '../accounts/person-rules.js';
import { conflict, forbidden, invalid, notFound } from '../errors.js';
import { isValidCorporateNumber, normalizeDigits } from '../identifiers.js';
import type { Organization } from '../model.js';
import { normalizeOrganization, type OrganizationInput } from '../organization-rules.js';
import { duplicateIdentifier, newOrganization } from './organizations.js';
import type { AccountRepository } from '../../ports/accounts.js';
import type { Repositories } from '../../ports/repositories.js';
import { UniqueViolation, WriteConflict, type UnitOfWork, type WriteOp } from '../../ports/store.js';
import { auditEntry, type Clock, type RequestContext } from './context.js';
import type { SessionService } from './sessions.js';

/** What an OpenID Connect provider vouched for, after the ID token and userinfo were validated. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  name: string | null;
  /** The 法人番号 claim (GビズID carries the account's company), if any. */
  corporateNumber: string | null;
  /**
   * The account type claim (OIDC_ACCOUNT_TYPE_CLAIM; GビズID: Entry, Prime or Member), as text;
   * null when the claim is not configured or the account carries none.
   */
  accountType: string | null;
}

export type SignInOutcome =
  | { kind: 'signed-in'; sessionId: string; account: Account; organization: Organization | null }
  /** The provider vouched for the person, but no registered organization matches them. */
  | { kind: 'no-organization'; corporateNumber: string | null }
  /** An owner or administrator removed this account from the organization its claim names; only a new invitation lets it back. */
  | { kind: 'removed'; organization: Organization }
  /** The account's type (OIDC_TRUSTED_ACCOUNT_TYPES) may not join a company by its 法人番号 alone: a GビズID Entry account, whose 法人番号 is self-declared. */
  | { kind: 'untrusted-account-type'; organization: Organization };

export interface AccountServiceDeps {
  accounts: AccountRepository;
  repos: Repositories;
  uow: UnitOfWork;
  clock: Clock;
  newId(): string;
  sessions: SessionService;
  /**
   * The account types whose 法人番号 is trusted to register a company or to join one
   * (OIDC_TRUSTED_ACCOUNT_TYPES); null (the default): every account's, the type is not checked.
   */
  trustedAccountTypes?: readonly string[] | null;
}

const ORGANIZATION = { ja: '団体', en: 'Organization' };
const MEMBER = { ja: 'メンバー', en: 'Member' };

/** The name an account of GビズID's takes: its name, else its e-mail address, else its subject. */
const displayNameOf = (identity: OidcIdentity) => identity.name?.trim() || identity.email || identity.subject;

/**
 * The `via` of the audit entries of a company that registered itself with GビズID: its
 * organization.create and its owner's member.join (the back office says both in words).
 */
export const SELF_REGISTRATION_VIA = { organization: 'gbizid-self-registration', member: 'oidc-self-registration' } as const;

/** What a company registering itself with GビズID types: everything but its kind and identifiers (GビズID's 法人番号). */
export type SelfRegistrationInput = Omit<OrganizationInput, 'kind' | 'corporateNumber' | 'localGovernmentCode'>;

/** The context for audit entries of an account acting through a session. */
export const accountContext = (accountId: string, organizationId: string, requestId: string | null, memberRole?: MemberRole): RequestContext => ({
  actor: { role: 'organization', tokenId: accountActorRef(accountId), organizationId, accountId, memberRole },
  requestId,
});

/** The context for audit entries of a staff member acting through a session. */
export const staffContext = (account: Pick<Account, 'id' | 'staffRole'>, requestId: string | null): RequestContext => ({
  actor: { role: 'admin', tokenId: accountActorRef(account.id), accountId: account.id, staffRole: account.staffRole ?? 'viewer' },
  requestId,
});

const lastOwner = () =>
  conflict('最後の管理者は削除できません。先に、管理者の役割で新しいメンバーを招待し、参加してもらってください。', 'The last owner cannot be removed; first invite someone with the owner role and let them join.');

/**
 * Accounts and memberships: who may act for which organization on the web. Every sign-in,
 * refused sign-in and member change is written to the audit log in the batch that makes it.
 */
export function createAccountService(deps: AccountServiceDeps) {
  const { accounts, repos, uow, clock } = deps;
  const nowIso = () => clock.now().toISOString();
  const trusted = deps.trustedAccountTypes ?? null;

  /** Whether the provider's account type lets its 法人番号 speak for the company: always when no types are configured. */
  const trustsAccountType = (identity: Pick<OidcIdentity, 'accountType'>) =>
    trusted === null || (identity.accountType !== null && trusted.includes(identity.accountType));

  /** The organization a session should act for: the one asked for if the account is a member, else its first. */
  async function organizationFor(accountId: string, preferred?: string | null): Promise<{ organization: Organization; membership: Membership } | null> {
    const memberships = await accounts.memberships(accountId);
    const membership = memberships.find((m) => m.organizationId === preferred) ?? memberships[0];
    if (!membership) return null;
    const organization = await repos.organizations.get(membership.organizationId);
    return organization ? { organization, membership } : null;
  }

  /**
   * Signs in a person an OpenID Connect provider vouched for, to the registered company its
   * 法人番号 claim names, at every sign-in: the person becomes its member (its owner when the
   * first), and memberships an earlier claim gave end. No claim, a malformed one or one no
   * registered company holds is refused, whatever the account joined before, and saves nothing
   * but the audit entry (no account for a refusal). An account an owner or administrator removed
   * from that company is refused the same way, unless it brings a valid invitation of that
   * company (a /join link followed with GビズID): then it joins with the invitation's role.
   * With OIDC_TRUSTED_ACCOUNT_TYPES, an account of another type (GビズID Entry: its 法人番号 is
   * self-declared) joins only with such an invitation (an owner vouched for it); it is refused
   * the same way otherwise. An account already a member keeps signing in whatever its type: an
   * owner has seen it among the members, and a configuration change should not lock out people
   * the company already works with (the owner may remove it).
   */
  async function signInWithOidc(identity: OidcIdentity, requestId: string | null, invitation: Invitation | null, retried = false): Promise<SignInOutcome> {
    const at = nowIso();
    const account = await accounts.findByOidcSubject(identity.issuer, identity.subject);
    const previous = account ? await accounts.memberships(account.id) : [];
    const corporateNumber = identity.corporateNumber ? normalizeDigits(identity.corporateNumber) : null;
    const organization = corporateNumber && isValidCorporateNumber(corporateNumber) ? await repos.organizations.getByCorporateNumber(corporateNumber) : null;
    if (!organization) {
      await uow.commit([
        repos.audit.append(auditEntry({ actor: { role: 'public' }, requestId }, at, {
          action: 'account.sign-in-refused', entityType: 'account', entityId: account?.id ?? '-', before: null,
          after: { method: 'oidc', reason: 'no-organization', corporateNumber },
        })),
      ]);
      return { kind: 'no-organization', corporateNumber };
    }
    const joining = !previous.some((m) => m.organizationId === organization.id);
    // An invitation counts only for the company the claim names, and only to join it.
    const accepted = joining && invitation?.organizationId === organization.id ? invitation : null;
    if (joining && account && !accepted && (await accounts.removedAt(organization.id, account.id))) {
      await uow.commit([
        repos.audit.append(auditEntry({ actor: { role: 'public' }, requestId }, at, {
          action: 'account.sign-in-refused', entityType: 'account', entityId: account.id, before: null,
          after: { method: 'oidc', reason: 'member-removed', organizationId: organization.id },
        })),
      ]);
      return { kind: 'removed', organization };
    }
    if (joining && !accepted && !trustsAccountType(identity)) {
      await uow.commit([
        repos.audit.append(auditEntry({ actor: { role: 'public' }, requestId }, at, {
          action: 'account.sign-in-refused', entityType: 'account', entityId: account?.id ?? '-', before: null,
          after: { method: 'oidc', reason: 'account-type', accountType: identity.accountType, organizationId: organization.id },
        })),
      ]);
      return { kind: 'untrusted-account-type', organization };
    }
    return openMembership({
      identity, account, previous, organization, requestId, at, accepted: joining ? accepted : null,
      // An old membership removed meanwhile (by its owner), or the invitation used or cancelled
      // meanwhile: read again and sign in once more, without the invitation that may be spent.
      retry: retried ? null : () => signInWithOidc(identity, requestId, null, true),
    });
  }

  /**
   * The batch that makes `account` (or a new one) a member of `organization` as GビズID vouched,
   * ends the memberships an earlier claim gave, and opens the session, with their audit entries:
   * `prelude(accountId)` goes first in it (a self-registration's new organization). A write guard
   * that fails calls `retry` once, if given.
   */
  async function openMembership(input: {
    identity: OidcIdentity; account: Account | null; previous: Membership[]; organization: Organization; requestId: string | null; at: string;
    accepted: Invitation | null; via?: string; prelude?: (accountId: string) => WriteOp[]; retry: (() => Promise<SignInOutcome>) | null;
  }): Promise<SignInOutcome> {
    const { identity, previous, organization, requestId, at, accepted } = input;
    const ops: WriteOp[] = [];
    const displayName = displayNameOf(identity);
    const corporateNumber = identity.corporateNumber ? normalizeDigits(identity.corporateNumber) : null;
    let account = input.account;
    if (!account) {
      account = { id: deps.newId(), displayName, email: identity.email, oidcIssuer: identity.issuer, oidcSubject: identity.subject, createdAt: at, lastSignInAt: null, staffRole: null };
      ops.push(accounts.insert(account));
    }
    ops.push(...(input.prelude?.(account.id) ?? []));
    // GビズID vouches for one company at a time: memberships an earlier claim gave end here (an
    // OpenID account joins nothing else, since /join links make accounts of their own).
    for (const old of previous) {
      if (old.organizationId === organization.id) continue;
      ops.push(...accounts.removeMember(old.organizationId, account.id));
      ops.push(repos.audit.append(auditEntry(accountContext(account.id, old.organizationId, requestId), at, {
        action: 'member.remove', entityType: 'organization', entityId: old.organizationId,
        before: { accountId: account.id, role: old.role }, after: { reason: 'oidc-claim-changed', corporateNumber },
      })));
    }
    if (!previous.some((m) => m.organizationId === organization.id)) {
      const role: MemberRole = (await accounts.members(organization.id)).length === 0 ? 'owner' : accepted?.role ?? 'editor';
      // The invitation's single use first (guarded), so a used or cancelled one aborts the batch.
      if (accepted) ops.push(...accounts.useInvitation(accepted.id, at, account.id), accounts.clearRemoval(organization.id, account.id));
      ops.push(accounts.addMember({ organizationId: organization.id, accountId: account.id, role, createdAt: at }));
      ops.push(repos.audit.append(auditEntry(accountContext(account.id, organization.id, requestId), at, {
        action: 'member.join', entityType: 'organization', entityId: organization.id, before: null,
        after: accepted ? { accountId: account.id, role, via: 'oidc-invitation', invitationId: accepted.id } : { accountId: account.id, role, via: input.via ?? 'oidc' },
      })));
    }
    const session = await deps.sessions.open(account.id, organization.id, 'oidc');
    try {
      await uow.commit([
        ...ops,
        accounts.recordSignIn(account.id, at, { email: identity.email ?? account.email, displayName }),
        ...session.ops,
        repos.audit.append(auditEntry(accountContext(account.id, organization.id, requestId), at, {
          action: 'account.sign-in', entityType: 'account', entityId: account.id, before: null, after: { method: 'oidc' },
        })),
      ]);
    } catch (error) {
      if (error instanceof WriteConflict && input.retry) return input.retry();
      throw error;
    }
    return { kind: 'signed-in', sessionId: session.id, account, organization };
  }

  /**
   * GビズID vouched for a person whose 法人番号 no organization holds yet (OIDC_SELF_REGISTRATION):
   * they register that company, as the secretariat would (the same rules), and in the same batch
   * become its owner and are signed in. The 法人番号 is GビズID's, never the form's. The company
   * registered meanwhile by someone else is a conflict on /corporateNumber (nothing is saved). An
   * account whose type is not trusted (OIDC_TRUSTED_ACCOUNT_TYPES) is forbidden.
   */
  async function registerWithOidc(identity: OidcIdentity, input: SelfRegistrationInput, requestId: string | null): Promise<SignInOutcome> {
    const corporateNumber = identity.corporateNumber ? normalizeDigits(identity.corporateNumber) : '';
    if (!isValidCorporateNumber(corporateNumber) || !trustsAccountType(identity)) throw forbidden();
    const normalized = normalizeOrganization({ ...input, kind: 'company', corporateNumber, localGovernmentCode: null });
    const alreadyRegistered = () => duplicateIdentifier(new UniqueViolation('organizations.corporate_number'));
    if (await repos.organizations.getByCorporateNumber(corporateNumber)) throw alreadyRegistered();
    const at = nowIso();
    const organization = newOrganization(normalized, deps.newId(), at);
    const account = await accounts.findByOidcSubject(identity.issuer, identity.subject);
    const previous = account ? await accounts.memberships(account.id) : [];
    try {
      return await openMembership({
        identity, account, previous, organization, requestId, at, accepted: null, via: SELF_REGISTRATION_VIA.member, retry: null,
        prelude: (accountId) => [
          ...repos.organizations.insert(organization),
          repos.audit.append(auditEntry(accountContext(accountId, organization.id, requestId, 'owner'), at, {
            action: 'organization.create', entityType: 'organization', entityId: organization.id, before: null,
            after: { ...organization, via: SELF_REGISTRATION_VIA.organization, registeredBy: { accountId, name: displayNameOf(identity), oidcIssuer: identity.issuer } },
          })),
        ],
      });
    } catch (error) {
      if (error instanceof UniqueViolation && error.constraint.includes('corporate_number')) throw alreadyRegistered();
      throw error;
    }
  }

  return {
    organizationFor,

    signInWithOidc: (identity: OidcIdentity, requestId: string | null, invitation: Invitation | null = null) => signInWithOidc(identity, requestId, invitation),

    registerWithOidc,

    trustsAccountType,

    /** Records a refused sign-in (bad state, wrong issuer, failed passkey…) without saying more to the browser than it needs. */
    async recordRefusedSignIn(method: string, reason: string, requestId: string | null, accountId: string | null = null) {
      await uow.commit([
        repos.audit.append(auditEntry({ actor: { role: 'public' }, requestId }, nowIso(), {
          action: 'account.sign-in-refused', entityType: 'account', entityId: accountId ?? '-', before: null, after: { method, reason: reason.slice(0, 200) },
        })),
      ]);
    },

    async signOut(ctx: RequestContext, idHash: string) {
      const accountId = ctx.actor.role === 'organization' || ctx.actor.role === 'admin' ? ctx.actor.accountId : undefined;
      await uow.commit([
        deps.sessions.end(idHash),
        ...(accountId ? [repos.audit.append(auditEntry(ctx, nowIso(), { action: 'account.sign-out', entityType: 'account', entityId: accountId, before: null, after: null }))] : []),
      ]);
    },

    async members(ctx: RequestContext, organizationId: string) {
      if (!(await repos.organizations.get(organizationId))) throw notFound(ORGANIZATION);
      if (!mayManage(ctx, organizationId, 'read')) throw forbidden();
      return accounts.members(organizationId);
    },

    /**
     * Removes a member (owners and administrators), or the member themselves (leaving); the last
     * owner cannot be removed. Their sessions end at once.
     */
    async removeMember(ctx: RequestContext, organizationId: string, accountId: string) {
      if (!mayManage(ctx, organizationId, 'write') && !leaving(ctx, organizationId, accountId)) throw forbidden();
      const members = await accounts.members(organizationId);
      const target = members.find((m) => m.account.id === accountId);
      if (!target) throw notFound(MEMBER);
      if (target.membership.role === 'owner' && members.filter((m) => m.membership.role === 'owner').length === 1) throw lastOwner();
      // The invitation links they made that are still open stop working too, as when a staff member
      // is removed: each was shown to this person, who could otherwise join again with it.
      const at = nowIso();
      // All of them, not only the 50 newest the members page lists.
      const sent = await accounts.openInvitationsBy(organizationId, accountActorRef(accountId), at);
      try {
        await uow.commit([
          ...accounts.removeMember(organizationId, accountId, { keepAnOwner: true }),
          // GビズID would otherwise make them a member again at their next sign-in.
          accounts.recordRemoval(organizationId, accountId, nowIso()),
          deps.sessions.endAllFor(accountId),
          repos.audit.append(auditEntry(ctx, nowIso(), {
            action: 'member.remove', entityType: 'organization', entityId: organizationId, before: { accountId, role: target.membership.role }, after: null,
          })),
          ...sent.flatMap((i) => [
            ...accounts.cancelInvitation(organizationId, i.id, at),
            repos.audit.append(auditEntry(ctx, at, {
              action: 'invitation.cancel', entityType: 'organization', entityId: organizationId,
              before: { invitationId: i.id, role: i.role, email: i.email, expiresAt: i.expiresAt, sentByRemoved: accountId }, after: null,
            })),
          ]),
        ]);
      } catch (error) {
        if (!(error instanceof WriteConflict)) throw error;
        // Gone meanwhile (a double click), or the last owner now (the other owner removed at the same moment).
        if ((await accounts.members(organizationId)).some((m) => m.account.id === accountId)) throw lastOwner();
        throw notFound(MEMBER);
      }
    },

    /**
     * A person corrects their own name and e-mail address (個人情報保護法: what the registry holds
     * about them must be theirs to correct). Only their own: the actor's account, never another's.
     * An account that signs in with GビズID takes both from GビズID at every sign-in, so it is
     * corrected there (refused here, as the page says).
     */
    async updateOwnProfile(ctx: RequestContext, raw: { name?: unknown; email?: unknown }) {
      // A member acting through their own session; a token (no account) has no profile to correct.
      const accountId = ctx.actor.role === 'organization' ? ctx.actor.accountId : undefined;
      const account = accountId ? await accounts.get(accountId) : null;
      if (!account) throw forbidden();
      if (account.oidcSubject !== null) {
        throw conflict('GビズIDでログインする方のお名前とメールアドレスは、GビズIDの登録内容からログインのたびに更新されます。GビズIDで変更してください。', 'For people signing in with gBizID, the name and e-mail address are taken from gBizID at every sign-in: change them there.');
      }
      const { person, problems } = checkPerson(raw);
      if (!person) throw invalid(problems);
      const before = { displayName: account.displayName, email: account.email };
      const after = { displayName: person.name, email: person.email };
      if (before.displayName === after.displayName && before.email === after.email) return account;
      await uow.commit([
        accounts.updateProfile(account.id, after),
        repos.audit.append(auditEntry(ctx, nowIso(), { action: 'account.profile', entityType: 'account', entityId: account.id, before, after })),
      ]);
      return { ...account, ...after };
    },
  };
}

/** A member acting for their own account in their own organization: they may leave it. */
const leaving = (ctx: RequestContext, organizationId: string, accountId: string) =>
  ctx.actor.role === 'organization' && ctx.actor.organizationId === organizationId && ctx.actor.accountId === accountId;

/** Owners manage their organization's members; editors may see them; administrators may do both. */
export function mayManage(ctx: RequestContext, organizationId: string, access: 'read' | 'write'): boolean {
  const actor = ctx.actor;
  if (actor.role === 'admin') return access === 'read' || isAdmin(actor);
  if (actor.role !== 'organization' || actor.organizationId !== organizationId) return false;
  if (actor.accountId === undefined) return access === 'read';
  return access === 'read' || actor.memberRole === 'owner';
}

export type AccountService = ReturnType<typeof createAccountService>;
