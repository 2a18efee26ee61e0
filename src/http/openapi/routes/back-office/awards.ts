import type { RouteDoc } from '../../route-doc.js';
import { ADMINISTRATORS, ALL_STAFF, FORM, form, FROM_PAGE, html, page, redirect, STAFF_PAGE } from './common.js';

const MULTIPART = "Multipart post (multipart/form-data) with the session's CSRF token in `csrf`, checked before the file is read: without a valid one, or from another origin, 403 and nothing changes; while the person is still signed in and the post came from this site's own page (Sec-Fetch-Site, Origin), a stale token gives the import page back instead, still 403 and nothing recorded, with the reason, a fresh token and a request to choose the file again (a browser cannot send it again). The body is read up to about 1.4 MiB (a 1 MiB file, or its base64url copy).";
const FILE_REFUSED = 'A file refused as a whole (not CSV, neither UTF-8 nor Shift_JIS, a header naming unknown columns or missing one, no rows, no file): the import page again with the message (400); over 100 rows or 1 MiB: 413.';
const multipart = (properties: Record<string, unknown>) => ({ contentType: 'multipart/form-data', schema: { type: 'object', properties: { csrf: { type: 'string' }, fromPage: FROM_PAGE, ...properties }, required: ['csrf', 'file'] } });
const csv = { description: 'The template: the header row only, UTF-8 with a BOM (Excel opens it as UTF-8), as an attachment.', contentType: 'text/csv', schema: { type: 'string' } };

/** The back office's awards pages (src/http/admin/awards.tsx, awards-import.tsx). */
export const BACK_OFFICE_AWARDS_DOCS: RouteDoc[] = [
  page({
    method: 'get',
    path: '/admin/awards',
    summary: { ja: '年度別の表彰一覧', en: 'Awards by fiscal year' },
    description: `${STAFF_PAGE(ALL_STAFF)} ?year=YYYY chooses the fiscal year (default: the latest year with awards; an unusable value falls back to it); ?done and ?count show the notice after an action or an import.`,
    responses: { 200: html },
  }),
  page({
    method: 'get',
    path: '/admin/awards/new',
    summary: { ja: '表彰を1件記録するフォーム', en: 'Form to record one award' },
    description: `${STAFF_PAGE(ADMINISTRATORS)} ?organization= fills in the organization field.`,
    responses: { 200: html },
  }),
  page({
    method: 'post',
    path: '/admin/awards',
    summary: { ja: '表彰を1件記録する', en: 'Record one award' },
    description: `${FORM} ${ADMINISTRATORS}. \`organization\` is a 法人番号, a 地方公共団体コード or an organization id; \`partnerMunicipality\` a 地方公共団体コード. A refused form comes back with a message next to each field (400; 422 for a company without a published declaration) and nothing is recorded.`,
    rawBody: form({
      organization: { type: 'string' },
      fiscalYear: { type: 'string' },
      category: { type: 'string' },
      division: { type: 'string' },
      partnerMunicipality: { type: 'string' },
      overview: { type: 'string' },
      message: { type: 'string' },
      awardedOn: { type: 'string' },
    }),
    responses: { 303: redirect('/admin/awards/{id}?done=created'), 400: html, 422: html },
    errors: [403],
  }),
  page({
    method: 'get',
    path: '/admin/awards/import',
    summary: { ja: 'CSV から表彰を取り込む', en: 'Import awards from CSV' },
    description: `${STAFF_PAGE(ADMINISTRATORS)} The columns explained, the template and the upload form.`,
    responses: { 200: html },
  }),
  page({
    method: 'get',
    path: '/admin/awards/import/template.csv',
    summary: { ja: '取り込み用 CSV のテンプレート', en: 'Template of the import file' },
    description: STAFF_PAGE(ADMINISTRATORS),
    responses: { 200: csv },
  }),
  page({
    method: 'post',
    path: '/admin/awards/import/preview',
    summary: { ja: '取り込む CSV の内容を確認する', en: 'Check a CSV file before importing it' },
    description: `${MULTIPART} ${ADMINISTRATORS}. Records nothing: shows every row with its problems (row number, column) and, when every row is good, the confirm form, which carries the file back (base64url) with its SHA-256 digest. ${FILE_REFUSED}`,
    rawBody: multipart({ file: { type: 'string', contentMediaType: 'text/csv' } }),
    responses: { 200: html, 400: html, 413: html },
    errors: [403],
  }),
  page({
    method: 'post',
    path: '/admin/awards/import/commit',
    summary: { ja: '確認した CSV の表彰を記録する', en: 'Record the awards of a checked CSV file' },
    description: `${MULTIPART} ${ADMINISTRATORS}. \`file\`: the file as base64url (as the confirm form sends it); \`digest\`: the preview's; \`congratulate\` (the checkbox 受賞団体にお祝いのメールを送る, sent only when ticked): e-mail each organization its congratulations (award.recorded), as POST /api/v1/awards always does. The box starts ticked when the file holds an award of this or last fiscal year, unticked for older years only (past ceremonies entered for the record); the redirect's \`congratulated\` says for how many awards a message was queued (absent: not ticked), and so does the award.import audit entry (\`congratulate\`, \`congratulated\`). Checks every row again and records all the awards or none: a row that went bad since the preview shows the check again (400), a file other than the one previewed too (409); nothing is written. ${FILE_REFUSED}`,
    rawBody: multipart({ file: { type: 'string', description: 'base64url' }, digest: { type: 'string', pattern: '^[0-9a-f]{64}$' }, congratulate: { type: 'string', enum: ['1'] } }),
    responses: { 303: redirect('/admin/awards?year=…&done=imported&count=N&congratulated=M'), 400: html, 409: html, 413: html },
    errors: [403],
  }),
  page({
    method: 'get',
    path: '/admin/awards/codes',
    summary: { ja: '表彰区分と部門', en: 'Award categories and divisions' },
    description: `${STAFF_PAGE(ALL_STAFF)} Administrators also add one.`,
    responses: { 200: html },
  }),
  page({
    method: 'post',
    path: '/admin/awards/codes',
    summary: { ja: '表彰区分または部門を追加する', en: 'Add an award category or division' },
    description: `${FORM} ${ADMINISTRATORS}. A refused form comes back with its messages (400); a code already registered, with the message next to the code (409).`,
    rawBody: form({ kind: { enum: ['category', 'division'] }, code: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }, nameJa: { type: 'string' }, nameEn: { type: 'string' }, sortOrder: { type: 'string' } }),
    responses: { 303: redirect('/admin/awards/codes?done=code-added'), 400: html, 409: html },
    errors: [403],
  }),
  page({
    method: 'get',
    path: '/admin/awards/{id}',
    summary: { ja: '表彰の詳細', en: 'One award' },
    description: `${STAFF_PAGE(ALL_STAFF)} Administrators also correct its overview, message and date, suspend or reinstate it, and ask for its revocation (a form posted to /admin/revocations). Unknown id: 404.`,
    responses: { 200: html },
    errors: [404],
  }),
  page({
    method: 'post',
    path: '/admin/awards/{id}/suspend',
    summary: { ja: '表彰を一時停止する', en: 'Suspend an award' },
    description: `${FORM} ${ADMINISTRATORS}. \`reason\` (a suspension reason code) is required, \`note\` optional; the organization reads both in its e-mail. A missing reason or a note over 2,000 characters: 400, the award's page with the form's messages. An award that is not active: 409.`,
    rawBody: form({ reason: { enum: ['under-investigation', 'information-update-required', 'other'] }, note: { type: 'string', maxLength: 2000 } }, ['csrf', 'reason']),
    responses: { 303: redirect('/admin/awards/{id}?done=suspended') },
    errors: [400, 403, 404, 409],
  }),
  page({
    method: 'post',
    path: '/admin/awards/{id}/correct',
    summary: { ja: '表彰の概要・メッセージ・表彰日を訂正する', en: "Correct an award's overview, message or date" },
    description: `${FORM} ${ADMINISTRATORS}. The same correction as PUT /api/v1/awards/{id}: \`overview\` and \`message\` as they should read (empty clears one), \`awardedOn\` the day (typed as on the record form, 和暦 too; required), \`rowVersion\` the version the page showed. A corrected overview or day re-issues the credential (\`done=corrected-reissued\`), a message alone does not (\`done=corrected\`), the same values change nothing (\`done=correction-unchanged\`). A text over 4,000 characters or with control characters, a day missing, unreadable or outside its fiscal year's bounds: 400, the award's page with the message next to the field and what was typed. A revoked award, or one changed since the page was shown: 409, what was typed kept.`,
    rawBody: form({ rowVersion: { type: 'integer' }, overview: { type: 'string', maxLength: 4000 }, message: { type: 'string', maxLength: 4000 }, awardedOn: { type: 'string' } }, ['csrf', 'rowVersion', 'awardedOn']),
    responses: { 303: redirect('/admin/awards/{id}?done=corrected') },
    errors: [400, 403, 404, 409],
  }),
  page({
    method: 'post',
    path: '/admin/awards/{id}/reinstate',
    summary: { ja: '表彰の一時停止を解除する', en: 'Reinstate an award' },
    description: `${FORM} ${ADMINISTRATORS}. \`from=list\` returns to the year's list, else to the award's page. An award that is not suspended: 409.`,
    rawBody: form({ from: { enum: ['list', 'award'] } }),
    responses: { 303: redirect('/admin/awards/{id}?done=reinstated (or the list)') },
    errors: [403, 404, 409],
  }),
];
