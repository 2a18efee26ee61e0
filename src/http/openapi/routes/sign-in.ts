import type { ResponseDoc, RouteDoc } from '../route-doc.js';
import { FROM_PAGE, STALE_TOKEN } from './back-office/common.js';

const html: ResponseDoc = { description: 'HTML（日本語、?lang=en で英語）/ HTML (Japanese; ?lang=en for English)', contentType: 'text/html', schema: { type: 'string' } };
// Pages take `?next=` (a path on this site to open after signing in; anything else falls back to /my) —
// described in prose, as for the other pages: a page never answers 400 for a query parameter.

/** Sign-in and sign-out of the web application (src/http/web/routes.tsx, src/http/auth/oidc.tsx). */
export const SIGN_IN_ROUTE_DOCS: RouteDoc[] = [
  { method: 'get', path: '/login', tag: 'pages', auth: 'public', summary: { ja: 'ログインページ（GビズID・パスキー）', en: 'Sign-in page (gBizID, passkeys)' }, description: 'Optional `?next=`: the path on this site to open after signing in.', responses: { 200: html } },
  {
    method: 'post', path: '/auth/logout', tag: 'pages', auth: 'public', summary: { ja: 'ログアウト', en: 'Sign out' },
    description: `Form post with the session's CSRF token in \`csrf\`; ends the session (the row is deleted) and clears the cookie.${STALE_TOKEN}`,
    rawBody: { contentType: 'application/x-www-form-urlencoded', schema: { type: 'object', properties: { csrf: { type: 'string' }, fromPage: FROM_PAGE } } },
    responses: { 303: { description: '303 → /' } }, errors: [403],
  },
  {
    method: 'get', path: '/auth/oidc/login', tag: 'pages', auth: 'public', summary: { ja: 'GビズID（OpenID Connect）でログインを始める', en: 'Start signing in with gBizID (OpenID Connect)' },
    description: 'Authorization code flow with PKCE, state and nonce; optional `?next=` (a path on this site) and `?invitation=` (the token of an organization’s /join link, used at the callback when the 法人番号 names that organization); 404 when OIDC_ISSUER is not set.',
    responses: { 302: { description: 'to the provider' }, 404: html, 502: html },
  },
  {
    method: 'get', path: '/auth/oidc/callback', tag: 'pages', auth: 'public', summary: { ja: 'GビズIDからの戻り先', en: 'Where gBizID sends the browser back' },
    description: 'Checks state, the ID token (issuer, audience, nonce, signature) and the 法人番号 claim; sets the session cookie and goes to `next`. A refused sign-in: 400 page, audited, no session; no matching organization, or an account an owner removed from it that brings no invitation of it: 403 page. With OIDC_ACCOUNT_TYPE_CLAIM, an account whose type is not in OIDC_TRUSTED_ACCOUNT_TYPES (GビズID Entry) is not offered self-registration, and joining a company it is not yet a member of without an invitation of it is refused: 403 page, audited as `account-type`.',
    responses: { 303: { description: 'signed in' }, 400: html, 403: html, 404: html, 502: html },
  },
  {
    method: 'get', path: '/auth/oidc/register', tag: 'pages', auth: 'public', summary: { ja: 'GビズIDで団体を登録するフォーム（自己登録）', en: 'Form to register the company gBizID vouched for (self-registration)' },
    description: 'Offered by the callback\'s 403 page when the valid 法人番号 GビズID sent names no organization and OIDC_SELF_REGISTRATION is on: what GビズID vouched for is kept on the server for 30 minutes, single-use, the browser holding only a random id in a cookie. The 法人番号 is shown, not an input; name, kana, English name, prefecture and city are filled in from the 法人番号 Web-API when NTA_APPLICATION_ID is set. No, an expired or a used registration: 410 page (sign in with GビズID again); the company registered meanwhile: 409 page; a closed corporation, or an account type not trusted (OIDC_TRUSTED_ACCOUNT_TYPES, set after the registration began): 403 page; self-registration off or OIDC not configured: 404.',
    responses: { 200: html, 403: html, 404: html, 409: html, 410: html },
  },
  {
    method: 'post', path: '/auth/oidc/register', tag: 'pages', auth: 'public', summary: { ja: 'GビズIDで団体を登録して自己宣言を始める', en: 'Register the company gBizID vouched for and start its declaration' },
    description: 'Form post with the registration\'s CSRF token in `csrf` (a wrong or missing token, or another Origin: 403, nothing saved). The fields are those of POST /api/v1/organizations for a company, as the back office\'s form names them, checked the same way (refused: 400, the form again with what was typed and each message beside its field); `kind` and `corporateNumber` are GビズID\'s whatever is posted. One batch makes the organization, the account, its owner membership, the session and their audit entries (organization.create with `via: gbizid-self-registration`), then 303 to /my. The company registered meanwhile: 409 page saying to sign in again (which makes the person its member). An account type not trusted (OIDC_TRUSTED_ACCOUNT_TYPES, set after the registration began): 403 page, nothing saved.',
    rawBody: { contentType: 'application/x-www-form-urlencoded', schema: { type: 'object', required: ['csrf', 'name', 'prefectureCode'], properties: Object.fromEntries(['csrf', 'name', 'nameKana', 'nameEn', 'prefectureCode', 'city', 'industryCode', 'sizeBand', 'website', 'contactName', 'contactDepartment', 'contactEmail', 'contactPhone'].map((name) => [name, { type: 'string' }])) } },
    responses: { 303: { description: '303 → /my, signed in as the new organization\'s owner' }, 400: html, 403: html, 404: html, 409: html, 410: html },
  },
];
