/** @jsxImportSource hono/jsx */
import type { Statistics } from '../../domain/statistics.js';
import { BarChart } from './bar-chart.js';

const PAGE_CSS = `
:root { font-family: "Noto Sans JP", "Hiragino Sans", "BIZ UDPGothic", Meiryo, sans-serif; color: #1a1a1c; line-height: 1.7; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.75rem; margin: 0.5rem 0; } h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; }
a { color: #0017c1; } a:focus-visible, summary:focus-visible { outline: 3px solid #c55f00; outline-offset: 2px; }
.as-of { color: #4d4d50; margin: 0 0 1rem; }
.totals { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style: none; }
.totals li { border: 1px solid #b4b4b8; border-radius: 8px; padding: 0.75rem 1rem; min-width: 12rem; }
.totals strong { display: block; font-size: 2rem; line-height: 1.2; }
.chart-scroll { overflow-x: auto; } .chart { max-width: none; height: auto; }
figure { margin: 0; } figcaption { color: #4d4d50; font-size: 0.9rem; }
details { margin: 0.5rem 0 1rem; } summary { cursor: pointer; color: #0017c1; }
table { border-collapse: collapse; margin-top: 0.5rem; } caption { text-align: left; font-weight: bold; }
th, td { border: 1px solid #b4b4b8; padding: 0.25rem 0.75rem; text-align: left; } td.number { text-align: right; }
`;

/** "2025-04" → "2025年4月". */
const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

const largest = (bars: { label: string; value: number }[]) => {
  const top = bars.reduce<{ label: string; value: number } | null>((best, bar) => (!best || bar.value > best.value ? bar : best), null);
  return top && top.value > 0 ? `最多は${top.label}の${top.value}件。` : 'すべて0件。';
};

/** The secretariat's statistics page: totals first, then one chart per question, each with its table. */
export function StatisticsPage({ stats, asOfLabel }: { stats: Statistics; asOfLabel: string }) {
  const d = stats.declarations;
  const months = d.publicationsByMonth.map((m) => ({ label: monthLabel(m.month), value: m.count }));
  const prefectures = d.publishedByPrefecture.filter((p) => p.count > 0).map((p) => ({ label: p.name.ja, value: p.count }));
  const industries = d.publishedByIndustry.filter((i) => i.count > 0).map((i) => ({ label: i.code ? `${i.code} ${i.name.ja}` : i.name.ja, value: i.count }));
  const statuses = d.byStatus.map((s) => ({ label: s.label.ja, value: s.count }));
  const awardYears = stats.awards.byFiscalYear.map((y) => ({ label: y.label.ja, value: y.count }));
  const awardCategories = stats.awards.byCategory.map((c) => ({ label: c.name.ja, value: c.count }));
  return (
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>統計 | 地方創生テレワーク宣言・表彰レジストリ 事務局</title>
        <style>{PAGE_CSS}</style>
      </head>
      <body>
        <main>
          <h1>統計 <span lang="en">Statistics</span></h1>
          <p class="as-of">{asOfLabel}</p>
          <ul class="totals">
            <li>公表中の宣言<strong>{d.publishedNow}件</strong></li>
            <li>表彰（取消を除く）<strong>{stats.awards.total}件</strong></li>
          </ul>
          <BarChart id="by-month" orientation="columns" title="月別の宣言公表件数" labelHeader="月" bars={months}
            description={`宣言を公表した件数を月ごとに示す縦棒グラフ（日本時間）。${largest(months)}`} />
          <BarChart id="by-prefecture" title="都道府県別の公表中の宣言" labelHeader="都道府県" bars={prefectures}
            description={`公表中の宣言を都道府県別に示す横棒グラフ。0件の都道府県は省略。${largest(prefectures)}`} />
          <BarChart id="by-industry" title="業種別の公表中の宣言" labelHeader="業種（日本標準産業分類）" bars={industries}
            description={`公表中の宣言を業種（大分類）別に示す横棒グラフ。0件の業種は省略。${largest(industries)}`} />
          <BarChart id="by-status" title="状態別の宣言" labelHeader="状態" bars={statuses}
            description={`すべての宣言を現在の状態別に示す横棒グラフ。${largest(statuses)}`} />
          <BarChart id="awards-by-year" title="年度別の表彰件数" labelHeader="年度" bars={awardYears}
            description={`取消を除く表彰を年度別に示す横棒グラフ。${largest(awardYears)}`} />
          <BarChart id="awards-by-category" title="賞別の表彰件数" labelHeader="賞" bars={awardCategories}
            description={`取消を除く表彰を賞別に示す横棒グラフ。${largest(awardCategories)}`} />
          <p>
            同じ数値を JSON で取得できます: <a href="/api/v1/statistics"><code>GET /api/v1/statistics</code></a>
            （管理者トークンが必要です）。
          </p>
        </main>
      </body>
    </html>
  );
}
