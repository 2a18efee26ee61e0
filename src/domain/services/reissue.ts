import { isAdmin } from '../actor.js';
import { forbidden } from '../errors.js';
import type { Repositories } from '../../ports/repositories.js';
import type { CredentialStatus, CredentialStore, StoredCredential } from '../../ports/credential-store.js';
import { UniqueViolation, WriteConflict, type UnitOfWork, type WriteOp } from '../../ports/store.js';
import { auditEntry, type Clock, type RequestContext } from './context.js';

export interface ReissueDeps {
  store: Pick<CredentialStore, 'listLiveNotSignedBy' | 'countLiveNotSignedBy'>;
  credentials: { reissueOps(old: StoredCredential): Promise<{ credential: StoredCredential; ops: WriteOp[] }> };
  repos: Pick<Repositories, 'declarations' | 'awards' | 'audit'>;
  uow: UnitOfWork;
  clock: Clock;
  /** The key id new credentials are signed with (the fragment stored in credentials.key_id). */
  activeKeyId(): string;
}

export interface ReissueResult {
  keyId: string;
  reissued: number;
  /** Changed concurrently or not in line with its declaration/award: left for the next pass. */
  skipped: number;
  remaining: number;
}

const LIVE_DECLARATION: Partial<Record<string, CredentialStatus>> = { published: 'active', suspended: 'suspended' };
const LIVE_AWARD: Partial<Record<string, CredentialStatus>> = { active: 'active', suspended: 'suspended' };

/**
 * Re-issues every live declaration and award credential with the current signing key after a
 * rotation. Each credential switches in ONE batch (successor inserted with the same status bits,
 * old one superseded with its revocation bit set, the subject's row version bumped, an audit
 * entry), so progress lives in the data: an interrupted run leaves nothing half-done, and
 * running again continues with what is left. The batch is guarded twice: on the old
 * credential's status (a second runner, or a status change, makes it abort) and on the
 * declaration's or award's row version (so a concurrent lifecycle change that read the old
 * credential fails with 409 instead of touching a superseded credential).
 */
export function createReissueService(deps: ReissueDeps) {
  const { store, repos, uow, clock } = deps;

  /** The ops that keep the subject in step (row version bump, guarded), or null when it and the credential disagree. */
  async function subjectOps(old: StoredCredential): Promise<WriteOp[] | null> {
    if (old.subjectType === 'declaration') {
      const d = await repos.declarations.get(old.subjectId);
      if (!d || LIVE_DECLARATION[d.status] !== old.status || d.currentVersion !== old.subjectVersion) return null;
      return repos.declarations.update({ ...d, rowVersion: d.rowVersion + 1 }, d.rowVersion);
    }
    if (old.subjectType === 'award') {
      const a = await repos.awards.get(old.subjectId);
      if (!a || LIVE_AWARD[a.status] !== old.status) return null;
      return repos.awards.update({ ...a, rowVersion: a.rowVersion + 1 }, a.rowVersion);
    }
    return null;
  }

  async function reissueOne(ctx: RequestContext, old: StoredCredential): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const subject = await subjectOps(old);
      if (!subject) return false;
      const { credential, ops } = await deps.credentials.reissueOps(old);
      const at = clock.now().toISOString();
      try {
        await uow.commit([
          ...ops,
          ...subject,
          repos.audit.append(
            auditEntry(ctx, at, {
              action: 'credential.reissue',
              entityType: 'credential',
              entityId: old.id,
              before: { status: old.status, keyId: old.keyId, subjectType: old.subjectType, subjectId: old.subjectId },
              after: { status: 'superseded', successorId: credential.id, successorStatus: credential.status, keyId: credential.keyId },
            }),
          ),
        ]);
        return true;
      } catch (error) {
        // Someone else switched or changed it first: the next pass sees its new state.
        if (error instanceof WriteConflict) return false;
        // A status index picked at random was taken concurrently: pick again.
        if (error instanceof UniqueViolation && error.constraint.startsWith('status_entries') && attempt < 5) continue;
        throw error;
      }
    }
  }

  return {
    /** How many live credentials are still signed by an older key. */
    async remaining(): Promise<number> {
      return store.countLiveNotSignedBy(deps.activeKeyId());
    },

    /** One bounded slice: up to `limit` credentials, oldest first. */
    async run(ctx: RequestContext, { limit }: { limit: number }): Promise<ReissueResult> {
      if (!isAdmin(ctx.actor) && ctx.actor.role !== 'system') throw forbidden();
      const keyId = deps.activeKeyId();
      let reissued = 0;
      let skipped = 0;
      for (const old of await store.listLiveNotSignedBy(keyId, limit)) {
        if (await reissueOne(ctx, old)) reissued++;
        else skipped++;
      }
      return { keyId, reissued, skipped, remaining: await store.countLiveNotSignedBy(keyId) };
    },
  };
}

export type ReissueService = ReturnType<typeof createReissueService>;
