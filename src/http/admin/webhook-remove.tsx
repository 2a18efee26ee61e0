// Back office: the confirmation before a partner's webhook is removed. The table's button used to
// remove at once, one row from the next webhook's, and without JavaScript nothing asked first; the
// signing secret goes with it, so registering the address again means a new secret to hand over.
import type { FC } from 'hono/jsx';
import type { Partner, Webhook } from '../../domain/partners/model.js';
import { localHref } from '../pages/i18n.js';
import { Csrf } from '../web/my/my-layout.js';
import { AdminLayout } from './admin-layout.js';
import type { StaffMember } from './staff-member.js';

/** GET /admin/partners/:partnerId/webhooks/:webhookId/delete: what removing `webhook` does, and the two ways on (remove, or back with nothing changed). */
export const RemoveWebhookPage: FC<{ staff: StaffMember; partner: Pick<Partner, 'id' | 'name'>; webhook: Webhook }> = ({ staff, partner, webhook }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const back = localHref(`/admin/partners/${partner.id}`, lang);
  const title = { ja: 'Webhook を削除する', en: 'Remove a webhook' };
  return (
    <AdminLayout staff={staff} title={title} section="partners">
      <p class="back-link">
        <a href={back}>← {partner.name}</a>
      </p>
      <h1>{title[lang]}</h1>
      <p id="remove-summary">
        {ja ? `${partner.name} の Webhook を削除します: ` : `The webhook of ${partner.name} will be removed: `}
        <code id="remove-webhook-url" class="webhook-address">{webhook.url}</code>
      </p>
      <ul>
        <li>{ja ? 'このアドレスには、送信待ちの配信も含めて何も送られなくなります。' : 'Nothing more is sent to this address, pending deliveries included.'}</li>
        <li>{ja ? '署名用シークレットも削除されます。同じアドレスを登録し直すと新しいシークレットになり、パートナーに渡し直す必要があります。' : 'Its signing secret goes too: registering the address again makes a new secret, to hand to the partner again.'}</li>
        <li>{ja ? 'これまでの配信の記録と監査ログはそのまま残ります。' : 'The record of past deliveries and the audit log stay as they are.'}</li>
      </ul>
      <form method="post" action={localHref(`/admin/partners/${partner.id}/webhooks/${webhook.id}/delete`, lang)}>
        <Csrf token={staff.csrf} />
        <p class="actions">
          <button type="submit" class="button button--danger" id="confirm-remove">
            {ja ? 'Webhook を削除する' : 'Remove the webhook'}
          </button>{' '}
          <a class="button button--secondary" id="cancel-remove" href={back}>
            {ja ? 'やめる' : 'Cancel'}
          </a>
        </p>
      </form>
    </AdminLayout>
  );
};
