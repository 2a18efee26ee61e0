import type { RouteDoc } from '../../route-doc.js';
import { ADMINISTRATORS, ALL_STAFF, FORM, form, html, page, redirect, STAFF_PAGE } from './common.js';

const TWO_PERSON =
  'With REVOCATION_TWO_PERSON (default true) a revocation takes one administrator to request it and another to approve it; with REVOCATION_TWO_PERSON=false the request revokes at once and is recorded as approved by the requester. The API (POST /api/v1/declarations/{id}/revoke, bearer tokens) stays single-step.';
const DECISION = `${FORM} ${ADMINISTRATORS}. A request already decided, or whose record can no longer be revoked, comes back as the list with why (409); nothing changes.`;

/** The back office's revocations pages (src/http/admin/revocations.tsx). */
export const BACK_OFFICE_REVOCATIONS_DOCS: RouteDoc[] = [
  page({
    method: 'get', path: '/admin/revocations', summary: { ja: '取消の依頼と承認', en: 'Revocation requests and approvals' },
    description: `${STAFF_PAGE(ALL_STAFF)} Pending requests first (oldest first: the record, its organization, reason, note, requester, when), with approve and reject for administrators other than the requester and withdraw for the requester; then the latest 50 decided. ${TWO_PERSON} ?done=… shows what was just done.`,
    responses: { 200: html },
  }),
  page({
    method: 'post', path: '/admin/revocations', summary: { ja: '取消を依頼する', en: 'Request a revocation' },
    description: `${FORM} ${ADMINISTRATORS}. subjectType declaration (published or suspended) or award (active or suspended), subjectId; reason a documented code (REVOCATION_REASONS; required for declarations); note at most 2,000 characters; back a back-office path (/admin…) to return to. ${TWO_PERSON} Refused (a wrong field 400; the record cannot be revoked now, or a request for it is already pending, 409): a page saying why, nothing changed. Audited as revocation.request (and revocation.approve and declaration.revoke/award.revoke when it revokes at once).`,
    rawBody: form({
      subjectType: { enum: ['declaration', 'award'] }, subjectId: { type: 'string' }, reason: { type: 'string' }, note: { type: 'string', maxLength: 2000 }, back: { type: 'string' },
    }, ['csrf', 'subjectType', 'subjectId']),
    responses: { 303: redirect('back (or /admin/revocations) with ?done=revocation-requested, or ?done=revoked when REVOCATION_TWO_PERSON=false'), 400: html, 409: html },
    errors: [403, 404],
  }),
  page({
    method: 'post', path: '/admin/revocations/{id}/approve', summary: { ja: '取消の依頼を承認する（取り消す）', en: 'Approve a revocation request (revoke)' },
    description: `${DECISION} Another person than the requester (403: 承認は依頼者とは別の管理者が行います): not the requester's own or minted tokens, not someone the requester invited or was invited by, not the same e-mail address. The approval and the revocation (state, credential status bit, change event, e-mail, audit entries revocation.approve and declaration.revoke/award.revoke) commit in one batch.`,
    rawBody: form({}),
    responses: { 303: redirect('/admin/revocations?done=approved'), 409: html },
    errors: [403, 404],
  }),
  page({
    method: 'post', path: '/admin/revocations/{id}/reject', summary: { ja: '取消の依頼を却下する', en: 'Reject a revocation request' },
    description: `${DECISION} Another administrator than the requester (who withdraws instead: 403); note (optional, at most 2,000 characters) is kept in the audit entry revocation.reject.`,
    rawBody: form({ note: { type: 'string', maxLength: 2000 } }),
    responses: { 303: redirect('/admin/revocations?done=rejected'), 400: html, 409: html },
    errors: [403, 404],
  }),
  page({
    method: 'post', path: '/admin/revocations/{id}/withdraw', summary: { ja: '取消の依頼を取り下げる', en: 'Withdraw a revocation request' },
    description: `${DECISION} The requester only (403 for others). Audited as revocation.withdraw.`,
    rawBody: form({}),
    responses: { 303: redirect('/admin/revocations?done=withdrawn'), 409: html },
    errors: [403, 404],
  }),
];
