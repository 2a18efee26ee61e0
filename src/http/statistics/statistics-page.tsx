/** @jsxImportSource hono/jsx */
import type { Statistics } from '../../domain/statistics.js';
import { BarChart } from './bar-chart.js';
import { CHART_CSS } from './chart-css.js';

const PAGE_CSS = `
:root { font-family: "Noto Sans JP", "Hiragino Sans", "BIZ UDPGothic", Meiryo, sans-serif; color: #1a1a1c; line-height: 1.7; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.75rem; margin: 0.5rem 0; } h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; }
a { color: #0017c1; } a:focus-visible, summary:focus-visible { outline: 3px solid #c55f00; outline-offset: 2px; }
.as-of { color: #4d4d50; margin: 0 0 1rem; }
.totals { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style: none; }
.totals li { border: 1px solid #b4b4b8; border-radius: 8px; padding: 0.75rem 1rem; min-width: 12rem; }
.totals strong { display: block; font-size: 2rem; line-height: 1.2; }
${CHART_CSS}figure { margin: 0; } figcaption { color: #4d4d50; font-size: 0.9rem; }
details { margin: 0.5rem 0 1rem; } summary { cursor: pointer; color: #0017c1; }
table { border-collapse: collapse; margin-top: 0.5rem; } caption { text-align: left; font-weight: bold; }
th, td { border: 1px solid #b4b4b8; padding: 0.25rem 0.75rem; text-align: left; } td.number { text-align: right; }
`;

type Lang = 'ja' | 'en';

/** "2025-04" → "2025年4月" / "April 2025". */
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthLabel = (month: string, lang: Lang) => (lang === 'ja' ? `${month.slice(0, 4)}年${Number(month.slice(5))}月` : `${MONTHS_EN[Number(month.slice(5)) - 1]} ${month.slice(0, 4)}`);

const largest = (bars: { label: string; value: number }[], lang: Lang) => {
  const most = Math.max(0, ...bars.map((bar) => bar.value));
  if (most === 0) return lang === 'en' ? 'All zero.' : 'すべて0件。';
  // Every bar tied for the largest: naming only the first would tell a listener it stands alone.
  const top = bars.filter((bar) => bar.value === most).map((bar) => bar.label);
  if (lang === 'en') return top.length === 1 ? `Largest: ${top[0]}, ${most}.` : `Largest: ${top.slice(0, -1).join(', ')} and ${top.at(-1)}, ${most} each.`;
  return top.length === 1 ? `最多は${top[0]}の${most}件。` : `最多は${top.join('・')}の各${most}件。`;
};

/**
 * The statistics themselves: totals first, then one chart per question, each with its table. Shown
 * on the standalone page (a bearer token) and inside the back office (a staff session), so the
 * two never drift apart; the public page (/statistics) shows the same charts but the one of
 * declarations by status (drafts, returns and reviews are the secretariat's work, not public).
 */
export function StatisticsContent({ stats, asOfLabel, lang = 'ja', audience = 'secretariat' }: { stats: Statistics; asOfLabel: string; lang?: Lang; audience?: 'secretariat' | 'public' }) {
  const ja = lang === 'ja';
  const d = stats.declarations;
  const months = d.publicationsByMonth.map((m) => ({ label: monthLabel(m.month, lang), value: m.count }));
  const prefectures = d.publishedByPrefecture.filter((p) => p.count > 0).map((p) => ({ label: p.name[lang], value: p.count }));
  const industries = d.publishedByIndustry.filter((i) => i.count > 0).map((i) => ({ label: i.code && ja ? `${i.code} ${i.name.ja}` : i.name[lang], value: i.count }));
  const statuses = d.byStage.map((s) => ({ label: s.label[lang], value: s.count }));
  const awardYears = stats.awards.byFiscalYear.map((y) => ({ label: y.label[lang], value: y.count }));
  const awardCategories = stats.awards.byCategory.map((c) => ({ label: c.name[lang], value: c.count }));
  return (
    <>
      <p class="as-of">{asOfLabel}</p>
      <ul class="totals">
        <li>{ja ? '公表中の宣言' : 'Published declarations'}<strong>{ja ? `${d.publishedNow}件` : d.publishedNow}</strong></li>
        <li>{ja ? '表彰（取消を除く）' : 'Awards (not revoked)'}<strong>{ja ? `${stats.awards.total}件` : stats.awards.total}</strong></li>
      </ul>
      <BarChart lang={lang} id="by-month" orientation="columns" title={ja ? '月別の宣言公表件数' : 'Declarations published by month'} labelHeader={ja ? '月' : 'Month'} bars={months}
        description={ja ? `宣言を公表した件数を月ごとに示す棒グラフ（日本時間）。${largest(months, lang)}` : `Bar chart of declarations published each month (Japan time). ${largest(months, lang)}`} />
      <BarChart lang={lang} id="by-prefecture" title={ja ? '都道府県別の公表中の宣言' : 'Published declarations by prefecture'} labelHeader={ja ? '都道府県' : 'Prefecture'} bars={prefectures}
        description={ja ? `公表中の宣言を都道府県別に示す横棒グラフ。0件の都道府県は省略。${largest(prefectures, lang)}` : `Bar chart of published declarations by prefecture; prefectures with none are left out. ${largest(prefectures, lang)}`} />
      <BarChart lang={lang} id="by-industry" title={ja ? '業種別の公表中の宣言' : 'Published declarations by industry'} labelHeader={ja ? '業種（日本標準産業分類）' : 'Industry (JSIC division)'} bars={industries}
        description={ja ? `公表中の宣言を業種（大分類）別に示す横棒グラフ。0件の業種は省略。${largest(industries, lang)}` : `Bar chart of published declarations by industry (JSIC division); industries with none are left out. ${largest(industries, lang)}`} />
      {audience === 'public' ? null : <BarChart lang={lang} id="by-status" title={ja ? '状態別の宣言' : 'Declarations by status'} labelHeader={ja ? '状態' : 'Status'} bars={statuses}
        description={ja ? `すべての宣言を現在の状態別に示す横棒グラフ（各宣言をいずれか一つに数える）。差戻しは審査から下書きに戻された宣言、更新を審査中は期限切れの後に更新を申請した宣言（公開ページでは期限切れ）、公表後に取下げは公表した後に取り下げた宣言（公開ページでは取下げ）、公表前に取下げは公表されないまま取り下げた宣言。${largest(statuses, lang)}` : `Bar chart of all declarations by their current status, each counted once. Returned: sent back from review to draft; renewal under review: renewal applied for after expiry (shown to the public as expired); withdrawn after publication: shown to the public as withdrawn; withdrawn before publication: never public. ${largest(statuses, lang)}`} />}
      <BarChart lang={lang} id="awards-by-year" title={ja ? '年度別の表彰件数' : 'Awards by fiscal year'} labelHeader={ja ? '年度' : 'Fiscal year'} bars={awardYears}
        description={ja ? `取消を除く表彰を年度別に示す横棒グラフ。${largest(awardYears, lang)}` : `Bar chart of awards (not revoked) by fiscal year. ${largest(awardYears, lang)}`} />
      <BarChart lang={lang} id="awards-by-category" title={ja ? '賞別の表彰件数' : 'Awards by category'} labelHeader={ja ? '賞' : 'Award'} bars={awardCategories}
        description={ja ? `取消を除く表彰を賞別に示す横棒グラフ。${largest(awardCategories, lang)}` : `Bar chart of awards (not revoked) by category. ${largest(awardCategories, lang)}`} />
      {/* Not a link: a browser sends no token, and the officer who followed it met a 401 in JSON. */}
      {audience === 'public' ? null : ja ? (
        <p>
          同じ数値を JSON で取得できます: <code>GET /api/v1/statistics</code>（管理者トークンが必要です）。
        </p>
      ) : (
        <p>
          The same numbers as JSON: <code>GET /api/v1/statistics</code> (an administrator token is needed).
        </p>
      )}
    </>
  );
}

let pageCsp: Promise<string> | undefined;

/**
 * The standalone page's Content-Security-Policy: its one inline style allowed by its hash, nothing
 * else. Under the API's policy (default-src 'none') the browser refused the style and the page
 * showed unstyled, the month chart twice (its columns and its rows for a phone).
 */
export function statisticsPageCsp(): Promise<string> {
  pageCsp ??= crypto.subtle.digest('SHA-256', new TextEncoder().encode(PAGE_CSS)).then((digest) => {
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
    return `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
  });
  return pageCsp;
}

/** The standalone statistics page (a bearer token, no back-office session): Japanese, its own styles. */
export function StatisticsPage({ stats, asOfLabel }: { stats: Statistics; asOfLabel: string }) {
  return (
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>統計 | 地方創生テレワーク宣言・表彰レジストリ 事務局</title>
        {/* As written, not escaped: a style element's text is not HTML, and &quot; broke the font list. A constant, no data. */}
        <style dangerouslySetInnerHTML={{ __html: PAGE_CSS }} />
      </head>
      <body>
        <main>
          <h1>統計 <span lang="en">Statistics</span></h1>
          <StatisticsContent stats={stats} asOfLabel={asOfLabel} lang="ja" />
        </main>
      </body>
    </html>
  );
}
