import type { FC } from 'hono/jsx';
import type { Passkey } from '../../domain/accounts/model.js';
import { accountName } from '../../domain/accounts/staff.js';
import { PASSKEYS_JS_PATH } from '../assets/routes.js';
import { formatDate } from '../pages/format.js';
import { localHref } from '../pages/i18n.js';
import { Csrf, Notice } from '../web/my/my-layout.js';
import { AdminLayout } from './admin-layout.js';
import type { StaffMember } from './staff-member.js';
import { browserMaxLength } from '../web/my/form-fields.js';

/**
 * GET /admin: what waits for the secretariat; `hasPasskey`: the account has one already (no advice
 * to register one); `revokedTokenAccounts`: accounts of revoked tokens still open (administrators
 * only; closed on the staff page); `mailUnsendable`: no way to send e-mail is configured (the
 * Worker without MAIL_API_URL), so every notice and invitation waits in the outbox.
 */
export const HomePage: FC<{ staff: StaffMember; queue: { count: number; more: boolean; pendingRevocations: number }; hasPasskey: boolean; revokedTokenAccounts: number; mailUnsendable: boolean }> = ({ staff, queue, hasPasskey, revokedTokenAccounts, mailUnsendable }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  return (
    <AdminLayout staff={staff} title={{ ja: '管理画面', en: 'Back office' }} section="home">
      <h1>{ja ? '管理画面' : 'Back office'}</h1>
      <p class="lead">{ja ? `${accountName(staff.account, lang)} さん、こんにちは。` : `Hello, ${accountName(staff.account, lang)}.`}</p>
      {revokedTokenAccounts > 0 ? (
        <div class="notice notice--error" role="alert" id="revoked-token-accounts-notice">
          {ja ? `取り消し済みの管理者トークンのアカウントが ${revokedTokenAccounts} 件、管理者のまま残っています（登録されたパスキーがあれば、それでログインできます）。` : `${revokedTokenAccounts} account${revokedTokenAccounts === 1 ? '' : 's'} of revoked administrator tokens ${revokedTokenAccounts === 1 ? 'is still an administrator' : 'are still administrators'} (a passkey registered on ${revokedTokenAccounts === 1 ? 'it' : 'them'} still signs in). `}
          <a href={`${localHref('/admin/staff', lang)}#revoked-token-accounts`}>{ja ? '「職員」で確認して閉じてください' : 'Review and close them under Staff'}</a>
          {ja ? '。' : '.'}
        </div>
      ) : null}
      {mailUnsendable ? (
        <div class="notice notice--error" role="alert" id="mail-unsendable-notice">
          {ja ? 'メールの送信方法が設定されていないため、団体へのお知らせや招待のメールは送信されていません。' : 'No way to send e-mail is configured: notices and invitations to organizations are not being sent. '}
          <a href={localHref('/admin/mail', lang)}>{ja ? '「メール」で確認してください' : 'See E-mail'}</a>
          {ja ? '。' : '.'}
        </div>
      ) : null}
      <ul class="admin-counts">
        <li>
          <strong>{queue.more ? `${queue.count}+` : queue.count}</strong>
          <a href={localHref('/admin/reviews', lang)}>{ja ? '審査待ちの宣言' : 'Declarations awaiting review'}</a>
        </li>
        <li>
          <strong id="pending-revocations-count">{queue.pendingRevocations}</strong>
          <a href={localHref('/admin/revocations', lang)}>{ja ? '承認待ちの取消の依頼' : 'Revocation requests awaiting approval'}</a>
        </li>
      </ul>
      {!hasPasskey && (staff.account.oidcIssuer === null || staff.account.oidcIssuer.startsWith('urn:registry:')) ? (
        <Notice text={ja ? 'パスキーを登録すると、次回からトークンなしでログインできます。「自分のアカウント」から登録してください。' : 'Register a passkey under “My account” to sign in without the token next time.'} />
      ) : null}
    </AdminLayout>
  );
};

const DONE = {
  'passkey-removed': { ja: 'パスキーを削除しました。', en: 'The passkey was removed.' },
} as const;

/** GET /admin/account: one's own passkeys; add one (JavaScript), remove one (a form). */
export const AccountPage: FC<{ staff: StaffMember; passkeys: Passkey[]; done: string | undefined }> = ({ staff, passkeys, done }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const notice = done && done in DONE ? DONE[done as keyof typeof DONE][lang] : null;
  return (
    <AdminLayout staff={staff} title={{ ja: '自分のアカウント', en: 'My account' }} section="account">
      <h1>{ja ? '自分のアカウント' : 'My account'}</h1>
      <Notice text={notice} kind="success" />
      <dl class="facts">
        <div>
          <dt>{ja ? 'お名前' : 'Name'}</dt>
          <dd>{accountName(staff.account, lang)}</dd>
        </div>
        <div>
          <dt>{ja ? 'メールアドレス' : 'E-mail'}</dt>
          <dd>{staff.account.email ?? (ja ? '（なし）' : '(none)')}</dd>
        </div>
      </dl>
      <h2>{ja ? 'パスキー' : 'Passkeys'}</h2>
      {passkeys.length === 0 ? (
        <p>{ja ? 'まだパスキーがありません。' : 'No passkey yet.'}</p>
      ) : (
        <ul class="plain-list">
          {passkeys.map((p) => (
            <li>
              {ja ? `${p.label}（登録 ${formatDate(p.createdAt, lang)}）` : `${p.label} (added ${formatDate(p.createdAt, lang)})`}
              <form method="post" action={`/admin/account/passkeys/${encodeURIComponent(p.id)}/delete`} class="inline-form">
                <Csrf token={staff.csrf} />
                <button type="submit" class="button button--secondary">{ja ? '削除' : 'Remove'}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form class="passkey-form card" method="post" action="/admin/passkeys/verify" data-passkey-add data-options="/admin/passkeys/options" data-verify="/admin/passkeys/verify" novalidate>
        <h3>{ja ? 'パスキーを追加する' : 'Add a passkey'}</h3>
        <div class="field">
          <label for="passkey-label">{ja ? 'パスキーの名前（任意）' : 'Name of the passkey (optional)'}</label>
          <input type="text" id="passkey-label" name="label" maxlength={browserMaxLength(60)} aria-describedby="passkey-label-error" />
          <p class="field-error" id="passkey-label-error" data-error-for="label" hidden></p>
        </div>
        <p class="actions">
          <button class="button" type="submit" id="add-passkey-button">{ja ? 'パスキーを追加' : 'Add a passkey'}</button>
        </p>
        <p class="hint" data-passkey-status role="status" aria-live="polite">
          <noscript>{ja ? 'パスキーの利用には JavaScript が必要です。' : 'Passkeys need JavaScript.'}</noscript>
        </p>
      </form>
      <script src={PASSKEYS_JS_PATH} defer></script>
    </AdminLayout>
  );
};
