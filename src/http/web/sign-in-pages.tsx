import { useSiteFrame } from '../pages/site-frame.js';
import type { FC } from 'hono/jsx';
import { isValidCorporateNumber } from '../../domain/identifiers.js';
import { localHref, type Bilingual, type Lang } from '../pages/i18n.js';
import { PASSKEYS_JS_PATH } from '../assets/routes.js';
import { Layout, type LayoutProps } from '../pages/layout.js';

/** Sign in with a discoverable passkey (/assets/passkeys.js drives it; without JavaScript it says so). */
export const PasskeyLoginForm: FC<{ lang: Lang; next: string; buttonId: string }> = ({ lang, next, buttonId }) => {
  const ja = lang === 'ja';
  return (
    <>
      {/* next in the action too: without JavaScript the refusal page links back to sign-in keeping it. */}
      <form method="post" action={localHref('/auth/passkey/login', 'ja', { next })} data-passkey-login data-next={next}>
        <p class="actions">
          <button class="button" type="submit" id={buttonId}>
            {ja ? 'パスキーでログイン' : 'Sign in with a passkey'}
          </button>
        </p>
        <p class="hint" data-passkey-status role="status" aria-live="polite">
          <noscript>{ja ? 'パスキーの利用には JavaScript が必要です。' : 'Passkeys need JavaScript.'}</noscript>
        </p>
      </form>
      <script src={PASSKEYS_JS_PATH} defer></script>
    </>
  );
};

/** GET /login: the ways in. GビズID when configured; passkeys for everyone invited. */
export const LoginPage: FC<{ lang: Lang; oidcEnabled: boolean; next: string; error?: Bilingual }> = ({ lang, oidcEnabled, next, error }) => {
  const ja = lang === 'ja';
  return (
    <Layout lang={lang} title={ja ? 'ログイン' : 'Sign in'} section={null} otherLangHref={localHref('/login', ja ? 'en' : 'ja', { next })}>
      <h1>{ja ? 'ログイン' : 'Sign in'}</h1>
      <p class="lead">
        {ja
          ? '自己宣言の作成・提出、バッジのダウンロードは、宣言する団体の担当者がログインして行います。パスワードは使いません。'
          : 'Staff of declaring organizations sign in to write and submit declarations and to download badges. No passwords are used.'}
      </p>
      {error ? (
        <div class="notice notice--error" role="alert">
          {error[lang]}
        </div>
      ) : null}
      {oidcEnabled ? (
        <section class="card" aria-labelledby="login-gbiz">
          <h2 id="login-gbiz">{ja ? 'GビズIDでログイン（企業の方）' : 'Sign in with GビズID (companies)'}</h2>
          <p>
            {ja
              ? 'GビズIDのアカウントに登録された法人番号で、登録簿の団体と結び付けます。'
              : "Your GビズID account's corporate number (法人番号) links you to your organization in the registry."}
          </p>
          <p class="actions">
            <a class="button" href={localHref('/auth/oidc/login', lang, { next })} id="login-oidc">
              {ja ? 'GビズIDでログイン' : 'Sign in with GビズID'}
            </a>
          </p>
        </section>
      ) : null}
      <section class="card" aria-labelledby="login-passkey">
        <h2 id="login-passkey">{ja ? 'パスキーでログイン（自治体・招待された方）' : 'Sign in with a passkey (municipalities and invited members)'}</h2>
        <p>
          {ja
            ? '事務局または団体の管理者から届いた招待リンクでパスキーを登録した方は、こちらからログインできます。'
            : 'If you registered a passkey through an invitation link from the secretariat or your organization, sign in here.'}
        </p>
        <PasskeyLoginForm lang={lang} next={next} buttonId="login-passkey-button" />
      </section>
      <p class="muted">
        {ja
          ? `ログインできない場合は、${useSiteFrame().operatorName}にお問い合わせください。`
          : `If you cannot sign in, contact the secretariat (${useSiteFrame().operatorName}).`}
      </p>
    </Layout>
  );
};

/** The provider vouched for the person, but no registered organization matches them. */
export const NoOrganizationPage: FC<{ lang: Lang; corporateNumber: string | null; next?: string }> = ({ lang, corporateNumber, next }) => {
  const ja = lang === 'ja';
  return (
    <Layout lang={lang} title={ja ? '団体が登録されていません' : 'No registered organization'} section={null} otherLangHref={localHref('/login', ja ? 'en' : 'ja')}>
      <h1>{ja ? '団体が登録されていません' : 'No registered organization'}</h1>
      <div class="notice notice--error" role="alert">
        {corporateNumber && !isValidCorporateNumber(corporateNumber)
          ? ja
            ? `GビズIDから届いた法人番号「${corporateNumber}」は正しい法人番号（13桁、検査数字が合うもの）ではないため、団体と結び付けられませんでした。GビズIDに登録された法人番号をご確認ください。`
            : `The corporate number "${corporateNumber}" from your GビズID account is not a valid corporate number (13 digits with a matching check digit), so it could not be linked to an organization. Check the corporate number registered with GビズID.`
          : corporateNumber
          ? ja
            ? `GビズIDの法人番号 ${corporateNumber} の団体は、この登録簿にまだ登録されていません。`
            : `No organization with the corporate number ${corporateNumber} from your GビズID account is registered yet.`
          : ja
            ? 'GビズIDのアカウントに法人番号が含まれていないため、団体と結び付けられませんでした。'
            : 'Your GビズID account carries no corporate number, so it could not be linked to an organization.'}
      </div>
      <p>
        {ja
          ? `自己宣言を始めるには、${useSiteFrame().operatorName}に団体の登録を依頼してください。登録後、もう一度ログインすると自動的に団体のメンバーになります。自治体の方は、事務局から届く招待リンクでパスキーを登録してください。`
          : `To start a declaration, ask the secretariat (${useSiteFrame().operatorName}) to register your organization. Once it is registered, sign in again and you become its member automatically. Municipalities: register a passkey through the invitation link the secretariat sends you.`}
      </p>
      <p>
        <a href={localHref('/login', lang, { next })}>{ja ? 'ログインページに戻る' : 'Back to sign-in'}</a>
      </p>
    </Layout>
  );
};

/** A page-level refusal (CSRF, an expired or used link, a failed sign-in): what happened and where to go. */
export const WebErrorPage: FC<{ lang: Lang; title: Bilingual; message: Bilingual; back?: { href: string; label: Bilingual }; signedIn?: LayoutProps['signedIn'] }> = ({ lang, title, message, back, signedIn }) => (
  <Layout lang={lang} title={title[lang]} section={null} otherLangHref={localHref('/login', lang === 'ja' ? 'en' : 'ja')} signedIn={signedIn}>
    <h1>{title[lang]}</h1>
    <div class="notice notice--error" role="alert">
      {message[lang]}
    </div>
    {back ? (
      <p>
        <a href={back.href}>{back.label[lang]}</a>
      </p>
    ) : null}
  </Layout>
);
