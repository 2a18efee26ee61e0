import { ConfigError, parseConfig } from '../config.js';
import { MEMBER_ROLES, MEMBER_ROLE_LABELS, type MemberRole } from '../domain/accounts/model.js';
import { DomainError } from '../domain/errors.js';
import { openSqlite } from '../adapters/sqlite/open.js';
import { assertServersAddress } from './public-address.js';
import { createKyselyRegistry } from '../registry.js';
import { formatDateTime } from '../http/pages/format.js';

const USAGE = 'usage: npm run invite -- <organizationId> [--role owner|editor] [--email address]';

/** A mistake on the command line: said plainly, without a stack. */
class UsageError extends Error {}

/**
 * npm run invite -- <organizationId> [--role editor|owner] [--email address]: prints a one-time
 * link (PUBLIC_BASE_URL/join/<token>) with which a person joins the organization by creating a
 * passkey; for municipalities and others without GビズID. Uses the same DATABASE_PATH,
 * PUBLIC_BASE_URL and INVITATION_TTL_HOURS as the server (it may run while the server runs).
 * The URL alone goes to stdout (for scripts); what it is, to stderr. The audit log records the
 * invitation as made by `system:invite`.
 */
async function main() {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(`--${name}`);
    if (at < 0) return undefined;
    const value = args[at + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value\n${USAGE}`);
    args.splice(at, 2);
    return value;
  };
  const role = option('role') ?? 'editor';
  const email = option('email');
  const organizationId = args[0];
  if (!organizationId || args.length !== 1) throw new UsageError(USAGE);
  if (!MEMBER_ROLES.includes(role as MemberRole)) throw new UsageError(`--role must be owner or editor\n${USAGE}`);

  const config = parseConfig(process.env);
  const store = await openSqlite({ path: config.databasePath });
  try {
    // The link must point at the server people use: refused when the credentials say another address.
    if (assertServersAddress(store.raw, config.publicBaseUrl) === 'no-credentials' && !process.env.PUBLIC_BASE_URL) {
      process.stderr.write(`PUBLIC_BASE_URL is not set: the link points at ${config.publicBaseUrl}. Set it as for the server if people open the registry elsewhere.\n`);
    }
    // No keys: creating an invitation signs nothing.
    const registry = await createKyselyRegistry({ db: store.db, unitOfWork: store.unitOfWork, config });
    const organization = await registry.deps.repos.organizations.get(organizationId);
    if (!organization) throw new UsageError(`No organization with id ${organizationId} in ${config.databasePath}.`);
    const ctx = { actor: { role: 'system' as const, process: 'invite' }, requestId: null };
    const created = await registry.web.invitations.create(ctx, organization.id, { role, ...(email ? { email } : {}) });
    process.stdout.write(`${created.url}\n`);
    const label = MEMBER_ROLE_LABELS[created.invitation.role];
    process.stderr.write(
      `${organization.name} への招待リンク（${label.ja}、1回限り、有効期限 ${formatDateTime(created.expiresAt, 'ja')}（日本時間））${created.mailed ? ` を ${email} に送信しました` : ''}\n` +
        `One-time invitation to ${organization.name} (${label.en}), valid until ${created.expiresAt}${created.mailed ? `, e-mailed to ${email}` : ''}\n`,
    );
  } finally {
    await store.close();
  }
}

/** A refusal as the other messages: in Japanese (with each field's message), then in English. */
function refusalText(error: DomainError): string {
  const fieldLines = (lang: 'ja' | 'en') => error.fields.map((f) => `\n  ${f.field.replace(/^\//, '')}: ${f[lang]}`).join('');
  return `${error.ja}${fieldLines('ja')}\n${error.en}${fieldLines('en')}`;
}

main().catch((error) => {
  const message =
    error instanceof ConfigError || error instanceof UsageError ? error.message
    : error instanceof DomainError ? refusalText(error)
    : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
