import type { RouteDoc } from '../../route-doc.js';
import { ALL_STAFF, FORM, form, html, page, redirect, REVIEWERS, STAFF_PAGE } from './common.js';

const ROW_VERSION = { type: 'string', pattern: '^[0-9]+$', description: "The declaration's rowVersion as the page showed it (If-Match, in a form)" };
const DECISION = `${FORM} ${REVIEWERS}. \`rowVersion\` is the declaration's row version shown with the page: a stale one, or a declaration no longer under review, brings the page back with the message (409) and changes nothing.`;

/** The back office's reviews pages (src/http/admin/reviews.tsx). */
export const BACK_OFFICE_REVIEWS_DOCS: RouteDoc[] = [
  page({
    method: 'get', path: '/admin/reviews', summary: { ja: '審査待ちの宣言', en: 'Declarations awaiting review' },
    description: `${STAFF_PAGE(ALL_STAFF)} Submitted declarations, the oldest submission first, 50 a page (?cursor= from the "next" link; an unreadable one starts over); ?done=published|returned shows what was just done, naming the organization of the declaration in &declaration=<id>.`,
    responses: { 200: html },
  }),
  page({
    method: 'get', path: '/admin/reviews/{declarationId}', summary: { ja: '宣言の審査', en: 'Review a declaration' },
    description: `${STAFF_PAGE(ALL_STAFF)} The organization (with its private contact), the declaration, its guideline areas, what changed since the last published version, its history, the staff's internal notes, and for ${REVIEWERS} the forms to publish, return and add a note. ?done=note after a note was added.`,
    responses: { 200: html, 404: html },
  }),
  page({
    method: 'post', path: '/admin/reviews/{declarationId}/publish', summary: { ja: '宣言を公表する', en: 'Publish a declaration' },
    description: `${DECISION} Issues the credential and e-mails the organization.`,
    rawBody: form({ rowVersion: ROW_VERSION }, ['csrf', 'rowVersion']),
    responses: { 303: redirect('/admin/reviews?done=published&declaration={declarationId}'), 400: html, 409: html }, errors: [403, 404],
  }),
  page({
    method: 'post', path: '/admin/reviews/{declarationId}/return', summary: { ja: '宣言を差し戻す', en: 'Return a declaration' },
    description: `${DECISION} \`reason\` (1–500 characters) is shown to the organization on /my and e-mailed to it; without one, the form comes back with the message next to the field (400).`,
    rawBody: form({ rowVersion: ROW_VERSION, reason: { type: 'string', minLength: 1, maxLength: 500 } }, ['csrf', 'rowVersion', 'reason']),
    responses: { 303: redirect('/admin/reviews?done=returned&declaration={declarationId}'), 400: html, 409: html }, errors: [403, 404],
  }),
  page({
    method: 'post', path: '/admin/reviews/{declarationId}/notes', summary: { ja: '審査の内部メモを追加する', en: 'Add an internal review note' },
    description: `${FORM} ${REVIEWERS} (viewers read notes but get 403 here). \`note\`: 1–4000 characters, no control characters but newlines and tabs; seen by staff only, audited as review-note.add. A refused note comes back with its message (400).`,
    rawBody: form({ note: { type: 'string', minLength: 1, maxLength: 4000 } }, ['csrf', 'note']),
    responses: { 303: redirect('/admin/reviews/{declarationId}?done=note#notes'), 400: html }, errors: [403, 404],
  }),
];
