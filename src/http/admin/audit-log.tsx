// Back office: the audit log as a page and as a CSV download. Every staff member reads it (the log
// holds nothing a staff member cannot see elsewhere). Filters are GET parameters named as the API's
// (GET /api/v1/audit-log): actorTokenId, actorOrganizationId, action, entityType, entityId, from,
// to; plus `staff` (a staff member, i.e. actorTokenId account:<id>), `organization` (everything
// about one organization, linked from its page) and `cursor`. Dates are days in
// Japan time, turned into the UTC instants the log stores.
import { accountName, secretariatRoleOf } from '../../domain/accounts/staff.js';
import { JAPAN_OFFSET_MS, japanDayBounds } from '../../domain/japan-calendar.js';
import type { FC } from 'hono/jsx';
import type { Account } from '../../domain/accounts/model.js';
import { STAFF_ROLE_LABELS } from '../../domain/accounts/staff.js';
import type { ApiToken, AuditEntry, Organization } from '../../domain/model.js';
import type { AuditQuery } from '../../ports/repositories.js';
import type { RecordName } from '../../ports/record-names.js';
import { BOOTSTRAP_TOKEN_LABEL, tokenDisplayName } from '../../domain/services/tokens.js';
import { SELF_REGISTRATION_VIA } from '../../domain/services/accounts.js';
import { formatFiscalYearShort } from '../pages/format.js';
import type { Registry } from '../../registry.js';
import { localHref, type Bilingual, type Lang } from '../pages/i18n.js';
import { ErrorSummary, FieldError, fieldId } from '../web/my/form-fields.js';
import { AdminLayout } from './admin-layout.js';
import { changeSummary, isObject } from './audit-changes.js';
import { summaryItems, type FormErrors } from './form-errors.js';
import type { StaffMember } from './staff-member.js';
import { TableScroll } from './table-scroll.js';
import { readTypedDate } from '../../domain/typed-date.js';

/**
 * The actions the registry writes today, with what a person calls them (the filter offers them; others can be typed).
 * An action missing here shows as its bare code on the log and the organization's page: add every new one.
 */
export const KNOWN_ACTIONS: Record<string, Bilingual> = {
  'declaration.create': { ja: '宣言の作成', en: 'Declaration created' },
  'declaration.amend': { ja: '宣言の改訂', en: 'Declaration amended' },
  'declaration.submit': { ja: '宣言の提出', en: 'Declaration submitted' },
  'declaration.publish': { ja: '宣言の公表', en: 'Declaration published' },
  'declaration.return': { ja: '宣言の差戻し', en: 'Declaration returned' },
  'declaration.suspend': { ja: '宣言の一時停止', en: 'Declaration suspended' },
  'declaration.reinstate': { ja: '宣言の再開', en: 'Declaration reinstated' },
  'declaration.withdraw': { ja: '宣言の取下げ', en: 'Declaration withdrawn' },
  'declaration.revoke': { ja: '宣言の取消', en: 'Declaration revoked' },
  'declaration.renew': { ja: '宣言の更新', en: 'Declaration renewed' },
  'declaration.expire': { ja: '宣言の期限切れ', en: 'Declaration expired' },
  'review-note.add': { ja: '内部メモの追加', en: 'Internal note added' },
  'revocation.request': { ja: '取消の依頼', en: 'Revocation requested' },
  'revocation.approve': { ja: '取消の承認', en: 'Revocation approved' },
  'revocation.reject': { ja: '取消の依頼の却下', en: 'Revocation request rejected' },
  'revocation.withdraw': { ja: '取消の依頼の取下げ', en: 'Revocation request withdrawn' },
  'award.create': { ja: '表彰の記録', en: 'Award recorded' },
  'award.suspend': { ja: '表彰の一時停止', en: 'Award suspended' },
  'award.reinstate': { ja: '表彰の再開', en: 'Award reinstated' },
  'award.revoke': { ja: '表彰の取消', en: 'Award revoked' },
  'award.correct': { ja: '表彰の訂正（概要・メッセージ・表彰日）', en: 'Award corrected (overview, message or date)' },
  'award.import': { ja: '表彰のCSV取込み', en: 'Awards imported from CSV' },
  'award-category.create': { ja: '賞の追加', en: 'Award category added' },
  'award-division.create': { ja: '部門の追加', en: 'Award division added' },
  'organization.create': { ja: '団体の登録', en: 'Organization registered' },
  'organization.update': { ja: '団体情報の変更', en: 'Organization updated' },
  'organizations.export': { ja: '団体一覧（連絡先を含む）のCSV出力', en: 'Organizations exported as CSV (with contacts)' },
  'invitation.create': { ja: '団体メンバーの招待', en: 'Member invited' },
  'invitation.cancel': { ja: '団体メンバーの招待の取消', en: 'Member invitation cancelled' },
  'member.join': { ja: '団体メンバーの参加', en: 'Member joined' },
  'member.remove': { ja: '団体メンバーの削除', en: 'Member removed' },
  'account.sign-in': { ja: 'ログイン', en: 'Signed in' },
  'account.sign-in-refused': { ja: 'ログインの拒否', en: 'Sign-in refused' },
  'account.sign-out': { ja: 'ログアウト', en: 'Signed out' },
  'account.profile': { ja: '本人による氏名・メールアドレスの変更', en: 'Name or e-mail address changed by its owner' },
  'passkey.add': { ja: 'パスキーの追加', en: 'Passkey added' },
  'passkey.remove': { ja: 'パスキーの削除', en: 'Passkey removed' },
  'staff.create': { ja: '職員アカウントの作成', en: 'Staff account created' },
  'staff.invite': { ja: '職員の招待', en: 'Staff member invited' },
  'staff.invitation-cancel': { ja: '職員の招待の取消', en: 'Staff invitation cancelled' },
  'staff.join': { ja: '職員の参加', en: 'Staff member joined' },
  'staff.role': { ja: '職員の役割の変更', en: 'Staff role changed' },
  'staff.remove': { ja: '職員の削除', en: 'Staff member removed' },
  'token.create': { ja: 'APIトークンの発行', en: 'API token created' },
  'token.revoke': { ja: 'APIトークンの取消', en: 'API token revoked' },
  'partner.create': { ja: 'パートナーの登録', en: 'Partner registered' },
  'partner.rotate-secret': { ja: 'パートナーの秘密の更新', en: 'Partner secret rotated' },
  'partner.deactivate': { ja: 'パートナーの停止', en: 'Partner deactivated' },
  'partner.reactivate': { ja: 'パートナーの再開', en: 'Partner reactivated' },
  'webhook.create': { ja: 'Webhookの登録', en: 'Webhook registered' },
  'webhook.delete': { ja: 'Webhookの削除', en: 'Webhook deleted' },
  'webhook.disable': { ja: 'Webhookの無効化（410 Gone）', en: 'Webhook disabled (410 Gone)' },
  'webhook.enable': { ja: 'Webhookの再有効化', en: 'Webhook enabled again' },
  'credential.issue': { ja: 'クレデンシャルの発行（VC-API）', en: 'Credential issued (VC-API)' },
  'credential.suspended': { ja: 'クレデンシャルの一時停止（VC-API）', en: 'Credential suspended (VC-API)' },
  'credential.active': { ja: 'クレデンシャルの再開（VC-API）', en: 'Credential reinstated (VC-API)' },
  'credential.revoked': { ja: 'クレデンシャルの取消（VC-API）', en: 'Credential revoked (VC-API)' },
  'credential.reissue': { ja: 'クレデンシャルの再発行', en: 'Credential reissued' },
  'mail.retry': { ja: 'メールの再送', en: 'E-mail retried' },
  'audit.export': { ja: '監査ログのCSV出力', en: 'Audit log exported as CSV' },
};

/** The kinds of record the log names. */
export const ENTITY_TYPES: Record<string, Bilingual> = {
  organization: { ja: '団体', en: 'Organization' },
  declaration: { ja: '宣言', en: 'Declaration' },
  award: { ja: '表彰', en: 'Award' },
  'award-import': { ja: '表彰のCSV取込み', en: 'Award import' },
  'award-category': { ja: '賞', en: 'Award category' },
  'award-division': { ja: '部門', en: 'Award division' },
  account: { ja: 'アカウント', en: 'Account' },
  'staff-invitation': { ja: '職員の招待', en: 'Staff invitation' },
  token: { ja: 'APIトークン', en: 'API token' },
  partner: { ja: 'パートナー', en: 'Partner' },
  webhook: { ja: 'Webhook', en: 'Webhook' },
  credential: { ja: 'クレデンシャル', en: 'Credential' },
  mail: { ja: 'メール', en: 'E-mail' },
  audit: { ja: '監査ログ', en: 'Audit log' },
};

export const FILTER_FIELDS = ['staff', 'actorTokenId', 'actorOrganizationId', 'action', 'organization', 'entityType', 'entityId', 'from', 'to'] as const;
export type FilterValues = Record<(typeof FILTER_FIELDS)[number], string>;

/**
 * What an entry's action is called: KNOWN_ACTIONS', with how it came about where that is the news
 * (an organization that registered itself with GビズID; a member who joined by registering it).
 * null for an action the registry does not know.
 */
export function actionLabel(entry: Pick<AuditEntry, 'action' | 'after'>, lang: Lang): string | null {
  const via = isObject(entry.after) ? entry.after.via : undefined;
  if (entry.action === 'organization.create' && via === SELF_REGISTRATION_VIA.organization) return lang === 'ja' ? '団体の登録（GビズIDで団体自身が登録）' : 'Organization registered (by itself, with gBizID)';
  if (entry.action === 'member.join' && via === SELF_REGISTRATION_VIA.member) return lang === 'ja' ? '団体メンバーの参加（団体を登録した管理者）' : 'Member joined (the owner who registered it)';
  return KNOWN_ACTIONS[entry.action]?.[lang] ?? null;
}

/** What the filter form calls each field (its labels, and the error summary's names for them). */
const FILTER_LABELS: Record<keyof FilterValues, Bilingual> = {
  staff: { ja: '職員', en: 'Staff member' },
  actorTokenId: { ja: '操作者ID', en: 'Actor id' },
  actorOrganizationId: { ja: '操作した団体のID', en: "Acting organization's id" },
  action: { ja: '操作', en: 'Action' },
  organization: { ja: '団体のID', en: "Organization's id" },
  entityType: { ja: '記録の種類', en: 'Kind of record' },
  entityId: { ja: '記録のID', en: 'Record id' },
  from: { ja: 'この日から', en: 'From' },
  to: { ja: 'この日まで', en: 'To (inclusive)' },
};
export type AuditFilters = Omit<AuditQuery, 'limit' | 'cursor' | 'newestFirst'>;

const MAX_ID = 64;
const MAX_TYPE = 40;
const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;

/**
 * The filters from a query string: what was typed (kept for the form), the repository's query, or
 * the messages for the fields that cannot be used. Nothing is guessed: a bad date is a message.
 */
export function auditFiltersOf(params: URLSearchParams): { values: FilterValues; filters: AuditFilters; errors?: FormErrors } {
  const values = Object.fromEntries(FILTER_FIELDS.map((name) => [name, (params.get(name) ?? '').trim()])) as FilterValues;
  // A day as people write it where no date picker opens (2025/4/1, 令和7年4月1日): that day, shown back as a date field shows one.
  for (const field of ['from', 'to'] as const) values[field] = readTypedDate(values[field]) ?? values[field];
  const errors: FormErrors = { byField: {}, general: [] };
  const problem = (field: string, message: Bilingual) => (errors.byField[field] ??= []).push(message);
  const text = (field: keyof FilterValues, max: number) => {
    const value = values[field];
    const length = [...value].length;
    const label = FILTER_LABELS[field];
    if (length > max) problem(field, { ja: `${label.ja}は${max}文字以内で入力してください（今は${length}文字）。`, en: `${label.en} can be at most ${max} characters (now ${length}).` });
    else if (!PRINTABLE.test(value)) problem(field, { ja: '制御文字は使えません。', en: 'Control characters are not allowed.' });
    return value || undefined;
  };
  const filters: AuditFilters = {};
  const staff = text('staff', MAX_ID);
  if (staff && !/^account:[\w-]+$/.test(staff)) problem('staff', { ja: '一覧から職員を選んでください。', en: 'Choose a staff member from the list.' });
  const actor = text('actorTokenId', MAX_ID);
  if (staff && actor && staff !== actor) {
    problem('actorTokenId', { ja: '職員の選択と操作者IDの両方は指定できません。どちらか一方にしてください。', en: 'Choose a staff member or type an actor id, not both.' });
  }
  filters.actorTokenId = actor ?? staff;
  filters.actorOrganizationId = text('actorOrganizationId', MAX_ID);
  filters.action = text('action', MAX_ID);
  filters.organizationId = text('organization', MAX_ID);
  filters.entityType = text('entityType', MAX_TYPE);
  filters.entityId = text('entityId', MAX_ID);
  const day = (field: 'from' | 'to') => {
    if (!values[field]) return undefined;
    const bounds = japanDayBounds(values[field]);
    if (bounds === null) problem(field, { ja: '日付は「2025-04-01」の形（年-月-日）で、実在する日を入力してください。', en: 'Enter a real date as YYYY-MM-DD (e.g. 2025-04-01).' });
    return bounds ?? undefined;
  };
  const from = day('from');
  const to = day('to');
  if (from !== undefined && to !== undefined && to.start < from.start) problem('to', { ja: '終了日は開始日と同じか、それより後の日にしてください。', en: 'The end date must be on or after the start date.' });
  if (from !== undefined) filters.from = from.start;
  // "to" names a whole day: everything before the next day's start in Japan.
  if (to !== undefined) filters.to = to.end;
  for (const key of Object.keys(filters) as (keyof AuditFilters)[]) if (filters[key] === undefined) delete filters[key];
  return Object.keys(errors.byField).length > 0 ? { values, filters, errors } : { values, filters };
}

/** The typed filters as query parameters (empty ones left out), for links that keep them. */
export const filterParams = (values: FilterValues) => Object.fromEntries(FILTER_FIELDS.filter((name) => values[name] !== '').map((name) => [name, values[name]]));

/** Who and what the entries name, read once per page (accounts, tokens, organizations; the page's partners, webhooks and accounts as records). */
export interface People {
  accounts: Map<string, Account | null>;
  tokens: Map<string, ApiToken | null>;
  organizations: Map<string, Organization | null>;
  /** By `${entityType}:${entityId}` (see lookUpRecordNames). */
  records: Map<string, RecordName>;
}

export const newPeople = (): People => ({ accounts: new Map(), tokens: new Map(), organizations: new Map(), records: new Map() });

/** The kinds of record named by a lookup of their own (organizations and declarations are named through `organizations`). */
const NAMED_RECORDS = { partner: 'partners', webhook: 'webhooks', account: 'accounts' } as const;

/** The names of the partners, webhooks and accounts the entries are about, in one read for the page. */
export async function lookUpRecordNames(registry: Registry, entries: readonly AuditEntry[], people: People): Promise<void> {
  const ids = { partners: [] as string[], webhooks: [] as string[], accounts: [] as string[] };
  for (const entry of entries) {
    const list = NAMED_RECORDS[entry.entityType as keyof typeof NAMED_RECORDS];
    if (list && entry.entityId !== NO_RECORD) ids[list].push(entry.entityId);
  }
  if (ids.partners.length + ids.webhooks.length + ids.accounts.length === 0) return;
  for (const name of await registry.recordNames.names(ids)) people.records.set(`${name.kind}:${name.id}`, name);
}

const ACCOUNT_REF = /^account:(.+)$/;

/** A field of the record as its entry recorded it (after, else before). */
const recorded = (entry: AuditEntry, field: string): unknown => (isObject(entry.after) ? entry.after[field] : undefined) ?? (isObject(entry.before) ? entry.before[field] : undefined);

/** A declaration's or an award's organization, as its entry recorded it (before or after). */
function declarationOwner(entry: AuditEntry): string | undefined {
  if (entry.entityType !== 'declaration' && entry.entityType !== 'award') return undefined;
  const owner = recorded(entry, 'organizationId');
  return typeof owner === 'string' ? owner : undefined;
}

/** Looks up everyone the entries name that `people` does not know yet (a CSV export keeps one across pages). */
export async function lookUpPeople(registry: Registry, entries: readonly AuditEntry[], people: People = newPeople()): Promise<People> {
  const wanted = { accounts: new Set<string>(), tokens: new Set<string>(), organizations: new Set<string>() };
  for (const entry of entries) {
    const account = entry.actorTokenId ? ACCOUNT_REF.exec(entry.actorTokenId)?.[1] : undefined;
    if (account) wanted.accounts.add(account);
    else if (entry.actorTokenId) wanted.tokens.add(entry.actorTokenId);
    if (entry.actorOrganizationId) wanted.organizations.add(entry.actorOrganizationId);
    if (entry.entityType === 'organization') wanted.organizations.add(entry.entityId);
    // A token is named by its label, not its id (the token's own entries: created, revoked).
    if (entry.entityType === 'token' && entry.entityId !== NO_RECORD) wanted.tokens.add(entry.entityId);
    const owner = declarationOwner(entry);
    if (owner) wanted.organizations.add(owner);
  }
  const { repos } = registry.deps;
  // One IN (…) read per kind (per 90 ids: D1 binds at most 100 parameters), not one query per id,
  // which took 150 statements for a page naming 50 people and 100 organizations. An id that
  // matches nothing (a record gone, an id the log kept) is remembered as null: the page shows it bare.
  const fill = async <T extends { id: string }>(map: Map<string, T | null>, ids: Set<string>, getMany: (ids: string[]) => Promise<T[]>) => {
    const missing = [...ids].filter((id) => !map.has(id));
    if (missing.length === 0) return;
    const found = new Map((await getMany(missing)).map((item) => [item.id, item]));
    for (const id of missing) map.set(id, found.get(id) ?? null);
  };
  await Promise.all([
    fill(people.accounts, wanted.accounts, (ids) => registry.web.accountRepo.getMany(ids)),
    fill(people.tokens, wanted.tokens, (ids) => repos.tokens.getMany(ids)),
    fill(people.organizations, wanted.organizations, (ids) => repos.organizations.getMany(ids)),
  ]);
  return people;
}

/**
 * The registry's own processes that act (the `process` of a system actor): their code names are
 * English words that the Japanese page would otherwise show as they are.
 */
const SYSTEM_PROCESSES: Record<string, Bilingual> = {
  bootstrap: { ja: '初回起動時の設定', en: 'first start' },
  expiry: { ja: '有効期限切れの処理', en: 'expiry' },
  invite: { ja: '招待コマンド', en: 'invite command' },
  reissue: { ja: 'バッジの再発行', en: 'reissue' },
  'webhook-dispatcher': { ja: 'Webhook の配信', en: 'webhook dispatcher' },
};

/** Who acted, as a person reads it: a name for an account, a token's label, "not signed in", the system. */
export function actorLabel(entry: AuditEntry, people: People, lang: Lang): string {
  const ja = lang === 'ja';
  const accountId = entry.actorTokenId ? ACCOUNT_REF.exec(entry.actorTokenId)?.[1] : undefined;
  if (accountId) {
    const account = people.accounts.get(accountId);
    return account ? accountName(account, lang) : entry.actorTokenId!;
  }
  if (entry.actorTokenId) {
    const token = people.tokens.get(entry.actorTokenId);
    return token ? tokenDisplayName(token, lang) : entry.actorTokenId;
  }
  if (entry.actorRole.startsWith('system:')) {
    const name = entry.actorRole.slice(7);
    return ja ? `システム（${SYSTEM_PROCESSES[name]?.ja ?? name}）` : `System (${SYSTEM_PROCESSES[name]?.en ?? name})`;
  }
  if (entry.actorRole === 'public') return ja ? 'ログインしていない人' : 'Not signed in';
  return entry.actorRole;
}

/** What kind of actor: a staff member's role, an organization's member, a token. */
function actorKind(entry: AuditEntry, people: People, lang: Lang): string | null {
  const ja = lang === 'ja';
  const accountId = entry.actorTokenId ? ACCOUNT_REF.exec(entry.actorTokenId)?.[1] : undefined;
  const secretariat = secretariatRoleOf(entry.actorRole);
  if (secretariat) {
    // The role the entry recorded, as it was then; entries from before roles were recorded show the account's role now.
    const role = secretariat.staffRole ?? (accountId ? people.accounts.get(accountId)?.staffRole : null);
    if (!role) return ja ? '事務局' : 'Secretariat';
    return ja ? `事務局・${STAFF_ROLE_LABELS[role].ja}` : `Secretariat (${STAFF_ROLE_LABELS[role].en})`;
  }
  if (entry.actorRole === 'organization') return ja ? '団体' : 'Organization';
  return null;
}

const JST_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** An instant in Japan time to the second: 2025年4月1日 09:05:03 / 1 Apr 2025 09:05:03 JST. */
export function jstTime(iso: string, lang: Lang | 'csv'): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const j = new Date(t.getTime() + JAPAN_OFFSET_MS);
  const [y, m, d] = [j.getUTCFullYear(), j.getUTCMonth() + 1, j.getUTCDate()];
  const clock = `${pad(j.getUTCHours())}:${pad(j.getUTCMinutes())}:${pad(j.getUTCSeconds())}`;
  if (lang === 'csv') return `${y}-${pad(m)}-${pad(d)} ${clock}`;
  return lang === 'ja' ? `${y}年${m}月${d}日 ${clock}` : `${d} ${JST_MONTHS[m - 1]} ${y} ${clock} JST`;
}

/**
 * An entry about no single record (every organization exported, a sign-in refused for an unknown
 * account) names its record '-': there is no page, nor a history, to link to.
 */
const NO_RECORD = '-';

/**
 * The record's page in the back office, where there is one. Partners' and the staff's pages are
 * administrators' only (`administers`): others see the name without a link that would answer 403.
 */
export function recordHref(entry: AuditEntry, people: People, lang: Lang, administers: boolean): string | null {
  if (entry.entityId === NO_RECORD) return null;
  const id = encodeURIComponent(entry.entityId);
  if (entry.entityType === 'organization') return localHref(`/admin/organizations/${id}`, lang);
  if (entry.entityType === 'declaration') return localHref(`/admin/reviews/${id}`, lang);
  if (entry.entityType === 'award') return localHref(`/admin/awards/${id}`, lang);
  if (!administers) return null;
  const named = people.records.get(`${entry.entityType}:${entry.entityId}`);
  if (entry.entityType === 'partner' && named) return localHref(`/admin/partners/${id}`, lang);
  // A webhook is listed on its partner's page (a removed one is not, but its partner is still the place to look).
  if (entry.entityType === 'webhook' && named?.partner) return localHref(`/admin/partners/${encodeURIComponent(named.partner.id)}`, lang);
  if (entry.entityType === 'account' && named?.staff) return localHref('/admin/staff', lang);
  return null;
}

/** What the record is called, where the page knows: an organization's name, whose declaration, a partner's or an account's name, a webhook's URL and partner. */
function recordName(entry: AuditEntry, people: People, lang: Lang): string | undefined {
  if (entry.entityType === 'organization') return people.organizations.get(entry.entityId)?.name;
  const owner = declarationOwner(entry);
  const ownerName = owner ? people.organizations.get(owner)?.name : undefined;
  if (ownerName && entry.entityType === 'award') {
    const year = recorded(entry, 'fiscalYear');
    if (typeof year !== 'number') return lang === 'ja' ? `${ownerName}の表彰` : `Award of ${ownerName}`;
    return lang === 'ja' ? `${ownerName}の${formatFiscalYearShort(year, lang)}の表彰` : `Award of ${ownerName} (${formatFiscalYearShort(year, lang)})`;
  }
  if (ownerName) return lang === 'ja' ? `${ownerName}の宣言` : `Declaration of ${ownerName}`;
  if (entry.entityType === 'token') {
    const token = people.tokens.get(entry.entityId);
    if (token) return token.label === BOOTSTRAP_TOKEN_LABEL && token.organizationId === null ? tokenDisplayName(token, lang) : lang === 'ja' ? `「${token.label}」` : `"${token.label}"`;
  }
  const named = people.records.get(`${entry.entityType}:${entry.entityId}`);
  if (!named) return undefined;
  if (named.partner) return lang === 'ja' ? `${named.name}（${named.partner.name}）` : `${named.name} (${named.partner.name})`;
  if (named.kind === 'account') return accountName({ displayName: named.name, oidcIssuer: named.oidcIssuer ?? null }, lang);
  return named.name;
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

const Change: FC<{ entry: AuditEntry; people: People; lang: Lang }> = ({ entry, people, lang }) => {
  const ja = lang === 'ja';
  const { before, after } = entry;
  // The declaration's organization is on the page already (lookUpPeople): no read per row.
  const owner = declarationOwner(entry);
  const kind = owner ? people.organizations.get(owner)?.kind : undefined;
  return (
    <details class="audit-change">
      <summary>{changeSummary(before, after, lang, kind)}</summary>
      {before != null ? (
        <>
          <p class="audit-change__label">{ja ? '変更前' : 'Before'}</p>
          <pre class="audit-json">{pretty(before)}</pre>
        </>
      ) : null}
      {after != null ? (
        <>
          <p class="audit-change__label">{ja ? '変更後' : 'After'}</p>
          <pre class="audit-json">{pretty(after)}</pre>
        </>
      ) : null}
      {entry.requestId ? <p class="muted">{ja ? 'リクエストID' : 'Request id'}: <code>{entry.requestId}</code></p> : null}
    </details>
  );
};

const Actor: FC<{ entry: AuditEntry; people: People; lang: Lang }> = ({ entry, people, lang }) => {
  const kind = actorKind(entry, people, lang);
  const organization = entry.actorOrganizationId ? people.organizations.get(entry.actorOrganizationId) : null;
  const label = actorLabel(entry, people, lang);
  return (
    <>
      {entry.actorTokenId ? <a href={localHref('/admin/audit', lang, { actorTokenId: entry.actorTokenId })}>{label}</a> : label}
      {kind ? <div class="muted">{kind}</div> : null}
      {entry.actorOrganizationId ? (
        <div>
          <a href={localHref(`/admin/organizations/${encodeURIComponent(entry.actorOrganizationId)}`, lang)}>{organization?.name ?? entry.actorOrganizationId}</a>
        </div>
      ) : null}
    </>
  );
};

const Record: FC<{ entry: AuditEntry; people: People; lang: Lang; administers: boolean }> = ({ entry, people, lang, administers }) => {
  const href = recordHref(entry, people, lang, administers);
  const name = recordName(entry, people, lang);
  return (
    <>
      <span class="muted">{ENTITY_TYPES[entry.entityType]?.[lang] ?? entry.entityType}</span>{' '}
      {entry.entityId === NO_RECORD ? (lang === 'ja' ? '（特定の記録なし）' : '(no single record)') : href ? <a href={href}>{name ?? entry.entityId}</a> : name ?? <code>{entry.entityId}</code>}
      {entry.entityId === NO_RECORD ? null : (
        <div>
          <a class="audit-history" href={localHref('/admin/audit', lang, { entityType: entry.entityType, entityId: entry.entityId })}>
            {lang === 'ja' ? 'この記録の履歴' : "This record's history"}
          </a>
        </div>
      )}
    </>
  );
};

/** A text filter with its label, hint and message; `list` offers suggestions (a datalist) while anything may be typed. */
const Filter: FC<{ lang: Lang; name: keyof FilterValues; label: string; value: string; hint?: string; errors?: Bilingual[] | undefined; type?: 'text' | 'date'; list?: string; maxLength?: number }> = ({
  lang, name, label, value, hint, errors, type = 'text', list, maxLength,
}) => {
  const id = fieldId(name);
  const invalid = Boolean(errors?.length);
  const described = [hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${invalid ? ' field--error' : ''}`}>
      <label for={id}>{label}</label>
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
      <FieldError id={`${id}-error`} lang={lang} errors={errors} />
      <input type={type} id={id} name={name} value={value} list={list} maxlength={maxLength} aria-invalid={invalid ? 'true' : undefined} aria-describedby={described} />
    </div>
  );
};

const Choice: FC<{ lang: Lang; name: keyof FilterValues; label: string; value: string; options: { value: string; label: string }[]; errors?: Bilingual[] | undefined }> = ({ lang, name, label, value, options, errors }) => {
  const id = fieldId(name);
  const invalid = Boolean(errors?.length);
  // A value from a link that the list does not offer stays chosen, as typed.
  const all = value && !options.some((o) => o.value === value) ? [...options, { value, label: value }] : options;
  return (
    <div class={`field${invalid ? ' field--error' : ''}`}>
      <label for={id}>{label}</label>
      <FieldError id={`${id}-error`} lang={lang} errors={errors} />
      <select id={id} name={name} aria-invalid={invalid ? 'true' : undefined} aria-describedby={invalid ? `${id}-error` : undefined}>
        <option value="">{lang === 'ja' ? '（指定しない）' : '(any)'}</option>
        {all.map((o) => (
          <option value={o.value} selected={o.value === value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
};

export interface AuditPageProps {
  staff: StaffMember;
  values: FilterValues;
  errors?: FormErrors | undefined;
  staffList: Account[];
  /** The page of entries; absent when the filters were refused. */
  entries?: AuditEntry[];
  people?: People;
  nextCursor?: string | null;
  /** This page is not the first. */
  paged?: boolean;
}

export const AuditPage: FC<AuditPageProps> = ({ staff, values, errors, staffList, entries, people = newPeople(), nextCursor, paged }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const e = errors?.byField ?? {};
  const params = filterParams(values);
  const filtered = Object.keys(params).length > 0;
  const filteredOrganization = values.organization ? people.organizations.get(values.organization) : null;
  return (
    <AdminLayout staff={staff} title={{ ja: '監査ログ', en: 'Audit log' }} section="audit">
      <h1>{ja ? '監査ログ' : 'Audit log'}</h1>
      <p class="lead">
        {ja
          ? '登録簿のすべての変更・ログイン・拒否された操作の記録です（新しい順）。記録は変更も削除もできません。'
          : 'Every change, sign-in and refused action in the registry, newest first. Entries can be neither changed nor removed.'}
      </p>
      {filteredOrganization ? (
        <p id="audit-organization">
          {ja ? '団体: ' : 'Organization: '}
          <a href={localHref(`/admin/organizations/${encodeURIComponent(filteredOrganization.id)}`, lang)}>{filteredOrganization.name}</a>
          {ja ? ' に関する記録を表示しています。' : ': its entries are shown.'}
        </p>
      ) : null}
      <ErrorSummary lang={lang} items={summaryItems(errors, lang, FILTER_LABELS)} />
      <form method="get" action="/admin/audit" id="audit-filters" class="card audit-filters" novalidate>
        {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <fieldset class="audit-filters__group">
          <legend>{ja ? '誰が' : 'Who'}</legend>
          <Choice lang={lang} name="staff" label={FILTER_LABELS.staff[lang]} value={values.staff} errors={e.staff}
            options={staffList.map((a) => {
              const role = a.staffRole ? STAFF_ROLE_LABELS[a.staffRole][lang] : '';
              return { value: `account:${a.id}`, label: ja ? `${accountName(a, lang)}（${role}）` : `${accountName(a, lang)} (${role})` };
            })} />
          <Filter lang={lang} name="actorTokenId" label={FILTER_LABELS.actorTokenId[lang]} value={values.actorTokenId} errors={e.actorTokenId} maxLength={MAX_ID}
            hint={ja ? 'APIトークンのID、または account:<アカウントID>（団体の人・職員）' : 'An API token id, or account:<account id> (a person of an organization or of the staff)'} />
          <Filter lang={lang} name="actorOrganizationId" label={FILTER_LABELS.actorOrganizationId[lang]} value={values.actorOrganizationId} errors={e.actorOrganizationId} maxLength={MAX_ID}
            hint={ja ? 'その団体のメンバーやトークンが行った操作' : "What the organization's members and tokens did"} />
        </fieldset>
        <fieldset class="audit-filters__group">
          <legend>{ja ? '何を' : 'What'}</legend>
          <Filter lang={lang} name="action" label={FILTER_LABELS.action[lang]} value={values.action} errors={e.action} list="audit-actions" maxLength={MAX_ID}
            hint={ja ? '候補から選ぶか入力（例: declaration.publish）' : 'Pick one or type it (e.g. declaration.publish)'} />
          <datalist id="audit-actions">
            {Object.entries(KNOWN_ACTIONS).map(([value, label]) => (
              <option value={value}>{label[lang]}</option>
            ))}
          </datalist>
        </fieldset>
        <fieldset class="audit-filters__group">
          <legend>{ja ? 'どの記録の' : 'Which record'}</legend>
          <Filter lang={lang} name="organization" label={FILTER_LABELS.organization[lang]} value={values.organization} errors={e.organization} maxLength={MAX_ID}
            hint={ja ? 'その団体と宣言・表彰の記録すべてと、メンバーやトークンが行った操作' : "Everything about the organization, its declarations and awards, and what its members and tokens did"} />
          <Choice lang={lang} name="entityType" label={FILTER_LABELS.entityType[lang]} value={values.entityType} errors={e.entityType}
            options={Object.entries(ENTITY_TYPES).map(([value, label]) => ({ value, label: label[lang] }))} />
          <Filter lang={lang} name="entityId" label={FILTER_LABELS.entityId[lang]} value={values.entityId} errors={e.entityId} maxLength={MAX_ID} />
        </fieldset>
        <fieldset class="audit-filters__group">
          <legend>{ja ? 'いつ（日本時間）' : 'When (Japan time)'}</legend>
          <Filter lang={lang} name="from" type="date" label={FILTER_LABELS.from[lang]} value={values.from} errors={e.from} hint={ja ? '例: 2025-04-01' : 'e.g. 2025-04-01'} />
          <Filter lang={lang} name="to" type="date" label={FILTER_LABELS.to[lang]} value={values.to} errors={e.to} hint={ja ? 'この日の終わりまでを含みます' : 'Up to the end of this day'} />
        </fieldset>
        <p class="actions">
          <button type="submit" class="button">{ja ? '絞り込む' : 'Filter'}</button>{' '}
          {filtered ? <a href={localHref('/admin/audit', lang)}>{ja ? '条件をクリア' : 'Clear the filters'}</a> : null}
        </p>
      </form>
      {entries ? (
        <>
          <p class="audit-export">
            <a id="audit-export" class="button button--secondary" href={localHref('/admin/audit/export.csv', lang, params)}>
              {ja ? 'この条件でCSVをダウンロード' : 'Download these entries as CSV'}
            </a>{' '}
            <span class="muted">{ja ? '（Excel で開けます。最大100,000件）' : '(opens in Excel; up to 100,000 entries)'}</span>
          </p>
          <TableScroll label={ja ? '監査ログ' : 'Audit log'}>
            <table id="audit-log" class="audit-log">
              <caption>{ja ? `監査ログ（新しい順${filtered ? '・絞り込み中' : ''}）` : `Audit log (newest first${filtered ? ', filtered' : ''})`}</caption>
              <thead>
                <tr>
                  <th scope="col">{ja ? '日時（日本時間）' : 'Time (JST)'}</th>
                  <th scope="col">{ja ? '操作した人' : 'Who'}</th>
                  <th scope="col">{ja ? '操作' : 'Action'}</th>
                  <th scope="col">{ja ? '記録' : 'Record'}</th>
                  <th scope="col">{ja ? '内容' : 'Details'}</th>
                </tr>
              </thead>
              <tbody>
                {entries.length === 0 ? (
                  <tr>
                    <td colspan={5}>{ja ? (filtered ? '条件に合う記録はありません。' : '記録はまだありません。') : filtered ? 'No entry matches.' : 'No entries yet.'}</td>
                  </tr>
                ) : (
                  entries.map((entry) => (
                    <tr id={`audit-${entry.seq}`}>
                      <th scope="row">
                        <time datetime={entry.at}>{jstTime(entry.at, lang)}</time>
                        <div class="muted">No. {entry.seq}</div>
                      </th>
                      <td><Actor entry={entry} people={people} lang={lang} /></td>
                      <td>
                        {actionLabel(entry, lang) ?? entry.action}
                        <div><code>{entry.action}</code></div>
                      </td>
                      <td><Record entry={entry} people={people} lang={lang} administers={staff.may('administer')} /></td>
                      <td><Change entry={entry} people={people} lang={lang} /></td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </TableScroll>
          {paged || nextCursor ? (
            <nav class="pager" aria-label={ja ? '監査ログのページ' : 'Audit log pages'}>
              {paged ? <a href={localHref('/admin/audit', lang, params)}>{ja ? '最新の記録に戻る' : 'Back to the newest'}</a> : null}{' '}
              {nextCursor ? (
                <a id="audit-older" rel="next" href={localHref('/admin/audit', lang, { ...params, cursor: nextCursor })}>
                  {ja ? 'さらに古い記録' : 'Older entries'}
                </a>
              ) : null}
            </nav>
          ) : null}
        </>
      ) : null}
    </AdminLayout>
  );
};
