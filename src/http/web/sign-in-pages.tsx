import { useSiteFrame } from '../pages/site-frame.js';
import type { FC } from 'hono/jsx';
import { isValidCorporateNumber } from '../../domain/identifiers.js';
import { localHref, type Bilingual, type Lang } from '../pages/i18n.js';
import { PASSKEYS_JS_PATH } from '../assets/routes.js';
import { Layout, type LayoutProps } from '../pages/layout.js';
import { PrivacyNote } from '../pages/privacy-page.js';
import { GUIDE_PATH } from '../pages/guide-page.js';
import { Secretariat } from '../pages/secretariat.js';
import { SELF_REGISTER_LABEL, SELF_REGISTRATION_PATH } from './self-registration-page.js';
import { UNTRUSTED_REGISTRATION_ADVICE } from './account-type-messages.js';

/** Sign in with a discoverable passkey (/assets/passkeys.js drives it; without JavaScript it says so). */
export const PasskeyLoginForm: FC<{ lang: Lang; next: string; buttonId: string }> = ({ lang, next, buttonId }) => {
  const ja = lang === 'ja';
  return (
    <>
      {/* next in the action too: without JavaScript the refusal page links back to sign-in keeping it, in the page's language. */}
      <form method="post" action={localHref('/auth/passkey/login', lang, { next })} data-passkey-login data-next={next}>
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
        {ja ? '' : ' '}
        {ja ? 'はじめての方は「' : 'New here? See '}
        <a href={localHref(GUIDE_PATH, lang)}>{ja ? '自己宣言の手引き' : 'How to declare'}</a>
        {ja ? '」をご覧ください。' : '.'}
      </p>
      {error ? (
        <div class="notice notice--error" role="alert">
          {error[lang]}
        </div>
      ) : null}
      {oidcEnabled ? (
        <section class="card" aria-labelledby="login-gbiz">
          <h2 id="login-gbiz">{ja ? 'GビズIDでログイン（企業の方）' : 'Sign in with gBizID (companies)'}</h2>
          <p>
            {ja
              ? 'GビズIDのアカウントに登録された法人番号で、登録簿の団体と結び付けます。'
              : "Your gBizID account's corporate number (法人番号) links you to your organization in the registry."}
          </p>
          <p class="actions">
            <a class="button" href={localHref('/auth/oidc/login', lang, { next })} id="login-oidc">
              {ja ? 'GビズIDでログイン' : 'Sign in with gBizID'}
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
          ? `ログインできない場合は、${useSiteFrame().operatorName.ja}にお問い合わせください。`
          : `If you cannot sign in, contact the secretariat (${useSiteFrame().operatorName.en}).`}
      </p>
      <PrivacyNote lang={lang} />
    </Layout>
  );
};

/** Why GビズID's account leads to no organization: each case has its own advice. */
type NoOrganizationCase = 'no-number' | 'bad-number' | 'unregistered';

const NO_ORGANIZATION_TITLES: Record<NoOrganizationCase, Bilingual> = {
  'no-number': { ja: 'GビズIDのアカウントに法人番号がありません', en: 'Your gBizID account has no corporate number' },
  'bad-number': { ja: '法人番号を読み取れませんでした', en: 'The corporate number could not be read' },
  unregistered: { ja: '団体が登録されていません', en: 'No registered organization' },
};

/**
 * The provider vouched for the person, but no registered organization matches them: the account
 * carries no 法人番号 (a GビズID account not of a corporation), a number that is not a 法人番号,
 * or a valid one not registered yet. Each says what to do, naming whom to contact (a link to the
 * site's contact page when SITE_CONTACT_URL is set). With `selfRegistration` (OIDC_SELF_REGISTRATION,
 * a company's valid number), the person may register the company themselves instead; with
 * `untrustedAccountType` (OIDC_TRUSTED_ACCOUNT_TYPES) they are told which accounts may.
 */
export const NoOrganizationPage: FC<{ lang: Lang; corporateNumber: string | null; next?: string; selfRegistration?: boolean; untrustedAccountType?: boolean }> = ({
  lang, corporateNumber, next, selfRegistration = false, untrustedAccountType = false,
}) => {
  const ja = lang === 'ja';
  const kind: NoOrganizationCase = !corporateNumber ? 'no-number' : !isValidCorporateNumber(corporateNumber) ? 'bad-number' : 'unregistered';
  const title = NO_ORGANIZATION_TITLES[kind];
  return (
    <Layout lang={lang} title={title[lang]} section={null} otherLangHref={localHref('/login', ja ? 'en' : 'ja')}>
      <h1>{title[lang]}</h1>
      <div class="notice notice--error" role="alert">
        {kind === 'bad-number'
          ? ja
            ? `GビズIDから届いた法人番号「${corporateNumber}」は正しい法人番号（13桁、検査数字が合うもの）ではないため、団体と結び付けられませんでした。`
            : `The corporate number "${corporateNumber}" from your gBizID account is not a valid corporate number (13 digits with a matching check digit), so it could not be linked to an organization.`
          : kind === 'unregistered'
            ? ja
              ? `GビズIDの法人番号 ${corporateNumber} の団体は、この登録簿にまだ登録されていません。`
              : `No organization with the corporate number ${corporateNumber} from your gBizID account is registered yet.`
            : ja
              ? 'GビズIDのアカウントに法人番号が含まれていないため、団体と結び付けられませんでした。'
              : 'Your gBizID account carries no corporate number, so it could not be linked to an organization.'}
      </div>
      {kind === 'no-number' ? (
        <p class="sign-in-advice">
          {ja ? (
            <>
              この登録簿には、法人番号が登録された法人のGビズIDアカウント（gBizIDプライム、またはその管理者が発行したgBizIDメンバー）でログインしてください。個人事業主のアカウントなど、法人番号のないアカウントでは団体と結び付けられません。分からないときは、<Secretariat lang={lang} />にお問い合わせください。
            </>
          ) : (
            <>
              Sign in with a gBizID account of the corporation that carries its corporate number (gBizID Prime, or a gBizID Member account issued by its administrator). An account without a corporate number, such as a sole proprietor’s, cannot be linked to an organization. If unsure, contact <Secretariat lang={lang} />.
            </>
          )}
        </p>
      ) : kind === 'bad-number' ? (
        <p class="sign-in-advice">
          {ja ? (
            <>
              GビズIDから届いた番号を法人番号として読み取れませんでした。お手数ですが、上の番号を添えて<Secretariat lang={lang} />にご連絡ください。
            </>
          ) : (
            <>
              The number gBizID sent could not be read as a corporate number. Please contact <Secretariat lang={lang} />, quoting the number above.
            </>
          )}
        </p>
      ) : untrustedAccountType ? (
        <p class="sign-in-advice" id="account-type-advice">
          {UNTRUSTED_REGISTRATION_ADVICE[lang]}
        </p>
      ) : selfRegistration ? (
        <>
          <p class="sign-in-advice">
            {ja
              ? 'GビズIDで法人番号が確認できたので、この場でこの法人を登録簿に登録し、続けて自己宣言を作成できます。登録した方が団体の管理者になります。宣言は事務局が内容を確認してから公表されます。'
              : 'gBizID confirmed the corporate number, so you can register this company in the registry now and go on to write its declaration. You become its administrator. The secretariat checks the declaration before it is published.'}
          </p>
          <p class="actions">
            <a class="button" href={localHref(SELF_REGISTRATION_PATH, lang)} id="self-register">
              {SELF_REGISTER_LABEL[lang]}
            </a>
          </p>
          <p class="hint">
            {ja ? 'この手続きはログインから30分間有効です。' : 'This works for 30 minutes after signing in.'}
          </p>
        </>
      ) : (
        <p class="sign-in-advice">
          {ja ? (
            <>
              自己宣言を始めるには、<Secretariat lang={lang} />に団体の登録を依頼してください。登録後、もう一度ログインすると自動的に団体のメンバーになります。流れは「<a href={localHref(GUIDE_PATH, lang)}>自己宣言の手引き</a>」をご覧ください。
            </>
          ) : (
            <>
              To start a declaration, ask <Secretariat lang={lang} /> to register your organization. Once it is registered, sign in again and you become its member automatically. The steps are in <a href={localHref(GUIDE_PATH, lang)}>How to declare</a>.
            </>
          )}
        </p>
      )}
      <p>
        {ja
          ? '自治体の方は、事務局から届く招待リンクでパスキーを登録してください。'
          : 'Municipalities: register a passkey through the invitation link the secretariat sends you.'}
      </p>
      <p>
        <a href={localHref('/login', lang, { next })}>{ja ? 'ログインページに戻る' : 'Back to sign-in'}</a>
      </p>
    </Layout>
  );
};

/**
 * A page-level refusal (CSRF, an expired or used link, a failed sign-in): what happened and where to go.
 * `otherLangHref` keeps the person where they are when they switch language; without it (sign-in
 * failures) the switch leads to the sign-in page.
 */
export const WebErrorPage: FC<{ lang: Lang; title: Bilingual; message: Bilingual; back?: { href: string; label: Bilingual }; signedIn?: LayoutProps['signedIn']; otherLangHref?: string }> = ({ lang, title, message, back, signedIn, otherLangHref }) => (
  <Layout lang={lang} title={title[lang]} section={null} otherLangHref={otherLangHref ?? localHref('/login', lang === 'ja' ? 'en' : 'ja')} signedIn={signedIn}>
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
