import { sql, type Kysely } from 'kysely';
import type { Account, Invitation, Membership, MemberRole, Passkey, Session, SignInMethod } from '../../domain/accounts/model.js';
import type { StaffRole } from '../../domain/accounts/staff.js';
import type { AccountRepository, AuthFlowStore, SessionStore } from '../../ports/accounts.js';
import type { AccountRow, InvitationRow, PasskeyRow, SessionRow } from './account-schema.js';
import type { Database } from './schema.js';
import { inChunks } from './chunks.js';
import { fixedRows, GUARD_OP, insertUnlessOps, toOp } from './ops.js';

/** An organization's members with their accounts, owners first. */
const MEMBERS_SQL = `SELECT m.organization_id, m.account_id, m.role, m.created_at AS joined_at,
  a.id, a.display_name, a.email, a.oidc_issuer, a.oidc_subject, a.created_at, a.last_sign_in_at, a.staff_role
  FROM memberships AS m INNER JOIN accounts AS a ON a.id = m.account_id
  WHERE m.organization_id = ? ORDER BY m.role = 'owner' DESC, m.created_at`;
type MemberRow = AccountRow & { organization_id: string; account_id: string; role: string; joined_at: string };

export const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  displayName: row.display_name,
  email: row.email,
  oidcIssuer: row.oidc_issuer,
  oidcSubject: row.oidc_subject,
  createdAt: row.created_at,
  lastSignInAt: row.last_sign_in_at,
  staffRole: row.staff_role as StaffRole | null,
});

const toMembership = (row: { organization_id: string; account_id: string; role: string; created_at: string }): Membership => ({
  organizationId: row.organization_id,
  accountId: row.account_id,
  role: row.role as MemberRole,
  createdAt: row.created_at,
});

const toPasskey = (row: PasskeyRow): Passkey => ({
  id: row.id,
  accountId: row.account_id,
  publicKey: row.public_key,
  counter: row.counter,
  transports: row.transports ? (JSON.parse(row.transports) as string[]) : [],
  label: row.label,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

export const toInvitation = (row: InvitationRow): Invitation => ({
  id: row.id,
  organizationId: row.organization_id,
  role: row.role as MemberRole,
  email: row.email,
  createdBy: row.created_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  usedAt: row.used_at,
  usedBy: row.used_by,
});

const toSession = (row: SessionRow): Session => ({
  accountId: row.account_id,
  organizationId: row.organization_id,
  csrfToken: row.csrf_token,
  method: row.method as SignInMethod,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  expiresAt: row.expires_at,
});

export function createKyselyAccounts(db: Kysely<Database>): AccountRepository {
  /** An organization's invitations to `email` (without case) that can still be used at `at`: a cancelled one reads as expired. */
  const liveInvitations = (organizationId: string, email: string, at: string) =>
    db.selectFrom('invitations')
      .where('organization_id', '=', organizationId)
      .where(sql<boolean>`lower(email) = lower(${email})`)
      .where('used_at', 'is', null)
      .where('expires_at', '>', at);
  /** The organization's open invitations, by invitations_org_idx: not only the 50 newest its page lists. */
  const open = (organizationId: string, at: string) =>
    db.selectFrom('invitations').selectAll().where('organization_id', '=', organizationId).where('used_at', 'is', null).where('expires_at', '>', at);
  return {
    async get(id) {
      const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toAccount(row) : null;
    },
    async getMany(ids) {
      return (await inChunks(ids, (chunk) => db.selectFrom('accounts').selectAll().where('id', 'in', chunk).execute())).map(toAccount);
    },
    async findByOidcSubject(issuer, subject) {
      const row = await db.selectFrom('accounts').selectAll().where('oidc_issuer', '=', issuer).where('oidc_subject', '=', subject).executeTakeFirst();
      return row ? toAccount(row) : null;
    },
    insert(a) {
      return toOp(
        db.insertInto('accounts').values({
          id: a.id, display_name: a.displayName, email: a.email, oidc_issuer: a.oidcIssuer, oidc_subject: a.oidcSubject,
          created_at: a.createdAt, last_sign_in_at: a.lastSignInAt, staff_role: a.staffRole,
        }),
      );
    },
    recordSignIn(id, at, changes = {}) {
      return toOp(
        db.updateTable('accounts')
          .set({
            last_sign_in_at: at,
            ...(changes.email !== undefined ? { email: changes.email } : {}),
            ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
          })
          .where('id', '=', id),
      );
    },
    updateProfile(id, profile) {
      return toOp(db.updateTable('accounts').set({ display_name: profile.displayName, email: profile.email }).where('id', '=', id));
    },

    async memberships(accountId) {
      return (await db.selectFrom('memberships').selectAll().where('account_id', '=', accountId).orderBy('created_at').execute()).map(toMembership);
    },
    async membership(organizationId, accountId) {
      const row = await db.selectFrom('memberships').selectAll().where('organization_id', '=', organizationId).where('account_id', '=', accountId).executeTakeFirst();
      return row ? toMembership(row) : null;
    },
    async members(organizationId) {
      // Read by every change to an organization's records (who to tell): a fixed statement.
      const rows = await fixedRows<MemberRow>(db, MEMBERS_SQL, [organizationId]);
      return rows.map((row) => ({
        membership: toMembership({ ...row, created_at: row.joined_at }),
        account: toAccount(row),
      }));
    },
    addMember(m) {
      return toOp(db.insertInto('memberships').values({ organization_id: m.organizationId, account_id: m.accountId, role: m.role, created_at: m.createdAt }));
    },
    removeMember(organizationId, accountId, { keepAnOwner = false } = {}) {
      let remove = db.deleteFrom('memberships').where('organization_id', '=', organizationId).where('account_id', '=', accountId);
      // Decided in the statement, not by the service's earlier read: two owners removing each other
      // both read two owners; the later batch finds none other left and deletes nothing.
      if (keepAnOwner) {
        remove = remove.where((eb) =>
          eb.or([
            eb('role', '<>', 'owner'),
            eb.exists(eb.selectFrom('memberships as other').select('other.account_id').where('other.organization_id', '=', organizationId).where('other.role', '=', 'owner').where('other.account_id', '<>', accountId)),
          ]),
        );
      }
      return [toOp(remove), GUARD_OP];
    },
    async removedAt(organizationId, accountId) {
      const row = await db.selectFrom('membership_removals').select('removed_at').where('organization_id', '=', organizationId).where('account_id', '=', accountId).executeTakeFirst();
      return row?.removed_at ?? null;
    },
    recordRemoval(organizationId, accountId, at) {
      return toOp(
        db.insertInto('membership_removals').values({ organization_id: organizationId, account_id: accountId, removed_at: at })
          .onConflict((oc) => oc.columns(['organization_id', 'account_id']).doUpdateSet({ removed_at: at })),
      );
    },
    clearRemoval(organizationId, accountId) {
      return toOp(db.deleteFrom('membership_removals').where('organization_id', '=', organizationId).where('account_id', '=', accountId));
    },

    async passkeys(accountId) {
      return (await db.selectFrom('passkeys').selectAll().where('account_id', '=', accountId).orderBy('created_at').execute()).map(toPasskey);
    },
    async passkey(id) {
      const row = await db.selectFrom('passkeys').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toPasskey(row) : null;
    },
    addPasskey(p) {
      return toOp(
        db.insertInto('passkeys').values({
          id: p.id, account_id: p.accountId, public_key: p.publicKey, counter: p.counter, transports: JSON.stringify(p.transports),
          label: p.label, created_at: p.createdAt, last_used_at: p.lastUsedAt,
        }),
      );
    },
    usePasskey(id, oldCounter, newCounter, at) {
      return [toOp(db.updateTable('passkeys').set({ counter: newCounter, last_used_at: at }).where('id', '=', id).where('counter', '=', oldCounter)), GUARD_OP];
    },
    removePasskey(accountId, id) {
      // Never the account's last way in: another passkey, or GビズID, must remain — checked in the
      // statement itself, so two removals racing each other cannot both pass.
      const remove = db
        .deleteFrom('passkeys')
        .where('id', '=', id)
        .where('account_id', '=', accountId)
        .where((eb) =>
          eb.or([
            eb(eb.selectFrom('passkeys').select((e) => e.fn.countAll().as('n')).where('account_id', '=', accountId), '>', 1),
            eb.exists(eb.selectFrom('accounts').select('id').where('id', '=', accountId).where('oidc_subject', 'is not', null)),
          ]),
        );
      return [toOp(remove), GUARD_OP];
    },

    async invitation(tokenHash) {
      const row = await db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row ? toInvitation(row) : null;
    },
    async invitations(organizationId) {
      return (await db.selectFrom('invitations').selectAll().where('organization_id', '=', organizationId).orderBy('created_at', 'desc').limit(50).execute()).map(toInvitation);
    },
    async openInvitation(organizationId, id, at) {
      const row = await open(organizationId, at).where('id', '=', id).executeTakeFirst();
      return row ? toInvitation(row) : null;
    },
    async openInvitationsBy(organizationId, createdBy, at) {
      return (await open(organizationId, at).where('created_by', '=', createdBy).orderBy('created_at').execute()).map(toInvitation);
    },
    async liveInvitationTo(organizationId, email, at) {
      const row = await liveInvitations(organizationId, email, at).selectAll().orderBy('created_at', 'desc').executeTakeFirst();
      return row ? toInvitation(row) : null;
    },
    insertInvitation(i, tokenHash) {
      const row: InvitationRow = {
        id: i.id, token_hash: tokenHash, organization_id: i.organizationId, role: i.role, email: i.email, created_by: i.createdBy,
        created_at: i.createdAt, expires_at: i.expiresAt, used_at: i.usedAt, used_by: i.usedBy,
      };
      // A link without an address is never a duplicate: anyone may be sent one.
      if (i.email === null) return [toOp(db.insertInto('invitations').values(row))];
      // Only while no live invitation of the organization to that address stands: two requests at
      // once both pass the service's check (a read); the guard turns the later batch's empty insert
      // into a WriteConflict, so its e-mail is not queued either.
      return insertUnlessOps('invitations', row, liveInvitations(i.organizationId, i.email, i.createdAt).select(sql.lit(1).as('one')));
    },
    useInvitation(id, at, accountId) {
      return [
        toOp(db.updateTable('invitations').set({ used_at: at, used_by: accountId }).where('id', '=', id).where('used_at', 'is', null).where('expires_at', '>', at)),
        GUARD_OP,
      ];
    },
    cancelInvitation(organizationId, id, at) {
      return [
        toOp(db.updateTable('invitations').set({ expires_at: at }).where('id', '=', id).where('organization_id', '=', organizationId).where('used_at', 'is', null).where('expires_at', '>', at)),
        GUARD_OP,
      ];
    },
  };
}

export function createKyselySessions(db: Kysely<Database>): SessionStore {
  return {
    async get(idHash) {
      const row = await db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
      return row ? toSession(row) : null;
    },
    insert(idHash, s) {
      return toOp(
        db.insertInto('sessions').values({
          id_hash: idHash, account_id: s.accountId, organization_id: s.organizationId, csrf_token: s.csrfToken, method: s.method,
          created_at: s.createdAt, last_seen_at: s.lastSeenAt, expires_at: s.expiresAt,
        }),
      );
    },
    async touch(idHash, at) {
      await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
    },
    async setOrganization(idHash, organizationId) {
      await db.updateTable('sessions').set({ organization_id: organizationId }).where('id_hash', '=', idHash).execute();
    },
    delete(idHash) {
      return toOp(db.deleteFrom('sessions').where('id_hash', '=', idHash));
    },
    deleteForAccount(accountId, except) {
      const all = db.deleteFrom('sessions').where('account_id', '=', accountId);
      return toOp(except === undefined ? all : all.where('id_hash', '!=', except));
    },
    async purgeExpired(now) {
      await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
      await db.deleteFrom('auth_flows').where('expires_at', '<=', now).execute();
    },
  };
}

export function createKyselyAuthFlows(db: Kysely<Database>): AuthFlowStore {
  return {
    async put(idHash, kind, data, expiresAt) {
      await db.insertInto('auth_flows').values({ id_hash: idHash, kind, data: JSON.stringify(data), expires_at: expiresAt }).execute();
    },
    async take(idHash, kind, now) {
      const row = await db
        .deleteFrom('auth_flows')
        .where('id_hash', '=', idHash)
        .returning(['kind', 'data', 'expires_at'])
        .executeTakeFirst();
      if (!row || row.kind !== kind || row.expires_at <= now) return null;
      return JSON.parse(row.data) as unknown;
    },
    async peek(idHash, kind, now) {
      const row = await db
        .selectFrom('auth_flows')
        .select('data')
        .where('id_hash', '=', idHash)
        .where('kind', '=', kind)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row ? (JSON.parse(row.data) as unknown) : null;
    },
  };
}
