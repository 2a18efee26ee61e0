import type { FC } from 'hono/jsx';
import { localHref, pick, type Lang } from './i18n.js';
import { FILE_PICKER_JS_PATH } from '../assets/routes.js';
import { ClaimsVsRecord } from './claims-vs-record.js';
import { bidiShown } from './bidi-shown.js';
import { Layout } from './layout.js';
import type { VerificationAnswer } from './verification-answer.js';
import { IndependentVerification, VerdictBanner, VerdictDetails } from './verdict-view.js';

/**
 * What the person submitted: the uploaded file's name, or the start of the pasted text;
 * `inPresentation` when the paste was a presentation and the one credential inside it was checked.
 */
export type CheckedInput = { file: string } | { text: string; inPresentation?: true };

/** Why the form was refused, and which of its two fields that is about (none: a fault of the post itself). */
export interface VerifyError {
  text: string;
  field: 'file' | 'credential' | null;
}

const FIELD_IDS = { file: 'badge-file', credential: 'credential-text' } as const;

/**
 * GET and POST /verify: paste a credential or upload a baked badge image. A plain form post
 * (multipart), so it works without JavaScript; /assets/file-picker.js only shows the chosen
 * file's name and accepts a dropped file. After a result the form folds away under a <details>,
 * and the credential's claims are shown beside the registry's record (claims-vs-record.tsx).
 */
export const VerifyPage: FC<{ lang: Lang; pasted?: string; error?: VerifyError; answer?: VerificationAnswer; checked?: CheckedInput }> = ({ lang, pasted, error, answer, checked }) => {
  const ja = lang === 'ja';
  const form = <VerifyForm lang={lang} pasted={pasted} error={error} />;
  return (
    // After a post the verdict is in the title (as on /v/{id}), and the banner takes focus: a screen
    // reader says the result first, before the form folded away and the details.
    <Layout lang={lang} title={`${ja ? 'バッジを確認する' : 'Verify a badge'}${answer ? ` — ${pick(lang, answer.verdictLabel)}` : ''}`} section="verify" otherLangHref={localHref('/verify', ja ? 'en' : 'ja')}>
      <h1>{ja ? 'バッジを確認する' : 'Verify a badge'}</h1>
      {answer ? (
        <>
          {checked ? <CheckedSummary lang={lang} checked={checked} /> : null}
          <VerdictBanner answer={answer} lang={lang} focused />
          {/* Right under the verdict: a difference is what a person needs to see next. */}
          <ClaimsVsRecord comparison={answer.comparison} verdict={answer.verdict} lang={lang} />
          <VerdictDetails answer={answer} lang={lang} />
          <details class="verify-again">
            <summary>{ja ? '別のバッジを確認する' : 'Verify another badge'}</summary>
            {form}
          </details>
        </>
      ) : (
        <>
          <p class="lead">
            {ja
              ? 'バッジ画像（PNG・SVG）をアップロードするか、クレデンシャル（JSON または JWT）を貼り付けると、登録簿が発行した本物か、現在も有効かを確認できます。'
              : 'Upload a badge image (PNG or SVG) or paste a credential (JSON or JWT) to check whether the registry issued it and whether it is still valid.'}
          </p>
          {error ? (
            // Focused as the page opens (as a refused form's error summary), so it is read first;
            // its link takes the keyboard to the field it is about.
            <div class="notice notice--error" role="alert" id="verify-error" tabindex={-1} autofocus>
              {error.field ? <a href={`#${FIELD_IDS[error.field]}`}>{error.text}</a> : error.text}
            </div>
          ) : null}
          {form}
        </>
      )}
      {answer ? <IndependentVerification answer={answer} lang={lang} /> : null}
      <script src={FILE_PICKER_JS_PATH} defer></script>
    </Layout>
  );
};

/** Which file or text this result is about, so the person knows what was checked. */
const CheckedSummary: FC<{ lang: Lang; checked: CheckedInput }> = ({ lang, checked }) => {
  const ja = lang === 'ja';
  if ('file' in checked) {
    return (
      <p class="verify-checked">
        {ja ? '確認したファイル: ' : 'File checked: '}
        <strong class="verify-checked__name">{bidiShown(checked.file)}</strong>
      </p>
    );
  }
  const text = checked.text.trim();
  const excerpt = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return (
    <>
      <p class="verify-checked">
        {ja ? '確認した貼り付け内容: ' : 'Pasted text checked: '}
        <code class="verify-checked__name">{bidiShown(excerpt)}</code>
      </p>
      {/* The holder's signature needs the verifier's own challenge, which a paste has none of: said, so a valid badge inside does not read as a checked presentation. */}
      {checked.inPresentation ? (
        <p class="verify-checked verify-checked__presentation">
          {ja
            ? '貼り付けた内容はプレゼンテーション（提示）でした。中のクレデンシャルを確認しました。提示した人（保有者）の署名は、このページでは確認していません。'
            : 'The pasted text was a presentation: the credential inside it was checked. The signature of the person presenting it (the holder) is not checked on this page.'}
        </p>
      ) : null}
    </>
  );
};

const VerifyForm: FC<{ lang: Lang; pasted?: string | undefined; error?: VerifyError | undefined }> = ({ lang, pasted, error }) => {
  const ja = lang === 'ja';
  const invalid = (field: VerifyError['field']) => (error && error.field === field ? 'true' : undefined);
  return (
    <form class="verify-form" method="post" action={localHref('/verify', lang)} enctype="multipart/form-data">
      <div class="field file-picker" data-file-picker="">
        <span class="field__label" id="badge-file-label">
          {ja ? 'バッジ画像ファイル（PNG・SVG、1 MB まで）' : 'Badge image file (PNG or SVG, up to 1 MB)'}
        </span>
        <div class="file-picker__row">
          {/* Visually hidden but focusable: the label below is its visible, Japanese button. */}
          <input
            class="visually-hidden file-picker__input"
            id="badge-file"
            name="file"
            type="file"
            accept="image/png,image/svg+xml,.png,.svg"
            aria-labelledby="badge-file-label"
            aria-describedby={`badge-file-name badge-file-hint${invalid('file') ? ' verify-error' : ''}`}
            aria-invalid={invalid('file')}
          />
          <label class="button button--secondary file-picker__button" for="badge-file">
            {ja ? 'ファイルを選択' : 'Choose a file'}
          </label>
          <span class="file-picker__name" id="badge-file-name" data-file-name="" aria-live="polite">
            {ja ? '選択されていません' : 'No file chosen'}
          </span>
        </div>
        <span class="hint" id="badge-file-hint">
          {ja
            ? 'ダウンロードしたバッジ画像には署名付きのクレデンシャルが埋め込まれています。ここにドラッグ＆ドロップすることもできます。'
            : 'A downloaded badge image carries the signed credential inside it. You can also drag and drop it here.'}
        </span>
      </div>
      <div class="field">
        <label for="credential-text">{ja ? 'またはクレデンシャルを貼り付け（JSON または JWT）' : 'Or paste a credential (JSON or JWT)'}</label>
        <textarea id="credential-text" name="credential" rows={8} spellcheck={false} autocomplete="off" aria-describedby={error ? 'verify-error' : undefined} aria-invalid={invalid('credential')}>
          {pasted ?? ''}
        </textarea>
      </div>
      <div class="actions">
        <button class="button" type="submit">
          {ja ? '確認する' : 'Verify'}
        </button>
      </div>
    </form>
  );
};
