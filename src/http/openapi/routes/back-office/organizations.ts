import type { RouteDoc } from '../../route-doc.js';
import { ADMINISTRATORS, ALL_STAFF, FORM, form, html, page, redirect, STAFF_PAGE } from './common.js';

const ORGANIZATION_FIELDS = {
  action: { enum: ['save', 'lookup'], description: 'save (default) or lookup: fill the form in from the 法人番号 lookup, saving nothing' },
  kind: { enum: ['company', 'municipality', 'other'] },
  corporateNumber: { type: 'string' },
  localGovernmentCode: { type: 'string' },
  name: { type: 'string' },
  nameKana: { type: 'string' },
  nameEn: { type: 'string' },
  prefectureCode: { type: 'string' },
  city: { type: 'string' },
  industryCode: { type: 'string' },
  sizeBand: { type: 'string' },
  website: { type: 'string' },
  contactName: { type: 'string' },
  contactDepartment: { type: 'string' },
  contactEmail: { type: 'string' },
  contactPhone: { type: 'string' },
};

const CHECKS =
  'The same checks as POST /api/v1/organizations (its JSON Schema, then the identifier rules): a refused form comes back with each message next to its field and an error summary, what was typed kept (400; 409 when the 法人番号 or 地方公共団体コード is already registered, or the organization changed meanwhile). ' +
  'With action=lookup (shown only when NTA_APPLICATION_ID is set), the form comes back filled in from the National Tax Agency’s 法人番号 Web-API (name, katakana, prefecture, city) and nothing is saved; a lookup that fails is a message on the page (200), a number that is not one a message at its field (400).';

const csv = { description: 'CSV（UTF-8 BOM付き、CRLF、全項目を引用符で囲む。先頭が0の数字や12桁以上の数字（法人番号、地方公共団体コード、電話番号）は Excel で書いたとおりに表示されるよう ="…" の形で出力）/ CSV for Excel (UTF-8 with BOM, CRLF, every field quoted; digits with a leading zero or of 12 digits or more, such as 法人番号, 地方公共団体コード and phone numbers, written as the text formula ="…" so Excel shows them as written; a cell that would start a formula prefixed with an apostrophe)', contentType: 'text/csv', schema: { type: 'string' }, headers: { 'Content-Disposition': 'attachment; filename="organizations-YYYY-MM-DD.csv"' } };

/** The back office's organizations pages (src/http/admin/organizations.tsx). */
export const BACK_OFFICE_ORGANIZATIONS_DOCS: RouteDoc[] = [
  page({
    method: 'get', path: '/admin/organizations', summary: { ja: '団体の検索・一覧', en: 'Organizations: search and list' },
    description: `${STAFF_PAGE(ALL_STAFF)} Search by name, katakana, 法人番号 or 地方公共団体コード (q), kind, prefectureCode and status (a declaration status; returned: a draft sent back, which draft then leaves out; renewalUnderReview: a renewal after expiry under review (更新を審査中), which submitted then leaves out); 25 per page, the next page by cursor. Unknown values are ignored, never a 400. Administrators also get the links to register and to export.`,
    responses: { 200: html },
  }),
  page({ method: 'get', path: '/admin/organizations/new', summary: { ja: '団体の登録フォーム', en: 'Register an organization: the form' }, description: STAFF_PAGE(ADMINISTRATORS), responses: { 200: html } }),
  page({
    method: 'post', path: '/admin/organizations', summary: { ja: '団体を登録する', en: 'Register an organization' },
    description: `${FORM} ${ADMINISTRATORS}. ${CHECKS}`,
    rawBody: form(ORGANIZATION_FIELDS, ['csrf', 'kind', 'name', 'prefectureCode']),
    responses: { 200: html, 303: redirect('/admin/organizations/{id}?done=created'), 400: html, 409: html },
    errors: [403],
  }),
  page({
    method: 'get', path: '/admin/organizations/export.csv', summary: { ja: 'すべての団体をCSVで書き出す', en: 'Export every organization as CSV' },
    description: `${STAFF_PAGE(ADMINISTRATORS)} Every organization with its private contact, for Excel: UTF-8 with a BOM, CRLF line ends, every field quoted (quotes doubled), a cell that would start a formula (=, +, -, @, tab, CR) prefixed with an apostrophe; Japanese headers. Streamed (read page by page); never cached. Audited as organizations.export with the number of rows.`,
    responses: { 200: csv },
  }),
  page({
    method: 'get', path: '/admin/organizations/{id}', summary: { ja: '団体の詳細', en: 'One organization' },
    description: `${STAFF_PAGE(ALL_STAFF)} Details with the private contact, declarations (with links to their review), awards, credentials, members, open invitations and recent audit entries; administrators also invite members and suspend, reinstate or ask to revoke a declaration. ?done= shows what was just done.`,
    responses: { 200: html, 404: html },
  }),
  page({ method: 'get', path: '/admin/organizations/{id}/edit', summary: { ja: '団体の登録内容の変更フォーム', en: "Edit an organization's details: the form" }, description: STAFF_PAGE(ADMINISTRATORS), responses: { 200: html, 404: html } }),
  page({
    method: 'post', path: '/admin/organizations/{id}', summary: { ja: '団体の登録内容を変更する', en: "Save an organization's details" },
    description: `${FORM} ${ADMINISTRATORS}; administrators may change the kind and identifiers too. \`rowVersion\` is the version the form was opened at: a change saved meanwhile is not overwritten (409). ${CHECKS}`,
    rawBody: form({ ...ORGANIZATION_FIELDS, rowVersion: { type: 'string' } }, ['csrf', 'kind', 'name', 'prefectureCode']),
    responses: { 200: html, 303: redirect('/admin/organizations/{id}?done=updated'), 400: html, 409: html },
    errors: [403, 404],
  }),
  page({
    method: 'post', path: '/admin/organizations/{id}/invitations', summary: { ja: '団体のメンバーを招待する', en: 'Invite a member of an organization' },
    description: `${FORM} ${ADMINISTRATORS}. The organization's page with the one-time invitation link, shown once (also e-mailed when \`email\` is given); a refused form comes back with its messages (400); while a live invitation to that e-mail address stands, the form comes back saying so by the e-mail field (409). Without an address, \`shownAt\` (when the form's page was shown) tells the same post sent again (a reload of the page showing the link): an unused link with the same role made after it is refused beside the role (409, nothing made); a post without the field is not checked.`,
    rawBody: form({ role: { enum: ['owner', 'editor'] }, email: { type: 'string' }, shownAt: { type: 'string', maxLength: 40 } }),
    responses: { 200: html, 400: html, 409: html },
    errors: [403, 404],
  }),
  page({
    method: 'post', path: '/admin/organizations/{id}/invitations/{invitationId}/cancel', summary: { ja: '団体への招待を取り消す', en: 'Cancel an invitation to an organization' },
    description: `${FORM} ${ADMINISTRATORS}. The open invitation's link stops working at once (it then reads as expired); audited as invitation.cancel. Used, expired or unknown: 404.`,
    rawBody: form({}),
    responses: { 303: redirect('/admin/organizations/{id}?done=invitation-cancelled') },
    errors: [403, 404],
  }),
  page({
    method: 'post', path: '/admin/organizations/{id}/declarations/{declarationId}/suspend', summary: { ja: '宣言を一時停止する', en: 'Suspend a declaration' },
    description: `${FORM} ${ADMINISTRATORS}. \`reason\` is a suspension reason code (required), \`note\` optional. A missing reason: the page again with the message at the field (400); a declaration that is no longer published: 409.`,
    rawBody: form({ reason: { enum: ['under-investigation', 'information-update-required', 'other'] }, note: { type: 'string' } }, ['csrf', 'reason']),
    responses: { 303: redirect('/admin/organizations/{id}?done=suspended'), 400: html, 409: html },
    errors: [403, 404],
  }),
  page({
    method: 'post', path: '/admin/organizations/{id}/declarations/{declarationId}/reinstate', summary: { ja: '宣言の一時停止を解除する', en: 'Reinstate a declaration' },
    description: `${FORM} ${ADMINISTRATORS}. A declaration that is not suspended: 409.`,
    rawBody: form({}),
    responses: { 303: redirect('/admin/organizations/{id}?done=reinstated'), 409: html },
    errors: [403, 404],
  }),
];
