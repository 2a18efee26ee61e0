import type { RouteDoc } from '../../route-doc.js';

/** The back office's audit pages (src/http/admin/audit.tsx). */
export const BACK_OFFICE_AUDIT_DOCS: RouteDoc[] = [];
