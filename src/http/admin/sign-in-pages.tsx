import type { FC } from 'hono/jsx';
import { STAFF_ROLE_LABELS, type StaffInvitation } from '../../domain/accounts/staff.js';
import { PASSKEYS_JS_PATH } from '../assets/routes.js';
import { formatDate } from '../pages/format.js';
import { localHref, type Bilingual, type Lang } from '../pages/i18n.js';
import { Layout } from '../pages/layout.js';
import { PrivacyNote } from '../pages/privacy-page.js';
import { PasskeyLoginForm } from '../web/sign-in-pages.js';

/**
 * GET /admin/login: the secretariat's ways in. A passkey (staff register one through their
 * invitation, or after the first token sign-in), the secretariat's own OpenID Connect provider when
 * configured, and the bootstrap administrator token (a plain form: works without JavaScript).
 */
export const StaffLoginPage: FC<{ lang: Lang; next: string; staffOidc: boolean; error?: Bilingual }> = ({ lang, next, staffOidc, error }) => {
  const ja = lang === 'ja';
  return (
    <Layout lang={lang} title={ja ? '事務局ログイン' : 'Secretariat sign-in'} section={null} otherLangHref={localHref('/admin/login', ja ? 'en' : 'ja', { next })}>
      <h1>{ja ? '事務局ログイン' : 'Secretariat sign-in'}</h1>
      <p class="lead">
        {ja ? '事務局の職員専用の管理画面です。パスワードは使いません。' : 'The back office, for the staff of the secretariat only. No passwords are used.'}
      </p>
      {error ? (
        <div class="notice notice--error" role="alert" id="login-error">
          {error[lang]}
        </div>
      ) : null}
      <section class="card" aria-labelledby="staff-passkey">
        <h2 id="staff-passkey">{ja ? 'パスキーでログイン' : 'Sign in with a passkey'}</h2>
        <PasskeyLoginForm lang={lang} next={next} buttonId="staff-passkey-button" />
      </section>
      {staffOidc ? (
        <section class="card" aria-labelledby="staff-oidc">
          <h2 id="staff-oidc">{ja ? '府省のアカウントでログイン' : "Sign in with the ministry's account"}</h2>
          <p class="actions">
            <a class="button button--secondary" href={localHref('/auth/staff-oidc/login', lang, { next })} id="staff-oidc-login">
              {ja ? '府省のアカウントでログイン' : "Sign in with the ministry's account"}
            </a>
          </p>
        </section>
      ) : null}
      <section class="card" aria-labelledby="staff-token">
        <h2 id="staff-token">{ja ? '管理者トークンでログイン（初回設定）' : 'Sign in with the administrator token (first setup)'}</h2>
        <p>
          {ja
            ? '最初の管理者は、サーバーの設定（REGISTRY_ADMIN_TOKEN）または初回起動時に表示された管理者トークンでログインし、続けてパスキーを登録してください。'
            : 'The first administrator signs in with the administrator token (REGISTRY_ADMIN_TOKEN, or the one printed on first start), then registers a passkey.'}
        </p>
        <form method="post" action="/admin/login" class="stack">
          <input type="hidden" name="next" value={next} />
          <div class={`field${error ? ' field--error' : ''}`}>
            <label for="token">{ja ? '管理者トークン' : 'Administrator token'}</label>
            <input type="password" id="token" name="token" autocomplete="off" required maxlength={2048} aria-describedby={error ? 'login-error' : undefined} aria-invalid={error ? 'true' : undefined} />
          </div>
          <p class="actions">
            <button class="button button--secondary" type="submit" id="staff-token-button">
              {ja ? 'トークンでログイン' : 'Sign in with the token'}
            </button>
          </p>
        </form>
      </section>
      <PrivacyNote lang={lang} />
    </Layout>
  );
};

/** GET /admin/join/<token>: a person invited to the staff creates a passkey (or links the secretariat's provider). */
export const StaffJoinPage: FC<{ lang: Lang; token: string; invitation: StaffInvitation; staffOidc: boolean }> = ({ lang, token, invitation, staffOidc }) => {
  const ja = lang === 'ja';
  const path = `/admin/join/${token}`;
  return (
    <Layout lang={lang} title={ja ? '事務局職員としての招待' : 'Invitation to the secretariat'} section={null} otherLangHref={localHref(path, ja ? 'en' : 'ja')}>
      <h1>{ja ? '事務局職員としての招待' : 'Invitation to the secretariat'}</h1>
      <dl class="facts">
        <div>
          <dt>{ja ? 'お名前' : 'Name'}</dt>
          <dd>{invitation.name}</dd>
        </div>
        <div>
          <dt>{ja ? '役割' : 'Role'}</dt>
          <dd>{STAFF_ROLE_LABELS[invitation.role][lang]}</dd>
        </div>
        <div>
          <dt>{ja ? 'リンクの有効期限' : 'Link valid until'}</dt>
          <dd>{formatDate(invitation.expiresAt, lang)}</dd>
        </div>
      </dl>
      <form class="passkey-form card" method="post" action={`${path}/verify`} data-passkey-join data-options={`${path}/options`} data-verify={`${path}/verify`} novalidate>
        <h2>{ja ? 'パスキーを作成する' : 'Create a passkey'}</h2>
        <p class="hint">
          {ja ? 'お使いの端末（指紋・顔認証・PIN など）やセキュリティキーでパスキーを作成します。' : 'Creates a passkey on this device (fingerprint, face, PIN…) or on a security key.'}
        </p>
        <p class="actions">
          <button class="button" type="submit" id="staff-join-button">
            {ja ? 'パスキーを作成して参加する' : 'Create a passkey and join'}
          </button>
        </p>
        <p class="hint" data-passkey-status role="status" aria-live="polite">
          <noscript>{ja ? 'パスキーの利用には JavaScript が必要です。' : 'Passkeys need JavaScript.'}</noscript>
        </p>
      </form>
      {staffOidc ? (
        <p class="actions">
          <a class="button button--secondary" href={localHref('/auth/staff-oidc/login', lang, { invitation: token })}>
            {ja ? '府省のアカウントで参加する' : "Join with the ministry's account"}
          </a>
        </p>
      ) : null}
      <PrivacyNote lang={lang} />
      <script src={PASSKEYS_JS_PATH} defer></script>
    </Layout>
  );
};

type Props<T> = T extends FC<infer P> ? P : never;
export const staffJoinPage = (props: Props<typeof StaffJoinPage>) => <StaffJoinPage {...props} />;
