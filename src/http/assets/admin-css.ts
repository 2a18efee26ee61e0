/**
 * The back office's styles (/admin), served inside the site's one stylesheet. Each area of the
 * back office appends its own block below, under a comment naming it.
 */
import { CHART_CSS } from '../statistics/chart-css.js';

export const ADMIN_CSS = `
/* Back office: shell */
.admin-nav { margin: 0 0 1.5rem; border-bottom: 1px solid var(--line); }
.admin-nav ul { display: flex; flex-wrap: wrap; gap: 0 0.25rem; margin: 0; padding: 0; list-style: none; }
.admin-nav a { display: inline-block; min-height: 2.75rem; padding: 0.5rem 0.6rem; font-weight: 700; text-decoration: none; border-bottom: 3px solid transparent; }
.admin-nav a:hover { text-decoration: underline; }
.admin-nav a[aria-current="page"] { color: var(--ink); border-bottom-color: var(--blue); }
/* High contrast paints the other tabs' transparent underline too: only the current tab's shows. */
@media (forced-colors: active) { .admin-nav a { border-bottom-color: Canvas; } .admin-nav a[aria-current="page"] { border-bottom-color: CanvasText; } }
.admin-role { margin: 0 0 0.5rem; color: var(--muted); font-size: 0.875rem; }
.admin-counts { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 1rem; margin: 0 0 1.5rem; padding: 0; list-style: none; }
.admin-counts li { padding: 1rem; border: 1px solid var(--line); border-radius: 8px; }
.admin-counts strong { display: block; font-size: 2rem; line-height: 1.2; }
.table-scroll { position: relative; overflow-x: auto; margin: 0 0 1.5rem; container-type: inline-size; } /* relative: visually hidden labels inside stay inside */
.table-scroll table { width: 100%; min-width: 36rem; border-collapse: collapse; }
/* A caption is as wide as its table: on a narrow screen it ran past the region's edge, cut mid-sentence.
   It wraps within the region (100cqi: the region's width) and stays at its left as the table scrolls. */
.table-scroll caption { text-align: start; font-weight: 700; padding: 0 0 0.5rem; position: sticky; left: 0; max-width: 100cqi; }
.table-scroll th, .table-scroll td { text-align: start; vertical-align: top; padding: 0.5rem; border-bottom: 1px solid var(--line); min-width: 6em; }
/* min-width (five characters and the padding): Japanese breaks between any two characters, and a table narrower than its content gave
   a short column the width of one character: 「都道府県」「一時停止中」 stood one character a line. */
.inline-form + .inline-form { margin-inline-start: 0.5rem; } /* two buttons side by side (変更, 職員から外す) are two targets, not one bar */
.phrase { white-space: nowrap; } /* one of the words a header names (法人番号／団体コード): breaks between them only, see table-scroll.tsx */
.table-scroll .status { white-space: nowrap; }
.table-scroll .button { white-space: nowrap; } /* a button's word (再送, 削除) in a squeezed column: whole, the table scrolls instead */ /* a status word (一時停止中) is one badge: Japanese would break it between any two characters */
/* Back office: partners */
.partner-facts { display: grid; grid-template-columns: minmax(0, auto) minmax(0, 1fr); gap: 0.35rem 1rem; margin: 0 0 1.5rem; }
.partner-facts dt { font-weight: 700; }
.partner-facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
@media (max-width: 30rem) { .partner-facts { grid-template-columns: minmax(0, 1fr); } .partner-facts dd { margin-bottom: 0.5rem; } }
.partner-section { margin: 0 0 1.5rem; }
.partner-section h2 { margin-top: 0; }
code.secret { display: block; padding: 0.5rem 0.75rem; border: 2px dashed var(--bad); border-radius: 4px; background: var(--white); font-size: 1rem; overflow-wrap: anywhere; word-break: break-all; user-select: all; }
.secret-warning p { margin: 0 0 0.5rem; }
.table-scroll table.narrow-table { min-width: 0; }
/* The tables' visually hidden labels are absolutely positioned: kept inside the scrolling box, not widening the page. */
.partner-table { position: relative; }
.partner-table caption { text-align: left; padding: 0 0 0.5rem; }
.partner-table th, .partner-table td { text-align: left; vertical-align: top; padding: 0.5rem; border-bottom: 1px solid var(--line); }
.partner-table tbody th { font-weight: 400; }
.partner-table td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.event-list { margin: 0; padding-left: 1.1rem; }
.delivery-error { color: var(--bad); font-size: 0.875rem; overflow-wrap: anywhere; }
.webhook-address { overflow-wrap: anywhere; }

/* Back office: reviews */
.back-link { margin: 0 0 0.5rem; }
.review-summary { margin-bottom: 1.5rem; }
.review-areas { margin: 0 0 1.5rem; padding: 0; list-style: none; display: grid; gap: 0.5rem; }
.review-area { padding: 0.5rem 0.75rem; border: 1px solid var(--line); border-radius: 8px; color: var(--muted); }
.review-area--declared { color: var(--ink); border-left: 4px solid var(--ok); }
.review-area .hint { margin: 0.25rem 0 0; }
.review-notes { margin: 0 0 1rem; padding: 0; list-style: none; display: grid; gap: 0.75rem; }
.review-notes .muted { font-size: 0.875rem; }
.review-decisions { display: grid; gap: 1rem; }
@media (min-width: 48rem) { .review-decisions { grid-template-columns: 1fr 1fr; align-items: start; } }
/* Back office: organizations */
.breadcrumbs { margin: 0 0 0.25rem; font-size: 0.875rem; }
.org-form { display: grid; gap: 1rem; max-width: 48rem; }
.org-form .form-section { margin: 0; padding: 1rem; border: 1px solid var(--line); border-radius: 8px; display: grid; gap: 1rem; min-width: 0; }
.org-form .form-section > legend { padding: 0 0.25rem; font-weight: 700; font-size: 1.125rem; }
.org-kinds { display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
.lookup-row { display: grid; gap: 0.25rem; }
.lookup-row .button { white-space: normal; text-align: left; }
.lookup-row .hint { margin: 0; font-size: 0.875rem; color: var(--muted); }
.org-identifier { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.875rem; overflow-wrap: anywhere; }
#org-results .org-identifier { white-space: nowrap; overflow-wrap: normal; } /* a 法人番号 is read and compared whole (3100000000061, not 310000000 / 0061): the table scrolls instead; ids elsewhere may break */
.org-actions { display: grid; gap: 1rem; margin: 0 0 1.5rem; }
.org-actions > h3 { margin: 0; }
.org-action-form { display: grid; gap: 0.75rem; }
.org-action-form h4 { margin: 0; font-size: 1rem; }
.org-action-form .hint { margin: 0; font-size: 0.875rem; color: var(--muted); }
.org-invite { margin-top: 1rem; }
#org-contact { margin-bottom: 1.5rem; }
/* Back office: revocations */
.revocation-id { font-size: 0.8125rem; overflow-wrap: anywhere; }
.revocation-note { margin: 0.35rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.revocation-actions { display: flex; flex-direction: column; align-items: flex-start; gap: 0.5rem; min-width: 12rem; }
.revocation-actions p { margin: 0; }
.revocation-effect { margin: 0 0 0.35rem; max-width: 18rem; }
/* The record, an organization's name, a reason (法人の解散・消滅) and a requester were squeezed by the actions column: 「株式会社取消 / 二」 at 1280 px, 「内容 / と履歴」 at 390. */
.table-scroll td.revocation-org, #revocation-requests th[scope="row"], #revocation-decisions th[scope="row"] { min-width: 10em; }
.table-scroll td.revocation-reason { min-width: 9em; }
.table-scroll td.revocation-by { min-width: 12em; } /* 管理者（初期トークン） whole */
.revocation-waiting { font-weight: 700; }
.revocation-reject { display: flex; flex-wrap: wrap; align-items: center; gap: 0.35rem; }
.revocation-reject label { width: 100%; font-size: 0.875rem; }
.revocation-reject input { flex: 1 1 8rem; min-width: 0; }
.revocation-outcome { font-weight: 700; }
.revocation-outcome--approved { color: var(--bad); }
/* Back office: audit log, e-mail problems, statistics */
.audit-filters { display: grid; gap: 1rem; margin: 0 0 1.5rem; }
.audit-filters__group { display: grid; gap: 0.75rem; margin: 0; padding: 0.75rem; border: 1px solid var(--line); border-radius: 6px; min-width: 0; }
.audit-filters__group legend { padding: 0 0.25rem; font-weight: 700; }
/* A group beside a taller one is stretched to its height: its fields stay at the top, not spread over it (a 120 px 操作 box). */
.audit-filters__group { align-content: start; }
.audit-filters .actions { margin: 0; }
@media (min-width: 48em) { .audit-filters { grid-template-columns: repeat(2, minmax(0, 1fr)); } .audit-filters .actions { grid-column: 1 / -1; } }
.audit-export { margin: 0 0 1rem; }
.audit-log th[scope="row"] { font-weight: 400; white-space: nowrap; }
/* Japanese breaks between any two characters: fitted to the table's minimum width, the action
   column stacked 「ログイン」 one character a line (a 19,000 px page at 390 px). Wider, it scrolls in its region. */
.table-scroll table.audit-log { min-width: 60rem; }
.audit-log td { min-width: 8rem; }
.audit-log td, .audit-log th, .mail-problems td, .mail-problems th { vertical-align: top; }
.audit-history { font-size: 0.875rem; }
.audit-change summary { cursor: pointer; color: var(--blue); }
.audit-change__label { margin: 0.5rem 0 0; font-weight: 700; font-size: 0.875rem; }
.audit-json { max-height: 24rem; max-width: 40rem; overflow: auto; margin: 0.25rem 0; padding: 0.5rem; background: var(--surface); border-radius: 4px; font-size: 0.8125rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.mail-problems td.number { text-align: right; }
.mail-error { display: inline-block; max-width: 28rem; white-space: pre-wrap; }
.statistics-view .as-of { color: var(--muted); margin: 0 0 1rem; }
.statistics-view .totals { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style: none; }
.statistics-view .totals li { border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; min-width: 12rem; }
.statistics-view .totals strong { display: block; font-size: 2rem; line-height: 1.2; }
${CHART_CSS}.statistics-view figure { margin: 0; }
.statistics-view figcaption { color: var(--muted); font-size: 0.9rem; }
.statistics-view details { margin: 0.5rem 0 1rem; }
.statistics-view summary { cursor: pointer; color: var(--blue); }
.statistics-view table { border-collapse: collapse; margin-top: 0.5rem; }
.statistics-view caption { text-align: left; font-weight: 700; }
.statistics-view th, .statistics-view td { border: 1px solid var(--line); padding: 0.25rem 0.75rem; text-align: left; }
.statistics-view td.number { text-align: right; }

/* Back office: awards */
.award-links { margin: 0 0 1rem; }
.year-form { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.5rem 1rem; margin: 0 0 1.5rem; }
.award-actions { white-space: nowrap; }
.award-actions > * + * { margin-left: 0.5rem; }
.prose-text { white-space: pre-wrap; }
.import-preview caption, #award-list caption, #import-columns caption { text-align: left; }
/* 「どちらか必須」 and the examples (a 法人番号, a date) on one line, beside the long descriptions. */
#import-columns td:nth-child(2), #import-columns td:nth-child(4) { white-space: nowrap; }
#import-columns td:nth-child(3) { min-width: 12rem; }
.import-preview td, .import-preview th { vertical-align: top; min-width: 6rem; }
.import-preview th[scope="row"] { min-width: 4.5rem; white-space: nowrap; }
.import-preview td.cell--long { min-width: 14rem; }
.import-preview .cell-text { white-space: pre-wrap; overflow-wrap: anywhere; }
/* A 法人番号, a code or a date reads whole: Japanese text would break it between any two digits. */
.import-preview td.cell--code .cell-text, #award-list td.date, #tokens td.date, #review-queue td.date { white-space: nowrap; }
.import-preview tr.row--error > th, .import-preview tr.row--error > td { background: var(--bad-bg); }
.import-preview tr.row--error > th { border-left: 4px solid var(--bad); }
/* relative: the cell's visually hidden note stays inside the scrolling table instead of widening the page. */
.import-preview td.cell--error { position: relative; outline: 2px solid var(--bad); outline-offset: -2px; font-weight: 700; }
.row-errors { margin: 0; padding-left: 1.1rem; color: var(--bad); min-width: 11rem; }
.row-ok { color: var(--ok); font-weight: 700; }
#confirm-form { margin: 0 0 1.5rem; }
#import-form .field { grid-template-columns: minmax(0, 1fr); }
#import-form input[type="file"] { max-width: 100%; }
#award-form .field, #code-form .field, #partner-form .field, #webhook-form .field { margin: 0 0 1rem; } /* a field's message and the next label apart */
.award-credentials a { overflow-wrap: anywhere; }
`;
