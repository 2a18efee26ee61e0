import type { RouteDoc } from '../../route-doc.js';

/** The back office's reviews pages (src/http/admin/reviews.tsx). */
export const BACK_OFFICE_REVIEWS_DOCS: RouteDoc[] = [];
