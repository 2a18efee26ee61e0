import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { Registry } from '../../registry.js';
import type { AppEnv } from '../env.js';
import { webLang } from '../web/page.js';
import { htmlPage } from './http-helpers.js';
import { localHref, type Lang } from './i18n.js';
import { Layout } from './layout.js';
import { useSiteFrame } from './site-frame.js';

export const PRIVACY_PATH = '/privacy';

/** How long what the code keeps is kept: the configured session, invitation and e-mail periods. */
export interface RetentionPeriods {
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  invitationTtlHours: number;
  mailRetentionDays: number;
}

type Text = { ja: string; en: string };

/** What is kept about people, and why. Each line says only what the code does (read it before changing one). */
const KEPT: { what: Text; why: Text }[] = [
  {
    what: { ja: '団体のメンバー・事務局の職員のお名前、メールアドレス（招待や参加のときに入力された場合）、最後にログインした日時', en: 'The names of organizations’ members and of the secretariat’s staff, their e-mail addresses (when given at an invitation or on joining), and when they last signed in' },
    why: { ja: 'ログインした人の確認、団体のメンバー一覧、お知らせのメール、操作の記録のため', en: 'To know who signed in, for the organization’s member list, notices by e-mail and the record of changes' },
  },
  {
    what: { ja: 'GビズID・府省の ID プロバイダでログインする方の、プロバイダでの識別子と、プロバイダから受け取ったお名前・メールアドレス（GビズIDでは、ログインのたびに最新の内容に更新します）', en: 'For people signing in with gBizID or the ministry’s identity provider: their identifier there, and the name and e-mail address it gave (with gBizID, updated at every sign-in)' },
    why: { ja: 'ログインのたびに同じ方であることを確かめるため（GビズIDの法人番号は、そのたびに団体との結び付けにだけ使います。まだ登録されていない会社をその場で登録するときは、GビズIDから受け取った内容を登録のフォームの送信まで（ログインから30分で無効になり、その後削除します）サーバーに保管します）', en: 'To recognize the same person at each sign-in (a gBizID corporate number is used at each sign-in only to link the person to their organization; when they register a company not registered yet, what gBizID gave is kept on the server until the registration form is sent (it lapses 30 minutes after signing in and is deleted then)' },
  },
  {
    what: { ja: 'パスキーの公開鍵と名前、登録・最終利用の日時（指紋や顔などの情報は端末から出ず、登録簿には届きません）', en: 'Passkeys’ public keys and names, when each was registered and last used (fingerprints and faces never leave the device and never reach the registry)' },
    why: { ja: 'パスワードなしのログインのため', en: 'To sign in without a password' },
  },
  {
    what: { ja: 'ログイン中のセッション（Cookie にはランダムな値だけを保存し、登録簿にはそのハッシュを保存します）', en: 'Signed-in sessions (the cookie holds a random value; the registry keeps only its hash)' },
    why: { ja: 'ログインを保つため', en: 'To keep you signed in' },
  },
  {
    what: { ja: '団体の連絡先（担当者の氏名・部署・メールアドレス・電話番号）', en: 'Organizations’ contacts (the person’s name, department, e-mail address and telephone number)' },
    why: { ja: '事務局からの連絡とお知らせのメールのため。公開せず、推進パートナーにも提供しません。事務局でも管理者だけが見られます', en: 'For the secretariat to get in touch and for notices by e-mail. Never published nor given to partners; in the secretariat only administrators see them' },
  },
  {
    what: { ja: '自己宣言の宣言者（代表者・首長）の氏名・役職', en: 'The name and title of a declaration’s signer (the representative, or the mayor or governor)' },
    why: { ja: '宣言の内容として。団体が公表に同意した場合に限り、団体のページ・オープンデータ・API で公表します。バッジ（署名付きクレデンシャル）には個人の氏名・メールアドレスを含めません', en: 'As part of the declaration. Published on the organization’s page, in open data and by the API only where the organization consented; badges (signed credentials) hold no person’s name or e-mail address' },
  },
  {
    what: { ja: '監査ログ（だれが・いつ・どの記録を・どう変えたか、ログインとその失敗）', en: 'The audit log (who changed which record, when and how; sign-ins and refused sign-ins)' },
    why: { ja: '不正な変更の発見と説明のため', en: 'To detect and account for changes' },
  },
  {
    what: { ja: '送るメールの宛先・件名・本文', en: 'The recipients, subjects and text of the e-mail sent' },
    why: { ja: '送信と、送れなかったときの再送のため', en: 'To send it, and to send it again when it could not be delivered' },
  },
  {
    what: { ja: 'IP アドレス', en: 'IP addresses' },
    why: { ja: '多すぎるリクエストを制限するため、1 分ごとの回数をサーバーのメモリ上で数えるだけです。データベースにもログにも記録しません（アクセスのログに残すのは、リクエストの種類とアドレス（クエリを除く）・結果・所要時間・利用者の種別（一般・団体など）だけで、IP アドレス・Cookie・入力内容は含みません）', en: 'Only counted per minute in the server’s memory, to limit too many requests; never written to the database or a log (the access log holds the method and path (without the query), the answer, its duration and the kind of caller (public, organization…) only: no IP address, cookie or input)' },
  },
];

const PrivacyPage: FC<{ lang: Lang; periods: RetentionPeriods }> = ({ lang, periods }) => {
  const ja = lang === 'ja';
  const { contactUrl, privacyUrl } = useSiteFrame();
  const operatorName = useSiteFrame().operatorName[lang];
  const { sessionIdleMinutes: idle, sessionAbsoluteHours: absolute, invitationTtlHours: invitation, mailRetentionDays: mail } = periods;
  const kept: Text[] = [
    { ja: `ログインのセッション：操作のないまま ${idle} 分、またはログインから ${absolute} 時間で終わり、その後登録簿から削除します。ログアウトしたとき、団体から抜けたとき、メンバーや職員から外されたときはすぐに終わり、パスキーを削除するとほかの端末のセッションが終わります。`, en: `Sessions: they end after ${idle} minutes without activity, or ${absolute} hours after signing in, and are then deleted. Signing out, leaving an organization, or being removed from one or from the staff ends them at once; removing a passkey ends those on other devices.` },
    { ja: 'ログインの途中の一時的な情報：10 分以内に期限が切れ、削除します。', en: 'The state of a sign-in in progress: it lapses within 10 minutes and is then deleted.' },
    { ja: `招待リンク：${invitation} 時間、1 回だけ使えます。招待の記録（宛先のメールアドレスを含む）は、メンバーの画面と監査のために残ります。`, en: `Invitation links: valid for ${invitation} hours, once. The record of an invitation (with the address it was sent to) stays, for the members’ page and the audit.` },
    { ja: `送ったメール（宛先・件名・本文）：送信から ${mail} 日後に削除します。送れずに再送をやめたメールも、その ${mail} 日後に削除します。送信を待っているメールは削除しません。`, en: `E-mail sent (recipient, subject and text): deleted ${mail} days after it was sent. A message that could not be delivered and is no longer retried is deleted ${mail} days after the last attempt. A message waiting to be sent is not deleted.` },
    { ja: 'アカウント（メンバーから外された方のものも）、団体の記録、監査ログ：期限を定めずに保存します。監査ログは改ざんを防ぐため追記だけができます。', en: 'Accounts (also of people removed from an organization), organizations’ records and the audit log: kept without a set end. The audit log can only be added to, so that it cannot be altered.' },
  ];
  return (
    <Layout lang={lang} title={ja ? '個人情報の取扱い' : 'Personal information'} section={null} otherLangHref={localHref(PRIVACY_PATH, ja ? 'en' : 'ja')}>
      <h1>{ja ? '個人情報の取扱い' : 'Personal information'}</h1>
      <p class="lead">
        {ja
          ? `${operatorName}が運営するこの登録簿が、利用する方について記録する情報と、その目的、保存する期間、お問い合わせ先です。`
          : `What this registry, run by ${operatorName}, keeps about the people who use it, why, for how long, and whom to ask.`}
      </p>
      <h2 id="kept">{ja ? '記録する情報と目的' : 'What is kept, and why'}</h2>
      <dl class="facts">
        {KEPT.map((item) => (
          <div>
            <dt>{item.what[lang]}</dt>
            <dd>{item.why[lang]}</dd>
          </div>
        ))}
      </dl>
      <h2 id="retention">{ja ? '保存する期間' : 'For how long'}</h2>
      <ul>
        {kept.map((line) => (
          <li>{line[lang]}</li>
        ))}
      </ul>
      <h2 id="requests">{ja ? 'ご自身の情報の確認・訂正・削除' : 'Seeing, correcting or deleting your information'}</h2>
      <p>
        {ja
          ? '団体のメンバーは、マイページの「メンバー」で、ご自身と同じ団体のメンバーのお名前・メールアドレス・最後にログインした日時・パスキーを確かめられ、ご自身のお名前とメールアドレスの変更と、団体から抜けることはそこからできます（GビズIDでログインする方のお名前とメールアドレスはGビズIDで変更してください）。そのほかの訂正・削除・利用の停止は、'
          : 'Members see the names, e-mail addresses, last sign-ins and passkeys of their organization’s members on “Members” in their member area, and change their own name and e-mail address or leave the organization from there (people signing in with gBizID change their name and address in gBizID). For any other correction, deletion or end of use, ask '}
        {contactUrl ? <a href={contactUrl}>{operatorName}</a> : operatorName}
        {ja ? 'にお申し出ください。' : '.'}
      </p>
      {privacyUrl ? (
        <p>
          <a href={privacyUrl}>{ja ? `${operatorName}のプライバシーポリシー` : `${operatorName}’s privacy policy`}</a>
        </p>
      ) : null}
    </Layout>
  );
};

/** One line beside a form that asks for a name or an address, or signs a person in. */
export const PrivacyNote: FC<{ lang: Lang }> = ({ lang }) => (
  <p class="muted">
    {lang === 'ja' ? '記録する情報とその扱いは「' : 'What is kept about you and how: '}
    <a href={localHref(PRIVACY_PATH, lang)}>{lang === 'ja' ? '個人情報の取扱い' : 'Personal information'}</a>
    {lang === 'ja' ? '」をご覧ください。' : '.'}
  </p>
);

export function privacyRoutes(periods: RetentionPeriods) {
  return new Hono<AppEnv>().get(PRIVACY_PATH, (c) => htmlPage(c, <PrivacyPage lang={webLang(c)} periods={periods} />));
}

/** The periods the registry was configured with. */
export const retentionPeriodsOf = (registry: Registry): RetentionPeriods => registry.web.settings;
