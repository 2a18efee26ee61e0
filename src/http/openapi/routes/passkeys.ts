import { json, type ResponseDoc, type RouteDoc } from '../route-doc.js';

const html: ResponseDoc = { description: 'HTML（日本語、?lang=en で英語）/ HTML (Japanese; ?lang=en for English)', contentType: 'text/html', schema: { type: 'string' } };
const redirect = json('移動先 / where the browser goes next (the session cookie is set)', { type: 'object', properties: { redirect: { type: 'string' } }, required: ['redirect'] });
const webAuthnOptions = (what: string) => json(what, { type: 'object', description: 'PublicKeyCredentialCreationOptionsJSON / PublicKeyCredentialRequestOptionsJSON (WebAuthn Level 3)' });
const jsonBody = (properties: Record<string, unknown>, required: string[] = []) => ({ contentType: 'application/json', schema: { type: 'object', properties, required } });
const credential = { type: 'object', description: 'PublicKeyCredential.toJSON() of the new or asserting credential' };
/** Expired or used invitation (not among the shared error responses: only these routes answer it). */
const gone: ResponseDoc = { description: '招待リンクの期限切れ・使用済み / the invitation expired or was used', contentType: 'application/problem+json', schema: 'Problem' };
const SCRIPT_ONLY = 'Called by /assets/passkeys.js only: the Origin header must be the public origin (403 otherwise) and the body JSON.';

/** Invitations and passkeys (src/http/routes/invitations.ts, src/http/auth/passkeys.ts, src/http/assets). */
export const PASSKEY_ROUTE_DOCS: RouteDoc[] = [
  {
    method: 'post', path: '/api/v1/organizations/{id}/invitations', tag: 'organizations', auth: 'admin', body: 'invitation', bodyOptional: true,
    summary: { ja: 'パスキーで参加する招待リンクを作る', en: 'Create a one-time invitation link (join with a passkey)' },
    description: 'The link (`url`, PUBLIC_BASE_URL/join/<token>) works once and expires after INVITATION_TTL_HOURS (default 72). The token appears only in this answer; the registry stores its SHA-256. One live (unused, not cancelled, unexpired) invitation per organization and e-mail address (compared without case): while one stands, another to that address is refused with 409 naming `/email` and saying when the standing one expires (cancel it to send a new one); two identical requests at once make one invitation and one e-mail. Links without `email` are not deduplicated. An organization API token gets 403.',
    responses: { 201: json('招待リンク / the invitation link', { type: 'object', properties: { id: { type: 'string', description: 'to cancel it (DELETE)' }, url: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' }, role: { enum: ['owner', 'editor'] }, email: { type: ['string', 'null'] }, mailed: { type: 'boolean' } }, required: ['url', 'expiresAt'] }) },
    errors: [409],
  },
  {
    method: 'delete', path: '/api/v1/organizations/{id}/invitations/{invitationId}', tag: 'organizations', auth: 'admin',
    summary: { ja: '未使用の招待を取り消す', en: 'Cancel an open invitation' },
    description: 'Its link stops working at once (it then reads as expired: 410); audited as invitation.cancel. Used, expired or unknown: 404. An organization API token gets 403.',
    responses: { 204: { description: '取り消した / cancelled' } }, errors: [404],
  },
  { method: 'get', path: '/join/{token}', tag: 'pages', auth: 'public', summary: { ja: '招待を受けてパスキーを作るページ', en: 'Page to accept an invitation with a passkey' }, description: '410 for an expired or used link, 404 for an unknown one; nothing changes.', responses: { 200: html, 410: { ...gone, contentType: 'text/html', schema: { type: 'string' } } } },
  {
    method: 'post', path: '/join/{token}/options', tag: 'pages', auth: 'public', summary: { ja: '招待: パスキー作成のオプション', en: 'Invitation: passkey creation options' }, description: SCRIPT_ONLY,
    rawBody: jsonBody({ name: { type: 'string', maxLength: 100 }, email: { type: 'string', maxLength: 254 } }, ['name']), responses: { 200: webAuthnOptions('navigator.credentials.create() の引数 / options for navigator.credentials.create()'), 410: gone }, errors: [403],
  },
  {
    method: 'post', path: '/join/{token}/verify', tag: 'pages', auth: 'public', summary: { ja: '招待: パスキーを登録して参加する', en: 'Invitation: register the passkey and join' },
    description: `${SCRIPT_ONLY} One batch creates the account, membership, passkey and session and uses the invitation.`,
    rawBody: jsonBody({ credential, name: { type: 'string', maxLength: 100 }, email: { type: 'string', maxLength: 254 }, label: { type: 'string', maxLength: 60 } }, ['credential', 'name']), responses: { 200: redirect, 410: gone }, errors: [403],
  },
  { method: 'post', path: '/auth/passkey/options', tag: 'pages', auth: 'public', summary: { ja: 'パスキーでログイン: オプション', en: 'Passkey sign-in: options' }, description: SCRIPT_ONLY, rawBody: jsonBody({}), responses: { 200: webAuthnOptions('navigator.credentials.get() の引数 / options for navigator.credentials.get()') }, errors: [403, 429] },
  { method: 'post', path: '/auth/passkey/login', tag: 'pages', auth: 'public', summary: { ja: 'パスキーでログインする', en: 'Sign in with a passkey' }, description: SCRIPT_ONLY, rawBody: jsonBody({ credential, next: { type: 'string' } }, ['credential']), responses: { 200: redirect }, errors: [403, 429] },
  { method: 'post', path: '/my/passkeys/options', tag: 'pages', auth: 'public', summary: { ja: 'パスキーを追加: オプション（ログイン中）', en: 'Add a passkey: options (signed in)' }, description: SCRIPT_ONLY, rawBody: jsonBody({}), responses: { 200: webAuthnOptions('navigator.credentials.create() の引数 / options for navigator.credentials.create()') }, errors: [401, 403] },
  { method: 'post', path: '/my/passkeys/verify', tag: 'pages', auth: 'public', summary: { ja: 'パスキーを追加する（ログイン中）', en: 'Add a passkey (signed in)' }, description: SCRIPT_ONLY, rawBody: jsonBody({ credential, label: { type: 'string', maxLength: 60 } }, ['credential']), responses: { 201: json('追加したパスキー / the passkey added', { type: 'object' }) }, errors: [401, 403, 409] },
  {
    method: 'post', path: '/my/passkeys/{id}/delete', tag: 'pages', auth: 'public', summary: { ja: 'パスキーを削除する（フォーム）', en: 'Remove a passkey (form post)' },
    description: 'Form post with the session\'s CSRF token (`csrf`); `account` names a member\'s account (owners). 303 to /my/members; 409 for the last passkey of an account with no other way in.',
    rawBody: { contentType: 'application/x-www-form-urlencoded', schema: { type: 'object', properties: { csrf: { type: 'string' }, account: { type: 'string' } }, required: ['csrf'] } },
    responses: { 303: { description: '/my/members' } }, errors: [403, 409],
  },
];
