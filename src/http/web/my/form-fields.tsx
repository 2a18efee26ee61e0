// Form controls with their label, hint and error message wired together: the message sits next to
// its field, is announced with it (aria-describedby) and marks it invalid (aria-invalid).
import type { Child, FC } from 'hono/jsx';
import type { Bilingual, Lang } from '../../pages/i18n.js';

export const fieldId = (name: string) => `f-${name}`;

/**
 * The maxlength attribute for a field the registry limits to `limit` characters. The registry
 * counts as a person does (𠮷 or an emoji is one character); a browser's maxlength counts UTF-16
 * units (they are two) and cuts a paste at its limit without a word, so a limit of its own would
 * lose the end of a text the registry takes. Twice the limit never does, and still stops a runaway
 * paste; the registry's count refuses the rest, saying the length, with the text kept.
 */
export const browserMaxLength = (limit: number | undefined): number | undefined => (limit === undefined ? undefined : limit * 2);

const describedBy = (...ids: (string | false | null | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

/**
 * A message standing alone beside its field. The API's English is worded to follow a field's
 * name ("/signerName: required; please fill it in."), as the error summary uses it; beside the
 * field it is a sentence of its own, so it begins with a capital letter.
 */
const standAlone = (message: string, lang: Lang) => (lang === 'en' ? message.charAt(0).toUpperCase() + message.slice(1) : message);

/** The messages of one field, or nothing. */
export const FieldError: FC<{ id: string; lang: Lang; errors?: Bilingual[] | undefined }> = ({ id, lang, errors }) =>
  errors && errors.length > 0 ? (
    <p class="field-error" id={id}>
      <span class="visually-hidden">{lang === 'ja' ? 'エラー: ' : 'Error: '}</span>
      {errors.map((e) => standAlone(e[lang], lang)).join(' ')}
    </p>
  ) : null;

interface InputProps {
  lang: Lang;
  name: string;
  label: string;
  value: string;
  type?: 'text' | 'date' | 'email';
  hint?: string | undefined;
  errors?: Bilingual[] | undefined;
  required?: boolean;
  autocomplete?: string;
  maxLength?: number;
}

const RequiredMark: FC<{ lang: Lang; required?: boolean | undefined }> = ({ lang, required }) =>
  required ? <span class="required">{lang === 'ja' ? '（必須）' : ' (required)'}</span> : null;

const Hint: FC<{ id: string; hint?: string | undefined }> = ({ id, hint }) =>
  hint ? (
    <p class="hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;

/** What ties a control to its hint and messages: its id, and the ARIA attributes it carries. */
function wiring(name: string, hint: string | undefined, errors: Bilingual[] | undefined) {
  const id = fieldId(name);
  const invalid = Boolean(errors?.length);
  return { id, invalid, aria: { 'aria-invalid': invalid ? 'true' : undefined, 'aria-describedby': describedBy(hint && `${id}-hint`, invalid && `${id}-error`) } };
}

/** One text control's frame: label (with the required mark), hint and messages above the control. */
const TextFieldFrame: FC<{ lang: Lang; id: string; invalid: boolean; label: string; hint?: string | undefined; errors?: Bilingual[] | undefined; required?: boolean | undefined; children?: Child }> = ({
  lang, id, invalid, label, hint, errors, required, children,
}) => (
  <div class={`field${invalid ? ' field--error' : ''}`}>
    <label for={id}>
      {label}
      <RequiredMark lang={lang} required={required} />
    </label>
    <Hint id={id} hint={hint} />
    <FieldError id={`${id}-error`} lang={lang} errors={errors} />
    {children}
  </div>
);

export const TextInput: FC<InputProps> = ({ lang, name, label, value, type = 'text', hint, errors, required, autocomplete, maxLength }) => {
  const { id, invalid, aria } = wiring(name, hint, errors);
  return (
    <TextFieldFrame lang={lang} id={id} invalid={invalid} label={label} hint={hint} errors={errors} required={required}>
      <input type={type} id={id} name={name} value={value} required={required} autocomplete={autocomplete} maxlength={browserMaxLength(maxLength)} {...aria} />
    </TextFieldFrame>
  );
};

export const TextArea: FC<Omit<InputProps, 'type' | 'autocomplete'> & { rows?: number }> = ({ lang, name, label, value, hint, errors, required, maxLength, rows = 6 }) => {
  const { id, invalid, aria } = wiring(name, hint, errors);
  return (
    <TextFieldFrame lang={lang} id={id} invalid={invalid} label={label} hint={hint} errors={errors} required={required}>
      <textarea class="textarea--prose" id={id} name={name} rows={rows} maxlength={browserMaxLength(maxLength)} {...aria}>
        {/* The parser drops a newline right after <textarea>: this one, not the text's own. */}
        {`\n${value}`}
      </textarea>
    </TextFieldFrame>
  );
};

/** Checkboxes under one legend; each option may carry an explanation of its own. */
export const CheckboxGroup: FC<{
  lang: Lang;
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string; explanation?: string | undefined }[];
  checked: string[];
  errors?: Bilingual[] | undefined;
  required?: boolean;
}> = ({ lang, name, legend, hint, options, checked, errors, required }) => {
  const { id, invalid, aria } = wiring(name, hint, errors);
  return (
    <fieldset class={`field checkboxes${invalid ? ' field--error' : ''}`} aria-describedby={aria['aria-describedby']}>
      <legend>
        {legend}
        <RequiredMark lang={lang} required={required} />
      </legend>
      <Hint id={id} hint={hint} />
      <FieldError id={`${id}-error`} lang={lang} errors={errors} />
      {options.map((option, i) => {
        const optionId = i === 0 ? id : `${id}-${option.value}`;
        return (
          <div class="checkbox">
            <input
              type="checkbox"
              id={optionId}
              name={name}
              value={option.value}
              checked={checked.includes(option.value)}
              aria-invalid={invalid ? 'true' : undefined}
              aria-describedby={option.explanation ? `${optionId}-explanation` : undefined}
            />
            <label for={optionId}>{option.label}</label>
            {option.explanation ? (
              <p class="hint" id={`${optionId}-explanation`}>
                {option.explanation}
              </p>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
};

/**
 * The error summary at the top of a refused form: every problem, each a link to its field. When no
 * problem is a field's (a stale page, a record another person changed meanwhile), nothing typed was
 * wrong: the title says the action could not be done instead of asking to check the input.
 * It takes focus as the page opens (autofocus, no script needed): a screen reader reads it first
 * (role=alert alone is not announced reliably on a new page) and Tab continues from its links.
 */
export const ErrorSummary: FC<{ lang: Lang; items: { href: string | null; text: string }[] }> = ({ lang, items }) =>
  items.length > 0 ? (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} id="error-summary" autofocus>
      <h2 id="error-summary-title">
        {items.some((item) => item.href)
          ? lang === 'ja' ? '入力内容を確認してください' : 'Check what you entered'
          : lang === 'ja' ? 'この操作はできませんでした' : 'This could not be done'}
      </h2>
      <ul>
        {items.map((item) => (
          <li>{item.href ? <a href={item.href}>{item.text}</a> : item.text}</li>
        ))}
      </ul>
    </div>
  ) : null;
