// Back office, awards: the list by fiscal year, one award with its actions, the form that records
// one award, and the categories and divisions. The CSV import's pages are in awards-import.tsx.
import { PendingRevocation, RevocationFields } from './revocation-fields.js';
import type { RevocationRequest } from '../../ports/revocation-requests.js';
import type { FC } from 'hono/jsx';
import type { Award, AwardCode, AwardStatus, Organization } from '../../domain/model.js';
import { AWARD_STATUS_LABELS } from '../../domain/awards/labels.js';
import { SUSPENSION_REASON_LABELS, SUSPENSION_REASONS } from '../../domain/codes.js';
import { reasonLabel } from '../../domain/mail/reasons.js';
import { NOTE_LIMIT } from '../../domain/services/revocations.js';
import { AWARD_TEXT_MAX } from '../../domain/services/awards.js';
import { formatDate, formatDateTime, formatFiscalYear } from '../pages/format.js';
import { localHref, type Bilingual, type Lang } from '../pages/i18n.js';
import { Csrf, Notice } from '../web/my/my-layout.js';
import { ErrorSummary, FieldError, fieldId, TextArea, TextInput } from '../web/my/form-fields.js';
import { AdminLayout } from './admin-layout.js';
import { summaryItems, type FormErrors } from './form-errors.js';
import type { StaffMember } from './staff-member.js';
import { thenToldByMail } from './told-by-mail.js';
import { CREDENTIAL_STATUS } from './organizations-pages.js';
import type { MailPromise } from '../../domain/mail/recipients.js';

/** A category's or division's name in the page's language; the code itself when it is not registered. */
export const codeName = (codes: AwardCode[], code: string | null, lang: Lang) => {
  if (code === null) return '';
  const found = codes.find((c) => c.code === code);
  return found ? (lang === 'ja' ? found.nameJa : found.nameEn) : code;
};

export const StatusLabel: FC<{ status: AwardStatus; lang: Lang }> = ({ status, lang }) => <span class={`status status--${status}`}>{AWARD_STATUS_LABELS[status][lang]}</span>;

/** A select with its label, hint and messages wired as the text fields are (form-fields.tsx). */
export const SelectField: FC<{
  lang: Lang;
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  hint?: string;
  errors?: Bilingual[] | undefined;
  required?: boolean;
}> = ({ lang, name, label, value, options, hint, errors, required }) => {
  const id = fieldId(name);
  const invalid = Boolean(errors?.length);
  const described = [hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${invalid ? ' field--error' : ''}`}>
      <label for={id}>
        {label}
        {required ? <span class="required">{lang === 'ja' ? '（必須）' : ' (required)'}</span> : null}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} lang={lang} errors={errors} />
      <select id={id} name={name} required={required} aria-invalid={invalid ? 'true' : undefined} aria-describedby={described}>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
};

const LIST_DONE: Record<string, Bilingual> = {
  created: { ja: '表彰を記録しました。', en: 'The award was recorded.' },
  suspended: { ja: '表彰を一時停止しました。', en: 'The award was suspended.' },
  reinstated: { ja: '表彰の一時停止を解除しました。', en: 'The award was reinstated.' },
  // Back from /admin/revocations (its `back` is the award's page).
  'revocation-requested': { ja: '取消を依頼しました。別の管理者が承認すると取り消されます。', en: 'The revocation was requested; it takes effect once another administrator approves it.' },
  revoked: { ja: '表彰を取り消しました。', en: 'The award was revoked.' },
  corrected: { ja: '表彰の記載を訂正しました。公開ページは訂正後の内容です。', en: 'The award was corrected; the public pages show the corrected text.' },
  'corrected-reissued': {
    // Not "told by e-mail": an organization without an address is not (the form's hint says which).
    ja: '表彰の記載を訂正しました。概要と表彰日はクレデンシャルに署名されているため、新しいクレデンシャルを発行し、以前のものは「以前の版」と表示されます。受賞団体は新しいバッジへの差し替えが必要です。',
    en: 'The award was corrected. The overview and the award date are signed into the credential, so a new credential was issued and the earlier one now reads "Older version"; the organization needs to replace its badge.',
  },
  'correction-unchanged': { ja: '概要・メッセージ・表彰日は今の内容と同じです。何も変更していません。', en: 'The overview, message and award date are as they were: nothing was changed.' },
};

export interface AwardListRow {
  award: Award;
  organizationName: string | null;
}

/**
 * The list's and the award page's state button (administrators): reinstate at once; suspend on
 * the award's page, whose form asks why (the organization reads the reason in its e-mail).
 */
/**
 * Words, read but not shown, naming a list row's award after its 「詳細」 and state action: a list
 * of links otherwise reads 「詳細」「詳細」… to different awards.
 */
const RowName: FC<{ lang: Lang; name: string | undefined }> = ({ lang, name }) =>
  name ? <span class="visually-hidden">{lang === 'ja' ? `（${name}）` : ` (${name})`}</span> : null;

/** `row`: in the list, the award its row is about (RowName). */
const StateAction: FC<{ staff: StaffMember; award: Award; from: 'list' | 'award'; row?: string }> = ({ staff, award, from, row }) => {
  const ja = staff.lang === 'ja';
  if (award.status === 'revoked') return null;
  if (award.status === 'active') {
    return (
      <a class="button button--secondary" id={`suspend-${award.id}`} href={`${localHref(`/admin/awards/${award.id}`, staff.lang)}#suspend-form`}>
        {ja ? '一時停止' : 'Suspend'}
        <RowName lang={staff.lang} name={row} />
      </a>
    );
  }
  return (
    <form method="post" action={localHref(`/admin/awards/${award.id}/reinstate`, staff.lang)} class="inline-form">
      <Csrf token={staff.csrf} />
      <input type="hidden" name="rowVersion" value={String(award.rowVersion)} />
      <input type="hidden" name="from" value={from} />
      <button type="submit" class="button button--secondary" id={`reinstate-${award.id}`}>
        {ja ? '一時停止を解除' : 'Reinstate'}
        <RowName lang={staff.lang} name={row} />
      </button>
    </form>
  );
};

/** The correction form's values and messages, when it came back refused. */
export interface AwardCorrectState {
  /** The day as typed; undefined when the post had no such field. */
  values: { overview: string; message: string; awardedOn: string | undefined };
  errors: FormErrors;
}

/**
 * Correct the overview, message or day (administrators, an award not revoked): a typo found before
 * or after the announcement. The hint says what happens to the badge before the button is pressed.
 */
const CorrectForm: FC<{ staff: StaffMember; award: Award; mailed: MailPromise; state?: AwardCorrectState | undefined }> = ({ staff, award, mailed, state }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const errors = state?.errors;
  return (
    <form method="post" action={localHref(`/admin/awards/${award.id}/correct`, lang)} class="card" id="correct-form" novalidate>
      <h3>{ja ? '概要・メッセージ・表彰日を訂正する' : 'Correct the overview, message or award date'}</h3>
      <p class="hint" id="correct-hint">
        {thenToldByMail(
          {
            ja: '訂正した内容はすぐに公開ページに載ります。概要と表彰日はクレデンシャルに署名されているため、どちらかを訂正すると新しいクレデンシャルを発行し、これまでのバッジとQRコードは「以前の版」と表示されて新しいものを案内します（受賞団体はバッジの差し替えが必要です）。メッセージだけの訂正ではバッジは変わりません。年度・表彰区分・部門・受賞団体の誤りは訂正できません（取り消して記録し直してください）。',
            en: 'The corrected text is public at once. The overview and the award date are signed into the credential: correcting either issues a new credential, and the earlier badge and QR code read "Older version" and point to the new one (the organization must replace its badge). Correcting only the message leaves the badge as it is. A wrong year, category, division or organization cannot be corrected: revoke the award and record it again.',
          },
          mailed,
          { ja: '訂正後の内容', en: 'the corrected text' },
        )[lang]}
      </p>
      <ErrorSummary lang={lang} items={summaryItems(errors, lang)} />
      <Csrf token={staff.csrf} />
      <input type="hidden" name="rowVersion" value={String(award.rowVersion)} />
      <TextArea lang={lang} name="overview" label={ja ? '概要' : 'Overview'} value={state?.values.overview ?? award.overview ?? ''} errors={errors?.byField.overview} maxLength={AWARD_TEXT_MAX} rows={4} />
      <TextArea lang={lang} name="message" label={ja ? 'メッセージ' : 'Message'} value={state?.values.message ?? award.message ?? ''} errors={errors?.byField.message} maxLength={AWARD_TEXT_MAX} rows={4} />
      <TextInput lang={lang} type="date" name="awardedOn" label={ja ? '表彰日' : 'Awarded on'} value={state?.values.awardedOn ?? award.awardedOn} errors={errors?.byField.awardedOn} required />
      <p class="actions">
        <button type="submit" class="button" id="correct-button">{ja ? '訂正する' : 'Correct'}</button>
      </p>
    </form>
  );
};

/** The suspension form's values and messages, when it came back refused. */
export interface AwardSuspendState {
  values: { reason: string; note: string };
  errors: FormErrors;
}

/** Suspend with a reason code and a note (administrators, an active award). */
const SuspendForm: FC<{ staff: StaffMember; award: Award; mailed: MailPromise; state?: AwardSuspendState | undefined }> = ({ staff, award, mailed, state }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const errors = state?.errors;
  return (
    <form method="post" action={localHref(`/admin/awards/${award.id}/suspend`, lang)} class="card" id="suspend-form" novalidate>
      <h3>{ja ? '一時停止する' : 'Suspend'}</h3>
      <p class="hint">{thenToldByMail({ ja: 'この表彰のクレデンシャルは検証で「一時停止中」と表示されます。', en: 'The award’s credentials will verify as suspended.' }, mailed, { ja: '理由', en: 'the reason' })[lang]}</p>
      <ErrorSummary lang={lang} items={summaryItems(errors, lang)} />
      <Csrf token={staff.csrf} />
      <input type="hidden" name="rowVersion" value={String(award.rowVersion)} />
      <SelectField
        lang={lang}
        name="reason"
        label={ja ? '理由' : 'Reason'}
        required
        value={state?.values.reason ?? ''}
        errors={errors?.byField.reason}
        options={[{ value: '', label: ja ? '（選択してください）' : '(choose)' }, ...SUSPENSION_REASONS.map((code) => ({ value: code, label: SUSPENSION_REASON_LABELS[code][lang] }))]}
      />
      <TextArea lang={lang} name="note" label={ja ? '補足（任意・団体に伝わります）' : 'Note (optional; the organization sees it)'} value={state?.values.note ?? ''} errors={errors?.byField.note} maxLength={NOTE_LIMIT} rows={3} />
      <p class="actions">
        <button type="submit" class="button button--danger" id="suspend-button">{ja ? '一時停止する' : 'Suspend'}</button>
      </p>
    </form>
  );
};

const importedNotice = (count: number) => ({ ja: `CSV から ${count} 件の表彰を記録しました。`, en: `${count === 1 ? '1 award was' : `${count} awards were`} recorded from the CSV file. ` });

/** What the import's 「受賞団体にお祝いのメールを送る」 did: sent to whom it could, nothing to no address, or nothing (not ticked). */
function congratulationsNotice(count: number, congratulated: number | undefined) {
  if (congratulated === undefined) return { ja: 'お祝いのメールは送っていません（「受賞団体にお祝いのメールを送る」を選ばずに記録しました）。', en: 'No congratulations were e-mailed (the box to send them was not ticked).' };
  // Ticked, but no organization had an address: 「0 件の表彰について…送ります」 read as if something were sent.
  if (congratulated === 0 && count > 0) {
    return count === 1
      ? { ja: 'お祝いのメールは送っていません（受賞団体にメールアドレスの登録がありません）。', en: 'No congratulations were e-mailed: the award’s organization has no e-mail address.' }
      : { ja: `お祝いのメールは送っていません（${count} 件の受賞団体のどれにもメールアドレスの登録がありません）。`, en: `No congratulations were e-mailed: none of the ${count} awards’ organizations has an e-mail address.` };
  }
  const unreachable = Math.max(count - congratulated, 0);
  return {
    ja: `${congratulated} 件の表彰について、受賞団体にお祝いのメールを送ります。${unreachable > 0 ? `メールアドレスの登録がない団体への ${unreachable} 件は送っていません。` : ''}`,
    en: `Congratulations are being e-mailed for ${congratulated === 1 ? '1 award' : `${congratulated} awards`}.${unreachable > 0 ? ` ${unreachable === 1 ? '1 award’s organization has' : `${unreachable} awards’ organizations have`} no e-mail address and got none.` : ''}`,
  };
}

/** GET /admin/awards: one fiscal year's awards. */
export const AwardListPage: FC<{
  staff: StaffMember;
  year: number;
  years: { year: number; count: number }[];
  rows: AwardListRow[];
  categories: AwardCode[];
  divisions: AwardCode[];
  done?: string | undefined;
  count?: number | undefined;
  /** After an import: how many awards' organizations were e-mailed; undefined when the box was not ticked. */
  congratulated?: number | undefined;
}> = ({ staff, year, years, rows, categories, divisions, done, count, congratulated }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const admin = staff.may('administer');
  const notice =
    done === 'imported' && count !== undefined ? `${importedNotice(count)[lang]}${congratulationsNotice(count, congratulated)[lang]}` : done ? LIST_DONE[done]?.[lang] : undefined;
  return (
    <AdminLayout staff={staff} title={{ ja: '表彰', en: 'Awards' }} section="awards">
      <h1>{ja ? '表彰' : 'Awards'}</h1>
      <Notice text={notice} kind="success" />
      <ul class="link-list award-links">
        {admin ? (
          <>
            <li>
              <a href={localHref('/admin/awards/new', lang)} id="new-award-link">{ja ? '表彰を1件記録する' : 'Record an award'}</a>
            </li>
            <li>
              <a href={localHref('/admin/awards/import', lang)} id="import-link">{ja ? 'CSV から表彰を取り込む' : 'Import awards from CSV'}</a>
            </li>
          </>
        ) : null}
        <li>
          <a href={localHref('/admin/awards/codes', lang)} id="codes-link">{ja ? '表彰区分と部門' : 'Categories and divisions'}</a>
        </li>
      </ul>
      <form method="get" action="/admin/awards" class="year-form" id="year-form">
        {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <div class="field">
          <label for="f-year">{ja ? '年度' : 'Fiscal year'}</label>
          <select id="f-year" name="year">
            {years.map((y) => (
              <option value={String(y.year)} selected={y.year === year}>
                {formatFiscalYear(y.year, lang)}
                {y.count > 0 ? (ja ? `（${y.count}件）` : ` (${y.count})`) : ''}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button--secondary" id="year-button">{ja ? '表示' : 'Show'}</button>
      </form>
      {rows.length === 0 ? (
        <p id="no-awards">{ja ? `${formatFiscalYear(year, lang)}の表彰はまだ記録されていません。` : `No award is recorded for ${formatFiscalYear(year, lang)} yet.`}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="award-list-caption" tabindex={0}>
          <table id="award-list">
            <caption id="award-list-caption">{ja ? `${formatFiscalYear(year, lang)}の表彰（${rows.length}件）` : `Awards of ${formatFiscalYear(year, lang)} (${rows.length})`}</caption>
            <thead>
              <tr>
                <th scope="col">{ja ? '受賞団体' : 'Organization'}</th>
                <th scope="col">{ja ? '表彰区分' : 'Category'}</th>
                <th scope="col">{ja ? '部門' : 'Division'}</th>
                <th scope="col">{ja ? '表彰日' : 'Awarded on'}</th>
                <th scope="col">{ja ? '状態' : 'Status'}</th>
                <th scope="col">{ja ? '操作' : 'Actions'}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ award, organizationName }) => {
                const row = `${organizationName ?? award.organizationId} ${codeName(categories, award.categoryCode, lang)}${award.divisionCode ? ` ${codeName(divisions, award.divisionCode, lang)}` : ''}`;
                return (
                  <tr>
                    <th scope="row">
                      <a href={localHref(`/admin/organizations/${award.organizationId}`, lang)}>{organizationName ?? award.organizationId}</a>
                    </th>
                    <td>{codeName(categories, award.categoryCode, lang)}</td>
                    <td>{codeName(divisions, award.divisionCode, lang) || '—'}</td>
                    <td class="date">{formatDate(award.awardedOn, lang)}</td>
                    <td>
                      <StatusLabel status={award.status} lang={lang} />
                    </td>
                    <td class="award-actions">
                      <a href={localHref(`/admin/awards/${award.id}`, lang)}>
                        {ja ? '詳細' : 'Details'}
                        <RowName lang={lang} name={row} />
                      </a>
                      {admin ? <StateAction staff={staff} award={award} from="list" row={row} /> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </AdminLayout>
  );
};

/** GET /admin/awards/{id}: the award, its credentials and (administrators) its actions. */
export const AwardPage: FC<{
  staff: StaffMember;
  award: Award;
  organization: Organization | null;
  partner: Organization | null;
  categories: AwardCode[];
  divisions: AwardCode[];
  credentials: { id: string; verificationUrl: string; status: string }[];
  twoPersonRevocation: boolean;
  /** A revocation requested and awaiting a second administrator: said in place of the request form, which would be refused. */
  pendingRevocation?: RevocationRequest | null | undefined;
  /** What the organization is told by e-mail of a suspension or reinstatement. */
  mailed: MailPromise;
  done?: string | undefined;
  suspend?: AwardSuspendState | undefined;
  correct?: AwardCorrectState | undefined;
  /** Why a suspension or reinstatement was refused as a whole (the award changed meanwhile, the form's version missing). */
  problem?: Bilingual | undefined;
}> = ({ staff, award, organization, partner, categories, divisions, credentials, twoPersonRevocation, pendingRevocation, mailed, done, suspend, correct, problem }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const title = `${organization?.name ?? award.organizationId} — ${codeName(categories, award.categoryCode, lang)}`;
  const facts: [string, unknown][] = [
    [ja ? '受賞団体' : 'Organization', <a href={localHref(`/admin/organizations/${award.organizationId}`, lang)}>{organization?.name ?? award.organizationId}</a>],
    [ja ? '年度' : 'Fiscal year', formatFiscalYear(award.fiscalYear, lang)],
    [ja ? '表彰区分' : 'Category', codeName(categories, award.categoryCode, lang)],
    [ja ? '部門' : 'Division', codeName(divisions, award.divisionCode, lang) || '—'],
    [ja ? '連携自治体' : 'Partner municipality', partner ? <a href={localHref(`/admin/organizations/${partner.id}`, lang)}>{partner.name}</a> : '—'],
    [ja ? '表彰日' : 'Awarded on', formatDate(award.awardedOn, lang)],
    [ja ? '状態' : 'Status', <StatusLabel status={award.status} lang={lang} />],
    ...(award.status !== 'active' && award.statusReason
      ? [[ja ? '理由' : 'Reason', reasonLabel(award.status === 'revoked' ? 'revoke' : 'suspend', award.statusReason)![lang]] as [string, unknown]]
      : []),
    ...(award.status !== 'active' && award.statusNote ? [[ja ? '補足（団体に伝えた内容）' : 'Note (told to the organization)', <span class="prose-text">{award.statusNote}</span>] as [string, unknown]] : []),
    [ja ? '概要' : 'Overview', award.overview ? <span class="prose-text">{award.overview}</span> : '—'],
    [ja ? 'メッセージ' : 'Message', award.message ? <span class="prose-text">{award.message}</span> : '—'],
    [ja ? '記録日時' : 'Recorded', formatDateTime(award.createdAt, lang)],
    [ja ? '表彰ID' : 'Award id', <code>{award.id}</code>],
  ];
  return (
    <AdminLayout staff={staff} title={{ ja: title, en: title }} section="awards">
      <p>
        <a href={localHref('/admin/awards', lang, { year: award.fiscalYear })}>{ja ? `← ${formatFiscalYear(award.fiscalYear, lang)}の表彰` : `← Awards of ${formatFiscalYear(award.fiscalYear, lang)}`}</a>
      </p>
      <h1>{title}</h1>
      <Notice text={done ? LIST_DONE[done]?.[lang] : undefined} kind="success" />
      <Notice text={problem?.[lang]} kind="error" />
      <dl class="facts">
        {facts.map(([term, value]) => (
          <div>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h2>{ja ? 'クレデンシャル' : 'Credentials'}</h2>
      {credentials.length === 0 ? (
        <p>{ja ? 'クレデンシャルはありません。' : 'No credential.'}</p>
      ) : (
        <ul class="award-credentials">
          {/* Newest first (as listed), each with its state: after a correction the earlier one is superseded. */}
          {credentials.map((c) => (
            <li>
              <a href={c.verificationUrl}>{c.id}</a> <span class={`status status--${c.status}`}>{CREDENTIAL_STATUS[c.status]?.[lang] ?? c.status}</span>
            </li>
          ))}
        </ul>
      )}
      {staff.may('administer') && award.status !== 'revoked' ? (
        <section aria-labelledby="award-actions-title">
          <h2 id="award-actions-title">{ja ? '操作' : 'Actions'}</h2>
          <CorrectForm staff={staff} award={award} mailed={mailed} state={correct} />
          {award.status === 'active' ? (
            <SuspendForm staff={staff} award={award} mailed={mailed} state={suspend} />
          ) : (
            <>
              <p>{thenToldByMail({ ja: '一時停止を解除すると、クレデンシャルは再び有効と表示されます。', en: 'Reinstated, its credentials verify as valid again.' }, mailed)[lang]}</p>
              <p class="actions">
                <StateAction staff={staff} award={award} from="award" />
              </p>
            </>
          )}
          <h3>{ja ? '表彰を取り消す' : 'Revoke the award'}</h3>
          <p id="revoke-explanation">
            {twoPersonRevocation
              ? ja
                ? '取消は依頼として記録され、別の管理者が承認したときに実行されます（「取消の承認」）。取り消した表彰は元に戻せません。'
                : 'A revocation is requested here and takes effect once a second administrator approves it. A revoked award cannot be restored.'
              : ja
                ? '取消はすぐに実行されます。取り消した表彰は元に戻せません。'
                : 'The revocation takes effect at once. A revoked award cannot be restored.'}
          </p>
          {pendingRevocation ? <PendingRevocation lang={lang} request={pendingRevocation} /> : (
          <form method="post" action={localHref('/admin/revocations', lang)} class="card" id="revoke-form" aria-describedby="revoke-explanation">
            <Csrf token={staff.csrf} />
            <input type="hidden" name="subjectType" value="award" />
            <input type="hidden" name="subjectId" value={award.id} />
            <input type="hidden" name="back" value={`/admin/awards/${award.id}`} />
            <RevocationFields lang={lang} twoPerson={twoPersonRevocation} subject="award" />
            <p class="actions">
              <button type="submit" class="button button--danger" id="revoke-button">
                {twoPersonRevocation ? (ja ? '取消を依頼する' : 'Request the revocation') : ja ? '取り消す' : 'Revoke'}
              </button>
            </p>
          </form>
          )}
        </section>
      ) : null}
    </AdminLayout>
  );
};

export interface AwardFormValues {
  organization: string;
  fiscalYear: string;
  category: string;
  division: string;
  partnerMunicipality: string;
  overview: string;
  message: string;
  awardedOn: string;
}

export const AWARD_FORM_FIELDS = ['organization', 'fiscalYear', 'category', 'division', 'partnerMunicipality', 'overview', 'message', 'awardedOn'] as const;

/** GET /admin/awards/new (and a refused POST /admin/awards): record one award. */
export const AwardFormPage: FC<{ staff: StaffMember; values: AwardFormValues; categories: AwardCode[]; divisions: AwardCode[]; errors?: FormErrors | undefined }> = ({ staff, values, categories, divisions, errors }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const name = (c: AwardCode) => (ja ? `${c.nameJa}（${c.code}）` : `${c.nameEn} (${c.code})`);
  return (
    <AdminLayout staff={staff} title={{ ja: '表彰を記録する', en: 'Record an award' }} section="awards">
      <p>
        <a href={localHref('/admin/awards', lang)}>{ja ? '← 表彰の一覧' : '← Awards'}</a>
      </p>
      <h1>{ja ? '表彰を記録する' : 'Record an award'}</h1>
      <p>
        {ja
          ? '記録すると、受賞団体に表彰のクレデンシャルが発行され、公開の一覧に載ります。企業は公表中の自己宣言が必要です。複数の表彰は '
          : 'Once recorded, the award’s credential is issued and the award is listed publicly. A company needs a published declaration. For many awards, '}
        <a href={localHref('/admin/awards/import', lang)}>{ja ? 'CSV から取り込めます' : 'import a CSV file'}</a>
        {ja ? '。' : '.'}
      </p>
      <ErrorSummary lang={lang} items={summaryItems(errors, lang)} />
      <form method="post" action={localHref('/admin/awards', lang)} class="card" id="award-form" novalidate>
        <Csrf token={staff.csrf} />
        <TextInput
          lang={lang}
          name="organization"
          label={ja ? '受賞団体' : 'Organization'}
          hint={ja ? '13桁の法人番号、6桁の地方公共団体コード、または団体ID。' : 'Its 13-digit corporate number (法人番号), 6-digit local government code, or organization id.'}
          value={values.organization}
          required
          errors={errors?.byField.organization}
          maxLength={64}
        />
        <TextInput
          lang={lang}
          name="fiscalYear"
          label={ja ? '年度' : 'Fiscal year'}
          hint={ja ? '西暦4桁（例: 2025）または「令和7年度」。' : '4 digits (e.g. 2025) or 令和N年度.'}
          value={values.fiscalYear}
          required
          errors={errors?.byField.fiscalYear}
          maxLength={20}
        />
        <SelectField
          lang={lang}
          name="category"
          label={ja ? '表彰区分' : 'Category'}
          value={values.category}
          required
          errors={errors?.byField.category}
          options={[{ value: '', label: ja ? '選択してください' : 'Choose one' }, ...categories.map((c) => ({ value: c.code, label: name(c) }))]}
        />
        <SelectField
          lang={lang}
          name="division"
          label={ja ? '部門（任意）' : 'Division (optional)'}
          value={values.division}
          errors={errors?.byField.division}
          options={[{ value: '', label: ja ? 'なし' : 'None' }, ...divisions.map((c) => ({ value: c.code, label: name(c) }))]}
        />
        <TextInput
          lang={lang}
          name="partnerMunicipality"
          label={ja ? '連携自治体の地方公共団体コード（任意）' : 'Partner municipality’s local government code (optional)'}
          hint={ja ? '6桁（例: 011002）。登録済みの自治体に限ります。' : '6 digits (e.g. 011002); a registered municipality.'}
          value={values.partnerMunicipality}
          errors={errors?.byField.partnerMunicipality}
          maxLength={20}
        />
        <TextArea lang={lang} name="overview" label={ja ? '概要（任意）' : 'Overview (optional)'} value={values.overview} errors={errors?.byField.overview} maxLength={AWARD_TEXT_MAX} rows={4} />
        <TextArea lang={lang} name="message" label={ja ? 'メッセージ（任意）' : 'Message (optional)'} value={values.message} errors={errors?.byField.message} maxLength={AWARD_TEXT_MAX} rows={4} />
        <TextInput
          lang={lang}
          type="date"
          name="awardedOn"
          label={ja ? '表彰日（任意）' : 'Awarded on (optional)'}
          hint={ja ? '空欄なら今日の日付になります。' : 'Empty: today.'}
          value={values.awardedOn}
          errors={errors?.byField.awardedOn}
        />
        <p class="actions">
          <button type="submit" class="button" id="save-button">{ja ? '記録する' : 'Record'}</button>
        </p>
      </form>
    </AdminLayout>
  );
};

export interface CodeFormValues {
  kind: string;
  code: string;
  nameJa: string;
  nameEn: string;
  sortOrder: string;
}

export const CODE_FORM_FIELDS = ['kind', 'code', 'nameJa', 'nameEn', 'sortOrder'] as const;

const CodeTable: FC<{ lang: Lang; id: string; caption: string; codes: AwardCode[] }> = ({ lang, id, caption, codes }) => {
  const ja = lang === 'ja';
  return (
    <div class="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabindex={0}>
      <table id={id}>
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{ja ? 'コード' : 'Code'}</th>
            <th scope="col">{ja ? '名称' : 'Japanese name'}</th>
            <th scope="col">{ja ? '英語名' : 'English name'}</th>
            <th scope="col">{ja ? '表示順' : 'Order'}</th>
          </tr>
        </thead>
        <tbody>
          {codes.length === 0 ? (
            <tr>
              <td colspan={4}>{ja ? '（まだありません）' : '(none yet)'}</td>
            </tr>
          ) : (
            codes.map((c) => (
              <tr>
                <th scope="row">
                  <code>{c.code}</code>
                </th>
                <td>{c.nameJa}</td>
                <td>{c.nameEn}</td>
                <td>{c.sortOrder}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
};

/** GET /admin/awards/codes: categories and divisions; administrators add one. */
export const AwardCodesPage: FC<{ staff: StaffMember; categories: AwardCode[]; divisions: AwardCode[]; values?: CodeFormValues; errors?: FormErrors | undefined; done?: string | undefined }> = ({
  staff, categories, divisions, values, errors, done,
}) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const v = values ?? { kind: 'category', code: '', nameJa: '', nameEn: '', sortOrder: '' };
  return (
    <AdminLayout staff={staff} title={{ ja: '表彰区分と部門', en: 'Award categories and divisions' }} section="awards">
      <p>
        <a href={localHref('/admin/awards', lang)}>{ja ? '← 表彰の一覧' : '← Awards'}</a>
      </p>
      <h1>{ja ? '表彰区分と部門' : 'Award categories and divisions'}</h1>
      <Notice text={done === 'code-added' ? (ja ? '追加しました。' : 'Added.') : undefined} kind="success" />
      <CodeTable lang={lang} id="category-list" caption={ja ? '表彰区分' : 'Categories'} codes={categories} />
      <CodeTable lang={lang} id="division-list" caption={ja ? '部門' : 'Divisions'} codes={divisions} />
      {staff.may('administer') ? (
        <section aria-labelledby="code-form-title">
          <h2 id="code-form-title">{ja ? '区分または部門を追加する' : 'Add a category or division'}</h2>
          <p>{ja ? 'コードは追加した後に変更・削除できません（表彰とクレデンシャルが参照します）。' : 'A code cannot be changed or removed once added (awards and credentials refer to it).'}</p>
          <ErrorSummary lang={lang} items={summaryItems(errors, lang)} />
          <form method="post" action={localHref('/admin/awards/codes', lang)} class="card" id="code-form" novalidate>
            <Csrf token={staff.csrf} />
            <SelectField
              lang={lang}
              name="kind"
              label={ja ? '種類' : 'Kind'}
              value={v.kind}
              required
              errors={errors?.byField.kind}
              options={[
                { value: 'category', label: ja ? '表彰区分' : 'Category' },
                { value: 'division', label: ja ? '部門' : 'Division' },
              ]}
            />
            <TextInput lang={lang} name="code" label={ja ? 'コード' : 'Code'} hint={ja ? '半角英小文字・数字・ハイフン（例: special-prize）。' : 'Lower-case letters, digits and hyphens (e.g. special-prize).'} value={v.code} required errors={errors?.byField.code} maxLength={64} />
            <TextInput lang={lang} name="nameJa" label={ja ? '名称（日本語）' : 'Name in Japanese'} value={v.nameJa} required errors={errors?.byField.nameJa} maxLength={100} />
            <TextInput lang={lang} name="nameEn" label={ja ? '名称（英語）' : 'Name in English'} value={v.nameEn} required errors={errors?.byField.nameEn} maxLength={100} />
            <TextInput lang={lang} name="sortOrder" label={ja ? '表示順（任意）' : 'Display order (optional)'} hint={ja ? '0〜100000 の整数。小さいほど先に表示されます。空欄なら 1000。' : 'A whole number 0–100000, smaller first; empty: 1000.'} value={v.sortOrder} errors={errors?.byField.sortOrder} maxLength={6} />
            <p class="actions">
              <button type="submit" class="button" id="code-save-button">{ja ? '追加する' : 'Add'}</button>
            </p>
          </form>
        </section>
      ) : null}
    </AdminLayout>
  );
};
