import type { Kysely } from 'kysely';

/**
 * People who sign in on the web (issue: organizations run their own declaration): accounts, their
 * memberships in organizations, passkeys, server-side sessions, one-time invitations, and the
 * short-lived state of a sign-in in progress (OpenID Connect state/nonce/PKCE, WebAuthn
 * challenges). Secrets (session ids, invitation tokens, flow ids) are stored only as SHA-256.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    // Set for accounts that sign in with OpenID Connect (GビズID): the provider and its subject.
    .addColumn('oidc_issuer', 'text')
    .addColumn('oidc_subject', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_sign_in_at', 'text')
    .execute();
  await db.schema.createIndex('accounts_oidc_idx').unique().on('accounts').columns(['oidc_issuer', 'oidc_subject']).execute();

  await db.schema
    .createTable('memberships')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('role', 'text', (c) => c.notNull()) // owner | editor
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['organization_id', 'account_id'])
    .execute();
  await db.schema.createIndex('memberships_account_idx').on('memberships').columns(['account_id']).execute();

  await db.schema
    .createTable('passkeys')
    .addColumn('id', 'text', (c) => c.primaryKey()) // the WebAuthn credential id, base64url
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('public_key', 'text', (c) => c.notNull()) // COSE key, base64url
    .addColumn('counter', 'integer', (c) => c.notNull())
    .addColumn('transports', 'text') // JSON array
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema.createIndex('passkeys_account_idx').on('passkeys').columns(['account_id']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('organization_id', 'text') // the organization this session acts for (null: none yet)
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull()) // oidc | passkey
    .addColumn('created_at', 'integer', (c) => c.notNull()) // ms since the epoch
    .addColumn('last_seen_at', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'integer', (c) => c.notNull()) // absolute timeout
    .execute();
  await db.schema.createIndex('sessions_account_idx').on('sessions').columns(['account_id']).execute();
  await db.schema.createIndex('sessions_expiry_idx').on('sessions').columns(['expires_at']).execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull()) // actor reference, as in the audit log
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_by', 'text')
    .execute();
  await db.schema.createIndex('invitations_org_idx').on('invitations').columns(['organization_id', 'created_at']).execute();

  await db.schema
    .createTable('auth_flows')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull()) // JSON
    .addColumn('expires_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_flows_expiry_idx').on('auth_flows').columns(['expires_at']).execute();
}
