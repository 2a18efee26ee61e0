import type { RouteDoc } from '../../route-doc.js';
import { ADMINISTRATORS, ALL_STAFF, FORM, form, html, page, redirect, STAFF_PAGE } from './common.js';

const FILTERS =
  'Filters are query parameters of a GET form, named as GET /api/v1/audit-log names them: `actorTokenId` (an API token id, or `account:<id>` for a person), ' +
  "`staff` (a staff member from the form's list, i.e. account:<id>; not together with a different actorTokenId), `actorOrganizationId` (what an organization's members and tokens did), " +
  "`organization` (an organization's id: everything about it, its declarations and awards, and what its members and tokens did; its page links here), " +
  '`action` (e.g. declaration.publish), `entityType` and `entityId` (one record), `from` and `to` (days YYYY-MM-DD in Japan time, `to` included). ' +
  'A filter that cannot be used (a malformed or impossible date, an end before the start, a value over 64 characters) answers 400 with the page and the message next to the field.';

/** The back office's audit pages (src/http/admin/audit.tsx, audit-log.tsx, mail.tsx). */
export const BACK_OFFICE_AUDIT_DOCS: RouteDoc[] = [
  page({
    method: 'get', path: '/admin/audit', summary: { ja: '監査ログ', en: 'Audit log' },
    description: `${STAFF_PAGE(ALL_STAFF)} The audit log, newest first, 50 entries a page; \`cursor\` (from the "older entries" link) continues it, and one that is not ours reads as the first page. Times in Japan time; who acted by name; a link to the record's page (organizations, declarations); before and after as JSON. ${FILTERS}`,
    responses: { 200: html, 400: html },
  }),
  page({
    method: 'get', path: '/admin/audit/export.csv', summary: { ja: '監査ログのCSV', en: 'Audit log as CSV' },
    description: `${STAFF_PAGE(ALL_STAFF)} The entries the same filters select, newest first, as a download for Excel: UTF-8 with a BOM, CRLF, every field quoted (RFC 4180), a cell that would start a formula (= + - @ tab CR) prefixed with an apostrophe, and digits Excel would alter (a leading zero, 12 digits or more) written as the text formula ="…" so Excel shows them as written. Read from the log a step at a time; at most 100,000 entries, and a last line says so when more matched. Filters that cannot be used: 400, the page with the messages. Contact details withheld from all but administrators, as on the page; every download is audited as audit.export with its row count. ${FILTERS}`,
    responses: { 200: { description: 'CSV (attachment audit-log-YYYY-MM-DD.csv)', contentType: 'text/csv', schema: { type: 'string' } }, 400: html },
  }),
  page({
    method: 'get', path: '/admin/mail', summary: { ja: '届いていないメール', en: 'E-mail that did not go out' },
    description: `${STAFF_PAGE(ALL_STAFF)} The mail outbox's failed messages and those waiting to be retried after an error, newest first (the newest 100): kind, recipient, organization, attempts, last error; never the message itself. Administrators see a button to send a failed one again.`,
    responses: { 200: html },
  }),
  page({
    method: 'post', path: '/admin/mail/{id}/retry', summary: { ja: '失敗したメールを再送する', en: 'Send a failed message again' },
    description: `${FORM} ${ADMINISTRATORS}. Queues a failed message again with a fresh count of attempts (audited as mail.retry). A message that is not failed (waiting, or sent meanwhile): 409; unknown: 404.`,
    rawBody: form({}),
    responses: { 303: redirect('/admin/mail?done=retried') },
    errors: [403, 404, 409],
  }),
];
