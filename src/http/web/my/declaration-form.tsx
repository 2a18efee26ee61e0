// GET/POST /my/declaration: the declaration form (new, or the live declaration to edit).
import type { FC } from 'hono/jsx';
import { GUIDELINE_AREAS, PURPOSES, purposeLabel } from '../../../domain/codes.js';
import { STATUS_LABELS } from '../../../domain/declaration-lifecycle.js';
import { DECLARATION_FORM_TEXTS, GUIDELINE_TEXTS } from '../../../domain/guideline-texts.js';
import type { Declaration, DeclarationContent, PublishableField } from '../../../domain/model.js';
import { localHref, type Bilingual, type Lang } from '../../pages/i18n.js';
import type { DeclarationFormValues, FormField, FormProblems } from './declaration-input.js';
import { PublicPreview } from './declaration-view.js';
import { CheckboxGroup, ErrorSummary, fieldId, TextArea, TextInput } from './form-fields.js';
import { fieldLabelsFor, reasonLabel } from './labels.js';
import type { Member } from './member.js';
import { Csrf, MyLayout, Notice } from './my-layout.js';

export interface DeclarationFormProps {
  member: Member;
  /** The live declaration being edited (draft, published or suspended); null for a new one. */
  declaration: Declaration | null;
  values: DeclarationFormValues;
  /** The row version the form was read at: an amendment saved by someone else meanwhile is noticed. */
  rowVersion: number | null;
  problems?: FormProblems;
  /** A page-level message: saved, already declared (a refusal for the form's version is the first of `problems`). */
  message?: { text: string; kind: 'info' | 'success' | 'error' } | undefined;
  /** After someone else saved first: the fields where the saved version differs from what was typed (shown below the error summary that says so). */
  staleChanges?: { field: string; saved: string }[] | undefined;
  preview?: DeclarationContent | null;
}

/** Where the error summary links for each field: the control itself, or a group's first box. */
const summaryHref = (field: FormField) => `#${fieldId(field)}`;

export const DeclarationFormPage: FC<DeclarationFormProps> = ({ member, declaration, values, rowVersion, problems, message, staleChanges, preview }) => {
  const { lang } = member;
  const ja = lang === 'ja';
  const municipality = member.organization.kind === 'municipality';
  const labels = fieldLabelsFor(member.organization.kind);
  const errors = problems?.byField ?? {};
  // What stops the whole post (a missing or stale version) first, then each field's problem, as the back office's summaries.
  const summary = [
    ...(problems?.general ?? []).map((e) => ({ href: null, text: e[lang] })),
    ...(Object.entries(errors) as [FormField, { ja: string; en: string }[]][]).flatMap(([field, list]) =>
      list.map((e) => ({ href: summaryHref(field), text: `${labels[field][lang]}: ${e[lang]}` })),
    ),
  ];
  const editingPublished = declaration !== null && (declaration.status === 'published' || declaration.status === 'suspended');
  const title = declaration === null ? { ja: '自己宣言の作成', en: 'Write your self-declaration' } : editingPublished ? { ja: '自己宣言の改訂', en: 'Amend your self-declaration' } : { ja: '自己宣言の編集', en: 'Edit your self-declaration' };
  const returned = declaration?.status === 'draft' && declaration.statusReason;
  const consent = (field: PublishableField) => <ConsentBox lang={lang} label={labels[field]} field={field} checked={values.publicFields.includes(field)} />;

  return (
    <MyLayout member={member} title={title} section="declaration">
      <h1>{title[lang]}</h1>
      {declaration ? (
        <p>
          {ja ? '状態: ' : 'Status: '}
          <span class={`status status--${declaration.status}`}>{STATUS_LABELS[declaration.status][lang]}</span>
          {ja ? ` 第${declaration.currentVersion}版` : ` version ${declaration.currentVersion}`}
        </p>
      ) : null}
      {returned ? (
        <div class="notice notice--error">
          <p>
            <strong>{ja ? '事務局から差し戻されました。理由: ' : 'Returned by the secretariat. Reason: '}</strong>
            <span class="prose">{reasonLabel('draft', declaration.statusReason, lang)}</span>
          </p>
          {declaration.statusNote ? <p class="prose">{declaration.statusNote}</p> : null}
          <p>{ja ? '内容を修正して「保存して提出」を押してください。' : 'Correct it and choose "Save and submit".'}</p>
        </div>
      ) : null}
      {editingPublished ? (
        <p class="notice">
          {ja
            ? '公表中の宣言を改訂すると新しい版になり、バッジは新しい内容で発行し直されます。以前の版は履歴に残ります。'
            : 'Amending a published declaration makes a new version; its badge is reissued with the new content. Earlier versions stay in the history.'}
        </p>
      ) : null}
      <Notice text={message?.text} kind={message?.kind} />
      <ErrorSummary lang={lang} items={summary} />
      {staleChanges && staleChanges.length > 0 ? (
        <div class="notice notice--error">
          <p>{ja ? '先に保存された内容のうち、あなたの入力と異なる項目:' : 'Fields where the version saved first differs from what you typed:'}</p>
          <ul>
            {staleChanges.map((c) => (
              <li>
                {c.field}: {c.saved}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {preview ? <PublicPreview lang={lang} organization={member.organization} content={preview} saveButton={editingPublished ? AMEND_BUTTON : SUBMIT_BUTTON} /> : null}

      <form method="post" action={localHref('/my/declaration', lang)} novalidate class="declaration-form">
        <Csrf token={member.csrf} />
        {declaration ? <input type="hidden" name="declarationId" value={declaration.id} /> : null}
        {rowVersion !== null ? <input type="hidden" name="rowVersion" value={String(rowVersion)} /> : null}
        <p class="notice">{DECLARATION_FORM_TEXTS.consent[lang]}</p>

        <section class="form-section" aria-labelledby="s-commitment">
          <h2 id="s-commitment">{ja ? 'トップのコミットメント' : "The top's commitment"}</h2>
          <p>{DECLARATION_FORM_TEXTS[municipality ? 'commitmentMunicipality' : 'commitment'][lang]}</p>
          <TextInput lang={lang} name="signerName" label={labels.signerName[lang]} value={values.signerName} errors={errors.signerName} required autocomplete="name" maxLength={100} />
          {consent('signerName')}
          <TextInput lang={lang} name="signerTitle" label={labels.signerTitle[lang]} value={values.signerTitle} errors={errors.signerTitle} required autocomplete="organization-title" maxLength={100} hint={municipality ? (ja ? '例: 市長、町長、村長、区長、知事' : 'e.g. Mayor, Governor') : ja ? '例: 代表取締役社長、市長' : 'e.g. President and CEO, Mayor'} />
          {consent('signerTitle')}
          <TextInput lang={lang} type="date" name="committedOn" label={labels.committedOn[lang]} value={values.committedOn} errors={errors.committedOn} required />
          {consent('committedOn')}
          <TextInput lang={lang} type="date" name="sharedOn" label={labels.sharedOn[lang]} value={values.sharedOn} errors={errors.sharedOn} hint={DECLARATION_FORM_TEXTS[municipality ? 'sharedOnMunicipality' : 'sharedOn'][lang]} />
          {consent('sharedOn')}
        </section>

        <section class="form-section" aria-labelledby="s-guidelines">
          <h2 id="s-guidelines">{ja ? '社内制度整備ガイドライン' : 'Guidelines for internal rules'}</h2>
          <CheckboxGroup
            lang={lang}
            name="guidelineAreas"
            legend={labels.guidelineAreas[lang]}
            hint={DECLARATION_FORM_TEXTS.guidelines[lang]}
            required
            checked={values.guidelineAreas}
            errors={errors.guidelineAreas}
            options={Object.entries(GUIDELINE_AREAS).map(([code, label]) => ({ value: code, label: label[lang], explanation: GUIDELINE_TEXTS[code]?.[lang] }))}
          />
          {consent('guidelineAreas')}
        </section>

        <section class="form-section" aria-labelledby="s-purposes">
          <h2 id="s-purposes">{ja ? '取組の目的' : 'Purposes'}</h2>
          <CheckboxGroup
            lang={lang}
            name="purposes"
            legend={labels.purposes[lang]}
            hint={DECLARATION_FORM_TEXTS.purposes[lang]}
            checked={values.purposes}
            errors={errors.purposes}
            options={Object.keys(PURPOSES).map((code) => ({ value: code, label: purposeLabel(code, lang) }))}
          />
          {consent('purposes')}
        </section>

        <section class="form-section" aria-labelledby="s-policy">
          <h2 id="s-policy">{ja ? '取組方針と取組内容' : 'Policy and measures'}</h2>
          <TextArea lang={lang} name="policy" label={labels.policy[lang]} value={values.policy} errors={errors.policy} maxLength={4000} hint={ja ? '地方創生テレワークにどう取り組むか（4,000字まで）。' : 'How you take up regional revitalization telework (up to 4,000 characters).'} />
          {consent('policy')}
          <TextArea lang={lang} name="measures" label={labels.measures[lang]} value={values.measures} errors={errors.measures} maxLength={8000} rows={8} hint={ja ? '具体的な制度や取組（8,000字まで）。' : 'The concrete rules and measures (up to 8,000 characters).'} />
          {consent('measures')}
        </section>
        {errors.publicFields ? (
          <p class="field-error" id={fieldId('publicFields')} tabindex={-1}>
            {errors.publicFields.map((e) => e[lang]).join(' ')}
          </p>
        ) : null}

        <div class="form-actions">
          {editingPublished ? null : (
            <p class="hint" id="submit-next">
              {ja
                ? '提出すると事務局が審査します。審査中は内容を変更できません。公表されると、ダッシュボードからバッジを受け取れます。'
                : 'Once submitted, the secretariat reviews it; it cannot be changed during the review. Once it is published, get its badge from the dashboard.'}
            </p>
          )}
          <div class="actions">
            <button class="button button--secondary" type="submit" name="action" value="preview">
              {ja ? 'プレビュー' : 'Preview'}
            </button>
            {editingPublished ? (
              <button class="button" type="submit" name="action" value="amend">
                {AMEND_BUTTON[lang]}
              </button>
            ) : (
              <>
                <button class="button button--secondary" type="submit" name="action" value="draft">
                  {ja ? '下書きとして保存' : 'Save as draft'}
                </button>
                <button class="button" type="submit" name="action" value="submit" aria-describedby="submit-next">
                  {SUBMIT_BUTTON[lang]}
                </button>
              </>
            )}
          </div>
        </div>
      </form>
      {declaration ? <WithdrawLink lang={lang} /> : null}
    </MyLayout>
  );
};

const SUBMIT_BUTTON = { ja: '保存して提出', en: 'Save and submit' };
const AMEND_BUTTON = { ja: '改訂を保存（新しい版）', en: 'Save the amendment (new version)' };

const ConsentBox: FC<{ lang: Lang; label: Bilingual; field: PublishableField; checked: boolean }> = ({ lang, label, field, checked }) => (
  <div class="checkbox consent">
    <input type="checkbox" id={`p-${field}`} name="publicFields" value={field} checked={checked} />
    <label for={`p-${field}`}>{lang === 'ja' ? `「${label.ja}」を公表する` : `Publish "${label.en}"`}</label>
  </div>
);

export const WithdrawLink: FC<{ lang: Lang }> = ({ lang }) => (
  <p class="withdraw-link">
    <a href={localHref('/my/declaration/withdraw', lang)}>{lang === 'ja' ? 'この宣言を取り下げる' : 'Withdraw this declaration'}</a>
  </p>
);
