// The members page: who can act for the organization, their passkeys, and (owners) invitations.
import type { FC } from 'hono/jsx';
import { MEMBER_ROLE_LABELS, MEMBER_ROLES, type Account, type Invitation, type Membership, type Passkey } from '../../../domain/accounts/model.js';
import { PASSKEYS_JS_PATH } from '../../assets/routes.js';
import { localHref, type Bilingual } from '../../pages/i18n.js';
import { SHOWN_AT_FIELD } from '../repeated-post.js';
import { browserMaxLength, ErrorSummary, FieldError, TextInput, fieldId } from './form-fields.js';
import { formatDateTime } from '../../pages/format.js';
import type { Member } from './member.js';
import { Csrf, MyLayout, Notice } from './my-layout.js';

export interface MemberRow {
  account: Account;
  membership: Membership;
  passkeys: Passkey[];
}

export interface InviteFormState {
  role: string;
  email: string;
  errors: { role?: Bilingual[]; email?: Bilingual[] };
  /** A page-level message above the form (a stale token: nothing was created). */
  notice?: Bilingual | undefined;
}

/** After a redirect: ?removed=member (this page's remove form), ?removed=invitation (an invitation's cancel button), ?removed=passkey (POST /my/passkeys/<id>/delete) or ?saved=profile (POST /my/profile). */
const DONE: Record<string, Bilingual> = {
  member: { ja: 'メンバーを削除しました。', en: 'The member was removed.' },
  passkey: { ja: 'パスキーを削除しました。', en: 'The passkey was removed.' },
  invitation: { ja: '招待を取り消しました。そのリンクはもう使えません。', en: 'The invitation was cancelled; its link no longer works.' },
  profile: { ja: 'お名前とメールアドレスを保存しました。', en: 'Your name and e-mail address were saved.' },
};

export const MembersPage: FC<{ member: Member; rows: MemberRow[]; invitations: Invitation[]; invite?: InviteFormState | undefined; done?: string | undefined; now: Date }> = ({
  member, rows, invitations, invite, done, now,
}) => {
  const { lang } = member;
  const ja = lang === 'ja';
  const title = { ja: 'メンバー', en: 'Members' };
  const never = ja ? '（まだありません）' : '(never)';
  // The last owner cannot leave (someone must be able to invite); everyone else may.
  const owners = rows.filter((r) => r.membership.role === 'owner').length;
  const mayLeave = member.membership.role !== 'owner' || owners > 1;
  return (
    <MyLayout member={member} title={title} section="members">
      <h1>{title[lang]}</h1>
      <Notice text={done ? DONE[done]?.[lang] : undefined} kind="success" />
      {member.isOwner ? null : (
        <p class="notice">{ja ? 'メンバーの招待・削除は管理者が行います。' : 'Owners invite and remove members.'}</p>
      )}
      <ul class="card-list">
        {rows.map(({ account, membership, passkeys }) => (
          <li class="card member">
            <h2 class="member__name">
              {account.displayName}
              {account.id === member.account.id ? (ja ? '（あなた）' : ' (you)') : ''}
            </h2>
            <dl class="facts">
              <div>
                <dt>{ja ? '役割' : 'Role'}</dt>
                <dd>{MEMBER_ROLE_LABELS[membership.role][lang]}</dd>
              </div>
              {account.email ? (
                <div>
                  <dt>{ja ? 'メールアドレス' : 'E-mail'}</dt>
                  <dd>{account.email}</dd>
                </div>
              ) : null}
              <div>
                <dt>{ja ? 'ログイン方法' : 'Signs in with'}</dt>
                <dd>
                  {[account.oidcSubject ? (ja ? 'GビズID' : 'gBizID') : null, passkeys.length > 0 ? (ja ? `パスキー（${passkeys.length}件）` : `passkeys (${passkeys.length})`) : null]
                    .filter(Boolean)
                    .join(ja ? '、' : ', ') || '—'}
                </dd>
              </div>
              <div>
                <dt>{ja ? '最後のログイン' : 'Last sign-in'}</dt>
                <dd>{account.lastSignInAt ? formatDateTime(account.lastSignInAt, lang) : never}</dd>
              </div>
            </dl>
            {account.id === member.account.id ? (
              <p>
                <a href={localHref('/my/profile', lang)}>{ja ? 'お名前・メールアドレスを確認・変更する' : 'See or change your name and e-mail address'}</a>
              </p>
            ) : null}
            {passkeys.length > 0 ? (
              <>
                <h3>{ja ? 'パスキー' : 'Passkeys'}</h3>
                <ul class="passkeys">
                  {passkeys.map((p) => (
                    <li>
                      {/* The name apart from its dates: an unnamed passkey is named by its time of registration. */}
                      <span>
                        <strong>{p.label}</strong>
                        <span class="muted">
                          {ja ? `（登録 ${formatDateTime(p.createdAt, lang)}・最終使用 ` : ` (added ${formatDateTime(p.createdAt, lang)}, last used `}
                          {p.lastUsedAt ? formatDateTime(p.lastUsedAt, lang) : never}
                          {ja ? '）' : ')'}
                        </span>
                      </span>
                      {member.isOwner || account.id === member.account.id ? (
                        <form method="post" action={localHref(`/my/passkeys/${encodeURIComponent(p.id)}/delete`, lang)} class="inline-form">
                          <Csrf token={member.csrf} />
                          <input type="hidden" name="account" value={account.id} />
                          <button class="link-button" type="submit" aria-label={ja ? `パスキー「${p.label}」を削除` : `Remove passkey "${p.label}"`}>
                            {ja ? '削除' : 'Remove'}
                          </button>
                        </form>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {account.id === member.account.id ? <AddPasskeyForm member={member} /> : null}
            {account.id === member.account.id && mayLeave ? (
              <p class="actions">
                <a class="button button--secondary" href={localHref(`/my/members/${account.id}/remove`, lang)}>
                  {ja ? 'この団体から抜ける' : 'Leave this organization'}
                </a>
              </p>
            ) : null}
            {member.isOwner && account.id !== member.account.id ? (
              <p class="actions">
                <a class="button button--secondary" href={localHref(`/my/members/${account.id}/remove`, lang)}>
                  {ja ? `${account.displayName}さんを削除する` : `Remove ${account.displayName}`}
                </a>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {member.isOwner ? <InviteSection member={member} invitations={invitations} invite={invite} now={now} /> : null}
      <script src={PASSKEYS_JS_PATH} defer></script>
    </MyLayout>
  );
};

/** Adding a passkey to one's own account (WebAuthn needs JavaScript: /assets/passkeys.js drives it). */
const AddPasskeyForm: FC<{ member: Member }> = ({ member }) => {
  const { lang } = member;
  const ja = lang === 'ja';
  return (
    <form class="passkey-form" method="post" action="/my/passkeys/verify" data-passkey-add data-options="/my/passkeys/options" data-verify="/my/passkeys/verify" novalidate>
      <h3>{ja ? 'パスキーを追加する' : 'Add a passkey'}</h3>
      <div class="field">
        <label for="passkey-label">{ja ? 'パスキーの名前（任意）' : 'Name of the passkey (optional)'}</label>
        <p class="hint" id="passkey-label-hint">
          {ja ? '例: 事務所のパソコン、スマートフォン' : 'e.g. office PC, phone'}
        </p>
        <input type="text" id="passkey-label" name="label" maxlength={browserMaxLength(60)} aria-describedby="passkey-label-hint passkey-label-error" />
        <p class="field-error" id="passkey-label-error" data-error-for="label" hidden></p>
      </div>
      <p class="actions">
        <button class="button button--secondary" type="submit">
          {ja ? 'この端末でパスキーを作成' : 'Create a passkey on this device'}
        </button>
      </p>
      <p class="hint" data-passkey-status role="status" aria-live="polite">
        <noscript>{ja ? 'パスキーの利用には JavaScript が必要です。' : 'Passkeys need JavaScript.'}</noscript>
      </p>
    </form>
  );
};

const InviteSection: FC<{ member: Member; invitations: Invitation[]; invite?: InviteFormState | undefined; now: Date }> = ({ member, invitations, invite, now }) => {
  const { lang } = member;
  const ja = lang === 'ja';
  const role = invite?.role ?? 'editor';
  const summary = [
    ...(invite?.errors.role ?? []).map((e) => ({ href: `#${fieldId('role')}`, text: `${ja ? '役割' : 'Role'}: ${e[lang]}` })),
    ...(invite?.errors.email ?? []).map((e) => ({ href: `#${fieldId('email')}`, text: `${ja ? 'メールアドレス' : 'E-mail'}: ${e[lang]}` })),
  ];
  const pending = invitations.filter((i) => !i.usedAt && i.expiresAt > now.toISOString());
  return (
    <section aria-labelledby="invite-title">
      <h2 id="invite-title">{ja ? 'メンバーを招待する' : 'Invite a member'}</h2>
      <p>
        {ja
          ? '招待リンクを作成します。リンクを受け取った人はパスキーを登録してこの団体のメンバーになります。リンクは1回だけ、期限内に使えます。'
          : 'Creates an invitation link. Whoever receives it registers a passkey and becomes a member. The link works once, before it expires.'}
      </p>
      <Notice text={invite?.notice?.[lang]} kind="error" />
      <ErrorSummary lang={lang} items={summary} />
      <form method="post" action={localHref('/my/members/invite', lang)} novalidate class="invite-form">
        <Csrf token={member.csrf} />
        <input type="hidden" name={SHOWN_AT_FIELD} value={now.toISOString()} />
        <fieldset class="field" aria-describedby={invite?.errors.role ? `${fieldId('role')}-error` : undefined}>
          <legend>{ja ? '役割' : 'Role'}</legend>
          <FieldError id={`${fieldId('role')}-error`} lang={lang} errors={invite?.errors.role} />
          {MEMBER_ROLES.map((r, i) => (
            <div class="checkbox">
              <input type="radio" name="role" value={r} id={i === 0 ? fieldId('role') : `${fieldId('role')}-${r}`} checked={role === r} />
              <label for={i === 0 ? fieldId('role') : `${fieldId('role')}-${r}`}>
                {MEMBER_ROLE_LABELS[r][lang]}
                <span class="muted">
                  {r === 'owner'
                    ? ja ? '（宣言の作成に加え、メンバーの招待・削除ができます）' : ' (also invites and removes members)'
                    : ja ? '（宣言の作成・提出ができます）' : ' (writes and submits declarations)'}
                </span>
              </label>
            </div>
          ))}
        </fieldset>
        <TextInput lang={lang} type="email" name="email" label={ja ? 'メールアドレス（任意）' : 'E-mail (optional)'} value={invite?.email ?? ''} errors={invite?.errors.email} autocomplete="off" hint={ja ? '入力すると、招待リンクをメールでも送ります。' : 'If given, the link is also sent by e-mail.'} />
        <p class="actions">
          <button class="button" type="submit">
            {ja ? '招待リンクを作成する' : 'Create an invitation link'}
          </button>
        </p>
      </form>
      {pending.length > 0 ? (
        <>
          <h3>{ja ? '未使用の招待' : 'Pending invitations'}</h3>
          <ul class="link-list">
            {pending.map((i) => (
              <li>
                {MEMBER_ROLE_LABELS[i.role][lang]}
                {i.email ? `・${i.email}` : ''}
                {ja ? `（期限 ${formatDateTime(i.expiresAt, lang)}）` : ` (expires ${formatDateTime(i.expiresAt, lang)})`}
                <form method="post" action={localHref(`/my/members/invitations/${encodeURIComponent(i.id)}/cancel`, lang)} class="inline-form">
                  <Csrf token={member.csrf} />
                  <button class="link-button" type="submit" id={`cancel-invitation-${i.id}`}>{ja ? '招待を取り消す' : 'Cancel the invitation'}</button>
                </form>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
};
