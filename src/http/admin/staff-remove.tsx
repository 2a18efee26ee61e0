// Back office: the confirmation before someone is removed from the staff. The table's button used
// to remove at once, one row away from the next person's (or one's own) with nothing said about
// what follows; this page names the person and what happens, as /my does for a member.
import type { FC } from 'hono/jsx';
import type { Account } from '../../domain/accounts/model.js';
import { accountName } from '../../domain/accounts/staff.js';
import { localHref } from '../pages/i18n.js';
import { Csrf } from '../web/my/my-layout.js';
import { AdminLayout } from './admin-layout.js';
import type { StaffMember } from './staff-member.js';

/**
 * GET /admin/staff/:accountId/remove: what removing `person` does, and the two ways on (remove, or
 * back with nothing changed). `issuedAdminTokens`: the live administrator tokens they issued, revoked with them.
 */
export const RemoveStaffPage: FC<{ staff: StaffMember; person: Account; issuedAdminTokens: number }> = ({ staff, person, issuedAdminTokens }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const name = accountName(person, lang);
  const self = person.id === staff.account.id;
  const title = { ja: '職員から外す', en: 'Remove from the staff' };
  return (
    <AdminLayout staff={staff} title={title} section="staff">
      <p class="back-link">
        <a href={localHref('/admin/staff', lang)}>{ja ? '← 職員' : '← Staff'}</a>
      </p>
      <h1>{title[lang]}</h1>
      <p id="remove-summary">{ja ? `${name}さんを事務局の職員から外します。` : `${name} will be removed from the secretariat’s staff.`}</p>
      <ul>
        <li>{self ? (ja ? 'あなた自身のアカウントです。すぐにログアウトされ、この管理画面に戻れなくなります。' : 'This is your own account: you are signed out at once and cannot come back to the back office.') : ja ? 'ログイン中であれば、すぐにログアウトされます。管理画面には入れなくなります。' : 'If signed in, they are signed out at once, and can no longer open the back office.'}</li>
        <li>{ja ? 'この人が送った未使用の招待（職員・団体）は使えなくなります。' : 'Invitations they sent that are not used yet (staff and organizations) stop working.'}</li>
        {issuedAdminTokens > 0 ? (
          <li id="remove-tokens">
            {ja
              ? `この人が発行した管理者トークン（${issuedAdminTokens}件）も取り消されます。そのトークンでログインした管理画面のアカウントも職員から外れます。団体のトークンはそのまま使えます。`
              : `The administrator tokens they issued (${issuedAdminTokens}) are revoked too, and any back-office account signed in with one leaves the staff. Organization tokens keep working.`}
          </li>
        ) : null}
        <li>{ja ? 'もう一度職員になるには、新しい招待が必要です。記録した内容と監査ログはそのまま残ります。' : 'Joining the staff again takes a new invitation. What they recorded and the audit log stay as they are.'}</li>
      </ul>
      <form method="post" action={localHref(`/admin/staff/${person.id}/remove`, lang)}>
        <Csrf token={staff.csrf} />
        <p class="actions">
          <button type="submit" class="button button--danger" id="confirm-remove">
            {ja ? `${name}さんを職員から外す` : `Remove ${name}`}
          </button>{' '}
          <a class="button button--secondary" id="cancel-remove" href={localHref('/admin/staff', lang)}>
            {ja ? 'やめる' : 'Cancel'}
          </a>
        </p>
      </form>
    </AdminLayout>
  );
};
