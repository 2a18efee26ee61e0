import type { ResponseDoc, RouteDoc } from '../../route-doc.js';

/** Shared wording of the back office's route docs (one file per area in this folder). */
export const html: ResponseDoc = { description: 'HTML（日本語、?lang=en で英語）/ HTML (Japanese; ?lang=en for English)', contentType: 'text/html', schema: { type: 'string' } };
export const STAFF_PAGE = (roles: string) => `The back office (session cookie of a staff member: ${roles}). Without a staff session, 302 to /admin/login?next=…; another role, 403 (a page).`;
export const FORM = "Form post (application/x-www-form-urlencoded) with the session's CSRF token in `csrf`: without a valid one, or from another origin, 403 and nothing changes.";
export const form = (properties: Record<string, unknown>, required: string[] = ['csrf']) => ({ contentType: 'application/x-www-form-urlencoded', schema: { type: 'object', properties: { csrf: { type: 'string' }, ...properties }, required } });
export const redirect = (to: string): ResponseDoc => ({ description: `303 → ${to}` });
export const ALL_STAFF = 'administrators, reviewers and viewers';
export const REVIEWERS = 'administrators and reviewers';
export const ADMINISTRATORS = 'administrators only';
/** A back-office page or form: documented as `pages`, reached with a session (auth public: no bearer token). */
export const page = (doc: Omit<RouteDoc, 'tag' | 'auth'>): RouteDoc => ({ tag: 'pages', auth: 'public', ...doc });
