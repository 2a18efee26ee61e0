// Back office: e-mail that did not go out. Every staff member sees the messages that failed for good
// or are still waiting after an error (kind, recipient, organization, attempts, last error);
// administrators send a failed one again. The messages' bodies are never shown (an invitation
// carries a one-time link).
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { Organization } from '../../domain/model.js';
import type { MailKind, MailProblem } from '../../ports/mail.js';
import type { AppEnv } from '../env.js';
import { localHref, type Bilingual, type Lang } from '../pages/i18n.js';
import { readCheckedForm } from '../web/form.js';
import { Csrf, Notice } from '../web/my/my-layout.js';
import { webPage } from '../web/page.js';
import { AdminLayout } from './admin-layout.js';
import { jstTime } from './audit-log.js';
import type { AdminRouteDeps } from './routes.js';
import { staffOf, type StaffMember } from './staff-member.js';
import { TableScroll } from './table-scroll.js';
import { noticeOf, redirectWithNotice } from '../web/notice.js';
import { NO_TRANSPORT } from '../../domain/services/mail-dispatcher.js';

/** The newest this many are shown; the page says when there are more. */
const SHOWN = 100;

const KINDS: Record<MailKind, Bilingual> = {
  'declaration.received': { ja: '受付のお知らせ', en: 'Declaration received' },
  'declaration.renewed': { ja: '更新完了の通知', en: 'Declaration renewed' },
  'declaration.amended': { ja: '内容変更の通知', en: 'Declaration amended' },
  'declaration.withdrawn': { ja: '取下げの通知', en: 'Declaration withdrawn' },
  'declaration.returned': { ja: '差戻しの通知', en: 'Declaration returned' },
  'declaration.published': { ja: '公表の通知', en: 'Declaration published' },
  'declaration.suspended': { ja: '一時停止の通知', en: 'Declaration suspended' },
  'declaration.reinstated': { ja: '再開の通知', en: 'Declaration reinstated' },
  'declaration.revoked': { ja: '取消の通知', en: 'Declaration revoked' },
  'declaration.renewal-reminder': { ja: '有効期限の案内', en: 'Renewal reminder' },
  'declaration.expired': { ja: '期限切れの通知', en: 'Declaration expired' },
  'award.recorded': { ja: '受賞の通知', en: 'Award recorded' },
  'award.suspended': { ja: '表彰の一時停止の通知', en: 'Award suspended' },
  'award.reinstated': { ja: '表彰の再開の通知', en: 'Award reinstated' },
  'award.revoked': { ja: '表彰の取消の通知', en: 'Award revoked' },
  'award.corrected': { ja: '表彰の訂正の通知', en: 'Award corrected' },
  'award.partner-named': { ja: '連携自治体への通知', en: 'Partner municipality named' },
  invitation: { ja: '招待', en: 'Invitation' },
  'staff.invitation': { ja: '職員の招待', en: 'Staff invitation' },
};

const DONE: Record<string, Bilingual> = {
  retried: { ja: '再送を予約しました。まもなく送信されます。', en: 'The message was queued again and will be sent shortly.' },
};

/** Without a transport (the Worker without MAIL_API_URL) nothing is sent, retried or not, until one is set. */
const NO_TRANSPORT_TEXT: Bilingual = {
  ja: 'メールの送信方法が設定されていないため、メールは送信されずに保存されています（Cloudflare Workers では MAIL_API_URL と MAIL_API_TOKEN を設定します）。設定すると、保存されたメールも送信されます。',
  en: 'No way to send e-mail is configured, so messages are kept here unsent (on Cloudflare Workers, set MAIL_API_URL and MAIL_API_TOKEN). Once it is set, the kept messages go out too.',
};

const State: FC<{ message: MailProblem; lang: Lang }> = ({ message, lang }) => {
  const ja = lang === 'ja';
  if (message.status === 'failed') return <span class="status status--revoked">{ja ? '送信失敗' : 'Failed'}</span>;
  if (message.lastError === NO_TRANSPORT) return <span class="status status--suspended">{ja ? '送信設定待ち' : 'Waiting for an e-mail setting'}</span>;
  return (
    <>
      <span class="status status--suspended">{ja ? '再送待ち' : 'Waiting to retry'}</span>
      {message.attempts > 0 ? (
        <div class="muted">
          {ja ? '次の試行: ' : 'Next attempt: '}
          <time datetime={new Date(message.nextAttemptAt).toISOString()}>{jstTime(new Date(message.nextAttemptAt).toISOString(), lang)}</time>
        </div>
      ) : null}
    </>
  );
};

const MailPage: FC<{ staff: StaffMember; messages: MailProblem[]; more: boolean; organizations: Map<string, Organization | null>; unsendable: boolean; done?: string | undefined }> = ({ staff, messages, more, organizations, unsendable, done }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const admin = staff.may('administer');
  return (
    <AdminLayout staff={staff} title={{ ja: 'メールの送信状況', en: 'E-mail problems' }} section="mail">
      <h1>{ja ? '届いていないメール' : 'E-mail that did not go out'}</h1>
      <Notice text={done ? DONE[done]?.[lang] : undefined} kind="success" />
      <p class="lead">
        {ja
          ? '送信に失敗したメールと、エラーのあと再送を待っているメールです（新しい順）。失敗したメールは自動では再送されません。'
          : 'Messages that failed, and messages waiting to be retried after an error, newest first. A failed message is not retried by itself.'}
        {admin ? (ja ? '宛先を確認してから「再送する」を押してください。' : ' Check the recipient, then press "Send again".') : ''}
      </p>
      {unsendable ? <p class="notice" id="mail-unsendable">{NO_TRANSPORT_TEXT[lang]}</p> : null}
      {more ? <p class="notice">{ja ? `新しいものから${SHOWN}件を表示しています。` : `Showing the newest ${SHOWN}.`}</p> : null}
      <TableScroll label={ja ? '届いていないメール' : 'E-mail that did not go out'}>
        <table id="mail-problems" class="mail-problems">
          <caption>{ja ? '届いていないメール（新しい順）' : 'E-mail that did not go out (newest first)'}</caption>
          <thead>
            <tr>
              <th scope="col">{ja ? '作成日時（日本時間）' : 'Created (JST)'}</th>
              <th scope="col">{ja ? '種類' : 'Kind'}</th>
              <th scope="col">{ja ? '宛先' : 'Recipient'}</th>
              <th scope="col">{ja ? '団体' : 'Organization'}</th>
              <th scope="col">{ja ? '試行回数' : 'Attempts'}</th>
              <th scope="col">{ja ? '状態と最後のエラー' : 'State and last error'}</th>
              {admin ? <th scope="col">{ja ? '操作' : 'Actions'}</th> : null}
            </tr>
          </thead>
          <tbody>
            {messages.length === 0 ? (
              <tr>
                <td colspan={admin ? 7 : 6}>{ja ? '届いていないメールはありません。' : 'Every message went out.'}</td>
              </tr>
            ) : (
              messages.map((m) => {
                const organization = m.organizationId ? organizations.get(m.organizationId) : null;
                return (
                  <tr id={`mail-${m.id}`}>
                    <th scope="row"><time datetime={m.createdAt}>{jstTime(m.createdAt, lang)}</time></th>
                    <td>{KINDS[m.kind as MailKind]?.[lang] ?? m.kind}<div class="muted">{m.subject}</div></td>
                    <td>{m.recipient}</td>
                    <td>{m.organizationId ? <a href={localHref(`/admin/organizations/${encodeURIComponent(m.organizationId)}`, lang)}>{organization?.name ?? m.organizationId}</a> : '—'}</td>
                    <td class="number">{m.attempts}</td>
                    <td>
                      <State message={m} lang={lang} />
                      {m.lastError ? <div><code class="mail-error">{m.lastError}</code></div> : null}
                    </td>
                    {admin ? (
                      <td>
                        {m.status === 'failed' ? (
                          <form method="post" action={`/admin/mail/${encodeURIComponent(m.id)}/retry${lang === 'en' ? '?lang=en' : ''}`} class="inline-form">
                            <Csrf token={staff.csrf} />
                            <button type="submit" class="button button--secondary" id={`mail-retry-${m.id}`}>
                              {ja ? '再送する' : 'Send again'}
                              <span class="visually-hidden">{ja ? `（${m.recipient}宛て）` : ` (to ${m.recipient})`}</span>
                            </button>
                          </form>
                        ) : m.lastError === NO_TRANSPORT ? (
                          <span class="muted">{ja ? 'メールの送信方法の設定後に送信されます' : 'Sent once e-mail is set up'}</span>
                        ) : (
                          <span class="muted">{ja ? '自動で再送されます' : 'Retried automatically'}</span>
                        )}
                      </td>
                    ) : null}
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </TableScroll>
    </AdminLayout>
  );
};

export function mailRoutes({ registry, publicBaseUrl }: AdminRouteDeps) {
  const { problems } = registry.mail;
  const { repos } = registry.deps;
  return new Hono<AppEnv>()
    .get('/admin/mail', async (c) => {
      const staff = staffOf(c, 'read');
      if (staff instanceof Response) return staff;
      const { items, more } = await problems.list(staff.ctx, SHOWN);
      const ids = [...new Set(items.map((m) => m.organizationId).filter((id): id is string => id !== null))];
      const organizations = new Map(await Promise.all(ids.map(async (id) => [id, await repos.organizations.get(id)] as const)));
      const unsendable = registry.mail.dispatcher.transportName === null;
      return webPage(c, <MailPage staff={staff} messages={items} more={more} organizations={organizations} unsendable={unsendable} done={noticeOf(c)} />);
    })
    .post('/admin/mail/:id/retry', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      await readCheckedForm(c, publicBaseUrl);
      await problems.retry(staff.ctx, c.req.param('id'));
      return redirectWithNotice(c, localHref('/admin/mail', staff.lang, { done: 'retried' }));
    });
}
