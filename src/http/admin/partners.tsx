// Back office: promotion partners (推進パートナー) — the partner API's OAuth clients, their usage,
// webhooks and delivery log. Administrators only, every page: they name client ids and reveal
// secrets. A client secret (and a webhook's signing secret) appears only in the answer to the post
// that created it; nothing stores it readable (the audit log records the partner without it).
import { Hono, type Context } from 'hono';
import { DomainError, invalid, notFound, type FieldProblem } from '../../domain/errors.js';
import type { ChangeEventType, Webhook } from '../../domain/partners/model.js';
import { DEACTIVATION_REASON_LIMIT, type PartnerInput } from '../../domain/services/partners.js';
import { unreadableText } from '../../domain/readable-text.js';
import type { AppEnv } from '../env.js';
import { localHref, type Bilingual } from '../pages/i18n.js';
import { validateBody } from '../validation.js';
import { readCheckedForm } from '../web/form.js';
import { webPage } from '../web/page.js';
import { formErrorsOf, noticeErrors, unreadableMessage, type FormErrors } from './form-errors.js';
import { PartnerDetailPage, PartnerListPage, PartnerNewPage, ROTATE_CONFIRM, ROTATE_CONFIRM_MISSING, SECRET_VERSION_FIELD, SECRET_VERSION_MISSING, SecretRevealPage, USAGE_DAYS, type DeactivateFormState, type PartnerDetail, type PartnerFormState, type WebhookFormState } from './partners-pages.js';
import type { AdminRouteDeps } from './routes.js';
import { staffOf, type StaffMember } from './staff-member.js';
import { noticeOf, redirectWithNotice } from '../web/notice.js';
import { postedRowVersion } from '../web/row-version.js';
import { RemoveWebhookPage } from './webhook-remove.js';

const DELIVERIES_PER_PAGE = 20;
const PARTNER_FIELDS = ['name', 'kind', 'rateLimitPerMinute'] as const;
const WEBHOOK_FIELDS = ['url', 'events'] as const;

/**
 * The API's schema decides (the same rules); the form says it in words about its own fields, by
 * what was typed: an empty field is asked for, a value too long is told its limit and length.
 */
const PARTNER_MESSAGES: Record<(typeof PARTNER_FIELDS)[number], FieldMessage> = {
  name: (typed) => (typed === '' ? { ja: '名称を入力してください。', en: 'Enter the name.' } : tooLong({ ja: '名称', en: 'Name' }, 200, typed)),
  kind: () => ({ ja: '種別を選んでください。', en: 'Choose a kind.' }),
  rateLimitPerMinute: () => ({ ja: '1〜100000 の整数を入力するか、空欄にしてください。', en: 'Enter a whole number from 1 to 100000, or leave it empty.' }),
};
const WEBHOOK_MESSAGES: Record<(typeof WEBHOOK_FIELDS)[number], FieldMessage> = {
  url: (typed) =>
    typed === ''
      ? { ja: 'URL を入力してください。', en: 'Enter the URL.' }
      : [...typed].length > 2000
        ? tooLong({ ja: 'URL ', en: 'URL' }, 2000, typed)
        : { ja: 'URL を https:// から最後まで入力してください。', en: 'Enter the whole URL, starting with https://.' },
  events: () => ({ ja: '送るイベントを1つ以上選んでください。', en: 'Choose at least one event to send.' }),
};

/** A field's message for what was typed (its text; a list or a number is passed as it was sent). */
type FieldMessage = (typed: string) => Bilingual;

const tooLong = (label: Bilingual, limit: number, typed: string): Bilingual => ({
  ja: `${label.ja}は${limit}文字以内で入力してください（今は${[...typed].length}文字）。`,
  en: `${label.en} can be at most ${limit} characters (now ${[...typed].length}).`,
});

/** Validates with the API's schema; a refusal names each form field once, in the form's words. */
function checkedBody<T>(schema: 'partner' | 'webhook', body: unknown, messages: Record<string, FieldMessage>): T {
  try {
    return validateBody<T>(schema, body);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const fields = [...new Set(error.fields.map((p) => p.field.split('/')[1] ?? ''))];
    const typed = body as Record<string, unknown>;
    const problems: FieldProblem[] = fields.map((field) => {
      const message = unreadableMessage(typed[field], `/${field}`) ?? messages[field]?.(typeof typed[field] === 'string' ? typed[field] : '');
      return message ? { field: `/${field}`, ...message } : { field: '/', ja: error.ja, en: error.en };
    });
    throw invalid(problems);
  }
}

/** Japanese keyboards type full-width digits; they mean the same number. */
const halfWidth = (text: string) => text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

function partnerInputOf(form: URLSearchParams): { values: Record<string, string>; body: Record<string, unknown> } {
  const values = { name: form.get('name') ?? '', kind: form.get('kind') ?? '', rateLimitPerMinute: form.get('rateLimitPerMinute') ?? '' };
  const rate = halfWidth(values.rateLimitPerMinute.trim());
  const body: Record<string, unknown> = { name: values.name.trim(), kind: values.kind };
  // Not a whole number: left as text, so the schema refuses it as the API would.
  if (rate !== '') body.rateLimitPerMinute = /^\d{1,9}$/.test(rate) ? Number(rate) : rate;
  return { values, body };
}

/** An opaque cursor from a link on this page; anything else shows the first page (a page never answers 400 for it). */
function cursorOf(value: string | undefined): string | null {
  if (!value || !/^[A-Za-z0-9_-]{1,200}$/.test(value)) return null;
  try {
    const decoded = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
    return /^[^|]+\|[^|]+$/.test(decoded) ? value : null;
  } catch {
    return null;
  }
}

export function partnerRoutes({ registry, publicBaseUrl }: AdminRouteDeps) {
  const { clients, webhooks } = registry.partners;

  const partnerOf = (staff: StaffMember, partnerId: string) => clients.get(staff.ctx, partnerId, { days: USAGE_DAYS });

  async function detailOf(staff: StaffMember, partnerId: string, cursor: string | null = null): Promise<PartnerDetail> {
    const partner = await partnerOf(staff, partnerId);
    const [hooks, page] = await Promise.all([
      webhooks.list(staff.ctx, partner.id),
      webhooks.deliveries(staff.ctx, partner.id, { cursor, limit: DELIVERIES_PER_PAGE }),
    ]);
    return { partner, webhooks: hooks, deliveries: page.items, nextCursor: page.nextCursor, cursor };
  }

  const renderDetail = async (
    c: Context<AppEnv>,
    staff: StaffMember,
    partnerId: string,
    extra: { webhookForm?: WebhookFormState; createdWebhook?: { webhook: Webhook; secret: string }; problem?: Bilingual; deactivateForm?: DeactivateFormState; rotateErrors?: FormErrors } = {},
    status: 200 | 400 | 409 = 200,
  ) => webPage(c, <PartnerDetailPage staff={staff} detail={await detailOf(staff, partnerId)} {...extra} />, status);

  const statusOf = (error: unknown) => (error instanceof DomainError && error.kind === 'conflict' ? 409 : 400);

  return new Hono<AppEnv>()
    .get('/admin/partners', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const partners = await clients.list(staff.ctx, { days: USAGE_DAYS });
      return webPage(c, <PartnerListPage staff={staff} partners={partners} />);
    })
    // Before /:partnerId, so "new" is never taken for an id.
    .get('/admin/partners/new', (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      return webPage(c, <PartnerNewPage staff={staff} form={{ values: {} }} />);
    })
    .post('/admin/partners', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const form = await readCheckedForm(c, publicBaseUrl, (typed, notice) => webPage(c, <PartnerNewPage staff={staff} form={{ values: partnerInputOf(typed).values, errors: noticeErrors(notice) }} />));
      const { values, body } = partnerInputOf(form);
      try {
        const input = checkedBody<PartnerInput>('partner', body, PARTNER_MESSAGES);
        // A second submit of the same form (a double click, the back button) would register the
        // partner twice, with two live secrets of which the first was never seen: the service refuses the name.
        const { partner, clientSecret } = await clients.register(staff.ctx, input);
        // 200, not a redirect: the secret exists only in this answer (no-store, see webPage).
        return webPage(c, <SecretRevealPage staff={staff} partner={partner} clientSecret={clientSecret} reason="registered" />);
      } catch (error) {
        // The same name registered: the page links the registered one, to open instead.
        const existing = error instanceof DomainError ? (error.extra.existingPartner as PartnerFormState['existing']) : undefined;
        const state: PartnerFormState = { values, errors: formErrorsOf(error, PARTNER_FIELDS), existing };
        return webPage(c, <PartnerNewPage staff={staff} form={state} />, statusOf(error));
      }
    })
    .get('/admin/partners/:partnerId', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const detail = await detailOf(staff, c.req.param('partnerId'), cursorOf(c.req.query('cursor')));
      return webPage(c, <PartnerDetailPage staff={staff} detail={detail} done={noticeOf(c)} />);
    })
    .post('/admin/partners/:partnerId/rotate-secret', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const form = await readCheckedForm(c, publicBaseUrl);
      const partnerId = c.req.param('partnerId');
      // The version the page showed: a reload of the new secret's page must not replace it unseen.
      if (form.get('confirm') !== 'yes') return renderDetail(c, staff, partnerId, { rotateErrors: { byField: { [ROTATE_CONFIRM]: [ROTATE_CONFIRM_MISSING] }, general: [] } }, 400);
      const shownVersion = postedRowVersion(form, SECRET_VERSION_FIELD);
      if (shownVersion === null) return renderDetail(c, staff, partnerId, { problem: SECRET_VERSION_MISSING }, 400);
      try {
        const { partner, clientSecret } = await clients.rotateSecret(staff.ctx, partnerId, shownVersion);
        return webPage(c, <SecretRevealPage staff={staff} partner={partner} clientSecret={clientSecret} reason="rotated" />);
      } catch (error) {
        // Rotated meanwhile by someone else: the page says so (409), nothing issued.
        if (!(error instanceof DomainError) || error.kind !== 'conflict') throw error;
        return renderDetail(c, staff, partnerId, { problem: { ja: error.ja, en: error.en } }, 409);
      }
    })
    // Deactivating needs a reason and the ticked confirmation box (no JavaScript needed); refused, the page again with the messages (400).
    .post('/admin/partners/:partnerId/deactivate', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const valuesOf = (typed: URLSearchParams) => ({ reason: typed.get('reason') ?? '', confirm: typed.get('confirm') === 'yes' });
      const form = await readCheckedForm(c, publicBaseUrl, (typed, notice) => renderDetail(c, staff, c.req.param('partnerId'), { deactivateForm: { values: valuesOf(typed), errors: noticeErrors(notice) } }));
      const partner = await partnerOf(staff, c.req.param('partnerId'));
      const values = valuesOf(form);
      try {
        if (!values.confirm) {
          // Every wrong field at once: a reason too long was named only after the box was ticked and the form sent again.
          const reason = values.reason.trim();
          const unreadable = unreadableText(reason, '/reason', { ja: '停止の理由', en: 'Reason' });
          throw invalid([
            ...(reason === '' ? [{ field: '/reason', ja: '停止の理由を入力してください。', en: 'Enter the reason for deactivating.' }] : []),
            ...(reason.length > DEACTIVATION_REASON_LIMIT ? [{ field: '/reason', ja: `停止の理由は${DEACTIVATION_REASON_LIMIT}文字以内で入力してください（今は${reason.length}文字）。`, en: `The reason can be at most ${DEACTIVATION_REASON_LIMIT} characters (now ${reason.length}).` }] : unreadable ? [unreadable] : []),
            { field: '/confirm', ja: '停止してよいことを確認するには、チェックボックスを選んでください。', en: 'Tick the box to confirm the deactivation.' },
          ]);
        }
        await clients.deactivate(staff.ctx, partner.id, { reason: values.reason });
      } catch (error) {
        if (error instanceof DomainError && error.kind === 'conflict') return renderDetail(c, staff, partner.id, { problem: { ja: error.ja, en: error.en } }, 409);
        return renderDetail(c, staff, partner.id, { deactivateForm: { values, errors: formErrorsOf(error, ['reason', 'confirm']) } }, 400);
      }
      return redirectWithNotice(c, localHref(`/admin/partners/${partner.id}`, staff.lang, { done: 'deactivated' }));
    })
    .post('/admin/partners/:partnerId/reactivate', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      await readCheckedForm(c, publicBaseUrl);
      const partnerId = c.req.param('partnerId');
      try {
        await clients.reactivate(staff.ctx, partnerId);
      } catch (error) {
        // Reactivated meanwhile by someone else: the page says so (409); an unknown partner is a 404 page.
        if (!(error instanceof DomainError) || error.kind !== 'conflict') throw error;
        return renderDetail(c, staff, partnerId, { problem: { ja: error.ja, en: error.en } }, 409);
      }
      return redirectWithNotice(c, localHref(`/admin/partners/${partnerId}`, staff.lang, { done: 'reactivated' }));
    })
    .post('/admin/partners/:partnerId/webhooks', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const valuesOf = (typed: URLSearchParams) => ({ url: (typed.get('url') ?? '').trim(), events: typed.getAll('events') });
      const form = await readCheckedForm(c, publicBaseUrl, (typed, notice) => renderDetail(c, staff, c.req.param('partnerId'), { webhookForm: { values: valuesOf(typed), errors: noticeErrors(notice) } }));
      const partner = await partnerOf(staff, c.req.param('partnerId'));
      const values = valuesOf(form);
      try {
        const input = checkedBody<{ url: string; events: ChangeEventType[] }>('webhook', values, WEBHOOK_MESSAGES);
        // A second post of the form (a double click, a reload) to the same URL: the service's 409 naming /url, shown beside the field.
        const created = await webhooks.register(staff.ctx, partner.id, input);
        // 200, not a redirect: the signing secret exists only in this answer.
        return renderDetail(c, staff, partner.id, { createdWebhook: created });
      } catch (error) {
        // A deactivated partner's page has no webhook form to show the message next to: a notice.
        if (error instanceof DomainError && error.kind === 'conflict' && partner.deactivatedAt) return renderDetail(c, staff, partner.id, { problem: { ja: error.ja, en: error.en } }, 409);
        return renderDetail(c, staff, partner.id, { webhookForm: { values, errors: formErrorsOf(error, WEBHOOK_FIELDS) } }, statusOf(error));
      }
    })
    .post('/admin/partners/:partnerId/webhooks/:webhookId/enable', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      await readCheckedForm(c, publicBaseUrl);
      const partnerId = c.req.param('partnerId');
      try {
        await webhooks.enable(staff.ctx, partnerId, c.req.param('webhookId'));
      } catch (error) {
        // Enabled meanwhile by someone else (or by the partner): the page says so (409); an unknown one is a 404 page.
        if (!(error instanceof DomainError) || error.kind !== 'conflict') throw error;
        return renderDetail(c, staff, partnerId, { problem: { ja: error.ja, en: error.en } }, 409);
      }
      return redirectWithNotice(c, localHref(`/admin/partners/${partnerId}`, staff.lang, { done: 'webhook-enabled' }));
    })
    .get('/admin/partners/:partnerId/webhooks/:webhookId/delete', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const partner = await partnerOf(staff, c.req.param('partnerId'));
      const webhook = (await webhooks.list(staff.ctx, partner.id)).find((w) => w.id === c.req.param('webhookId'));
      if (!webhook) throw notFound({ ja: 'Webhook', en: 'Webhook' });
      return webPage(c, <RemoveWebhookPage staff={staff} partner={partner} webhook={webhook} />);
    })
    .post('/admin/partners/:partnerId/webhooks/:webhookId/delete', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      await readCheckedForm(c, publicBaseUrl);
      const partnerId = c.req.param('partnerId');
      await webhooks.remove(staff.ctx, partnerId, c.req.param('webhookId'));
      return redirectWithNotice(c, localHref(`/admin/partners/${partnerId}`, staff.lang, { done: 'webhook-deleted' }));
    })
    .post('/admin/partners/:partnerId/deliveries/:deliveryId/replay', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      await readCheckedForm(c, publicBaseUrl);
      const partnerId = c.req.param('partnerId');
      try {
        await webhooks.replay(staff.ctx, partnerId, c.req.param('deliveryId'));
      } catch (error) {
        // Its webhook was removed meanwhile: the page again, saying so (409); an unknown one is a 404 page.
        if (!(error instanceof DomainError) || error.kind !== 'conflict') throw error;
        return renderDetail(c, staff, partnerId, { problem: { ja: error.ja, en: error.en } }, 409);
      }
      return redirectWithNotice(c, localHref(`/admin/partners/${partnerId}`, staff.lang, { done: 'replayed' }));
    });
}
