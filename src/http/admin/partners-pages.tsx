// Back office: the partners' pages (list, registration, one partner, the one-time secret). Only
// administrators see them: the pages name client ids and reveal secrets.
import type { FC } from 'hono/jsx';
import { CHANGE_EVENT_TYPES, PARTNER_KINDS, type ChangeEventType, type Delivery, type DeliveryStatus, type Partner, type PartnerKind, type PartnerUsageDay, type Webhook } from '../../domain/partners/model.js';
import { formatDate, formatDateTime } from '../pages/format.js';
import { localHref, type Bilingual, type Lang } from '../pages/i18n.js';
import { CheckboxGroup, ErrorSummary, FieldError, fieldId, TextArea, TextInput } from '../web/my/form-fields.js';
import { DEACTIVATION_REASON_LIMIT } from '../../domain/services/partners.js';
import { MAX_WEBHOOKS_PER_PARTNER } from '../../domain/services/webhooks.js';
import { Csrf, Notice } from '../web/my/my-layout.js';
import { AdminLayout } from './admin-layout.js';
import { summaryItems, type FormErrors } from './form-errors.js';
import type { StaffMember } from './staff-member.js';

/** How many days of usage the pages sum up. */
export const USAGE_DAYS = 30;

/** The fields as the error summary names them before a message that does not name its field (「1〜100000 の整数を…」). */
const FIELD_LABELS: Record<string, Bilingual> = {
  name: { ja: '名称', en: 'Name' },
  kind: { ja: '種別', en: 'Kind' },
  rateLimitPerMinute: { ja: '1分あたりのリクエスト上限', en: 'Requests per minute' },
  reason: { ja: '停止の理由', en: 'Reason' },
  url: { ja: 'URL', en: 'URL' },
  events: { ja: '送るイベント', en: 'Events to send' },
};

export const KIND_LABELS: Record<PartnerKind, Bilingual> = {
  'hr-company': { ja: '人材会社', en: 'HR company' },
  'business-federation': { ja: '経済団体', en: 'Business federation' },
  other: { ja: 'その他', en: 'Other' },
};

export const EVENT_LABELS: Record<ChangeEventType, Bilingual> = {
  'declaration.published': { ja: '宣言の公表', en: 'Declaration published' },
  'declaration.amended': { ja: '宣言の内容変更', en: 'Declaration amended' },
  'declaration.suspended': { ja: '宣言の一時停止', en: 'Declaration suspended' },
  'declaration.reinstated': { ja: '宣言の一時停止の解除', en: 'Declaration reinstated' },
  'declaration.revoked': { ja: '宣言の取消', en: 'Declaration revoked' },
  'declaration.withdrawn': { ja: '宣言の取下げ', en: 'Declaration withdrawn' },
  'declaration.expired': { ja: '宣言の期限切れ', en: 'Declaration expired' },
  'declaration.renewed': { ja: '宣言の更新', en: 'Declaration renewed' },
  'award.granted': { ja: '表彰', en: 'Award granted' },
  'award.suspended': { ja: '表彰の一時停止', en: 'Award suspended' },
  'award.reinstated': { ja: '表彰の一時停止の解除', en: 'Award reinstated' },
  'award.revoked': { ja: '表彰の取消', en: 'Award revoked' },
  'award.corrected': { ja: '表彰の訂正', en: 'Award corrected' },
  'organization.updated': { ja: '団体情報の変更', en: 'Organization details changed' },
};

const DELIVERY_LABELS: Record<DeliveryStatus, Bilingual> = {
  pending: { ja: '送信待ち・再試行待ち', en: 'Pending' },
  delivered: { ja: '配信済み', en: 'Delivered' },
  failed: { ja: '失敗', en: 'Failed' },
  cancelled: { ja: '中止（Webhook 削除・無効化・パートナー停止）', en: 'Cancelled (webhook removed or disabled, or partner deactivated)' },
};
/** The site's status colours: delivered reads as active, a failure as revoked. */
const DELIVERY_CLASS: Record<DeliveryStatus, string> = { pending: 'status status--suspended', delivered: 'status status--active', failed: 'status status--revoked', cancelled: 'status status--expired' };

const DETAIL_DONE: Record<string, Bilingual> = {
  deactivated: { ja: 'パートナーを停止しました。アクセストークンは使えなくなり、Webhook は送られません。', en: 'The partner was deactivated: its access tokens no longer work and its webhooks receive nothing.' },
  reactivated: { ja: 'パートナーを再開しました。クライアントシークレットで再びアクセストークンを取得できます。', en: 'The partner was reactivated: its client secret obtains access tokens again.' },
  replayed: { ja: '配信を再送しました。まもなく送信されます。', en: 'The delivery was replayed; it will be sent shortly.' },
  'webhook-deleted': { ja: 'Webhook を削除しました。送信待ちの配信は送られません。', en: 'The webhook was removed; its pending deliveries will not be sent.' },
  'webhook-enabled': {
    ja: 'Webhook を有効に戻しました。これから起きる変更が送られます（無効の間の変更は送られません。変更フィードで取得できます）。',
    en: 'The webhook was enabled again: changes from now on are sent to it (not those made while it was disabled; the change feed has them).',
  },
};


const totalOf = (usage: PartnerUsageDay[]) => usage.reduce((sum, d) => sum + d.requests, 0);
const count = (n: number, lang: Lang) => (lang === 'ja' ? `${n.toLocaleString('ja-JP')}件` : n.toLocaleString('en-US'));

/** Deactivated (by an administrator) comes before whether the partner used the API. */
const PartnerStatus: FC<{ partner: PartnerWithUsage; lang: Lang }> = ({ partner, lang }) =>
  partner.deactivatedAt ? (
    <span class="status status--revoked">{lang === 'ja' ? '停止中' : 'Deactivated'}</span>
  ) : (
    <UsageStatus usage={partner.usage} lang={lang} />
  );

const UsageStatus: FC<{ usage: PartnerUsageDay[]; lang: Lang }> = ({ usage, lang }) =>
  totalOf(usage) > 0 ? (
    <span class="status status--active">{lang === 'ja' ? '利用あり' : 'In use'}</span>
  ) : (
    <span class="status status--expired">{lang === 'ja' ? `${USAGE_DAYS}日間利用なし` : `Unused for ${USAGE_DAYS} days`}</span>
  );

export type PartnerWithUsage = Partner & { usage: PartnerUsageDay[] };

export const PartnerListPage: FC<{ staff: StaffMember; partners: PartnerWithUsage[] }> = ({ staff, partners }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  return (
    <AdminLayout staff={staff} title={{ ja: '推進パートナー', en: 'Partners' }} section="partners">
      <h1>{ja ? '推進パートナー' : 'Promotion partners'}</h1>
      <p>{ja ? 'パートナー API（OAuth クライアントクレデンシャル）と Webhook を使う求人サイト・人材会社などです。' : 'Recruiting sites, HR companies and others that use the partner API (OAuth client credentials) and webhooks.'}</p>
      <p class="actions">
        <a class="button" id="new-partner-link" href={localHref('/admin/partners/new', lang)}>{ja ? 'パートナーを登録する' : 'Register a partner'}</a>
      </p>
      {partners.length === 0 ? (
        <p>{ja ? '登録されたパートナーはまだありません。' : 'No partner is registered yet.'}</p>
      ) : (
        <div class="table-scroll partner-table">
          <table id="partner-list">
            <caption>{ja ? `パートナーと直近${USAGE_DAYS}日の API 利用（UTC日付）` : `Partners and their API use in the last ${USAGE_DAYS} days (UTC days)`}</caption>
            <thead>
              <tr>
                <th scope="col">{ja ? '名称' : 'Name'}</th>
                <th scope="col">{ja ? 'クライアントID' : 'Client ID'}</th>
                <th scope="col">{ja ? '登録日' : 'Registered'}</th>
                <th scope="col">{ja ? '状態' : 'Status'}</th>
                <th scope="col">{ja ? `リクエスト数（${USAGE_DAYS}日）` : `Requests (${USAGE_DAYS} days)`}</th>
                <th scope="col">{ja ? '最終利用日' : 'Last used'}</th>
              </tr>
            </thead>
            <tbody>
              {partners.map((p) => (
                <tr>
                  <th scope="row">
                    <a href={localHref(`/admin/partners/${p.id}`, lang)}>{p.name}</a>
                    <div class="muted">{KIND_LABELS[p.kind]?.[lang] ?? p.kind}</div>
                  </th>
                  <td><code>{p.clientId}</code></td>
                  <td>{formatDate(p.createdAt, lang)}</td>
                  <td><PartnerStatus partner={p} lang={lang} /></td>
                  <td class="number">{count(totalOf(p.usage), lang)}</td>
                  <td>{p.usage.length > 0 ? formatDate(p.usage.at(-1)!.day, lang) : ja ? '（なし）' : '(none)'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminLayout>
  );
};

export interface PartnerFormState {
  values: Record<string, string>;
  errors?: FormErrors | undefined;
  /** The partner already registered under the typed name (a second submit): linked, to open instead. */
  existing?: { id: string; name: string } | undefined;
}

export const PartnerNewPage: FC<{ staff: StaffMember; form: PartnerFormState }> = ({ staff, form }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const { values, errors } = form;
  const kind = values.kind ?? 'hr-company';
  return (
    <AdminLayout staff={staff} title={{ ja: 'パートナーの登録', en: 'Register a partner' }} section="partners">
      <p><a href={localHref('/admin/partners', lang)}>{ja ? '← パートナーの一覧' : '← Partners'}</a></p>
      <h1>{ja ? 'パートナーを登録する' : 'Register a partner'}</h1>
      <p>{ja ? '登録するとクライアントIDとクライアントシークレットを発行します。シークレットは次の画面で一度だけ表示します。' : 'Registering issues a client ID and a client secret. The secret is shown once, on the next page.'}</p>
      <ErrorSummary lang={lang} items={summaryItems(errors, lang, FIELD_LABELS)} />
      {form.existing ? (
        <p id="existing-partner">
          <a href={localHref(`/admin/partners/${form.existing.id}`, lang)}>{ja ? `登録済みの「${form.existing.name}」を開く` : `Open “${form.existing.name}”, already registered`}</a>
        </p>
      ) : null}
      <form method="post" action={localHref('/admin/partners', lang)} class="card" id="partner-form" novalidate>
        <Csrf token={staff.csrf} />
        <TextInput lang={lang} name="name" label={ja ? '名称' : 'Name'} hint={ja ? '例: 株式会社〇〇キャリア（200文字以内）' : 'e.g. Example Career Co., Ltd. (up to 200 characters)'} value={values.name ?? ''} required errors={errors?.byField.name} maxLength={200} />
        <div class={`field${errors?.byField.kind ? ' field--error' : ''}`}>
          <label for="f-kind">{ja ? '種別' : 'Kind'}</label>
          <FieldError id="f-kind-error" lang={lang} errors={errors?.byField.kind} />
          <select id="f-kind" name="kind" aria-invalid={errors?.byField.kind ? 'true' : undefined} aria-describedby={errors?.byField.kind ? 'f-kind-error' : undefined}>
            {PARTNER_KINDS.map((k) => (
              <option value={k} selected={k === kind}>{KIND_LABELS[k][lang]}</option>
            ))}
          </select>
        </div>
        <TextInput
          lang={lang}
          name="rateLimitPerMinute"
          label={ja ? '1分あたりのリクエスト上限（任意）' : 'Requests per minute (optional)'}
          hint={ja ? '1〜100000 の整数。空欄なら 600。超えると 429 を返します。' : 'A whole number from 1 to 100000; 600 when left empty. Above it the API answers 429.'}
          value={values.rateLimitPerMinute ?? ''}
          errors={errors?.byField.rateLimitPerMinute}
          maxLength={6}
        />
        <p class="actions">
          <button type="submit" class="button" id="partner-submit">{ja ? '登録してシークレットを発行' : 'Register and issue the secret'}</button>
        </p>
      </form>
    </AdminLayout>
  );
};

/** The one page that shows a client secret: right after registering or rotating. */
/** The rotate form's confirmation box, as its errors name it (its id: f-rotateConfirm, apart from the deactivation's box). */
export const ROTATE_CONFIRM = 'rotateConfirm';
export const ROTATE_CONFIRM_MISSING: Bilingual = { ja: '再発行してよいことを確認するには、チェックボックスを選んでください。', en: 'Tick the box to confirm issuing a new secret.' };

/** The rotate form's hidden field: the secret's version the page showed (a post sent again finds a newer one, refused). */
export const SECRET_VERSION_FIELD = 'secretVersion';
export const SECRET_VERSION_MISSING: Bilingual = {
  ja: 'フォームのシークレットの版（secretVersion）が送られていないか、正しくありません。何も変更していません。このページでもう一度ボタンを押してください。',
  en: "The form's secret version (secretVersion) is missing or damaged. Nothing was changed; press the button on this page again.",
};

export const SecretRevealPage: FC<{ staff: StaffMember; partner: Partner; clientSecret: string; reason: 'registered' | 'rotated' }> = ({ staff, partner, clientSecret, reason }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const registered = reason === 'registered';
  const title = registered ? { ja: 'パートナーを登録しました', en: 'The partner was registered' } : { ja: 'クライアントシークレットを再発行しました', en: 'A new client secret was issued' };
  return (
    <AdminLayout staff={staff} title={title} section="partners">
      <h1>{title[lang]}</h1>
      <div class="notice notice--error secret-warning" role="alert">
        <p>
          <strong>{ja ? 'クライアントシークレットはこの画面で一度だけ表示します。' : 'The client secret is shown on this page only, once.'}</strong>
          {ja ? '再表示はできません。今すぐ控えて、安全な方法でパートナーに渡してください。失くした場合は再発行するしかありません。' : ' It cannot be shown again: note it now and hand it to the partner in a safe way. If it is lost, the only way is to issue a new one.'}
        </p>
        {registered ? null : (
          <p>{ja ? '以前のシークレットと、それで発行したアクセストークンはすでに使えなくなっています。パートナーに新しいシークレットへの切り替えを依頼してください。' : 'The old secret, and every access token issued with it, no longer work. Ask the partner to switch to the new secret.'}</p>
        )}
      </div>
      <dl class="partner-facts secret-facts">
        <dt>{ja ? 'パートナー' : 'Partner'}</dt>
        <dd>{partner.name}</dd>
        <dt>{ja ? 'クライアントID（client_id）' : 'Client ID (client_id)'}</dt>
        <dd><code id="client-id">{partner.clientId}</code></dd>
        <dt>{ja ? 'クライアントシークレット（client_secret）' : 'Client secret (client_secret)'}</dt>
        <dd><code id="client-secret" class="secret">{clientSecret}</code></dd>
      </dl>
      <p>{ja ? 'パートナーは POST /oauth/token（grant_type=client_credentials）でこの2つを使ってアクセストークンを取得します。' : 'The partner gets access tokens with these two at POST /oauth/token (grant_type=client_credentials).'}</p>
      <p class="actions">
        <a class="button" id="partner-detail-link" href={localHref(`/admin/partners/${partner.id}`, lang)}>{ja ? '控えました — パートナーの詳細へ' : 'Noted — go to the partner'}</a>
      </p>
    </AdminLayout>
  );
};

export interface DeactivateFormState {
  values: { reason: string; confirm: boolean };
  errors?: FormErrors | undefined;
}

/**
 * Deactivating (a reason, and a box to tick that says what happens: the confirmation, without
 * JavaScript) or, while deactivated, why and since when, with the form to reactivate.
 */
const Activation: FC<{ staff: StaffMember; partner: PartnerWithUsage; form?: DeactivateFormState | undefined }> = ({ staff, partner, form }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const base = `/admin/partners/${partner.id}`;
  const errors = form?.errors;
  if (partner.deactivatedAt) {
    return (
      <section aria-labelledby="activation-title" class="card partner-section" id="partner-deactivated">
        <h2 id="activation-title">{ja ? 'このパートナーは停止中です' : 'This partner is deactivated'}</h2>
        <dl>
          <dt>{ja ? '停止日時' : 'Deactivated'}</dt>
          <dd>{formatDateTime(partner.deactivatedAt, lang)}</dd>
          <dt>{ja ? '理由' : 'Reason'}</dt>
          <dd id="deactivation-reason">{partner.deactivationReason}</dd>
        </dl>
        <p class="hint" id="reactivate-hint">
          {ja
            ? '再開すると、今のクライアントシークレットで再びアクセストークンを取得でき、これから起きる変更が Webhook に送られます（停止中の変更は送られません。変更フィードで取得できます）。'
            : 'Once reactivated, the current client secret obtains access tokens again and its webhooks receive the changes from then on (not those made while deactivated; the change feed has them).'}
        </p>
        <form method="post" action={localHref(`${base}/reactivate`, lang)} class="inline-form" id="reactivate-form">
          <Csrf token={staff.csrf} />
          <button type="submit" class="button" id="reactivate-button" aria-describedby="reactivate-hint">{ja ? 'パートナーを再開する' : 'Reactivate the partner'}</button>
        </form>
      </section>
    );
  }
  return (
    <section aria-labelledby="activation-title" class="card partner-section">
      <h2 id="activation-title">{ja ? 'パートナーを停止する' : 'Deactivate the partner'}</h2>
      <p class="hint">
        {ja
          ? '停止すると、すぐにアクセストークンの取得も利用もできなくなり、Webhook の送信待ちの配信は中止され、停止中は何も送られません。再開できます。'
          : 'Deactivating stops at once both obtaining and using access tokens; pending webhook deliveries are cancelled and nothing is sent while deactivated. It can be reactivated.'}
      </p>
      <ErrorSummary lang={lang} items={summaryItems(errors, lang, FIELD_LABELS)} />
      <form method="post" action={localHref(`${base}/deactivate`, lang)} id="deactivate-form" novalidate>
        <Csrf token={staff.csrf} />
        <TextArea lang={lang} name="reason" label={ja ? '停止の理由（監査ログに残ります）' : 'Reason (kept in the audit log)'} value={form?.values.reason ?? ''} errors={errors?.byField.reason} required maxLength={DEACTIVATION_REASON_LIMIT} rows={2} />
        <div class={`field${errors?.byField.confirm ? ' field--error' : ''}`}>
          <FieldError id={`${fieldId('confirm')}-error`} lang={lang} errors={errors?.byField.confirm} />
          <label for={fieldId('confirm')}>
            <input type="checkbox" id={fieldId('confirm')} name="confirm" value="yes" required checked={form?.values.confirm === true} aria-invalid={errors?.byField.confirm ? 'true' : undefined} aria-describedby={errors?.byField.confirm ? `${fieldId('confirm')}-error` : undefined} />
            {ja ? ` ${partner.name} のアクセストークンと Webhook がすぐに止まることを確認しました` : ` I understand that the access tokens and webhooks of ${partner.name} stop at once`}
          </label>
        </div>
        <p class="actions"><button type="submit" class="button button--danger" id="deactivate-button">{ja ? 'パートナーを停止する' : 'Deactivate the partner'}</button></p>
      </form>
    </section>
  );
};

/**
 * How many of the limit the partner holds, beside the register form: disabled webhooks count too
 * (the API's 409 says the same, with `limit` and `disabledWebhooks`), so the page tells before a refusal.
 */
const WebhookCount: FC<{ lang: Lang; webhooks: Webhook[] }> = ({ lang, webhooks }) => {
  const held = webhooks.length;
  const disabled = webhooks.filter((w) => w.disabledAt).length;
  const full = held >= MAX_WEBHOOKS_PER_PARTNER;
  return (
    <p class="hint" id="webhook-count">
      {lang === 'ja'
        ? `登録済み ${held} 件／上限 ${MAX_WEBHOOKS_PER_PARTNER} 件（うち無効 ${disabled} 件。無効なものも上限に数えます）。${full ? '上限に達しているため、不要な Webhook を削除してから登録してください。' : ''}`
        : `${held} of at most ${MAX_WEBHOOKS_PER_PARTNER} webhooks registered (${disabled} disabled; disabled ones count toward the limit).${full ? ' The limit is reached: delete one no longer needed before registering another.' : ''}`}
    </p>
  );
};

export interface WebhookFormState {
  values: { url: string; events: string[] };
  errors?: FormErrors | undefined;
}

export interface PartnerDetail {
  partner: PartnerWithUsage;
  webhooks: Webhook[];
  deliveries: Delivery[];
  /** The next (older) page of deliveries, or null. */
  nextCursor: string | null;
  /** This page shows an older page of deliveries. */
  cursor: string | null;
}

export const PartnerDetailPage: FC<{
  staff: StaffMember;
  detail: PartnerDetail;
  done?: string | undefined;
  /** A refusal that is not about a form field (e.g. a replay of a removed webhook's delivery). */
  problem?: Bilingual | undefined;
  webhookForm?: WebhookFormState | undefined;
  /** A webhook just registered, and its signing secret (shown this once). */
  createdWebhook?: { webhook: Webhook; secret: string } | undefined;
  /** The deactivation form refused (no reason, or the box not ticked). */
  deactivateForm?: DeactivateFormState | undefined;
  /** The new secret's form refused (its box not ticked). */
  rotateErrors?: FormErrors | undefined;
}> = ({ staff, detail, done, problem, webhookForm, createdWebhook, deactivateForm, rotateErrors }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const { partner, webhooks, deliveries } = detail;
  const base = `/admin/partners/${partner.id}`;
  const errors = webhookForm?.errors;
  const urlOf = new Map(webhooks.map((w) => [w.id, w.url]));
  // Deliveries come newest first: the first one of a webhook is its latest.
  const latest = new Map<string, Delivery>();
  for (const d of deliveries) if (!latest.has(d.webhookId)) latest.set(d.webhookId, d);
  const usageTotal = totalOf(partner.usage);
  return (
    <AdminLayout staff={staff} title={{ ja: partner.name, en: partner.name }} section="partners">
      <p><a href={localHref('/admin/partners', lang)}>{ja ? '← パートナーの一覧' : '← Partners'}</a></p>
      <h1>{partner.name}</h1>
      <Notice text={done ? DETAIL_DONE[done]?.[lang] : undefined} kind="success" />
      <Notice text={problem?.[lang]} kind="error" />
      <dl class="partner-facts">
        <dt>{ja ? '種別' : 'Kind'}</dt>
        <dd>{KIND_LABELS[partner.kind]?.[lang] ?? partner.kind}</dd>
        <dt>{ja ? 'クライアントID' : 'Client ID'}</dt>
        <dd><code id="client-id">{partner.clientId}</code></dd>
        <dt>{ja ? '登録日時' : 'Registered'}</dt>
        <dd>{formatDateTime(partner.createdAt, lang)}</dd>
        <dt>{ja ? 'シークレットの発行日時' : 'Secret issued'}</dt>
        <dd>{formatDateTime(partner.secretRotatedAt, lang)}{ja ? `（第${partner.secretVersion}版）` : ` (version ${partner.secretVersion})`}</dd>
        <dt>{ja ? 'リクエスト上限' : 'Rate limit'}</dt>
        <dd>{ja ? `1分あたり ${partner.rateLimitPerMinute.toLocaleString('ja-JP')} 件` : `${partner.rateLimitPerMinute.toLocaleString('en-US')} requests per minute`}</dd>
        <dt>{ja ? '状態' : 'Status'}</dt>
        <dd id="partner-status"><PartnerStatus partner={partner} lang={lang} /></dd>
      </dl>

      <Activation staff={staff} partner={partner} form={deactivateForm} />

      <section aria-labelledby="secret-title" class="card partner-section">
        <h2 id="secret-title">{ja ? 'クライアントシークレット' : 'Client secret'}</h2>
        <p>{ja ? 'シークレットは発行時に一度だけ表示し、ここには表示しません。漏れた・失くした場合は再発行してください。' : 'The secret is shown once when issued and never here. If it leaked or was lost, issue a new one.'}</p>
        <p class="hint" id="rotate-warning">
          {ja ? '再発行すると、今のシークレットとそれで発行したアクセストークンはすぐに使えなくなります。' : 'Issuing a new one stops the current secret, and every access token issued with it, at once.'}
          {partner.deactivatedAt ? (ja ? '停止中に再発行したシークレットは、再開してから使えます（漏えいしたときは、停止・再発行・再開の順に）。' : ' A secret issued while the partner is deactivated works once it is reactivated (after a leak: deactivate, issue a new secret, reactivate).') : null}
        </p>
        <ErrorSummary lang={lang} items={summaryItems(rotateErrors, lang)} />
        {/* The box to tick is the confirmation, without JavaScript: the partner's connection stops at once, with no way back. */}
        <form method="post" action={localHref(`${base}/rotate-secret`, lang)} id="rotate-form" novalidate>
          <Csrf token={staff.csrf} />
          <input type="hidden" name={SECRET_VERSION_FIELD} value={String(partner.secretVersion)} />
          <div class={`field${rotateErrors?.byField[ROTATE_CONFIRM] ? ' field--error' : ''}`}>
            <FieldError id={`${fieldId(ROTATE_CONFIRM)}-error`} lang={lang} errors={rotateErrors?.byField[ROTATE_CONFIRM]} />
            <label for={fieldId(ROTATE_CONFIRM)}>
              <input type="checkbox" id={fieldId(ROTATE_CONFIRM)} name="confirm" value="yes" required aria-invalid={rotateErrors?.byField[ROTATE_CONFIRM] ? 'true' : undefined} aria-describedby={rotateErrors?.byField[ROTATE_CONFIRM] ? `${fieldId(ROTATE_CONFIRM)}-error` : undefined} />
              {ja ? ` ${partner.name} の今のシークレットとアクセストークンがすぐに使えなくなることを確認しました` : ` I understand that the current secret and access tokens of ${partner.name} stop working at once`}
            </label>
          </div>
          <p class="actions"><button type="submit" class="button button--danger" id="rotate-button" aria-describedby="rotate-warning">{ja ? 'シークレットを再発行する' : 'Issue a new secret'}</button></p>
        </form>
      </section>

      <section aria-labelledby="usage-title">
        <h2 id="usage-title">{ja ? `API の利用（直近${USAGE_DAYS}日）` : `API use (last ${USAGE_DAYS} days)`}</h2>
        {partner.usage.length === 0 ? (
          <p>{ja ? `直近${USAGE_DAYS}日のリクエストはありません。` : `No requests in the last ${USAGE_DAYS} days.`}</p>
        ) : (
          <div class="table-scroll partner-table">
            <table id="usage-table" class="narrow-table">
              <caption>{ja ? `日ごとのリクエスト数（UTC日付、リクエストのあった日のみ）。合計 ${count(usageTotal, lang)}` : `Requests per day (UTC days with requests). Total ${count(usageTotal, lang)}`}</caption>
              <thead>
                <tr>
                  <th scope="col">{ja ? '日付' : 'Day'}</th>
                  <th scope="col">{ja ? 'リクエスト数' : 'Requests'}</th>
                </tr>
              </thead>
              <tbody>
                {[...partner.usage].reverse().map((d) => (
                  <tr>
                    <th scope="row"><time datetime={d.day}>{formatDate(d.day, lang)}</time></th>
                    <td class="number">{count(d.requests, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="webhooks-title">
        <h2 id="webhooks-title">Webhook</h2>
        {createdWebhook ? (
          <div class="notice notice--success" role="status" id="webhook-created">
            <p>
              {ja ? 'Webhook を登録しました: ' : 'The webhook was registered: '}
              <code>{createdWebhook.webhook.url}</code>
            </p>
            <p>
              <strong>{ja ? '署名用シークレットはこの一度だけ表示します。' : 'The signing secret is shown this once.'}</strong>
              {ja ? 'パートナーに安全な方法で渡してください（配信の Webhook-Signature を検証するのに使います）。' : ' Hand it to the partner in a safe way (it verifies the Webhook-Signature of each delivery).'}
            </p>
            <p><code id="webhook-secret" class="secret">{createdWebhook.secret}</code></p>
          </div>
        ) : null}
        {webhooks.length === 0 ? (
          <p>{ja ? '登録された Webhook はありません。' : 'No webhook is registered.'}</p>
        ) : (
          <div class="table-scroll partner-table">
            <table id="webhook-list">
              <caption>{ja ? '登録中の Webhook（状態は最近の配信の結果）' : 'Registered webhooks (status: the result of the latest recent delivery)'}</caption>
              <thead>
                <tr>
                  <th scope="col">URL</th>
                  <th scope="col">{ja ? 'イベント' : 'Events'}</th>
                  <th scope="col">{ja ? '状態' : 'Status'}</th>
                  <th scope="col">{ja ? '操作' : 'Actions'}</th>
                </tr>
              </thead>
              <tbody>
                {webhooks.map((w) => {
                  const last = latest.get(w.id);
                  return (
                    <tr>
                      <th scope="row">
                        <code>{w.url}</code>
                        <div class="muted">{ja ? `${formatDate(w.createdAt, lang)}登録` : `registered ${formatDate(w.createdAt, lang)}`}</div>
                      </th>
                      <td>
                        <ul class="event-list">
                          {w.events.map((e) => (
                            <li>{EVENT_LABELS[e]?.[lang] ?? e} <span class="muted">({e})</span></li>
                          ))}
                        </ul>
                      </td>
                      <td>
                        {w.disabledAt ? (
                          <div class="webhook-disabled" id={`webhook-disabled-${w.id}`}>
                            <span class="status status--revoked">{ja ? '無効（410 Gone）' : 'Disabled (410 Gone)'}</span>
                            <div class="muted">{ja ? `${formatDateTime(w.disabledAt, lang)}から送信していません` : `nothing sent since ${formatDateTime(w.disabledAt, lang)}`}</div>
                            <div class="delivery-error">{w.disabledReason}</div>
                          </div>
                        ) : last ? (
                          <span class={DELIVERY_CLASS[last.status]}>{DELIVERY_LABELS[last.status][lang]}</span>
                        ) : (
                          <span class="muted">{ja ? '最近の配信なし' : 'No recent delivery'}</span>
                        )}
                      </td>
                      <td>
                        {w.disabledAt && partner.deactivatedAt ? (
                          // Enabled now, it would still receive nothing: the partner comes first (the API refuses it too).
                          <div class="muted enable-unavailable">{ja ? 'パートナーの停止中は有効に戻せません。パートナーを再開してから有効に戻してください。' : 'Cannot be enabled while the partner is deactivated: reactivate the partner first.'}</div>
                        ) : w.disabledAt ? (
                          <form method="post" action={localHref(`${base}/webhooks/${w.id}/enable`, lang)} class="inline-form">
                            <Csrf token={staff.csrf} />
                            <button type="submit" class="button enable-webhook-button">
                              {ja ? '有効に戻す' : 'Enable'}
                              <span class="visually-hidden">{ja ? `（${w.url}）` : ` (${w.url})`}</span>
                            </button>
                          </form>
                        ) : null}
                        {/* Asks first, on a page of its own (no JavaScript needed): the signing secret goes with it. */}
                        <a class="button button--danger delete-webhook-button" href={localHref(`${base}/webhooks/${w.id}/delete`, lang)}>
                          {ja ? '削除' : 'Remove'}
                          <span class="visually-hidden">{ja ? `（${w.url}）` : ` (${w.url})`}</span>
                        </a>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}

        <h3 id="webhook-form-title">{ja ? 'Webhook を登録する' : 'Register a webhook'}</h3>
        <WebhookCount lang={lang} webhooks={webhooks} />
        {partner.deactivatedAt ? (
          <p class="hint" id="webhook-form-unavailable">{ja ? '停止中のパートナーには Webhook を登録できません。パートナーを再開してから登録してください。' : 'A deactivated partner gets no new webhook: reactivate it first.'}</p>
        ) : (
          <>
            <ErrorSummary lang={lang} items={summaryItems(errors, lang, FIELD_LABELS)} />
            <form method="post" action={localHref(`${base}/webhooks`, lang)} class="card" id="webhook-form" aria-labelledby="webhook-form-title" novalidate>
              <Csrf token={staff.csrf} />
              <TextInput
                lang={lang}
                name="url"
                label="URL"
                hint={ja ? 'インターネット上の https:// のURL。プライベート・ローカル・予約済みのアドレスは指定できません。' : 'A public https:// URL. Private, local and reserved addresses are refused.'}
                value={webhookForm?.values.url ?? ''}
                required
                errors={errors?.byField.url}
                maxLength={2000}
              />
              <CheckboxGroup
                lang={lang}
                name="events"
                legend={ja ? '送るイベント' : 'Events to send'}
                hint={ja ? '1つ以上選んでください。' : 'Choose at least one.'}
                options={CHANGE_EVENT_TYPES.map((e) => ({ value: e, label: `${EVENT_LABELS[e][lang]} (${e})` }))}
                checked={webhookForm?.values.events ?? []}
                errors={errors?.byField.events}
                required
              />
              <p class="actions">
                <button type="submit" class="button" id="webhook-submit">{ja ? 'Webhook を登録' : 'Register the webhook'}</button>
              </p>
            </form>
          </>
        )}
      </section>

      <section aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">{ja ? '最近の配信' : 'Recent deliveries'}</h2>
        {deliveries.length === 0 ? (
          <p>{ja ? '配信の記録はありません。' : 'No delivery is recorded.'}</p>
        ) : (
          <div class="table-scroll partner-table">
            <table id="delivery-list">
              <caption>{ja ? '配信（新しい順）。再送すると同じイベントを新しいIDで送ります。' : 'Deliveries, newest first. Replaying sends the same event again under a new id.'}</caption>
              <thead>
                <tr>
                  <th scope="col">{ja ? '日時' : 'Time'}</th>
                  <th scope="col">{ja ? 'イベント' : 'Event'}</th>
                  <th scope="col">{ja ? '状態' : 'Status'}</th>
                  <th scope="col">{ja ? '試行回数' : 'Attempts'}</th>
                  <th scope="col">{ja ? '最後の結果' : 'Last result'}</th>
                  <th scope="col">{ja ? '操作' : 'Actions'}</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => {
                  const live = urlOf.has(d.webhookId);
                  return (
                    <tr id={`delivery-${d.id}`}>
                      <th scope="row">
                        {formatDateTime(d.lastAttemptAt ?? d.createdAt, lang)}
                        <div class="muted"><code>{d.id}</code></div>
                        {d.replayOf ? <div class="muted">{ja ? '再送' : 'Replay'}</div> : null}
                      </th>
                      <td>
                        {EVENT_LABELS[d.eventType as ChangeEventType]?.[lang] ?? d.eventType}
                        <div class="muted">{live ? urlOf.get(d.webhookId) : ja ? '（削除された Webhook）' : '(removed webhook)'}</div>
                      </td>
                      <td>
                        <span class={DELIVERY_CLASS[d.status]}>{DELIVERY_LABELS[d.status][lang]}</span>
                        {d.status === 'pending' && d.nextAttemptAt ? <div class="muted">{ja ? `次回 ${formatDateTime(d.nextAttemptAt, lang)}` : `next ${formatDateTime(d.nextAttemptAt, lang)}`}</div> : null}
                      </td>
                      <td class="number">{d.attempts}</td>
                      <td>
                        {d.lastStatusCode !== null ? <span>HTTP {d.lastStatusCode}</span> : null}
                        {d.lastError ? <div class="delivery-error">{d.lastError}</div> : null}
                        {d.lastStatusCode === null && !d.lastError ? <span class="muted">—</span> : null}
                      </td>
                      <td>
                        {live ? (
                          <form method="post" action={localHref(`${base}/deliveries/${d.id}/replay`, lang)} class="inline-form">
                            <Csrf token={staff.csrf} />
                            <button type="submit" class="button button--secondary replay-button">
                              {ja ? '再送' : 'Replay'}
                              <span class="visually-hidden">{ja ? `（${d.id}）` : ` (${d.id})`}</span>
                            </button>
                          </form>
                        ) : (
                          <span class="muted">{ja ? '再送不可' : 'Cannot replay'}</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <p class="pager">
          {detail.cursor ? <a href={localHref(base, lang)}>{ja ? '最新の配信へ' : 'Newest deliveries'}</a> : null}
          {detail.nextCursor ? <a href={localHref(base, lang, { cursor: detail.nextCursor })} id="older-deliveries">{ja ? 'さらに古い配信' : 'Older deliveries'}</a> : null}
        </p>
      </section>
    </AdminLayout>
  );
};
