import type { RouteDoc } from '../../route-doc.js';
import { BACK_OFFICE_AUDIT_DOCS } from './audit.js';
import { BACK_OFFICE_AWARDS_DOCS } from './awards.js';
import { BACK_OFFICE_ORGANIZATIONS_DOCS } from './organizations.js';
import { BACK_OFFICE_PARTNERS_DOCS } from './partners.js';
import { BACK_OFFICE_REVIEWS_DOCS } from './reviews.js';
import { BACK_OFFICE_REVOCATIONS_DOCS } from './revocations.js';
import { BACK_OFFICE_SHELL_DOCS } from './shell.js';
import { BACK_OFFICE_TOKENS_DOCS } from './tokens.js';

/** The back office at /admin (src/http/admin/), one file per area. */
export const BACK_OFFICE_ROUTE_DOCS: RouteDoc[] = [
  ...BACK_OFFICE_SHELL_DOCS, ...BACK_OFFICE_REVIEWS_DOCS, ...BACK_OFFICE_ORGANIZATIONS_DOCS, ...BACK_OFFICE_AWARDS_DOCS,
  ...BACK_OFFICE_REVOCATIONS_DOCS, ...BACK_OFFICE_PARTNERS_DOCS, ...BACK_OFFICE_AUDIT_DOCS, ...BACK_OFFICE_TOKENS_DOCS,
];
