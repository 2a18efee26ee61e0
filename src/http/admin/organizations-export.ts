// GET /admin/organizations/export.csv: every organization with its private contact, for the
// secretariat's spreadsheets. Read page by page through the repositories while the download goes,
// so a hundred thousand organizations never sit in memory; the export is audited with its row count.
import { INDUSTRIES, PREFECTURES } from '../../domain/codes.js';
import { STATUS_LABELS } from '../../domain/declaration-lifecycle.js';
import type { DeclarationStatus } from '../../domain/model.js';
import { auditEntry, type RequestContext } from '../../domain/services/context.js';
import type { Repositories } from '../../ports/repositories.js';
import type { Registry } from '../../registry.js';
import { jstTime } from './audit-log.js';
import { csvResponse, jstDate } from './csv.js';
import { KIND_LABELS } from './organizations-form.js';
import { isRenewalUnderReview, isReturned, RENEWAL_UNDER_REVIEW, replacesCurrent, RETURNED_LABEL } from './organizations-pages.js';

/** Rows read per query. */
const PAGE = 500;
/** Declarations' statuses read per query: five short columns each. */
const STATES_PAGE = 5000;

export const EXPORT_HEADER = [
  '団体ID', '種別', '名称', '名称カナ', '英語名称', '法人番号', '地方公共団体コード', '都道府県', '市区町村', '業種',
  '従業員規模', 'ウェブサイト', '宣言の状態', '連絡先担当者', '連絡先部署', '連絡先メール', '連絡先電話', '公開一覧への掲載', '登録日時（日本時間）', '更新日時（日本時間）',
] as const;

interface CurrentStatus {
  status: DeclarationStatus;
  returned: boolean;
  renewalUnderReview: boolean;
}

/** As the list shows it: 差戻し and 更新を審査中 apart, as the statistics count them. */
const statusLabel = (s: CurrentStatus) => (s.returned ? RETURNED_LABEL.ja : s.renewalUnderReview ? RENEWAL_UNDER_REVIEW.ja : STATUS_LABELS[s.status].ja);

/**
 * Each organization's current declaration status, from one pass over the declarations in creation
 * order (the repository has no per-page join; a query per organization would be 100k queries).
 * Only organizations with a declaration take room here.
 */
export async function currentStatuses(repos: Repositories, limit = STATES_PAGE): Promise<Map<string, CurrentStatus>> {
  const statuses = new Map<string, CurrentStatus>();
  let cursor: string | null = null;
  do {
    // The status columns alone: the declarations' text and organizations were 1.5 s of a 100,000-row export.
    const page = await repos.declarations.states({ cursor, limit });
    for (const d of page.items) {
      if (replacesCurrent(statuses.get(d.organizationId)?.status, d.status)) {
        statuses.set(d.organizationId, { status: d.status, returned: isReturned(d), renewalUnderReview: isRenewalUnderReview(d) });
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return statuses;
}

async function* exportRows(registry: Registry): AsyncGenerator<readonly unknown[]> {
  const statuses = await currentStatuses(registry.deps.repos);
  let cursor: string | null = null;
  do {
    const page = await registry.organizations.search({ cursor, limit: PAGE, listedOnly: false });
    for (const o of page.items) {
      const current = statuses.get(o.id);
      yield [
        o.id, KIND_LABELS[o.kind].ja, o.name, o.nameKana, o.nameEn, o.corporateNumber, o.localGovernmentCode,
        PREFECTURES[o.prefectureCode]?.ja ?? o.prefectureCode, o.city, o.industryCode ? INDUSTRIES[o.industryCode] ?? o.industryCode : null,
        o.sizeBand, o.website, current ? statusLabel(current) : 'なし',
        o.contact?.name, o.contact?.department, o.contact?.email, o.contact?.phone,
        // Japan time as Excel reads a date and time (the raw UTC instant showed 9 hours off, as text).
        o.listed ? '掲載' : '未掲載', jstTime(o.createdAt, 'csv'), jstTime(o.updatedAt, 'csv'),
      ];
    }
    cursor = page.nextCursor;
  } while (cursor);
}

/** The download; the audit entry records who exported and how many rows went out. */
export function organizationsCsv(registry: Registry, ctx: RequestContext): Response {
  const { uow, repos, clock } = registry.deps;
  return csvResponse({
    filename: `organizations-${jstDate(clock.now())}.csv`,
    header: EXPORT_HEADER,
    rows: exportRows(registry),
    async onEnd({ rows, complete }) {
      await uow.commit([
        repos.audit.append(auditEntry(ctx, clock.now().toISOString(), {
          action: 'organizations.export', entityType: 'organization', entityId: '-', before: null, after: { rows, complete, format: 'csv' },
        })),
      ]);
    },
  });
}
