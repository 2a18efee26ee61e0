// Back office: API tokens (administrators only). The pages; the routes are in tokens.tsx.
import { SHOWN_AT_FIELD } from '../web/repeated-post.js';
import type { FC } from 'hono/jsx';
import { MEMBER_ROLE_LABELS } from '../../domain/accounts/model.js';
import { ADMIN_TOKEN_ISSUER, STAFF_INVITATION_STATE_LABELS, STAFF_ROLE_LABELS } from '../../domain/accounts/staff.js';
import type { ApiToken, AuditEntry } from '../../domain/model.js';
import { BOOTSTRAP_TOKEN_LABEL, tokenDisplayName, type RevocationPreview } from '../../domain/services/tokens.js';
import { formatDateTime } from '../pages/format.js';
import { localHref, type Bilingual, type Lang } from '../pages/i18n.js';
import { Csrf, Notice } from '../web/my/my-layout.js';
import { ErrorSummary, FieldError, TextInput } from '../web/my/form-fields.js';
import { AdminLayout } from './admin-layout.js';
import { actorLabel, type People } from './audit-log.js';
import { summaryItems, type FormErrors } from './form-errors.js';
import type { StaffMember } from './staff-member.js';
import { TableScroll } from './table-scroll.js';

export const TOKEN_STATES = ['active', 'revoked', 'all'] as const;
export type TokenState = (typeof TOKEN_STATES)[number];
const STATE_LABELS: Record<TokenState, Bilingual> = { active: { ja: '有効', en: 'Active' }, revoked: { ja: '取消済み', en: 'Revoked' }, all: { ja: 'すべて', en: 'All' } };
const ROLE_LABELS: Record<ApiToken['role'], Bilingual> = { admin: { ja: '管理者', en: 'Administrator' }, organization: { ja: '団体', en: 'Organization' } };

/** A token's label as the page's language reads it: the bootstrap token's stored label is English (see tokenDisplayName). */
const labelOf = (token: Pick<ApiToken, 'label' | 'organizationId'>, lang: Lang) =>
  token.label === BOOTSTRAP_TOKEN_LABEL && token.organizationId === null ? tokenDisplayName(token, lang) : token.label;

/** 「a、b」 / "a, b" in brackets after a name. */
const aside = (lang: Lang, parts: string[]) => (lang === 'ja' ? `（${parts.join('、')}）` : ` (${parts.join(', ')})`);

/** Names a page shows beside a token: its organization's name and who minted it (a token.create entry's actor, as the audit log names it). */
export interface TokenNames {
  organizations: Map<string, string>;
  /** The token.create entry's actor, per token id (only its actor fields are read). */
  creators: Map<string, Pick<AuditEntry, 'actorTokenId' | 'actorRole'>>;
  people: People;
}

export interface IssueState {
  values: Record<string, string>;
  errors?: FormErrors | undefined;
  issued?: { token: ApiToken; secret: string } | undefined;
}

const Organization: FC<{ token: ApiToken; names: TokenNames; lang: Lang }> = ({ token, names, lang }) =>
  token.organizationId ? (
    <a href={localHref(`/admin/organizations/${encodeURIComponent(token.organizationId)}`, lang)}>{names.organizations.get(token.organizationId) ?? token.organizationId}</a>
  ) : (
    <>—</>
  );

const Creator: FC<{ token: ApiToken; names: TokenNames; lang: Lang }> = ({ token, names, lang }) => {
  const entry = names.creators.get(token.id);
  if (!entry) return <>{lang === 'ja' ? '（記録なし）' : '(not recorded)'}</>;
  const label = actorLabel(entry as AuditEntry, names.people, lang);
  return entry.actorTokenId ? <a href={localHref('/admin/audit', lang, { actorTokenId: entry.actorTokenId })}>{label}</a> : <>{label}</>;
};

const State: FC<{ token: ApiToken; lang: Lang }> = ({ token, lang }) =>
  token.revokedAt ? (
    <span class="status status--revoked">{lang === 'ja' ? `取消済み（${formatDateTime(token.revokedAt, lang)}）` : `Revoked (${formatDateTime(token.revokedAt, lang)})`}</span>
  ) : (
    <span class="status status--active">{STATE_LABELS.active[lang]}</span>
  );

const IssuedSecret: FC<{ lang: Lang; issued: { token: ApiToken; secret: string } }> = ({ lang, issued }) => {
  const ja = lang === 'ja';
  return (
    <div class="notice notice--success" role="status" id="issued-token">
      <p>{ja ? `${tokenDisplayName(issued.token, lang)}を発行しました。` : `${tokenDisplayName(issued.token, lang)} was issued.`}</p>
      <p><strong>{ja ? 'このトークンは今回だけ表示します。再表示はできません。' : 'This token is shown only now; it will not be shown again.'}</strong></p>
      <p>{ja ? '下の文字列をすべて選択して（クリックで全体が選択されます）コピーし、安全な場所（パスワード管理ツールなど）に保管してください。' : 'Select all of the text below (one click selects it), copy it and keep it somewhere safe (a password manager, for example).'}</p>
      <p><code id="token-secret" class="secret">{issued.secret}</code></p>
    </div>
  );
};

/** A token like the one posted was issued after the form's page was shown: the post was sent again (a reload, the back button). */
export const ISSUED_SINCE_SHOWN: Bilingual = {
  ja: 'このページを開いた後に、同じラベル・種類のトークンを既に発行しています（再読み込みなどで同じ送信が繰り返されました）。何も発行していません。もう1本必要なときは、このフォームからもう一度発行してください。',
  en: 'A token with this label and role was already issued after this page was opened (the same submission was sent again, by a reload for example). Nothing was issued. If you need another one, issue it again with this form.',
};

const IssueForm: FC<{ staff: StaffMember; issue?: IssueState | undefined; organizationId?: string | undefined; shownAt: string }> = ({ staff, issue, organizationId, shownAt }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const errors = issue?.errors;
  const role = issue?.values.role ?? 'organization';
  return (
    <section aria-labelledby="issue-title">
      <h2 id="issue-title">{ja ? 'トークンを発行する' : 'Issue a token'}</h2>
      <ErrorSummary lang={lang} items={summaryItems(errors, lang)} />
      {/* Posted with the list's organization, so the answer lists the new token among its own. */}
      <form method="post" action={localHref('/admin/tokens', lang, { organizationId })} class="card" id="issue-form" novalidate>
        <Csrf token={staff.csrf} />
        <input type="hidden" name={SHOWN_AT_FIELD} value={shownAt} />
        <TextInput lang={lang} name="label" label={ja ? 'ラベル（用途が分かる名前）' : 'Label (what it is for)'} value={issue?.values.label ?? ''} required errors={errors?.byField.label} maxLength={200} />
        <div class={`field${errors?.byField.role ? ' field--error' : ''}`}>
          <label for="f-role">{ja ? '種類' : 'Role'}</label>
          <FieldError id="f-role-error" lang={lang} errors={errors?.byField.role} />
          <select id="f-role" name="role" aria-invalid={errors?.byField.role ? 'true' : undefined} aria-describedby={errors?.byField.role ? 'f-role-error' : undefined}>
            {(['organization', 'admin'] as const).map((r) => (
              <option value={r} selected={r === role}>{ROLE_LABELS[r][lang]}</option>
            ))}
          </select>
        </div>
        <TextInput
          lang={lang}
          name="organizationId"
          label={ja ? '団体ID（団体トークンのみ）' : 'Organization id (organization tokens only)'}
          hint={ja ? '団体のページのアドレス（/admin/organizations/…）の末尾のIDです。' : 'The id at the end of the organization’s page address (/admin/organizations/…).'}
          value={issue?.values.organizationId ?? ''}
          errors={errors?.byField.organizationId}
          maxLength={64}
        />
        <p class="actions">
          <button type="submit" class="button">{ja ? '発行する' : 'Issue'}</button>
        </p>
      </form>
    </section>
  );
};

export const TokensPage: FC<{
  staff: StaffMember;
  tokens: ApiToken[];
  /** When the page was made: the issuing form's shownAt (a reload of its answer is told apart). */
  shownAt: string;
  names: TokenNames;
  state: TokenState;
  stateErrors?: Bilingual[] | undefined;
  /** The one organization whose tokens are listed (from its page), or every token. */
  organizationId?: string | undefined;
  page: number;
  pages: number;
  issue?: IssueState | undefined;
  done?: string | undefined;
}> = ({ staff, tokens, shownAt, names, state, stateErrors, organizationId, page, pages, issue, done }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const orgName = organizationId ? (names.organizations.get(organizationId) ?? organizationId) : undefined;
  const listName = orgName ? (ja ? `${orgName}のトークン` : `Tokens of ${orgName}`) : ja ? 'APIトークン' : 'API tokens';
  return (
    <AdminLayout staff={staff} title={{ ja: 'APIトークン', en: 'API tokens' }} section="tokens">
      <h1>{ja ? 'APIトークン' : 'API tokens'}</h1>
      {/* At the top: the one time the secret is shown must not be missed below a long list. */}
      {issue?.issued ? <IssuedSecret lang={lang} issued={issue.issued} /> : null}
      <Notice text={done} kind="success" />
      <p>{ja ? 'APIを使うためのトークンです。トークンの文字列は発行したときに一度だけ表示し、ここには表示しません。' : 'Tokens for the API. A token’s secret is shown once, when it is issued, and never here.'}</p>
      {organizationId ? (
        <p id="organization-filter">
          {ja ? `${orgName}のトークンだけを表示しています。` : `Showing the tokens of ${orgName} only.`}{' '}
          <a href={localHref(`/admin/organizations/${encodeURIComponent(organizationId)}`, lang)}>{ja ? '団体のページ' : 'The organization’s page'}</a>{' '}
          <a id="all-tokens-link" href={localHref('/admin/tokens', lang)}>{ja ? 'すべてのトークンを表示' : 'Show every token'}</a>
        </p>
      ) : null}
      <form method="get" action="/admin/tokens" class="inline-form" id="state-filter">
        {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        {organizationId ? <input type="hidden" name="organizationId" value={organizationId} /> : null}
        <div class={`field${stateErrors ? ' field--error' : ''}`}>
          <label for="f-state">{ja ? '状態' : 'State'}</label>
          <FieldError id="f-state-error" lang={lang} errors={stateErrors} />
          <select id="f-state" name="state" aria-invalid={stateErrors ? 'true' : undefined} aria-describedby={stateErrors ? 'f-state-error' : undefined}>
            {TOKEN_STATES.map((s) => (
              <option value={s} selected={s === state}>{STATE_LABELS[s][lang]}</option>
            ))}
          </select>
        </div>{' '}
        <button type="submit" class="button button--secondary">{ja ? '表示' : 'Show'}</button>
      </form>
      {tokens.length === 0 ? (
        <p id="no-tokens">{ja ? '該当するトークンはありません。' : 'No tokens match.'}</p>
      ) : (
        <TableScroll label={ja ? 'APIトークンの一覧' : 'API tokens'}>
          <table id="tokens">
            <caption>{ja ? `${listName}（${STATE_LABELS[state].ja}）` : `${listName} (${STATE_LABELS[state].en})`}</caption>
            <thead>
              <tr>
                <th scope="col">{ja ? 'ラベル' : 'Label'}</th>
                <th scope="col">{ja ? '種類' : 'Role'}</th>
                <th scope="col">{ja ? '団体' : 'Organization'}</th>
                <th scope="col">{ja ? '発行者' : 'Issued by'}</th>
                <th scope="col">{ja ? '発行日時' : 'Issued'}</th>
                <th scope="col">{ja ? '状態' : 'State'}</th>
                <th scope="col">{ja ? '操作' : 'Actions'}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr id={`token-${token.id}`}>
                  <th scope="row"><a href={localHref(`/admin/tokens/${encodeURIComponent(token.id)}`, lang)}>{labelOf(token, lang)}</a></th>
                  <td>{ROLE_LABELS[token.role][lang]}</td>
                  <td><Organization token={token} names={names} lang={lang} /></td>
                  <td><Creator token={token} names={names} lang={lang} /></td>
                  <td class="date">{formatDateTime(token.createdAt, lang)}</td>
                  <td><State token={token} lang={lang} /></td>
                  <td>
                    {token.revokedAt ? null : (
                      <a class="button button--danger" href={localHref(`/admin/tokens/${encodeURIComponent(token.id)}/revoke`, lang)} aria-label={ja ? `${labelOf(token, lang)}を取り消す` : `Revoke ${labelOf(token, lang)}`}>{ja ? '取り消す' : 'Revoke'}</a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {pages > 1 ? (
        <nav aria-label={ja ? 'ページ' : 'Pages'} class="pagination" id="token-pages">
          {page > 1 ? <a rel="prev" href={localHref('/admin/tokens', lang, { organizationId, state, page: page - 1 })}>{ja ? '前へ' : 'Previous'}</a> : null}{' '}
          <span>{ja ? `${page} / ${pages} ページ` : `Page ${page} of ${pages}`}</span>{' '}
          {page < pages ? <a rel="next" href={localHref('/admin/tokens', lang, { organizationId, state, page: page + 1 })}>{ja ? '次へ' : 'Next'}</a> : null}
        </nav>
      ) : null}
      <IssueForm staff={staff} issue={issue} organizationId={organizationId} shownAt={shownAt} />
    </AdminLayout>
  );
};

const TokenFacts: FC<{ token: ApiToken; names: TokenNames; lang: Lang }> = ({ token, names, lang }) => {
  const ja = lang === 'ja';
  return (
    <dl class="facts" id="token-facts">
      <div><dt>{ja ? 'ラベル' : 'Label'}</dt><dd>{labelOf(token, lang)}</dd></div>
      <div><dt>{ja ? '種類' : 'Role'}</dt><dd>{ROLE_LABELS[token.role][lang]}</dd></div>
      <div><dt>{ja ? '団体' : 'Organization'}</dt><dd><Organization token={token} names={names} lang={lang} /></dd></div>
      <div><dt>{ja ? '発行者' : 'Issued by'}</dt><dd><Creator token={token} names={names} lang={lang} /></dd></div>
      <div><dt>{ja ? '発行日時' : 'Issued'}</dt><dd>{formatDateTime(token.createdAt, lang)}</dd></div>
      <div><dt>{ja ? '状態' : 'State'}</dt><dd><State token={token} lang={lang} /></dd></div>
      <div><dt>ID</dt><dd><code>{token.id}</code></dd></div>
    </dl>
  );
};

export const TokenPage: FC<{ staff: StaffMember; token: ApiToken; names: TokenNames; notice?: { text: string; kind: 'success' | 'error' } | undefined }> = ({ staff, token, names, notice }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  return (
    <AdminLayout staff={staff} title={{ ja: tokenDisplayName(token, 'ja'), en: tokenDisplayName(token, 'en') }} section="tokens">
      <h1>{tokenDisplayName(token, lang)}</h1>
      <Notice text={notice?.text} kind={notice?.kind} />
      <TokenFacts token={token} names={names} lang={lang} />
      <p class="actions">
        {token.revokedAt ? null : <a class="button button--danger" id="revoke-link" href={localHref(`/admin/tokens/${encodeURIComponent(token.id)}/revoke`, lang)}>{ja ? 'このトークンを取り消す' : 'Revoke this token'}</a>}{' '}
        <a href={localHref('/admin/audit', lang, { entityType: 'token', entityId: token.id })}>{ja ? 'このトークンの監査ログ' : 'Audit log of this token'}</a>{' '}
        <a href={localHref('/admin/tokens', lang)}>{ja ? 'トークンの一覧に戻る' : 'Back to the tokens'}</a>
      </p>
    </AdminLayout>
  );
};

/** What revoking would touch, one line each; nothing when the list is empty. */
const Made: FC<{ id: string; title: string; items: string[] }> = ({ id, title, items }) =>
  items.length === 0 ? null : (
    <>
      <h3>{title}</h3>
      <ul id={id}>
        {items.map((item) => (
          <li>{item}</li>
        ))}
      </ul>
    </>
  );

export const RevokePage: FC<{ staff: StaffMember; preview: RevocationPreview; names: TokenNames; revokeCreated: boolean; refusal?: Bilingual | undefined }> = ({ staff, preview, names, revokeCreated, refusal }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const { token, created } = preview;
  const date = (iso: string) => formatDateTime(iso, lang);
  const orgName = (id: string) => names.organizations.get(id) ?? id;
  const cancelled = [
    ...preview.cancelledInvitations.map((i) => (ja ? `職員への招待: ${i.name}（${STAFF_ROLE_LABELS[i.role].ja}、${date(i.expiresAt)}まで）` : `Staff invitation: ${i.name} (${STAFF_ROLE_LABELS[i.role].en}, until ${date(i.expiresAt)})`)),
    ...preview.cancelledOrganizationInvitations.map((i) => (ja ? `団体への招待: ${orgName(i.organizationId)}（${MEMBER_ROLE_LABELS[i.role].ja}、${date(i.expiresAt)}まで）` : `Invitation to ${orgName(i.organizationId)} (${MEMBER_ROLE_LABELS[i.role].en}, until ${date(i.expiresAt)})`)),
  ];
  const live = {
    tokens: created.tokens.filter((t) => t.revokedAt === null),
    accounts: created.accounts.filter((a) => a.staffRole !== null),
    invitations: created.invitations.filter((i) => i.state === 'open' && !preview.cancelledInvitations.some((c) => c.id === i.id)),
    organizationInvitations: created.organizationInvitations.filter((i) => i.state === 'open' && !preview.cancelledOrganizationInvitations.some((c) => c.id === i.id)),
  };
  const anyCreated = live.tokens.length + live.accounts.length + live.invitations.length + live.organizationInvitations.length > 0;
  const usedMembers = created.organizationInvitations.filter((i) => i.state === 'used');
  const warning = refusal ?? (preview.lastWayIn.alone ? lastWayInText : undefined);
  // Revoking closes the account the token opened, this session's account when it is the one signed in with.
  const own = staff.account.oidcIssuer === ADMIN_TOKEN_ISSUER && staff.account.oidcSubject === token.id;
  return (
    <AdminLayout staff={staff} title={{ ja: 'トークンの取消', en: 'Revoke a token' }} section="tokens">
      <h1>{ja ? `${tokenDisplayName(token, lang)}を取り消す` : `Revoke ${tokenDisplayName(token, lang)}`}</h1>
      {warning ? (
        <div class="notice notice--error" role="alert" id="revoke-refusal">
          <p>{warning[lang]}</p>
        </div>
      ) : null}
      {own ? (
        <div class="notice" role="status" id="own-token">
          <p>{ja ? 'これは、あなたが今この管理画面にログインしているトークンです。取り消すとすぐにログアウトし、このトークンでは二度とログインできません。' : 'This is the token you are signed in to the back office with. Revoking it signs you out at once, and it will never sign in again.'}</p>
        </div>
      ) : null}
      <TokenFacts token={token} names={names} lang={lang} />
      <p>{ja ? '取り消したトークンはすぐに使えなくなり、元に戻せません。' : 'A revoked token stops working at once; this cannot be undone.'}{token.role === 'admin' ? (ja ? 'このトークンでログインした管理画面のアカウントも閉じます（職員から外し、パスキーを削除します）。' : ' The back-office account this token signed in to is closed too (it leaves the staff and its passkeys are removed).') : ''}</p>
      <section aria-labelledby="cancelled-title">
        <h2 id="cancelled-title">{ja ? '一緒に取り消される招待' : 'Invitations cancelled with it'}</h2>
        {cancelled.length === 0 ? <p id="no-cancelled">{ja ? 'このトークンが送った未使用の招待はありません。' : 'This token sent no invitations still open.'}</p> : <Made id="cancelled-invitations" title={ja ? '未使用の招待（リンクは使えなくなります）' : 'Open invitations (their links stop working)'} items={cancelled} />}
      </section>
      <section aria-labelledby="created-title">
        <h2 id="created-title">{ja ? 'このトークンから作られたもの' : 'What this token made'}</h2>
        {!anyCreated && usedMembers.length === 0 ? <p id="nothing-created">{ja ? '有効なものはありません。' : 'Nothing that is still live.'}</p> : null}
        <Made id="created-tokens" title={ja ? '発行されたトークン' : 'Tokens it issued'} items={live.tokens.map((t) => tokenDisplayName(t, lang) + aside(lang, [ROLE_LABELS[t.role][lang], ...(t.organizationId ? [orgName(t.organizationId)] : []), date(t.createdAt)]))} />
        <Made id="created-accounts" title={ja ? '招待から参加した職員' : 'Staff who joined through its invitations'} items={live.accounts.map((a) => a.name + aside(lang, [STAFF_ROLE_LABELS[a.staffRole!][lang]]))} />
        <Made id="created-invitations" title={ja ? 'それらが送った未使用の招待' : 'Open invitations those sent'} items={[
          ...live.invitations.map((i) => i.name + aside(lang, [STAFF_ROLE_LABELS[i.role][lang], STAFF_INVITATION_STATE_LABELS[i.state][lang]])),
          ...live.organizationInvitations.map((i) => orgName(i.organizationId) + aside(lang, [MEMBER_ROLE_LABELS[i.role][lang]])),
        ]} />
        <Made id="created-members" title={ja ? '団体への招待から参加した人（団体のメンバーページで外せます）' : 'People who joined organizations through its invitations (removed on the organization’s members page)'} items={usedMembers.map((i) => orgName(i.organizationId) + aside(lang, [MEMBER_ROLE_LABELS[i.role][lang]]))} />
      </section>
      <form method="post" action={localHref(`/admin/tokens/${encodeURIComponent(token.id)}/revoke`, lang)} class="card" id="revoke-form">
        <Csrf token={staff.csrf} />
        {/* What this page lists: with the box ticked, only these go (anything made since: 409, this page again). */}
        {preview.withCreated.map((id) => (
          <input type="hidden" name="expectCreated" value={id} />
        ))}
        {anyCreated ? (
          <div class="checkbox">
            <input type="checkbox" id="f-revokeCreated" name="revokeCreated" value="true" checked={revokeCreated} aria-describedby="f-revokeCreated-hint" />
            <label for="f-revokeCreated">{ja ? '上の「このトークンから作られたもの」もすべて取り消す' : 'Also revoke everything listed under “What this token made”'}</label>
            <p class="hint" id="f-revokeCreated-hint">
              {ja ? '漏えいしたトークンのときに選んでください。定期的な入れ替えなら、同僚のトークンやアカウントが使えなくなるため選ばないでください。' : 'Choose this for a leaked token. For a routine rotation, leave it: your colleagues’ tokens and accounts would stop working.'}
              {preview.lastWayIn.withCreated && !preview.lastWayIn.alone ? (ja ? ' ただし、すべて取り消すと管理画面にログインできる管理者がいなくなるため、選ぶと取り消せません。' : ' But revoking all of it would leave no administrator able to sign in, so with this chosen the revocation is refused.') : ''}
            </p>
          </div>
        ) : null}
        <p class="actions">
          <button type="submit" class="button button--danger">{ja ? '取り消す' : 'Revoke'}</button>{' '}
          <a href={localHref(`/admin/tokens/${encodeURIComponent(token.id)}`, lang)}>{ja ? 'やめる' : 'Cancel'}</a>
        </p>
      </form>
    </AdminLayout>
  );
};

const lastWayInText: Bilingual = {
  ja: 'このトークンを取り消すと、管理画面にログインできる管理者がいなくなるため、取り消せません。先に「職員」ページからご自身を名前のある管理者として招待し、招待リンクからパスキーで参加してから取り消してください。',
  en: 'Revoking this token would leave no administrator able to sign in, so it cannot be revoked. First invite yourself as a named administrator on the Staff page, join through the link with a passkey, then revoke it.',
};
