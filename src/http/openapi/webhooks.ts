/**
 * The OpenAPI 3.1 `webhooks`: what the registry POSTs to a partner's endpoint, one entry per event
 * type. Mirrors the dispatcher (src/domain/services/webhook-dispatcher.ts: body and headers), the
 * events (src/domain/partners/change-events.ts: `data`) and the senders (adapters/*\/webhook-sender.ts).
 */
import { DECLARATION_STATUSES } from '../../domain/model.js';
import { PUBLIC_ORGANIZATION_FIELDS } from '../../domain/organization-public.js';
import { CHANGE_EVENT_TYPES, type ChangeEventType } from '../../domain/partners/model.js';

const nullable = (type: string) => ({ type: [type, 'null'] });

const organization = {
  type: 'object',
  properties: { id: { type: 'string' }, name: { type: 'string' }, corporateNumber: nullable('string'), localGovernmentCode: nullable('string'), prefectureCode: { type: 'string' } },
  required: ['id', 'name', 'corporateNumber', 'localGovernmentCode', 'prefectureCode'],
};

export const WEBHOOK_SCHEMAS: Record<string, unknown> = {
  WebhookEvent: {
    type: 'object',
    description: 'The body of every webhook delivery (an item of GET /api/v1/changes is the same event with `timestamp` named `occurredAt`, and its `cursor` and `organizationId`). `id` is the event’s, the same in a replay; the delivery’s own id is the webhook-id header.',
    properties: {
      id: { type: 'string', description: 'Event id' },
      type: { enum: [...CHANGE_EVENT_TYPES] },
      timestamp: { type: 'string', format: 'date-time', description: 'When the change happened' },
      subject: { type: 'object', properties: { type: { enum: ['declaration', 'award', 'organization'] }, id: { type: 'string' } }, required: ['type', 'id'] },
      data: { oneOf: [{ $ref: '#/components/schemas/DeclarationChange' }, { $ref: '#/components/schemas/AwardChange' }, { $ref: '#/components/schemas/OrganizationChange' }] },
    },
    required: ['id', 'type', 'timestamp', 'subject', 'data'],
  },
  DeclarationChange: {
    type: 'object',
    description: 'Public data only: never the declaration’s content or the organization’s contact.',
    properties: {
      organization,
      declaration: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          status: { enum: [...DECLARATION_STATUSES], description: 'As the public sees it: an expired declaration whose renewal is under review stays expired (declaration.renewed) until the renewal is published; sent back to its organization, it is still expired, without renewalUnderReview (declaration.expired).' },
          renewalUnderReview: { type: 'boolean', description: '更新を審査中: expired, and the organization applied to renew it.' },
          version: { type: 'integer' },
          validFrom: nullable('string'),
          validUntil: nullable('string'),
          statusReason: { ...nullable('string'), description: 'Reason code of a suspension or revocation' },
        },
        required: ['id', 'status', 'renewalUnderReview', 'version', 'validFrom', 'validUntil', 'statusReason'],
      },
    },
    required: ['organization', 'declaration'],
  },
  AwardChange: {
    type: 'object',
    properties: {
      organization,
      award: {
        type: 'object',
        properties: { id: { type: 'string' }, fiscalYear: { type: 'integer' }, category: { type: 'string' }, division: nullable('string'), status: { enum: ['active', 'suspended', 'revoked'] }, statusReason: nullable('string'), awardedOn: { type: 'string' } },
        required: ['id', 'fiscalYear', 'category', 'division', 'status', 'statusReason', 'awardedOn'],
      },
    },
    required: ['organization', 'award'],
  },
  OrganizationChange: {
    type: 'object',
    description: 'Public data only: never the organization’s contact. `changed` names the public fields that changed (as in GET /api/v1/organizations/{id}).',
    properties: { organization, changed: { type: 'array', minItems: 1, items: { enum: [...PUBLIC_ORGANIZATION_FIELDS] } } },
    required: ['organization', 'changed'],
  },
};

const header = (name: string, description: string, example?: string) => ({ name, in: 'header', required: true, description, schema: { type: 'string', ...(example ? { examples: [example] } : {}) } });

/** Standard Webhooks (https://www.standardwebhooks.com), as src/domain/partners/webhook-signature.ts signs them. */
const HEADERS = [
  header('webhook-id', 'Delivery id ("msg_…"): the same on every retry of a delivery, so receivers drop duplicates; a replay gets a new one.', 'msg_2f1c0d9e8b7a4c3d9e8f7a6b5c4d3e2f'),
  header('webhook-timestamp', 'Unix seconds when this attempt was signed; reject it when more than 5 minutes from your clock.', '1767225600'),
  header('webhook-signature', '"v1," + base64 of HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<raw body>`, keyed with the bytes of the base64 after "whsec_" in the webhook’s secret. Compare in constant time.', 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4='),
  header('content-type', 'Always application/json.', 'application/json'),
  header('user-agent', 'The registry’s sender.', 'telework-registry-webhooks/1'),
];

const SUMMARIES: Record<ChangeEventType, { ja: string; en: string }> = {
  'declaration.published': { ja: '宣言が公表された', en: 'A declaration was published' },
  'declaration.amended': { ja: '公表中の宣言が改訂された', en: 'A published declaration was amended' },
  'declaration.suspended': { ja: '宣言が一時停止された', en: 'A declaration was suspended' },
  'declaration.reinstated': { ja: '宣言の一時停止が解除された', en: 'A declaration was reinstated' },
  'declaration.revoked': { ja: '宣言が取り消された', en: 'A declaration was revoked' },
  'declaration.withdrawn': { ja: '公表された宣言が取り下げられた', en: 'A published declaration was withdrawn' },
  'declaration.expired': { ja: '宣言の有効期間が終わった（期限切れの宣言の更新が差し戻された時も）', en: 'A declaration expired (also when an expired declaration’s renewal is sent back)' },
  'declaration.renewed': { ja: '宣言が期限前に更新された、または期限切れの宣言の更新が審査に入った（差戻し後の再提出も）', en: 'A declaration was renewed before it expired, or an expired declaration’s renewal went into review (again after being sent back)' },
  'award.granted': { ja: '表彰が記録された', en: 'An award was recorded' },
  'award.suspended': { ja: '表彰が一時停止された', en: 'An award was suspended' },
  'award.reinstated': { ja: '表彰の一時停止が解除された', en: 'An award was reinstated' },
  'award.revoked': { ja: '表彰が取り消された', en: 'An award was revoked' },
  'award.corrected': { ja: '表彰の概要・メッセージ・表彰日が訂正された（概要・表彰日の訂正ではクレデンシャルが再発行される）', en: 'An award’s overview, message or date was corrected (a corrected overview or date re-issues its credential)' },
  'organization.updated': { ja: '公表中の団体の公開情報が変わった', en: 'A listed organization\'s public details changed' },
};

const DELIVERY =
  'POSTed to each webhook subscribed to this event, right after the change commits. Verify the signature before trusting the body. ' +
  'Any 2xx answer counts as delivered. 410 Gone ends the delivery at once (failed, not retried) and disables the webhook: nothing more is queued for it until the partner enables it again (POST /api/v1/partners/me/webhooks/{webhookId}/enable) and catches up from the change feed. Any other answer, a redirect (not followed) or no answer within the timeout (10 s by default) ' +
  'is retried with exponential backoff (1 s, 2 s, 4 s, … up to 1 h; 12 attempts by default) under the same webhook-id, then marked failed. Every delivery is in GET /api/v1/partners/me/deliveries and can be replayed.';

function webhook(type: ChangeEventType) {
  const subject = type.split('.')[0] as 'declaration' | 'award' | 'organization';
  const data = { declaration: 'DeclarationChange', award: 'AwardChange', organization: 'OrganizationChange' }[subject];
  const schema = {
    allOf: [
      { $ref: '#/components/schemas/WebhookEvent' },
      { properties: { type: { const: type }, subject: { properties: { type: { const: subject } } }, data: { $ref: `#/components/schemas/${data}` } } },
    ],
  };
  return {
    post: {
      operationId: `webhook${type.split('.').map((part) => part[0]!.toUpperCase() + part.slice(1)).join('')}`,
      tags: ['partners'],
      summary: `${SUMMARIES[type].ja} / ${SUMMARIES[type].en}`,
      'x-summary': SUMMARIES[type],
      description: DELIVERY,
      parameters: HEADERS,
      requestBody: { required: true, content: { 'application/json': { schema } } },
      responses: {
        '2XX': { description: '受け取りました / delivered' },
        '410': { description: 'このエンドポイントはもうありません：再送せず、Webhook を無効にします / gone: the delivery fails at once, is not retried, and the webhook is disabled until enabled again' },
        default: { description: 'それ以外（3xx を含む）：同じ webhook-id で再送します / anything else, redirects included: retried with backoff under the same webhook-id' },
      },
    },
  };
}

/** One webhook per event type, keyed by the event type a partner subscribes to. */
export const webhookDocs = () => Object.fromEntries(CHANGE_EVENT_TYPES.map((type) => [type, webhook(type)]));
