// The back office's audit log, its CSV, and the e-mail that did not go out. (GET /admin/statistics
// is left to test/http/authorization-matrix.test.ts, see isBackOfficeRoute: without a staff session
// it answers bearer tokens as the API does, 401 problem+json, which this matrix counts as a refusal
// that is not a page; its session behaviour is tested in test/http/back-office-audit.test.ts.)
import { READ_PAGE, type BackOfficeRow } from './rows.js';

export const rows: BackOfficeRow[] = [
  { method: 'GET', template: '/admin/audit', path: () => '/admin/audit?action=declaration.publish', expect: READ_PAGE },
  { method: 'GET', template: '/admin/audit/export.csv', path: () => '/admin/audit/export.csv?entityType=organization', expect: READ_PAGE },
  { method: 'GET', template: '/admin/mail', path: () => '/admin/mail', expect: READ_PAGE },
  // This server's mail never fails (the folder transport, or none on the Worker): an administrator
  // gets as far as looking the message up (404); sending a failed one again is in back-office-audit.test.ts.
  { method: 'POST', template: '/admin/mail/{id}/retry', path: () => '/admin/mail/no-such-message/retry', form: () => ({}), expect: { administrator: 404, reviewer: 403, viewer: 403, member: 302, none: 302 } },
];
