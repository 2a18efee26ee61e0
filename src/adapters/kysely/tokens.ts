import { sql, type Kysely } from 'kysely';
import { ADMIN_TOKEN_ISSUER, isStaffRole } from '../../domain/accounts/staff.js';
import type { ApiToken, TokenRole } from '../../domain/model.js';
import type { TokenRepository } from '../../ports/repositories.js';
import type { Database, TokenRow } from './schema.js';
import { inChunks } from './chunks.js';
import { fixedRows, GUARD_OP, toOp } from './ops.js';
import { createKyselyAccounts, toAccount, toInvitation as toMemberInvitation } from './accounts.js';
import { createKyselyStaff, toInvitation, type StaffInvitationRow } from './staff.js';

const toToken = (row: TokenRow): ApiToken => ({
  id: row.id,
  role: row.role as TokenRole,
  organizationId: row.organization_id,
  label: row.label,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

/** The ids of a JSON array parameter, as a table: one parameter however many ids (D1 binds at most 100 a statement). */
const JSON_IDS = '(SELECT value FROM json_each(?))';

/**
 * Some administrator could sign in without the given tokens, the accounts they opened, and the
 * given accounts: another live administrator token whose account (if it signed in) is still an
 * administrator, or another administrator account with a passkey or a real OpenID Connect link.
 * IS, not =, so a null never hides an account. Each list is one JSON parameter: revoking a token
 * with the 50 it minted named them all. Its parameters: wayInParameters.
 */
const OTHER_ADMINISTRATOR_WAY_IN = `(EXISTS (
    SELECT 1 FROM tokens t LEFT JOIN accounts a ON a.oidc_issuer = ? AND a.oidc_subject = t.id
    WHERE t.role = 'admin' AND t.revoked_at IS NULL AND t.id NOT IN ${JSON_IDS} AND (a.id IS NULL OR (a.staff_role = 'administrator' AND a.id NOT IN ${JSON_IDS}))
  ) OR EXISTS (
    SELECT 1 FROM accounts a
    WHERE a.staff_role = 'administrator' AND NOT (a.oidc_issuer IS ? AND a.oidc_subject IN ${JSON_IDS}) AND a.id NOT IN ${JSON_IDS}
      AND (EXISTS (SELECT 1 FROM passkeys p WHERE p.account_id = a.id) OR (a.oidc_subject IS NOT NULL AND a.oidc_issuer IS NOT ?))
  ))`;
const wayInParameters = (tokenIds: readonly string[], accountIds: readonly string[]) => {
  const [tokens, accounts] = [JSON.stringify(tokenIds), JSON.stringify(accountIds)];
  return [ADMIN_TOKEN_ISSUER, tokens, accounts, ADMIN_TOKEN_ISSUER, tokens, accounts, ADMIN_TOKEN_ISSUER];
};

export function createKyselyTokens(db: Kysely<Database>): TokenRepository {
  const staff = createKyselyStaff(db);
  const accounts = createKyselyAccounts(db);
  const staffInvitations = db.withTables<{ staff_invitations: StaffInvitationRow }>();
  const openedBy = (id: string) => db.selectFrom('accounts').select('id').where('oidc_issuer', '=', ADMIN_TOKEN_ISSUER).where('oidc_subject', '=', id);
  return {
    async findByHash(tokenHash) {
      // Every authenticated request: a fixed statement. The account join uses accounts_oidc_idx.
      const [row] = await fixedRows<TokenRow & { account_id: string | null; account_staff_role: string | null }>(
        db,
        'SELECT t.*, a.id AS account_id, a.staff_role AS account_staff_role FROM tokens t LEFT JOIN accounts a ON a.oidc_issuer = ? AND a.oidc_subject = t.id WHERE t.token_hash = ?',
        [ADMIN_TOKEN_ISSUER, tokenHash],
      );
      if (!row) return null;
      const staffAccount = row.account_id === null ? null : { id: row.account_id, staffRole: isStaffRole(row.account_staff_role) ? row.account_staff_role : null };
      return { ...toToken(row), tokenHash: row.token_hash, staffAccount };
    },
    async get(id) {
      const row = await db.selectFrom('tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toToken(row) : null;
    },
    async getMany(ids) {
      return (await inChunks(ids, (chunk) => db.selectFrom('tokens').selectAll().where('id', 'in', chunk).execute())).map(toToken);
    },
    async list() {
      return (await db.selectFrom('tokens').selectAll().orderBy('created_at').orderBy('id').execute()).map(toToken);
    },
    async countActiveAdmins() {
      const row = await db
        .selectFrom('tokens')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    insert(token, tokenHash) {
      return [
        toOp(
          db.insertInto('tokens').values({
            id: token.id,
            token_hash: tokenHash,
            role: token.role,
            organization_id: token.organizationId,
            label: token.label,
            created_at: token.createdAt,
            revoked_at: token.revokedAt,
          }),
        ),
      ];
    },
    revoke(id, at) {
      // The back-office account an administrator token opened (ADMIN_TOKEN_ISSUER, the token's id) is that token's: its browsers sign out too.
      return [
        toOp(db.updateTable('tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null)),
        GUARD_OP,
        toOp(db.deleteFrom('sessions').where('account_id', 'in', openedBy(id))),
      ];
    },
    async openedAccount(id) {
      const account = await openedBy(id).select('staff_role').executeTakeFirst();
      if (!account) return null;
      const passkeys = await db.selectFrom('passkeys').select(['id', 'label']).where('account_id', '=', account.id).orderBy('created_at').execute();
      return { id: account.id, staffRole: isStaffRole(account.staff_role) ? account.staff_role : null, passkeys };
    },
    closeOpenedAccount(id) {
      return [
        toOp(db.deleteFrom('passkeys').where('account_id', 'in', openedBy(id))),
        toOp(db.updateTable('accounts').set({ staff_role: null }).where('id', 'in', openedBy(id))),
      ];
    },
    async otherAdministratorWayIn(tokenIds, accountIds = []) {
      const [row] = await fixedRows<{ ok: number }>(db, `SELECT ${OTHER_ADMINISTRATOR_WAY_IN} AS ok`, wayInParameters(tokenIds, accountIds));
      return Boolean(row?.ok);
    },
    keepOtherAdministratorWayIn(tokenIds, accountIds = []) {
      // A no-op update that touches the guard row only while a way in remains; the guard aborts otherwise.
      return [{ sql: `UPDATE "write_guard" SET "ok" = 1 WHERE "id" = 1 AND ${OTHER_ADMINISTRATOR_WAY_IN}`, parameters: wayInParameters(tokenIds, accountIds) }, GUARD_OP];
    },
    async createdBy(refs) {
      if (refs.length === 0) return { tokens: [], invitations: [], organizationInvitations: [] };
      // Who minted a token is only in its token.create entry (the tokens table has no creator).
      const entries = await inChunks(refs, (chunk) => db.selectFrom('audit_log').select(['entity_id', 'actor_token_id'])
        .where('entity_type', '=', 'token').where('action', '=', 'token.create').where('actor_token_id', 'in', chunk).execute());
      const creator = new Map(entries.map((e) => [e.entity_id, e.actor_token_id!]));
      const rows = await inChunks([...creator.keys()], (chunk) => db.selectFrom('tokens').selectAll().where('id', 'in', chunk).orderBy('created_at').execute());
      const tokens = rows.map((row) => ({ ...toToken(row), createdBy: creator.get(row.id)! }));
      const invitations = await inChunks(refs, (chunk) => staffInvitations.selectFrom('staff_invitations').selectAll().where('created_by', 'in', chunk).execute());
      const organizationInvitations = await inChunks(refs, (chunk) => db.selectFrom('invitations').selectAll().where('created_by', 'in', chunk).execute());
      return { tokens, invitations: invitations.map(toInvitation), organizationInvitations: organizationInvitations.map(toMemberInvitation) };
    },
    async revokedWithOpenAccount() {
      const rows = await db.selectFrom('tokens as t')
        .innerJoin('accounts as a', (join) => join.onRef('a.oidc_subject', '=', 't.id').on('a.oidc_issuer', '=', ADMIN_TOKEN_ISSUER))
        .selectAll('t')
        .select((eb) => ['a.id as account_id', eb.selectFrom('passkeys as p').select((p) => p.fn.countAll<number>().as('n')).whereRef('p.account_id', '=', 'a.id').as('passkeys')])
        .where('t.revoked_at', 'is not', null).where('a.staff_role', 'is not', null)
        .orderBy('t.revoked_at').orderBy('t.id').execute();
      return rows.map((row) => ({ token: toToken(row), accountId: row.account_id, passkeys: Number(row.passkeys ?? 0) }));
    },
    async creatorOf(tokenId) {
      const entry = await db.selectFrom('audit_log').select('actor_token_id')
        .where('entity_type', '=', 'token').where('entity_id', '=', tokenId).where('action', '=', 'token.create').orderBy('seq').executeTakeFirst();
      return entry?.actor_token_id ?? null;
    },
    async creatorsOf(tokenIds) {
      // One IN (…) read per 90 ids (D1 binds at most 100 parameters), by the entity index; the first entry wins, as in creatorOf.
      // `+action`: not by audit_action_idx, which would walk every token.create entry ever written to spare sorting a page's few.
      const entries = await inChunks(tokenIds, (chunk) => db.selectFrom('audit_log').select(['entity_id', 'actor_token_id'])
        .where('entity_type', '=', 'token').where('entity_id', 'in', chunk).where(sql<string>`+${sql.ref('action')}`, '=', 'token.create').orderBy('seq').execute());
      const creators = new Map<string, string | null>(tokenIds.map((id) => [id, null]));
      const seen = new Set<string>();
      for (const e of entries) if (!seen.has(e.entity_id)) (seen.add(e.entity_id), creators.set(e.entity_id, e.actor_token_id));
      return creators;
    },
    async invitationsUsedBy(accountId) {
      return (await staffInvitations.selectFrom('staff_invitations').selectAll().where('used_by', '=', accountId).execute()).map(toInvitation);
    },
    async accountsOpenedBy(tokenIds) {
      const rows = await inChunks(tokenIds, (chunk) => db.selectFrom('accounts').selectAll().where('oidc_issuer', '=', ADMIN_TOKEN_ISSUER).where('oidc_subject', 'in', chunk).execute());
      return rows.map(toAccount);
    },
    async accounts(ids) {
      return (await inChunks(ids, (chunk) => db.selectFrom('accounts').selectAll().where('id', 'in', chunk).execute())).map(toAccount);
    },
    removeFromStaff(accountId) {
      return [
        toOp(db.updateTable('accounts').set({ staff_role: null }).where('id', '=', accountId).where('staff_role', 'is not', null)),
        GUARD_OP,
        toOp(db.deleteFrom('sessions').where('account_id', '=', accountId)),
      ];
    },
    cancelInvitation: staff.cancelInvitation,
    cancelOrganizationInvitation: accounts.cancelInvitation,
  };
}
