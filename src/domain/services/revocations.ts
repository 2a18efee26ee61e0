import { accountActorRef } from '../accounts/model.js';
import { ADMIN_TOKEN_ISSUER, storedAccountName } from '../accounts/staff.js';
import { isAdmin, isStaff, type Actor } from '../actor.js';
import { REVOCATION_REASONS } from '../codes.js';
import { TRANSITIONS } from '../declaration-lifecycle.js';
import { conflict, DomainError, forbidden, invalid, notFound, type FieldProblem } from '../errors.js';
import { formatDateTime } from '../mail/dates.js';
import { unreadableText } from '../readable-text.js';
import type { AccountRepository } from '../../ports/accounts.js';
import type { Repositories } from '../../ports/repositories.js';
import type {
  RevocationOutcome, RevocationRequest, RevocationRequestRepository, RevocationSubjectType,
} from '../../ports/revocation-requests.js';
import { UniqueViolation, WriteConflict, type UnitOfWork, type WriteOp } from '../../ports/store.js';
import { AWARD_TRANSITIONS, type AwardService } from './awards.js';
import { auditEntry, type Clock, type RequestContext } from './context.js';
import type { DeclarationService } from './declarations.js';
import { holderOf, invitersOf, type Holder } from './token-lineage.js';

export interface RevocationServiceDeps {
  requests: RevocationRequestRepository;
  repos: Repositories;
  /** Who an actor is, to tell the requester from the approver (names, and the administrator token's account). */
  accounts: Pick<AccountRepository, 'get' | 'findByOidcSubject'>;
  uow: UnitOfWork;
  clock: Clock;
  newId(): string;
  /** The lifecycles that revoke: the revocation commits in their change's batch (extraOps). */
  declarations: Pick<DeclarationService, 'act'>;
  awards: Pick<AwardService, 'act'>;
  /** REVOCATION_TWO_PERSON: a revocation waits for a second administrator (default); false revokes at once. */
  twoPerson: boolean;
}

export interface RevocationRequestInput {
  subjectType: string;
  subjectId: string;
  reason?: string | null;
  note?: string | null;
}

/** What a request is about, as the list shows it. */
export interface RevocationSubject {
  /** The record's current status; null when it is not found. */
  status: string | null;
  /** Whether it could be revoked now (published or suspended declaration, active or suspended award). */
  revocable: boolean;
  organizationId: string | null;
  organizationName: string | null;
  /** Awards: the fiscal year and the category's name. */
  fiscalYear?: number;
  category?: { ja: string; en: string };
}

export type RevocationRequestView = RevocationRequest & { subject: RevocationSubject };

export const NOTE_LIMIT = 2000;

/** How many decided requests the list shows. */
const DECIDED_LIMIT = 50;
const PENDING_LIMIT = 500;

const REQUEST = { ja: '取消の依頼', en: 'Revocation request' };
const SUBJECTS: Record<RevocationSubjectType, { ja: string; en: string }> = {
  declaration: { ja: '宣言', en: 'Declaration' },
  award: { ja: '表彰', en: 'Award' },
};
const REVOCABLE: Record<RevocationSubjectType, readonly string[]> = {
  declaration: TRANSITIONS.revoke.from,
  award: AWARD_TRANSITIONS.revoke.from,
};

const isSubjectType = (value: string): value is RevocationSubjectType => value === 'declaration' || value === 'award';

export const selfApproval = () =>
  new DomainError(
    'forbidden',
    '承認は依頼者とは別の管理者が行います。依頼者本人（依頼者のトークンや、そこから発行されたトークンを含む）、依頼者が招待した職員、依頼者を招待した職員、依頼者と同じメールアドレスの職員は承認できません。',
    'A revocation is approved by an administrator other than the one who requested it: not the requester (nor a token they hold or minted), not someone the requester invited or who invited the requester, and not someone with the requester\'s e-mail address.',
  );

/**
 * Revocation is the most damaging act of the secretariat: in the back office one administrator
 * requests it and another approves it (REVOCATION_TWO_PERSON, default on). The approval and the
 * revocation itself (status change, credential status bit, change event, e-mail, audit entries)
 * commit in one batch, through the declaration's or award's own lifecycle. With two-person off,
 * the request revokes at once and is recorded as approved by the requester, in the same batch.
 * The API's POST /api/v1/declarations/{id}/revoke (bearer tokens, automation) stays single-step.
 */
export function createRevocationService(deps: RevocationServiceDeps) {
  const { requests, repos, uow, clock } = deps;
  const nowIso = () => clock.now().toISOString();

  const actorRef = (actor: Actor) => (actor.role === 'admin' ? actor.tokenId : 'unknown');

  /**
   * Every reference the actor goes by: its own, and for the bootstrap administrator token its
   * back-office account too (signing in with the token opens that account), so that the same
   * person cannot approve through the API token what they requested in the back office, or back.
   */
  async function identitiesOf(actor: Actor): Promise<Set<string>> {
    const refs = new Set([actorRef(actor)]);
    if (actor.role !== 'admin') return refs;
    if (actor.accountId) {
      const account = await deps.accounts.get(actor.accountId);
      if (account?.oidcIssuer === ADMIN_TOKEN_ISSUER && account.oidcSubject) refs.add(account.oidcSubject);
    } else {
      const account = await deps.accounts.findByOidcSubject(ADMIN_TOKEN_ISSUER, actor.tokenId);
      if (account) refs.add(accountActorRef(account.id));
    }
    return refs;
  }

  /**
   * Whether the approver is not another person than the requester, as far as the registry can
   * tell: the same person (a token is its minter's, a token's account is the token's; see
   * holderOf), one of them invited the other to the staff, or both have the same e-mail address.
   * What it cannot tell: two accounts one person joined with through invitations a third sent.
   */
  async function notAnotherPerson(actor: Actor, requestedBy: string): Promise<boolean> {
    if ((await identitiesOf(actor)).has(requestedBy)) return true;
    const [approver, requester] = await Promise.all([holderOf(repos.tokens, actorRef(actor)), holderOf(repos.tokens, requestedBy)]);
    if (approver.root === requester.root) return true;
    const email = (holder: Holder) => holder.account?.email?.toLowerCase() ?? null;
    if (email(approver) !== null && email(approver) === email(requester)) return true;
    const [approverInviters, requesterInviters] = await Promise.all([invitersOf(repos.tokens, approver), invitersOf(repos.tokens, requester)]);
    return approverInviters.includes(requester.root) || requesterInviters.includes(approver.root);
  }

  async function nameOf(actor: Actor): Promise<string> {
    if (actor.role !== 'admin') return actorRef(actor);
    if (actor.accountId) return (await deps.accounts.get(actor.accountId))?.displayName ?? actor.tokenId;
    const token = await repos.tokens.get(actor.tokenId);
    return token?.label ? `${token.label}（API）` : `API ${actor.tokenId}`;
  }

  async function subjectOf(type: RevocationSubjectType, id: string): Promise<RevocationSubject> {
    const record = type === 'declaration' ? await repos.declarations.get(id) : await repos.awards.get(id);
    if (!record) return { status: null, revocable: false, organizationId: null, organizationName: null };
    const organization = await repos.organizations.get(record.organizationId);
    const subject: RevocationSubject = {
      status: record.status,
      revocable: REVOCABLE[type].includes(record.status),
      organizationId: record.organizationId,
      organizationName: organization?.name ?? null,
    };
    if ('categoryCode' in record) {
      subject.fiscalYear = record.fiscalYear;
      const category = (await repos.awards.categories()).find((c) => c.code === record.categoryCode);
      subject.category = category ? { ja: category.nameJa, en: category.nameEn } : { ja: record.categoryCode, en: record.categoryCode };
    }
    return subject;
  }

  const audit = (ctx: RequestContext, at: string, action: string, request: RevocationRequest, extra: Record<string, unknown> = {}) =>
    repos.audit.append(auditEntry(ctx, at, {
      action: `revocation.${action}`,
      entityType: request.subjectType,
      entityId: request.subjectId,
      before: null,
      after: { requestId: request.id, reason: request.reason, note: request.note, requestedBy: request.requestedBy, requestedByName: request.requestedByName, ...extra },
    }));

  /** Revokes through the record's own lifecycle, `extraOps` in its batch; a record no longer revocable fails there (409). */
  async function revoke(ctx: RequestContext, request: RevocationRequest, extraOps: WriteOp[]) {
    const input = { reason: request.reason, ...(request.note ? { note: request.note } : {}) };
    if (request.subjectType === 'declaration') await deps.declarations.act(ctx, request.subjectId, 'revoke', input, undefined, extraOps);
    else await deps.awards.act(ctx, request.subjectId, 'revoke', input, undefined, extraOps);
  }

  function pendingExists(pending: RevocationRequest) {
    // The stored instant is UTC; the person reading is in Japan, so say it in Japan time.
    const at = formatDateTime(pending.requestedAt);
    return conflict(
      `この記録には既に取消の依頼があります（依頼 ID: ${pending.id}、${storedAccountName(pending.requestedByName, 'ja')} さんが ${at.ja} に依頼）。別の管理者の承認を待つか、その依頼を却下・取下げしてください。`,
      `A revocation of this record is already pending (request ${pending.id}, by ${storedAccountName(pending.requestedByName, 'en')} at ${at.en}); it waits for another administrator's approval, or is rejected or withdrawn.`,
      { pendingRequest: { id: pending.id, requestedBy: pending.requestedBy, requestedByName: pending.requestedByName, requestedAt: pending.requestedAt } },
    );
  }

  async function pendingRequest(id: string): Promise<RevocationRequest> {
    const request = await requests.get(id);
    if (!request) throw notFound(REQUEST);
    if (request.outcome !== null) throw alreadyDecided(request.outcome);
    return request;
  }

  /** Commits a decision (reject, withdraw): the guarded update and its audit entry; a decision that lost a race is 409. */
  async function decide(ctx: RequestContext, request: RevocationRequest, outcome: Exclude<RevocationOutcome, 'approved'>, extra: Record<string, unknown> = {}) {
    const at = nowIso();
    try {
      await uow.commit([...requests.decide(request.id, { outcome, decidedBy: actorRef(ctx.actor), decidedAt: at }), audit(ctx, at, outcome === 'rejected' ? 'reject' : 'withdraw', request, extra)]);
    } catch (error) {
      if (error instanceof WriteConflict) throw alreadyDecided(null);
      throw error;
    }
    return { ...request, outcome, decidedBy: actorRef(ctx.actor), decidedAt: at };
  }

  async function view(request: RevocationRequest): Promise<RevocationRequestView> {
    return { ...request, subject: await subjectOf(request.subjectType, request.subjectId) };
  }

  return {
    /** Whether a revocation waits for a second administrator (REVOCATION_TWO_PERSON). */
    twoPerson: deps.twoPerson,

    /**
     * An administrator asks to revoke a record that may be revoked now. Two-person on: the request
     * waits (one pending request per record, 409 naming it otherwise). Off: revoked at once.
     */
    async request(ctx: RequestContext, input: RevocationRequestInput): Promise<{ request: RevocationRequest; revoked: boolean }> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const problems: FieldProblem[] = [];
      const subjectType = input.subjectType;
      if (!isSubjectType(subjectType)) {
        problems.push({ field: '/subjectType', ja: '取消の対象は宣言（declaration）か表彰（award）です。', en: 'subjectType must be declaration or award.' });
      }
      const reason = input.reason?.trim() || null;
      const codes = Object.keys(REVOCATION_REASONS);
      if (subjectType === 'declaration' && !reason) {
        problems.push({ field: '/reason', ja: '取消の理由を選んでください。', en: 'Choose the reason for the revocation.' });
      } else if (reason && !codes.includes(reason)) {
        problems.push({ field: '/reason', ja: `理由は ${codes.map((c) => `${REVOCATION_REASONS[c]!.ja}（${c}）`).join('、')} のいずれかです。`, en: `reason must be one of ${codes.join(', ')}.` });
      }
      const note = input.note?.trim() || null;
      const noteLength = note ? [...note].length : 0;
      if (noteLength > NOTE_LIMIT) {
        problems.push({ field: '/note', ja: `補足は${NOTE_LIMIT}文字以内で入力してください（今は${noteLength}文字）。`, en: `The note can be at most ${NOTE_LIMIT} characters (now ${noteLength}).` });
      }
      const unreadable = note ? unreadableText(note, '/note', { ja: '補足', en: 'Note' }) : null;
      if (unreadable) problems.push(unreadable);
      if (problems.length > 0) throw invalid(problems);
      const type = subjectType as RevocationSubjectType;

      const subject = await subjectOf(type, input.subjectId);
      if (subject.status === null) throw notFound(SUBJECTS[type]);
      if (!subject.revocable) {
        throw conflict(
          `この${SUBJECTS[type].ja}は現在の状態（${subject.status}）では取り消せません。`,
          `This ${type} cannot be revoked in its current state ("${subject.status}").`,
          { currentStatus: subject.status },
        );
      }
      const pending = await requests.pendingFor(type, input.subjectId);
      if (pending) throw pendingExists(pending);

      const at = nowIso();
      const by = actorRef(ctx.actor);
      const request: RevocationRequest = {
        id: deps.newId(), subjectType: type, subjectId: input.subjectId, reason: reason ?? '-', note,
        requestedBy: by, requestedByName: await nameOf(ctx.actor), requestedAt: at,
        decidedBy: null, decidedAt: null, outcome: null,
      };
      if (!deps.twoPerson) {
        // A one-person secretariat: the request is the approval, committed with the revocation.
        const approved: RevocationRequest = { ...request, outcome: 'approved', decidedBy: by, decidedAt: at };
        await revoke(ctx, approved, [
          requests.insert(approved),
          audit(ctx, at, 'request', approved, { twoPerson: false }),
          audit(ctx, at, 'approve', approved, { twoPerson: false }),
        ]);
        return { request: approved, revoked: true };
      }
      try {
        await uow.commit([requests.insert(request), audit(ctx, at, 'request', request)]);
      } catch (error) {
        // Another administrator's request for the same record committed first (the unique index).
        if (error instanceof UniqueViolation && error.constraint.startsWith('revocation_requests')) {
          const winner = await requests.pendingFor(type, input.subjectId);
          if (winner) throw pendingExists(winner);
        }
        throw error;
      }
      return { request, revoked: false };
    },

    /** A second administrator approves: the request is decided and the record revoked, in one batch. */
    async approve(ctx: RequestContext, id: string): Promise<RevocationRequest> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const request = await pendingRequest(id);
      if (deps.twoPerson && (await notAnotherPerson(ctx.actor, request.requestedBy))) throw selfApproval();
      const at = nowIso();
      const by = actorRef(ctx.actor);
      try {
        await revoke(ctx, request, [...requests.decide(request.id, { outcome: 'approved', decidedBy: by, decidedAt: at }), audit(ctx, at, 'approve', request)]);
      } catch (error) {
        // Decided by someone else meanwhile (the request's guard, or the record's: both 409).
        const now = await requests.get(id);
        if (now && now.outcome !== null) throw alreadyDecided(now.outcome);
        throw error;
      }
      return { ...request, outcome: 'approved', decidedBy: by, decidedAt: at };
    },

    /** Another administrator turns the request down (the requester withdraws instead). */
    async reject(ctx: RequestContext, id: string, note?: string | null): Promise<RevocationRequest> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const request = await pendingRequest(id);
      const rejectionNote = note?.trim() || null;
      const rejectionLength = rejectionNote ? [...rejectionNote].length : 0;
      if (rejectionLength > NOTE_LIMIT) {
        throw invalid([{ field: '/note', ja: `却下の理由は${NOTE_LIMIT}文字以内で入力してください（今は${rejectionLength}文字）。`, en: `The reason for rejecting can be at most ${NOTE_LIMIT} characters (now ${rejectionLength}).` }]);
      }
      const unreadable = rejectionNote ? unreadableText(rejectionNote, '/note', { ja: '却下の理由', en: 'Reason for rejecting' }) : null;
      if (unreadable) throw invalid([unreadable]);
      if (deps.twoPerson && (await identitiesOf(ctx.actor)).has(request.requestedBy)) {
        throw new DomainError('forbidden', '自分の依頼は却下ではなく取り下げてください。', 'Withdraw your own request instead of rejecting it.');
      }
      return decide(ctx, request, 'rejected', { rejectionNote });
    },

    /** The requester takes the request back. */
    async withdraw(ctx: RequestContext, id: string): Promise<RevocationRequest> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const request = await pendingRequest(id);
      if (!(await identitiesOf(ctx.actor)).has(request.requestedBy)) {
        throw new DomainError('forbidden', '依頼を取り下げられるのは依頼した管理者だけです。', 'Only the administrator who made the request may withdraw it.');
      }
      return decide(ctx, request, 'withdrawn');
    },

    /** Pending requests (oldest first), or the most recent decided ones. Any staff. */
    async list(ctx: RequestContext, { pending }: { pending: boolean }): Promise<RevocationRequestView[]> {
      if (!isStaff(ctx.actor)) throw forbidden();
      const list = await requests.list({ pending, limit: pending ? PENDING_LIMIT : DECIDED_LIMIT });
      return Promise.all(list.map(view));
    },

    async get(ctx: RequestContext, id: string): Promise<RevocationRequestView> {
      if (!isStaff(ctx.actor)) throw forbidden();
      const request = await requests.get(id);
      if (!request) throw notFound(REQUEST);
      return view(request);
    },

    async countPending(ctx: RequestContext): Promise<number> {
      if (!isStaff(ctx.actor)) throw forbidden();
      return requests.countPending();
    },

    /** The pending request for one record, if any (pages that offer the request form show it instead). */
    async pendingFor(ctx: RequestContext, subjectType: RevocationSubjectType, subjectId: string): Promise<RevocationRequest | null> {
      if (!isStaff(ctx.actor)) throw forbidden();
      return requests.pendingFor(subjectType, subjectId);
    },

    /**
     * Of these requests, the ones `ctx` may not approve (see notAnotherPerson; none with two-person
     * off): the list offers no approval it would refuse. Each requester is looked at once.
     */
    async notApprovable(ctx: RequestContext, list: RevocationRequest[]): Promise<Set<string>> {
      const refused = new Set<string>();
      if (!deps.twoPerson) return refused;
      const verdicts = new Map<string, Promise<boolean>>();
      for (const r of list) {
        if (!verdicts.has(r.requestedBy)) verdicts.set(r.requestedBy, notAnotherPerson(ctx.actor, r.requestedBy));
        if (await verdicts.get(r.requestedBy)) refused.add(r.id);
      }
      return refused;
    },

    /** Whether `ctx` is the one who made `request` (the page offers withdraw rather than approve). */
    async isRequester(ctx: RequestContext, request: RevocationRequest): Promise<boolean> {
      return (await identitiesOf(ctx.actor)).has(request.requestedBy);
    },
  };
}

const OUTCOME_LABELS: Record<RevocationOutcome, { ja: string; en: string }> = {
  approved: { ja: '承認', en: 'approved' },
  rejected: { ja: '却下', en: 'rejected' },
  withdrawn: { ja: '取下げ', en: 'withdrawn' },
};

function alreadyDecided(outcome: RevocationOutcome | null) {
  return outcome
    ? conflict(`この依頼は既に決定済みです（${OUTCOME_LABELS[outcome].ja}）。`, `This request was already decided (${OUTCOME_LABELS[outcome].en}).`, { outcome })
    : conflict('この依頼は同時に別の管理者が決定しました。', 'Another administrator decided this request at the same time.');
}

export type RevocationService = ReturnType<typeof createRevocationService>;
