import type { RouteDoc } from '../../route-doc.js';

/** The back office's awards pages (src/http/admin/awards.tsx). */
export const BACK_OFFICE_AWARDS_DOCS: RouteDoc[] = [];
