// The back office's partners area: administrators only, every route (client ids and secrets).
import { disableWebhookInDatabase } from '../../helpers/partners.js';
import { ADMIN_PAGE, ADMIN_POST, withTextKept, type BackOfficeFixture, type BackOfficeRow, type Visitor } from './rows.js';

/** A page that shows a secret once answers 200 to the administrator instead of redirecting. */
const REVEAL_POST: Record<Visitor, number> = { ...ADMIN_POST, administrator: 200 };

/** A new partner registered through the API (as the bootstrap administrator); its id. */
const newPartner = async (f: BackOfficeFixture): Promise<string> =>
  (await f.api('POST', '/api/v1/partners', { name: `マトリクス人材株式会社${f.unique()}`, kind: 'hr-company' })).id;

/**
 * A webhook of a new partner. Its receiver never answers (a reserved name): deliveries only get
 * recorded. It follows an event no other row causes unless `published` asks for publications.
 */
async function newWebhook(f: BackOfficeFixture, events: string[] = ['declaration.renewed']): Promise<{ partnerId: string; webhookId: string }> {
  const partnerId = await newPartner(f);
  const { id } = await f.api('POST', `/api/v1/partners/${partnerId}/webhooks`, { url: `https://receiver-${f.unique()}.example/hook`, events });
  return { partnerId, webhookId: id };
}

/** A delivery of a new partner's webhook: a declaration published once the webhook follows publications. */
async function newDelivery(f: BackOfficeFixture): Promise<{ partnerId: string; deliveryId: string }> {
  const { partnerId } = await newWebhook(f, ['declaration.published']);
  await f.newDeclaration('published');
  const { items } = await f.api('GET', `/api/v1/partners/${partnerId}/deliveries`);
  return { partnerId, deliveryId: items[0].id };
}

let shared: Promise<string> | undefined;
/** One partner to look at (GET needs no fresh record). */
const somePartner = (f: BackOfficeFixture) => (shared ??= newPartner(f));

export const rows: BackOfficeRow[] = [
  { method: 'GET', template: '/admin/partners', path: () => '/admin/partners', expect: ADMIN_PAGE },
  { method: 'GET', template: '/admin/partners/new', path: () => '/admin/partners/new', expect: ADMIN_PAGE },
  { method: 'POST', template: '/admin/partners', path: () => '/admin/partners', form: (f) => ({ name: `マトリクス登録${f.unique()}`, kind: 'hr-company', rateLimitPerMinute: '' }), expect: REVEAL_POST },
  { method: 'GET', template: '/admin/partners/{partnerId}', path: async (f) => `/admin/partners/${await somePartner(f)}`, expect: ADMIN_PAGE },
  // Each cell rotates a partner of its own.
  { method: 'POST', template: '/admin/partners/{partnerId}/rotate-secret', path: async (f) => `/admin/partners/${await newPartner(f)}/rotate-secret`, form: () => ({ secretVersion: '1', confirm: 'yes' }), expect: REVEAL_POST },
  // Each cell deactivates a partner of its own (reason and the ticked confirmation box).
  { method: 'POST', template: '/admin/partners/{partnerId}/deactivate', path: async (f) => `/admin/partners/${await newPartner(f)}/deactivate`, form: () => ({ reason: '契約終了', confirm: 'yes' }), expect: withTextKept(ADMIN_POST) },
  {
    method: 'POST',
    template: '/admin/partners/{partnerId}/reactivate',
    path: async (f) => {
      const partnerId = await newPartner(f);
      await f.api('POST', `/api/v1/partners/${partnerId}/deactivate`, { reason: '一時停止' });
      return `/admin/partners/${partnerId}/reactivate`;
    },
    form: () => ({}),
    expect: ADMIN_POST,
  },
  // The signing secret is shown once on the partner's page (200); a partner of its own each, so the 10-webhook limit never counts.
  { method: 'POST', template: '/admin/partners/{partnerId}/webhooks', path: async (f) => `/admin/partners/${await newPartner(f)}/webhooks`, form: (f) => ({ url: `https://receiver-${f.unique()}.example/hook`, events: 'declaration.renewed' }), expect: REVEAL_POST },
  // A webhook disabled as after a 410 Gone (the matrix's server sends no webhooks), one per cell.
  {
    method: 'POST',
    template: '/admin/partners/{partnerId}/webhooks/{webhookId}/enable',
    path: async (f) => {
      const { partnerId, webhookId } = await newWebhook(f);
      disableWebhookInDatabase(f.server, webhookId);
      return `/admin/partners/${partnerId}/webhooks/${webhookId}/enable`;
    },
    form: () => ({}),
    expect: ADMIN_POST,
  },
  {
    method: 'GET',
    template: '/admin/partners/{partnerId}/webhooks/{webhookId}/delete',
    path: async (f) => {
      const { partnerId, webhookId } = await newWebhook(f);
      return `/admin/partners/${partnerId}/webhooks/${webhookId}/delete`;
    },
    expect: ADMIN_PAGE,
  },
  {
    method: 'POST',
    template: '/admin/partners/{partnerId}/webhooks/{webhookId}/delete',
    path: async (f) => {
      const { partnerId, webhookId } = await newWebhook(f);
      return `/admin/partners/${partnerId}/webhooks/${webhookId}/delete`;
    },
    form: () => ({}),
    expect: ADMIN_POST,
  },
  {
    method: 'POST',
    template: '/admin/partners/{partnerId}/deliveries/{deliveryId}/replay',
    path: async (f) => {
      const { partnerId, deliveryId } = await newDelivery(f);
      return `/admin/partners/${partnerId}/deliveries/${deliveryId}/replay`;
    },
    form: () => ({}),
    expect: ADMIN_POST,
  },
];
