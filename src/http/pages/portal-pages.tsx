import type { FC } from 'hono/jsx';
import { INDUSTRIES, industryLabel, PREFECTURE_CODES, PREFECTURES } from '../../domain/codes.js';
import { STATUS_LABELS } from '../../domain/declaration-lifecycle.js';
import type { Award, AwardCode, Declaration, Organization } from '../../domain/model.js';
import { GUIDELINE_AREAS } from '../../domain/codes.js';
import { formatDate, formatFiscalYear } from './format.js';
import { localHref, pick, type Lang } from './i18n.js';
import { Layout } from './layout.js';
import { EmbedSnippet } from './embed-snippet.js';
import type { BadgeEmbedKit } from '../routes/badges.js';

export interface OrganizationFilters {
  q?: string;
  prefectureCode?: string;
  industryCode?: string;
  awardYear?: number;
  awardCategory?: string;
}

const prefectureName = (code: string, lang: Lang) => (PREFECTURES[code] ? pick(lang, PREFECTURES[code]!) : code);
const categoryName = (categories: AwardCode[], code: string, lang: Lang) => {
  const category = categories.find((c) => c.code === code);
  return category ? (lang === 'ja' ? category.nameJa : category.nameEn) : code;
};
/** Only http(s) addresses become links: an organization's website is user data. */
const safeWebsite = (url: string | null) => (url && /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : null);

const SearchForm: FC<{ lang: Lang; filters: OrganizationFilters; categories: AwardCode[]; years: number[] }> = ({ lang, filters, categories, years }) => {
  const ja = lang === 'ja';
  return (
    <form class="search" method="get" action="/organizations" role="search" aria-label={ja ? '宣言団体・表彰団体の検索' : 'Search organizations'}>
      {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
      <div class="field field--wide">
        <label for="search-q">{ja ? '団体名・キーワード' : 'Name or keyword'}</label>
        <input id="search-q" name="q" type="search" value={filters.q ?? ''} maxlength={100} autocomplete="off" />
      </div>
      <div class="field">
        <label for="search-prefecture">{ja ? '都道府県' : 'Prefecture'}</label>
        <select id="search-prefecture" name="prefectureCode">
          <option value="">{ja ? 'すべて' : 'All'}</option>
          {PREFECTURE_CODES.map((code) => (
            <option value={code} selected={filters.prefectureCode === code}>
              {pick(lang, PREFECTURES[code]!)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="search-industry">{ja ? '業種' : 'Industry'}</label>
        <select id="search-industry" name="industryCode">
          <option value="">{ja ? 'すべて' : 'All'}</option>
          {Object.keys(INDUSTRIES).map((code) => (
            <option value={code} selected={filters.industryCode === code}>
              {`${code} ${industryLabel(code, lang)}`}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="search-year">{ja ? '表彰年度' : 'Award fiscal year'}</label>
        <select id="search-year" name="awardYear">
          <option value="">{ja ? 'すべて' : 'All'}</option>
          {years.map((year) => (
            <option value={String(year)} selected={filters.awardYear === year}>
              {formatFiscalYear(year, lang)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="search-category">{ja ? '表彰の種類' : 'Award category'}</label>
        <select id="search-category" name="awardCategory">
          <option value="">{ja ? 'すべて' : 'All'}</option>
          {categories.map((category) => (
            <option value={category.code} selected={filters.awardCategory === category.code}>
              {ja ? category.nameJa : category.nameEn}
            </option>
          ))}
        </select>
      </div>
      <div class="actions">
        <button class="button" type="submit">
          {ja ? '検索する' : 'Search'}
        </button>
      </div>
    </form>
  );
};

const OrganizationCard: FC<{ organization: Organization; lang: Lang }> = ({ organization: o, lang }) => (
  <li class="card">
    <h3>
      {/* The English name when the organization gave one, on the English pages. */}
      {lang === 'en' && o.nameEn ? (
        <a href={localHref(`/organizations/${o.id}`, lang)}>
          {o.nameEn} <span lang="ja">（{o.name}）</span>
        </a>
      ) : (
        <a href={localHref(`/organizations/${o.id}`, lang)}>{o.name}</a>
      )}
    </h3>
    <p class="muted">
      {prefectureName(o.prefectureCode, lang)}
      {industryLabel(o.industryCode, lang) ? ` · ${industryLabel(o.industryCode, lang)}` : ''}
      {o.corporateNumber ? ` · ${lang === 'ja' ? '法人番号' : 'Corporate No.'} ${o.corporateNumber}` : ''}
    </p>
  </li>
);

export const HomePage: FC<{ lang: Lang; categories: AwardCode[]; years: number[] }> = ({ lang, categories, years }) => {
  const ja = lang === 'ja';
  return (
    <Layout lang={lang} title={ja ? 'ホーム' : 'Home'} section="home" otherLangHref={localHref('/', ja ? 'en' : 'ja')}>
      <h1>{ja ? '地方創生テレワークに取り組む団体を探す' : 'Find organizations promoting regional revitalization telework'}</h1>
      <p class="lead">
        {ja
          ? '「転職なき移住」を進める地方創生テレワーク。経営トップのコミットメントのもとで取組を自己宣言した団体と、表彰を受けた団体を公表しています。'
          : 'Regional revitalization telework lets people move to the regions without changing jobs. This registry lists organizations that have declared their commitment, and those that received awards.'}
      </p>
      <SearchForm lang={lang} filters={{}} categories={categories} years={years} />
      <h2>{ja ? 'バッジの真正性を確認する' : 'Check a badge'}</h2>
      <p>
        {ja
          ? '求人票やポスターのバッジは、QRコードを読み取るか、画像をアップロードすると、本物か・現在も有効かをすぐに確認できます。'
          : 'Scan the QR code on a badge, or upload the badge image, to see at once whether it is genuine and still valid.'}
      </p>
      <p class="actions">
        <a class="button" href={localHref('/verify', lang)}>
          {ja ? 'バッジを確認する' : 'Verify a badge'}
        </a>
        <a class="button button--secondary" href={localHref('/awards', lang)}>
          {ja ? '表彰団体を見る' : 'See the awards'}
        </a>
      </p>
    </Layout>
  );
};

export const OrganizationsPage: FC<{
  lang: Lang;
  filters: OrganizationFilters;
  categories: AwardCode[];
  years: number[];
  results: Organization[];
  nextHref: string | null;
  searched: boolean;
  otherLangHref: string;
}> = ({ lang, filters, categories, years, results, nextHref, searched, otherLangHref }) => {
  const ja = lang === 'ja';
  return (
    <Layout lang={lang} title={ja ? '宣言団体・表彰団体を探す' : 'Find organizations'} section="organizations" otherLangHref={otherLangHref}>
      <h1>{ja ? '宣言団体・表彰団体を探す' : 'Find organizations'}</h1>
      <SearchForm lang={lang} filters={filters} categories={categories} years={years} />
      <section aria-labelledby="results-heading" aria-live="polite">
        <h2 id="results-heading">
          {searched ? (ja ? `検索結果（${results.length}${nextHref ? '件以上' : '件'}）` : `Results (${results.length}${nextHref ? '+' : ''})`) : ja ? '公表中の団体' : 'Listed organizations'}
        </h2>
        {results.length === 0 ? (
          <p>{ja ? '条件に合う団体は見つかりませんでした。条件を減らして検索してください。' : 'No organization matches. Try fewer conditions.'}</p>
        ) : (
          <ul class="card-list">
            {results.map((o) => (
              <OrganizationCard organization={o} lang={lang} />
            ))}
          </ul>
        )}
        {nextHref ? (
          <p class="pager">
            <a href={nextHref}>{ja ? '次の結果' : 'More results'}</a>
          </p>
        ) : null}
      </section>
    </Layout>
  );
};

export interface DeclarationView {
  declaration: Declaration;
  credentialId: string | null;
}
export interface AwardView {
  award: Award;
  credentialId: string | null;
}

export const OrganizationPage: FC<{
  lang: Lang; organization: Organization; declarations: DeclarationView[]; awards: AwardView[]; categories: AwardCode[];
  /** Embed kits of the currently valid credentials, by credential id (badgeEmbedKits). */
  badgeKits?: Record<string, BadgeEmbedKit>;
  /** False where no PNG renderer runs (Workers): the PNG link is left out. */
  pngBadge?: boolean;
}> = ({ lang, organization: o, declarations, awards, categories, badgeKits = {}, pngBadge = true }) => {
  const ja = lang === 'ja';
  const website = safeWebsite(o.website);
  return (
    <Layout lang={lang} title={o.name} section="organizations" otherLangHref={localHref(`/organizations/${o.id}`, ja ? 'en' : 'ja')}>
      <h1>
        {o.name}
        {o.nameEn ? (
          <>
            <br />
            <span class="lead" lang="en">
              {o.nameEn}
            </span>
          </>
        ) : null}
      </h1>
      <dl class="facts">
        {o.nameKana ? (
          <div>
            <dt>{ja ? 'ふりがな' : 'Reading'}</dt>
            <dd lang="ja">{o.nameKana}</dd>
          </div>
        ) : null}
        {o.corporateNumber ? (
          <div>
            <dt>{ja ? '法人番号' : 'Corporate number'}</dt>
            <dd>{o.corporateNumber}</dd>
          </div>
        ) : null}
        <div>
          <dt>{ja ? '所在地' : 'Location'}</dt>
          <dd>
            {prefectureName(o.prefectureCode, lang)}
            {o.city ? ` ${o.city}` : ''}
          </dd>
        </div>
        {industryLabel(o.industryCode, lang) ? (
          <div>
            <dt>{ja ? '業種' : 'Industry'}</dt>
            <dd>{industryLabel(o.industryCode, lang)}</dd>
          </div>
        ) : null}
        {website ? (
          <div>
            <dt>{ja ? 'ウェブサイト' : 'Website'}</dt>
            <dd>
              <a href={website} rel="noopener nofollow">
                {website}
              </a>
            </dd>
          </div>
        ) : null}
      </dl>
      <h2>{ja ? '自己宣言' : 'Self-declarations'}</h2>
      {declarations.length === 0 ? <p>{ja ? '公表中の自己宣言はありません。' : 'No published self-declaration.'}</p> : null}
      <ul class="card-list">
        {declarations.map(({ declaration: d, credentialId }) => {
          const areas = d.content.publicFields.includes('guidelineAreas') ? d.content.guidelineAreas : [];
          const policy = d.content.publicFields.includes('policy') ? d.content.policy : null;
          return (
            <li class="card">
              <h3>
                {ja ? '地方創生テレワーク自己宣言' : 'Telework self-declaration'} <span class={`status status--${d.status}`}>{pick(lang, STATUS_LABELS[d.status])}</span>
              </h3>
              {d.content.publicFields.includes('committedOn') ? (
                <p>
                  {ja ? '宣言日: ' : 'Committed on: '}
                  {formatDate(d.content.committedOn, lang)}
                </p>
              ) : null}
              {d.validFrom ? (
                <p>
                  {ja ? '有効期間: ' : 'Valid: '}
                  {formatDate(d.validFrom, lang)} – {d.validUntil ? formatDate(d.validUntil, lang) : ''}
                </p>
              ) : null}
              {areas.length > 0 ? (
                <ul class="chips" aria-label={ja ? 'ガイドラインの対象分野' : 'Guideline areas'}>
                  {areas.map((a) => (
                    <li>{GUIDELINE_AREAS[a] ? pick(lang, GUIDELINE_AREAS[a]!) : a}</li>
                  ))}
                </ul>
              ) : null}
              {policy ? (
                <p class="prose" lang="ja">
                  {policy}
                </p>
              ) : null}
              <VerifyBadgeLink credentialId={credentialId} lang={lang} />
              <BadgeEmbed kit={credentialId ? badgeKits[credentialId] : undefined} lang={lang} pngBadge={pngBadge} />
            </li>
          );
        })}
      </ul>
      <h2>{ja ? '表彰' : 'Awards'}</h2>
      {awards.length === 0 ? <p>{ja ? '表彰の記録はありません。' : 'No award.'}</p> : null}
      <ul class="card-list">
        {awards.map(({ award: a, credentialId }) => (
          <li class="card">
            <h3>
              {formatFiscalYear(a.fiscalYear, lang)} {categoryName(categories, a.categoryCode, lang)}
              {a.status === 'suspended' ? <span class="status status--suspended">{ja ? '一時停止中' : 'Suspended'}</span> : null}
            </h3>
            {a.overview ? (
              <p class="prose" lang="ja">
                {a.overview}
              </p>
            ) : null}
            {a.message ? (
              <p class="prose" lang="ja">
                {ja ? 'メッセージ: ' : 'Message: '}
                {a.message}
              </p>
            ) : null}
            <VerifyBadgeLink credentialId={credentialId} lang={lang} />
            <BadgeEmbed kit={credentialId ? badgeKits[credentialId] : undefined} lang={lang} pngBadge={pngBadge} />
          </li>
        ))}
      </ul>
      {Object.keys(badgeKits).length > 0 ? <script src="/assets/copy.js" defer></script> : null}
    </Layout>
  );
};

/**
 * For a currently valid credential: the badge to put on the organization's own site (the compact
 * card, readable 240–320 px wide), its snippet with a copy button, and the image downloads. In a
 * <details> so the page stays short; it opens without JavaScript.
 */
const BadgeEmbed: FC<{ kit: BadgeEmbedKit | undefined; lang: Lang; pngBadge: boolean }> = ({ kit, lang, pngBadge }) => {
  if (!kit) return null;
  const ja = lang === 'ja';
  const id = kit.credentialId;
  return (
    <details class="badge-embed">
      <summary>{ja ? 'このバッジをウェブサイトに掲載する' : 'Show this badge on a website'}</summary>
      <img class="badge-preview badge-embed__preview" src={`/credentials/${id}/badge.svg?size=compact`} alt={kit.alt} width="320" height="204" loading="lazy" />
      <EmbedSnippet
        id={`embed-${id}`}
        html={kit.embedHtml}
        lang={lang}
        hint={
          ja
            ? '貼り付けると小型のバッジが表示され、クリックすると検証ページが開きます。一時停止・取消し・期限切れの後は「現在有効ではありません」と表示されます。'
            : 'Paste it to show the compact badge; a click opens its verification page. After a suspension, revocation or expiry it shows "Not currently valid".'
        }
      />
      <h3>{ja ? '画像のダウンロード' : 'Download the images'}</h3>
      <ul class="link-list">
        <li>
          <a href={`/credentials/${id}/badge.svg`} download={`telework-badge-${id}.svg`}>
            {ja ? 'バッジ（SVG）' : 'Badge (SVG)'}
          </a>
        </li>
        {pngBadge ? (
          <li>
            <a href={`/credentials/${id}/badge.png`} download={`telework-badge-${id}.png`}>
              {ja ? 'バッジ（PNG）' : 'Badge (PNG)'}
            </a>
          </li>
        ) : null}
        <li>
          <a href={`/credentials/${id}/badge.svg?size=compact`} download={`telework-badge-compact-${id}.svg`}>
            {ja ? '小型バッジ（SVG）' : 'Compact badge (SVG)'}
          </a>
        </li>
        <li>
          <a href={`/credentials/${id}/qr.svg`} download={`qr-${id}.svg`}>
            {ja ? 'QRコード（SVG）' : 'QR code (SVG)'}
          </a>
        </li>
      </ul>
    </details>
  );
};

/** The link from a declaration or award to its badge's verification page, when it has one. */
const VerifyBadgeLink: FC<{ credentialId: string | null | undefined; lang: Lang }> = ({ credentialId, lang }) =>
  credentialId ? (
    <p>
      <a href={localHref(`/v/${credentialId}`, lang)}>{lang === 'ja' ? 'バッジを確認する' : 'Verify the badge'}</a>
    </p>
  ) : null;

export const AwardsPage: FC<{
  lang: Lang;
  years: number[];
  selectedYear: number | undefined;
  groups: { fiscalYear: number; items: { award: Award; organizationName: string }[] }[];
  categories: AwardCode[];
}> = ({ lang, years, selectedYear, groups, categories }) => {
  const ja = lang === 'ja';
  return (
    <Layout lang={lang} title={ja ? '表彰団体' : 'Awards'} section="awards" otherLangHref={localHref('/awards', ja ? 'en' : 'ja', { fiscalYear: selectedYear })}>
      <h1>{ja ? '地方創生テレワーク表彰 受賞団体' : 'Regional Revitalization Telework Awards'}</h1>
      <nav aria-label={ja ? '年度で絞り込む' : 'By fiscal year'}>
        <ul class="years">
          <li>
            <a href={localHref('/awards', lang)} aria-current={selectedYear === undefined ? 'page' : undefined}>
              {ja ? 'すべての年度' : 'All years'}
            </a>
          </li>
          {years.map((year) => (
            <li>
              <a href={localHref('/awards', lang, { fiscalYear: year })} aria-current={selectedYear === year ? 'page' : undefined}>
                {formatFiscalYear(year, lang)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {groups.length === 0 ? <p>{ja ? 'この年度の表彰はまだありません。' : 'No awards for this year yet.'}</p> : null}
      {groups.map((group) => (
        <section aria-labelledby={`fy-${group.fiscalYear}`}>
          <h2 id={`fy-${group.fiscalYear}`}>{formatFiscalYear(group.fiscalYear, lang)}</h2>
          <ul class="card-list">
            {group.items.map(({ award: a, organizationName }) => (
              <li class="card">
                <h3>
                  <a href={localHref(`/organizations/${a.organizationId}`, lang)}>{organizationName}</a>
                </h3>
                <p>
                  <strong>{categoryName(categories, a.categoryCode, lang)}</strong>
                  {a.awardedOn ? <span class="muted"> · {formatDate(a.awardedOn, lang)}</span> : null}
                </p>
                {a.overview ? (
                  <p class="prose" lang="ja">
                    {a.overview}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
};

/** An organization that does not exist or has never been published: the same answer for both. */
export const OrganizationNotFoundPage: FC<{ lang: Lang }> = ({ lang }) => {
  const ja = lang === 'ja';
  return (
    <Layout lang={lang} title={ja ? '団体が見つかりません' : 'Organization not found'} section="organizations" otherLangHref={localHref('/organizations', ja ? 'en' : 'ja')}>
      <h1>{ja ? '団体が見つかりません' : 'Organization not found'}</h1>
      <p>{ja ? 'この団体は登録簿で公表されていません。' : 'This organization is not published in the registry.'}</p>
      <p>
        <a href={localHref('/organizations', lang)}>{ja ? '宣言団体・表彰団体を検索する' : 'Search organizations'}</a>
      </p>
    </Layout>
  );
};
