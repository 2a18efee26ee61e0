import type { Session, SignInMethod } from '../accounts/model.js';
import { randomSecret, secretHash } from '../accounts/secrets.js';
import type { SessionStore } from '../../ports/accounts.js';
import type { UnitOfWork, WriteOp } from '../../ports/store.js';
import type { Clock } from './context.js';

export interface SessionSettings {
  /** A session unused this long ends (default 30 minutes). */
  idleMs: number;
  /** A session ends this long after sign-in, however busy (default 12 hours). */
  absoluteMs: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };

/** Writing last_seen_at on every request would cost a write per page; once a minute is enough for the idle timeout. */
const TOUCH_EVERY_MS = 60_000;

export interface ResolvedSession {
  idHash: string;
  session: Session;
}

/**
 * Server-side sessions (they work on D1 as on SQLite). The browser holds a random id; the
 * database holds its SHA-256, so a leaked database copy opens no session. A new id at every
 * sign-in (no fixation); idle and absolute timeouts; sign-out deletes the row.
 */
export function createSessionService({ store, uow, clock, settings }: { store: SessionStore; uow: UnitOfWork; clock: Clock; settings: SessionSettings }) {
  return {
    settings,

    /** The ops that open a session, to commit with the sign-in's audit entry; `id` goes into the cookie. */
    async open(accountId: string, organizationId: string | null, method: SignInMethod): Promise<{ id: string; ops: WriteOp[] }> {
      const id = randomSecret();
      const now = clock.now().getTime();
      const session: Session = { accountId, organizationId, csrfToken: randomSecret(), method, createdAt: now, lastSeenAt: now, expiresAt: now + settings.absoluteMs };
      return { id, ops: [store.insert(await secretHash(id), session)] };
    },

    /** The live session for a cookie value, or null (unknown, idle too long, or past its absolute end). */
    async resolve(id: string | undefined): Promise<ResolvedSession | null> {
      if (!id || id.length > 100) return null;
      const idHash = await secretHash(id);
      const session = await store.get(idHash);
      if (!session) return null;
      const now = clock.now().getTime();
      if (now >= session.expiresAt || now - session.lastSeenAt >= settings.idleMs) {
        await uow.commit([store.delete(idHash)]);
        return null;
      }
      if (now - session.lastSeenAt >= TOUCH_EVERY_MS) await store.touch(idHash, now);
      return { idHash, session };
    },

    async setOrganization(resolved: ResolvedSession, organizationId: string) {
      await store.setOrganization(resolved.idHash, organizationId);
    },

    end(idHash: string): WriteOp {
      return store.delete(idHash);
    },

    /** Every session of the account ends, but `except` (the id hash of the one that asked, when it stays). */
    endAllFor(accountId: string, except?: string): WriteOp {
      return store.deleteForAccount(accountId, except);
    },

    purgeExpired() {
      return store.purgeExpired(clock.now().getTime());
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
