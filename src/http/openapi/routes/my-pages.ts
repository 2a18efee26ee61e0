import type { ResponseDoc, RouteDoc } from '../route-doc.js';
import { FROM_PAGE, STALE_TOKEN } from './back-office/common.js';

const html: ResponseDoc = { description: 'HTML（日本語、?lang=en で英語）/ HTML (Japanese; ?lang=en for English)', contentType: 'text/html', schema: { type: 'string' } };
const SIGNED_IN = 'For a signed-in member of an organization (session cookie); without a session, 302 to /login?next=… .';
const FORM = `Form post (application/x-www-form-urlencoded) with the session's CSRF token in \`csrf\`: without a valid one, or from another origin, 403 and nothing changes.${STALE_TOKEN}`;
const form = (properties: Record<string, unknown>, required: string[] = ['csrf']) => ({ contentType: 'application/x-www-form-urlencoded', schema: { type: 'object', properties: { csrf: { type: 'string' }, fromPage: FROM_PAGE, ...properties }, required } });
const declarationFields = {
  declarationId: { type: 'string', description: 'the live declaration being edited; absent for a new one' },
  rowVersion: { type: 'integer', description: 'the version the form was read at, required with declarationId (missing or damaged: the form back with a message, 400; stale: 409)' },
  action: { enum: ['preview', 'draft', 'submit', 'amend'] },
  signerName: { type: 'string' }, signerTitle: { type: 'string' }, committedOn: { type: 'string', format: 'date' }, sharedOn: { type: 'string', format: 'date' },
  guidelineAreas: { type: 'array', items: { type: 'string' } }, purposes: { type: 'array', items: { type: 'string' } },
  policy: { type: 'string' }, measures: { type: 'string' }, publicFields: { type: 'array', items: { type: 'string' } },
};
/** A one-button form on the live declaration: without its rowVersion (or with a damaged one), 400 and nothing changes. */
const BUTTON_FIELDS = { declarationId: { type: 'string' }, rowVersion: { type: 'integer', description: 'the version the page was shown at (missing or damaged: 400; stale: 409)' } };
const redirect = (to: string): ResponseDoc => ({ description: `303 → ${to}` });

/** The signed-in organization's pages (src/http/web/my/) and the copy button's script. */
export const MY_PAGE_ROUTE_DOCS: RouteDoc[] = [
  { method: 'get', path: '/my', tag: 'pages', auth: 'public', summary: { ja: 'マイページ: ダッシュボード', en: 'My page: dashboard' }, description: `${SIGNED_IN} Each declaration and award with its state and what to do next.`, responses: { 200: html } },
  { method: 'get', path: '/my/declaration', tag: 'pages', auth: 'public', summary: { ja: '自己宣言のフォーム', en: 'The declaration form' }, description: `${SIGNED_IN} A new declaration, or the live one to edit or amend; read-only while under review or expired.`, responses: { 200: html } },
  {
    method: 'post', path: '/my/declaration', tag: 'pages', auth: 'public', summary: { ja: '自己宣言を保存・提出・プレビューする', en: 'Save, submit or preview the declaration' },
    description: `${FORM} Validated as POST/PUT of the API; a refused form comes back with the messages beside its fields (400). \`preview\` saves nothing.`,
    rawBody: form(declarationFields), responses: { 200: html, 303: redirect('/my/declaration?saved=… or /my?done=submitted'), 400: html, 409: html }, errors: [403, 404],
  },
  { method: 'get', path: '/my/declaration/withdraw', tag: 'pages', auth: 'public', summary: { ja: '宣言の取下げ（確認）', en: 'Withdraw the declaration (confirmation)' }, description: SIGNED_IN, responses: { 200: html, 302: { description: '/my/declaration when there is nothing to withdraw' } } },
  { method: 'post', path: '/my/declaration/withdraw', tag: 'pages', auth: 'public', summary: { ja: '宣言を取り下げる', en: 'Withdraw the declaration' }, description: FORM, rawBody: form(BUTTON_FIELDS, ['csrf', 'declarationId', 'rowVersion']), responses: { 303: redirect('/my?done=withdrawn') }, errors: [400, 403, 404, 409] },
  { method: 'post', path: '/my/declaration/renew', tag: 'pages', auth: 'public', summary: { ja: '期限切れの宣言の更新を申請する', en: 'Request renewal of an expired declaration' }, description: FORM, rawBody: form(BUTTON_FIELDS, ['csrf', 'declarationId', 'rowVersion']), responses: { 303: redirect('/my?done=renewed') }, errors: [400, 403, 404, 409] },
  {
    method: 'get', path: '/my/history', tag: 'pages', auth: 'public', summary: { ja: '宣言の版の履歴と操作の記録', en: 'Versions of the declaration and the audit trail' }, description: `${SIGNED_IN} \`?declaration=\` one of the organization's declarations (another organization's: 404 if private, else 403); \`?cursor=\` older audit entries. A page: unusable values fall back rather than answer 400.`,
    responses: { 200: html }, errors: [403, 404],
  },
  { method: 'get', path: '/my/badges', tag: 'pages', auth: 'public', summary: { ja: 'バッジキット', en: 'Badge kit' }, description: `${SIGNED_IN} For every valid credential: badge PNG/SVG, QR code for print, embed snippet, verification link.`, responses: { 200: html } },
  { method: 'get', path: '/my/members', tag: 'pages', auth: 'public', summary: { ja: 'メンバーとパスキー', en: 'Members and their passkeys' }, description: SIGNED_IN, responses: { 200: html } },
  { method: 'post', path: '/my/members/invite', tag: 'pages', auth: 'public', summary: { ja: 'メンバーを招待する（管理者）', en: 'Invite a member (owners)' }, description: `${FORM} The page shows the one-time link once. While a live invitation to that e-mail address stands (a reload, a double click), the members page comes back saying so by the e-mail field, with its expiry (409); no second link or e-mail. Without an address, \`shownAt\` (when the form's page was shown) tells the same post sent again: an unused link with the same role made after it is refused beside the role (409, nothing made); a post without the field is not checked.`, rawBody: form({ role: { enum: ['owner', 'editor'] }, email: { type: 'string' }, shownAt: { type: 'string', maxLength: 40 } }), responses: { 200: html, 400: html, 409: html }, errors: [403] },
  { method: 'post', path: '/my/members/invitations/{invitationId}/cancel', tag: 'pages', auth: 'public', summary: { ja: '招待を取り消す（管理者）', en: 'Cancel an invitation (owners)' }, description: `${FORM} The open invitation's link stops working at once; audited as invitation.cancel. Used, expired or unknown: 404.`, rawBody: form({}), responses: { 303: redirect('/my/members?removed=invitation') }, errors: [403, 404] },
  { method: 'get', path: '/my/members/{accountId}/remove', tag: 'pages', auth: 'public', summary: { ja: 'メンバーの削除・団体から抜ける（確認）', en: 'Remove a member, or leave (confirmation)' }, description: `${SIGNED_IN} Owners, or the member themselves (their own id: leaving).`, responses: { 200: html }, errors: [403, 404] },
  { method: 'post', path: '/my/members/{accountId}/remove', tag: 'pages', auth: 'public', summary: { ja: 'メンバーを削除する（管理者）・団体から抜ける（本人）', en: 'Remove a member (owners), or leave (the member themselves)' }, description: `${FORM} Leaving (one's own id) ends one's sessions and answers a page saying so (200); the last owner cannot leave or be removed (409).`, rawBody: form({}), responses: { 200: html, 303: redirect('/my/members?removed=member') }, errors: [403, 404, 409] },
  { method: 'get', path: '/my/profile', tag: 'pages', auth: 'public', summary: { ja: '自分のお名前とメールアドレス', en: 'Your own name and e-mail address' }, description: `${SIGNED_IN} The form to correct them; for a gBizID account, read-only (gBizID supplies both at every sign-in).`, responses: { 200: html } },
  { method: 'post', path: '/my/profile', tag: 'pages', auth: 'public', summary: { ja: '自分のお名前とメールアドレスを変更する', en: 'Correct your own name and e-mail address' }, description: `${FORM} Only the signed-in person's own account; audited as account.profile. A missing name or a malformed address: the form again with the message by its field (400). A gBizID account: 409.`, rawBody: form({ name: { type: 'string' }, email: { type: 'string' } }), responses: { 303: redirect('/my/members?saved=profile'), 400: html, 409: html }, errors: [403] },
  { method: 'get', path: '/assets/copy.js', tag: 'pages', auth: 'public', summary: { ja: 'コピーボタンのスクリプト', en: 'The copy button script' }, responses: { 200: { description: 'JavaScript', contentType: 'text/javascript', schema: { type: 'string' } } } },
  { method: 'get', path: '/assets/file-picker.js', tag: 'pages', auth: 'public', summary: { ja: '/verify のファイル選択のスクリプト', en: 'The file picker script of /verify' }, description: 'Shows the chosen file name and accepts a dropped file; /verify works without it.', responses: { 200: { description: 'JavaScript', contentType: 'text/javascript', schema: { type: 'string' } } } },
];
