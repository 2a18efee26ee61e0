import type { RouteDoc } from '../../route-doc.js';

/** The back office's organizations pages (src/http/admin/organizations.tsx). */
export const BACK_OFFICE_ORGANIZATIONS_DOCS: RouteDoc[] = [];
