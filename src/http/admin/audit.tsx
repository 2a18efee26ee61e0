// Back office: the audit log (page and CSV), the e-mail that did not go out (mail.tsx), and the
// statistics inside the back office (audit-statistics.tsx). Every staff member may read all three.
import { Hono } from 'hono';
import type { AuditEntry } from '../../domain/model.js';
import { auditEntry } from '../../domain/services/context.js';
import type { AppEnv } from '../env.js';
import type { Lang } from '../pages/i18n.js';
import { webPage } from '../web/page.js';
import { AuditPage, actionLabel, actorLabel, auditFiltersOf, jstTime, lookUpPeople, lookUpRecordNames, newPeople, type People } from './audit-log.js';
import { statisticsPageRoutes } from './audit-statistics.js';
import { csvResponse, jstDate } from './csv.js';
import { mailRoutes } from './mail.js';
import type { AdminRouteDeps } from './routes.js';
import { staffOf } from './staff-member.js';

const PAGE_SIZE = 50;
/** Entries read from the repository per step of a CSV download. */
const EXPORT_STEP = 500;
/** The most entries one download holds; a last line says when more matched. */
export const EXPORT_CAP = 100_000;

const CSV_HEADER: Record<Lang, string[]> = {
  ja: ['通し番号', '日時（日本時間）', '日時（UTC）', '操作した人', '操作者ID', '操作者の種類', '操作した団体のID', '操作', '操作（内容）', '記録の種類', '記録のID', '変更前（JSON）', '変更後（JSON）', 'リクエストID'],
  en: ['Seq', 'Time (JST)', 'Time (UTC)', 'Who', 'Actor id', 'Actor role', 'Acting organization id', 'Action', 'Action (in words)', 'Record type', 'Record id', 'Before (JSON)', 'After (JSON)', 'Request id'],
};

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

function csvCells(entry: AuditEntry, people: People, lang: Lang): unknown[] {
  return [
    entry.seq, jstTime(entry.at, 'csv'), entry.at, actorLabel(entry, people, lang), entry.actorTokenId, entry.actorRole, entry.actorOrganizationId,
    // The code (what filters and tools match on) and, beside it, what the page calls it.
    entry.action, actionLabel(entry, lang) ?? '', entry.entityType, entry.entityId, json(entry.before), json(entry.after), entry.requestId,
  ];
}

export function auditRoutes(deps: AdminRouteDeps) {
  const { registry } = deps;
  const staffList = (staff: Exclude<ReturnType<typeof staffOf>, Response>) => registry.web.staff.list(staff.ctx);

  return new Hono<AppEnv>()
    .get('/admin/audit', async (c) => {
      const staff = staffOf(c, 'read');
      if (staff instanceof Response) return staff;
      const params = new URL(c.req.url).searchParams;
      const { values, filters, errors } = auditFiltersOf(params);
      if (errors) return webPage(c, <AuditPage staff={staff} values={values} errors={errors} staffList={await staffList(staff)} />, 400);
      // A cursor that is not ours reads as the first page (the repository ignores it), never an error.
      const cursor = (params.get('cursor') ?? '').slice(0, 100) || null;
      const [page, staffMembers] = await Promise.all([registry.audit.list(staff.ctx, { ...filters, cursor, limit: PAGE_SIZE, newestFirst: true }), staffList(staff)]);
      const people = newPeople();
      await Promise.all([lookUpPeople(registry, page.items, people), lookUpRecordNames(registry, page.items, people)]);
      // The organization the page is narrowed to, named above the log (with a link back to its page) even when no entry names it.
      if (filters.organizationId && !people.organizations.has(filters.organizationId)) {
        people.organizations.set(filters.organizationId, (await registry.deps.repos.organizations.getMany([filters.organizationId]))[0] ?? null);
      }
      return webPage(
        c,
        <AuditPage staff={staff} values={values} staffList={staffMembers} entries={page.items} people={people} nextCursor={page.nextCursor} paged={cursor !== null} />,
      );
    })
    .get('/admin/audit/export.csv', async (c) => {
      const staff = staffOf(c, 'read');
      if (staff instanceof Response) return staff;
      const { values, filters, errors } = auditFiltersOf(new URL(c.req.url).searchParams);
      if (errors) return webPage(c, <AuditPage staff={staff} values={values} errors={errors} staffList={await staffList(staff)} />, 400);
      const { ctx, lang } = staff;
      // The first step is read before answering, so a refusal is still a page, not a broken download.
      const first = await registry.audit.list(ctx, { ...filters, limit: EXPORT_STEP, newestFirst: true });
      async function* rows() {
        const people = newPeople();
        let page = first;
        let count = 0;
        for (;;) {
          await lookUpPeople(registry, page.items, people);
          for (const entry of page.items) {
            if (count === EXPORT_CAP) {
              yield [lang === 'ja' ? `上限の${EXPORT_CAP.toLocaleString('en')}件で打ち切りました。条件を絞ってダウンロードし直してください。` : `Cut off at ${EXPORT_CAP.toLocaleString('en')} entries: narrow the filters and download again.`];
              return;
            }
            yield csvCells(entry, people, lang);
            count++;
          }
          if (!page.nextCursor) return;
          page = await registry.audit.list(ctx, { ...filters, cursor: page.nextCursor, limit: EXPORT_STEP, newestFirst: true });
        }
      }
      const { uow, repos, clock } = registry.deps;
      return csvResponse({
        filename: `audit-log-${jstDate(clock.now())}.csv`,
        header: CSV_HEADER[lang],
        rows: rows(),
        // Who took a copy of the log (administrators' copies hold people's contact details), and how much.
        async onEnd({ rows, complete }) {
          await uow.commit([
            repos.audit.append(auditEntry(ctx, clock.now().toISOString(), { action: 'audit.export', entityType: 'audit', entityId: '-', before: null, after: { rows, complete, filters: Object.fromEntries(Object.entries(values).filter(([, value]) => value)), format: 'csv' } })),
          ]);
        },
      });
    })
    .route('/', mailRoutes(deps))
    .route('/', statisticsPageRoutes(deps));
}
