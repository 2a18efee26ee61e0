// The pages at the Achievement addresses the badges name (achievement-routes.tsx): what a person
// who opens one from a wallet or a badge viewer learns there. Every text comes from the
// Achievement object the credentials embed, so the page says what the badge says.
import type { FC } from 'hono/jsx';
import type { AwardCode } from '../../domain/model.js';
import { formatFiscalYearEn, formatFiscalYearJa } from '../../domain/fiscal-year.js';
import { GUIDELINE_TEXTS } from '../../domain/guideline-texts.js';
import type { Achievement } from './achievement-definitions.js';
import { localHref, type Lang } from './i18n.js';
import { Layout } from './layout.js';

type Alignment = { targetCode: string; targetName: string; targetNameEn?: string; targetDescription?: string };
const text = (achievement: Achievement, key: string, lang: Lang) => String(achievement[lang === 'ja' ? key : `${key}En`] ?? achievement[key] ?? '');
const criteriaOf = (achievement: Achievement, lang: Lang) => text(achievement.criteria as Achievement, 'narrative', lang);

/** How the page came to be: an Open Badges Achievement, and where a badge is checked. */
const AboutThisPage: FC<{ lang: Lang }> = ({ lang }) => (
  <section aria-labelledby="about-achievement">
    <h2 id="about-achievement">{lang === 'ja' ? 'このページについて' : 'About this page'}</h2>
    <p>
      {lang === 'ja'
        ? 'このアドレスは、登録簿が発行するデジタルバッジ（Open Badges 3.0）が「何を示すバッジか」として記載しているものです。個々のバッジが本物で現在有効かどうかは、'
        : 'The digital badges (Open Badges 3.0) the registry issues name this address as what they stand for. Whether a particular badge is genuine and valid now is shown on '}
      <a href={localHref('/verify', lang)}>{lang === 'ja' ? 'バッジを確認する' : 'Verify a badge'}</a>
      {lang === 'ja' ? 'で確認できます。' : '.'}
    </p>
  </section>
);

/** The self-declaration: its criteria, and the five areas of the guideline (each `#code`, where a badge's alignment points). */
export const DeclarationAchievementPage: FC<{ lang: Lang; achievement: Achievement; path: string }> = ({ lang, achievement, path }) => {
  const ja = lang === 'ja';
  const title = text(achievement, 'name', lang);
  const areas = achievement.alignment as Alignment[];
  return (
    <Layout lang={lang} title={title} section={null} otherLangHref={localHref(path, ja ? 'en' : 'ja')} description={text(achievement, 'description', lang)}>
      <h1>{title}</h1>
      <p class="lead">{text(achievement, 'description', lang)}</p>
      <section aria-labelledby="achievement-criteria">
        <h2 id="achievement-criteria">{ja ? '宣言の基準（宣言が約束すること）' : 'Criteria (what the declaration commits to)'}</h2>
        <p>{criteriaOf(achievement, lang)}</p>
      </section>
      <section id="guideline-areas" aria-labelledby="guideline-areas-heading">
        <h2 id="guideline-areas-heading">{ja ? '社内制度整備ガイドラインの5つの分野' : 'The five areas of the guidelines for internal rules'}</h2>
        <p>
          {ja
            ? '宣言する団体は、次の分野のうち取り組むものを宣言します。バッジには、その団体が宣言した分野が記載されます。'
            : 'A declaring organization declares the areas below it works on; its badge names the areas it declared.'}
        </p>
        {areas.map((area) => (
          <section id={area.targetCode} aria-labelledby={`${area.targetCode}-heading`}>
            <h3 id={`${area.targetCode}-heading`}>{ja ? area.targetName : (area.targetNameEn ?? area.targetName)}</h3>
            <p>{ja ? area.targetDescription : (GUIDELINE_TEXTS[area.targetCode]?.en ?? area.targetDescription)}</p>
          </section>
        ))}
      </section>
      <section aria-labelledby="achievement-holders">
        <h2 id="achievement-holders">{ja ? '宣言している団体' : 'Organizations that have declared'}</h2>
        <p>
          <a href={localHref('/organizations', lang)}>{ja ? '宣言団体を探す' : 'Find organizations'}</a>
        </p>
      </section>
      <AboutThisPage lang={lang} />
    </Layout>
  );
};

/** An award of a year and category (and division): the year as 令和N年度, the names the badge gives, its criteria, and who received it. */
export const AwardAchievementPage: FC<{ lang: Lang; achievement: Achievement; path: string; fiscalYear: number; category: AwardCode; division: AwardCode | null }> = ({
  lang, achievement, path, fiscalYear, category, division,
}) => {
  const ja = lang === 'ja';
  const title = text(achievement, 'name', lang);
  const name = (code: AwardCode) => (ja ? code.nameJa : code.nameEn);
  return (
    <Layout lang={lang} title={title} section={null} otherLangHref={localHref(path, ja ? 'en' : 'ja')} description={text(achievement, 'description', lang)}>
      <h1>{title}</h1>
      <dl class="facts">
        <div>
          <dt>{ja ? '年度' : 'Fiscal year'}</dt>
          <dd>{ja ? formatFiscalYearJa(fiscalYear) : formatFiscalYearEn(fiscalYear)}</dd>
        </div>
        <div>
          <dt>{ja ? '賞' : 'Award'}</dt>
          <dd>{name(category)}</dd>
        </div>
        {division ? (
          <div>
            <dt>{ja ? '部門' : 'Division'}</dt>
            <dd>{name(division)}</dd>
          </div>
        ) : null}
      </dl>
      <p class="lead">{text(achievement, 'description', lang)}</p>
      <section aria-labelledby="achievement-criteria">
        <h2 id="achievement-criteria">{ja ? '表彰の基準' : 'Criteria'}</h2>
        <p>{criteriaOf(achievement, lang)}</p>
      </section>
      <section aria-labelledby="achievement-holders">
        <h2 id="achievement-holders">{ja ? '受賞した団体' : 'Organizations that received it'}</h2>
        <ul class="link-list">
          <li>
            <a href={localHref('/organizations', lang, { awardYear: fiscalYear, awardCategory: category.code })}>
              {ja ? `${formatFiscalYearJa(fiscalYear)}の${category.nameJa}を受賞した団体` : `Organizations that received the ${category.nameEn} for FY${fiscalYear}`}
            </a>
          </li>
          <li>
            <a href={localHref('/awards', lang, { fiscalYear })}>{ja ? `${formatFiscalYearJa(fiscalYear)}の表彰の一覧` : `All awards of FY${fiscalYear}`}</a>
          </li>
        </ul>
      </section>
      <AboutThisPage lang={lang} />
    </Layout>
  );
};
