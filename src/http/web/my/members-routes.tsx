// /my/members: the members and their passkeys; owners invite (a one-time link) and remove members.
import { Hono, type Context } from 'hono';
import { DomainError, forbidden, notFound } from '../../../domain/errors.js';
import type { AppEnv } from '../../env.js';
import { localHref } from '../../pages/i18n.js';
import { ALREADY, doneAlready, doneAlreadyPage, INVITED_SINCE_SHOWN, isNotFound, madeSinceShown } from '../repeated-post.js';
import { readCheckedForm } from '../form.js';
import { noticeOf, redirectWithNotice } from '../notice.js';
import { webPage } from '../page.js';
import { memberOf, type Member } from './member.js';
import { InvitationCreatedPage, LeftPage, RemoveMemberPage } from './member-pages.js';
import { MembersPage, type InviteFormState } from './members.js';
import type { MyRouteDeps } from './routes.js';

const MEMBER = { ja: 'メンバー', en: 'Member' };

export function memberRoutes({ registry, publicBaseUrl }: MyRouteDeps) {
  const { accounts, passkeys, invitations } = registry.web;

  async function membersPage(c: Context<AppEnv>, member: Member, invite?: InviteFormState, status: 400 | 403 | 409 = 400) {
    const orgId = member.organization.id;
    const members = await accounts.members(member.ctx, orgId);
    const rows = await Promise.all(members.map(async (m) => ({ ...m, passkeys: await passkeys.list(member.ctx, m.account.id) })));
    const pending = member.isOwner ? await invitations.list(member.ctx, orgId) : [];
    const page = <MembersPage member={member} rows={rows} invitations={pending} invite={invite} done={noticeOf(c, 'removed') ?? noticeOf(c, 'saved')} now={registry.deps.clock.now()} />;
    return webPage(c, page, invite ? status : 200);
  }

  return new Hono<AppEnv>()
    .get('/members', async (c) => {
      const member = memberOf(c);
      if (member instanceof Response) return member;
      return membersPage(c, member);
    })
    .post('/members/invite', async (c) => {
      const member = memberOf(c);
      if (member instanceof Response) return member;
      // A stale token: the form again with the role and address as chosen, the reason above it.
      const form = await readCheckedForm(c, publicBaseUrl, (typed, notice) => membersPage(c, member, { role: typed.get('role') ?? '', email: typed.get('email') ?? '', errors: {}, notice }, 403));
      const role = form.get('role') ?? '';
      const email = form.get('email') ?? '';
      // A link without an address is not deduplicated by the service: a reload of the page showing it must not make a second one.
      if (email.trim() === '' && madeSinceShown(form, await invitations.list(member.ctx, member.organization.id), (i) => !i.usedAt && i.email === null && i.role === role)) {
        return membersPage(c, member, { role, email, errors: { role: [INVITED_SINCE_SHOWN] } }, 409);
      }
      try {
        const created = await invitations.create(member.ctx, member.organization.id, { role, email });
        return webPage(c, <InvitationCreatedPage member={member} url={created.url} expiresAt={created.expiresAt} mailed={created.mailed} mailSendable={registry.mail.dispatcher.transportName !== null} email={created.invitation.email} />);
      } catch (error) {
        // Wrong values (400), or a live invitation to that address already stands (409): the form again, the message by its field.
        if (!(error instanceof DomainError) || (error.kind !== 'validation' && error.kind !== 'conflict')) throw error;
        const errors: InviteFormState['errors'] = {};
        for (const f of error.fields) {
          const key = f.field === '/role' ? 'role' : 'email';
          (errors[key] ??= []).push({ ja: f.ja, en: f.en });
        }
        if (error.fields.length === 0) errors.email = [{ ja: error.ja, en: error.en }];
        return membersPage(c, member, { role, email, errors }, error.kind === 'conflict' ? 409 : 400);
      }
    })
    .post('/members/invitations/:invitationId/cancel', async (c) => {
      const member = memberOf(c);
      if (member instanceof Response) return member;
      await readCheckedForm(c, publicBaseUrl);
      const invitationId = c.req.param('invitationId');
      try {
        await invitations.cancel(member.ctx, member.organization.id, invitationId);
      } catch (error) {
        if (isNotFound(error) && (await doneAlready(registry, trail(member), 'invitation.cancel', 'invitationId', invitationId))) return doneAlreadyPage(c, member.lang, ALREADY.cancelled);
        throw error;
      }
      return redirectWithNotice(c, localHref('/my/members', member.lang, { removed: 'invitation' }));
    })
    .get('/members/:accountId/remove', async (c) => {
      const member = memberOf(c);
      if (member instanceof Response) return member;
      const self = c.req.param('accountId') === member.account.id;
      if (!member.isOwner && !self) throw forbidden();
      const members = await accounts.members(member.ctx, member.organization.id);
      const target = members.find((m) => m.account.id === c.req.param('accountId'));
      if (!target) throw notFound(MEMBER);
      return webPage(c, <RemoveMemberPage member={member} target={target.account} />);
    })
    .post('/members/:accountId/remove', async (c) => {
      const member = memberOf(c);
      if (member instanceof Response) return member;
      await readCheckedForm(c, publicBaseUrl);
      const accountId = c.req.param('accountId');
      try {
        await accounts.removeMember(member.ctx, member.organization.id, accountId);
      } catch (error) {
        if (isNotFound(error) && (await doneAlready(registry, trail(member), 'member.remove', 'accountId', accountId))) return doneAlreadyPage(c, member.lang, ALREADY.removed);
        throw error;
      }
      // Leaving ended this session too: a page of its own, not the members page (which would ask to sign in).
      if (accountId === member.account.id) return webPage(c, <LeftPage lang={member.lang} organizationName={member.organization.name} />);
      return redirectWithNotice(c, localHref('/my/members', member.lang, { removed: 'member' }));
    });
}

/** Removals and cancellations are recorded on the organization. */
const trail = (member: Member) => ({ type: 'organization', id: member.organization.id });
