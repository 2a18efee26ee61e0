import { ACTIONS, PUBLIC_STATUSES, TRANSITIONS, RENEWAL_WINDOW_DAYS } from '../../../domain/declaration-lifecycle.js';
import { PAGE_QUERY, json, type QueryDoc, type RouteDoc } from '../route-doc.js';
import { DECLARATION_STATUSES } from '../../../domain/model.js';

const PREFECTURE: QueryDoc = { name: 'prefectureCode', description: '都道府県コード（JIS X 0401）/ prefecture code', schema: { type: 'string', pattern: '^(0[1-9]|[1-3][0-9]|4[0-7])$' } };
const INDUSTRY: QueryDoc = { name: 'industryCode', description: '日本標準産業分類の大分類 / JSIC major group', schema: { type: 'string', pattern: '^[A-T]$' } };
const STATUS: QueryDoc = { name: 'status', description: `宣言の状態（管理者と、organizationId が自団体の団体トークン以外は ${PUBLIC_STATUSES.join(', ')}）/ declaration status: any for administrators, and for an organization's token listing its own organizationId (then every state by default, drafts too); otherwise ${PUBLIC_STATUSES.join(', ')}`, schema: { type: 'string', enum: [...DECLARATION_STATUSES] } };
const Q: QueryDoc = { name: 'q', description: '名称・法人番号などで検索 / free-text search', schema: { type: 'string', maxLength: 100 } };

const ACTION_SUMMARIES: Record<string, { ja: string; en: string }> = {
  submit: { ja: '宣言を提出する（審査へ）', en: 'Submit a declaration for review' },
  publish: { ja: '宣言を公表する', en: 'Publish a declaration' },
  return: { ja: '宣言を差し戻す', en: 'Return a declaration to its organization' },
  suspend: { ja: '宣言を一時停止する', en: 'Suspend a declaration' },
  reinstate: { ja: '宣言の一時停止を解除する', en: 'Reinstate a suspended declaration' },
  withdraw: { ja: '宣言を取り下げる', en: 'Withdraw a declaration' },
  revoke: { ja: '宣言を取り消す', en: 'Revoke a declaration' },
  renew: { ja: '期限切れの宣言を更新する', en: 'Renew an expired declaration' },
};

const declarationActions: RouteDoc[] = ACTIONS.filter((a) => a !== 'expire').map((action) => ({
  method: 'post',
  path: `/api/v1/declarations/{id}/${action}`,
  tag: 'declarations',
  summary: ACTION_SUMMARIES[action]!,
  description: `${
    action === 'renew'
      ? `expired → submitted (back to review); published → published, in the last ${RENEWAL_WINDOW_DAYS} days of its validity only (earlier: 409 with renewableFrom): valid from now until its old validUntil plus the validity period, with a new credential.`
      : `${TRANSITIONS[action].from.join(' | ')} → ${TRANSITIONS[action].to}.`
  } ${TRANSITIONS[action].needsReason ? 'A reason is required. ' : ''}Any other state answers 409. If-Match (the ETag) guards against concurrent changes.`,
  auth: TRANSITIONS[action].by === 'organization' ? 'organization' : 'admin',
  body: 'declarationAction',
  bodyOptional: !TRANSITIONS[action].needsReason,
  responses: { 200: json('変更後の宣言 / the declaration after the action', 'Declaration') },
  errors: [409, 412],
}));

const awardActions: RouteDoc[] = (['suspend', 'reinstate', 'revoke'] as const).map((action) => ({
  method: 'post',
  path: `/api/v1/awards/{id}/${action}`,
  tag: 'awards',
  summary: { suspend: { ja: '表彰を一時停止する', en: 'Suspend an award' }, reinstate: { ja: '表彰の一時停止を解除する', en: 'Reinstate an award' }, revoke: { ja: '表彰を取り消す', en: 'Revoke an award' } }[action],
  description:
    `${action === 'reinstate'
      ? 'suspended → active. The reason and note are cleared. Any other state answers 409. The organization is told by e-mail.'
      : `${action === 'suspend' ? 'active' : 'active | suspended'} → ${action === 'suspend' ? 'suspended' : 'revoked'}. \`reason\` (optional) is a ${action === 'suspend' ? 'suspension' : 'revocation'} reason code, as for declarations, and \`note\` a note the organization reads; both are kept with the award (\`statusReason\`; \`statusNote\` for the secretariat and the organization), shown on the verification page and sent to the organization by e-mail. Any other state answers 409.`} If-Match (the ETag) guards against concurrent changes.`,
  auth: 'admin',
  body: 'declarationAction',
  bodyOptional: true,
  responses: { 200: json('変更後の表彰 / the award after the action', 'Award') },
  errors: [409, 412],
}));

/** Organizations, declarations and awards (src/http/routes/organizations.ts, declarations.ts, awards.ts). */
/** GETs answering the public by what it is shown (publicJson in src/http/conditional.ts). */
const PUBLIC_ETAG = 'For the organization and the secretariat: the row version, for If-Match. For anyone else: a digest of the answer, changing exactly when what the public is shown changes; send it back in If-None-Match';
const PUBLIC_NOT_MODIFIED = { description: '変更なし（公開の応答で If-None-Match が ETag に一致）/ not modified: a public answer whose ETag If-None-Match names' };

export const REGISTRY_ROUTE_DOCS: RouteDoc[] = [
  {
    method: 'get', path: '/api/v1/organizations', tag: 'organizations', auth: 'optional',
    summary: { ja: '団体を検索する', en: 'Search organizations' },
    description: 'The public sees organizations with a published declaration or a non-revoked award now (`status` selects history, by the status the public is shown: an expired declaration whose renewal is under review counts as `expired`, one never published counts as none); administrators see all, by stored status. `q` also takes a 法人番号 or 地方公共団体コード.',
    query: [Q, { name: 'kind', description: '団体の種類 / kind', schema: { type: 'string', enum: ['company', 'municipality', 'other'] } }, PREFECTURE, INDUSTRY, STATUS,
      { name: 'awardYear', description: '表彰年度（西暦）/ award fiscal year', schema: { type: 'integer', minimum: 2019, maximum: 2100 } },
      { name: 'awardCategory', description: '賞のコード / award category code', schema: { type: 'string', maxLength: 64 } }, ...PAGE_QUERY],
    responses: { 200: json('団体の一覧 / a page of organizations', 'OrganizationPage') },
  },
  { method: 'post', path: '/api/v1/organizations', tag: 'organizations', auth: 'admin', body: 'organization', summary: { ja: '団体を登録する', en: 'Register an organization' }, responses: { 201: { ...json('登録した団体 / the organization', 'Organization'), headers: { Location: 'The organization\'s address, /api/v1/organizations/{id}', ETag: 'Its row version, for If-Match' } } }, errors: [409, 422] },
  {
    method: 'get', path: '/api/v1/organizations/{id}', tag: 'organizations', auth: 'optional',
    summary: { ja: '団体と宣言・表彰を取得する', en: 'Get an organization with its declarations and awards' },
    description: 'The public sees the organization\'s `updatedAt` as when a public detail last changed (editing the contact alone changes neither it nor the ETag) and each declaration as last published, with `updatedAt` when the public last saw it change.',
    responses: { 200: { ...json('団体 / the organization', 'Organization'), headers: { ETag: PUBLIC_ETAG } }, 304: PUBLIC_NOT_MODIFIED },
  },
  { method: 'put', path: '/api/v1/organizations/{id}', tag: 'organizations', auth: 'organization', body: 'organization', summary: { ja: '団体情報を更新する', en: 'Update an organization' }, responses: { 200: json('更新後の団体 / the organization', 'Organization') }, errors: [409, 412, 422] },
  { method: 'post', path: '/api/v1/organizations/{id}/declarations', tag: 'declarations', auth: 'organization', body: 'declaration', summary: { ja: '宣言を作成する（下書き）', en: 'Create a declaration (draft)' }, responses: { 201: { ...json('作成した宣言 / the declaration', 'Declaration'), headers: { Location: 'The declaration\'s address, /api/v1/declarations/{id}', ETag: 'Its row version, for If-Match' } } }, errors: [409, 422] },

  { method: 'get', path: '/api/v1/declarations', tag: 'declarations', auth: 'optional', summary: { ja: '宣言を検索する', en: 'Search declarations' }, description: 'The public sees published declarations (or those of `status`), each as last published; `status=expired` includes an expired declaration whose renewal is under review (`renewalUnderReview: true`), as the lookup API and open data show it.', query: [Q, { name: 'organizationId', description: '団体ID / organization id', schema: { type: 'string', maxLength: 64 } }, PREFECTURE, INDUSTRY, STATUS, ...PAGE_QUERY], responses: { 200: json('宣言の一覧 / a page of declarations', 'DeclarationPage') } },
  { method: 'get', path: '/api/v1/declarations/{id}', tag: 'declarations', auth: 'optional', summary: { ja: '宣言を取得する', en: 'Get a declaration' }, description: 'The public sees the declaration as last published (the version its newest credential was issued for, never content that was not published), and of it only the fields the organization consented to publish. An expired declaration back in review for its renewal reads as expired with `renewalUnderReview: true`. Its `updatedAt` is when the public last saw it change: saving a renewal\'s draft changes neither it nor the ETag.', responses: { 200: { ...json('宣言 / the declaration', 'Declaration'), headers: { ETag: PUBLIC_ETAG } }, 304: PUBLIC_NOT_MODIFIED } },
  { method: 'put', path: '/api/v1/declarations/{id}', tag: 'declarations', auth: 'organization', body: 'declaration', summary: { ja: '宣言を修正する（新しい版）', en: 'Amend a declaration (a new version)' }, responses: { 200: json('修正後の宣言 / the declaration', 'Declaration') }, errors: [409, 412, 422] },
  { method: 'get', path: '/api/v1/declarations/{id}/versions', tag: 'declarations', auth: 'organization', summary: { ja: '宣言の版の履歴', en: 'Versions of a declaration' }, responses: { 200: json('版の一覧 / every version', { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { version: { type: 'integer' }, content: { $ref: '#/components/schemas/Declaration/properties/content' }, createdAt: { type: 'string' }, createdBy: { type: ['string', 'null'], description: 'The token that wrote it' } }, required: ['version', 'content', 'createdAt'] } } } }) } },
  ...declarationActions,

  { method: 'get', path: '/api/v1/awards', tag: 'awards', auth: 'optional', summary: { ja: '表彰を検索する', en: 'Search awards' }, query: [{ name: 'fiscalYear', description: '年度（西暦の開始年）/ fiscal year', schema: { type: 'integer', minimum: 2019, maximum: 2100 } }, { name: 'category', description: '賞のコード / category code', schema: { type: 'string' } }, { name: 'organizationId', description: '団体ID', schema: { type: 'string' } }, ...PAGE_QUERY], responses: { 200: json('表彰の一覧 / a page of awards', 'AwardPage') } },
  { method: 'post', path: '/api/v1/awards', tag: 'awards', auth: 'admin', body: 'award', summary: { ja: '表彰を記録する', en: 'Record an award' }, description: 'Issues the award\'s credential (its badge). The awarded organization is congratulated by e-mail (its members and contact address), with the link to the badge kit (PUBLIC_BASE_URL/my/badges) where the badge and its QR code are downloaded; a partner municipality named in `partnerMunicipalityId` is told in a message of its own (which organization received the award, and its public page); the messages are queued with the award, so a refused award sends none. Always sent: an award recorded alone is news (only the back office\'s CSV import of past years may record awards without it).', responses: { 201: { ...json('記録した表彰 / the award', 'Award'), headers: { Location: 'The award\'s address, /api/v1/awards/{id}', ETag: 'Its row version, for If-Match' } } }, errors: [409, 422] },
  { method: 'get', path: '/api/v1/awards/{id}', tag: 'awards', auth: 'optional', summary: { ja: '表彰を取得する', en: 'Get an award' }, responses: { 200: { ...json('表彰 / the award', 'Award'), headers: { ETag: 'For the organization and the secretariat: the row version, for If-Match on its actions' } } } },
  {
    method: 'put', path: '/api/v1/awards/{id}', tag: 'awards', auth: 'admin', body: 'awardCorrection',
    summary: { ja: '表彰の概要・メッセージ・表彰日を訂正する', en: "Correct an award's overview, message or date" },
    description: "A typo found before or after the announcement. A field left out stays; for the overview and message, null or an empty string clears it. The day (`awardedOn`) keeps the bounds it had when recorded (from 1 April of its fiscal year to the end of the next, never after today in Japan; else 400 naming it). The overview and the day are signed into the award's credential: correcting either issues a new credential (same status) and supersedes the old one in the same batch, so the old badge and QR code read 以前の版 / Older version and `/v/{old}` names the new one (`currentVersion`); the message is on the pages only, and the credential stays. Audited `award.correct` with the award before and after, the change event `award.corrected`, and an e-mail to the organization with the corrected text (and, when the badge was re-issued, to replace it). The same values as now: 200 with the award unchanged, nothing written. A revoked award: 409 (`currentStatus`). `If-Match` with the award's ETag: 412 when it changed since.",
    responses: { 200: { ...json('訂正後の表彰 / the corrected award', 'Award'), headers: { ETag: 'Its new row version' } } },
    errors: [409, 412],
  },
  ...awardActions,
  { method: 'get', path: '/api/v1/award-categories', tag: 'awards', auth: 'public', summary: { ja: '賞の一覧', en: 'Award categories' }, responses: { 200: json('賞 / categories', 'AwardCodeList') } },
  { method: 'post', path: '/api/v1/award-categories', tag: 'awards', auth: 'admin', body: 'awardCode', summary: { ja: '賞を追加する', en: 'Add an award category' }, responses: { 201: json('追加した賞 / the category', 'AwardCodeRequest') }, errors: [409] },
  { method: 'get', path: '/api/v1/award-divisions', tag: 'awards', auth: 'public', summary: { ja: '部門の一覧', en: 'Award divisions' }, responses: { 200: json('部門 / divisions', 'AwardCodeList') } },
  { method: 'post', path: '/api/v1/award-divisions', tag: 'awards', auth: 'admin', body: 'awardCode', summary: { ja: '部門を追加する', en: 'Add an award division' }, responses: { 201: json('追加した部門 / the division', 'AwardCodeRequest') }, errors: [409] },
];
