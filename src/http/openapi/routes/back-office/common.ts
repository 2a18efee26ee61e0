import type { ResponseDoc, RouteDoc } from '../../route-doc.js';

/** Shared wording of the back office's route docs (one file per area in this folder). */
export const html: ResponseDoc = { description: 'HTML（日本語、?lang=en で英語）/ HTML (Japanese; ?lang=en for English)', contentType: 'text/html', schema: { type: 'string' } };
export const STAFF_PAGE = (roles: string) => `The back office (session cookie of a staff member: ${roles}). Without a staff session, 302 to /admin/login?next=…; another role, 403 (a page).`;
/** A stale token (a tab left open while the session changed): src/http/web/form.ts and page-again.ts. */
export const STALE_TOKEN =
  " While the person is still signed in and the post came from this site's own page (Sec-Fetch-Site, Origin), a stale token gives a page back instead, still 403 and nothing changed, with the reason at the top and a fresh token: a form with fields comes back with what was typed; a form of buttons only brings back the page named by `fromPage` (a /my or /admin path every form carries: the page it is on, or on a page answering a post the page that post's form was on), as it is now. Without a session (it ended), a post from this site's own page with text typed at length (signerName, signerTitle, policy, measures, reason, note, overview, message) is answered 403 with that text to copy and a form that sends it again once signed in (without `csrf`: the stale-token page above); otherwise the sign-in redirect (src/http/web/session-ended.tsx).";
export const FORM = `Form post (application/x-www-form-urlencoded) with the session's CSRF token in \`csrf\`: without a valid one, or from another origin, 403 and nothing changes.${STALE_TOKEN}`;
/** The page a form is on (src/http/web/page-again.ts): where a button pressed with a stale token comes back to. */
export const FROM_PAGE = { type: 'string', description: 'the /my or /admin page the form is on (path and query); on a page answering a post, the fromPage that post carried' };
export const form = (properties: Record<string, unknown>, required: string[] = ['csrf']) => ({ contentType: 'application/x-www-form-urlencoded', schema: { type: 'object', properties: { csrf: { type: 'string' }, fromPage: FROM_PAGE, ...properties }, required } });
export const redirect = (to: string): ResponseDoc => ({ description: `303 → ${to}` });
export const ALL_STAFF = 'administrators, reviewers and viewers';
export const REVIEWERS = 'administrators and reviewers';
export const ADMINISTRATORS = 'administrators only';
/** A back-office page or form: documented as `pages`, reached with a session (auth public: no bearer token). */
export const page = (doc: Omit<RouteDoc, 'tag' | 'auth'>): RouteDoc => ({ tag: 'pages', auth: 'public', ...doc });
