import { MEMBER_ROLES, type Invitation, type MemberRole } from '../accounts/model.js';
import { checkEmail } from '../accounts/person-rules.js';
import { randomSecret, secretHash } from '../accounts/secrets.js';
import { concurrentChange, DomainError, forbidden, invalid, notFound, type FieldProblem } from '../errors.js';
import { JAPAN_OFFSET_MS } from '../japan-calendar.js';
import type { Organization } from '../model.js';
import type { AccountRepository } from '../../ports/accounts.js';
import type { Repositories } from '../../ports/repositories.js';
import { WriteConflict, type UnitOfWork, type WriteOp } from '../../ports/store.js';
import { mayManage } from './accounts.js';
import { auditEntry, type Clock, type RequestContext } from './context.js';

/**
 * The hook for the e-mail outbox: the ops that queue the invitation message, committed in the
 * same batch as the invitation (so a message is never sent for an invitation that was not made,
 * nor lost for one that was). Absent until the outbox is wired in web-components.ts.
 */
export type InvitationMailer = (message: { to: string; url: string; expiresAt: string; organization: Organization; role: MemberRole; invitationId: string }) => WriteOp[] | Promise<WriteOp[]>;

export interface InvitationServiceDeps {
  accounts: AccountRepository;
  repos: Repositories;
  uow: UnitOfWork;
  clock: Clock;
  newId(): string;
  /** PUBLIC_BASE_URL: invitation links point there. */
  baseUrl: string;
  /** INVITATION_TTL_HOURS (default 72). */
  ttlHours: number;
  queueMail?: InvitationMailer;
}

export interface CreatedInvitation {
  invitation: Invitation;
  /** PUBLIC_BASE_URL/join/<token>: the only place the token ever appears. */
  url: string;
  expiresAt: string;
  /** Whether an e-mail with the link was queued. */
  mailed: boolean;
}

/** What a link leads to. Expired and used links still name their organization, so the page can say whom to ask. */
export type InvitationLookup =
  | { kind: 'valid'; invitation: Invitation; organization: Organization }
  | { kind: 'expired' | 'used'; invitation: Invitation; organization: Organization | null }
  | { kind: 'unknown' };

/** randomSecret(): 32 bytes as base64url, 43 characters. Anything else is not worth a database lookup. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const ORGANIZATION = { ja: '団体', en: 'Organization' };
const OPEN_INVITATION = { ja: '未使用の招待', en: 'Open invitation' };

/** "2026-12-07T06:00:00Z" → { ja: "2026年12月7日 15:00", en: "7 Dec 2026, 15:00 JST" } (Japan's time). */
function expiryText(iso: string): { ja: string; en: string } {
  const jst = new Date(Date.parse(iso) + JAPAN_OFFSET_MS);
  const [y, m, d] = [jst.getUTCFullYear(), jst.getUTCMonth() + 1, jst.getUTCDate()];
  const time = `${String(jst.getUTCHours()).padStart(2, '0')}:${String(jst.getUTCMinutes()).padStart(2, '0')}`;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
  return { ja: `${y}年${m}月${d}日 ${time}`, en: `${d} ${month} ${y}, ${time} JST` };
}

/**
 * A live invitation to that address already stands (a reload, a double click, a second request):
 * 409 naming /email, with when the standing one expires and how to send a new one. For an
 * organization's members and for the secretariat's staff alike.
 */
export function invitationExists(live: Pick<Invitation, 'id' | 'email' | 'expiresAt'>): DomainError {
  const until = expiryText(live.expiresAt);
  return new DomainError(
    'conflict',
    'このメールアドレスには、まだ使われていない招待がすでにあります。',
    'An unused invitation to this e-mail address already exists.',
    [{
      field: '/email',
      ja: `${live.email} 宛ての未使用の招待がすでにあります（有効期限: ${until.ja}）。同じ宛先に重ねて招待は作れません。送り直すには、招待の一覧でその招待を取り消してから、もう一度作成してください。`,
      en: `An unused invitation to ${live.email} already exists (it expires ${until.en}). To send a new one, cancel it in the list of invitations and create it again.`,
    }],
    { invitationId: live.id, expiresAt: live.expiresAt },
  );
}

/**
 * One-time invitation links: how a person without GビズID (a municipality's officer, a member an
 * owner adds) joins an organization. The token is random, shown once in the link, and stored only
 * as its SHA-256; a link expires and works once (the use is a guarded update in the joining batch).
 */
export function createInvitationService(deps: InvitationServiceDeps) {
  const { accounts, repos, uow, clock } = deps;

  return {
    /**
     * Creates an invitation to `organizationId` (administrators, the organization's owners, and
     * the operator's command line).
     * `role` defaults to editor; an invitation to an organization without members is for its
     * owner whatever `role` says (the first person to join becomes the owner). With `email`, the link is also e-mailed (when the outbox is wired).
     */
    async create(ctx: RequestContext, organizationId: string, input: { role?: unknown; email?: unknown } = {}): Promise<CreatedInvitation> {
      // System: the operator's `npm run invite` on the server itself.
      if (ctx.actor.role !== 'system' && !mayManage(ctx, organizationId, 'write')) throw forbidden();
      const organization = await repos.organizations.get(organizationId);
      if (!organization) throw notFound(ORGANIZATION);
      const problems: FieldProblem[] = [];
      const role = input.role ?? 'editor';
      if (!MEMBER_ROLES.includes(role as MemberRole)) {
        problems.push({ field: '/role', ja: '役割は owner（管理者）か editor（編集者）です。', en: 'role must be owner or editor.' });
      }
      const email = checkEmail(input.email, '/email');
      problems.push(...email.problems);
      if (problems.length > 0) throw invalid(problems);

      const now = clock.now();
      // One live invitation per organization and address: a reload or a second click must not
      // make a second link nor send a second e-mail. (A link without an address is not deduplicated.)
      const live = email.value ? await accounts.liveInvitationTo(organizationId, email.value, now.toISOString()) : null;
      if (live) throw invitationExists(live);
      const token = randomSecret();
      const expiresAt = new Date(now.getTime() + deps.ttlHours * 3_600_000).toISOString();
      const actor = ctx.actor;
      const createdBy = actor.role === 'admin' || actor.role === 'organization' ? actor.tokenId : actor.role === 'system' ? `system:${actor.process}` : actor.role;
      // The first person to join an organization becomes its owner whatever the invitation says:
      // say so in the invitation itself, so the link, its page and its e-mail tell the truth.
      const effectiveRole: MemberRole = (await accounts.members(organizationId)).length === 0 ? 'owner' : (role as MemberRole);
      const invitation: Invitation = {
        id: deps.newId(), organizationId, role: effectiveRole, email: email.value, createdBy,
        createdAt: now.toISOString(), expiresAt, usedAt: null, usedBy: null,
      };
      const url = `${deps.baseUrl}/join/${token}`;
      const mailOps = email.value && deps.queueMail
        ? await deps.queueMail({ to: email.value, url, expiresAt, organization, role: invitation.role, invitationId: invitation.id })
        : [];
      try {
        await uow.commit([
          ...accounts.insertInvitation(invitation, await secretHash(token)),
          repos.audit.append(auditEntry(ctx, invitation.createdAt, {
            action: 'invitation.create', entityType: 'organization', entityId: organizationId, before: null,
            after: { invitationId: invitation.id, role: invitation.role, email: invitation.email, expiresAt },
          })),
          ...mailOps,
        ]);
      } catch (error) {
        // The same invitation made at the same moment (two identical requests) committed first:
        // nothing of this one was written, its e-mail included.
        if (!(error instanceof WriteConflict) || !email.value) throw error;
        const winner = await accounts.liveInvitationTo(organizationId, email.value, clock.now().toISOString());
        throw winner ? invitationExists(winner) : concurrentChange();
      }
      return { invitation, url, expiresAt, mailed: mailOps.length > 0 };
    },

    /** What the token in a /join/ link refers to. Reads only: looking at a link changes nothing. */
    async lookup(token: string): Promise<InvitationLookup> {
      if (!TOKEN.test(token)) return { kind: 'unknown' };
      const invitation = await accounts.invitation(await secretHash(token));
      if (!invitation) return { kind: 'unknown' };
      const organization = await repos.organizations.get(invitation.organizationId);
      if (invitation.usedAt) return { kind: 'used', invitation, organization };
      if (invitation.expiresAt <= clock.now().toISOString() || !organization) return { kind: 'expired', invitation, organization };
      return { kind: 'valid', invitation, organization };
    },

    /**
     * An open invitation sent to the wrong person, or no longer wanted (administrators and the
     * organization's owners): its link stops working at once. Used, expired or unknown: 404.
     */
    async cancel(ctx: RequestContext, organizationId: string, invitationId: string): Promise<void> {
      if (!mayManage(ctx, organizationId, 'write')) throw forbidden();
      const at = clock.now().toISOString();
      // However old: not only among the 50 newest the members page lists.
      const open = await accounts.openInvitation(organizationId, invitationId, at);
      if (!open) throw notFound(OPEN_INVITATION);
      try {
        await uow.commit([
          ...accounts.cancelInvitation(organizationId, invitationId, at),
          repos.audit.append(auditEntry(ctx, at, {
            action: 'invitation.cancel', entityType: 'organization', entityId: organizationId,
            before: { invitationId, role: open.role, email: open.email, expiresAt: open.expiresAt }, after: null,
          })),
        ]);
      } catch (error) {
        // Used or expired meanwhile.
        if (error instanceof WriteConflict) throw notFound(OPEN_INVITATION);
        throw error;
      }
    },

    /** An organization's recent invitations (without tokens): for its members page. */
    async list(ctx: RequestContext, organizationId: string): Promise<Invitation[]> {
      if (!mayManage(ctx, organizationId, 'read')) throw forbidden();
      return accounts.invitations(organizationId);
    },
  };
}

export type InvitationService = ReturnType<typeof createInvitationService>;
