// Back office: the secretariat's staff. Everyone sees who is on the staff; administrators invite
// (a one-time link, shown once), change roles and remove people.
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { Account } from '../../domain/accounts/model.js';
import { notFound, type DomainError } from '../../domain/errors.js';
import type { ApiToken } from '../../domain/model.js';
import { tokenDisplayName } from '../../domain/services/tokens.js';
import { accountName, STAFF_INVITATION_STATE_LABELS, STAFF_ROLE_LABELS, STAFF_ROLES, staffInvitationState, type StaffInvitation } from '../../domain/accounts/staff.js';
import type { AppEnv } from '../env.js';
import { formatDate } from '../pages/format.js';
import { localHref, type Bilingual } from '../pages/i18n.js';
import { INVITED_SINCE_SHOWN, madeSinceShown, SHOWN_AT_FIELD } from '../web/repeated-post.js';
import { readCheckedForm } from '../web/form.js';
import { Csrf, Notice } from '../web/my/my-layout.js';
import { ErrorSummary, FieldError, TextInput } from '../web/my/form-fields.js';
import { webPage } from '../web/page.js';
import { AdminLayout } from './admin-layout.js';
import { formErrorsOf, noticeErrors, summaryItems, type FormErrors } from './form-errors.js';
import type { AdminRouteDeps } from './routes.js';
import { staffOf, type StaffMember } from './staff-member.js';
import { RemoveStaffPage } from './staff-remove.js';
import { TableScroll } from './table-scroll.js';
import { noticeOf, redirectWithNotice } from '../web/notice.js';
import { invitationMailWaiting } from '../web/invitation-mail.js';

const DONE: Record<string, { ja: string; en: string }> = {
  role: { ja: '役割を変更しました。', en: 'The role was changed.' },
  removed: { ja: '職員から外しました。', en: 'The person was removed from the staff.' },
  'invitation-cancelled': { ja: '招待を取り消しました。そのリンクはもう使えません。', en: 'The invitation was cancelled; its link no longer works.' },
  closed: { ja: 'アカウントを閉じました。職員から外れ、パスキーも削除しました。', en: 'The account was closed: it left the staff and its passkeys were removed.' },
};

type StaleAccount = { token: ApiToken; accountId: string; passkeys: number };

/**
 * Accounts of administrator tokens revoked before revoking closed the account too: they kept the
 * administrator role and their passkeys. Named here, closed one by one, since one may be how an
 * administrator signs in now (closing the last way in is refused).
 */
const RevokedTokenAccounts: FC<{ staff: StaffMember; stale: StaleAccount[] }> = ({ staff, stale }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  if (stale.length === 0) return null;
  return (
    <section id="revoked-token-accounts" class="notice notice--error" aria-labelledby="revoked-token-accounts-title">
      <h2 id="revoked-token-accounts-title">{ja ? '取り消し済みのトークンのアカウントが残っています' : 'Accounts of revoked tokens are still open'}</h2>
      <p>
        {ja
          ? '次の管理者トークンは取り消し済みですが、以前の取消ではそのアカウントが閉じられなかったため、管理者の役割と登録されたパスキーが残っています。心当たりのないものは閉じてください（職員から外し、パスキーを削除し、ログイン中の画面も終了します）。ご自身のログイン手段の場合は、先にご自身を名前のある管理者として招待し、参加してから閉じてください。'
          : 'These administrator tokens were revoked, but revoking did not yet close their accounts, so each keeps the administrator role and its passkeys. Close any you do not recognize (it leaves the staff, its passkeys are removed and its sessions end). If it is how you sign in, first invite yourself as a named administrator and join, then close it.'}
      </p>
      <ul>
        {stale.map(({ token, accountId, passkeys }) => (
          <li>
            {tokenDisplayName(token, lang)}
            {ja ? `（${formatDate(token.revokedAt!, lang)}に取り消し済み、パスキー ${passkeys} 件）` : ` (revoked ${formatDate(token.revokedAt!, lang)}; ${passkeys} passkey${passkeys === 1 ? '' : 's'})`}{' '}
            <form method="post" action={localHref(`/admin/staff/${accountId}/close`, lang)} class="inline-form">
              <Csrf token={staff.csrf} />
              <button type="submit" class="button button--danger" id={`close-${accountId}`}>{ja ? 'アカウントを閉じる' : 'Close the account'}</button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
};

interface InviteState {
  values: Record<string, string>;
  errors?: FormErrors;
  created?: { url: string; expiresAt: string; name: string; mailedTo: string | null; mailSendable: boolean };
}

/** A role change shown again after a stale token: the role chosen for that person, and why. */
interface RoleState {
  accountId: string;
  role: string;
  notice: Bilingual;
}

/** When an invitation stopped being open: used, cancelled, or (expired) its expiry. */
const closedAt = (i: StaffInvitation) => i.usedAt ?? i.cancelledAt ?? i.expiresAt;

const StaffPage: FC<{ staff: StaffMember; people: Account[]; invitations: StaffInvitation[]; closed: StaffInvitation[]; stale: StaleAccount[]; now: string; invite?: InviteState; roleChange?: RoleState; done?: string | undefined }> = ({ staff, people, invitations, closed, stale, now, invite, roleChange, done }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const admin = staff.may('administer');
  const errors = invite?.errors;
  // The role chosen before a stale token, if it is one; the person's own role otherwise.
  const roleOf = (person: Account) => (roleChange?.accountId === person.id && (STAFF_ROLES as readonly string[]).includes(roleChange.role) ? roleChange.role : person.staffRole);
  return (
    <AdminLayout staff={staff} title={{ ja: '職員', en: 'Staff' }} section="staff">
      <h1>{ja ? '職員' : 'Staff'}</h1>
      <Notice text={done ? DONE[done]?.[lang] : undefined} kind="success" />
      <Notice text={roleChange?.notice[lang]} kind="error" />
      {admin ? <RevokedTokenAccounts staff={staff} stale={stale} /> : null}
      <TableScroll label={ja ? '事務局の職員と役割' : 'Staff of the secretariat and their roles'}>
        <table>
          <caption>{ja ? '事務局の職員と役割' : 'Staff of the secretariat and their roles'}</caption>
          <thead>
            <tr>
              <th scope="col">{ja ? '名前' : 'Name'}</th>
              <th scope="col">{ja ? '役割' : 'Role'}</th>
              <th scope="col">{ja ? '最終ログイン' : 'Last sign-in'}</th>
              {admin ? <th scope="col">{ja ? '操作' : 'Actions'}</th> : null}
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr>
                <th scope="row">
                  {accountName(person, lang)}
                  {person.id === staff.account.id ? (ja ? '（あなた）' : ' (you)') : ''}
                  {person.email ? <div class="muted">{person.email}</div> : null}
                </th>
                <td>{STAFF_ROLE_LABELS[person.staffRole!][lang]}</td>
                <td>{person.lastSignInAt ? formatDate(person.lastSignInAt, lang) : ja ? '（なし）' : '(never)'}</td>
                {admin ? (
                  <td>
                    <form method="post" action={localHref(`/admin/staff/${person.id}/role`, lang)} class="inline-form">
                      <Csrf token={staff.csrf} />
                      <label class="visually-hidden" for={`role-${person.id}`}>{ja ? `${accountName(person, lang)}の役割` : `Role of ${accountName(person, lang)}`}</label>
                      <select id={`role-${person.id}`} name="role">
                        {STAFF_ROLES.map((role) => (
                          <option value={role} selected={role === roleOf(person)}>{STAFF_ROLE_LABELS[role][lang]}</option>
                        ))}
                      </select>
                      <button type="submit" class="button button--secondary">{ja ? '変更' : 'Change'}</button>
                    </form>{' '}
                    {/* Asks first (staff-remove.tsx): a GET form, a button beside 変更 as before; a GET form's own query is its fields. */}
                    <form method="get" action={`/admin/staff/${person.id}/remove`} class="inline-form">
                      {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
                      <button type="submit" class="button button--danger">{ja ? '職員から外す' : 'Remove'}</button>
                    </form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {admin ? (
        <section aria-labelledby="invite-title">
          <h2 id="invite-title">{ja ? '職員を招待する' : 'Invite a staff member'}</h2>
          {invite?.created ? (
            <div class="notice notice--success" role="status">
              <p>{ja ? `${invite.created.name} さんへの招待リンクです（一度だけ表示します。${formatDate(invite.created.expiresAt, lang)}まで有効）:` : `The invitation link for ${invite.created.name} (shown once; valid until ${formatDate(invite.created.expiresAt, lang)}):`}</p>
              <p><code id="invitation-url">{invite.created.url}</code></p>
              {invite.created.mailedTo ? (
                <p id="invitation-mailed">{invite.created.mailSendable ? (ja ? `同じリンクを ${invite.created.mailedTo} にメールで送ります。` : `The same link is being e-mailed to ${invite.created.mailedTo}.`) : invitationMailWaiting(invite.created.mailedTo)[lang]}</p>
              ) : null}
            </div>
          ) : null}
          <ErrorSummary lang={lang} items={summaryItems(errors, lang)} />
          <form method="post" action={localHref('/admin/staff/invite', lang)} class="card" id="invite-form" novalidate>
            <Csrf token={staff.csrf} />
            <input type="hidden" name={SHOWN_AT_FIELD} value={now} />
            <TextInput lang={lang} name="name" label={ja ? '名前' : 'Name'} value={invite?.values.name ?? ''} required errors={errors?.byField.name} maxLength={100} />
            <TextInput lang={lang} name="email" type="email" label={ja ? 'メールアドレス（任意。入力するとリンクをメールでも送ります）' : 'E-mail (optional; the link is also e-mailed to it)'} value={invite?.values.email ?? ''} errors={errors?.byField.email} maxLength={254} />
            <div class={`field${errors?.byField.role ? ' field--error' : ''}`}>
              <label for="f-role">{ja ? '役割' : 'Role'}</label>
              {/* The summary linked to #f-role, yet nothing beside the field said what was wrong. */}
              <FieldError id="f-role-error" lang={lang} errors={errors?.byField.role} />
              <select id="f-role" name="role" aria-invalid={errors?.byField.role ? 'true' : undefined} aria-describedby={errors?.byField.role ? 'f-role-error' : undefined}>
                {STAFF_ROLES.map((role) => (
                  <option value={role} selected={role === (invite?.values.role ?? 'reviewer')}>{STAFF_ROLE_LABELS[role][lang]}</option>
                ))}
              </select>
            </div>
            <p class="actions">
              <button type="submit" class="button">{ja ? '招待リンクを作成' : 'Create the invitation link'}</button>
            </p>
          </form>
          {invitations.length > 0 ? (
            <>
              <h3>{ja ? '未使用の招待' : 'Open invitations'}</h3>
              <ul>
                {invitations.map((i) => (
                  <li>
                    {ja ? `${i.name}（${STAFF_ROLE_LABELS[i.role].ja}、${formatDate(i.expiresAt, lang)}まで）` : `${i.name} (${STAFF_ROLE_LABELS[i.role].en}, until ${formatDate(i.expiresAt, lang)})`}
                    <form method="post" action={localHref(`/admin/staff/invitations/${i.id}/cancel`, lang)} class="inline-form">
                      <Csrf token={staff.csrf} />
                      <button type="submit" class="button button--secondary" id={`cancel-invitation-${i.id}`}>{ja ? '招待を取り消す' : 'Cancel the invitation'}</button>
                    </form>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {closed.length > 0 ? (
            <>
              <h3>{ja ? '使えなくなった招待（最近のもの）' : 'Invitations no longer usable (latest)'}</h3>
              <ul id="closed-invitations">
                {closed.map((i) => {
                  const state = staffInvitationState(i, now);
                  return (
                    <li id={`invitation-${i.id}`}>
                      {ja ? `${i.name}（${STAFF_ROLE_LABELS[i.role].ja}）` : `${i.name} (${STAFF_ROLE_LABELS[i.role].en})`}: <span class={`status status--${state === 'used' ? 'active' : state === 'cancelled' ? 'revoked' : 'expired'}`}>{STAFF_INVITATION_STATE_LABELS[state][lang]}</span>
                      {ja ? `（${formatDate(closedAt(i), lang)}）` : ` (${formatDate(closedAt(i), lang)})`}
                    </li>
                  );
                })}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </AdminLayout>
  );
};

export function staffRoutes({ registry, publicBaseUrl }: AdminRouteDeps) {
  const { staff: service } = registry.web;
  const render = async (c: Parameters<typeof webPage>[0], staff: StaffMember, extra: { invite?: InviteState; roleChange?: RoleState; done?: string | undefined } = {}, status: 200 | 400 | 409 = 200) => {
    const administer = staff.may('administer');
    const [people, invitations, closed, stale] = await Promise.all([
      service.list(staff.ctx),
      administer ? service.openInvitations(staff.ctx) : Promise.resolve([]),
      administer ? service.closedInvitations(staff.ctx) : Promise.resolve([]),
      administer ? service.revokedTokenAccounts(staff.ctx) : Promise.resolve([]),
    ]);
    return webPage(c, <StaffPage staff={staff} people={people} invitations={invitations} closed={closed} stale={stale} now={registry.deps.clock.now().toISOString()} {...extra} />, status);
  };
  return new Hono<AppEnv>()
    .get('/admin/staff', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      return render(c, staff, { done: noticeOf(c) });
    })
    .post('/admin/staff/invite', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const valuesOf = (typed: URLSearchParams) => ({ name: typed.get('name') ?? '', email: typed.get('email') ?? '', role: typed.get('role') ?? '' });
      const form = await readCheckedForm(c, publicBaseUrl, (typed, notice) => render(c, staff, { invite: { values: valuesOf(typed), errors: noticeErrors(notice) } }));
      const values = valuesOf(form);
      // A link without an address is not deduplicated by the service: the same post sent again
      // (a reload of the page showing the link) would leave a second live link nobody noted.
      if (values.email.trim() === '' && madeSinceShown(form, await service.openInvitations(staff.ctx), (i) => i.email === null && i.name === values.name.trim() && i.role === values.role)) {
        return render(c, staff, { invite: { values, errors: { byField: { name: [INVITED_SINCE_SHOWN] }, general: [] } } }, 409);
      }
      try {
        const { invitation, url, mailed } = await service.invite(staff.ctx, values);
        return render(c, staff, { invite: { values: { role: values.role }, created: { url, expiresAt: invitation.expiresAt, name: invitation.name, mailedTo: mailed ? invitation.email : null, mailSendable: registry.mail.dispatcher.transportName !== null } } });
      } catch (error) {
        // A wrong field (400), or an open invitation to that address already stands (409): the form again, the message by its field.
        const errors = formErrorsOf(error, ['name', 'email', 'role']);
        return render(c, staff, { invite: { values, errors } }, (error as DomainError).kind === 'conflict' ? 409 : 400);
      }
    })
    .post('/admin/staff/:accountId/role', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      // A stale token: the page again with the role as chosen, the reason at the top (nothing changed).
      const form = await readCheckedForm(c, publicBaseUrl, (typed, notice) => render(c, staff, { roleChange: { accountId: c.req.param('accountId'), role: typed.get('role') ?? '', notice } }));
      await service.setRole(staff.ctx, c.req.param('accountId'), form.get('role'));
      return redirectWithNotice(c, localHref('/admin/staff', staff.lang, { done: 'role' }));
    })
    .post('/admin/staff/invitations/:invitationId/cancel', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      await readCheckedForm(c, publicBaseUrl);
      await service.cancelInvitation(staff.ctx, c.req.param('invitationId'));
      return redirectWithNotice(c, localHref('/admin/staff', staff.lang, { done: 'invitation-cancelled' }));
    })
    .post('/admin/staff/:accountId/close', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      await readCheckedForm(c, publicBaseUrl);
      await service.closeRevokedTokenAccount(staff.ctx, c.req.param('accountId'));
      return redirectWithNotice(c, localHref('/admin/staff', staff.lang, { done: 'closed' }));
    })
    .get('/admin/staff/:accountId/remove', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const person = (await service.list(staff.ctx)).find((p) => p.id === c.req.param('accountId'));
      if (!person) throw notFound({ ja: '職員', en: 'Staff member' });
      const issuedAdminTokens = (await service.issuedAdministratorTokens(staff.ctx, person.id)).length;
      return webPage(c, <RemoveStaffPage staff={staff} person={person} issuedAdminTokens={issuedAdminTokens} />);
    })
    .post('/admin/staff/:accountId/remove', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      await readCheckedForm(c, publicBaseUrl);
      await service.remove(staff.ctx, c.req.param('accountId'));
      return redirectWithNotice(c, localHref('/admin/staff', staff.lang, { done: 'removed' }));
    });
}
