import type { RouteDoc } from '../../route-doc.js';
import { ADMINISTRATORS, FORM, form, html, page, redirect, STAFF_PAGE } from './common.js';

/** The back office's API tokens pages (src/http/admin/tokens.tsx): the same service as /api/v1/tokens. */
export const BACK_OFFICE_TOKENS_DOCS: RouteDoc[] = [
  page({
    method: 'get', path: '/admin/tokens', summary: { ja: 'APIトークンの一覧と発行', en: 'API tokens: list and issue' },
    description: `${STAFF_PAGE(ADMINISTRATORS)} Every token with its label, role, organization, who issued it, when, and when revoked; never a hash or a secret. ?state=active (default), revoked or all (anything else: 400, the active list with the field's message); ?organizationId= narrows the list to that organization's tokens and fills it in on the issuing form; ?page= (50 a page).`,
    responses: { 200: html, 400: html },
  }),
  page({
    method: 'post', path: '/admin/tokens', summary: { ja: 'APIトークンを発行する', en: 'Issue an API token' },
    description: `${FORM} ${ADMINISTRATORS}. label 1–200 characters; role admin or organization; organizationId for an organization token only. The answer (200, no-store) shows the token's secret once; it is written to no log. A refused form comes back with its messages next to the fields (400). \`shownAt\` is when the form's page was shown: a token with the same label, role and organization issued after it means the same post was sent again (a reload of the page showing the secret, the back button), refused beside the label (409, nothing issued); a post without the field is not checked. Audited as token.create, as through the API.`,
    rawBody: form({ label: { type: 'string', maxLength: 200 }, role: { enum: ['admin', 'organization'] }, organizationId: { type: 'string' }, shownAt: { type: 'string', maxLength: 40 } }, ['csrf', 'label', 'role']),
    responses: { 200: html, 400: html, 409: html },
    errors: [403],
  }),
  page({
    method: 'get', path: '/admin/tokens/{id}', summary: { ja: 'APIトークン', en: 'An API token' },
    description: `${STAFF_PAGE(ADMINISTRATORS)} The token (no secret), with a link to revoke it while it is active. Unknown: 404.`,
    responses: { 200: html },
    errors: [404],
  }),
  page({
    method: 'get', path: '/admin/tokens/{id}/revoke', summary: { ja: 'APIトークンの取消の確認', en: 'Confirm revoking an API token' },
    description: `${STAFF_PAGE(ADMINISTRATORS)} What the revocation cancels (its open staff and organization invitations) and what the token made (tokens, staff, and what they made in turn), with a box to revoke those too; says so first when it is the token one is signed in with, and when no other administrator could sign in afterwards (409). Already revoked: 302 to the token's page. Unknown: 404.`,
    responses: { 200: html, 302: { description: "→ the token's page when it is already revoked" }, 409: html },
    errors: [404],
  }),
  page({
    method: 'post', path: '/admin/tokens/{id}/revoke', summary: { ja: 'APIトークンを取り消す', en: 'Revoke an API token' },
    description: `${FORM} ${ADMINISTRATORS}. As DELETE /api/v1/tokens/{id}: its open invitations are cancelled in the same write; revokeCreated=true revokes what it made too, only what the confirmation page listed (its expectCreated fields): when the token has made anything else since, nothing changes and the confirmation page comes back (409) naming what was added and listing it. Refused when no other administrator could sign in afterwards (409, the confirmation page with why; nothing changes); revoked by someone else meanwhile: 409, a page saying so.`,
    rawBody: form({ revokeCreated: { enum: ['true'] }, expectCreated: { type: 'array', items: { type: 'string' }, description: 'the ids the confirmation page listed, one field each' } }),
    responses: { 303: redirect('/admin/tokens/{id}?done=revoked'), 409: html },
    errors: [403, 404],
  }),
];
