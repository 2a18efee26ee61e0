// GET /my/badges: the badge kit for every valid credential of the organization: the badge (SVG,
// and PNG where the runtime renders one: not on the Worker), the QR code for print (SVG, and PNG
// of at least 1,200 px), the embed snippet with a copy button, and the verification link.
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { badgeEmbedHtml } from '../../../adapters/badge/embed.js';
import type { AppEnv } from '../../env.js';
import { EmbedSnippet } from '../../pages/embed-snippet.js';
import { WhichBadge } from '../../pages/which-badge.js';
import { newestAwardsFirst } from '../../../domain/awards/labels.js';
import { localHref, type Bilingual } from '../../pages/i18n.js';
import { badgeInputOf } from '../../routes/badges.js';
import { badgeAlt, badgeSubject } from '../../pages/badge-alt.js';
import { webPage } from '../page.js';
import { formatDate, formatRange } from '../../pages/format.js';
import { declarationsOf } from './live-declaration.js';
import { memberOf, type Member } from './member.js';
import { MyLayout } from './my-layout.js';
import { whyNoBadge } from './no-badge.js';
import type { MyRouteDeps } from './routes.js';
import { COPY_JS_PATH } from '../../assets/routes.js';

/** The QR code for print: 1,200 px suits an A4 poster at 300 dpi (10 cm). */
export const PRINT_QR_SIZE = 1200;

interface Kit {
  id: string;
  kind: 'declaration' | 'award';
  headline: string;
  validFrom: string;
  validUntil: string | null;
  embedHtml: string;
  verificationUrl: string;
  /** The preview's text alternative in the page's language (the snippet's own stays Japanese, as the badge). */
  alt: string;
}

export function badgeRoutes({ registry, publicBaseUrl, pngBadge = false }: MyRouteDeps) {
  return new Hono<AppEnv>().get('/badges', async (c) => {
    const member = memberOf(c);
    if (member instanceof Response) return member;
    const repos = registry.deps.repos;
    const [stored, categories, divisions, { all: declarations }, awards] = await Promise.all([
      registry.credentials.listByOrganization(member.organization.id),
      repos.awards.categories(),
      repos.awards.divisions(),
      declarationsOf(registry, member.organization.id),
      repos.awards.search({ organizationId: member.organization.id, limit: 500 }),
    ]);
    const kits: Kit[] = await Promise.all(
      stored
        .filter((s) => s.status === 'active')
        .map(async (s) => {
          const input = badgeInputOf(s, publicBaseUrl);
          // The preview is described as on the organization page (badgeSubject), by the award as recorded.
          const award = s.subjectType === 'award' ? await repos.awards.get(s.subjectId) : null;
          const what = award || input.kind !== 'award' ? badgeSubject(member.lang, categories, divisions, award) : member.lang === 'ja' ? input.headlineJa : input.headlineEn;
          return {
            id: s.id,
            kind: input.kind === 'award' ? 'award' : 'declaration',
            headline: member.lang === 'ja' ? input.headlineJa : input.headlineEn,
            validFrom: s.validFrom,
            validUntil: s.validUntil,
            verificationUrl: input.verificationUrl,
            alt: badgeAlt(member.lang, member.organization, what),
            embedHtml: badgeEmbedHtml({ badgeImageUrl: `${publicBaseUrl}/credentials/${s.id}/badge.svg`, verificationUrl: input.verificationUrl, organizationName: input.organizationName, headlineJa: input.headlineJa, lang: member.lang, organizationNameEn: input.organizationNameEn, headlineEn: input.headlineEn }),
          };
        }),
    );
    return webPage(c, <BadgeKitPage member={member} kits={kits} none={whyNoBadge(stored, declarations, newestAwardsFirst(awards.items), categories, divisions)} pngBadge={pngBadge} />);
  });
}

const BadgeKitPage: FC<{ member: Member; kits: Kit[]; none: Bilingual[] | null; pngBadge: boolean }> = ({ member, kits, none, pngBadge }) => {
  const { lang } = member;
  const ja = lang === 'ja';
  const title = { ja: 'バッジ', en: 'Badges' };
  return (
    <MyLayout member={member} title={title} section="badges">
      <h1>{title[lang]}</h1>
      <p class="lead">
        {ja
          ? 'バッジには署名付きのデジタル証明（Open Badges 3.0）が埋め込まれています。QRコードやリンクから、誰でも登録簿で真正性を確認できます。'
          : 'Each badge carries a signed digital credential (Open Badges 3.0). Anyone can check it in the registry through its QR code or link.'}
      </p>
      {none ? (
        <div class="notice">
          {none.map((reason) => (
            <p>{reason[lang]}</p>
          ))}
          <p>
            <a href={localHref('/my', lang)}>{ja ? 'ダッシュボードへ' : 'Go to the dashboard'}</a>
          </p>
        </div>
      ) : null}
      {kits.map((kit, i) => (
        <section class="card kit" aria-labelledby={`kit-${i}`}>
          <h2 id={`kit-${i}`}>{kit.headline}</h2>
          <p class="muted">
            {ja ? '有効期間: ' : 'Valid: '}
            {kit.validUntil ? formatRange(formatDate(kit.validFrom, lang), formatDate(kit.validUntil, lang), lang) : `${formatDate(kit.validFrom, lang)}${ja ? 'から' : ' onwards'}`}
          </p>
          <div class="kit__grid">
            <img class="badge-preview" src={`/credentials/${kit.id}/badge.svg`} alt={kit.alt} width="320" height="200" />
            <div>
              <h3>{ja ? 'バッジ画像' : 'Badge image'}</h3>
              <ul class="link-list">
                {pngBadge ? (
                  <li>
                    <a href={`/credentials/${kit.id}/badge.png`} download={`telework-badge-${kit.id}.png`} data-kind="badge-png">
                      {ja ? 'PNG をダウンロード（ウェブ・資料用）' : 'Download PNG (web and documents)'}
                      <WhichBadge lang={lang} subject={kit.headline} />
                    </a>
                  </li>
                ) : null}
                <li>
                  <a href={`/credentials/${kit.id}/badge.svg`} download={`telework-badge-${kit.id}.svg`} data-kind="badge-svg">
                    {ja ? 'SVG をダウンロード（拡大しても鮮明）' : 'Download SVG (sharp at any size)'}
                    <WhichBadge lang={lang} subject={kit.headline} />
                  </a>
                </li>
              </ul>
              {pngBadge ? null : (
                // The Worker has no PNG renderer (badge.png answers 501): say so here, not only in the API.
                <p class="hint">
                  {ja
                    ? 'PNG 形式のバッジ画像は、この登録簿では作成できません。SVG 版をお使いください（ウェブページや多くの文書作成ソフトにそのまま貼り付けられ、拡大しても鮮明です）。'
                    : 'PNG badge images cannot be made by this registry; use the SVG badge (it goes into web pages and most document software as it is, and stays sharp at any size).'}
                </p>
              )}
              <h3>{ja ? '印刷用QRコード' : 'QR code for print'}</h3>
              <ul class="link-list">
                <li>
                  <a href={`/credentials/${kit.id}/qr.png?size=${PRINT_QR_SIZE}`} download={`qr-${kit.id}.png`} data-kind="qr-png">
                    {ja ? `PNG（${PRINT_QR_SIZE.toLocaleString('ja-JP')}ピクセル以上）をダウンロード` : `Download PNG (${PRINT_QR_SIZE.toLocaleString('en')} px or more)`}
                    <WhichBadge lang={lang} subject={kit.headline} />
                  </a>
                </li>
                <li>
                  <a href={`/credentials/${kit.id}/qr.svg`} download={`qr-${kit.id}.svg`} data-kind="qr-svg">
                    {ja ? 'SVG をダウンロード' : 'Download SVG'}
                    <WhichBadge lang={lang} subject={kit.headline} />
                  </a>
                </li>
              </ul>
              <h3>{ja ? '検証ページ' : 'Verification page'}</h3>
              <p>
                <a href={kit.verificationUrl} class="verification-link">
                  {kit.verificationUrl}
                </a>
              </p>
            </div>
          </div>
          <EmbedSnippet id={`embed-${i}`} html={kit.embedHtml} lang={lang} subject={kit.headline} />
        </section>
      ))}
      <script src={COPY_JS_PATH} defer></script>
    </MyLayout>
  );
};
