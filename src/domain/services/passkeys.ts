import type { Account, MemberRole, Passkey } from '../accounts/model.js';
import { checkPerson } from '../accounts/person-rules.js';
import { randomSecret, secretHash } from '../accounts/secrets.js';
import { base64urlEncode, utf8 } from '../encoding.js';
import { conflict, DomainError, forbidden, invalid, notFound, type FieldProblem } from '../errors.js';
import type { Organization } from '../model.js';
import type { AccountRepository, AuthFlowStore } from '../../ports/accounts.js';
import type { Repositories } from '../../ports/repositories.js';
import { UniqueViolation, WriteConflict, type UnitOfWork, type WriteOp } from '../../ports/store.js';
import type { WebAuthnRelyingParty } from '../../ports/webauthn.js';
import { isAdmin } from '../actor.js';
import { JAPAN_OFFSET_MS } from '../japan-calendar.js';
import { accountContext, mayManage, staffContext, type AccountService } from './accounts.js';
import { auditEntry, type Clock, type RequestContext } from './context.js';
import type { InvitationService } from './invitations.js';
import type { SessionService } from './sessions.js';

export interface PasskeyServiceDeps {
  accounts: AccountRepository;
  repos: Repositories;
  uow: UnitOfWork;
  clock: Clock;
  newId(): string;
  sessions: SessionService;
  flows: AuthFlowStore;
  rp: WebAuthnRelyingParty;
  invitations: InvitationService;
  accountService: Pick<AccountService, 'organizationFor' | 'recordRefusedSignIn'>;
}

/** A ceremony (options → the person touches their authenticator → verify) must finish within this. */
const FLOW_TTL_MS = 5 * 60_000;

export const FLOW_KINDS = { register: 'passkey-register', login: 'passkey-login', add: 'passkey-add' } as const;

/** An invitation link that cannot be used: 'unknown' answers 404, 'expired' and 'used' 410. */
export class InvitationUnusable extends DomainError {
  constructor(readonly state: 'unknown' | 'expired' | 'used') {
    super(
      state === 'unknown' ? 'not-found' : 'conflict',
      state === 'unknown'
        ? 'この招待リンクは見つかりません。リンクを最後まで正しくコピーしたか確認してください。'
        : state === 'expired'
          ? 'この招待リンクは有効期限が切れています。招待した方（事務局または団体の管理者）に新しいリンクを依頼してください。'
          : 'この招待リンクは既に使われています。登録済みの方はパスキーでログインしてください。',
      state === 'unknown'
        ? 'This invitation link does not exist. Check that the whole link was copied.'
        : state === 'expired'
          ? 'This invitation link has expired. Ask whoever invited you (the secretariat or an owner of your organization) for a new one.'
          : 'This invitation link has already been used. If you registered, sign in with your passkey.',
      [],
      { invitation: state },
    );
  }
}

/** A refused ceremony: the same words for every cause, so a prober learns nothing; the cause goes to the audit log. */
export const refused = (what: 'sign-in' | 'register') =>
  what === 'sign-in'
    ? new DomainError('validation', 'パスキーでログインできませんでした。もう一度お試しください。登録したパスキーがない場合は、招待リンクから登録してください。', 'Signing in with a passkey did not work. Please try again; if you have no passkey for this site, register one through your invitation link.')
    : new DomainError('validation', 'パスキーを登録できませんでした。もう一度お試しください。', 'The passkey could not be registered. Please try again.');

const MAX_LABEL = 60;

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * The name of a passkey registered without one: when it was registered, Japan time, written as the
 * pages write a moment (「2026年12月6日 1:12」 / "6 December 2026, 01:12 JST", src/http/pages/format.ts)
 * in the language the person registered in: 「パスキー（2026年12月6日 1:12）」 / "Passkey (6 December 2026, 01:12 JST)".
 * By hand (UTC+9, no daylight saving): the same text on every runtime.
 */
export function defaultPasskeyLabel(at: Date, lang: 'ja' | 'en'): string {
  const jst = new Date(at.getTime() + JAPAN_OFFSET_MS);
  const [y, m, d, hh, mm] = [jst.getUTCFullYear(), jst.getUTCMonth() + 1, jst.getUTCDate(), jst.getUTCHours(), String(jst.getUTCMinutes()).padStart(2, '0')];
  return lang === 'ja' ? `パスキー（${y}年${m}月${d}日 ${hh}:${mm}）` : `Passkey (${d} ${MONTHS_EN[m - 1]} ${y}, ${String(hh).padStart(2, '0')}:${mm} JST)`;
}

/** A passkey's name as its owner will see it in the member list; by default when it was registered (defaultPasskeyLabel). */
export function checkLabel(raw: unknown, at: Date, lang: 'ja' | 'en'): { label: string; problems: FieldProblem[] } {
  const label = typeof raw === 'string' ? raw.trim() : '';
  if (label === '') return { label: defaultPasskeyLabel(at, lang), problems: [] };
  if ([...label].length > MAX_LABEL || /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\uD800-\uDFFF]/u.test(label)) {
    return { label: '', problems: [{ field: '/label', ja: `パスキーの名前は${MAX_LABEL}文字以内で、改行などを含めずに入力してください。`, en: `A passkey name is at most ${MAX_LABEL} characters, without line breaks.` }] };
  }
  return { label, problems: [] };
}

/** The WebAuthn user handle of an account: its id, so a discoverable credential names its account. */
const userHandleOf = (accountId: string) => base64urlEncode(utf8.encode(accountId));

interface RegisterFlow {
  challenge: string;
  invitationId: string;
  accountId: string;
}

export interface SignedIn {
  /** Goes into the session cookie. */
  sessionId: string;
  account: Account;
  /** Null for the secretariat's staff, who act for no organization. */
  organization: Organization | null;
  role: MemberRole | null;
}

/**
 * Passkeys: joining an organization through an invitation (the account, membership, passkey,
 * session and the invitation's single use in one batch), signing in with a discoverable
 * credential, and a signed-in person's own passkeys (owners may remove their members').
 * Each ceremony's challenge lives in the flow store under the hash of a random id the browser
 * keeps in a cookie; `take` deletes it, so a challenge can be answered once.
 */
/** A ceremony's state under the hash of a random id the browser keeps in a cookie; `take` reads it once. */
export function ceremonies(flows: AuthFlowStore, clock: Clock) {
  return {
    async start(kind: string, data: object): Promise<string> {
      const flowId = randomSecret();
      await flows.put(await secretHash(flowId), kind, data, clock.now().getTime() + FLOW_TTL_MS);
      return flowId;
    },
    async take<T>(kind: string, flowId: string | undefined): Promise<T | null> {
      if (!flowId || flowId.length > 100) return null;
      return (await flows.take(await secretHash(flowId), kind, clock.now().getTime())) as T | null;
    },
  };
}

export function createPasskeyService(deps: PasskeyServiceDeps) {
  const { accounts, repos, uow, clock, flows, rp } = deps;
  const nowIso = () => clock.now().toISOString();
  const { start: startFlow, take: takeFlow } = ceremonies(flows, clock);

  async function validInvitation(token: string) {
    const found = await deps.invitations.lookup(token);
    if (found.kind !== 'valid') throw new InvitationUnusable(found.kind);
    return found;
  }

  /** Who may see and remove `accountId`'s passkeys: the person, an owner of an organization they belong to, an administrator. */
  async function mayHandle(ctx: RequestContext, accountId: string, access: 'read' | 'write'): Promise<'self' | 'manager' | null> {
    const actor = ctx.actor;
    if ((actor.role === 'organization' || actor.role === 'admin') && actor.accountId === accountId) return 'self';
    if (actor.role === 'admin') return access === 'read' || isAdmin(actor) ? 'manager' : null;
    if (actor.role !== 'organization' || !mayManage(ctx, actor.organizationId, access)) return null;
    return (await accounts.membership(actor.organizationId, accountId)) ? 'manager' : null;
  }

  return {
    /** Step 1 of joining: checks the link and the person's name, and returns the options for navigator.credentials.create(). */
    async startJoin(token: string, input: { name?: unknown; email?: unknown }): Promise<{ flowId: string; options: unknown }> {
      const { invitation } = await validInvitation(token);
      const { person, problems } = checkPerson(input);
      if (!person) throw invalid(problems);
      const accountId = deps.newId();
      const { options, challenge } = await rp.registrationOptions({ userId: accountId, userName: person.email ?? person.name, userDisplayName: person.name, exclude: [] });
      const flowId = await startFlow(FLOW_KINDS.register, { challenge, invitationId: invitation.id, accountId } satisfies RegisterFlow);
      return { flowId, options };
    },

    /**
     * Step 2 of joining: verifies the new passkey, then in ONE batch uses the invitation (guarded:
     * a second use, even a concurrent one, fails the whole batch), creates the account, the
     * membership (owner if first), the passkey and the session, with their audit entries.
     */
    async finishJoin(input: {
      token: string;
      flowId: string | undefined;
      response: unknown;
      name?: unknown;
      email?: unknown;
      label?: unknown;
      /** The language of the page the person joined on: an unnamed passkey is named in it. */
      lang: 'ja' | 'en';
      requestId: string | null;
      /** The id hash of a session this browser already had: it ends in the same batch. */
      replacing?: string | null;
    }): Promise<SignedIn> {
      const { invitation, organization } = await validInvitation(input.token);
      const at = clock.now();
      const { person, problems } = checkPerson(input);
      const label = checkLabel(input.label, at, input.lang);
      if (!person || label.problems.length > 0) throw invalid([...problems, ...label.problems]);

      const flow = await takeFlow<RegisterFlow>(FLOW_KINDS.register, input.flowId);
      if (!flow || flow.invitationId !== invitation.id) {
        await deps.accountService.recordRefusedSignIn('passkey-register', flow ? 'flow-for-another-invitation' : 'no-flow', input.requestId);
        throw refused('register');
      }
      const verdict = await rp.verifyRegistration({ response: input.response, expectedChallenge: flow.challenge });
      if (!verdict.ok) {
        await deps.accountService.recordRefusedSignIn('passkey-register', verdict.reason, input.requestId);
        throw refused('register');
      }

      const atIso = at.toISOString();
      const role: MemberRole = (await accounts.members(organization.id)).length === 0 ? 'owner' : invitation.role;
      const account: Account = { id: flow.accountId, displayName: person.name, email: person.email, oidcIssuer: null, oidcSubject: null, createdAt: atIso, lastSignInAt: atIso, staffRole: null };
      const passkey: Passkey = { ...verdict.credential, accountId: account.id, label: label.label, createdAt: atIso, lastUsedAt: atIso };
      const session = await deps.sessions.open(account.id, organization.id, 'passkey');
      const ctx = accountContext(account.id, organization.id, input.requestId, role);
      const audit = (action: string, entityType: string, entityId: string, after: unknown) =>
        repos.audit.append(auditEntry(ctx, atIso, { action, entityType, entityId, before: null, after }));
      const ops: WriteOp[] = [
        // First, so a used or expired invitation aborts everything after it.
        ...accounts.useInvitation(invitation.id, atIso, account.id),
        accounts.insert(account),
        accounts.addMember({ organizationId: organization.id, accountId: account.id, role, createdAt: atIso }),
        accounts.addPasskey(passkey),
        ...session.ops,
        ...(input.replacing ? [deps.sessions.end(input.replacing)] : []),
        audit('member.join', 'organization', organization.id, { accountId: account.id, role, via: 'invitation', invitationId: invitation.id }),
        audit('passkey.add', 'account', account.id, { passkeyId: passkey.id, label: passkey.label }),
        audit('account.sign-in', 'account', account.id, { method: 'passkey', passkeyId: passkey.id }),
      ];
      try {
        await uow.commit(ops);
      } catch (error) {
        if (error instanceof WriteConflict) throw new InvitationUnusable((await deps.invitations.lookup(input.token)).kind === 'expired' ? 'expired' : 'used');
        if (error instanceof UniqueViolation) {
          await deps.accountService.recordRefusedSignIn('passkey-register', 'credential already registered', input.requestId);
          throw refused('register');
        }
        throw error;
      }
      return { sessionId: session.id, account, organization, role };
    },

    /** Step 1 of signing in: options for navigator.credentials.get() with no allowCredentials (the authenticator offers its accounts). */
    async startSignIn(): Promise<{ flowId: string; options: unknown }> {
      const { options, challenge } = await rp.authenticationOptions();
      return { flowId: await startFlow(FLOW_KINDS.login, { challenge }), options };
    },

    /**
     * Step 2 of signing in: the passkey is looked up by its credential id and verified; its
     * counter moves forward in the batch that opens the session (guarded on the old value, so a
     * cloned authenticator racing the real one loses). The account acts for its first organization.
     * Every refusal is written to the audit log; the browser hears the same words for each.
     */
    async finishSignIn(input: { flowId: string | undefined; response: unknown; requestId: string | null; replacing?: string | null }): Promise<SignedIn> {
      const refuse = async (reason: string, accountId: string | null = null): Promise<never> => {
        await deps.accountService.recordRefusedSignIn('passkey', reason, input.requestId, accountId);
        throw refused('sign-in');
      };
      const flow = await takeFlow<{ challenge: string }>(FLOW_KINDS.login, input.flowId);
      if (!flow) return refuse('no-flow');
      const response = input.response as { id?: unknown; response?: { userHandle?: unknown } } | null;
      const credentialId = typeof response?.id === 'string' && response.id.length <= 1364 ? response.id : null;
      const passkey = credentialId ? await accounts.passkey(credentialId) : null;
      if (!passkey) return refuse('unknown-credential');
      const userHandle = response?.response?.userHandle;
      if (userHandle !== undefined && userHandle !== null && userHandle !== userHandleOf(passkey.accountId)) return refuse('user-handle-mismatch', passkey.accountId);
      const verdict = await rp.verifyAuthentication({ response: input.response, expectedChallenge: flow.challenge, credential: passkey });
      if (!verdict.ok) return refuse(verdict.reason, passkey.accountId);
      const account = await accounts.get(passkey.accountId);
      // Staff act for no organization; everyone else for their first one.
      const membership = account && !account.staffRole ? await deps.accountService.organizationFor(account.id) : null;
      if (!account || (!account.staffRole && !membership)) return refuse('no-organization', passkey.accountId);

      const at = nowIso();
      const organization = membership?.organization ?? null;
      const session = await deps.sessions.open(account.id, organization?.id ?? null, 'passkey');
      const ctx = membership ? accountContext(account.id, membership.organization.id, input.requestId, membership.membership.role) : staffContext(account, input.requestId);
      try {
        await uow.commit([
          ...accounts.usePasskey(passkey.id, passkey.counter, verdict.newCounter, at),
          accounts.recordSignIn(account.id, at),
          ...session.ops,
          ...(input.replacing ? [deps.sessions.end(input.replacing)] : []),
          repos.audit.append(auditEntry(ctx, at, {
            action: 'account.sign-in', entityType: 'account', entityId: account.id, before: null, after: { method: 'passkey', passkeyId: passkey.id },
          })),
        ]);
      } catch (error) {
        if (error instanceof WriteConflict) return refuse('counter-changed-concurrently', account.id);
        throw error;
      }
      return { sessionId: session.id, account, organization, role: membership?.membership.role ?? null };
    },

    /** A signed-in person's passkeys; an owner (or an administrator) may list a member's. */
    async list(ctx: RequestContext, accountId: string): Promise<Passkey[]> {
      if (!(await mayHandle(ctx, accountId, 'read'))) throw forbidden();
      return accounts.passkeys(accountId);
    },

    /** Step 1 of adding another passkey to one's own account (signed in). */
    async startAdd(ctx: RequestContext): Promise<{ flowId: string; options: unknown }> {
      const accountId = ctx.actor.role === 'organization' || ctx.actor.role === 'admin' ? ctx.actor.accountId : undefined;
      const account = accountId ? await accounts.get(accountId) : null;
      if (!account) throw forbidden();
      const existing = await accounts.passkeys(account.id);
      const { options, challenge } = await rp.registrationOptions({
        userId: account.id, userName: account.email ?? account.displayName, userDisplayName: account.displayName,
        exclude: existing.map((p) => ({ id: p.id, transports: p.transports })),
      });
      return { flowId: await startFlow(FLOW_KINDS.add, { challenge, accountId: account.id }), options };
    },

    /** Step 2 of adding a passkey: verified against the challenge of this same account's flow. */
    async finishAdd(ctx: RequestContext, input: { flowId: string | undefined; response: unknown; label?: unknown; lang: 'ja' | 'en' }): Promise<Passkey> {
      const accountId = ctx.actor.role === 'organization' || ctx.actor.role === 'admin' ? ctx.actor.accountId : undefined;
      if (!accountId) throw forbidden();
      const at = clock.now();
      const label = checkLabel(input.label, at, input.lang);
      if (label.problems.length > 0) throw invalid(label.problems);
      const flow = await takeFlow<{ challenge: string; accountId: string }>(FLOW_KINDS.add, input.flowId);
      if (!flow || flow.accountId !== accountId) throw refused('register');
      const verdict = await rp.verifyRegistration({ response: input.response, expectedChallenge: flow.challenge });
      if (!verdict.ok) throw refused('register');
      const atIso = at.toISOString();
      const passkey: Passkey = { ...verdict.credential, accountId, label: label.label, createdAt: atIso, lastUsedAt: null };
      try {
        await uow.commit([
          accounts.addPasskey(passkey),
          repos.audit.append(auditEntry(ctx, atIso, { action: 'passkey.add', entityType: 'account', entityId: accountId, before: null, after: { passkeyId: passkey.id, label: passkey.label } })),
        ]);
      } catch (error) {
        if (error instanceof UniqueViolation) throw conflict('このパスキーは既に登録されています。', 'This passkey is already registered.');
        throw error;
      }
      return passkey;
    },

    /**
     * Removes a passkey: one's own, or (owners, administrators) a member's. The account's sessions
     * end at once, as a session does not say which passkey opened it: a removed passkey is most
     * often a lost or stolen device, still signed in. Removing one's own keeps `currentSession`
     * (the id hash of the session that asked). The last passkey of an account with no other way
     * in (no GビズID) stays: 409.
     */
    async remove(ctx: RequestContext, accountId: string, passkeyId: string, currentSession?: string): Promise<void> {
      const who = await mayHandle(ctx, accountId, 'write');
      if (!who) throw forbidden();
      const [account, passkeys] = await Promise.all([accounts.get(accountId), accounts.passkeys(accountId)]);
      const passkey = passkeys.find((p) => p.id === passkeyId);
      if (!account || !passkey) throw notFound({ ja: 'パスキー', en: 'Passkey' });
      const lastWayIn = () =>
        conflict(
          '最後のパスキーは削除できません。削除するとこのアカウントにログインできなくなります。先に別のパスキーを追加してください。',
          'The last passkey cannot be removed: the account would have no way to sign in. Add another passkey first.',
        );
      if (passkeys.length === 1 && !account.oidcSubject) throw lastWayIn();
      try {
        await uow.commit([
          ...accounts.removePasskey(accountId, passkeyId),
          // Whoever holds the device is signed out now; the person removing their own passkey stays.
          deps.sessions.endAllFor(accountId, who === 'self' ? currentSession : undefined),
          repos.audit.append(auditEntry(ctx, nowIso(), { action: 'passkey.remove', entityType: 'account', entityId: accountId, before: { passkeyId, label: passkey.label }, after: null })),
        ]);
      } catch (error) {
        // Gone meanwhile, or a concurrent removal took the account's other passkey first.
        if (error instanceof WriteConflict) throw (await accounts.passkey(passkeyId)) ? lastWayIn() : notFound({ ja: 'パスキー', en: 'Passkey' });
        throw error;
      }
    },
  };
}

export type PasskeyService = ReturnType<typeof createPasskeyService>;
