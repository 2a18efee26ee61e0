import type { Account, Invitation, Membership, Passkey, Session } from '../domain/accounts/model.js';
import type { WriteOp } from './store.js';

/**
 * Accounts, memberships, passkeys and invitations. Reads return domain objects; writes are
 * WriteOps committed with their audit entry in one batch (as every other repository).
 */
export interface AccountRepository {
  get(id: string): Promise<Account | null>;
  /** The accounts with these ids that exist, in any order: a page naming many people reads them together, not one query each. */
  getMany(ids: readonly string[]): Promise<Account[]>;
  findByOidcSubject(issuer: string, subject: string): Promise<Account | null>;
  insert(account: Account): WriteOp;
  recordSignIn(id: string, at: string, changes?: { email?: string | null; displayName?: string }): WriteOp;
  /** The person's own correction of their name and e-mail address. */
  updateProfile(id: string, profile: { displayName: string; email: string | null }): WriteOp;

  memberships(accountId: string): Promise<Membership[]>;
  membership(organizationId: string, accountId: string): Promise<Membership | null>;
  /** The organization's members with their accounts, owners first. */
  members(organizationId: string): Promise<{ membership: Membership; account: Account }[]>;
  addMember(membership: Membership): WriteOp;
  /**
   * Guarded: aborts the batch when the member was already gone, or, with `keepAnOwner`, when they
   * are an owner and no other owner remains (two owners removing each other at once).
   */
  removeMember(organizationId: string, accountId: string, options?: { keepAnOwner?: boolean }): WriteOp[];
  /** When an owner or administrator removed the account from the organization, if they did and no invitation brought it back since. */
  removedAt(organizationId: string, accountId: string): Promise<string | null>;
  /** Keeps the account out of the organization at GビズID sign-in (a second removal keeps the latest time). */
  recordRemoval(organizationId: string, accountId: string, at: string): WriteOp;
  /** An invitation accepted: the account may be a member again. */
  clearRemoval(organizationId: string, accountId: string): WriteOp;

  passkeys(accountId: string): Promise<Passkey[]>;
  passkey(id: string): Promise<Passkey | null>;
  addPasskey(passkey: Passkey): WriteOp;
  /** Guarded on the old counter, so a cloned authenticator racing the real one loses. */
  usePasskey(id: string, oldCounter: number, newCounter: number, at: string): WriteOp[];
  /** Guarded: aborts the batch when the passkey is gone or is the account's last way in (no other passkey, no GビズID). */
  removePasskey(accountId: string, id: string): WriteOp[];

  invitation(tokenHash: string): Promise<Invitation | null>;
  /** The organization's 50 newest invitations, for its members page. */
  invitations(organizationId: string): Promise<Invitation[]>;
  /** The organization's invitation `id` while it is open (unused, unexpired at `at`), however old. */
  openInvitation(organizationId: string, id: string, at: string): Promise<Invitation | null>;
  /** Every open invitation of the organization (unused, unexpired at `at`) that `createdBy` made. */
  openInvitationsBy(organizationId: string, createdBy: string, at: string): Promise<Invitation[]>;
  /** The organization's live invitation (unused, not cancelled, unexpired at `at`) to `email`, compared without case, if any. */
  liveInvitationTo(organizationId: string, email: string, at: string): Promise<Invitation | null>;
  /**
   * Guarded when the invitation names an e-mail address: aborts the batch while a live invitation
   * of the organization to that address stands (two identical requests at once make one).
   */
  insertInvitation(invitation: Invitation, tokenHash: string): WriteOp[];
  /** Guarded: only an unused, unexpired invitation can be used, once. */
  useInvitation(id: string, at: string, accountId: string): WriteOp[];
  /** Guarded: only an unused, unexpired invitation of that organization; its link then reads as expired. */
  cancelInvitation(organizationId: string, id: string, at: string): WriteOp[];
}

/** Server-side sessions, keyed by the SHA-256 of the id in the cookie. */
export interface SessionStore {
  get(idHash: string): Promise<Session | null>;
  insert(idHash: string, session: Session): WriteOp;
  touch(idHash: string, at: number): Promise<void>;
  setOrganization(idHash: string, organizationId: string): Promise<void>;
  delete(idHash: string): WriteOp;
  /** Ends every session of an account (a removed member, a removed passkey), but the one whose id hash is `except`. */
  deleteForAccount(accountId: string, except?: string): WriteOp;
  /** Deletes sessions past their absolute end, and sign-in flows past theirs. */
  purgeExpired(now: number): Promise<void>;
}

/**
 * The short-lived state of a sign-in in progress (OIDC state, nonce and PKCE verifier; WebAuthn
 * challenges), tied to the browser by a cookie. `take` reads and deletes it in one statement, so
 * a flow can be completed once: a replayed callback finds nothing.
 */
export interface AuthFlowStore {
  put(idHash: string, kind: string, data: unknown, expiresAt: number): Promise<void>;
  take(idHash: string, kind: string, now: number): Promise<unknown | null>;
  /** Reads it without using it up: a form kept for a while (a self-registration) is shown, and refused, more than once. */
  peek(idHash: string, kind: string, now: number): Promise<unknown | null>;
}
