// The pages of a company registering itself after GビズID vouched for the person (self-registration,
// OIDC_SELF_REGISTRATION): the form, and the pages that say why it cannot go on. The form's fields
// are the secretariat's organization form's (same names, labels and checks), less the kind and the
// identifiers: the 法人番号 is GビズID's, shown, never an input.
import type { FC } from 'hono/jsx';
import { LABELS, LookupNotice, NameAndBusinessFields, type FormField, type FormValues, type LookupOutcome } from '../admin/organizations-form.js';
import { summaryItems, type FormErrors } from '../admin/form-errors.js';
import { localHref, type Bilingual, type Lang } from '../pages/i18n.js';
import { Layout } from '../pages/layout.js';
import { PrivacyNote } from '../pages/privacy-page.js';
import { ErrorSummary, TextInput } from './my/form-fields.js';

export const SELF_REGISTRATION_PATH = '/auth/oidc/register';

/** The button's words, on the "not registered yet" page and the form. */
export const SELF_REGISTER_LABEL: Bilingual = { ja: 'この法人を登録して自己宣言を始める', en: 'Register this company and start its declaration' };

const NAME_LABEL: Bilingual = { ja: '名称（商号）', en: 'Name (trade name)' };

/** GET and POST /auth/oidc/register: the company's details, its 法人番号 fixed, the person's contact filled in from GビズID. */
export const SelfRegistrationPage: FC<{
  lang: Lang;
  corporateNumber: string;
  csrf: string;
  values: FormValues;
  errors?: FormErrors | undefined;
  lookup?: LookupOutcome | undefined;
}> = ({ lang, corporateNumber, csrf, values, errors, lookup }) => {
  const ja = lang === 'ja';
  const e = (name: FormField) => errors?.byField[name];
  const text = (name: FormField, { label = LABELS[name], ...extra }: { hint?: string; required?: boolean; maxLength?: number; type?: 'text' | 'email'; autocomplete?: string; label?: Bilingual } = {}) => (
    <TextInput lang={lang} name={name} label={label[lang]} value={values[name]} errors={e(name)} {...extra} />
  );
  const title = ja ? '団体を登録して自己宣言を始める' : 'Register your company and start its declaration';
  return (
    <Layout lang={lang} title={title} section={null} otherLangHref={localHref(SELF_REGISTRATION_PATH, ja ? 'en' : 'ja')}>
      <h1>{title}</h1>
      <p class="lead">
        {ja
          ? 'GビズIDで確認された法人番号の会社を登録簿に登録します。登録すると、あなたがこの団体の管理者になり、そのままマイページで自己宣言を作成できます。宣言は事務局が内容を確認してから公表されます。'
          : 'This registers the company of the corporate number gBizID confirmed. You become its administrator and can write its declaration in your member area straight away. The secretariat checks the declaration before it is published.'}
      </p>
      <ErrorSummary lang={lang} items={summaryItems(errors, lang, { ...LABELS, name: NAME_LABEL })} />
      {lookup ? <LookupNotice outcome={lookup} /> : null}
      <form method="post" action={localHref(SELF_REGISTRATION_PATH, lang)} id="self-registration-form" class="org-form" novalidate>
        <input type="hidden" name="csrf" value={csrf} />
        <dl class="facts">
          <div>
            <dt>{LABELS.corporateNumber[lang]}</dt>
            <dd id="corporate-number">{corporateNumber}</dd>
          </div>
        </dl>
        <p class="hint">{ja ? 'GビズIDのアカウントに登録された法人番号です（ここでは変更できません）。' : 'The corporate number on your gBizID account (it cannot be changed here).'}</p>
        <NameAndBusinessFields lang={lang} values={values} errors={errors} nameLabel={NAME_LABEL} prefectureHint={{ ja: '本店（主たる事務所）の所在地。', en: 'Where the head office is.' }} />
        <fieldset class="form-section">
          <legend>{ja ? '連絡先（公開しません）' : 'Contact (never public)'}</legend>
          <p class="hint">{ja ? '事務局からの連絡先です。GビズIDのお名前とメールアドレスを入れてあります。' : 'Where the secretariat reaches you; filled in with your name and e-mail address from gBizID.'}</p>
          {text('contactName', { maxLength: 100, autocomplete: 'name' })}
          {text('contactDepartment', { maxLength: 100, autocomplete: 'organization-title' })}
          {text('contactEmail', { type: 'email', maxLength: 254, autocomplete: 'email' })}
          {text('contactPhone', { maxLength: 30, autocomplete: 'tel' })}
        </fieldset>
        <p class="actions form-actions">
          <button type="submit" id="self-register-button" class="button">{SELF_REGISTER_LABEL[lang]}</button>
        </p>
      </form>
      <PrivacyNote lang={lang} />
    </Layout>
  );
};

/** Why the form cannot go on (expired, used, registered meanwhile, closed), and the way on: GビズID's sign-in, or back to sign-in. */
export const SelfRegistrationStopPage: FC<{ lang: Lang; title: Bilingual; message: Bilingual; signInAgain: boolean }> = ({ lang, title, message, signInAgain }) => (
  <Layout lang={lang} title={title[lang]} section={null} otherLangHref={localHref('/login', lang === 'ja' ? 'en' : 'ja')}>
    <h1>{title[lang]}</h1>
    <div class="notice notice--error" role="alert">
      {message[lang]}
    </div>
    <p class="actions">
      {signInAgain ? (
        <a class="button" href={localHref('/auth/oidc/login', lang)} id="sign-in-again">
          {lang === 'ja' ? 'GビズIDでもう一度ログイン' : 'Sign in with gBizID again'}
        </a>
      ) : (
        <a href={localHref('/login', lang)}>{lang === 'ja' ? 'ログインページに戻る' : 'Back to sign-in'}</a>
      )}
    </p>
  </Layout>
);
