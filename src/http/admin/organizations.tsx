// Back office: organizations. Every staff member searches them and sees everything about one
// (private contact, members, audit trail); administrators register and edit them (with the
// 法人番号 lookup), invite members, suspend and reinstate declarations, ask for a revocation, and
// export them all as CSV.
import { INVITED_SINCE_SHOWN, madeSinceShown } from '../web/repeated-post.js';
import { newestAwardsFirst } from '../../domain/awards/labels.js';
import { Hono, type Context } from 'hono';
import { isAdmin } from '../../domain/actor.js';
import { PREFECTURE_CODES } from '../../domain/codes.js';
import { asOf, assertAllowed } from '../../domain/declaration-lifecycle.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import { DECLARATION_STATUSES, type DeclarationStatus, type Organization, type OrganizationKind } from '../../domain/model.js';
import { organizationAuditTrail } from '../../domain/services/organization-audit.js';
import { selfRegistrationOf } from './self-registered.js';
import type { AppEnv } from '../env.js';
import { localHref } from '../pages/i18n.js';
import { validateBody } from '../validation.js';
import { formText, readCheckedForm } from '../web/form.js';
import { changedSincePageShown, postedRowVersion, ROW_VERSION_MISSING, stateChangeRefusal, versionRefusal } from '../web/row-version.js';
import { webPage } from '../web/page.js';
import { formErrorsOf, noticeErrors, suspensionNoteMessage, SUSPENSION_REASON_MISSING } from './form-errors.js';
import { organizationsCsv } from './organizations-export.js';
import {
  emptyValues, KINDS, lookupFailed, lookupFound, lookupNotFound, ORGANIZATION_CHANGED, organizationFormErrors, organizationInput, OrganizationFormPage, staleChangesOf,
  organizationProblems, prefill, refusalStatus, valuesOfForm, valuesOfOrganization, type OrganizationFormState,
} from './organizations-form.js';
import {
  currentDeclaration, isRenewalUnderReview, isReturned, OrganizationListPage, statusQuery, OrganizationPage, type InviteState, type OrganizationDetails, type OrganizationFilters, type SuspendState,
} from './organizations-pages.js';
import type { AdminRouteDeps } from './routes.js';
import { staffOf, type StaffMember } from './staff-member.js';
import { refusalBeforeForm } from './action-refusal.js';
import { noticeOf, redirectWithNotice } from '../web/notice.js';
import { searchQueryOf } from '../../domain/search-text.js';

/** Rows per page of the list: each row reads its declarations and awards. */
const LIST_PAGE = 25;

const DECLARATION = { ja: '宣言', en: 'Declaration' };

const DECLARATION_CHANGED = changedSincePageShown({ ja: '宣言', en: 'declaration' });

export function organizationRoutes({ registry, publicBaseUrl }: AdminRouteDeps) {
  const { repos } = registry.deps;
  const { web } = registry;

  /** The list's filters from the query; unknown values are dropped (a person gets results, not a 400). */
  const filtersOf = (c: Context<AppEnv>): OrganizationFilters => {
    const get = (name: string) => c.req.query(name)?.trim() || undefined;
    const kind = get('kind');
    const prefectureCode = get('prefectureCode');
    const status = get('status');
    return {
      q: searchQueryOf(get('q')),
      kind: KINDS.includes(kind as OrganizationKind) ? (kind as OrganizationKind) : undefined,
      prefectureCode: prefectureCode && PREFECTURE_CODES.includes(prefectureCode) ? prefectureCode : undefined,
      status: status === 'returned' || status === 'renewalUnderReview' || DECLARATION_STATUSES.includes(status as DeclarationStatus) ? (status as OrganizationFilters['status']) : undefined,
    };
  };

  /** Everything the organization's page shows (staff read it all, including private contact). */
  const detailsOf = async (staff: StaffMember, organization: Organization): Promise<OrganizationDetails> => {
    const id = organization.id;
    const now = registry.deps.clock.now().toISOString();
    const [declarations, awards, categories, credentials, members, invitations, audit, mailed, selfRegistered] = await Promise.all([
      repos.declarations.listByOrganization(id),
      repos.awards.search({ organizationId: id, limit: 100 }),
      repos.awards.categories(),
      registry.credentials.listByOrganization(id),
      web.accounts.members(staff.ctx, id),
      web.invitations.list(staff.ctx, id),
      organizationAuditTrail(repos, staff.ctx, id, { limit: 20 }),
      registry.mail.promiseTo(organization),
      selfRegistrationOf(registry, staff.ctx, id),
    ]);
    // A revocation waiting for a second administrator: its notice stands where the request form would.
    const revocable = declarations.filter((d) => d.status === 'published' || d.status === 'suspended');
    const pending = await Promise.all(revocable.map((d) => web.revocations.pendingFor(staff.ctx, 'declaration', d.id)));
    return {
      organization,
      selfRegistered,
      // As of now: 期限切れ from 00:00 JST after the last day, as /v says, before the sweep has stored it.
      declarations: declarations.map((d) => asOf(d, registry.deps.clock.now())).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
      pendingRevocations: new Map(pending.flatMap((request) => (request ? [[request.subjectId, request] as const] : []))),
      awards: newestAwardsFirst(awards.items),
      categories,
      credentials: [...credentials].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)),
      members,
      invitations: invitations.filter((i) => !i.usedAt && i.expiresAt > now),
      shownAt: now,
      audit: audit.items,
      twoPersonRevocation: web.settings.twoPersonRevocation,
      mailed,
    };
  };

  const organizationPage = async (
    c: Context<AppEnv>,
    staff: StaffMember,
    id: string,
    extra: { invite?: InviteState; suspend?: SuspendState; problem?: { ja: string; en: string } } = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const organization = await registry.organizations.load(id);
    const details = await detailsOf(staff, organization);
    return webPage(c, <OrganizationPage staff={staff} details={details} done={noticeOf(c)} {...extra} />, status);
  };

  const formPage = (c: Context<AppEnv>, staff: StaffMember, state: OrganizationFormState, organization?: Organization, status: 200 | 400 | 409 = 200) =>
    webPage(c, <OrganizationFormPage staff={staff} state={state} organization={organization} lookupSource={web.corporateLookup.source} />, status);

  /**
   * action=lookup: the form again, filled in from the 法人番号 lookup (nothing is saved). A number
   * that is not one is a message at its field; no answer or a failing remote, a message above.
   */
  const lookup = async (c: Context<AppEnv>, staff: StaffMember, form: URLSearchParams, organization?: Organization) => {
    const values = valuesOfForm(form);
    const source = web.corporateLookup.source;
    if (source === null) {
      return formPage(c, staff, { values, lookup: { kind: 'info', lines: [staff.lang === 'ja' ? '法人番号の照会は設定されていません。名称と所在地を入力してください。' : 'No corporate number lookup is configured; enter the name and address yourself.'] } }, organization);
    }
    try {
      const record = await web.corporateLookup.lookup(values.corporateNumber);
      if (!record) return formPage(c, staff, { values, lookup: lookupNotFound(values.corporateNumber, staff.lang) }, organization);
      return formPage(c, staff, { values: prefill(values, record), lookup: lookupFound(record, source, staff.lang) }, organization);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.kind === 'validation') return formPage(c, staff, { values, errors: organizationFormErrors(error, values) }, organization, 400);
      return formPage(c, staff, { values, lookup: lookupFailed(error, staff.lang) }, organization);
    }
  };

  /** The declaration `declarationId` of organization `id` (404 when it belongs to another). */
  const declarationOf = async (id: string, declarationId: string) => {
    const declaration = await repos.declarations.get(declarationId);
    if (!declaration || declaration.organizationId !== id) throw notFound(DECLARATION);
    return declaration;
  };

  return new Hono<AppEnv>()
    .get('/admin/organizations', async (c) => {
      const staff = staffOf(c, 'read');
      if (staff instanceof Response) return staff;
      const filters = filtersOf(c);
      const cursor = c.req.query('cursor')?.slice(0, 200) || null;
      // A cursor that is not one of ours reads as no cursor (the first page), never a 400.
      const page = await registry.organizations.search({
        q: filters.q, kind: filters.kind, prefectureCode: filters.prefectureCode, ...statusQuery(filters.status), cursor, limit: LIST_PAGE, listedOnly: false,
      });
      const rows = await Promise.all(
        page.items.map(async (organization) => {
          const [declarations, awards] = await Promise.all([
            repos.declarations.listByOrganization(organization.id),
            repos.awards.search({ organizationId: organization.id, limit: 100 }),
          ]);
          const live = awards.items.filter((a) => a.status !== 'revoked');
          const current = currentDeclaration(declarations);
          return { organization, status: current?.status ?? null, returned: current ? isReturned(current) : false, renewalUnderReview: current ? isRenewalUnderReview(current) : false, awards: { count: live.length, more: awards.nextCursor !== null } };
        }),
      );
      return webPage(
        c,
        <OrganizationListPage
          staff={staff}
          filters={filters}
          rows={rows}
          nextHref={page.nextCursor ? localHref('/admin/organizations', staff.lang, { ...filters, cursor: page.nextCursor }) : null}
          firstHref={cursor ? localHref('/admin/organizations', staff.lang, { ...filters }) : null}
        />,
      );
    })
    .get('/admin/organizations/new', (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      return formPage(c, staff, { values: emptyValues() });
    })
    .get('/admin/organizations/export.csv', (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      if (!isAdmin(staff.ctx.actor)) throw forbidden();
      return organizationsCsv(registry, staff.ctx);
    })
    .post('/admin/organizations', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const form = await readCheckedForm(c, publicBaseUrl, (typed, notice) => formPage(c, staff, { values: valuesOfForm(typed), errors: noticeErrors(notice) }));
      if (form.get('action') === 'lookup') return lookup(c, staff, form);
      const values = valuesOfForm(form);
      try {
        const organization = await registry.organizations.create(staff.ctx, organizationInput(values));
        return redirectWithNotice(c, localHref(`/admin/organizations/${organization.id}`, staff.lang, { done: 'created' }));
      } catch (error) {
        return formPage(c, staff, { values, errors: organizationFormErrors(error, values) }, undefined, refusalStatus(error));
      }
    })
    .get('/admin/organizations/:id', async (c) => {
      const staff = staffOf(c, 'read');
      if (staff instanceof Response) return staff;
      return organizationPage(c, staff, c.req.param('id'));
    })
    .get('/admin/organizations/:id/edit', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const organization = await registry.organizations.load(c.req.param('id'));
      return formPage(c, staff, { values: valuesOfOrganization(organization) }, organization);
    })
    .post('/admin/organizations/:id', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const form = await readCheckedForm(c, publicBaseUrl, async (typed, notice) =>
        formPage(c, staff, { values: valuesOfForm(typed), errors: noticeErrors(notice) }, await registry.organizations.load(c.req.param('id'))),
      );
      const organization = await registry.organizations.load(c.req.param('id'));
      if (form.get('action') === 'lookup') return lookup(c, staff, form, organization);
      const values = valuesOfForm(form);
      // The version the form was opened at: a change saved meanwhile by someone else is not overwritten.
      // A post refused for it says what is wrong with its fields as well; bad fields never reach the
      // use case, so their post's version is compared here (a current one is checked again when saving).
      const rowVersion = postedRowVersion(form);
      const problems = organizationProblems(values);
      if (rowVersion === null) return formPage(c, staff, { values, errors: versionRefusal(ROW_VERSION_MISSING, problems) }, organization, 400);
      if (problems) {
        const stale = rowVersion !== organization.rowVersion;
        if (!stale) return formPage(c, staff, { values, errors: problems }, organization, 400);
        return formPage(c, staff, { values, errors: versionRefusal(ORGANIZATION_CHANGED, problems), staleChanges: staleChangesOf(organization, values, staff.lang) }, organization, 409);
      }
      try {
        await registry.organizations.update(staff.ctx, organization.id, organizationInput(values), rowVersion);
        return redirectWithNotice(c, localHref(`/admin/organizations/${organization.id}`, staff.lang, { done: 'updated' }));
      } catch (error) {
        // Saved meanwhile by someone else (between this read and the write): what they saved, read again.
        const stale = error instanceof DomainError && error.kind === 'precondition-failed';
        const current = stale ? await registry.organizations.load(organization.id) : organization;
        const staleChanges = stale ? staleChangesOf(current, values, staff.lang) : undefined;
        return formPage(c, staff, { values, errors: organizationFormErrors(error, values), staleChanges }, current, refusalStatus(error));
      }
    })
    .post('/admin/organizations/:id/invitations', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const id = c.req.param('id');
      const inviteValuesOf = (typed: URLSearchParams) => ({ role: typed.get('role') ?? '', email: (typed.get('email') ?? '').trim() });
      const form = await readCheckedForm(c, publicBaseUrl, (typed, notice) => organizationPage(c, staff, id, { invite: { values: inviteValuesOf(typed), errors: noticeErrors(notice) } }));
      const values = inviteValuesOf(form);
      // A link without an address is not deduplicated by the service: a reload of the page showing it must not make a second one.
      if (values.email === '' && madeSinceShown(form, await web.invitations.list(staff.ctx, id), (i) => !i.usedAt && i.email === null && i.role === values.role)) {
        return organizationPage(c, staff, id, { invite: { values, errors: { byField: { role: [INVITED_SINCE_SHOWN] }, general: [] } } }, 409);
      }
      try {
        const created = await web.invitations.create(staff.ctx, id, { role: values.role, email: values.email });
        return organizationPage(c, staff, id, {
          invite: { values: { role: values.role, email: '' }, created: { url: created.url, expiresAt: created.expiresAt, mailed: created.mailed, mailSendable: registry.mail.dispatcher.transportName !== null, email: created.invitation.email } },
        });
      } catch (error) {
        // A live invitation to that address already stands: 409, the message by the e-mail field.
        const status = error instanceof DomainError && error.kind === 'conflict' ? 409 : 400;
        return organizationPage(c, staff, id, { invite: { values, errors: formErrorsOf(error, ['role', 'email']) } }, status);
      }
    })
    .post('/admin/organizations/:id/invitations/:invitationId/cancel', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      await readCheckedForm(c, publicBaseUrl);
      const { id, invitationId } = c.req.param();
      await web.invitations.cancel(staff.ctx, id, invitationId);
      return redirectWithNotice(c, localHref(`/admin/organizations/${id}`, staff.lang, { done: 'invitation-cancelled' }));
    })
    .post('/admin/organizations/:id/declarations/:declarationId/suspend', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const { id, declarationId } = c.req.param();
      // The note's line breaks as one character each (\n), as the page's maxlength counted them, not the CRLF browsers send.
      const suspendValuesOf = (typed: URLSearchParams) => ({ reason: typed.get('reason') ?? '', note: formText(typed, 'note') });
      const form = await readCheckedForm(c, publicBaseUrl, async (typed, notice) =>
        organizationPage(c, staff, id, { suspend: { declarationId: (await declarationOf(id, declarationId)).id, values: suspendValuesOf(typed), errors: noticeErrors(notice) } }),
      );
      const declaration = await declarationOf(id, declarationId);
      const values = suspendValuesOf(form);
      // The version the page showed: what the administrator decided on (another's suspension and reinstatement, or a new state, since then is not it).
      const rowVersion = postedRowVersion(form);
      // A declaration that is not published shows no suspension form: say why, not what its fields lack.
      const early = refusalBeforeForm(rowVersion, declaration, DECLARATION_CHANGED, () => assertAllowed('suspend', declaration.status));
      if (early) return organizationPage(c, staff, id, { problem: early }, 409);
      try {
        const input = validateBody<{ reason?: string; note?: string }>('declarationAction', {
          ...(values.reason ? { reason: values.reason } : {}),
          ...(values.note.trim() ? { note: values.note } : {}),
        });
        if (rowVersion === null) {
          // The use case would ask for the reason; the same round says so (the schema leaves it optional).
          const reasonless = values.reason ? null : { byField: { reason: [SUSPENSION_REASON_MISSING] }, general: [] };
          return organizationPage(c, staff, id, { suspend: { declarationId: declaration.id, values, errors: versionRefusal(ROW_VERSION_MISSING, reasonless) } }, 400);
        }
        await registry.declarations.act(staff.ctx, declaration.id, 'suspend', input, rowVersion);
        return redirectWithNotice(c, localHref(`/admin/organizations/${id}`, staff.lang, { done: 'suspended' }));
      } catch (error) {
        const refusal = stateChangeRefusal(error, DECLARATION_CHANGED);
        if (refusal) return organizationPage(c, staff, id, { problem: refusal }, 409);
        const errors = formErrorsOf(error, ['reason', 'note']);
        // In words for the form: the API's messages name the JSON field.
        if (errors.byField.reason) errors.byField.reason = [SUSPENSION_REASON_MISSING];
        if (errors.byField.note) errors.byField.note = [suspensionNoteMessage(values.note)];
        return organizationPage(c, staff, id, { suspend: { declarationId: declaration.id, values, errors: rowVersion === null ? versionRefusal(ROW_VERSION_MISSING, errors) : errors } }, 400);
      }
    })
    .post('/admin/organizations/:id/declarations/:declarationId/reinstate', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const form = await readCheckedForm(c, publicBaseUrl);
      const { id, declarationId } = c.req.param();
      const declaration = await declarationOf(id, declarationId);
      // Not a suspension another administrator made after this page was shown (its reason unseen).
      const rowVersion = postedRowVersion(form);
      // A declaration that is not suspended has nothing to reinstate, whatever version the post carries.
      const early = refusalBeforeForm(rowVersion, declaration, DECLARATION_CHANGED, () => assertAllowed('reinstate', declaration.status));
      if (early) return organizationPage(c, staff, id, { problem: early }, 409);
      if (rowVersion === null) return organizationPage(c, staff, id, { problem: ROW_VERSION_MISSING }, 400);
      try {
        await registry.declarations.act(staff.ctx, declaration.id, 'reinstate', {}, rowVersion);
      } catch (error) {
        const refusal = stateChangeRefusal(error, DECLARATION_CHANGED);
        if (!refusal) throw error;
        return organizationPage(c, staff, id, { problem: refusal }, 409);
      }
      return redirectWithNotice(c, localHref(`/admin/organizations/${id}`, staff.lang, { done: 'reinstated' }));
    });
}

