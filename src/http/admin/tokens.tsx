// Back office: API tokens, for administrators only (as GET/POST /api/v1/tokens and DELETE
// /api/v1/tokens/{id}, through the same use cases, so the audit log reads alike): the list, issuing
// one (its secret shown once, on the answer page), and revoking one after a page that says what
// goes with it.
import { madeSinceShown } from '../web/repeated-post.js';
import { Hono, type Context } from 'hono';
import { DomainError, notFound } from '../../domain/errors.js';
import type { ApiToken, TokenRole } from '../../domain/model.js';
import { LastAdministratorWayIn } from '../../domain/services/tokens.js';
import { CreatedChanged } from '../../domain/services/token-created-changed.js';
import type { AppEnv } from '../env.js';
import { localHref, type Bilingual } from '../pages/i18n.js';
import { readCheckedForm } from '../web/form.js';
import { webPage } from '../web/page.js';
import { lookUpPeople } from './audit-log.js';
import { formErrorsOf, noticeErrors, unreadableMessage, type FormErrors } from './form-errors.js';
import type { AdminRouteDeps } from './routes.js';
import { staffOf, type StaffMember } from './staff-member.js';
import { ISSUED_SINCE_SHOWN, RevokePage, TOKEN_STATES, TokenPage, TokensPage, type IssueState, type TokenNames, type TokenState } from './tokens-pages.js';
import { noticeOf, redirectWithNotice } from '../web/notice.js';

const PAGE_SIZE = 50;

const DONE: Record<string, Bilingual> = {
  revoked: { ja: 'トークンを取り消しました。', en: 'The token was revoked.' },
};

const ALREADY_REVOKED: Bilingual = {
  ja: 'このトークンは既に取り消されています（別の画面か別の人が先に取り消しました）。何もしていません。',
  en: 'This token is already revoked (someone, or another tab, revoked it first). Nothing was done.',
};

export function tokenRoutes({ registry, publicBaseUrl }: AdminRouteDeps) {
  const service = registry.tokens;

  /** The organizations' names and the minters of these tokens, named as the audit log names them. */
  const namesOf = async (staff: StaffMember, tokens: readonly ApiToken[], extraOrganizations: readonly string[] = []): Promise<TokenNames> => {
    const creators = await service.creators(staff.ctx, tokens.map((t) => t.id));
    const entries = new Map([...creators].map(([id, ref]) => [id, { actorTokenId: ref, actorRole: ref ? 'admin' : 'system:bootstrap' }]));
    const orgIds = [...new Set([...tokens.flatMap((t) => (t.organizationId ? [t.organizationId] : [])), ...extraOrganizations])];
    const [people, organizations] = await Promise.all([
      lookUpPeople(registry, [...entries.values()].map((e) => ({ ...e, entityType: '', entityId: '', actorOrganizationId: null }) as never)),
      orgIds.length > 0 ? registry.deps.repos.organizations.getMany(orgIds) : Promise.resolve([]),
    ]);
    return { creators: entries, people, organizations: new Map(organizations.map((o) => [o.id, o.name])) };
  };

  const renderList = async (c: Context<AppEnv>, staff: StaffMember, extra: { issue?: IssueState; done?: string | undefined } = {}, status: 200 | 400 | 409 = 200) => {
    const rawState = c.req.query('state') ?? 'active';
    const stateOk = (TOKEN_STATES as readonly string[]).includes(rawState);
    const state = (stateOk ? rawState : 'active') as TokenState;
    // From an organization's page: its tokens only, and the issuing form filled in for it.
    const organizationId = (c.req.query('organizationId') ?? '').trim() || undefined;
    const all = await service.list(staff.ctx);
    // Newest first; the secret's hash never leaves the repository (list() has none).
    const matching = all.filter((t) => (state === 'all' || (state === 'revoked') === (t.revokedAt !== null)) && (!organizationId || t.organizationId === organizationId)).reverse();
    const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
    const page = Math.min(pages, Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
    const shown = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const stateErrors = stateOk ? undefined : [{ ja: '状態は「有効」「取消済み」「すべて」から選んでください。', en: 'Choose Active, Revoked or All as the state.' }];
    const done = extra.done ? DONE[extra.done]?.[staff.lang] : undefined;
    const issue = extra.issue ?? (organizationId ? { values: { role: 'organization', organizationId } } : undefined);
    const names = await namesOf(staff, shown, organizationId ? [organizationId] : []);
    return webPage(c, <TokensPage staff={staff} tokens={shown} shownAt={registry.deps.clock.now().toISOString()} names={names} state={state} stateErrors={stateErrors} organizationId={organizationId} page={page} pages={pages} issue={issue} done={done} />, stateOk ? status : 400);
  };

  const tokenOr404 = async (staff: StaffMember, id: string) => {
    const token = await service.get(staff.ctx, id);
    if (!token) throw notFound({ ja: 'トークン', en: 'Token' });
    return token;
  };

  const renderToken = async (c: Context<AppEnv>, staff: StaffMember, token: ApiToken, notice?: { text: string; kind: 'success' | 'error' }, status: 200 | 409 = 200) =>
    webPage(c, <TokenPage staff={staff} token={token} names={await namesOf(staff, [token])} notice={notice} />, status);

  const renderRevoke = async (c: Context<AppEnv>, staff: StaffMember, id: string, revokeCreated: boolean, refusal?: Bilingual) => {
    const preview = await service.previewRevocation(staff.ctx, id);
    const organizations = [...preview.created.tokens.flatMap((t) => (t.organizationId ? [t.organizationId] : [])), ...preview.created.organizationInvitations.map((i) => i.organizationId)];
    const names = await namesOf(staff, [preview.token], organizations);
    return webPage(c, <RevokePage staff={staff} preview={preview} names={names} revokeCreated={revokeCreated} refusal={refusal} />, refusal ? 409 : 200);
  };

  /** The token's page with the reason, when it was revoked before this post (409). */
  const alreadyRevoked = async (c: Context<AppEnv>, staff: StaffMember, id: string) =>
    renderToken(c, staff, await tokenOr404(staff, id), { text: ALREADY_REVOKED[staff.lang], kind: 'error' }, 409);

  return new Hono<AppEnv>()
    .get('/admin/tokens', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      return renderList(c, staff, { done: noticeOf(c) });
    })
    .post('/admin/tokens', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const valuesOf = (form: URLSearchParams) => ({ label: form.get('label') ?? '', role: form.get('role') ?? '', organizationId: (form.get('organizationId') ?? '').trim() });
      const form = await readCheckedForm(c, publicBaseUrl, (typed, notice) => renderList(c, staff, { issue: { values: valuesOf(typed), errors: noticeErrors(notice) } }));
      const values = valuesOf(form);
      const errors = issueErrors(values);
      if (errors) return renderList(c, staff, { issue: { values, errors } }, 400);
      // The same post sent again (a reload of the page showing the new token): no second live token nobody noted.
      const organizationId = values.role === 'organization' ? values.organizationId : null;
      const sameToken = (t: ApiToken) => t.label === values.label.trim() && t.role === values.role && t.organizationId === organizationId;
      if (madeSinceShown(form, await service.list(staff.ctx), sameToken)) return renderList(c, staff, { issue: { values, errors: { byField: { label: [ISSUED_SINCE_SHOWN] }, general: [] } } }, 409);
      try {
        const issued = await service.create(staff.ctx, { role: values.role as TokenRole, label: values.label, organizationId: values.role === 'organization' ? values.organizationId : null });
        // The secret is in this answer only (webPage answers no-store); the form comes back empty.
        return renderList(c, staff, { issue: { values: { role: values.role, organizationId: (c.req.query('organizationId') ?? '').trim() }, issued } });
      } catch (error) {
        return renderList(c, staff, { issue: { values, errors: formErrorsOf(error, ['label', 'role', 'organizationId']) } }, 400);
      }
    })
    .get('/admin/tokens/:id', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const done = noticeOf(c);
      const text = done ? DONE[done]?.[staff.lang] : undefined;
      return renderToken(c, staff, await tokenOr404(staff, c.req.param('id')), text ? { text, kind: 'success' } : undefined);
    })
    .get('/admin/tokens/:id/revoke', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const token = await tokenOr404(staff, c.req.param('id'));
      // Nothing left to confirm: the token's page says when it was revoked.
      if (token.revokedAt) return c.redirect(localHref(`/admin/tokens/${encodeURIComponent(token.id)}`, staff.lang), 302);
      return renderRevoke(c, staff, token.id, false);
    })
    .post('/admin/tokens/:id/revoke', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const id = c.req.param('id');
      const form = await readCheckedForm(c, publicBaseUrl);
      const revokeCreated = form.get('revokeCreated') === 'true';
      // What the page listed (a form from before these fields: not pinned, as the API without expectCreated).
      const listed = form.getAll('expectCreated');
      const token = await tokenOr404(staff, id);
      if (token.revokedAt) return alreadyRevoked(c, staff, id);
      try {
        await service.revoke(staff.ctx, id, { revokeCreated, ...(listed.length > 0 ? { expectCreated: listed } : {}) });
      } catch (error) {
        // Both show the page again as it is now: for CreatedChanged, with what was added listed.
        if (error instanceof LastAdministratorWayIn || error instanceof CreatedChanged) return renderRevoke(c, staff, id, revokeCreated, { ja: error.ja, en: error.en });
        // Revoked by someone else between the check above and now.
        if (error instanceof DomainError && error.kind === 'conflict' && (await service.get(staff.ctx, id))?.revokedAt) return alreadyRevoked(c, staff, id);
        throw error;
      }
      return redirectWithNotice(c, localHref(`/admin/tokens/${encodeURIComponent(id)}`, staff.lang, { done: 'revoked' }));
    });
}

/** The form's own checks, in its words (the API's schema: a label of 1 to 200 characters, a role). */
function issueErrors(values: { label: string; role: string; organizationId: string }): FormErrors | undefined {
  const byField: FormErrors['byField'] = {};
  const label = values.label.trim();
  if (label === '') byField.label = [{ ja: 'ラベルを入力してください。', en: 'Enter a label.' }];
  else if (label.length > 200) byField.label = [{ ja: 'ラベルは200文字以内で入力してください。', en: 'The label can be at most 200 characters.' }];
  else {
    const unreadable = unreadableMessage(label, '/label');
    if (unreadable) byField.label = [unreadable];
  }
  if (values.role !== 'admin' && values.role !== 'organization') byField.role = [{ ja: '種類は「管理者」か「団体」を選んでください。', en: 'Choose Administrator or Organization as the role.' }];
  if (values.role === 'organization' && values.organizationId === '') byField.organizationId = [{ ja: '団体トークンには団体IDを入力してください。', en: 'Enter the organization id for an organization token.' }];
  if (values.role === 'admin' && values.organizationId !== '') byField.organizationId = [{ ja: '管理者トークンには団体IDを入力しないでください。', en: 'An administrator token has no organization id; leave it empty.' }];
  return Object.keys(byField).length > 0 ? { byField, general: [] } : undefined;
}
