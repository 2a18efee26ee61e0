import { RENEWAL_REMINDER_DAYS } from '../../../domain/mail/renewal-mail.js';
import { PAGE_QUERY, json, type RouteDoc } from '../route-doc.js';

/** The secretariat's tools (src/http/routes/admin.ts, statistics.ts). */
export const ADMIN_ROUTE_DOCS: RouteDoc[] = [
  { method: 'get', path: '/api/v1/tokens', tag: 'admin', auth: 'admin', summary: { ja: 'APIトークンの一覧', en: 'List API tokens' }, responses: { 200: json('トークン（秘密は含まない）/ tokens, without secrets', { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Token' } } } }) } },
  { method: 'post', path: '/api/v1/tokens', tag: 'admin', auth: 'admin', body: 'token', summary: { ja: 'APIトークンを発行する', en: 'Issue an API token' }, description: 'The secret is in `token` and is shown only in this answer.', responses: { 201: json('発行したトークン / the token with its secret', 'Token') }, errors: [422] },
  {
    method: 'delete', path: '/api/v1/tokens/{id}', tag: 'admin', auth: 'admin', summary: { ja: 'APIトークンを無効にする', en: 'Revoke an API token' },
    description:
      'An administrator token\'s back-office account (opened at /admin/login) goes with it: its sessions end, it leaves the staff and its passkeys are removed. The staff invitations and the invitations to organizations it sent that are still open are cancelled with it (`cancelledInvitations`, `cancelledOrganizationInvitations`). What it made (`created`: tokens it minted, invitations it sent, accounts that joined through them, and what those made in turn, from the audit log) is named and stays, unless `revokeCreated=true`: then those tokens are revoked, those accounts removed from the staff and every open invitation among them cancelled, in the same step. `expectCreated` pins that set: the ids of what the client saw the token make (comma-separated: tokens, staff accounts, open invitations, as in `created`); when the token has made anything else since, nothing is done (409, `reason: created-changed`, `added`: the ids of what is new, named in the message), and what was seen but is gone since does not stop the rest. The back office\'s confirmation page carries its list this way. 409 when no administrator could sign in afterwards (no other live administrator token, no other administrator account with a passkey or OpenID Connect link): invite yourself as a named staff administrator first.',
    query: [
      { name: 'revokeCreated', description: '作成したトークン・招待・アカウントも同時に無効にする / also revoke what the token made', schema: { enum: ['true', 'false'] } },
      { name: 'expectCreated', description: 'revokeCreated=true のとき、確認した作成物のID（カンマ区切り）。ほかに増えていれば 409 / with revokeCreated=true: the ids of what the client saw it make, comma-separated; anything else made since: 409', schema: { type: 'string', maxLength: 12000, pattern: '^[\\w-]{1,64}(,[\\w-]{1,64})*$' } },
    ],
    responses: {
      200: json('無効にしたトークンと、それが作成したもの / the revoked token and what it made', {
        allOf: [
          { $ref: '#/components/schemas/Token' },
          {
            type: 'object',
            properties: {
              cancelledInvitations: { type: 'array', items: { $ref: '#/components/schemas/CreatedInvitation' } },
              cancelledOrganizationInvitations: { type: 'array', items: { $ref: '#/components/schemas/CreatedOrganizationInvitation' } },
              created: {
                type: 'object',
                properties: {
                  tokens: { type: 'array', items: { allOf: [{ $ref: '#/components/schemas/Token' }, { type: 'object', properties: { createdBy: { type: 'string', description: 'The token id or `account:<id>` that minted it' } } }] } },
                  invitations: { type: 'array', items: { $ref: '#/components/schemas/CreatedInvitation' } },
                  organizationInvitations: { type: 'array', items: { $ref: '#/components/schemas/CreatedOrganizationInvitation' } },
                  accounts: {
                    type: 'array',
                    items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, email: { type: ['string', 'null'] }, staffRole: { enum: ['administrator', 'reviewer', 'viewer', null] }, invitationId: { type: 'string' }, createdBy: { type: 'string' } } },
                  },
                },
              },
            },
          },
        ],
      }),
    },
    errors: [409],
  },
  {
    method: 'get', path: '/api/v1/audit-log', tag: 'admin', auth: 'admin', summary: { ja: '監査ログ', en: 'Audit log' },
    description:
      'Newest first. `actorRole` is `admin:administrator`, `admin:reviewer` or `admin:viewer` for a staff member (the role they held when they acted), `admin` for an API token (and staff entries from before roles were recorded), `organization`, `public` or `system:<process>`. A date alone in `from`/`to` is a whole day in Japan (`from` its start, `to` through its end); a date-time must give its offset (`2025-04-01T09:00:00+09:00` or `…Z`) and is that instant; one without an offset is 400, as is a date that does not exist.',
    query: [
      { name: 'entityType', description: '対象の種類 / entity type', schema: { type: 'string', maxLength: 40 } },
      { name: 'entityId', description: '対象のID / entity id', schema: { type: 'string', maxLength: 64 } },
      { name: 'action', description: '操作 / action, e.g. declaration.publish', schema: { type: 'string', maxLength: 64 } },
      { name: 'actorTokenId', description: '操作したトークン / token id', schema: { type: 'string', maxLength: 64 } },
      { name: 'from', description: '開始日（日本時間）または日時 / from: a date (its start in Japan) or a date-time with its offset (ISO 8601: +09:00 or Z)', schema: { type: 'string' } },
      { name: 'to', description: '終了日（その日の終わりまで、日本時間）または日時 / to: a date (through its end in Japan) or a date-time with its offset (ISO 8601: +09:00 or Z)', schema: { type: 'string' } },
      ...PAGE_QUERY,
    ],
    responses: {
      200: json('監査ログの一覧 / a page of entries', {
        type: 'object',
        properties: {
          items: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                seq: { type: 'integer' }, at: { type: 'string' }, actorTokenId: { type: ['string', 'null'] }, actorRole: { type: 'string' }, actorOrganizationId: { type: ['string', 'null'] },
                action: { type: 'string' }, entityType: { type: 'string' }, entityId: { type: 'string' },
                before: { type: ['object', 'null'], additionalProperties: true, description: 'The record as stored before the action (null when created)' }, after: { type: ['object', 'null'], additionalProperties: true, description: 'The record as stored after it' }, requestId: { type: ['string', 'null'] },
              },
              required: ['seq', 'at', 'actorRole', 'action', 'entityType', 'entityId'],
            },
          },
          nextCursor: { type: ['string', 'null'] },
        },
      }),
    },
  },
  { method: 'post', path: '/api/v1/admin/expire-due', tag: 'admin', auth: 'admin', body: 'declarationAction', bodyOptional: true, summary: { ja: '有効期限切れの宣言を期限切れにする', en: 'Expire declarations past their validity' }, description: `What the scheduled sweep does (Node's timer, the Worker's cron). Each expired declaration's organization is told by e-mail, with the link to request its renewal (PUBLIC_BASE_URL/my). Then the renewal reminders now due (${RENEWAL_REMINDER_DAYS.join(', ')} days before the end of validity; the first on the day the renewal opens) are queued, each once per declaration and validity however often the sweep runs.`, responses: { 200: json('期限切れにした件数 / how many expired', { type: 'object', properties: { expired: { type: 'integer' } } }) } },
  {
    method: 'post', path: '/api/v1/admin/reissue', tag: 'admin', auth: 'admin',
    summary: { ja: '鍵の更新後に有効な証明書を再発行する', en: 'Re-issue live credentials with the current key' },
    description: 'After a key rotation: re-signs up to `limit` live (active or suspended) declaration and award credentials still signed by an older key. Each switch is atomic: the successor gets new status entries with the same bits, the old credential becomes `superseded` (revocation bit set). Call again until `remaining` is 0; `npm run reissue` does this from the command line.',
    query: [{ name: 'limit', description: '今回の上限 / at most this many in this call (default 50)', schema: { type: 'integer', minimum: 1, maximum: 200 } }],
    responses: { 200: json('結果 / result', { type: 'object', properties: { keyId: { type: 'string' }, reissued: { type: 'integer' }, skipped: { type: 'integer' }, remaining: { type: 'integer' } } }) },
  },
  { method: 'get', path: '/api/v1/statistics', tag: 'statistics', auth: 'admin', summary: { ja: '統計（JSON）', en: 'Statistics (JSON)' }, description: 'Declarations by month of publication (Japan time), prefecture, industry, stored status (byStatus) and stage for the secretariat (byStage: returned drafts, renewals under review after expiry, and withdrawals before and after publication apart); awards (not revoked) by fiscal year and category.', responses: { 200: json('統計 / statistics', 'Statistics') } },
  { method: 'get', path: '/admin/statistics', tag: 'statistics', auth: 'admin', summary: { ja: '統計ページ（グラフ）', en: 'Statistics page with charts' }, description: 'Server-rendered HTML with SVG bar charts, each with a text description and a data table. A staff member signed in to the back office (session cookie) gets the same charts inside the back office (?lang=en for English); a browser with neither a token nor a staff session (Accept: text/html) is sent to /admin/login (302).', responses: { 200: { description: 'HTML', contentType: 'text/html', schema: { type: 'string' } } } },
];
