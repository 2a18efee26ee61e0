import type { FC } from 'hono/jsx';
import { MEMBER_ROLE_LABELS, type MemberRole } from '../../domain/accounts/model.js';
import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH } from '../../domain/accounts/person-rules.js';
import type { Organization } from '../../domain/model.js';
import { PASSKEYS_JS_PATH } from '../assets/routes.js';
import { formatDate } from '../pages/format.js';
import { localHref, type Lang } from '../pages/i18n.js';
import { Layout } from '../pages/layout.js';
import { PrivacyNote } from '../pages/privacy-page.js';
import { WebErrorPage } from './sign-in-pages.js';
import { OrganizationName, organizationNameIn } from '../pages/organization-name.js';
import { browserMaxLength } from './my/form-fields.js';

const KIND_LABELS: Record<Organization['kind'], { ja: string; en: string }> = {
  company: { ja: '企業', en: 'company' },
  municipality: { ja: '自治体', en: 'local government' },
  other: { ja: '団体', en: 'organization' },
};

/** "2026年12月3日 14時05分" / "3 December 2026, 14:05 JST" (Japan time, computed by hand as in format.ts). */
function formatUntil(iso: string, lang: Lang): string {
  const jst = new Date(new Date(iso).getTime() + 9 * 3_600_000);
  const time = `${jst.getUTCHours()}:${String(jst.getUTCMinutes()).padStart(2, '0')}`;
  return lang === 'ja' ? `${formatDate(iso, 'ja')} ${time}` : `${formatDate(iso, 'en')}, ${time} JST`;
}

/**
 * GET /join/<token>: who invites the person, and a form to join with a new passkey. The form posts
 * to the JSON endpoints through /assets/passkeys.js (WebAuthn needs JavaScript); without it the
 * page says so. Field errors appear next to each field (aria-describedby), general ones in the
 * live region.
 */
/** gbizid: GビズID sign-in is configured and the organization is a company (has a 法人番号): its people may join with their GビズID account instead. */
export const JoinPage: FC<{ lang: Lang; token: string; organization: Organization; role: MemberRole; expiresAt: string; email: string | null; gbizid: boolean }> = ({ lang, token, organization, role, expiresAt, email, gbizid }) => {
  const ja = lang === 'ja';
  const path = `/join/${token}`;
  const kind = KIND_LABELS[organization.kind][lang];
  const name = organizationNameIn(organization, lang);
  return (
    <Layout lang={lang} title={ja ? `${name}への招待` : `Invitation to ${name}`} section={null} otherLangHref={localHref(path, ja ? 'en' : 'ja')}>
      <h1>{ja ? `${name}への招待` : `Invitation to join ${name}`}</h1>
      <p class="lead">
        {ja
          ? `${name}（${kind}）のメンバーとして、地方創生テレワーク宣言・表彰レジストリに招待されています。パスキーを作成すると参加でき、以後はパスワードなしでログインできます。`
          : `You are invited to join ${name} (${kind}) on the telework declaration and award registry. Create a passkey to join; from then on you sign in with it, without a password.`}
      </p>
      <dl class="facts">
        <div>
          <dt>{ja ? '団体' : 'Organization'}</dt>
          <dd>
            <OrganizationName organization={organization} lang={lang} />
          </dd>
        </div>
        {organization.localGovernmentCode ? (
          <div>
            <dt>{ja ? '地方公共団体コード' : 'Local government code'}</dt>
            <dd>{organization.localGovernmentCode}</dd>
          </div>
        ) : null}
        <div>
          <dt>{ja ? '役割' : 'Role'}</dt>
          <dd>{MEMBER_ROLE_LABELS[role][lang]}</dd>
        </div>
        <div>
          <dt>{ja ? 'リンクの有効期限' : 'Link valid until'}</dt>
          <dd>{formatUntil(expiresAt, lang)}</dd>
        </div>
      </dl>
      <form class="passkey-form card" method="post" action={`${path}/verify`} data-passkey-join data-options={`${path}/options`} data-verify={`${path}/verify`} novalidate>
        <h2>{ja ? 'あなたについて' : 'About you'}</h2>
        <div class="field">
          <label for="join-name">
            {ja ? 'お名前' : 'Your name'} <span class="muted">{ja ? '（必須）' : '(required)'}</span>
          </label>
          <p class="hint" id="join-name-hint">
            {ja ? '団体のメンバー一覧と監査ログに表示されます。例: 千代田 花子' : "Shown in your organization's member list and audit log. Example: Hanako Chiyoda"}
          </p>
          <input type="text" id="join-name" name="name" autocomplete="name" required maxlength={browserMaxLength(MAX_NAME_LENGTH)} aria-describedby="join-name-hint join-name-error" />
          <p class="field-error" id="join-name-error" data-error-for="name" hidden></p>
        </div>
        <div class="field">
          <label for="join-email">
            {ja ? 'メールアドレス' : 'E-mail address'} <span class="muted">{ja ? '（任意）' : '(optional)'}</span>
          </label>
          <p class="hint" id="join-email-hint">
            {ja ? '宣言の審査結果などのお知らせが届きます。' : 'Where notices (such as review results) are sent.'}
          </p>
          <input type="email" id="join-email" name="email" autocomplete="email" maxlength={MAX_EMAIL_LENGTH} value={email ?? ''} aria-describedby="join-email-hint join-email-error" />
          <p class="field-error" id="join-email-error" data-error-for="email" hidden></p>
        </div>
        <p class="hint">
          {ja
            ? 'ボタンを押すと、お使いの端末（指紋・顔認証・PIN など）やセキュリティキーでパスキーを作成します。'
            : 'The button creates a passkey on this device (fingerprint, face, PIN…) or on a security key.'}
        </p>
        <p class="actions">
          <button class="button" type="submit" id="join-button">
            {ja ? 'パスキーを作成して参加する' : 'Create a passkey and join'}
          </button>
        </p>
        <p class="hint" data-passkey-status role="status" aria-live="polite">
          <noscript>{ja ? 'パスキーの利用には JavaScript が必要です。JavaScript を有効にしてからこのページを開き直してください。' : 'Passkeys need JavaScript. Turn it on and open this page again.'}</noscript>
        </p>
      </form>
      {gbizid ? (
        <p class="actions">
          <a class="button button--secondary" href={localHref('/auth/oidc/login', lang, { invitation: token })} id="join-gbizid">
            {ja ? 'GビズIDで参加する' : 'Join with gBizID'}
          </a>
        </p>
      ) : null}
      <p class="muted">
        {ja
          ? 'このリンクは一度だけ使えます。心当たりがない場合は、このページを閉じてください。'
          : 'This link works once. If you did not expect it, close this page.'}
      </p>
      <PrivacyNote lang={lang} />
      <script src={PASSKEYS_JS_PATH} defer></script>
    </Layout>
  );
};

/** An invitation link that cannot be used (expired, used, unknown): what happened and what to do. Nothing changes. */
export const InvitationUnusablePage: FC<{ lang: Lang; state: 'expired' | 'used' | 'unknown'; organizationName: string | null; message: { ja: string; en: string } }> = ({ lang, state, organizationName, message }) => {
  const ja = lang === 'ja';
  const title =
    state === 'expired'
      ? { ja: '招待リンクの有効期限が切れています', en: 'This invitation has expired' }
      : state === 'used'
        ? { ja: '招待リンクは使用済みです', en: 'This invitation has been used' }
        : { ja: '招待リンクが見つかりません', en: 'Invitation not found' };
  return (
    <Layout lang={lang} title={title[lang]} section={null} otherLangHref={localHref('/login', ja ? 'en' : 'ja')}>
      <h1>{title[lang]}</h1>
      <div class="notice notice--error" role="alert">
        {organizationName ? <p>{ja ? `招待元: ${organizationName}` : `Invitation to: ${organizationName}`}</p> : null}
        <p>{message[lang]}</p>
      </div>
      <p class="actions">
        <a class="button button--secondary" href={localHref('/login', lang)}>
          {ja ? 'ログインページへ' : 'Go to sign-in'}
        </a>
      </p>
    </Layout>
  );
};

type Props<T> = T extends FC<infer P> ? P : never;

/** The pages as values, for route files without JSX (src/http/auth/passkeys.ts). */
export const joinPage = (props: Props<typeof JoinPage>) => <JoinPage {...props} />;
export const invitationUnusablePage = (props: Props<typeof InvitationUnusablePage>) => <InvitationUnusablePage {...props} />;
/**
 * Where the refusal page of a passkey endpoint leads: back to the page its form was on, so that
 * someone without JavaScript finds the way that works there (an invitation's GビズID button, the
 * staff's token sign-in) rather than the organizations' sign-in page, which cannot take an
 * invitation nor sign staff in. `path`: the endpoint's; `next`: a sign-in's destination, sanitised.
 */
export function passkeyWayBack(path: string, lang: Lang, next?: string): { href: string; label: { ja: string; en: string } } {
  const invitation = /^((?:\/admin)?\/join\/[^/]+)\//.exec(path)?.[1];
  if (invitation) return { href: localHref(invitation, lang), label: { ja: '招待のページに戻る', en: 'Back to the invitation' } };
  if (path.startsWith('/my/passkeys/')) return { href: localHref('/my/members', lang), label: { ja: 'メンバーのページに戻る', en: 'Back to the members page' } };
  if (path.startsWith('/admin/passkeys/')) return { href: localHref('/admin/account', lang), label: { ja: '自分のアカウントに戻る', en: 'Back to your account' } };
  const staff = next !== undefined && /^\/admin(?:[/?]|$)/.test(next);
  return { href: localHref(staff ? '/admin/login' : '/login', lang, { next }), label: { ja: 'ログインページへ', en: 'Go to sign-in' } };
}

/** A passkey endpoint reached by a plain form post (JavaScript off) or refused: a page, not JSON. */
export const passkeyErrorPage = (lang: Lang, message: { ja: string; en: string }, back: { href: string; label: { ja: string; en: string } }) => (
  <WebErrorPage lang={lang} title={{ ja: 'パスキー', en: 'Passkeys' }} message={message} back={back} />
);
