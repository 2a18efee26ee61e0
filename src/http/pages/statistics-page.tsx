import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { Statistics } from '../../domain/statistics.js';
import type { Registry } from '../../registry.js';
import type { AppEnv } from '../env.js';
import { readStatistics } from '../routes/statistics.js';
import { StatisticsContent } from '../statistics/statistics-page.js';
import { formatAsOf } from './format.js';
import { htmlPage } from './http-helpers.js';
import { webLang } from '../web/page.js';
import { localHref, type Lang } from './i18n.js';
import { Layout } from './layout.js';

export const STATISTICS_PATH = '/statistics';

/**
 * /statistics: the registry in figures for the public, the press and municipalities (見える化, and
 * the PDCA cycle the seed asks for): declarations published by month, by prefecture and by
 * industry, awards by year and category. The same charts and tables as the back office's, but not
 * the declarations by status (drafts, returns and reviews are the secretariat's work).
 */
const PublicStatisticsPage: FC<{ lang: Lang; stats: Statistics; asOf: Date }> = ({ lang, stats, asOf }) => {
  const ja = lang === 'ja';
  return (
    <Layout lang={lang} title={ja ? '数字で見る宣言と表彰' : 'Declarations and awards in figures'} section={null} otherLangHref={localHref(STATISTICS_PATH, ja ? 'en' : 'ja')}>
      <h1>{ja ? '数字で見る宣言と表彰' : 'Declarations and awards in figures'}</h1>
      <p class="lead">
        {ja
          ? '地方創生テレワークの自己宣言と表彰の件数を、月別・都道府県別・業種別・年度別に示します。数字は登録簿の現在の記録から数えています。'
          : 'The numbers of regional revitalization telework declarations and awards, by month, prefecture, industry and fiscal year, counted from the registry’s records as they are now.'}
      </p>
      <div class="statistics-view">
        <StatisticsContent stats={stats} asOfLabel={formatAsOf(asOf, lang)} lang={lang} audience="public" />
      </div>
      <p>
        {ja ? '一件ずつのデータは' : 'Each declaration and award is in the '}
        <a href={`${localHref('/organizations', lang)}#open-data-heading`}>{ja ? 'オープンデータ' : 'open data'}</a>
        {ja ? '（CSV・JSON）で入手できます。' : ' (CSV and JSON).'}
      </p>
    </Layout>
  );
};

export function publicStatisticsRoutes(registry: Registry) {
  return new Hono<AppEnv>().get(STATISTICS_PATH, async (c) => {
    const { stats, asOf } = await readStatistics(registry);
    return htmlPage(c, <PublicStatisticsPage lang={webLang(c)} stats={stats} asOf={asOf} />);
  });
}
