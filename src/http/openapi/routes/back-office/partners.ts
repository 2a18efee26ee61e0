import type { RouteDoc } from '../../route-doc.js';

/** The back office's partners pages (src/http/admin/partners.tsx). */
export const BACK_OFFICE_PARTNERS_DOCS: RouteDoc[] = [];
