import type { FC } from 'hono/jsx';
import { formatAsOf } from './format.js';
import { localHref, pick, type Lang } from './i18n.js';
import { linkPreviewMeta } from './link-preview.js';
import { ClaimsVsRecord } from './claims-vs-record.js';
import { Layout, type LayoutProps } from './layout.js';
import type { VerificationAnswer } from './verification-answer.js';
import { claimSummary, IndependentVerification, VerdictBanner, VerdictDetails, VerdictIcon } from './verdict-view.js';

/** Link previews: a shared /v link shows whose badge it is and the verdict. */
function previewMeta(answer: VerificationAnswer, lang: Lang, subject: string, pngBadge: boolean): LayoutProps['meta'] {
  const description = [claimSummary(answer, lang), pick(lang, answer.explanation)].filter(Boolean).join(lang === 'ja' ? '。' : '. ');
  // Only a valid badge's image is public (badge.png answers 410 otherwise), and only Node renders PNG.
  const image = pngBadge && answer.verdict === 'valid' && answer.links.page ? answer.links.page.replace(/\/v\/([^/]+)$/, '/credentials/$1/badge.png') : null;
  return linkPreviewMeta(lang, { title: subject, description, url: answer.links.page ?? null, image });
}

/** Verdicts of a badge that stands for the organization's current record (not replaced, not past its end). */
const CURRENT_RECORD_VERDICTS: ReadonlySet<string> = new Set(['valid', 'suspended', 'revoked', 'withdrawn', 'key-retired']);

/** GET /v/{credentialId}: what a person sees after scanning the QR code on a badge. */
export const VerificationPage: FC<{ answer: VerificationAnswer; lang: Lang; path: string; pngBadge?: boolean }> = ({ answer, lang, path, pngBadge = false }) => {
  const ja = lang === 'ja';
  const generic = ja ? 'バッジの確認' : 'Badge verification';
  // Whose badge it is comes first: the organization's name is the page's heading, in English on
  // English pages when the badge carries an English name (the Japanese one under it), as the
  // organization page and the portal's lists show it.
  const nameEn = ja ? null : (answer.organization?.nameEn ?? null);
  const heading = nameEn ?? answer.organization?.name ?? generic;
  const subject = `${heading} — ${pick(lang, answer.verdictLabel)}`;
  const description = pick(lang, answer.explanation);
  return (
    <Layout
      lang={lang}
      title={subject}
      description={description}
      meta={previewMeta(answer, lang, subject, pngBadge)}
      section={null}
      otherLangHref={ja ? `${path}?lang=en` : `${path}?lang=ja`}
    >
      <p class="page-kicker">{generic}</p>
      {nameEn ? (
        <h1>
          {nameEn}
          <br />
          <span class="lead" lang="ja">
            {answer.organization!.name}
          </span>
        </h1>
      ) : (
        // A Japanese name alone on an English page is marked so, for a screen reader's voice.
        <h1 lang={!ja && answer.organization ? 'ja' : undefined}>{heading}</h1>
      )}
      <VerdictBanner answer={answer} lang={lang} />
      {/* On paper (a verification kept on file) the page's address is not in an address bar: printed only. */}
      {answer.links.page ? (
        <p class="print-only page-address">
          {ja ? 'このページのアドレス: ' : 'This page: '}
          {answer.links.page}
        </p>
      ) : null}
      {/* The heading and the details are what the badge says, as issued. After a change to the
          record (a company renamed since issuance) a person who scanned the poster of
          「新社名株式会社」 read only the old name: the rows that differ come right under the verdict,
          as on /verify. Not for an older or expired version, which differs from the record by design
          and leads to the current one. */}
      {answer.comparison.differences > 0 && CURRENT_RECORD_VERDICTS.has(answer.verdict) ? <ClaimsVsRecord comparison={answer.comparison} verdict={answer.verdict} lang={lang} /> : null}
      <VerdictDetails answer={answer} lang={lang} />
      <IndependentVerification answer={answer} lang={lang} />
    </Layout>
  );
};

/** GET /v/{unknown}: said plainly, because a badge that is not in the registry may be fake. */
/**
 * No such badge. `malformed`: the address holds no badge ID at all (cut short when it was copied or
 * typed), which says nothing about a badge being fake: the person is sent back to the QR code.
 */
export const UnknownCredentialPage: FC<{ lang: Lang; path: string; credentialId: string; asOf: Date; malformed?: boolean }> = ({ lang, path, credentialId, asOf, malformed }) => {
  const ja = lang === 'ja';
  return (
    <Layout lang={lang} title={malformed ? (ja ? 'バッジIDが正しくありません' : 'Not a badge ID') : ja ? '登録されていないバッジ' : 'Badge not in the registry'} section={null} otherLangHref={ja ? `${path}?lang=en` : `${path}?lang=ja`}>
      <h1>{ja ? 'バッジの確認' : 'Badge verification'}</h1>
      <section class="verdict verdict--unknown" aria-labelledby="verdict-word" data-verdict="unknown">
        <VerdictIcon verdict="unknown" />
        <div>
          <span class="verdict__label">{ja ? '確認結果' : 'Result'}</span>
          <strong class="verdict__word" id="verdict-word">
            {malformed ? (ja ? 'バッジIDが正しくありません' : 'Not a badge ID') : ja ? '登録されていません' : 'Not in the registry'}
          </strong>
          <p>
            {malformed
              ? ja
                ? 'このアドレスのバッジIDは正しい形式ではありません（途中で切れているか、文字が違います）。QRコードをもう一度読み取るか、バッジに書かれたアドレスを確認してください。'
                : 'The badge ID in this address is not in the right form (cut short or mistyped). Scan the QR code again or check the address printed with the badge.'
              : ja
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
