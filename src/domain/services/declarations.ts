import { japanDate } from '../japan-calendar.js';
import { actsFor, isAdmin, mayReview, seesPrivate, type Actor } from '../actor.js';
import { REVOCATION_REASONS, SUSPENSION_REASONS } from '../codes.js';
import { concurrentChange, conflict, forbidden, invalid, notFound, requireVersion, type VersionCondition } from '../errors.js';
import {
  AMENDABLE_STATUSES, STATUS_LABELS, isPublicDeclaration, TRANSITIONS, assertAllowed, illegalState, validityEnd, renewedEarly, type DeclarationAction,
  UNPUBLISHED_CONTENT_STATUSES, lapsedAt, publicDeclarationOf, publicStateOf, publicUpdatedAtOf, publishedVersionOf, type PublicDeclaration,
} from '../declaration-lifecycle.js';
import { normalizeDeclaration, type DeclarationInput } from '../declaration-rules.js';
import type { Declaration, DeclarationStatus, DeclarationVersion, Organization } from '../model.js';
import { UniqueViolation, type WriteOp } from '../../ports/store.js';
import { declarationEvent } from '../partners/change-events.js';
import { auditEntry, type RequestContext, type ServiceDeps } from './context.js';
import { commitChange } from './commit-change.js';

const DECLARATION = { ja: '宣言', en: 'Declaration' };

export interface ActionInput {
  reason?: string;
  note?: string;
}

const REASON_CODES: Partial<Record<DeclarationAction, readonly string[]>> = {
  revoke: Object.keys(REVOCATION_REASONS),
  suspend: SUSPENSION_REASONS,
};

/**
 * An organization holds one live declaration at a time (one badge per organization): it changes
 * by amendment (a new version) and comes back by renewal after expiry. Only withdrawn and revoked
 * declarations are over; a new one may follow them. The database enforces the same rule
 * (migrations/2026-11-30T1000-one-live-declaration.ts) for creations racing each other.
 */
const TERMINAL_STATUSES: readonly DeclarationStatus[] = ['withdrawn', 'revoked'];
const isLive = (declaration: Declaration) => !TERMINAL_STATUSES.includes(declaration.status);

/** Reviewers may publish and return; the other acts of the secretariat (suspend, revoke…) are administrators'. */
const REVIEW_ACTIONS: readonly string[] = ['publish', 'return'];

function mayTrigger(actor: Actor, action: string, by: 'organization' | 'secretariat' | 'system', organizationId: string) {
  if (by === 'organization') return actsFor(actor, organizationId);
  if (by === 'secretariat') return REVIEW_ACTIONS.includes(action) ? mayReview(actor) : isAdmin(actor);
  return actor.role === 'system';
}

/** The declaration lifecycle: create, amend (new version), and every state-changing action. */
export function createDeclarationService(deps: ServiceDeps) {
  const { repos, clock } = deps;

  /** Reads a declaration the actor may see; private states are invisible (404) to others. */
  async function view(actor: Actor, id: string): Promise<Declaration> {
    const declaration = await repos.declarations.get(id);
    if (!declaration) throw notFound(DECLARATION);
    if (!seesPrivate(actor, declaration.organizationId) && !isPublicDeclaration(declaration)) throw notFound(DECLARATION);
    return declaration;
  }

  /**
   * The declaration to act on (view): one whose validity ended before the expiry sweep reached it
   * is expired first, as the sweep would (its own batch and audit entry), so an action in the
   * seconds after 00:00 JST meets the state everyone has read since then (lapsedAt): a renewal
   * goes to review as after expiry instead of extending at once, an amendment is refused. With
   * the row version the caller may name (If-Match): the one read, which pages showing it as
   * expired already (asOf) were built from.
   */
  async function current(ctx: RequestContext, id: string, settle = true): Promise<{ declaration: Declaration; rowVersion: number }> {
    const before = await view(ctx.actor, id);
    if (!settle || !lapsedAt(before, clock.now())) return { declaration: before, rowVersion: before.rowVersion };
    const sweep: RequestContext = { actor: { role: 'system', process: 'expiry' }, requestId: ctx.requestId };
    // Lost to the sweep itself (or another change): the record read again has the state it won.
    await transition(sweep, before, 'expire', {}, []).catch(() => undefined);
    const settled = await view(ctx.actor, id);
    const onlyExpired = settled.status === 'expired' && settled.rowVersion === before.rowVersion + 1;
    return { declaration: settled, rowVersion: onlyExpired ? before.rowVersion : settled.rowVersion };
  }

  /**
   * The declaration as the public sees it (publicDeclarationOf): its last published version's
   * content, never a version that was not published; null when the public never saw it.
   */
  async function publicView(declaration: Declaration): Promise<PublicDeclaration | null> {
    if (!publicStateOf(declaration)) return null;
    const issued = UNPUBLISHED_CONTENT_STATUSES.includes(declaration.status) ? await deps.credentials.issuedVersions(declaration.id) : [];
    const version = publishedVersionOf(declaration, issued);
    if (version === null) return null;
    const published = version === declaration.currentVersion ? declaration : (await repos.declarations.versions(declaration.id)).find((v) => v.version === version);
    // As of now: one whose validity ended reads as expired before the sweep has run (lapsedAt).
    return publicDeclarationOf(declaration, published && { version, content: published.content }, clock.now());
  }

  /** What a change adds to its batch besides the record: the partners' change event and the organization's e-mail. */
  async function sideOps(action: string, before: Declaration | null, after: Declaration, organization: Organization): Promise<WriteOp[]> {
    const event = deps.outbox && declarationEvent({ action, before, after, organization }, deps.newId);
    const ops = event ? deps.outbox!.append(event) : [];
    // E-mail to the organization (returned, published, …) is queued in the same batch: never sent for a lost change.
    ops.push(...((await deps.notifications?.declarationChanged({ action, before, after, organization })) ?? []));
    return ops;
  }

  async function organizationOf(declaration: Declaration): Promise<Organization> {
    const organization = await repos.organizations.get(declaration.organizationId);
    if (!organization) throw notFound({ ja: '団体', en: 'Organization' });
    return organization;
  }

  const auditOf = (ctx: RequestContext, action: string, before: Declaration | null, after: Declaration) =>
    auditEntry(ctx, after.updatedAt, { action: `declaration.${action}`, entityType: 'declaration', entityId: after.id, before, after });

  /** Commits the change with its audit entry and credential ops (and `extraOps`, see commitChange); a lost race becomes 409. */
  async function commit(ctx: RequestContext, action: string, before: Declaration | null, after: Declaration, ops: WriteOp[], extraOps: readonly WriteOp[] = []) {
    const organization = await organizationOf(after);
    const eventOps = await sideOps(action, before, after, organization);
    await commitChange(deps, {
      ops,
      credentialOps: () => deps.credentials.forDeclaration({ before, after, organization }),
      eventOps,
      audit: auditOf(ctx, action, before, after),
      extraOps,
      lostRace: () => lostRace(action, after.id),
    });
  }

  /**
   * The 409 for a change that lost a race on its record, with the state it has now: the action
   * refused by that state as if it had been read first, or else "retry".
   */
  async function lostRace(action: string, id: string) {
    const current = await repos.declarations.get(id);
    if (!current) return concurrentChange();
    if (action in TRANSITIONS && !TRANSITIONS[action as DeclarationAction].from.includes(current.status)) return illegalState(action as DeclarationAction, current.status);
    const retry = concurrentChange();
    return conflict(retry.ja, retry.en, { currentStatus: current.status });
  }

  /** Checks an amendment may be made (the caller's, the row version, the state) and builds its new version. */
  async function amendment(ctx: RequestContext, id: string, input: DeclarationInput, ifMatch: VersionCondition | undefined, then?: DeclarationAction) {
    const { declaration: before, rowVersion } = await current(ctx, id);
    if (!actsFor(ctx.actor, before.organizationId)) throw forbidden();
    requireVersion(ifMatch, rowVersion);
    if (then) assertAllowed(then, before.status);
    if (!AMENDABLE_STATUSES.includes(before.status)) throw illegalState('amend', before.status);
    const content = normalizeDeclaration(input, japanDate(clock.now().toISOString())!);
    // The same content again (a form saved twice) is no new version: a new one would re-issue the
    // badge and supersede the credential behind every printed QR code.
    if (sameContent(content, before.content)) return { before, after: before, ops: [], unchanged: true };
    const now = clock.now().toISOString();
    const amended: Declaration = { ...before, content, currentVersion: before.currentVersion + 1, rowVersion: before.rowVersion + 1, updatedAt: now };
    const after: Declaration = { ...amended, publicUpdatedAt: publicUpdatedAtOf(before, amended) };
    const version: DeclarationVersion = { version: after.currentVersion, content, createdAt: now, createdBy: actorLabel(ctx.actor) };
    return { before, after, ops: repos.declarations.update(after, before.rowVersion, version), unchanged: false };
  }

  /** Moves a declaration through `action` and commits it; `extraOps` go first in the same batch. */
  async function transition(ctx: RequestContext, before: Declaration, action: DeclarationAction, input: ActionInput, extraOps: readonly WriteOp[]) {
    const rule = TRANSITIONS[action];
    const now = clock.now();
    const at = now.toISOString();
    // Renewed before it expires: it stays published, valid for another period from its old end.
    const early = action === 'renew' && before.status === 'published' ? renewedEarly(before, now, deps.validityMonths) : null;
    const after: Declaration = {
      ...before,
      ...early,
      status: early ? 'published' : rule.to,
      rowVersion: before.rowVersion + 1,
      updatedAt: at,
      statusReason: rule.needsReason ? input.reason ?? null : action === 'reinstate' ? null : before.statusReason,
      statusNote: input.note?.trim() || (rule.needsReason ? null : before.statusNote),
    };
    if (action === 'submit' || action === 'renew') after.submittedAt = at;
    after.publicUpdatedAt = publicUpdatedAtOf(before, after);
    if (action === 'publish') {
      after.publishedAt = at;
      after.validFrom = at;
      after.validUntil = validityEnd(now, deps.validityMonths).toISOString();
      after.statusReason = null;
      after.statusNote = null;
    }
    const ops = repos.declarations.update(after, before.rowVersion);
    if (action === 'publish') ops.push(repos.organizations.markListed(before.organizationId));
    await commit(ctx, action, before, after, ops, extraOps);
    return after;
  }

  /**
   * The day each suspended declaration was suspended: its declaration.suspend audit entry's time,
   * written in the suspension's batch. Not updatedAt, which an amendment (allowed while suspended)
   * moves. A row with no such entry (seeded directly) falls back to updatedAt. One query for all.
   */
  async function suspendedAt(declarations: readonly Declaration[]): Promise<Map<string, string>> {
    const suspended = declarations.filter((d) => d.status === 'suspended');
    const logged = await repos.audit.lastActionAt('declaration', 'declaration.suspend', suspended.map((d) => d.id));
    return new Map(suspended.map((d) => [d.id, logged.get(d.id) ?? d.updatedAt]));
  }

  return {
    view,
    publicView,
    suspendedAt,

    /**
     * A declaration as `actor` may read it: whole for its organization and the secretariat, as the
     * public sees it (publicView) for anyone else; 404 when the public never saw it.
     */
    async read(actor: Actor, id: string): Promise<{ declaration: Declaration; full: boolean; renewalUnderReview: boolean }> {
      const declaration = await repos.declarations.get(id);
      if (!declaration) throw notFound(DECLARATION);
      if (seesPrivate(actor, declaration.organizationId)) return { declaration, full: true, renewalUnderReview: publicStateOf(declaration)?.renewalUnderReview ?? false };
      const shown = await publicView(declaration);
      if (!shown) throw notFound(DECLARATION);
      return { ...shown, full: false };
    },

    /** A new draft; 409 naming the existing one while the organization has a live declaration. */
    async create(ctx: RequestContext, organizationId: string, input: DeclarationInput): Promise<Declaration> {
      const organization = await repos.organizations.get(organizationId);
      if (!organization) throw notFound({ ja: '団体', en: 'Organization' });
      if (!actsFor(ctx.actor, organizationId)) throw forbidden();
      const content = normalizeDeclaration(input, japanDate(clock.now().toISOString())!);
      const liveDeclaration = async () => (await repos.declarations.listByOrganization(organizationId)).find(isLive);
      const existing = await liveDeclaration();
      if (existing) throw alreadyDeclared(existing);
      const now = clock.now().toISOString();
      const declaration: Declaration = {
        id: deps.newId(),
        organizationId,
        status: 'draft',
        currentVersion: 1,
        rowVersion: 1,
        validFrom: null,
        validUntil: null,
        submittedAt: null,
        publishedAt: null,
        statusReason: null,
        statusNote: null,
        createdAt: now,
        updatedAt: now,
        publicUpdatedAt: now,
        content,
      };
      const version: DeclarationVersion = { version: 1, content, createdAt: now, createdBy: actorLabel(ctx.actor) };
      try {
        await commit(ctx, 'create', null, declaration, repos.declarations.insert(declaration, version));
      } catch (error) {
        // Another creation for the same organization committed first (the database's backstop).
        if (error instanceof UniqueViolation && error.constraint === 'declarations.organization_id') {
          const winner = await liveDeclaration();
          throw winner ? alreadyDeclared(winner) : concurrentChange();
        }
        throw error;
      }
      return declaration;
    },

    /** An amendment is a new version; earlier versions stay as they were. */
    async amend(ctx: RequestContext, id: string, input: DeclarationInput, ifMatch?: VersionCondition): Promise<Declaration> {
      const { before, after, ops, unchanged } = await amendment(ctx, id, input, ifMatch);
      if (!unchanged) await commit(ctx, 'amend', before, after, ops);
      return after;
    },

    /** A draft's new content submitted at once (the web form's 「提出」): the version and the submission commit together or not at all. */
    async amendAndSubmit(ctx: RequestContext, id: string, input: DeclarationInput, ifMatch?: VersionCondition): Promise<Declaration> {
      const { before, after: amended, ops, unchanged } = await amendment(ctx, id, input, ifMatch, 'submit');
      if (unchanged) return transition(ctx, before, 'submit', {}, []);
      // Only a draft may be submitted, and a draft holds no credential: the amendment issues none.
      const amendOps = [...ops, ...(await sideOps('amend', before, amended, await organizationOf(before))), repos.audit.append(auditOf(ctx, 'amend', before, amended))];
      return transition(ctx, amended, 'submit', {}, amendOps);
    },

    /** `extraOps` commit in the change's batch (an approved revocation request: src/domain/services/revocations.ts). */
    async act(ctx: RequestContext, id: string, action: DeclarationAction, input: ActionInput = {}, ifMatch?: VersionCondition, extraOps: readonly WriteOp[] = []): Promise<Declaration> {
      const { declaration: before, rowVersion } = await current(ctx, id, action !== 'expire');
      if (!mayTrigger(ctx.actor, action, TRANSITIONS[action].by, before.organizationId)) throw forbidden();
      requireVersion(ifMatch, rowVersion);
      assertAllowed(action, before.status);
      checkReason(action, TRANSITIONS[action].needsReason, input);
      return transition(ctx, before, action, input, extraOps);
    },

    versions: (id: string) => repos.declarations.versions(id),

    /** Expires every published or suspended declaration whose validity has ended. Returns how many. */
    async expireDue(ctx: RequestContext): Promise<number> {
      if (!isAdmin(ctx.actor) && ctx.actor.role !== 'system') throw forbidden();
      const system: RequestContext = { actor: { role: 'system', process: 'expiry' }, requestId: ctx.requestId };
      let expired = 0;
      for (;;) {
        const due = await repos.declarations.dueForExpiry(clock.now().toISOString(), 100);
        const before = expired;
        for (const declaration of due) {
          try {
            await this.act(system, declaration.id, 'expire');
            expired++;
          } catch {
            // Changed concurrently (e.g. revoked meanwhile): the next pass sees its new state.
          }
        }
        if (expired === before) {
          // Same schedule as expiry (Node's sweep, the Worker's cron, POST /api/v1/admin/expire-due): renewal reminders.
          await deps.notifications?.remindRenewals();
          return expired;
        }
      }
    },
  };
}

/** What the organization does instead of declaring again, by the state of its live declaration. */
type LiveStatus = Exclude<DeclarationStatus, 'withdrawn' | 'revoked'>;
const NEXT_STEP: Record<LiveStatus, (path: string) => { ja: string; en: string }> = {
  draft: (path) => ({ ja: `その宣言を修正（PUT ${path}）してから提出してください`, en: `edit it (PUT ${path}) and submit it` }),
  published: (path) => ({ ja: `その宣言を改訂（PUT ${path}、新しい版になります）してください`, en: `amend it (PUT ${path}, a new version)` }),
  suspended: (path) => ({ ja: `その宣言を改訂（PUT ${path}、新しい版になります）してください`, en: `amend it (PUT ${path}, a new version)` }),
  submitted: (path) => ({ ja: `審査の結果を待ってから、その宣言を改訂（PUT ${path}）してください`, en: `wait for the review, then amend it (PUT ${path})` }),
  expired: (path) => ({ ja: `その宣言を更新（POST ${path}/renew）してください`, en: `renew it (POST ${path}/renew)` }),
};

function alreadyDeclared(existing: Declaration) {
  const label = STATUS_LABELS[existing.status];
  const next = NEXT_STEP[existing.status as LiveStatus](`/api/v1/declarations/${existing.id}`);
  return conflict(
    `この団体には既に宣言があります（ID: ${existing.id}、状態: ${label.ja}）。取下げ・取消となったものを除き、1つの団体が持てる宣言は1件です。新しく作成せず、${next.ja}。`,
    `This organization already has a declaration (id ${existing.id}, status "${existing.status}"); an organization holds one declaration at a time, unless it was withdrawn or revoked. Instead of creating another, ${next.en}.`,
    { existingDeclaration: { id: existing.id, status: existing.status } },
  );
}

function checkReason(action: DeclarationAction, needsReason: boolean, input: ActionInput) {
  if (!needsReason) return;
  const allowed = REASON_CODES[action];
  if (!input.reason || !input.reason.trim()) {
    throw invalid([{ field: '/reason', ja: 'この操作には理由（reason）が必要です。', en: `reason is required to ${action}.` }]);
  }
  if (allowed && !allowed.includes(input.reason)) {
    throw invalid([{ field: '/reason', ja: `理由コードは ${allowed.join(', ')} のいずれかです。`, en: `reason must be one of ${allowed.join(', ')}.` }]);
  }
}

const actorLabel = (actor: Actor) =>
  actor.role === 'admin' || actor.role === 'organization' ? `${actor.role}:${actor.tokenId}` : actor.role === 'system' ? `system:${actor.process}` : 'public';

export type DeclarationService = ReturnType<typeof createDeclarationService>;

/** Whether two declarations' contents say the same, whatever the order of their keys. */
function sameContent(a: unknown, b: unknown): boolean {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(sorted) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, v]) => [k, sorted(v)])) : value;
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}
