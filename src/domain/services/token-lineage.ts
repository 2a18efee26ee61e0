import { accountActorRef, type Account, type MemberRole } from '../accounts/model.js';
import { ADMIN_TOKEN_ISSUER, staffInvitationState, type StaffInvitationState, type StaffRole } from '../accounts/staff.js';
import type { ApiToken } from '../model.js';
import type { TokenRepository } from '../../ports/repositories.js';

/** A token made by one of the actors (its token.create entry names the actor that minted it). */
export type CreatedToken = Pick<ApiToken, 'id' | 'label' | 'role' | 'organizationId' | 'createdAt' | 'revokedAt'> & { createdBy: string };

export interface CreatedInvitation {
  id: string;
  name: string;
  email: string | null;
  role: StaffRole;
  createdAt: string;
  expiresAt: string;
  state: StaffInvitationState;
  createdBy: string;
  usedBy: string | null;
}

/** An invitation to an organization (a member's link; a cancelled one reads as expired). */
export interface CreatedOrganizationInvitation {
  id: string;
  organizationId: string;
  role: MemberRole;
  email: string | null;
  createdAt: string;
  expiresAt: string;
  state: 'open' | 'used' | 'expired';
  createdBy: string;
  /** The account that joined the organization through it. */
  usedBy: string | null;
}

/** An account that joined the staff through one of the invitations (its current role: null once removed). */
export interface CreatedAccount {
  id: string;
  name: string;
  email: string | null;
  staffRole: StaffRole | null;
  invitationId: string;
  createdBy: string;
}

/** What some actors made, and what that made in turn, down the line. */
export interface Creations {
  tokens: CreatedToken[];
  invitations: CreatedInvitation[];
  /** Invitations to organizations: used ones made someone a member (removed on the organization's members page). */
  organizationInvitations: CreatedOrganizationInvitation[];
  accounts: CreatedAccount[];
}

const ACCOUNT_REF = accountActorRef('');

/** How far the walk goes: a registry's staff and tokens are far fewer; this only bounds a loop. */
const MOST = 1000;

/** The references an administrator token acts under: its own id, and `account:<id>` of the back-office account it opened. */
export async function refsOfToken(tokens: TokenRepository, tokenId: string): Promise<string[]> {
  return [tokenId, ...(await tokens.accountsOpenedBy([tokenId])).map((a) => accountActorRef(a.id))];
}

/**
 * Everything made from the given actor references (token ids, `account:<id>`): the tokens they
 * minted, the staff invitations they sent and the accounts that joined through those, then what
 * each of those made, and so on. A token acts as itself and as the account it opened at
 * /admin/login; an invited account acts as `account:<id>`.
 */
export async function creationsOf(tokens: TokenRepository, roots: readonly string[], now: string): Promise<Creations> {
  const seen = new Set(roots);
  const made = {
    tokens: new Map<string, CreatedToken>(), invitations: new Map<string, CreatedInvitation>(),
    organizationInvitations: new Map<string, CreatedOrganizationInvitation>(), accounts: new Map<string, CreatedAccount>(),
  };
  let frontier = [...roots];
  while (frontier.length > 0 && seen.size < MOST) {
    const next: string[] = [];
    const visit = (ref: string) => {
      if (!seen.has(ref)) (seen.add(ref), next.push(ref));
    };
    const found = await tokens.createdBy(frontier);
    const newTokens = found.tokens.filter((t) => !made.tokens.has(t.id));
    for (const t of newTokens) {
      made.tokens.set(t.id, { id: t.id, label: t.label, role: t.role, organizationId: t.organizationId, createdAt: t.createdAt, revokedAt: t.revokedAt, createdBy: t.createdBy });
      visit(t.id);
    }
    const admin = newTokens.filter((t) => t.role === 'admin').map((t) => t.id);
    for (const account of admin.length > 0 ? await tokens.accountsOpenedBy(admin) : []) visit(accountActorRef(account.id));
    const newInvitations = found.invitations.filter((i) => !made.invitations.has(i.id));
    for (const i of newInvitations) {
      made.invitations.set(i.id, { id: i.id, name: i.name, email: i.email, role: i.role, createdAt: i.createdAt, expiresAt: i.expiresAt, state: staffInvitationState(i, now), createdBy: i.createdBy, usedBy: i.usedBy });
    }
    for (const i of found.organizationInvitations) {
      const state = i.usedAt ? 'used' : i.expiresAt <= now ? 'expired' : 'open';
      made.organizationInvitations.set(i.id, { id: i.id, organizationId: i.organizationId, role: i.role, email: i.email, createdAt: i.createdAt, expiresAt: i.expiresAt, state, createdBy: i.createdBy, usedBy: i.usedBy });
    }
    const joined = newInvitations.filter((i) => i.usedBy !== null);
    const accounts = joined.length > 0 ? await tokens.accounts(joined.map((i) => i.usedBy!)) : [];
    for (const invitation of joined) {
      const account = accounts.find((a) => a.id === invitation.usedBy);
      const ref = account && accountActorRef(account.id);
      if (!account || !ref || roots.includes(ref) || made.accounts.has(account.id)) continue;
      made.accounts.set(account.id, { id: account.id, name: account.displayName, email: account.email, staffRole: account.staffRole, invitationId: invitation.id, createdBy: invitation.createdBy });
      visit(ref);
    }
    frontier = next;
  }
  return {
    tokens: [...made.tokens.values()], invitations: [...made.invitations.values()],
    organizationInvitations: [...made.organizationInvitations.values()], accounts: [...made.accounts.values()],
  };
}

/** Who stands behind an actor reference: see holderOf. */
export interface Holder {
  /** The named account (`account:<id>`) or the token the system made (the bootstrap token) the chain ends at. */
  root: string;
  /** That account, when the chain ends at one. */
  account: Account | null;
}

/** How long a chain of minted tokens may be before it is taken for a loop (none is this long). */
const LONGEST_CHAIN = 50;

/**
 * The person an actor reference stands for. A token is in the hand of whoever minted it, and the
 * account a token opened at /admin/login is that token's: so the chain is followed up through
 * token.create entries and token sign-ins to a named account (one that joined through an
 * invitation or the staff's OpenID Connect provider) or to a token the system made.
 */
export async function holderOf(tokens: TokenRepository, ref: string): Promise<Holder> {
  let current = ref;
  for (let step = 0; step < LONGEST_CHAIN; step++) {
    if (current.startsWith(ACCOUNT_REF)) {
      const [account] = await tokens.accounts([current.slice(ACCOUNT_REF.length)]);
      if (account?.oidcIssuer === ADMIN_TOKEN_ISSUER && account.oidcSubject) current = account.oidcSubject;
      else return { root: current, account: account ?? null };
    } else {
      const creator = await tokens.creatorOf(current);
      if (!creator) return { root: current, account: null };
      current = creator;
    }
  }
  return { root: current, account: null };
}

/** The holders (see holderOf) of whoever sent the invitations this named account joined through. */
export async function invitersOf(tokens: TokenRepository, holder: Holder): Promise<string[]> {
  if (!holder.account) return [];
  const invitations = await tokens.invitationsUsedBy(holder.account.id);
  return Promise.all(invitations.map(async (i) => (await holderOf(tokens, i.createdBy)).root));
}
