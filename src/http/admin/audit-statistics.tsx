// Back office: the statistics (GET /admin/statistics) inside the back office's layout, for a staff
// member's session. The same path keeps answering bearer tokens with the standalone page
// (src/http/routes/statistics.ts, mounted after the web routes): this handler passes every request
// without a staff session on to it, so the API contract (401 without a token, 403 for an
// organization's token) stays as it was. Both render StatisticsContent: one copy of the charts.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../env.js';
import { formatAsOf } from '../pages/format.js';
import { loadStatistics } from '../routes/statistics.js';
import { StatisticsContent } from '../statistics/statistics-page.js';
import { webPage } from '../web/page.js';
import { AdminLayout } from './admin-layout.js';
import type { AdminRouteDeps } from './routes.js';
import { staffOf, toStaffSignIn } from './staff-member.js';

/**
 * A person's browser rather than a program: a page navigation asks for HTML first. Programs
 * (curl, fetch) ask for anything and keep getting the API's 401.
 */
const wantsPage = (c: Context<AppEnv>) => /^\s*text\/html/i.test(c.req.header('accept') ?? '');

export function statisticsPageRoutes({ registry }: AdminRouteDeps) {
  return new Hono<AppEnv>().get('/admin/statistics', async (c, next) => {
    if (!c.var.web?.account.staffRole) {
      // No bearer token: someone signed in as an organization's member, or a browser with no
      // session, is sent to the back office's sign-in, as every other /admin page does.
      if (c.req.header('authorization') === undefined && (c.var.web || wantsPage(c))) return toStaffSignIn(c);
      await next();
      return;
    }
    const staff = staffOf(c, 'read');
    if (staff instanceof Response) return staff;
    const { stats, asOf } = await loadStatistics(registry, staff.ctx);
    const { lang } = staff;
    return webPage(
      c,
      <AdminLayout staff={staff} title={{ ja: '統計', en: 'Statistics' }} section="statistics">
        <h1>{lang === 'ja' ? '統計' : 'Statistics'}</h1>
        <div class="statistics-view">
          <StatisticsContent stats={stats} asOfLabel={formatAsOf(asOf, lang)} lang={lang} />
        </div>
      </AdminLayout>,
    );
  });
}
