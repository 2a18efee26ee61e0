import type { Kysely } from 'kysely';
import { ADMIN_TOKEN_ISSUER, isStaffRole } from '../../domain/accounts/staff.js';
import type { ApiToken, TokenRole } from '../../domain/model.js';
import type { TokenRepository } from '../../ports/repositories.js';
import type { Database, TokenRow } from './schema.js';
import { inChunks } from './chunks.js';
import { fixedRows, GUARD_OP, toOp } from './ops.js';

const toToken = (row: TokenRow): ApiToken => ({
  id: row.id,
  role: row.role as TokenRole,
  organizationId: row.organization_id,
  label: row.label,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

export function createKyselyTokens(db: Kysely<Database>): TokenRepository {
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
      const openedBy = db.selectFrom('accounts').select('id').where('oidc_issuer', '=', ADMIN_TOKEN_ISSUER).where('oidc_subject', '=', id);
      return [
        toOp(db.updateTable('tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null)),
        GUARD_OP,
        toOp(db.deleteFrom('sessions').where('account_id', 'in', openedBy)),
      ];
    },
  };
}
