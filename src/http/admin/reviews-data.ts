// What the review pages read: the queue (oldest submission first) and, for one declaration, its
// organization, versions, lifecycle, notes and the version the public saw last.
import type { AuditEntry, Declaration, DeclarationContent, DeclarationVersion, Organization } from '../../domain/model.js';
import type { RequestContext } from '../../domain/services/index.js';
import { INTERNAL_AUDIT_ACTIONS, type ReviewNote } from '../../domain/services/review-notes.js';
import { selfRegistrationOf, type SelfRegistered } from './self-registered.js';
import { notFound } from '../../domain/errors.js';
import { asOf } from '../../domain/declaration-lifecycle.js';
import type { Registry } from '../../registry.js';
import type { Repositories } from '../../ports/repositories.js';

export const QUEUE_PAGE_SIZE = 50;

/**
 * Why this declaration is under review: the organization's first; a renewal of this very
 * declaration (it was published before, expired and was renewed); or a new declaration after an
 * earlier published one of the same organization was withdrawn or revoked.
 */
export type ReviewKind = 'first' | 'renewal' | 'redeclaration';

export interface QueueItem {
  declaration: Declaration;
  organization: Organization | null;
  kind: ReviewKind;
}

/**
 * The declaration whose last public version this one follows, if any (see ReviewKind).
 * `publishedBefore`: whether the declaration itself was public before its last submission; in the
 * queue (submitted, not yet decided) that is having been published at all.
 */
function predecessorOf<D extends Pick<Declaration, 'id' | 'publishedAt'>>(declaration: Declaration, organizationDeclarations: D[], publishedBefore = declaration.publishedAt !== null): { kind: ReviewKind; earlier: Declaration | D | null } {
  if (publishedBefore) return { kind: 'renewal', earlier: declaration };
  const earlier = organizationDeclarations
    .filter((d) => d.id !== declaration.id && d.publishedAt !== null)
    .sort((a, b) => (a.publishedAt! < b.publishedAt! ? 1 : -1))[0];
  return earlier ? { kind: 'redeclaration', earlier } : { kind: 'first', earlier: null };
}

/** One page of submitted declarations, oldest submission first. */
export async function reviewQueue(repos: Repositories, cursor: string | null): Promise<{ items: QueueItem[]; nextCursor: string | null }> {
  const page = await repos.declarations.search({ statuses: ['submitted'], order: 'submitted', limit: QUEUE_PAGE_SIZE, cursor });
  const ids = [...new Set(page.items.map((d) => d.organizationId))];
  // The page's organizations and their published declarations read together: two queries a row
  // (each organization, every declaration with its text) were ~20 ms of CPU a page at 100,000.
  const [organizations, published] = await Promise.all([repos.organizations.getMany(ids), repos.declarations.publishedOnceIn(ids)]);
  const byId = new Map(organizations.map((o) => [o.id, o]));
  const items = page.items.map((declaration) => {
    const theirs = published.filter((d) => d.organizationId === declaration.organizationId);
    return { declaration, organization: byId.get(declaration.organizationId) ?? null, kind: predecessorOf(declaration, theirs).kind };
  });
  return { items, nextCursor: page.nextCursor };
}

/** Every audit entry about the declaration, oldest first (a declaration has tens, not thousands). */
async function auditOf(registry: Registry, ctx: RequestContext, declarationId: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | null = null;
  do {
    const page = await registry.audit.list(ctx, { entityType: 'declaration', entityId: declarationId, limit: 500, cursor });
    entries.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return entries;
}

const PUBLIC_NOW = ['published', 'suspended'];

/**
 * The version the public saw last: the current version of the last change that left the
 * declaration published (or suspended), as the audit log recorded it. Records without that
 * trail (imported ones) fall back to the last version written before it was published.
 */
const statusAfter = (entry: AuditEntry) => (entry.after as Partial<Declaration> | null)?.status ?? '';

function lastPublicVersion(declaration: Declaration, entries: AuditEntry[], versions: DeclarationVersion[]): DeclarationVersion | null {
  const last = [...entries].reverse().find((e) => PUBLIC_NOW.includes(statusAfter(e)));
  const number = (last?.after as Partial<Declaration> | undefined)?.currentVersion;
  const found = number !== undefined ? versions.find((v) => v.version === number) : undefined;
  if (found) return found;
  const publishedAt = declaration.publishedAt;
  return publishedAt ? (versions.filter((v) => v.createdAt <= publishedAt).at(-1) ?? null) : null;
}

/**
 * The audit entries written before the declaration's last submission: what the review was about.
 * Once decided (published, returned…) the page is still opened, by a second click or from the log,
 * and must not take the decision itself for an earlier publication (a first declaration shown as
 * the renewal of itself, compared with itself).
 */
const beforeSubmission = (declaration: Declaration, entries: AuditEntry[]) =>
  declaration.status === 'submitted' || !declaration.submittedAt ? entries : entries.filter((e) => e.at < declaration.submittedAt!);

export interface Review {
  declaration: Declaration;
  organization: Organization;
  membersCount: number;
  /** Members' names by account id: who wrote a version or acted, as /my/history names them. */
  memberNames: Map<string, string>;
  kind: ReviewKind;
  versions: DeclarationVersion[];
  /** The declaration's lifecycle as the audit log has it (creation, versions, submissions, decisions), oldest first; no notes. */
  history: AuditEntry[];
  notes: ReviewNote[];
  /** What the public saw last: this declaration's (renewal) or the earlier one's (redeclaration); null for a first declaration. */
  lastPublished: { declarationId: string; version: number; createdAt: string; content: DeclarationContent } | null;
  /**
   * When the organization registered itself with GビズID (not the secretariat): when, and who. Its
   * name and address are then its own typing, which the review checks against its 法人番号.
   */
  selfRegistered: SelfRegistered;
}


/** Everything the review page shows about one declaration (any staff member). */
export async function loadReview(registry: Registry, ctx: RequestContext, declarationId: string): Promise<Review> {
  const { repos } = registry.deps;
  const declaration = await registry.declarations.view(ctx.actor, declarationId);
  const organization = await repos.organizations.get(declaration.organizationId);
  if (!organization) throw notFound({ ja: '団体', en: 'Organization' });
  const [all, members, versions, entries, notes, selfRegistered] = await Promise.all([
    repos.declarations.listByOrganization(organization.id),
    registry.web.accounts.members(ctx, organization.id),
    registry.declarations.versions(declaration.id),
    auditOf(registry, ctx, declaration.id),
    registry.web.reviewNotes.list(ctx, declaration.id),
    selfRegistrationOf(registry, ctx, organization.id),
  ]);
  const reviewed = beforeSubmission(declaration, entries);
  const publishedBefore = reviewed === entries ? declaration.publishedAt !== null : reviewed.some((e) => PUBLIC_NOW.includes(statusAfter(e)));
  const { kind, earlier } = predecessorOf(declaration, all, publishedBefore);
  let lastPublished: Review['lastPublished'] = null;
  if (earlier) {
    const [earlierVersions, earlierEntries] = earlier.id === declaration.id ? [versions, reviewed] : await Promise.all([registry.declarations.versions(earlier.id), auditOf(registry, ctx, earlier.id)]);
    const version = lastPublicVersion(earlier, earlierEntries, earlierVersions);
    if (version) lastPublished = { declarationId: earlier.id, version: version.version, createdAt: version.createdAt, content: version.content };
  }
  return {
    // As of now: 期限切れ from 00:00 JST after the last day, as /v says, before the sweep has stored it.
    declaration: asOf(declaration, registry.deps.clock.now()),
    organization,
    membersCount: members.length,
    memberNames: new Map(members.map((m) => [m.account.id, m.account.displayName])),
    kind,
    versions,
    history: entries.filter((e) => !INTERNAL_AUDIT_ACTIONS.includes(e.action)),
    notes,
    lastPublished,
    selfRegistered,
  };
}
