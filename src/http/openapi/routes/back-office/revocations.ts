import type { RouteDoc } from '../../route-doc.js';

/** The back office's revocations pages (src/http/admin/revocations.tsx). */
export const BACK_OFFICE_REVOCATIONS_DOCS: RouteDoc[] = [];
