import { CHANGE_EVENT_TYPES } from '../../../domain/partners/model.js';
import { MAX_WEBHOOKS_PER_PARTNER } from '../../../domain/services/webhooks.js';
import { PAGE_QUERY, json, type RouteDoc } from '../route-doc.js';

/** A credential as a lookup names it (presentCredentialRef in src/http/present-lookup.ts). */
const lookupCredential = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uri' }, verificationUrl: { type: 'string', format: 'uri' },
    status: { enum: ['active', 'suspended', 'expired', 'superseded', 'revoked', 'withdrawn'] },
    type: { enum: ['declaration', 'award'] }, subjectId: { type: 'string', description: 'The declaration\'s or award\'s id' }, issuedAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'verificationUrl', 'status', 'type', 'subjectId', 'issuedAt'],
};
/** What a lookup finds for one organization (presentLookupMatch), in GET …/by-corporate-number and each found item of POST /api/v1/lookup. */
const lookupAward = { type: 'object', properties: { id: { type: 'string' }, fiscalYear: { type: 'integer' }, category: { type: 'string' }, division: { type: ['string', 'null'] }, status: { enum: ['active', 'suspended'] }, awardedOn: { type: 'string' } }, required: ['id', 'fiscalYear', 'category', 'division', 'status', 'awardedOn'] };
const lookupMatch = {
  organization: { $ref: '#/components/schemas/Organization' },
  awards: {
    type: 'array', description: 'Its awards that are not revoked (active or suspended). A revoked award is left out here; its credential stays in `credentials` with status `revoked`.',
    items: lookupAward,
  },
  awardsOn: {
    type: 'array',
    description: 'Only when a day was asked for (`on`): the awards it held at the end of that day in Japan: awarded by then (`awardedOn` on or before it) and not revoked by then, each with its status then (`suspended` for a suspension that day covered), from the changes the registry recorded. An award recorded after that day counts as it was first recorded (past years\' awards are recorded later).',
    items: lookupAward,
  },
  credentials: { type: 'array', items: lookupCredential },
  currentDeclaration: declarationState('The declaration as the public sees it (null when none was ever published). After expiry, while the renewal the organization applied for is under review, it stays `expired` with its last published period and `renewalUnderReview` is true; nothing of the renewal itself is shown until it is published.'),
  declarationOn: declarationState('Only when a day was asked for (`on`): the declaration as the public read it at the end of that day in Japan (23:59:59.999 JST; now, for today), from the changes the registry recorded: `published`, `suspended`, `expired` (its period over, or a renewal under review), `withdrawn` or `revoked`; null when none had been published by then. "Was it declared on the day it applied?" is `status: published`.'),
};
/** A declaration's public state, as currentDeclaration and declarationOn give it. */
function declarationState(description: string) {
  return {
    type: ['object', 'null'],
    description,
    properties: {
      id: { type: 'string' },
      status: { type: 'string', enum: ['published', 'suspended', 'withdrawn', 'revoked', 'expired'] },
      validFrom: { type: ['string', 'null'] },
      validUntil: { type: ['string', 'null'] },
      renewalUnderReview: { type: 'boolean', description: '更新を審査中: expired, and the organization has applied to renew it; the secretariat has not yet published the renewal / the organization applied to renew this expired declaration and the renewal is under review' },
    },
    required: ['id', 'status', 'validFrom', 'validUntil', 'renewalUnderReview'],
  };
}
const LOOKUP_MATCH_REQUIRED = ['organization', 'currentDeclaration', 'awards', 'credentials'];
const ON = { type: 'string', description: 'The day asked for (`on`), as sent' };
const lookupAnswer = { type: 'object', description: 'The organization, its current declaration status, awards, credential ids and verification URLs. A credential\'s `status`: active, suspended, expired, superseded, revoked (by the secretariat) or withdrawn (its declaration withdrawn by the organization; the revocation bit is set for both).', properties: { asOf: { type: 'string' }, on: ON, ...lookupMatch }, required: ['asOf', ...LOOKUP_MATCH_REQUIRED] };
/** One item of a bulk lookup (presentLookupResult): found, or an error of its own. */
const lookupResult = {
  oneOf: [
    {
      type: 'object', description: 'Found: the same as GET …/by-corporate-number answers; `matchedCredential` for a credential id',
      properties: { input: { type: 'string' }, inputType: { enum: ['corporateNumber', 'credentialId'] }, ok: { const: true }, matchedCredential: lookupCredential, ...lookupMatch },
      required: ['input', 'inputType', 'ok', ...LOOKUP_MATCH_REQUIRED],
    },
    {
      type: 'object', description: 'Not found or not valid',
      properties: {
        input: { type: 'string' }, inputType: { enum: ['corporateNumber', 'credentialId'] }, ok: { const: false },
        error: { type: 'object', properties: { code: { enum: ['invalid-corporate-number', 'invalid-credential-id', 'not-found'] }, ja: { type: 'string' }, en: { type: 'string' } }, required: ['code', 'ja', 'en'] },
      },
      required: ['input', 'inputType', 'ok', 'error'],
    },
  ],
};
/** An item of GET /api/v1/changes: the stored event. A webhook's body is the same event with occurredAt named timestamp (Standard Webhooks), without cursor and organizationId. */
const feedItem = {
  type: 'object',
  properties: {
    cursor: { type: 'string', description: 'Pass the last one processed as `after`' },
    id: { type: 'string', description: 'Event id, as in the webhook body' },
    type: { $ref: '#/components/schemas/WebhookEvent/properties/type' },
    occurredAt: { type: 'string', format: 'date-time', description: 'When the change happened (a webhook body\'s `timestamp`)' },
    subject: { $ref: '#/components/schemas/WebhookEvent/properties/subject' },
    organizationId: { type: 'string' },
    data: { $ref: '#/components/schemas/WebhookEvent/properties/data' },
  },
  required: ['cursor', 'id', 'type', 'occurredAt', 'subject', 'organizationId', 'data'],
};
const delivery = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'The webhook-id header of its attempts ("msg_…")' }, webhookId: { type: 'string' }, eventId: { type: 'string' }, eventType: { type: 'string' },
    status: { enum: ['pending', 'delivered', 'failed', 'cancelled'] }, attempts: { type: 'integer' }, nextAttemptAt: { type: ['string', 'null'] },
    lastStatusCode: { type: ['integer', 'null'] }, lastError: { type: ['string', 'null'] }, replayOf: { type: ['string', 'null'], description: 'The delivery this one replays' },
    createdAt: { type: 'string' }, lastAttemptAt: { type: ['string', 'null'] }, deliveredAt: { type: ['string', 'null'] },
  },
  required: ['id', 'webhookId', 'eventId', 'eventType', 'status', 'attempts'],
};
/** A webhook as listed, registered (plus its secret, once) and enabled. */
const webhookSchema = {
  type: 'object',
  required: ['id', 'partnerId', 'url', 'events', 'createdAt', 'disabledAt', 'disabledReason'],
  properties: {
    id: { type: 'string' },
    partnerId: { type: 'string' },
    url: { type: 'string' },
    events: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string', format: 'date-time' },
    disabledAt: { type: ['string', 'null'], format: 'date-time', description: 'Set when the registry disabled the webhook because its receiver answered 410 Gone: nothing is queued for it until it is enabled again (POST …/webhooks/{webhookId}/enable). Null: enabled.' },
    disabledReason: { type: ['string', 'null'], description: 'Why it was disabled (names the delivery that got 410 Gone); null while enabled.' },
  },
};
/** A partner as the secretariat sees it (presentPartner in src/http/routes/partners.ts). */
const partner = {
  type: 'object',
  properties: {
    id: { type: 'string' }, name: { type: 'string' }, kind: { enum: ['hr-company', 'business-federation', 'other'] }, clientId: { type: 'string' },
    rateLimitPerMinute: { type: 'integer' }, createdAt: { type: 'string' }, secretRotatedAt: { type: ['string', 'null'] },
    deactivatedAt: { type: ['string', 'null'], description: 'Set while deactivated' }, deactivationReason: { type: ['string', 'null'] },
  },
  required: ['id', 'name', 'kind', 'clientId', 'rateLimitPerMinute', 'createdAt', 'deactivatedAt'],
};
/** A partner with its requests this minute and per UTC day (the last 7 days), as listed and as read alone. */
const partnerWithUsage = {
  ...partner,
  properties: {
    ...partner.properties,
    usage: { type: 'object', properties: { currentMinute: { type: 'integer', description: 'Requests counted in the current minute' }, days: { type: 'array', items: { type: 'object', properties: { day: { type: 'string' }, requests: { type: 'integer' } } } } } },
  },
  required: [...partner.required, 'usage'],
};
/** The partner with its OAuth client credentials: the secret is shown only in this answer. */
const partnerWithSecret = { ...partner, properties: { ...partner.properties, client_id: { type: 'string' }, client_secret: { type: 'string', description: 'Shown only here' } }, required: [...partner.required, 'client_id', 'client_secret'] };
const DISABLED = 'A receiver that answers 410 Gone disables its webhook (Standard Webhooks: the endpoint is gone): `disabledAt` and `disabledReason` say when and why, its pending deliveries are cancelled and none are queued until it is enabled again.';
const PARTNER_ID = 'partnerId は自分のトークンなら "me"、事務局はパートナーID / "me" with a partner token, or a partner id for the secretariat.';

/** OAuth, lookups, the change feed and partner administration (src/http/routes/oauth.ts, lookup.ts, partners.ts). */
export const PARTNER_ROUTE_DOCS: RouteDoc[] = [
  {
    method: 'post', path: '/oauth/token', tag: 'partners', auth: 'public', summary: { ja: 'アクセストークンを取得する（OAuth 2.0 クライアントクレデンシャル）', en: 'Get an access token (OAuth 2.0 client credentials)' },
    description: 'Client authentication by HTTP Basic or client_id/client_secret in the body. The parameters form-encoded (RFC 6749) or as a JSON object, each once; a body over 8 KiB is invalid_request. Errors follow RFC 6749 §5.2 ({error, error_description}), not problem+json (except 429 from the per-address limit).',
    rawBody: { contentType: 'application/x-www-form-urlencoded', also: ['application/json'], schema: { type: 'object', required: ['grant_type'], properties: { grant_type: { const: 'client_credentials' }, scope: { const: 'lookup' }, client_id: { type: 'string' }, client_secret: { type: 'string' } } } },
    responses: {
      200: { headers: { 'Cache-Control': '`no-store` (RFC 6749 §5.1)' }, ...json('アクセストークン / the access token', { type: 'object', required: ['access_token', 'token_type', 'expires_in'], properties: { access_token: { type: 'string' }, token_type: { const: 'Bearer' }, expires_in: { type: 'integer' }, scope: { type: 'string' } } }) },
      400: json('OAuth エラー / OAuth error', 'OAuthError'),
      401: { headers: { 'WWW-Authenticate': '`Basic realm="registry", charset="UTF-8"` (RFC 6749 §5.2)' }, ...json('クライアント認証の失敗 / invalid_client', 'OAuthError') },
    },
  },
  { method: 'get', path: '/api/v1/organizations/by-corporate-number/{corporateNumber}', tag: 'partners', auth: 'public', summary: { ja: '法人番号で照会する', en: 'Look up by 法人番号 (corporate number)' }, description: 'Full-width digits are accepted. A number that is not 13 digits with a valid check digit is 400 naming `corporateNumber`; an unknown or unlisted organization is 404. With `on` (a day), the answer also gives `declarationOn` and `awardsOn`: was it declared, and which awards did it hold, on that day (a subsidy application\'s date, a job fair\'s)?', query: [{ name: 'on', description: '基準日 / a day in Japan, YYYY-MM-DD, up to today: the answer adds `declarationOn`, the declaration as the public read it at the end of that day, and `awardsOn`, the awards it held then. Not a real date, or a day still to come: 400 naming `on`', schema: { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } }], responses: { 200: json('照会結果 / the answer, as of now', lookupAnswer) }, errors: [400] },
  { method: 'post', path: '/api/v1/lookup', tag: 'partners', auth: 'partner', body: 'lookup', summary: { ja: '一括照会（最大1,000件）', en: 'Bulk lookup (up to 1,000 items)' }, description: 'One result per item; an invalid item is an error for that item only. With `on` (a day in Japan, up to today), each found item also gives `declarationOn` and `awardsOn`, as GET …/by-corporate-number does; a bad `on` is 400 naming `/on`.', responses: { 200: json('照会結果 / results', { type: 'object', properties: { asOf: { type: 'string' }, on: ON, results: { type: 'array', items: lookupResult, description: 'In the order sent: corporateNumbers, then credentialIds' } }, required: ['asOf', 'results'] }) } },
  {
    method: 'get', path: '/api/v1/changes', tag: 'partners', auth: 'public', summary: { ja: '変更フィード', en: 'Change feed' },
    description: `Every public change in commit order, the same events webhooks deliver: ${CHANGE_EVENT_TYPES.map((type) => `\`${type}\``).join(', ')}. Without \`after\` it starts from the first change; to follow only what happens from now on, start from the \`cursor\` of GET /api/v1/changes/latest. Keep polling with \`nextCursor\` (the same cursor again when nothing is new); \`hasMore\` says another page is ready at once.`,
    query: [
      { name: 'after', description: '前回の nextCursor / the last cursor seen (nextCursor or an item\'s cursor). One past the newest change is 400 naming `after`: the registry was restored from a backup, so re-read the current state by lookup and continue from GET /api/v1/changes/latest', schema: { type: 'string', maxLength: 20 } },
      { name: 'limit', description: '件数 / page size', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
    ],
    responses: { 200: json('変更 / events', { type: 'object', properties: { asOf: { type: 'string' }, items: { type: 'array', items: feedItem }, nextCursor: { type: 'string' }, hasMore: { type: 'boolean' } }, required: ['asOf', 'items', 'nextCursor', 'hasMore'] }) },
  },
  { method: 'get', path: '/api/v1/changes/latest', tag: 'partners', auth: 'public', summary: { ja: '変更フィードの最新カーソル', en: 'The newest cursor of the change feed' }, description: 'Start the change feed here to follow only what happens from now on.', responses: { 200: json('カーソル / cursor', { type: 'object', properties: { cursor: { type: 'string', description: 'The newest change\'s cursor, to pass as `after` ("0" while there is none)' } }, required: ['cursor'] }) } },
  { method: 'get', path: '/api/v1/partners', tag: 'partners', auth: 'admin', summary: { ja: '推進パートナーの一覧と利用状況', en: 'Partners and their usage' }, responses: { 200: json('パートナー / partners', { type: 'object', properties: { items: { type: 'array', items: partnerWithUsage } } }) } },
  { method: 'post', path: '/api/v1/partners', tag: 'partners', auth: 'admin', body: 'partner', summary: { ja: '推進パートナーを登録する', en: 'Register a partner' }, description: 'The client secret is shown only in this answer. A name another partner has (a deactivated one too), read alike once invisible characters, full-width and half-width forms, capitals and runs of spaces are set aside, is 409 naming `/name` in `errors`, with `existingPartner` (its id and name as registered); registrations of one name at the same moment register it once, as the back office form does.', responses: { 201: { ...json('パートナーとクライアントシークレット / the partner and its client secret', partnerWithSecret), headers: { Location: 'The partner\'s address, /api/v1/partners/{partnerId}', 'Cache-Control': '`no-store`: the answer holds the secret' } } }, errors: [409] },
  { method: 'get', path: '/api/v1/partners/{partnerId}', tag: 'partners', auth: 'admin', summary: { ja: '推進パートナーと利用状況', en: 'A partner and its usage' }, description: 'The same as its item in GET /api/v1/partners, without any secret. The secretariat\'s administrators only, as the list: a partner\'s own token is 403, for itself as for any other. An unknown id (or one that is not an id): 404 naming `partnerId`.', responses: { 200: json('パートナー / the partner', partnerWithUsage) } },
  { method: 'post', path: '/api/v1/partners/{partnerId}/rotate-secret', tag: 'partners', auth: 'admin', summary: { ja: 'クライアントシークレットを再発行する', en: 'Rotate a client secret' }, description: 'The old secret and every access token issued with it stop working at once. Allowed while the partner is deactivated: after a leak, deactivate, rotate, then reactivate, and the leaked secret never works again.', responses: { 200: json('新しいシークレット / the new secret', partnerWithSecret) }, errors: [409] },
  { method: 'post', path: '/api/v1/partners/{partnerId}/deactivate', tag: 'partners', auth: 'admin', body: 'partnerDeactivation', summary: { ja: '推進パートナーを停止する', en: 'Deactivate a partner' }, description: 'At once: the token endpoint refuses the client (invalid_client), its access tokens get 401 invalid_token, its pending webhook deliveries are cancelled and none are queued while it is deactivated (once reactivated it catches up from GET /api/v1/changes). Audited as partner.deactivate. Already deactivated: 409.', responses: { 200: json('停止したパートナー / the deactivated partner', partner) }, errors: [409] },
  { method: 'post', path: '/api/v1/partners/{partnerId}/reactivate', tag: 'partners', auth: 'admin', summary: { ja: '推進パートナーを再開する', en: 'Reactivate a partner' }, description: 'Its client secret obtains tokens again and its webhooks receive events from now on. Audited as partner.reactivate. Not deactivated: 409.', responses: { 200: json('再開したパートナー / the reactivated partner', partner) }, errors: [409] },
  { method: 'get', path: '/api/v1/partners/{partnerId}/webhooks', tag: 'partners', auth: 'partner', summary: { ja: 'Webhook の一覧', en: 'List webhooks' }, description: `${PARTNER_ID} ${DISABLED}`, responses: { 200: json('Webhook', { type: 'object', properties: { items: { type: 'array', items: webhookSchema } } }) } },
  { method: 'post', path: '/api/v1/partners/{partnerId}/webhooks', tag: 'partners', auth: 'partner', body: 'webhook', summary: { ja: 'Webhook を登録する', en: 'Register a webhook' }, description: `${PARTNER_ID} Deliveries follow Standard Webhooks: headers \`webhook-id\`, \`webhook-timestamp\` (Unix seconds) and \`webhook-signature\` (\`v1,\` + base64 of HMAC-SHA256 over \`<webhook-id>.<webhook-timestamp>.<body>\`, keyed with the base64 part of the \`whsec_\` secret). Retries keep the same \`webhook-id\`. The secret is shown only in this answer. What is sent: the top-level \`webhooks\` of this document. A partner holds at most ${MAX_WEBHOOKS_PER_PARTNER} webhooks, disabled ones included (they keep their URL, events and secret to be enabled again): one more is 409, whose message says how many of them are disabled and to delete one no longer needed (\`limit\` and \`disabledWebhooks\` give the numbers). A second webhook to a URL the partner already holds (disabled ones included; the same URL once normalized, e.g. the host's case) would receive every change twice: 409 naming \`url\` in \`errors\`, its message giving the id and registration time of the one that holds it (\`existingWebhookId\`); requests sent at the same moment register it once. A deactivated partner (the secretariat registering on its behalf): 409, nothing saved.`, responses: { 201: json('Webhook と署名用シークレット / the webhook and its signing secret', { ...webhookSchema, properties: { ...webhookSchema.properties, secret: { type: 'string', pattern: '^whsec_', description: 'The signing secret, shown only here' } }, required: [...webhookSchema.required, 'secret'] }) }, errors: [409] },
  {
    method: 'post', path: '/api/v1/partners/{partnerId}/webhooks/{webhookId}/enable', tag: 'partners', auth: 'partner', summary: { ja: '無効になった Webhook を有効に戻す', en: 'Enable a disabled webhook' },
    description: `${PARTNER_ID} For a webhook the registry disabled after its receiver answered 410 Gone: events from now on are delivered to it again (same URL, events and signing secret). Those that happened while it was disabled are not sent: read them from GET /api/v1/changes?after=<the last cursor you processed>, as a reactivated partner does. Audited as webhook.enable. Not disabled: 409; the partner deactivated (the secretariat acting on its behalf; the partner's own tokens are refused then): 409 saying to reactivate it first, nothing changed (enabled, it would still receive nothing); removed or not yours: 404.`,
    responses: { 200: json('有効に戻した Webhook / the webhook, enabled', webhookSchema) }, errors: [409],
  },
  { method: 'delete', path: '/api/v1/partners/{partnerId}/webhooks/{webhookId}', tag: 'partners', auth: 'partner', summary: { ja: 'Webhook を削除する', en: 'Remove a webhook' }, description: PARTNER_ID, responses: { 204: { description: '削除しました / removed' } } },
  { method: 'get', path: '/api/v1/partners/{partnerId}/deliveries', tag: 'partners', auth: 'partner', summary: { ja: 'Webhook の配信ログ', en: 'Webhook delivery log' }, description: PARTNER_ID, query: [{ name: 'status', description: '配信状態 / delivery status', schema: { enum: ['pending', 'delivered', 'failed', 'cancelled'] } }, ...PAGE_QUERY], responses: { 200: json('配信 / deliveries', { type: 'object', properties: { items: { type: 'array', items: delivery }, nextCursor: { type: ['string', 'null'] } } }) } },
  { method: 'post', path: '/api/v1/partners/{partnerId}/deliveries/{deliveryId}/replay', tag: 'partners', auth: 'partner', summary: { ja: '配信をやり直す', en: 'Replay a delivery' }, description: `${PARTNER_ID} The same event as a new delivery (a new webhook-id). 409 when the delivery's webhook was deleted or is disabled (enable it first), or the partner is deactivated.`, responses: { 202: json('再配信を受け付けました / queued again: the new delivery', delivery) }, errors: [409] },
];
