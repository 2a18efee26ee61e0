import type { FC } from 'hono/jsx';
import { shortCredentialId } from '../../adapters/badge/badge-svg.js';
import { INDUSTRIES, industryLabel, PREFECTURE_CODES, PREFECTURES } from '../../domain/codes.js';
import { RENEWAL_UNDER_REVIEW, RENEWAL_UNDER_REVIEW_NOTE, STATUS_LABELS, type PublicStep } from '../../domain/declaration-lifecycle.js';
import type { Award, AwardCode, Declaration, DeclarationContent, Organization, OrganizationKind, PublishableField } from '../../domain/model.js';
import { GUIDELINE_AREAS, purposeLabel } from '../../domain/codes.js';
import { fieldLabelsFor } from '../web/my/labels.js';
import { awardEmblemOf, emblemSvg, type AwardEmblem } from '../../adapters/badge/badge-svg.js';
import type { PortalFigures, PortalListing, PortalListQuery } from '../../ports/portal.js';
import { raw } from 'hono/html';
import { formatCount, formatDate, formatFiscalYear, formatFiscalYearShort, formatRange } from './format.js';
import { localHref, pick, type Lang } from './i18n.js';
import { Layout } from './layout.js';
import { CHECK_PATH } from './check-page.js';
import { OrganizationName } from './organization-name.js';
import { STATISTICS_PATH } from './statistics-page.js';
import { NEWS_FEED_PATH } from './news-feed.js';
import { linkPreviewMeta, organizationDescription } from './link-preview.js';
import { useSiteFrame } from './site-frame.js';
import { EmbedSnippet } from './embed-snippet.js';
import { badgeAlt, badgeSubject, categoryName, divisionSuffix } from './badge-alt.js';
import { WhichBadge } from './which-badge.js';
import { PartnerMunicipality } from './partner-municipality.js';
import { CHANGED_ON, REASON_LABEL } from './verdict-view.js';
import { reasonLabel } from '../../domain/mail/reasons.js';
import type { BadgeEmbedKit } from '../routes/badges.js';
import { COPY_JS_PATH } from '../assets/routes.js';
import { SEARCH_QUERY_MAX } from '../../domain/search-text.js';
import { browserMaxLength } from '../web/my/form-fields.js';
import { GUIDE_PATH } from './guide-page.js';

/** The list's search conditions: the portal query without its order and page. */
export type OrganizationFilters = Omit<PortalListQuery, 'sort' | 'offset' | 'limit'>;

const prefectureName = (code: string, lang: Lang) => (PREFECTURES[code] ? pick(lang, PREFECTURES[code]!) : code);
/** Only http(s) addresses become links: an organization's website is user data. */
const safeWebsite = (url: string | null) => (url && /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : null);

/** What the box finds beyond names: a recruiting site's staff often holds only the 法人番号 (identifierCondition). */
const SearchHint: FC<{ lang: Lang }> = ({ lang }) => (
  <span class="hint" id="search-q-hint">
    {lang === 'ja'
      ? '団体名（ふりがな・英語名も可）、法人番号（13桁）、地方公共団体コード（6桁）で探せます。'
      : 'Name (or its reading or English name), corporate number (13 digits) or local government code (6 digits).'}
  </span>
);

/**
 * The published lists as files, for a recruiting site or a researcher: the open data has stable
 * addresses (api-contract) that no page linked, so only someone who read the API knew of them.
 */
const OpenDataLinks: FC<{ lang: Lang }> = ({ lang }) => {
  const ja = lang === 'ja';
  const file = (dataset: 'declarations' | 'awards', format: 'csv' | 'json') => (
    <li>
      <a href={`/api/v1/open-data/${dataset}.${format}`}>
        {dataset === 'declarations' ? (ja ? '自己宣言の一覧' : 'Declarations') : ja ? '表彰の一覧' : 'Awards'}
        {ja ? `（${format.toUpperCase()}）` : ` (${format.toUpperCase()})`}
      </a>
    </li>
  );
  return (
    <section aria-labelledby="open-data-heading">
      <h2 id="open-data-heading">{ja ? 'オープンデータ' : 'Open data'}</h2>
      <p>
        {ja
          ? '公表中の自己宣言と表彰の一覧は、だれでも CSV（Excel で開けます）と JSON で入手できます。項目の説明は API ドキュメントにあります。新着フィードをフィードリーダーに登録すると、宣言の公表と表彰を受け取れます。'
          : 'The published declarations and awards are open to anyone as CSV (opens in Excel) and JSON. The API documentation describes each field. Add the news feed to a feed reader to receive new declarations and awards.'}
      </p>
      <ul>
        {file('declarations', 'csv')}
        {file('declarations', 'json')}
        {file('awards', 'csv')}
        {file('awards', 'json')}
        <li>
          <a href={localHref(NEWS_FEED_PATH, lang)} type="application/atom+xml">
            {ja ? '新着フィード（Atom）' : 'News feed (Atom)'}
          </a>
        </li>
        <li>
          <a href={localHref(STATISTICS_PATH, lang)}>{ja ? '数字で見る宣言と表彰（統計）' : 'Declarations and awards in figures (statistics)'}</a>
        </li>
        <li>
          <a href={localHref('/docs', lang)}>{ja ? 'API ドキュメント' : 'API documentation'}</a>
        </li>
      </ul>
    </section>
  );
};

/** The home page's search: the name box alone, and the way to every condition on /organizations. */
const QuickSearch: FC<{ lang: Lang }> = ({ lang }) => {
  const ja = lang === 'ja';
  return (
    <form class="search search--quick" method="get" action="/organizations" role="search" aria-label={ja ? '宣言団体・表彰団体の検索' : 'Search organizations'}>
      {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
      <div class="field field--wide">
        <label for="search-q">{ja ? '団体名・キーワード' : 'Name or keyword'}</label>
        <input id="search-q" name="q" type="search" maxlength={browserMaxLength(SEARCH_QUERY_MAX)} autocomplete="off" aria-describedby="search-q-hint" />
        <SearchHint lang={lang} />
      </div>
      <div class="actions">
        <button class="button" type="submit">
          {ja ? '検索する' : 'Search'}
        </button>
        <a class="search__more" href={localHref('/organizations', lang)}>
          {ja ? '都道府県・業種・表彰などの条件で探す' : 'Search by prefecture, industry or award'}
        </a>
      </div>
    </form>
  );
};

/** One search condition: a labelled list whose first choice, すべて / All, leaves it unset. */
const FilterSelect: FC<{ id: string; name: string; label: string; lang: Lang; selected: string | undefined; options: [value: string, text: string][] }> = ({ id, name, label, lang, selected, options }) => (
  <div class="field">
    <label for={id}>{label}</label>
    <select id={id} name={name}>
      <option value="">{lang === 'ja' ? 'すべて' : 'All'}</option>
      {options.map(([value, text]) => (
        <option value={value} selected={selected === value}>
          {text}
        </option>
      ))}
    </select>
  </div>
);

const SearchForm: FC<{ lang: Lang; filters: OrganizationFilters; categories: AwardCode[]; years: number[]; sort?: 'recent' | 'name' }> = ({ lang, filters, categories, years, sort }) => {
  const ja = lang === 'ja';
  return (
    <form class="search" method="get" action="/organizations" role="search" aria-label={ja ? '宣言団体・表彰団体の検索' : 'Search organizations'}>
      {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
      {sort && sort !== 'recent' ? <input type="hidden" name="sort" value={sort} /> : null}
      <div class="field field--wide">
        <label for="search-q">{ja ? '団体名・キーワード' : 'Name or keyword'}</label>
        <input id="search-q" name="q" type="search" value={filters.q ?? ''} maxlength={browserMaxLength(SEARCH_QUERY_MAX)} autocomplete="off" aria-describedby="search-q-hint" />
        <SearchHint lang={lang} />
      </div>
      <FilterSelect id="search-kind" name="kind" label={ja ? '種別' : 'Kind'} lang={lang} selected={filters.kind}
        options={(['company', 'municipality', 'other'] as const).map((kind) => [kind, pick(lang, KIND_LABELS[kind])])} />
      <FilterSelect id="search-prefecture" name="prefectureCode" label={ja ? '都道府県' : 'Prefecture'} lang={lang} selected={filters.prefectureCode}
        options={PREFECTURE_CODES.map((code) => [code, pick(lang, PREFECTURES[code]!)])} />
      <FilterSelect id="search-industry" name="industryCode" label={ja ? '業種' : 'Industry'} lang={lang} selected={filters.industryCode}
        options={Object.keys(INDUSTRIES).map((code) => [code, `${code} ${industryLabel(code, lang)}`])} />
      <FilterSelect id="search-year" name="awardYear" label={ja ? '表彰年度' : 'Award fiscal year'} lang={lang} selected={filters.awardYear === undefined ? undefined : String(filters.awardYear)}
        options={years.map((year) => [String(year), formatFiscalYear(year, lang)])} />
      <FilterSelect id="search-category" name="awardCategory" label={ja ? '表彰の種類' : 'Award category'} lang={lang} selected={filters.awardCategory}
        options={categories.map((category) => [category.code, ja ? category.nameJa : category.nameEn])} />
      <div class="actions">
        <button class="button" type="submit">
          {ja ? '検索する' : 'Search'}
        </button>
      </div>
    </form>
  );
};

/** 企業 / 自治体 / 団体: what kind of organization a card or page is about. */
export const KIND_LABELS: Record<OrganizationKind, { ja: string; en: string }> = {
  company: { ja: '企業', en: 'Company' },
  municipality: { ja: '自治体', en: 'Municipality' },
  other: { ja: '団体', en: 'Organization' },
};

/**
 * Each emblem's shapes, drawn once: /awards shows one per award (~2,000 at 100,000
 * organizations), and computing the star's points each time was ~4 % of the page's CPU.
 */
const emblemShapes = new Map<AwardEmblem, string>();
const emblemShapesOf = (emblem: AwardEmblem) => {
  let shapes = emblemShapes.get(emblem);
  if (shapes === undefined) emblemShapes.set(emblem, (shapes = emblemSvg(emblem, 12, 12, 11)));
  return shapes;
};

/** The award category's emblem as on the badges: a star for 大臣賞, a ringed medal for 優秀賞, a rosette otherwise. */
const Emblem: FC<{ emblem: AwardEmblem }> = ({ emblem }) => (
  <svg class="award-mark__emblem" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
    {raw(emblemShapesOf(emblem))}
  </svg>
);

/**
 * An award's mark: the emblem, the category's name and (optionally) its year. 大臣賞 and 優秀賞
 * differ by shape, frame and words, not colour alone (see .award-mark--star in the site CSS).
 */
export const AwardMark: FC<{ categories: AwardCode[]; code: string; fiscalYear?: number; lang: Lang; won?: boolean; suspended?: boolean }> = ({ categories, code, fiscalYear, lang, won, suspended }) => {
  const name = categoryName(categories, code, lang);
  const emblem = awardEmblemOf({ code, ja: categories.find((c) => c.code === code)?.nameJa ?? '' }) ?? 'rosette';
  return (
    <span class={`award-mark award-mark--${emblem}`}>
      <Emblem emblem={emblem} />
      <span>
        {fiscalYear !== undefined ? `${formatFiscalYearShort(fiscalYear, lang)} ` : ''}
        {name}
        {suspended ? (lang === 'ja' ? '（一時停止中）' : ' (suspended)') : won && lang === 'ja' ? ' 受賞' : ''}
      </span>
    </span>
  );
};

/** 公表中: a published declaration now (a check mark and the word, not colour alone). */
const PublishedMark: FC<{ lang: Lang }> = ({ lang }) => (
  <span class="status status--published status-mark">
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d="M2.5 8.5l3.5 3.5 7.5-8" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
    {lang === 'ja' ? '自己宣言 公表中' : 'Declaration published'}
  </span>
);

/** A card's heading: the organization's name, linking to its page. */
const CardHeading: FC<{ organization: Organization; lang: Lang }> = ({ organization: o, lang }) => (
  <h3>
    <a href={localHref(`/organizations/${o.id}`, lang)}>
      <OrganizationName organization={o} lang={lang} />
    </a>
  </h3>
);

const OrganizationCard: FC<{ listing: PortalListing; categories: AwardCode[]; lang: Lang }> = ({ listing, categories, lang }) => {
  const { organization: o, publishedAt, awards } = listing;
  const ja = lang === 'ja';
  const identifier = o.kind === 'municipality' && o.localGovernmentCode
    ? `${ja ? '地方公共団体コード' : 'Local government code'} ${o.localGovernmentCode}`
    : o.corporateNumber
      ? `${ja ? '法人番号' : 'Corporate No.'} ${o.corporateNumber}`
      : null;
  return (
    <li class="card org-card">
      <p class="org-card__marks">
        {publishedAt ? <PublishedMark lang={lang} /> : null}
        {awards.map((a) => (
          <AwardMark categories={categories} code={a.categoryCode} fiscalYear={a.fiscalYear} lang={lang} won suspended={a.status === 'suspended'} />
        ))}
      </p>
      <CardHeading organization={o} lang={lang} />
      <p class="org-card__meta">
        <span class="kind-tag">{pick(lang, KIND_LABELS[o.kind])}</span>
        <span>
          {prefectureName(o.prefectureCode, lang)}
          {o.city ? ` ${o.city}` : ''}
        </span>
        {industryLabel(o.industryCode, lang) ? <span>{industryLabel(o.industryCode, lang)}</span> : null}
        {identifier ? <span>{identifier}</span> : null}
        {publishedAt ? (
          <span>
            {ja ? '公表日 ' : 'Published '}
            {formatDate(publishedAt, lang)}
          </span>
        ) : null}
      </p>
    </li>
  );
};

export const SORT_LABELS: Record<'recent' | 'name', { ja: string; en: string }> = {
  recent: { ja: '新しい順（公表日・表彰日）', en: 'Newest first (published or awarded)' },
  name: { ja: '名称順（よみがな）', en: 'By name (A–Z)' },
};

/** Numbered pages with previous and next, as plain links (no JavaScript); the current page is aria-current. */
export const Pagination: FC<{ lang: Lang; page: number; pageCount: number; hrefFor: (page: number) => string }> = ({ lang, page, pageCount, hrefFor }) => {
  if (pageCount <= 1) return null;
  const ja = lang === 'ja';
  // First, last and two either side of the current page; gaps shown as an ellipsis.
  const shown = [...new Set([1, pageCount, ...[-2, -1, 0, 1, 2].map((d) => page + d)])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label={ja ? 'ページ送り' : 'Pages'}>
      <ul>
        <li>
          {page > 1 ? (
            <a href={hrefFor(page - 1)} rel="prev">
              {ja ? '‹ 前へ' : '‹ Previous'}
            </a>
          ) : (
            <span class="pagination__off" aria-hidden="true">{ja ? '‹ 前へ' : '‹ Previous'}</span>
          )}
        </li>
        {shown.map((n, i) => (
          <>
            {i > 0 && n - shown[i - 1]! > 1 ? (
              <li class="pagination__gap" aria-hidden="true">
                …
              </li>
            ) : null}
            <li>
              <a href={hrefFor(n)} aria-current={n === page ? 'page' : undefined} aria-label={ja ? `${n}ページ目` : `Page ${n}`}>
                {n}
              </a>
            </li>
          </>
        ))}
        <li>
          {page < pageCount ? (
            <a href={hrefFor(page + 1)} rel="next">
              {ja ? '次へ ›' : 'Next ›'}
            </a>
          ) : (
            <span class="pagination__off" aria-hidden="true">{ja ? '次へ ›' : 'Next ›'}</span>
          )}
        </li>
      </ul>
    </nav>
  );
};

/** The list's order, changed with a GET form that keeps the search (works without JavaScript). */
const SortForm: FC<{ lang: Lang; filters: OrganizationFilters; sort: 'recent' | 'name' }> = ({ lang, filters, sort }) => {
  const ja = lang === 'ja';
  return (
    <form class="sort-form" method="get" action="/organizations">
      {Object.entries(filters).map(([name, value]) => (value === undefined || value === '' ? null : <input type="hidden" name={name} value={String(value)} />))}
      {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
      <label for="sort">{ja ? '並び順' : 'Order'}</label>
      <select id="sort" name="sort">
        {(['recent', 'name'] as const).map((key) => (
          <option value={key} selected={sort === key}>
            {pick(lang, SORT_LABELS[key])}
          </option>
        ))}
      </select>
      <button class="button button--secondary button--small" type="submit">
        {ja ? '並べ替える' : 'Sort'}
      </button>
    </form>
  );
};

export interface HomeFigures {
  figures: PortalFigures;
  /** With the award's partner municipality (連携自治体), when it has one. */
  recentAwards: { award: Award; organization: Organization; partner?: Organization | null }[];
}

/**
 * One figure: what it counts, and the number linking to those records. The link is named by both
 * (aria-labelledby: the label, then its own text), so a list of links reads 「公表中の自己宣言 3件」,
 * not 「3件」 beside 「3件」 of the awards going elsewhere.
 */
const Figure: FC<{ id: string; value: number; unit: string; label: string; href: string }> = ({ id, value, unit, label, href }) => (
  <div class="figure">
    <dt id={`${id}-label`}>{label}</dt>
    <dd>
      <a href={href} id={id} aria-labelledby={`${id}-label ${id}`}>
        <span class="figure__value">{formatCount(value)}</span>
        {unit ? <span class="figure__unit">{unit}</span> : null}
      </a>
    </dd>
  </div>
);

/** The home page's lead, also its description in search results. */
const HOME_LEAD = {
  ja: '「転職なき移住」を進める地方創生テレワーク。経営トップのコミットメントのもとで取組を自己宣言した団体と、表彰を受けた団体を公表しています。',
  en: 'Regional revitalization telework lets people move to the regions without changing jobs. This registry lists organizations that have declared their commitment, and those that received awards.',
};

export const HomePage: FC<{ lang: Lang; categories: AwardCode[] } & HomeFigures> = ({ lang, categories, figures, recentAwards }) => {
  const ja = lang === 'ja';
  return (
    <Layout lang={lang} title={ja ? 'ホーム' : 'Home'} description={HOME_LEAD[lang]} section="home" otherLangHref={localHref('/', ja ? 'en' : 'ja')}>
      <h1>{ja ? '地方創生テレワークに取り組む団体を探す' : 'Find organizations promoting regional revitalization telework'}</h1>
      <p class="lead">{HOME_LEAD[lang]}</p>
      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading">{ja ? '登録の状況' : 'The registry in figures'}</h2>
        <dl class="figures">
          <Figure id="figure-declarations" value={figures.declarations} unit={ja ? '件' : ''} label={ja ? '公表中の自己宣言' : 'Published declarations'} href={localHref('/organizations', lang)} />
          <Figure id="figure-companies" value={figures.companies} unit={ja ? '社' : ''} label={ja ? '企業' : 'Companies'} href={localHref('/organizations', lang, { kind: 'company' })} />
          <Figure id="figure-municipalities" value={figures.municipalities} unit={ja ? '団体' : ''} label={ja ? '自治体' : 'Municipalities'} href={localHref('/organizations', lang, { kind: 'municipality' })} />
          <Figure id="figure-awards" value={figures.awards} unit={ja ? '件' : ''} label={ja ? '表彰' : 'Awards'} href={localHref('/awards', lang)} />
        </dl>
      </section>
      <QuickSearch lang={lang} />
      {recentAwards.length > 0 ? (
        <section aria-labelledby="recent-awards-heading">
          <h2 id="recent-awards-heading">{ja ? '最近の受賞団体' : 'Recent awards'}</h2>
          <ul class="card-list card-list--grid">
            {recentAwards.map(({ award: a, organization: o, partner }) => (
              <li class="card">
                <p class="org-card__marks">
                  <AwardMark categories={categories} code={a.categoryCode} fiscalYear={a.fiscalYear} lang={lang} won suspended={a.status === 'suspended'} />
                </p>
                <CardHeading organization={o} lang={lang} />
                <p class="org-card__meta">
                  <span class="kind-tag">{pick(lang, KIND_LABELS[o.kind])}</span>
                  <span>{prefectureName(o.prefectureCode, lang)}</span>
                  <span>
                    {ja ? '表彰日 ' : 'Awarded on '}
                    {formatDate(a.awardedOn, lang)}
                  </span>
                </p>
                <PartnerMunicipality partner={partner} lang={lang} class="org-card__meta" />
              </li>
            ))}
          </ul>
          <p>
            <a href={localHref('/awards', lang)}>{ja ? 'すべての受賞団体を見る' : 'See all awards'}</a>
          </p>
        </section>
      ) : null}
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
      <section aria-labelledby="declaring-heading">
        <h2 id="declaring-heading">{ja ? '宣言する団体の方へ' : 'For organizations that want to declare'}</h2>
        <p>
          {ja
            ? '自己宣言の流れ、用意するもの、公表までの手続き、バッジの使い方をまとめています。'
            : 'How to declare, what to prepare, what happens until publication, and how to use the badge.'}
        </p>
        <p class="actions">
          <a class="button" href={localHref(GUIDE_PATH, lang)}>
            {ja ? '自己宣言の手引き' : 'How to declare'}
          </a>
          <a class="button button--secondary" href={localHref('/login', lang)}>
            {ja ? '団体の方のログイン' : 'Sign in (organizations)'}
          </a>
        </p>
      </section>
      <OpenDataLinks lang={lang} />
    </Layout>
  );
};

export const OrganizationsPage: FC<{
  lang: Lang;
  filters: OrganizationFilters;
  categories: AwardCode[];
  years: number[];
  listings: PortalListing[];
  total: number;
  page: number;
  pageSize: number;
  sort: 'recent' | 'name';
  hrefFor: (page: number) => string;
  searched: boolean;
  otherLangHref: string;
  /** The page asked for is malformed (400) or past the last one (404): say so instead of listing. */
  pageProblem?: PageProblem;
  lastPage?: number;
}> = ({ lang, filters, categories, years, listings, total, page, pageSize, sort, hrefFor, searched, otherLangHref, pageProblem, lastPage = 1 }) => {
  const ja = lang === 'ja';
  const title = ja ? '宣言団体・表彰団体を探す' : 'Find organizations';
  const documentTitle = pageProblem ? `${pick(lang, PAGE_PROBLEM_TITLES[pageProblem])} – ${title}` : page > 1 ? (ja ? `${title}（${page}ページ目）` : `${title} (page ${page})`) : title;
  return (
    <Layout lang={lang} title={documentTitle} section="organizations" otherLangHref={otherLangHref}>
      <h1>{title}</h1>
      <SearchForm lang={lang} filters={filters} categories={categories} years={years} sort={sort} />
      <p class="check-link">
        {ja ? '会員企業や取引先をまとめて調べるには: ' : 'Many companies to look up? '}
        <a href={localHref(CHECK_PATH, lang)}>{ja ? '法人番号でまとめて確認する' : 'Check a list of corporate numbers'}</a>
      </p>
      <section aria-labelledby="results-heading">
        <h2 id="results-heading">
          {searched ? (ja ? `検索結果（${formatCount(total)}件）` : `Results (${formatCount(total)})`) : ja ? '公表中の団体' : 'Listed organizations'}
        </h2>
        {pageProblem ? (
          <PageProblemNotice lang={lang} problem={pageProblem} total={total} lastPage={lastPage} hrefFor={hrefFor} />
        ) : (
          <ResultsList lang={lang} filters={filters} categories={categories} listings={listings} total={total} page={page} pageSize={pageSize} sort={sort} hrefFor={hrefFor} />
        )}
      </section>
      <OpenDataLinks lang={lang} />
    </Layout>
  );
};

/** The page's organizations: how many and in what order, the cards, and the numbered pages. */
const ResultsList: FC<{
  lang: Lang; filters: OrganizationFilters; categories: AwardCode[]; listings: PortalListing[]; total: number; page: number; pageSize: number; sort: 'recent' | 'name'; hrefFor: (page: number) => string;
}> = ({ lang, filters, categories, listings, total, page, pageSize, sort, hrefFor }) => {
  const ja = lang === 'ja';
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <>
      <div class="results-bar">
        <p id="results-summary" class="results-bar__count" aria-live="polite">
          {total === 0
            ? ja
              ? '該当する団体は 0 件です。'
              : 'No organization matches.'
            : ja
              ? `全 ${formatCount(total)} 件中 ${formatCount(first)}–${formatCount(last)} 件を表示（${pick(lang, SORT_LABELS[sort])}）`
              : `Showing ${formatCount(first)}–${formatCount(last)} of ${formatCount(total)} (${pick(lang, SORT_LABELS[sort]).toLowerCase()})`}
        </p>
        {total > 1 ? <SortForm lang={lang} filters={filters} sort={sort} /> : null}
      </div>
      {listings.length === 0 ? (
        <p>{ja ? '条件に合う団体は見つかりませんでした。条件を減らして検索してください。' : 'No organization matches. Try fewer conditions.'}</p>
      ) : (
        <ul class="card-list card-list--grid">
          {listings.map((listing) => (
            <OrganizationCard listing={listing} categories={categories} lang={lang} />
          ))}
        </ul>
      )}
      <Pagination lang={lang} page={page} pageCount={pageCount} hrefFor={hrefFor} />
    </>
  );
};

export type PageProblem = 'invalid' | 'past-end';

const PAGE_PROBLEM_TITLES: Record<PageProblem, { ja: string; en: string }> = {
  invalid: { ja: 'ページ番号が正しくありません', en: 'Invalid page number' },
  'past-end': { ja: 'このページはありません', en: 'There is no such page' },
};

/** In place of the list: what is wrong with the page asked for, and the way to the first and the last page (the search kept). */
const PageProblemNotice: FC<{ lang: Lang; problem: PageProblem; total: number; lastPage: number; hrefFor: (page: number) => string }> = ({ lang, problem, total, lastPage, hrefFor }) => {
  const ja = lang === 'ja';
  const extent =
    total === 0
      ? ja ? '条件に合う団体はないため、1ページ目だけです。' : 'No organization matches, so there is only page 1.'
      : ja ? `この一覧は全 ${formatCount(total)} 件、${formatCount(lastPage)} ページまでです。` : `This list has ${formatCount(total)} organization${total === 1 ? '' : 's'} on ${formatCount(lastPage)} page${lastPage === 1 ? '' : 's'}.`;
  return (
    <div class="notice notice--error" id="page-problem">
      <p>
        <strong>{pick(lang, PAGE_PROBLEM_TITLES[problem])}</strong>
      </p>
      <p>
        {problem === 'invalid' ? (ja ? 'ページ番号（page）は 1 以上の整数で指定してください。' : 'The page number (page) must be a whole number, 1 or more.') + (ja ? '' : ' ') : ''}
        {extent}
      </p>
      <ul class="link-list">
        <li>
          <a href={hrefFor(1)}>{ja ? '最初のページへ' : 'Go to the first page'}</a>
        </li>
        {lastPage > 1 ? (
          <li>
            <a href={hrefFor(lastPage)}>{ja ? `最後のページ（${formatCount(lastPage)}ページ目）へ` : `Go to the last page (page ${formatCount(lastPage)})`}</a>
          </li>
        ) : null}
      </ul>
    </div>
  );
};

export interface DeclarationView {
  /** As the public sees it: a renewal under review reads as expired, with its last published content. */
  declaration: Declaration;
  credentialId: string | null;
  /** Expired, and the organization's renewal is under review (not yet published). */
  renewalUnderReview?: boolean;
  /** When it was suspended (declarations.suspendedAt), if it is. */
  suspendedAt?: string | null;
  /** Every state the public has seen it in (publicTimeline), oldest first. */
  timeline?: PublicStep[];
}
export interface AwardView {
  award: Award;
  credentialId: string | null;
  /** Its partner municipality (連携自治体), if it has one. */
  partner?: Organization | null;
}
/** A badge the organization holds now: its live credential (valid, or suspended and shown as such). */
export interface OrganizationBadge {
  credentialId: string;
  kind: 'declaration' | 'award';
  award?: Award;
  suspended: boolean;
}

/** The organization's badges side by side, each image linking to its verification page. */
const BadgeGallery: FC<{ lang: Lang; organization: Organization; badges: OrganizationBadge[]; categories: AwardCode[]; divisions: AwardCode[] }> = ({ lang, organization, badges, categories, divisions }) => {
  const ja = lang === 'ja';
  if (badges.length === 0) return null;
  return (
    <section aria-labelledby="badges-heading">
      <h2 id="badges-heading">{ja ? 'バッジ' : 'Badges'}</h2>
      <p>
        {ja
          ? 'この団体が掲示できるバッジです。画像を選ぶと、本物か・現在も有効かを確かめる検証ページが開きます。'
          : 'The badges this organization may display. Select one to open its verification page, which says whether it is genuine and valid now.'}
      </p>
      <ul class="badge-gallery">
        {badges.map((b) => {
          const what = badgeSubject(lang, categories, divisions, b.kind === 'award' ? b.award : undefined);
          return (
            <li class="badge-gallery__item">
              <a href={localHref(`/v/${b.credentialId}`, lang)}>
                <img
                  src={`/credentials/${b.credentialId}/badge.svg?size=compact`}
                  alt={`${badgeAlt(lang, organization, what)}${ja ? '（検証ページを開く）' : ' (opens its verification page)'}`}
                  width="320"
                  height="204"
                  loading="lazy"
                />
              </a>
              <p class="badge-gallery__caption">
                {b.kind === 'award' && b.award ? (
                  <>
                    <AwardMark categories={categories} code={b.award.categoryCode} fiscalYear={b.award.fiscalYear} lang={lang} />
                    {b.award.divisionCode ? <span>{divisionSuffix(divisions, b.award.divisionCode, lang).trim()}</span> : null}
                  </>
                ) : (
                  <strong>{what}</strong>
                )}
                {b.suspended ? <span class="status status--suspended">{ja ? '一時停止中' : 'Suspended'}</span> : null}
              </p>
              <p class="badge-gallery__caption">
                <a href={localHref(`/v/${b.credentialId}`, lang)}>
                  {ja ? '検証ページ' : 'Verification page'}
                  <WhichBadge lang={lang} subject={what} />
                </a>
                <span class="muted"> · ID {shortCredentialId(b.credentialId)}</span>
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
};

export const OrganizationPage: FC<{
  lang: Lang; organization: Organization; declarations: DeclarationView[]; awards: AwardView[]; categories: AwardCode[];
  /** The award divisions (部門), to name an award's after its category. */
  divisions?: AwardCode[];
  /** Embed kits of the currently valid credentials, by credential id (badgeEmbedKits). */
  badgeKits?: Record<string, BadgeEmbedKit>;
  /** False where no PNG renderer runs (Workers): the PNG link is left out. */
  pngBadge?: boolean;
  /** The badges it holds now (declaration first, then awards). */
  badges?: OrganizationBadge[];
}> = ({ lang, organization: o, declarations, awards, categories, divisions = [], badgeKits = {}, pngBadge = true, badges = [] }) => {
  const ja = lang === 'ja';
  const website = safeWebsite(o.website);
  const title = lang === 'en' && o.nameEn ? o.nameEn : o.name;
  const description = organizationDescription(lang, o, prefectureName(o.prefectureCode, lang), badges, categories, divisions);
  const { publicBaseUrl } = useSiteFrame();
  const preview = linkPreviewMeta(lang, { title, description, url: publicBaseUrl ? `${publicBaseUrl}/organizations/${o.id}` : null });
  return (
    <Layout lang={lang} title={title} description={description} meta={preview} section="organizations" otherLangHref={localHref(`/organizations/${o.id}`, ja ? 'en' : 'ja')}>
      {/* The name in the page's language as the heading, the other one under it. */}
      {lang === 'en' && o.nameEn ? (
        <h1>
          {o.nameEn}
          <br />
          <span class="lead" lang="ja">
            {o.name}
          </span>
        </h1>
      ) : (
        <h1 lang={ja ? undefined : 'ja'}>
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
      )}
      <dl class="facts">
        {o.nameKana ? (
          <div>
            <dt>{ja ? 'ふりがな' : 'Reading'}</dt>
            <dd lang="ja">{o.nameKana}</dd>
          </div>
        ) : null}
        <div>
          <dt>{ja ? '種別' : 'Kind'}</dt>
          <dd>{pick(lang, KIND_LABELS[o.kind])}</dd>
        </div>
        {o.kind === 'municipality' && o.localGovernmentCode ? (
          <div>
            <dt>{ja ? '地方公共団体コード' : 'Local government code'}</dt>
            <dd>{o.localGovernmentCode}</dd>
          </div>
        ) : o.corporateNumber ? (
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
      <BadgeGallery lang={lang} organization={o} badges={badges} categories={categories} divisions={divisions} />
      <h2>{ja ? '自己宣言' : 'Self-declarations'}</h2>
      {declarations.length === 0 ? <p>{ja ? '公表中の自己宣言はありません。' : 'No published self-declaration.'}</p> : null}
      <ul class="card-list">
        {declarations.map(({ declaration: d, credentialId, renewalUnderReview, suspendedAt, timeline = [] }) => {
          const areas = d.content.publicFields.includes('guidelineAreas') ? d.content.guidelineAreas : [];
          const policy = d.content.publicFields.includes('policy') ? d.content.policy : null;
          return (
            <li class="card">
              <h3>
                {ja ? '地方創生テレワーク自己宣言' : 'Telework self-declaration'} <span class={`status status--${d.status}`}>{pick(lang, STATUS_LABELS[d.status])}</span>
                {renewalUnderReview ? <span class="status status--renewal">{pick(lang, RENEWAL_UNDER_REVIEW)}</span> : null}
              </h3>
              {renewalUnderReview ? <p class="renewal-note">{pick(lang, RENEWAL_UNDER_REVIEW_NOTE)}</p> : null}
              {d.content.publicFields.includes('committedOn') ? (
                <p>
                  {ja ? '宣言日: ' : 'Committed on: '}
                  {formatDate(d.content.committedOn, lang)}
                </p>
              ) : null}
              {d.validFrom ? <ValidityPeriod declaration={d} lang={lang} /> : null}
              <SuspendedOn status={d.status} at={suspendedAt ?? d.updatedAt} lang={lang} />
              <StatusReason status={d.status} code={d.statusReason} lang={lang} />
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
              {d.status === 'published' ? <ConsentedDetails content={d.content} lang={lang} kind={o.kind} /> : null}
              <PublicHistory steps={timeline} lang={lang} />
              <VerifyBadgeLink credentialId={credentialId} lang={lang} subject={badgeSubject(lang, categories, divisions)} />
              <BadgeEmbed kit={credentialId ? badgeKits[credentialId] : undefined} lang={lang} pngBadge={pngBadge} subject={badgeSubject(lang, categories, divisions)} alt={badgeAlt(lang, o, badgeSubject(lang, categories, divisions))} />
            </li>
          );
        })}
      </ul>
      <h2>{ja ? '表彰' : 'Awards'}</h2>
      {awards.length === 0 ? <p>{ja ? '表彰の記録はありません。' : 'No award.'}</p> : null}
      <ul class="card-list">
        {awards.map(({ award: a, credentialId, partner }) => (
          <li class="card">
            <h3>
              {formatFiscalYear(a.fiscalYear, lang)} {categoryName(categories, a.categoryCode, lang)}
              {divisionSuffix(divisions, a.divisionCode, lang)}
              {a.status === 'suspended' ? <span class="status status--suspended">{ja ? '一時停止中' : 'Suspended'}</span> : null}
            </h3>
            <SuspendedOn status={a.status} at={a.updatedAt} lang={lang} />
            <StatusReason status={a.status} code={a.statusReason} lang={lang} />
            <p>
              <AwardMark categories={categories} code={a.categoryCode} lang={lang} />
              {a.awardedOn ? <span class="muted"> · {ja ? '表彰日 ' : 'Awarded on '}{formatDate(a.awardedOn, lang)}</span> : null}
            </p>
            <PartnerMunicipality partner={partner} lang={lang} />
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
            <VerifyBadgeLink credentialId={credentialId} lang={lang} subject={badgeSubject(lang, categories, divisions, a)} />
            <BadgeEmbed kit={credentialId ? badgeKits[credentialId] : undefined} lang={lang} pngBadge={pngBadge} subject={badgeSubject(lang, categories, divisions, a)} alt={badgeAlt(lang, o, badgeSubject(lang, categories, divisions, a))} />
          </li>
        ))}
      </ul>
      {Object.keys(badgeKits).length > 0 ? <script src={COPY_JS_PATH} defer></script> : null}
    </Layout>
  );
};

/**
 * 有効期間: from〜until (formatRange). A withdrawn or revoked declaration no longer runs to its valid-until date:
 * its period ends the day it was withdrawn or revoked (or at its end, when it expired first), and
 * that day is named as on its verification page. The day is its updatedAt as the public sees it
 * (publicDeclarationOf): nothing changes a withdrawn or revoked declaration afterwards.
 */
const ValidityPeriod: FC<{ declaration: Declaration; lang: Lang }> = ({ declaration: d, lang }) => {
  const ended = d.status === 'withdrawn' || d.status === 'revoked' ? d.status : null;
  const end = ended && (!d.validUntil || d.updatedAt < d.validUntil) ? d.updatedAt : d.validUntil;
  return (
    <>
      <p>
        {lang === 'ja' ? '有効期間: ' : 'Valid: '}
        {formatRange(formatDate(d.validFrom, lang), formatDate(end, lang), lang)}
      </p>
      {ended ? <ChangedOn status={ended} at={d.updatedAt} lang={lang} /> : null}
    </>
  );
};

/** 取下げ日 / 取消日 / 一時停止日 and the day, labelled as on the verification page (CHANGED_ON). */
const ChangedOn: FC<{ status: keyof typeof CHANGED_ON; at: string; lang: Lang }> = ({ status, at, lang }) => (
  <p>
    {pick(lang, CHANGED_ON[status]!)}
    {lang === 'ja' ? ': ' : ' '}
    {formatDate(at, lang)}
  </p>
);

/**
 * これまでの経過: each state the public has seen the declaration in, with the day it began, so a
 * subsidy office reading the page can tell whether it was in force on the day a company applied
 * (the lookup's `on` answers the same for programs). Only once there is more than its publication
 * to tell; folded, without JavaScript.
 */
const PublicHistory: FC<{ steps: PublicStep[]; lang: Lang }> = ({ steps, lang }) =>
  steps.length > 1 ? (
    <details class="public-history">
      <summary>{lang === 'ja' ? 'これまでの経過' : 'History'}</summary>
      <ol>
        {steps.map((step) => (
          <li>
            <time datetime={step.at}>{formatDate(step.at, lang)}</time> {pick(lang, STATUS_LABELS[step.status])}
            {step.renewalUnderReview ? `（${pick(lang, RENEWAL_UNDER_REVIEW)}）` : ''}
          </li>
        ))}
      </ol>
    </details>
  ) : null;

/**
 * 一時停止日: the day a suspended declaration or award was suspended, as its verification page
 * says (statusChangeOf: a declaration's suspendedAt, an award's updatedAt). A suspension may be
 * lifted, so unlike a withdrawal it does not end the validity period.
 */
const SuspendedOn: FC<{ status: string; at: string; lang: Lang }> = ({ status, at, lang }) =>
  status === 'suspended' ? <ChangedOn status="suspended" at={at} lang={lang} /> : null;

/**
 * 理由: why the secretariat suspended or revoked it, as its verification page says (the code's
 * label; never the secretariat's note). A declaration's code is already the public one (publicDeclarationOf).
 */
const StatusReason: FC<{ status: string; code: string | null; lang: Lang }> = ({ status, code, lang }) => {
  const label = status === 'suspended' || status === 'revoked' ? reasonLabel(status === 'revoked' ? 'revoke' : 'suspend', code) : null;
  return label ? (
    <p>
      {pick(lang, REASON_LABEL)}: {pick(lang, label)}
    </p>
  ) : null;
};

/** The rest of what the organization consented to publish, in the order and with the labels of its declaration form. */
const CONSENTED_DETAILS = ['signerName', 'signerTitle', 'sharedOn', 'purposes', 'measures'] as const satisfies readonly PublishableField[];

/**
 * A published declaration's signer, date shared internally, purposes and measures, each only if
 * the organization consented to publish it (as the public API and the open data do), as its
 * declaration form's preview promised. Free text stays in Japanese; codes are named in the page's language.
 */
const ConsentedDetails: FC<{ content: DeclarationContent; lang: Lang; kind: OrganizationKind }> = ({ content, lang, kind }) => {
  const shown = CONSENTED_DETAILS.filter((field) => {
    if (!content.publicFields.includes(field)) return false;
    const value = content[field];
    return Array.isArray(value) ? value.length > 0 : !!value;
  });
  if (shown.length === 0) return null;
  return (
    <dl class="facts declaration-details">
      {shown.map((field) => (
        <div>
          <dt>{fieldLabelsFor(kind)[field][lang]}</dt>
          {field === 'purposes' ? (
            <dd>
              <ul class="declaration-details__purposes">
                {content.purposes.map((code) => (
                  <li>{purposeLabel(code, lang)}</li>
                ))}
              </ul>
            </dd>
          ) : field === 'sharedOn' ? (
            <dd>{formatDate(content.sharedOn!, lang)}</dd>
          ) : (
            <dd class={field === 'measures' ? 'prose' : undefined} lang="ja">
              {content[field]}
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
};

/**
 * For a currently valid credential: the badge to put on the organization's own site (the compact
 * card, readable 240–320 px wide), its snippet with a copy button, and the image downloads. In a
 * <details> so the page stays short; it opens without JavaScript.
 */
const BadgeEmbed: FC<{
  kit: BadgeEmbedKit | undefined; lang: Lang; pngBadge: boolean;
  /** What the badge is for (badgeSubject), read after each download link and the copy button. */
  subject: string;
  /** The preview's text alternative in the page's language (as the snippet's own). */
  alt: string;
}> = ({ kit, lang, pngBadge, subject, alt }) => {
  if (!kit) return null;
  const ja = lang === 'ja';
  const id = kit.credentialId;
  return (
    <details class="badge-embed">
      <summary>{ja ? 'このバッジをウェブサイトに掲載する' : 'Show this badge on a website'}</summary>
      <img class="badge-preview badge-embed__preview" src={`/credentials/${id}/badge.svg?size=compact`} alt={alt} width="320" height="204" loading="lazy" />
      <EmbedSnippet
        id={`embed-${id}`}
        html={kit.embedHtml}
        lang={lang}
        subject={subject}
        hint={
          ja
            ? '貼り付けると小型のバッジが表示され、クリックすると検証ページが開きます。一時停止・取消・期限切れの後は「現在有効ではありません」と表示されます。'
            : 'Paste it to show the compact badge; a click opens its verification page. After a suspension, revocation or expiry it shows "Not currently valid".'
        }
      />
      <h3>{ja ? '画像のダウンロード' : 'Download the images'}</h3>
      <ul class="link-list">
        <li>
          <a href={`/credentials/${id}/badge.svg`} download={`telework-badge-${id}.svg`}>
            {ja ? 'バッジ（SVG）' : 'Badge (SVG)'}
            <WhichBadge lang={lang} subject={subject} />
          </a>
        </li>
        {pngBadge ? (
          <li>
            <a href={`/credentials/${id}/badge.png`} download={`telework-badge-${id}.png`}>
              {ja ? 'バッジ（PNG）' : 'Badge (PNG)'}
              <WhichBadge lang={lang} subject={subject} />
            </a>
          </li>
        ) : null}
        <li>
          <a href={`/credentials/${id}/badge.svg?size=compact`} download={`telework-badge-compact-${id}.svg`}>
            {ja ? '小型バッジ（SVG）' : 'Compact badge (SVG)'}
            <WhichBadge lang={lang} subject={subject} />
          </a>
        </li>
        <li>
          <a href={`/credentials/${id}/qr.svg`} download={`qr-${id}.svg`}>
            {ja ? 'QRコード（SVG）' : 'QR code (SVG)'}
            <WhichBadge lang={lang} subject={subject} />
          </a>
        </li>
      </ul>
    </details>
  );
};

/** The link from a declaration or award to its badge's verification page, when it has one. */
const VerifyBadgeLink: FC<{ credentialId: string | null | undefined; lang: Lang; subject: string }> = ({ credentialId, lang, subject }) =>
  credentialId ? (
    <p>
      <a href={localHref(`/v/${credentialId}`, lang)}>
        {lang === 'ja' ? 'バッジを確認する' : 'Verify the badge'}
        <WhichBadge lang={lang} subject={subject} />
      </a>
    </p>
  ) : null;

export const AwardsPage: FC<{
  lang: Lang;
  /** Only the fiscal years that have awards, newest first. */
  years: number[];
  selectedYear: number | undefined;
  groups: { fiscalYear: number; items: { award: Award; organization: Organization; partner?: Organization | null }[] }[];
  categories: AwardCode[];
  /** The award divisions (部門): an award's is named on its card. */
  divisions?: AwardCode[];
}> = ({ lang, years, selectedYear, groups, categories, divisions = [] }) => {
  const ja = lang === 'ja';
  return (
    <Layout lang={lang} title={ja ? '表彰団体' : 'Awards'} section="awards" otherLangHref={localHref('/awards', ja ? 'en' : 'ja', { fiscalYear: selectedYear })}>
      <h1>{ja ? '地方創生テレワーク表彰 受賞団体' : 'Regional Revitalization Telework Awards'}</h1>
      <p>
        {ja
          ? '地方創生テレワークに取り組む企業・自治体のうち、特に優れた取組に大臣賞、優れた取組に優秀賞が贈られます。'
          : "Among the companies and municipalities practising regional revitalization telework, the most outstanding receive the Minister's Award and excellent ones the Excellence Award."}
      </p>
      <ul class="award-legend" aria-label={ja ? '表彰の種類' : 'Award categories'}>
        {[...categories].sort((a, b) => a.sortOrder - b.sortOrder).map((c) => (
          <li>
            <AwardMark categories={categories} code={c.code} lang={lang} />
          </li>
        ))}
      </ul>
      {years.length > 0 ? (
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
      ) : null}
      {groups.length === 0 ? (
        <p>{selectedYear !== undefined ? (ja ? 'この年度の表彰はありません。' : 'No awards for this year.') : ja ? '表彰の記録はまだありません。' : 'No awards yet.'}</p>
      ) : null}
      {groups.map((group) => (
        <section aria-labelledby={`fy-${group.fiscalYear}`}>
          <h2 id={`fy-${group.fiscalYear}`}>{formatFiscalYear(group.fiscalYear, lang)}</h2>
          <ul class="card-list card-list--grid">
            {group.items.map(({ award: a, organization: o, partner }) => (
              <li class="card">
                <p class="org-card__marks">
                  <AwardMark categories={categories} code={a.categoryCode} lang={lang} />
                  {a.divisionCode ? <span>{divisionSuffix(divisions, a.divisionCode, lang).trim()}</span> : null}
                  {a.status === 'suspended' ? <span class="status status--suspended">{ja ? '一時停止中' : 'Suspended'}</span> : null}
                </p>
                <CardHeading organization={o} lang={lang} />
                <p class="org-card__meta">
                  <span class="kind-tag">{pick(lang, KIND_LABELS[o.kind])}</span>
                  <span>{prefectureName(o.prefectureCode, lang)}</span>
                  {a.awardedOn ? <span>{ja ? '表彰日 ' : 'Awarded on '}{formatDate(a.awardedOn, lang)}</span> : null}
                </p>
                <PartnerMunicipality partner={partner} lang={lang} class="org-card__meta" />
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
