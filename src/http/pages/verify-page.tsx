import type { FC } from 'hono/jsx';
import { localHref, type Lang } from './i18n.js';
import { Layout } from './layout.js';
import type { VerificationAnswer } from './verification-answer.js';
import { IndependentVerification, VerdictBanner, VerdictDetails } from './verdict-view.js';

/**
 * GET and POST /verify: paste a credential or upload a baked badge image. A plain form post
 * (multipart), so it works without JavaScript.
 */
export const VerifyPage: FC<{ lang: Lang; pasted?: string; error?: string; answer?: VerificationAnswer }> = ({ lang, pasted, error, answer }) => {
  const ja = lang === 'ja';
  return (
    <Layout lang={lang} title={ja ? 'バッジを確認する' : 'Verify a badge'} section="verify" otherLangHref={localHref('/verify', ja ? 'en' : 'ja')}>
      <h1>{ja ? 'バッジを確認する' : 'Verify a badge'}</h1>
      {answer ? (
        <>
          <VerdictBanner answer={answer} lang={lang} />
          <VerdictDetails answer={answer} lang={lang} />
          <h2>{ja ? '別のバッジを確認する' : 'Verify another badge'}</h2>
        </>
      ) : (
        <p class="lead">
          {ja
            ? 'バッジ画像（PNG・SVG）をアップロードするか、クレデンシャル（JSON または JWT）を貼り付けると、登録簿が発行した本物か、現在も有効かを確認できます。'
            : 'Upload a badge image (PNG or SVG) or paste a credential (JSON or JWT) to check whether the registry issued it and whether it is still valid.'}
        </p>
      )}
      {error ? (
        <div class="notice notice--error" role="alert" id="verify-error">
          {error}
        </div>
      ) : null}
      <form class="verify-form" method="post" action={localHref('/verify', lang)} enctype="multipart/form-data">
        <div class="field">
          <label for="badge-file">{ja ? 'バッジ画像ファイル（PNG・SVG、1 MB まで）' : 'Badge image file (PNG or SVG, up to 1 MB)'}</label>
          <input id="badge-file" name="file" type="file" accept="image/png,image/svg+xml,.png,.svg" aria-describedby="badge-file-hint" />
          <span class="hint" id="badge-file-hint">
            {ja ? 'ダウンロードしたバッジ画像には署名付きのクレデンシャルが埋め込まれています。' : 'A downloaded badge image carries the signed credential inside it.'}
          </span>
        </div>
        <div class="field">
          <label for="credential-text">{ja ? 'またはクレデンシャルを貼り付け（JSON または JWT）' : 'Or paste a credential (JSON or JWT)'}</label>
          <textarea id="credential-text" name="credential" rows={8} spellcheck={false} autocomplete="off" aria-describedby={error ? 'verify-error' : undefined}>
            {pasted ?? ''}
          </textarea>
        </div>
        <div class="actions">
          <button class="button" type="submit">
            {ja ? '確認する' : 'Verify'}
          </button>
        </div>
      </form>
      {answer ? <IndependentVerification answer={answer} lang={lang} /> : null}
    </Layout>
  );
};
