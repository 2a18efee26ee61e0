// Back office: the organizations list (search, pages) and one organization's page (everything the
// secretariat knows about it, and what administrators do from there).
import { registeredByText, type SelfRegistered } from './self-registered.js';
import { SHOWN_AT_FIELD } from '../web/repeated-post.js';
import { PendingRevocation, RevocationFields } from './revocation-fields.js';
import { secretariatRoleOf } from '../../domain/accounts/staff.js';
import type { FC } from 'hono/jsx';
import { MEMBER_ROLE_LABELS, MEMBER_ROLES, type Account, type Invitation, type Membership } from '../../domain/accounts/model.js';
import { AWARD_STATUS_LABELS } from '../../domain/awards/labels.js';
import { PREFECTURE_CODES, PREFECTURES, REVOCATION_REASONS, SUSPENSION_REASON_LABELS, SUSPENSION_REASONS } from '../../domain/codes.js';
import { isRenewalUnderReview, isReturned, RENEWAL_UNDER_REVIEW, RETURNED_LABEL, STATUS_LABELS } from '../../domain/declaration-lifecycle.js';
import { DECLARATION_STATUSES, type AuditEntry, type Award, type AwardCode, type Declaration, type DeclarationStatus, type Organization, type OrganizationKind } from '../../domain/model.js';
import type { StoredCredential } from '../../ports/credential-store.js';
import type { RevocationRequest } from '../../ports/revocation-requests.js';
import type { OrganizationQuery } from '../../ports/repositories.js';
import { formatDate, formatDateTime, formatFiscalYear } from '../pages/format.js';
import { localHref, type Bilingual, type Lang } from '../pages/i18n.js';
import { browserMaxLength, ErrorSummary, FieldError, fieldId, TextArea, TextInput } from '../web/my/form-fields.js';
import { SEARCH_QUERY_MAX } from '../../domain/search-text.js';
import { Csrf, Notice } from '../web/my/my-layout.js';
import { AdminLayout } from './admin-layout.js';
import { industryLabel, sizeBandLabel } from './organization-labels.js';
import { actionLabel, ENTITY_TYPES } from './audit-log.js';
import { Phrases, TableScroll } from './table-scroll.js';
import { summaryItems, type FormErrors } from './form-errors.js';
import { KIND_LABELS, KINDS } from './organizations-form.js';
import type { StaffMember } from './staff-member.js';
import { invitationMailWaiting } from '../web/invitation-mail.js';
import { thenToldByMail } from './told-by-mail.js';
import type { MailPromise } from '../../domain/mail/recipients.js';

const TERMINAL: readonly DeclarationStatus[] = ['withdrawn', 'revoked'];

/** The declaration that stands for the organization now: its live one, else its latest. */
export function currentDeclaration<T extends Pick<Declaration, 'status' | 'createdAt'>>(declarations: readonly T[]): T | null {
  const live = declarations.find((d) => !TERMINAL.includes(d.status));
  if (live) return live;
  return [...declarations].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0] ?? null;
}

/** For a pass over declarations in creation order: does `next` replace `previous` as the organization's current status? */
export const replacesCurrent = (previous: DeclarationStatus | undefined, next: DeclarationStatus) =>
  previous === undefined || TERMINAL.includes(previous) || !TERMINAL.includes(next);

/** The organization's identifier as people quote it. */
export const identifierOf = (o: Pick<Organization, 'kind' | 'corporateNumber' | 'localGovernmentCode'>) =>
  o.kind === 'municipality' && o.localGovernmentCode ? o.localGovernmentCode : (o.corporateNumber ?? '');

// The rules live in the domain (the statistics count by them too); the back office's pages import them from here.
export { isRenewalUnderReview, isReturned, RENEWAL_UNDER_REVIEW, RETURNED_LABEL };

/** A person's contact detail a non-administrator may not read, in the page's language (the audit log's stored marker is bilingual). */
const withheld = (lang: Lang) => (lang === 'ja' ? '（管理者のみ閲覧可）' : '(administrators only)');

const StatusBadge: FC<{ status: DeclarationStatus | null; returned?: boolean; renewalUnderReview?: boolean; lang: Lang }> = ({ status, returned, renewalUnderReview, lang }) =>
  !status ? <span class="muted">{lang === 'ja' ? '宣言なし' : 'None'}</span>
  : returned ? <span class={`status status--${status} status--returned`}>{RETURNED_LABEL[lang]}</span>
  : renewalUnderReview ? <span class={`status status--${status} status--renewal`}>{RENEWAL_UNDER_REVIEW[lang]}</span>
  : <span class={`status status--${status}`}>{STATUS_LABELS[status][lang]}</span>;

/** A status reason code (suspension or revocation) in words; a return's free text as it is. */
function reasonText(code: string | null, lang: Lang): string {
  if (!code) return '';
  if ((SUSPENSION_REASONS as readonly string[]).includes(code)) return SUSPENSION_REASON_LABELS[code as (typeof SUSPENSION_REASONS)[number]][lang];
  return REVOCATION_REASONS[code]?.[lang] ?? code;
}


export interface OrganizationFilters {
  q?: string | undefined;
  kind?: OrganizationKind | undefined;
  prefectureCode?: string | undefined;
  /**
   * A stored status, returned (a draft sent back, isReturned) or renewalUnderReview (a renewal after
   * expiry under review, isRenewalUnderReview), which the list shows apart.
   */
  status?: DeclarationStatus | 'returned' | 'renewalUnderReview' | undefined;
}

/**
 * The search for a list filter: 下書き is a draft never returned, 差戻し one sent back (both stored
 * as draft); 審査中 a first review, 更新を審査中 a renewal after expiry (both stored as submitted).
 */
export function statusQuery(status: OrganizationFilters['status']): Pick<OrganizationQuery, 'declarationStatus' | 'declarationReturned' | 'declarationPublishedBefore'> {
  if (status === 'returned') return { declarationStatus: 'draft', declarationReturned: true };
  if (status === 'draft') return { declarationStatus: 'draft', declarationReturned: false };
  if (status === 'renewalUnderReview') return { declarationStatus: 'submitted', declarationPublishedBefore: true };
  if (status === 'submitted') return { declarationStatus: 'submitted', declarationPublishedBefore: false };
  return status ? { declarationStatus: status } : {};
}

export interface OrganizationRow {
  organization: Organization;
  status: DeclarationStatus | null;
  /** The current declaration is a draft sent back (isReturned). */
  returned: boolean;
  /** The current declaration is a renewal after expiry under review (isRenewalUnderReview). */
  renewalUnderReview: boolean;
  /** Awards that are not revoked; `more` when there are over a hundred. */
  awards: { count: number; more: boolean };
}

export const OrganizationListPage: FC<{
  staff: StaffMember;
  filters: OrganizationFilters;
  rows: OrganizationRow[];
  nextHref: string | null;
  firstHref: string | null;
}> = ({ staff, filters, rows, nextHref, firstHref }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const admin = staff.may('administer');
  const searched = Object.values(filters).some((v) => v !== undefined);
  return (
    <AdminLayout staff={staff} title={{ ja: '団体', en: 'Organizations' }} section="organizations">
      <h1>{ja ? '団体' : 'Organizations'}</h1>
      {admin ? (
        <p class="actions">
          <a class="button" id="register-link" href={localHref('/admin/organizations/new', lang)}>{ja ? '団体を登録する' : 'Register an organization'}</a>
          <a class="button button--secondary" id="export-link" href="/admin/organizations/export.csv" download>{ja ? 'すべての団体をCSVで書き出す' : 'Export all organizations (CSV)'}</a>
        </p>
      ) : null}
      <form class="search" method="get" action="/admin/organizations" role="search" id="org-search" aria-label={ja ? '団体の検索' : 'Search organizations'}>
        {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <div class="field field--wide">
          <label for="search-q">{ja ? '名称・フリガナ・法人番号・地方公共団体コード' : 'Name, katakana, corporate number or local government code'}</label>
          <input id="search-q" name="q" type="search" value={filters.q ?? ''} maxlength={browserMaxLength(SEARCH_QUERY_MAX)} autocomplete="off" />
        </div>
        <div class="field">
          <label for="search-kind">{ja ? '種別' : 'Kind'}</label>
          <select id="search-kind" name="kind">
            <option value="">{ja ? 'すべて' : 'All'}</option>
            {KINDS.map((k) => <option value={k} selected={filters.kind === k}>{KIND_LABELS[k][lang]}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="search-prefecture">{ja ? '都道府県' : 'Prefecture'}</label>
          <select id="search-prefecture" name="prefectureCode">
            <option value="">{ja ? 'すべて' : 'All'}</option>
            {PREFECTURE_CODES.map((code) => <option value={code} selected={filters.prefectureCode === code}>{PREFECTURES[code]![lang]}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="search-status">{ja ? '宣言の状態' : 'Declaration status'}</label>
          <select id="search-status" name="status">
            <option value="">{ja ? 'すべて' : 'All'}</option>
            {DECLARATION_STATUSES.flatMap((s) => [
              <option value={s} selected={filters.status === s}>{STATUS_LABELS[s][lang]}</option>,
              ...(s === 'draft' ? [<option value="returned" selected={filters.status === 'returned'}>{RETURNED_LABEL[lang]}</option>] : []),
              ...(s === 'submitted' ? [<option value="renewalUnderReview" selected={filters.status === 'renewalUnderReview'}>{RENEWAL_UNDER_REVIEW[lang]}</option>] : []),
            ])}
          </select>
        </div>
        <p class="actions">
          <button type="submit" class="button" id="search-button">{ja ? '検索' : 'Search'}</button>
          {searched ? <a href={localHref('/admin/organizations', lang)}>{ja ? '条件をクリア' : 'Clear'}</a> : null}
        </p>
      </form>
      <TableScroll label={ja ? '団体の一覧' : 'Organizations'}>
        <table id="org-results" class="org-table">
          <caption>
            {searched ? (ja ? '検索結果' : 'Results') : ja ? '登録されている団体' : 'Registered organizations'}
            {firstHref ? (ja ? '（続きのページ）' : ' (a later page)') : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">{ja ? '名称' : 'Name'}</th>
              <th scope="col">{ja ? '種別' : 'Kind'}</th>
              <th scope="col">{ja ? <Phrases text="法人番号／団体コード" /> : 'Identifier'}</th>
              <th scope="col">{ja ? '都道府県' : 'Prefecture'}</th>
              <th scope="col">{ja ? '宣言の状態' : 'Declaration'}</th>
              <th scope="col">{ja ? '表彰' : 'Awards'}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colspan={6}>{ja ? '該当する団体はありません。' : 'No organization matches.'}</td>
              </tr>
            ) : (
              rows.map(({ organization: o, status, returned, renewalUnderReview, awards }) => (
                <tr>
                  <th scope="row">
                    <a href={localHref(`/admin/organizations/${o.id}`, lang)}>{o.name}</a>
                    {o.nameKana ? <div class="muted">{o.nameKana}</div> : null}
                  </th>
                  <td>{KIND_LABELS[o.kind][lang]}</td>
                  <td><span class="org-identifier">{identifierOf(o)}</span></td>
                  <td>{PREFECTURES[o.prefectureCode]?.[lang] ?? o.prefectureCode}</td>
                  <td><StatusBadge status={status} returned={returned} renewalUnderReview={renewalUnderReview} lang={lang} /></td>
                  <td>{awards.more ? `${awards.count}+` : awards.count}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </TableScroll>
      {nextHref || firstHref ? (
        <nav class="pager" aria-label={ja ? 'ページ' : 'Pages'}>
          {firstHref ? <a href={firstHref} id="first-page">{ja ? '最初のページへ' : 'First page'}</a> : null}
          {nextHref ? <a href={nextHref} id="next-page" rel="next">{ja ? '次のページへ' : 'Next page'}</a> : null}
        </nav>
      ) : null}
    </AdminLayout>
  );
};

export const ORGANIZATION_DONE: Record<string, Bilingual> = {
  created: { ja: '団体を登録しました。', en: 'The organization was registered.' },
  updated: { ja: '登録内容を変更しました。', en: 'The details were saved.' },
  suspended: { ja: '宣言を一時停止しました。公開ページとバッジの検証に反映されています。', en: 'The declaration was suspended; the public page and badge verification show it.' },
  reinstated: { ja: '宣言の一時停止を解除しました。', en: 'The declaration was reinstated.' },
  'revocation-requested': { ja: '取消を依頼しました。別の管理者の承認を待っています。', en: 'The revocation was requested; it waits for another administrator’s approval.' },
  revoked: { ja: '宣言を取り消しました。', en: 'The declaration was revoked.' },
  'invitation-cancelled': { ja: '招待を取り消しました。そのリンクはもう使えません。', en: 'The invitation was cancelled; its link no longer works.' },
};

export interface InviteState {
  values: { role: string; email: string };
  errors?: FormErrors | undefined;
  /** mailSendable: whether the registry can send e-mail at all (not the Worker without MAIL_API_URL). */
  created?: { url: string; expiresAt: string; mailed: boolean; mailSendable: boolean; email: string | null } | undefined;
}

export interface SuspendState {
  declarationId: string;
  values: { reason: string; note: string };
  errors: FormErrors;
}

export interface OrganizationDetails {
  organization: Organization;
  /** Registered by itself with GビズID (when, who), or null: by the secretariat. */
  selfRegistered: SelfRegistered;
  declarations: Declaration[];
  awards: Award[];
  categories: AwardCode[];
  credentials: StoredCredential[];
  members: { membership: Membership; account: Account }[];
  invitations: Invitation[];
  /** When the page was made: the invite form's shownAt (a reload of its answer is told apart). */
  shownAt: string;
  audit: AuditEntry[];
  /** REVOCATION_TWO_PERSON: a revocation waits for a second administrator. */
  twoPersonRevocation: boolean;
  /** What the organization is told by e-mail of a change (the suspension's hint says it). */
  mailed: MailPromise;
  /** The revocation requests awaiting approval, by declaration id. */
  pendingRevocations: Map<string, RevocationRequest>;
}

/** A credential's state in the back office's lists (an organization's credentials, an award's). */
export const CREDENTIAL_STATUS: Record<string, Bilingual> = {
  active: { ja: '有効', en: 'Active' },
  suspended: { ja: '一時停止', en: 'Suspended' },
  revoked: { ja: '取消', en: 'Revoked' },
  expired: { ja: '期限切れ', en: 'Expired' },
  superseded: { ja: '置き換え済み', en: 'Superseded' },
  // Not stored: a withdrawal sets the revocation bit too, but it is the organization's own act, not a sanction (as /v/{id} says).
  withdrawn: { ja: '取下げ', en: 'Withdrawn' },
};

/**
 * A credential's status as the verification page names it: revoked by its declaration's withdrawal
 * reads as withdrawn; active or suspended with its declaration expired as of now (the declarations
 * are asOf now) reads as expired, as the sweep will store it.
 */
const credentialStatus = (k: StoredCredential, declarations: Declaration[]): string => {
  const declaration = k.subjectType === 'declaration' ? declarations.find((d) => d.id === k.subjectId) : undefined;
  if (k.status === 'revoked' && declaration?.status === 'withdrawn') return 'withdrawn';
  if ((k.status === 'active' || k.status === 'suspended') && declaration?.status === 'expired') return 'expired';
  return k.status;
};

const Fact: FC<{ label: string; value: unknown }> = ({ label, value }) => (
  <div>
    <dt>{label}</dt>
    <dd>{value === null || value === undefined || value === '' ? '—' : (value as string)}</dd>
  </div>
);

/** Who did it, in the words of this page: a member by name, otherwise the kind of actor. */
function actorOf(entry: AuditEntry, members: OrganizationDetails['members'], lang: Lang): string {
  const member = members.find((m) => entry.actorTokenId === `account:${m.account.id}`);
  if (member) return member.account.displayName;
  if (secretariatRoleOf(entry.actorRole)) return lang === 'ja' ? '事務局' : 'Secretariat';
  if (entry.actorRole === 'organization') return lang === 'ja' ? '団体' : 'Organization';
  if (entry.actorRole.startsWith('system')) return lang === 'ja' ? 'システム' : 'System';
  return entry.actorRole;
}

export const OrganizationPage: FC<{
  staff: StaffMember;
  details: OrganizationDetails;
  done?: string | undefined;
  invite?: InviteState | undefined;
  suspend?: SuspendState | undefined;
  /** A refused action (a state that changed meanwhile): its message at the top. */
  problem?: Bilingual | undefined;
}> = ({ staff, details, done, invite, suspend, problem }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const admin = staff.may('administer');
  const { organization: o, declarations, awards, categories, credentials, members, invitations, audit } = details;
  const base = `/admin/organizations/${o.id}`;
  const contact = o.contact ?? {};
  const categoryName = (code: string) => {
    const k = categories.find((c) => c.code === code);
    return k ? (ja ? k.nameJa : k.nameEn) : code;
  };
  const actionable = declarations.filter((d) => d.status === 'published' || d.status === 'suspended');
  return (
    <AdminLayout staff={staff} title={{ ja: o.name, en: o.name }} section="organizations">
      <p class="breadcrumbs"><a href={localHref('/admin/organizations', lang)}>{ja ? '団体' : 'Organizations'}</a></p>
      <h1>{o.name}</h1>
      <Notice text={done ? ORGANIZATION_DONE[done]?.[lang] : undefined} kind="success" />
      <Notice text={problem?.[lang]} kind="error" />
      <p class="actions">
        {admin ? <a class="button" id="edit-link" href={localHref(`${base}/edit`, lang)}>{ja ? '登録内容を変更' : 'Edit details'}</a> : null}
        {/* The tokens page, this organization's id filled in: nobody copies an id by hand. */}
        {admin ? <a class="button button--secondary" id="issue-token-link" href={`${localHref('/admin/tokens', lang, { organizationId: o.id })}#issue-form`}>{ja ? 'この団体のAPIトークンを発行' : 'Issue an API token for this organization'}</a> : null}
        {admin ? <a id="org-tokens-link" href={localHref('/admin/tokens', lang, { organizationId: o.id, state: 'all' })}>{ja ? 'この団体のトークン' : "This organization's tokens"}</a> : null}
        {o.listed ? <a href={localHref(`/organizations/${o.id}`, lang)}>{ja ? '公開ページを見る' : 'Public page'}</a> : <span class="muted">{ja ? '公開一覧にはまだ掲載されていません。' : 'Not listed publicly yet.'}</span>}
      </p>

      <section aria-labelledby="facts-title">
        <h2 id="facts-title">{ja ? '登録内容' : 'Details'}</h2>
        <dl class="facts">
          <Fact label={ja ? '団体ID' : 'ID'} value={o.id} />
          <Fact label={ja ? '種別' : 'Kind'} value={KIND_LABELS[o.kind][lang]} />
          <Fact label={ja ? '名称（フリガナ）' : 'Name in katakana'} value={o.nameKana} />
          <Fact label={ja ? '英語名称' : 'English name'} value={o.nameEn} />
          <Fact label={ja ? '法人番号' : 'Corporate number'} value={o.corporateNumber} />
          <Fact label={ja ? '地方公共団体コード' : 'Local government code'} value={o.localGovernmentCode} />
          <Fact label={ja ? '所在地' : 'Location'} value={`${PREFECTURES[o.prefectureCode]?.[lang] ?? o.prefectureCode}${o.city ? (ja ? o.city : `, ${o.city}`) : ''}`} />
          <Fact label={ja ? '業種' : 'Industry'} value={o.industryCode ? industryLabel(o.industryCode, lang) : null} />
          <Fact label={ja ? '従業員規模' : 'Employees'} value={o.sizeBand ? sizeBandLabel(o.sizeBand, lang) : null} />
          <Fact label={ja ? 'ウェブサイト' : 'Website'} value={o.website} />
          <Fact label={ja ? '登録日' : 'Registered'} value={formatDate(o.createdAt, lang)} />
          <Fact label={ja ? '団体の登録' : 'Registered by'} value={registeredByText(details.selfRegistered)[lang]} />
          <Fact label={ja ? '最終更新' : 'Last changed'} value={formatDateTime(o.updatedAt, lang)} />
        </dl>
        <h3>{ja ? '連絡先（非公開）' : 'Contact (not public)'}</h3>
        {/* A person's contact details are for administrators, as in the audit log and the contacts export. */}
        {admin ? (
          <dl class="facts" id="org-contact">
            <Fact label={ja ? '担当者' : 'Person'} value={contact.name} />
            <Fact label={ja ? '部署' : 'Department'} value={contact.department} />
            <Fact label={ja ? 'メールアドレス' : 'E-mail'} value={contact.email} />
            <Fact label={ja ? '電話番号' : 'Phone'} value={contact.phone} />
          </dl>
        ) : (
          <p class="muted" id="org-contact">{withheld(lang)}</p>
        )}
      </section>

      <section aria-labelledby="declarations-title">
        <h2 id="declarations-title">{ja ? '自己宣言' : 'Declarations'}</h2>
        {declarations.length === 0 ? <p>{ja ? 'まだ宣言はありません。' : 'No declaration yet.'}</p> : (
          <TableScroll label={ja ? '宣言の一覧' : 'Declarations'}>
            <table id="org-declarations">
              <caption>{ja ? 'この団体の宣言（新しい順）' : "This organization's declarations (newest first)"}</caption>
              <thead>
                <tr>
                  <th scope="col">{ja ? '状態' : 'Status'}</th>
                  <th scope="col">{ja ? '版' : 'Version'}</th>
                  <th scope="col">{ja ? '提出' : 'Submitted'}</th>
                  <th scope="col">{ja ? '公表' : 'Published'}</th>
                  <th scope="col">{ja ? '有効期限' : 'Valid until'}</th>
                  <th scope="col">{ja ? '理由' : 'Reason'}</th>
                </tr>
              </thead>
              <tbody>
                {declarations.map((d) => (
                  <tr id={`declaration-${d.id}`}>
                    <th scope="row">
                      <StatusBadge status={d.status} returned={isReturned(d)} renewalUnderReview={isRenewalUnderReview(d)} lang={lang} />
                      {/* Every declaration has its review page: its versions, what changed and its history, decided or not. */}
                      <div>
                        <a href={localHref(`/admin/reviews/${d.id}`, lang)}>{d.status === 'submitted' ? (ja ? '審査する' : 'Review') : ja ? '内容と履歴' : 'Contents and history'}</a>
                      </div>
                      <div class="muted org-identifier">{d.id}</div>
                    </th>
                    <td>{d.currentVersion}</td>
                    <td>{formatDate(d.submittedAt, lang)}</td>
                    <td>{formatDate(d.publishedAt, lang)}</td>
                    <td>{formatDate(d.validUntil, lang)}</td>
                    <td>
                      <span class="prose">{reasonText(d.statusReason, lang)}</span>
                      {d.statusNote ? <div class="muted prose">{d.statusNote}</div> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {admin ? actionable.map((d) => <DeclarationActions staff={staff} organizationId={o.id} declaration={d} suspend={suspend?.declarationId === d.id ? suspend : undefined} twoPerson={details.twoPersonRevocation} pendingRevocation={details.pendingRevocations.get(d.id)} mailed={details.mailed} />) : null}
      </section>

      <section aria-labelledby="awards-title">
        <h2 id="awards-title">{ja ? '表彰' : 'Awards'}</h2>
        {awards.length === 0 ? <p>{ja ? '表彰はありません。' : 'No award.'}</p> : (
          <ul class="plain-list" id="org-awards">
            {awards.map((a) => (
              <li>
                <a href={localHref(`/admin/awards/${a.id}`, lang)}>{formatFiscalYear(a.fiscalYear, lang)} {categoryName(a.categoryCode)}</a>{ja ? `（${formatDate(a.awardedOn, lang)}）` : ` (${formatDate(a.awardedOn, lang)})`}
                {a.status !== 'active' ? <> <span class={`status status--${a.status}`}>{AWARD_STATUS_LABELS[a.status][lang]}</span></> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="credentials-title">
        <h2 id="credentials-title">{ja ? 'クレデンシャル（バッジ）' : 'Credentials (badges)'}</h2>
        {credentials.length === 0 ? <p>{ja ? '発行されたクレデンシャルはありません。' : 'No credential issued.'}</p> : (
          <TableScroll label={ja ? 'クレデンシャルの一覧' : 'Credentials'}>
            <table id="org-credentials">
              <caption>{ja ? '発行したクレデンシャル（新しい順）' : 'Credentials issued (newest first)'}</caption>
              <thead>
                <tr>
                  <th scope="col">{ja ? 'クレデンシャル' : 'Credential'}</th>
                  <th scope="col">{ja ? '対象' : 'For'}</th>
                  <th scope="col">{ja ? '状態' : 'Status'}</th>
                  <th scope="col">{ja ? '発行' : 'Issued'}</th>
                  <th scope="col">{ja ? '有効期限' : 'Valid until'}</th>
                </tr>
              </thead>
              <tbody>
                {credentials.map((k) => (
                  <tr>
                    <th scope="row"><a class="org-identifier" href={localHref(`/v/${k.id}`, lang)}>{k.id}</a></th>
                    <td>{k.subjectType === 'declaration' ? (ja ? '宣言' : 'Declaration') : k.subjectType === 'award' ? (ja ? '表彰' : 'Award') : k.subjectType}</td>
                    <td>{CREDENTIAL_STATUS[credentialStatus(k, declarations)]?.[lang] ?? k.status}</td>
                    <td>{formatDate(k.issuedAt, lang)}</td>
                    <td>{formatDate(k.validUntil, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section aria-labelledby="members-title">
        <h2 id="members-title">{ja ? 'メンバー' : 'Members'}</h2>
        {members.length === 0 ? <p>{ja ? 'まだメンバーはいません（招待リンクから参加します）。' : 'No member yet (people join through an invitation link).'}</p> : (
          <TableScroll label={ja ? 'メンバーの一覧' : 'Members'}>
            <table id="org-members">
              <caption>{ja ? 'この団体として操作できる人' : 'People who act for this organization'}</caption>
              <thead>
                <tr>
                  <th scope="col">{ja ? '名前' : 'Name'}</th>
                  <th scope="col">{ja ? '役割' : 'Role'}</th>
                  <th scope="col">{ja ? 'メールアドレス' : 'E-mail'}</th>
                  <th scope="col">{ja ? '最終ログイン' : 'Last sign-in'}</th>
                </tr>
              </thead>
              <tbody>
                {members.map(({ membership, account }) => (
                  <tr>
                    <th scope="row">{account.displayName}</th>
                    <td>{MEMBER_ROLE_LABELS[membership.role][lang]}</td>
                    <td>{admin ? (account.email ?? '—') : withheld(lang)}</td>
                    <td>{account.lastSignInAt ? formatDateTime(account.lastSignInAt, lang) : ja ? '（なし）' : '(never)'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <h3>{ja ? '未使用の招待' : 'Open invitations'}</h3>
        {invitations.length === 0 ? <p>{ja ? '未使用の招待はありません。' : 'No open invitation.'}</p> : (
          <ul class="plain-list" id="org-invitations">
            {invitations.map((i) => (
              <li>
                {MEMBER_ROLE_LABELS[i.role][lang]}{i.email && admin ? (ja ? `（${i.email}）` : ` (${i.email})`) : ''} — {ja ? `${formatDateTime(i.expiresAt, lang)}まで有効` : `valid until ${formatDateTime(i.expiresAt, lang)}`}
                {admin ? (
                  <form method="post" action={localHref(`${base}/invitations/${i.id}/cancel`, lang)} class="inline-form">
                    <Csrf token={staff.csrf} />
                    {' '}<button type="submit" class="button button--secondary" id={`cancel-invitation-${i.id}`}>{ja ? '招待を取り消す' : 'Cancel the invitation'}</button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {admin ? <InviteSection staff={staff} organizationId={o.id} invite={invite} shownAt={details.shownAt} /> : null}
      </section>

      <section aria-labelledby="audit-title">
        <h2 id="audit-title">{ja ? '最近の操作記録' : 'Recent audit entries'}</h2>
        {audit.length === 0 ? <p>{ja ? '記録はありません。' : 'No entry.'}</p> : (
          <ul class="trail" id="org-audit">
            {audit.map((entry) => (
              <li>
                <span class="trail__when">{formatDateTime(entry.at, lang)}</span>
                <span>{actionLabel(entry, lang) ?? entry.action} <code>{entry.action}</code> <span class="muted">{ENTITY_TYPES[entry.entityType]?.[lang] ?? entry.entityType}</span></span>
                <span class="trail__who">{actorOf(entry, members, lang)}</span>
              </li>
            ))}
          </ul>
        )}
        {/* The 20 newest only: the rest, and the secretariat's own steps, are in the log. */}
        <p>
          <a id="org-audit-all" href={localHref('/admin/audit', lang, { organization: o.id })}>
            {ja ? 'この団体の操作記録をすべて監査ログで見る' : "All of this organization's entries in the audit log"}
          </a>
        </p>
      </section>
    </AdminLayout>
  );
};

/** Suspend or reinstate (here), and the revocation request (a form for /admin/revocations). */
const DeclarationActions: FC<{ staff: StaffMember; organizationId: string; declaration: Declaration; suspend?: SuspendState | undefined; twoPerson: boolean; pendingRevocation?: RevocationRequest | undefined; mailed: MailPromise }> = ({
  staff, organizationId, declaration: d, suspend, twoPerson, pendingRevocation, mailed,
}) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const base = `/admin/organizations/${organizationId}/declarations/${d.id}`;
  const errors = suspend?.errors;
  return (
    <div class="org-actions" id="declaration-actions">
      <h3>{ja ? `宣言の操作（${STATUS_LABELS[d.status].ja}）` : `Act on the declaration (${STATUS_LABELS[d.status].en})`}</h3>
      {d.status === 'published' ? (
        <form method="post" action={localHref(`${base}/suspend`, lang)} id="suspend-form" class="card org-action-form" novalidate>
          <h4>{ja ? '一時停止する' : 'Suspend'}</h4>
          <p class="hint">{thenToldByMail({ ja: '公開ページとバッジの検証で「一時停止中」と表示されます。', en: 'The public page and badge verification will show it as suspended.' }, mailed)[lang]}</p>
          <ErrorSummary lang={lang} items={summaryItems(errors, lang)} />
          <Csrf token={staff.csrf} />
          <input type="hidden" name="rowVersion" value={String(d.rowVersion)} />
          <div class={`field${errors?.byField.reason ? ' field--error' : ''}`}>
            <label for={fieldId('reason')}>
              {ja ? '理由' : 'Reason'}
              <span class="required">{ja ? '（必須）' : ' (required)'}</span>
            </label>
            <FieldError id={`${fieldId('reason')}-error`} lang={lang} errors={errors?.byField.reason} />
            <select id={fieldId('reason')} name="reason" required aria-invalid={errors?.byField.reason ? 'true' : undefined} aria-describedby={errors?.byField.reason ? `${fieldId('reason')}-error` : undefined}>
              <option value="">{ja ? '（選択してください）' : '(choose)'}</option>
              {SUSPENSION_REASONS.map((code) => <option value={code} selected={suspend?.values.reason === code}>{SUSPENSION_REASON_LABELS[code][lang]}</option>)}
            </select>
          </div>
          <TextArea lang={lang} name="note" label={ja ? '補足（任意・団体に伝わります）' : 'Note (optional; the organization sees it)'} value={suspend?.values.note ?? ''} errors={errors?.byField.note} maxLength={2000} rows={3} />
          <p class="actions"><button type="submit" class="button button--danger" id="suspend-button">{ja ? '一時停止する' : 'Suspend'}</button></p>
        </form>
      ) : (
        <form method="post" action={localHref(`${base}/reinstate`, lang)} id="reinstate-form" class="card org-action-form">
          <h4>{ja ? '一時停止を解除する' : 'Reinstate'}</h4>
          <p class="hint">{ja ? '宣言は再び「公表中」になり、バッジも有効に戻ります。' : 'The declaration is published again and its badge valid again.'}</p>
          <Csrf token={staff.csrf} />
          <input type="hidden" name="rowVersion" value={String(d.rowVersion)} />
          <p class="actions"><button type="submit" class="button" id="reinstate-button">{ja ? '再開する' : 'Reinstate'}</button></p>
        </form>
      )}
      {pendingRevocation ? <PendingRevocation lang={lang} request={pendingRevocation} /> : (
        <form method="post" action={localHref('/admin/revocations', lang)} id="revoke-form" class="card org-action-form">
          <h4>{ja ? '取り消す' : 'Revoke'}</h4>
          <p class="hint">
            {twoPerson
              ? ja ? '取消は元に戻せません。依頼すると、別の管理者が承認した時点で取り消されます（「取消の承認」）。' : 'A revocation cannot be undone. It takes effect when a second administrator approves it (under “Revocations”).'
              : ja ? '取消は元に戻せません。送信するとすぐに取り消されます。' : 'A revocation cannot be undone; it takes effect at once.'}
          </p>
          <Csrf token={staff.csrf} />
          <input type="hidden" name="subjectType" value="declaration" />
          <input type="hidden" name="subjectId" value={d.id} />
          <input type="hidden" name="back" value={`/admin/organizations/${organizationId}`} />
          <RevocationFields lang={lang} twoPerson={twoPerson} subject="declaration" />
          <p class="actions">
            <button type="submit" class="button button--danger" id="revoke-button">{twoPerson ? (ja ? '取消を依頼する' : 'Request revocation') : ja ? '取り消す' : 'Revoke'}</button>
          </p>
        </form>
      )}
    </div>
  );
};

const InviteSection: FC<{ staff: StaffMember; organizationId: string; invite?: InviteState | undefined; shownAt: string }> = ({ staff, organizationId, invite, shownAt }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const errors = invite?.errors;
  const role = invite?.values.role || 'owner';
  return (
    <div class="org-invite">
      <h3 id="invite-title">{ja ? 'メンバーを招待する' : 'Invite a member'}</h3>
      {invite?.created ? (
        <div class="notice notice--success" role="status" id="invitation-created">
          <p>{ja ? `招待リンクを作成しました（一度だけ表示します。${formatDateTime(invite.created.expiresAt, lang)}まで、1回限り有効）:` : `The invitation link (shown once; works once, until ${formatDateTime(invite.created.expiresAt, lang)}):`}</p>
          <p><code id="invitation-url">{invite.created.url}</code></p>
          {invite.created.mailed && invite.created.email ? (
            <p>{invite.created.mailSendable ? (ja ? `${invite.created.email} にもメールで送りました。` : `It was also e-mailed to ${invite.created.email}.`) : invitationMailWaiting(invite.created.email)[lang]}</p>
          ) : null}
        </div>
      ) : null}
      <ErrorSummary lang={lang} items={summaryItems(errors, lang)} />
      <form method="post" action={localHref(`/admin/organizations/${organizationId}/invitations`, lang)} id="invite-form" class="card invite-form" novalidate>
        <Csrf token={staff.csrf} />
        <input type="hidden" name={SHOWN_AT_FIELD} value={shownAt} />
        <p class="hint">{ja ? 'リンクを受け取った人がパスキーを作成して、この団体のメンバーになります。最初に参加した人は団体の管理者になります。' : 'Whoever receives the link creates a passkey and becomes a member; the first to join becomes an owner.'}</p>
        <div class={`field${errors?.byField.role ? ' field--error' : ''}`}>
          <label for={fieldId('role')}>{ja ? '役割' : 'Role'}</label>
          <FieldError id={`${fieldId('role')}-error`} lang={lang} errors={errors?.byField.role} />
          <select id={fieldId('role')} name="role">
            {MEMBER_ROLES.map((r) => <option value={r} selected={r === role}>{MEMBER_ROLE_LABELS[r][lang]}</option>)}
          </select>
        </div>
        <TextInput lang={lang} type="email" name="email" label={ja ? 'メールアドレス（任意）' : 'E-mail (optional)'} value={invite?.values.email ?? ''} errors={errors?.byField.email} maxLength={254} autocomplete="off"
          hint={ja ? '入力すると、招待リンクをメールでも送ります。' : 'If given, the link is also sent by e-mail.'} />
        <p class="actions"><button type="submit" class="button" id="invite-button">{ja ? '招待リンクを作成' : 'Create the invitation link'}</button></p>
      </form>
    </div>
  );
};
