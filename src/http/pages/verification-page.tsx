import type { FC } from 'hono/jsx';
import { formatAsOf } from './format.js';
import { localHref, pick, type Lang } from './i18n.js';
import { Layout } from './layout.js';
import type { VerificationAnswer } from './verification-answer.js';
import { IndependentVerification, VerdictBanner, VerdictDetails, VerdictIcon } from './verdict-view.js';

/** GET /v/{credentialId}: what a person sees after scanning the QR code on a badge. */
export const VerificationPage: FC<{ answer: VerificationAnswer; lang: Lang; path: string }> = ({ answer, lang, path }) => {
  const ja = lang === 'ja';
  const heading = ja ? 'バッジの確認' : 'Badge verification';
  const subject = answer.organization ? `${answer.organization.name} — ${pick(lang, answer.verdictLabel)}` : pick(lang, answer.verdictLabel);
  return (
    <Layout lang={lang} title={`${heading}: ${subject}`} section={null} otherLangHref={ja ? `${path}?lang=en` : `${path}?lang=ja`}>
      <h1>
        {heading}
        {answer.title ? (
          <>
            <br />
            <span class="lead">{pick(lang, answer.title)}</span>
          </>
        ) : null}
      </h1>
      <VerdictBanner answer={answer} lang={lang} />
      <VerdictDetails answer={answer} lang={lang} />
      <IndependentVerification answer={answer} lang={lang} />
    </Layout>
  );
};

/** GET /v/{unknown}: said plainly, because a badge that is not in the registry may be fake. */
export const UnknownCredentialPage: FC<{ lang: Lang; path: string; credentialId: string; asOf: Date }> = ({ lang, path, credentialId, asOf }) => {
  const ja = lang === 'ja';
  return (
    <Layout lang={lang} title={ja ? '登録されていないバッジ' : 'Badge not in the registry'} section={null} otherLangHref={ja ? `${path}?lang=en` : `${path}?lang=ja`}>
      <h1>{ja ? 'バッジの確認' : 'Badge verification'}</h1>
      <section class="verdict verdict--unknown" aria-labelledby="verdict-word" data-verdict="unknown">
        <VerdictIcon verdict="unknown" />
        <div>
          <span class="verdict__label">{ja ? '確認結果' : 'Result'}</span>
          <strong class="verdict__word" id="verdict-word">
            {ja ? '登録されていません' : 'Not in the registry'}
          </strong>
          <p>
            {ja
              ? 'このバッジは登録簿にありません。偽物の可能性があります。バッジを掲示している団体や、QRコードの読み取り先のアドレスをよく確認してください。'
              : 'This badge is not in the registry. It may be fake. Check the organization displaying it and the address the QR code led you to.'}
          </p>
          <p class="muted">
            <time datetime={asOf.toISOString()}>{formatAsOf(asOf, lang)}</time>
          </p>
        </div>
      </section>
      <dl class="facts">
        <div>
          <dt>{ja ? '照会したバッジID' : 'Badge ID looked up'}</dt>
          <dd>
            <code>{credentialId}</code>
          </dd>
        </div>
      </dl>
      <p>
        <a href={localHref('/organizations', lang)}>{ja ? '宣言団体・表彰団体を検索する' : 'Search declared and awarded organizations'}</a>
      </p>
    </Layout>
  );
};
