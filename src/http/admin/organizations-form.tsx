// Back office: the form that registers or edits an organization, and the 法人番号 lookup that fills
// it in. The form's fields carry the API's names (a problem on /contact/email lands on contactEmail),
// so the same checks as POST/PUT /api/v1/organizations (the JSON Schema, then the domain's rules)
// put every message next to its field.
import type { FC } from 'hono/jsx';
import { INDUSTRIES, PREFECTURE_CODES, PREFECTURES, SIZE_BANDS } from '../../domain/codes.js';
import { DomainError, invalid, type FieldProblem } from '../../domain/errors.js';
import type { Organization, OrganizationKind } from '../../domain/model.js';
import { normalizeOrganization, type OrganizationInput } from '../../domain/organization-rules.js';
import type { CorporateRecord } from '../../ports/corporate-lookup.js';
import { formatDate } from '../pages/format.js';
import { localHref, type Bilingual, type Lang } from '../pages/i18n.js';
import { validateBody } from '../validation.js';
import { ErrorSummary, FieldError, fieldId, TextInput } from '../web/my/form-fields.js';
import { Csrf } from '../web/my/my-layout.js';
import { AdminLayout } from './admin-layout.js';
import { industryLabel, sizeBandLabel } from './organization-labels.js';
import { formErrorsOf, summaryItems, unreadableMessage, type FormErrors } from './form-errors.js';
import type { StaffMember } from './staff-member.js';

export const KINDS: readonly OrganizationKind[] = ['company', 'municipality', 'other'];
export const KIND_LABELS: Record<OrganizationKind, Bilingual> = {
  company: { ja: '企業', en: 'Company' },
  municipality: { ja: '自治体', en: 'Municipality' },
  other: { ja: 'その他の団体', en: 'Other body' },
};

/** The form's fields, in the order they appear. */
export const FORM_FIELDS = [
  'kind', 'corporateNumber', 'localGovernmentCode', 'name', 'nameKana', 'nameEn', 'prefectureCode', 'city',
  'industryCode', 'sizeBand', 'website', 'contactName', 'contactDepartment', 'contactEmail', 'contactPhone',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type FormValues = Record<FormField, string>;

/** The API's JSON pointers that are not simply "/" + the form field's name. */
const FIELD_OF_POINTER: Record<string, FormField> = {
  '/contact/name': 'contactName',
  '/contact/department': 'contactDepartment',
  '/contact/email': 'contactEmail',
  '/contact/phone': 'contactPhone',
  // The lookup port names its input without the slash.
  corporateNumber: 'corporateNumber',
};

export const LABELS: Record<FormField, Bilingual> = {
  kind: { ja: '種別', en: 'Kind' },
  corporateNumber: { ja: '法人番号', en: 'Corporate number (法人番号)' },
  localGovernmentCode: { ja: '地方公共団体コード', en: 'Local government code' },
  name: { ja: '名称', en: 'Name' },
  nameKana: { ja: '名称（フリガナ）', en: 'Name in katakana' },
  nameEn: { ja: '英語名称', en: 'English name' },
  prefectureCode: { ja: '都道府県', en: 'Prefecture' },
  city: { ja: '市区町村', en: 'City' },
  industryCode: { ja: '業種', en: 'Industry' },
  sizeBand: { ja: '従業員規模', en: 'Employees' },
  website: { ja: 'ウェブサイト', en: 'Website' },
  contactName: { ja: '連絡先の担当者名', en: 'Contact person' },
  contactDepartment: { ja: '連絡先の部署', en: 'Contact department' },
  contactEmail: { ja: '連絡先のメールアドレス', en: 'Contact e-mail' },
  contactPhone: { ja: '連絡先の電話番号', en: 'Contact phone' },
};

/**
 * What a field's schema refusal says in words (the schema's own message names a JSON pointer and a
 * keyword, which suits an API client, not a person at the form), by what was typed: an empty field
 * is asked for, a value too long is told its limit and length, one in the wrong form is shown the
 * form. A field refused for both its length and its form says the length first (one message).
 */
const SCHEMA_MESSAGES: Partial<Record<FormField, (typed: string) => Bilingual>> = {
  kind: () => ({ ja: '種別を選んでください。', en: 'Choose the kind of organization.' }),
  name: (typed) => (typed === '' ? { ja: '名称を入力してください。', en: 'Enter the name.' } : tooLong(LABELS.name, 200, typed)),
  prefectureCode: () => ({ ja: '都道府県を選んでください。', en: 'Choose the prefecture.' }),
  website: (typed) =>
    length(typed) > 500
      ? tooLong(LABELS.website, 500, typed)
      : { ja: 'ウェブサイトは http:// または https:// で始まるアドレスを入力してください。', en: 'Enter a web address starting with http:// or https://.' },
  contactEmail: (typed) =>
    length(typed) > 254
      ? tooLong(LABELS.contactEmail, 254, typed)
      : { ja: 'メールアドレスの形式が正しくありません（例: tanaka@example.co.jp）。', en: 'Enter an e-mail address such as tanaka@example.co.jp.' },
  contactPhone: (typed) =>
    length(typed) > 30
      ? tooLong(LABELS.contactPhone, 30, typed)
      : { ja: '電話番号は数字・ハイフン・括弧・+ で入力してください。', en: 'Enter the phone number with digits, hyphens, brackets or +.' },
};

/** Characters as the schema's maxLength counts them (code points). */
const length = (typed: string) => [...typed].length;

const tooLong = (label: Bilingual, limit: number, typed: string): Bilingual => ({
  ja: `${label.ja}は${limit}文字以内で入力してください（今は${length(typed)}文字）。`,
  en: `${label.en} can be at most ${limit} characters (now ${length(typed)}).`,
});

export const emptyValues = (): FormValues => Object.fromEntries(FORM_FIELDS.map((f) => [f, ''])) as FormValues;

/** What was typed, trimmed (a name of spaces is no name). */
export function valuesOfForm(form: URLSearchParams): FormValues {
  return Object.fromEntries(FORM_FIELDS.map((f) => [f, (form.get(f) ?? '').trim()])) as FormValues;
}

/** An organization as the form shows it. */
export function valuesOfOrganization(o: Organization): FormValues {
  return {
    kind: o.kind,
    corporateNumber: o.corporateNumber ?? '',
    localGovernmentCode: o.localGovernmentCode ?? '',
    name: o.name,
    nameKana: o.nameKana ?? '',
    nameEn: o.nameEn ?? '',
    prefectureCode: o.prefectureCode,
    city: o.city ?? '',
    industryCode: o.industryCode ?? '',
    sizeBand: o.sizeBand ?? '',
    website: o.website ?? '',
    contactName: o.contact?.name ?? '',
    contactDepartment: o.contact?.department ?? '',
    contactEmail: o.contact?.email ?? '',
    contactPhone: o.contact?.phone ?? '',
  };
}

/**
 * The API's request body for these values, checked against the same JSON Schema as
 * POST /api/v1/organizations (the use case then applies the domain's rules). Empty optional
 * fields are null; an empty required one is left out so the schema names it.
 */
export function organizationInput(v: FormValues): OrganizationInput {
  const body: Record<string, unknown> = {};
  if (v.kind) body.kind = v.kind;
  body.name = v.name;
  if (v.prefectureCode) body.prefectureCode = v.prefectureCode;
  for (const f of ['corporateNumber', 'localGovernmentCode', 'nameKana', 'nameEn', 'city', 'industryCode', 'sizeBand', 'website'] as const) body[f] = v[f] || null;
  const contact = Object.fromEntries(
    ([['name', v.contactName], ['department', v.contactDepartment], ['email', v.contactEmail], ['phone', v.contactPhone]] as const).filter(([, value]) => value !== ''),
  );
  body.contact = Object.keys(contact).length > 0 ? contact : null;
  try {
    return validateBody<OrganizationInput>('organization', body);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw invalid(withIdentifierProblems(error.fields, body, v));
  }
}

/**
 * The schema's problems, plus what the domain's rules say about the other fields (a wrong check
 * digit…), so one round shows everything. The rules need a kind and a prefecture: absent ones are
 * stood in for by what the identifiers imply, which cannot add a problem of their own.
 */
function withIdentifierProblems(schemaProblems: FieldProblem[], body: Record<string, unknown>, v: FormValues): FieldProblem[] {
  const named = new Set(schemaProblems.map((p) => p.field));
  const kind = v.kind && KINDS.includes(v.kind as OrganizationKind) ? v.kind : v.localGovernmentCode ? 'municipality' : v.corporateNumber ? 'company' : 'other';
  const prefectureCode = v.prefectureCode || v.localGovernmentCode.slice(0, 2) || '13';
  try {
    normalizeOrganization({ ...body, kind, prefectureCode, name: v.name } as OrganizationInput);
    return schemaProblems;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return [...schemaProblems, ...error.fields.filter((p) => !named.has(p.field))];
  }
}

/**
 * What is wrong with the values, by field (the schema's and the domain's rules, as saving would
 * find it), or null when they would be saved: said with a refusal for the form's version, which
 * comes before any of those checks.
 */
export function organizationProblems(values: FormValues): FormErrors | null {
  try {
    normalizeOrganization(organizationInput(values));
    return null;
  } catch (error) {
    return organizationFormErrors(error, values);
  }
}

/** Someone saved the organization after this form was opened (the use case's 409, or the form's version older than the row). */
export const ORGANIZATION_CHANGED: Bilingual = {
  ja: 'この団体は、あなたが編集を始めた後に別の人が変更しました。あなたの入力はまだ保存されていません。下に示す先に保存された内容を確認し、この入力で置き換えてよければ、もう一度保存してください。',
  en: 'Someone else changed this organization after you opened the form. What you typed is not saved yet. Check the details saved first, shown below, and save again to replace them with yours.',
};

/** A field's value as the form's reader knows it (a prefecture's name, not its code); a blank one said so. */
function shownValue(field: FormField, value: string, lang: Lang): string {
  if (!value) return lang === 'ja' ? '（空欄）' : '(blank)';
  if (field === 'kind') return KIND_LABELS[value as OrganizationKind]?.[lang] ?? value;
  if (field === 'prefectureCode') return PREFECTURES[value]?.[lang] ?? value;
  if (field === 'industryCode') return industryLabel(value, lang);
  if (field === 'sizeBand') return sizeBandLabel(value, lang);
  return value;
}

/** After someone else saved first: each field where the stored organization differs from what was typed, with its stored value. */
export function staleChangesOf(stored: Organization, typed: FormValues, lang: Lang): { field: string; saved: string }[] {
  const saved = valuesOfOrganization(stored);
  return FORM_FIELDS.filter((f) => saved[f] !== typed[f]).map((f) => ({ field: LABELS[f][lang], saved: shownValue(f, saved[f], lang) }));
}

/**
 * A refusal's messages by form field (the API's pointers mapped to the form's names, in words a
 * person reads); anything that is not a refusal of the form is rethrown.
 */
export function organizationFormErrors(error: unknown, values?: FormValues): FormErrors {
  if (!(error instanceof DomainError)) throw error;
  if (error.kind === 'precondition-failed') {
    return { byField: {}, general: [ORGANIZATION_CHANGED] };
  }
  const fields: FieldProblem[] = error.fields.map((p) => {
    const name = FIELD_OF_POINTER[p.field] ?? (p.field.replace(/^\//, '') as FormField);
    // The readable-text rule words its messages like the schema's ("/name: …"); a control
    // character or a tab must be named as such, not as the field's length or format.
    const fromSchema = p.ja.startsWith(`${p.field}: `) && !unreadableMessage(values?.[name], p.field);
    const friendly = fromSchema && values ? SCHEMA_MESSAGES[name]?.(values[name]) : undefined;
    return {
      field: `/${name}`,
      ja: friendly?.ja ?? p.ja.replace(`${p.field}: `, ''),
      en: friendly?.en ?? p.en.replace(`${p.field}: `, ''),
    };
  });
  const renamed = new DomainError(error.kind, error.ja, error.en, dedupe(fields), error.extra);
  return formErrorsOf(renamed, FORM_FIELDS);
}

const dedupe = (problems: FieldProblem[]) => problems.filter((p, i) => problems.findIndex((q) => q.field === p.field && q.ja === p.ja) === i);

/** 400 for a refused form; 409 when the refusal is a state conflict (the identifier is taken, someone else saved first). */
export const refusalStatus = (error: unknown): 400 | 409 =>
  error instanceof DomainError && (error.kind === 'conflict' || error.kind === 'precondition-failed') ? 409 : 400;

/** What a 法人番号 lookup says above the form. */
export interface LookupOutcome {
  kind: 'success' | 'info' | 'error';
  lines: string[];
}

const SOURCE_NAMES: Record<string, Bilingual> = {
  nta: { ja: '国税庁 法人番号公表サイト（法人番号システム Web-API）', en: "the National Tax Agency's Corporate Number Publication Site (Web-API)" },
};

/** The form with the official record's name, katakana, English name and address filled in. */
export function prefill(values: FormValues, record: CorporateRecord): FormValues {
  return {
    ...values,
    kind: values.kind || 'company',
    corporateNumber: record.corporateNumber,
    name: record.name,
    nameKana: record.furigana ?? values.nameKana,
    nameEn: record.enName ?? values.nameEn,
    prefectureCode: record.prefectureCode ?? values.prefectureCode,
    city: record.cityName || values.city,
  };
}

export function lookupFound(record: CorporateRecord, source: string, lang: Lang): LookupOutcome {
  const ja = lang === 'ja';
  const from = (SOURCE_NAMES[source] ?? { ja: source, en: source })[lang];
  const address = `${record.prefectureName}${record.cityName}${record.streetNumber}` || record.addressOutside || '';
  const lines = [
    ja
      ? `${from}の情報で、名称・フリガナ・都道府県・市区町村を入力しました（所在地: ${address}${record.updateDate ? `、${formatDate(record.updateDate, lang)}更新` : ''}）。内容を確かめてから保存してください（まだ保存していません）。`
      : `The name, katakana, prefecture and city were filled in from ${from} (address: ${address}${record.updateDate ? `; updated ${formatDate(record.updateDate, lang)}` : ''}). Check them, then save: nothing has been saved yet.`,
  ];
  if (record.closed) {
    lines.push(ja
      ? `この法人は登記記録が閉鎖されています（${formatDate(record.closeDate, lang)}）。登録してよいか確かめてください。`
      : `This corporation's registration was closed (${formatDate(record.closeDate, lang)}). Check that it should be registered.`);
  }
  if (source === 'nta') {
    // The National Tax Agency's terms of use ask every service that shows its data to say this.
    lines.push(ja
      ? 'このサービスは、国税庁法人番号システムのWeb-API機能を利用して取得した情報をもとに作成しているが、サービスの内容は国税庁によって保証されたものではない。'
      : 'This service uses information obtained through the Web-API of the National Tax Agency Corporate Number System; its content is not guaranteed by the National Tax Agency.');
  }
  return { kind: 'success', lines };
}

export function lookupNotFound(corporateNumber: string, lang: Lang): LookupOutcome {
  return {
    kind: 'info',
    lines: [lang === 'ja'
      ? `法人番号 ${corporateNumber} の法人は見つかりませんでした。番号を確かめるか、名称と所在地を直接入力してください。`
      : `No corporation has the corporate number ${corporateNumber}. Check the number, or enter the name and address yourself.`],
  };
}

export const lookupFailed = (error: DomainError, lang: Lang): LookupOutcome => ({ kind: 'error', lines: [error[lang]] });

export interface OrganizationFormState {
  values: FormValues;
  errors?: FormErrors | undefined;
  lookup?: LookupOutcome | undefined;
  /** After someone else saved first (staleChangesOf): shown below the error summary that says so. */
  staleChanges?: { field: string; saved: string }[] | undefined;
}

export const SelectField: FC<{ lang: Lang; name: FormField; options: { value: string; label: string }[]; value: string; errors?: Bilingual[] | undefined; required?: boolean; hint?: string }> = ({
  lang, name, options, value, errors, required, hint,
}) => {
  const id = fieldId(name);
  const invalid = Boolean(errors?.length);
  const describedBy = [hint && `${id}-hint`, invalid && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${invalid ? ' field--error' : ''}`}>
      <label for={id}>
        {LABELS[name][lang]}
        {required ? <span class="required">{lang === 'ja' ? '（必須）' : ' (required)'}</span> : null}
      </label>
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
      <FieldError id={`${id}-error`} lang={lang} errors={errors} />
      <select id={id} name={name} aria-invalid={invalid ? 'true' : undefined} aria-describedby={describedBy}>
        <option value="" selected={value === ''}>{lang === 'ja' ? '（選択してください）' : '(choose)'}</option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
};

const KindField: FC<{ lang: Lang; value: string; errors?: Bilingual[] | undefined }> = ({ lang, value, errors }) => {
  const id = fieldId('kind');
  const invalid = Boolean(errors?.length);
  return (
    <fieldset class={`field${invalid ? ' field--error' : ''}`} aria-describedby={invalid ? `${id}-error` : undefined}>
      <legend>
        {LABELS.kind[lang]}
        <span class="required">{lang === 'ja' ? '（必須）' : ' (required)'}</span>
      </legend>
      <FieldError id={`${id}-error`} lang={lang} errors={errors} />
      <div class="org-kinds">
        {KINDS.map((kind, i) => (
          <div class="checkbox">
            <input type="radio" id={i === 0 ? id : `${id}-${kind}`} name="kind" value={kind} checked={value === kind} aria-invalid={invalid ? 'true' : undefined} />
            <label for={i === 0 ? id : `${id}-${kind}`}>{KIND_LABELS[kind][lang]}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
};

/** GET /admin/organizations/new and /admin/organizations/{id}/edit, and either form refused or prefilled. */
/** What the 法人番号 lookup said (found, nothing, failed), above the form it filled in. */
export const LookupNotice: FC<{ outcome: LookupOutcome }> = ({ outcome }) => (
  <div class={`notice${outcome.kind === 'info' ? '' : ` notice--${outcome.kind}`}`} role={outcome.kind === 'error' ? 'alert' : 'status'} id="lookup-result">
    {outcome.lines.map((line) => <p>{line}</p>)}
  </div>
);

/**
 * The organization's name, location and business, as the back office's form and a company's
 * self-registration ask them: `nameLabel` and `prefectureHint` where a company's own words fit better.
 */
export const NameAndBusinessFields: FC<{ lang: Lang; values: FormValues; errors: FormErrors | undefined; nameLabel?: Bilingual; prefectureHint?: Bilingual }> = ({ lang, values, errors, nameLabel = LABELS.name, prefectureHint }) => {
  const ja = lang === 'ja';
  const e = (name: FormField) => errors?.byField[name];
  const text = (name: FormField, { label = LABELS[name], ...extra }: { hint?: string; required?: boolean; maxLength?: number; autocomplete?: string; label?: Bilingual } = {}) => (
    <TextInput lang={lang} name={name} label={label[lang]} value={values[name]} errors={e(name)} {...extra} />
  );
  return (
    <>
      <fieldset class="form-section">
        <legend>{ja ? '名称と所在地' : 'Name and location'}</legend>
        {text('name', { required: true, maxLength: 200, autocomplete: 'organization', label: nameLabel })}
        {text('nameKana', { maxLength: 200, hint: ja ? '全角カタカナ（例: カブシキガイシャミライワーク）。' : 'In katakana.' })}
        {text('nameEn', { maxLength: 200 })}
        <SelectField lang={lang} name="prefectureCode" required value={values.prefectureCode} errors={e('prefectureCode')} hint={prefectureHint?.[lang]}
          options={PREFECTURE_CODES.map((code) => ({ value: code, label: PREFECTURES[code]![lang] }))} />
        {text('city', { maxLength: 100 })}
      </fieldset>
      <fieldset class="form-section">
        <legend>{ja ? '事業' : 'Business'}</legend>
        <SelectField lang={lang} name="industryCode" value={values.industryCode} errors={e('industryCode')}
          options={Object.keys(INDUSTRIES).map((code) => ({ value: code, label: industryLabel(code, lang) }))} />
        <SelectField lang={lang} name="sizeBand" value={values.sizeBand} errors={e('sizeBand')}
          options={SIZE_BANDS.map((band) => ({ value: band, label: sizeBandLabel(band, lang) }))} />
        {text('website', { maxLength: 500, hint: ja ? 'https:// で始まるアドレス。' : 'An address starting with https://.' })}
      </fieldset>
    </>
  );
};

export const OrganizationFormPage: FC<{
  staff: StaffMember;
  state: OrganizationFormState;
  /** The organization being edited; absent when registering. */
  organization?: Organization | undefined;
  /** null: no 法人番号 lookup configured, so no lookup button. */
  lookupSource: string | null;
}> = ({ staff, state, organization, lookupSource }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const { values, errors } = state;
  const e = (name: FormField) => errors?.byField[name];
  const title = organization ? { ja: `${organization.name} の登録内容を変更`, en: `Edit ${organization.name}` } : { ja: '団体を登録する', en: 'Register an organization' };
  const action = organization ? `/admin/organizations/${organization.id}` : '/admin/organizations';
  const back = organization ? `/admin/organizations/${organization.id}` : '/admin/organizations';
  const saveLabel = organization ? (ja ? '保存する' : 'Save') : ja ? '登録する' : 'Register';
  const summary = summaryItems(errors, lang, LABELS);
  const text = (name: FormField, extra: { hint?: string; required?: boolean; maxLength?: number; type?: 'text' | 'email'; autocomplete?: string } = {}) => (
    <TextInput lang={lang} name={name} label={LABELS[name][lang]} value={values[name]} errors={e(name)} {...extra} />
  );
  return (
    <AdminLayout staff={staff} title={title} section="organizations">
      <p class="breadcrumbs">
        <a href={localHref('/admin/organizations', lang)}>{ja ? '団体' : 'Organizations'}</a>
        {organization ? <> › <a href={localHref(back, lang)}>{organization.name}</a></> : null}
      </p>
      <h1>{title[lang]}</h1>
      <ErrorSummary lang={lang} items={summary} />
      {state.staleChanges && state.staleChanges.length > 0 ? (
        <div class="notice notice--error" id="stale-changes">
          <p>{ja ? '先に保存された内容のうち、あなたの入力と異なる項目:' : 'Fields where the version saved first differs from what you typed:'}</p>
          <ul>
            {state.staleChanges.map((c) => (
              <li>{c.field}: {c.saved}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {state.lookup ? <LookupNotice outcome={state.lookup} /> : null}
      <form method="post" action={localHref(action, lang)} id="org-form" class="org-form" novalidate>
        <Csrf token={staff.csrf} />
        {organization ? <input type="hidden" name="rowVersion" value={String(organization.rowVersion)} /> : null}
        {/* Enter in a text field presses a form's first submit button: let that be saving, not the lookup. */}
        <button type="submit" name="action" value="save" class="visually-hidden" tabindex={-1} aria-hidden="true">{saveLabel}</button>
        <fieldset class="form-section">
          <legend>{ja ? '種別と番号' : 'Kind and numbers'}</legend>
          <KindField lang={lang} value={values.kind} errors={e('kind')} />
          {text('corporateNumber', {
            maxLength: 40,
            autocomplete: 'off',
            hint: ja
              ? '13桁。企業は必須です。地方公共団体は地方公共団体コードから求めるので省略できます。'
              : '13 digits. Required for a company; for a municipality it is derived from the local government code.',
          })}
          {lookupSource !== null ? (
            <div class="lookup-row">
              <button type="submit" name="action" value="lookup" id="lookup-button" class="button button--secondary">
                {ja ? '国税庁の法人番号公表サイトから名称・所在地を取得' : 'Fetch the name and address from the National Tax Agency'}
              </button>
              <p class="hint">{ja ? '名称・フリガナ・都道府県・市区町村を入力します（保存はしません）。' : 'Fills in the name, katakana, prefecture and city (nothing is saved).'}</p>
            </div>
          ) : null}
          {text('localGovernmentCode', { maxLength: 20, autocomplete: 'off', hint: ja ? '6桁（自治体のみ）。' : '6 digits (municipalities only).' })}
        </fieldset>
        <NameAndBusinessFields lang={lang} values={values} errors={errors} />
        <fieldset class="form-section">
          <legend>{ja ? '連絡先（公開しません）' : 'Contact (never public)'}</legend>
          {text('contactName', { maxLength: 100, autocomplete: 'off' })}
          {text('contactDepartment', { maxLength: 100, autocomplete: 'off' })}
          {text('contactEmail', { type: 'email', maxLength: 254, autocomplete: 'off' })}
          {text('contactPhone', { maxLength: 30, autocomplete: 'off' })}
        </fieldset>
        <p class="actions form-actions">
          <button type="submit" name="action" value="save" id="save-button" class="button">{saveLabel}</button>
          <a href={localHref(back, lang)}>{ja ? 'キャンセル' : 'Cancel'}</a>
        </p>
      </form>
    </AdminLayout>
  );
};

