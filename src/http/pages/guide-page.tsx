import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { GUIDELINE_AREAS } from '../../domain/codes.js';
import { DECLARATION_ACHIEVEMENT_PATH } from '../../domain/credentials/open-badge.js';
import { FIELD_LABELS } from '../../domain/declaration-field-labels.js';
import { RENEWAL_WINDOW_DAYS } from '../../domain/declaration-lifecycle.js';
import { DEFAULT_PUBLIC_FIELDS } from '../../domain/model.js';
import type { Registry } from '../../registry.js';
import type { AppEnv } from '../env.js';
import { webLang } from '../web/page.js';
import { Secretariat } from './secretariat.js';
import { htmlPage } from './http-helpers.js';
import { localHref, type Lang } from './i18n.js';
import { Layout } from './layout.js';

export const GUIDE_PATH = '/guide';

/** What decides the page's words: the ways in that are configured, and the validity period. */
export interface GuideSettings {
  gbizIdSignIn: boolean;
  /** OIDC_SELF_REGISTRATION (with GビズID): a company registers itself after signing in. */
  selfRegistration: boolean;
  /** OIDC_ACCOUNT_TYPE_CLAIM set: only trusted GビズID account types (Prime, Member) register or join by 法人番号. */
  accountTypesChecked: boolean;
  validityMonths: number;
}

type Text = { ja: string; en: string };

/** The validity in the unit people say it in: 3 years, not 36 months. */
const validityText = (months: number): Text =>
  months % 12 === 0 ? { ja: `${months / 12}年`, en: `${months / 12} year${months === 12 ? '' : 's'}` } : { ja: `${months}か月`, en: `${months} month${months === 1 ? '' : 's'}` };

const Step: FC<{ id: string; title: Text; lang: Lang; children?: unknown }> = ({ id, title, lang, children }) => (
  <li class="card">
    <h3 id={id}>{title[lang]}</h3>
    {children}
  </li>
);

/**
 * GET /guide (自己宣言の手引き): how an organization comes to be declared, for the HR officer of a
 * small company or a municipality's officer who heard of the scheme and opens the site: what a
 * declaration is, who registers the organization (a company itself with GビズID, when offered),
 * how to sign in (with which GビズID accounts, where their types are checked), what to prepare,
 * what happens after submitting, how to use the badge, and how a declaration is kept valid or
 * ended. The fields, areas and periods are the registry's own (the form's labels, the configured
 * validity).
 */
const GuidePage: FC<{ lang: Lang; settings: GuideSettings }> = ({ lang, settings }) => {
  // The account a company signs in with: where account types are checked, not an Entry account.
  const account = settings.accountTypesChecked
    ? { ja: 'gBizIDプライム（またはその管理者が発行したgBizIDメンバー）のアカウントでログイン', en: 'sign in with a gBizID Prime account (or a gBizID Member account its holder issued)' }
    : { ja: '法人番号の登録されたGビズIDでログイン', en: 'sign in with a gBizID account that holds your corporate number' };
  const ja = lang === 'ja';
  const validity = validityText(settings.validityMonths)[lang];
  const prepared = (Object.keys(FIELD_LABELS) as (keyof typeof FIELD_LABELS)[]).filter((field) => field !== 'publicFields');
  const publishedAtFirst = DEFAULT_PUBLIC_FIELDS.map((field) => FIELD_LABELS[field][lang]).join(ja ? '・' : ', ');
  return (
    <Layout lang={lang} title={ja ? '自己宣言の手引き' : 'How to declare'} section={null} otherLangHref={localHref(GUIDE_PATH, ja ? 'en' : 'ja')}>
      <h1>{ja ? '自己宣言の手引き' : 'How to declare'}</h1>
      <p class="lead">
        {ja
          ? '地方創生テレワーク（転職なき移住）に取り組む企業・自治体などの団体が、自己宣言をして登録簿で公表され、バッジを使えるようになるまでの流れです。'
          : 'How a company, municipality or other body that promotes regional revitalization telework (moving to the regions without changing jobs) declares, is published in the registry and can use the badge.'}
      </p>

      <h2 id="what">{ja ? '自己宣言とは' : 'What a self-declaration is'}</h2>
      <p>
        {ja
          ? '経営トップ（自治体では首長）が地方創生テレワークの推進にコミットし、その方針を社内（庁内）で共有したうえで、「社内制度整備ガイドライン」の次の分野に沿って取り組むことを、団体自身が宣言するものです。審査を経た認定ではありません。'
          : 'Top management (in a municipality, the mayor or governor) commits to promoting regional revitalization telework, shares the policy within the organization, and the organization itself declares that it follows these areas of the guidelines for internal rules. It is a self-declaration, not a certification.'}
      </p>
      <ul>
        {Object.values(GUIDELINE_AREAS).map((area) => (
          <li>{area[lang]}</li>
        ))}
      </ul>
      <p>
        <a href={localHref(DECLARATION_ACHIEVEMENT_PATH, lang)}>{ja ? '各分野の内容と、宣言が示すこと' : 'What each area asks, and what a declaration shows'}</a>
      </p>
      <p>
        {ja
          ? '公表された宣言は登録簿に掲載され、団体は署名付きのバッジとQRコードを求人票・ウェブサイト・名刺などに使えます。だれでもQRコードやこのサイトで、バッジが本物か、いまも有効かを確かめられます。'
          : 'A published declaration is listed in the registry, and the organization can use a signed badge and QR code on job ads, its website or business cards. Anyone can check, by the QR code or on this site, that the badge is genuine and still valid.'}
      </p>

      <h2 id="steps">{ja ? '宣言までの流れ' : 'From registration to publication'}</h2>
      <ol class="card-list guide-steps">
        <Step id="step-register" lang={lang} title={settings.gbizIdSignIn && settings.selfRegistration ? { ja: '1. 団体の登録', en: '1. Register your organization' } : { ja: '1. 団体の登録', en: '1. Your organization is registered' }}>
          {settings.gbizIdSignIn && settings.selfRegistration ? (
            <>
              <p id="self-registration">
                {ja
                  ? `企業の方は、${account.ja}すると、団体がまだ登録されていなくても、その場で登録して自己宣言を始められます。法人番号はGビズIDのものを使い、名称・所在地などを入力します。登録した方が団体の管理者になります（宣言は事務局が確認してから公表されます）。`
                  : `At a company, ${account.en}: if your company is not registered yet, you can register it there and start its declaration at once. The corporate number is taken from gBizID; you enter the name, address and the rest, and become the organization’s administrator (the secretariat checks the declaration before it is published).`}
              </p>
              <p>
                {ja
                  ? '自治体などの団体は、事務局が登録簿に登録します（地方公共団体コードで）。まだ登録されていない場合は、'
                  : 'Municipalities and other bodies are registered by the secretariat (a municipality by its local government code). If yours is not registered yet, ask '}
                <Secretariat lang={lang} />
                {ja ? 'に登録を依頼してください。' : ' to register it.'}
              </p>
            </>
          ) : (
            <p>
              {ja
                ? '事務局が団体を登録簿に登録します（企業は法人番号、自治体は地方公共団体コードで）。まだ登録されていない場合は、'
                : 'The secretariat registers the organization (a company by its corporate number, a municipality by its local government code). If yours is not registered yet, ask '}
              <Secretariat lang={lang} />
              {ja ? 'に登録を依頼してください。' : ' to register it.'}
            </p>
          )}
        </Step>
        <Step id="step-sign-in" lang={lang} title={{ ja: '2. ログイン', en: '2. Sign in' }}>
          {settings.gbizIdSignIn ? (
            <p>
              {ja
                ? `企業の方は、${account.ja}すると、自動的に団体のメンバーになります。${settings.accountTypesChecked ? 'gBizIDエントリーのアカウントは、団体の管理者から届く招待リンクで参加します。' : ''}`
                : `At a company, ${account.en}: you become a member of your organization at once.${settings.accountTypesChecked ? ' A gBizID Entry account joins through an invitation link from your organization’s administrator.' : ''}`}
            </p>
          ) : null}
          <p>
            {ja
              ? `${settings.gbizIdSignIn ? '自治体の方、GビズIDをお使いでない方は、' : ''}事務局または団体の管理者から届く招待リンクでパスキー（端末の指紋・顔認証や PIN）を登録してログインします。パスワードは使いません。`
              : `${settings.gbizIdSignIn ? 'At a municipality, or without gBizID, you' : 'You'} register a passkey (your device's fingerprint, face or PIN) through an invitation link from the secretariat or your organization's administrator, and sign in with it. No passwords are used.`}
          </p>
          <p>
            <a href={localHref('/login', lang)}>{ja ? 'ログインページへ' : 'Go to sign-in'}</a>
          </p>
        </Step>
        <Step id="step-write" lang={lang} title={{ ja: '3. 宣言書の作成', en: '3. Write the declaration' }}>
          <p>{ja ? 'マイページから入力します。途中で下書きとして保存でき、提出前に内容を確かめられます。入力する項目：' : 'You write it in your member area; you can save a draft and preview it before submitting. What it asks for:'}</p>
          <ul>
            {prepared.map((field) => (
              <li>{FIELD_LABELS[field][lang]}</li>
            ))}
          </ul>
          <p>
            {ja
              ? `このうちどれを公表するかは、団体が選べます（はじめは${publishedAtFirst}が選ばれています）。団体名など団体の基本情報は公表され、担当者の連絡先は公表されません。`
              : `The organization chooses which of these are published (at first: ${publishedAtFirst}). The organization's name and other basic details are public; its contact details never are.`}
          </p>
        </Step>
        <Step id="step-review" lang={lang} title={{ ja: '4. 提出と事務局の確認', en: '4. Submit; the secretariat checks it' }}>
          <p>
            {ja
              ? '提出すると受付のメールが届き、事務局が内容を確認します。修正が必要な場合は、理由を添えて下書きに戻されます（メールでお知らせします）。直して再提出してください。'
              : 'When you submit, you receive an acknowledgement by e-mail and the secretariat checks the declaration. If something needs changing, it is returned to draft with the reason (you are told by e-mail); change it and submit again.'}
          </p>
        </Step>
        <Step id="step-publish" lang={lang} title={{ ja: '5. 公表とバッジ', en: '5. Publication and the badge' }}>
          <p>
            {ja
              ? `公表されるとメールでお知らせし、団体のページに宣言が掲載されます。宣言は公表から${validity}有効です。マイページの「バッジ」から、バッジの画像（SVG・PNG）、QRコード、ウェブサイトに貼り付けるコードを入手できます。`
              : `When it is published you are told by e-mail and the declaration appears on your organization's page. It is valid for ${validity} from publication. Under "Badges" in your member area you get the badge images (SVG, PNG), the QR code and a snippet for your website.`}
          </p>
        </Step>
      </ol>

      <h2 id="badge">{ja ? 'バッジの使い方' : 'Using the badge'}</h2>
      <ul>
        <li>{ja ? 'バッジは宣言が公表されている間だけ使えます。取下げ・有効期限切れ・取消のあとは、掲載をやめてください（QRコードの先の確認ページにも、そのことが表示されます）。' : 'Use the badge only while the declaration is published. After it is withdrawn, expires or is revoked, take the badge down (the page its QR code opens says so too).'}</li>
        <li>{ja ? '画像は加工せずに使い、できるだけQRコードか確認ページへのリンクを添えてください。見た人がその場で確かめられます。' : 'Use the images unaltered and, where you can, with the QR code or a link to the verification page, so that readers can check it on the spot.'}</li>
        <li>{ja ? '宣言の内容を改訂すると新しい版になり、バッジは新しい内容で発行し直されます。' : 'When you amend the declaration it becomes a new version and the badge is issued anew with the new content.'}</li>
      </ul>

      <h2 id="keep">{ja ? '更新と取下げ' : 'Renewal and withdrawal'}</h2>
      <ul>
        <li>
          {ja
            ? `有効期限の${RENEWAL_WINDOW_DAYS}日前から、マイページで更新を申請できます（期限が近づくとメールでお知らせします）。期限までに更新すれば、バッジは途切れずに使えます。`
            : `From ${RENEWAL_WINDOW_DAYS} days before the end of its validity you can renew the declaration in your member area (you are reminded by e-mail). Renewed in time, the badge never lapses.`}
        </li>
        <li>{ja ? '取組をやめる場合は、マイページから宣言を取り下げられます。取り下げた宣言は元に戻せず、バッジはすぐに無効になります。' : 'If you stop, you can withdraw the declaration in your member area. A withdrawn declaration cannot be restored and its badge becomes invalid at once.'}</li>
        <li>{ja ? '宣言の内容が事実と異なる場合などには、事務局が宣言を一時停止または取り消すことがあります。' : 'The secretariat may suspend or revoke a declaration, for instance when what it says is not true.'}</li>
      </ul>
      <p>
        {ja ? 'ご不明な点は、' : 'For any question, ask '}
        <Secretariat lang={lang} />
        {ja ? 'にお問い合わせください。' : '.'}
      </p>
    </Layout>
  );
};

export function guideRoutes(registry: Registry) {
  const settings: GuideSettings = { gbizIdSignIn: registry.web.settings.oidc !== null, selfRegistration: registry.web.settings.oidcSelfRegistration, accountTypesChecked: registry.web.settings.accountTypes !== null, validityMonths: registry.deps.validityMonths };
  return new Hono<AppEnv>().get(GUIDE_PATH, (c) => htmlPage(c, <GuidePage lang={webLang(c)} settings={settings} />));
}
