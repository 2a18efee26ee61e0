import { newestAwardsFirst } from '../../domain/awards/labels.js';
import { Hono } from 'hono';
import { seesPrivate } from '../../domain/actor.js';
import { INDUSTRIES, PREFECTURE_CODES } from '../../domain/codes.js';
import { PUBLIC_STATUSES, publicStateOf } from '../../domain/declaration-lifecycle.js';
import type { DeclarationInput } from '../../domain/declaration-rules.js';
import { notFound } from '../../domain/errors.js';
import { DECLARATION_STATUSES } from '../../domain/model.js';
import type { OrganizationInput } from '../../domain/organization-rules.js';
import type { Registry } from '../../registry.js';
import type { AppEnv } from '../env.js';
import { publicJson } from '../conditional.js';
import { presentAward, presentDeclaration, presentOrganization } from '../present.js';
import { etagOf, ifMatchOf, parseQuery, readJson, requireSignedIn } from '../request.js';

export { PREFECTURE_CODES };
export const INDUSTRY_CODES = Object.keys(INDUSTRIES);

/** Organizations: public search and page data; the secretariat registers, the organization edits itself. */
export function organizationRoutes(registry: Registry) {
  const { repos } = registry.deps;
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const query = parseQuery(c);
      const isAdmin = c.var.actor.role === 'admin';
      const filters = {
        q: query.string('q', { max: 100 }),
        kind: query.oneOf('kind', ['company', 'municipality', 'other'] as const),
        prefectureCode: query.oneOf('prefectureCode', PREFECTURE_CODES),
        industryCode: query.oneOf('industryCode', INDUSTRY_CODES),
        declarationStatus: query.oneOf('status', isAdmin ? DECLARATION_STATUSES : PUBLIC_STATUSES),
        awardYear: query.int('awardYear', { min: 2019, max: 2100 }),
        awardCategory: query.string('awardCategory', { max: 64 }),
        ...query.page(),
      };
      query.done();
      const page = await registry.organizations.search({ ...filters, listedOnly: !isAdmin });
      return c.json({ items: page.items.map((o) => presentOrganization(o, { full: isAdmin })), nextCursor: page.nextCursor });
    })
    .post('/', async (c) => {
      const ctx = requireSignedIn(c);
      const input = await readJson<OrganizationInput>(c, 'organization');
      const organization = await registry.organizations.create(ctx, input);
      c.header('Location', `/api/v1/organizations/${organization.id}`);
      c.header('ETag', etagOf(organization.rowVersion));
      return c.json(presentOrganization(organization, { full: true }), 201);
    })
    .get('/:id', async (c) => {
      const actor = c.var.actor;
      const organization = await registry.organizations.load(c.req.param('id'));
      const full = seesPrivate(actor, organization.id);
      // An organization appears publicly once it has had a published declaration or an award.
      if (!full && !organization.listed) throw notFound({ ja: '団体', en: 'Organization' });
      const [declarations, awards, categories] = await Promise.all([
        repos.declarations.listByOrganization(organization.id),
        repos.awards.search({ organizationId: organization.id, limit: 100 }),
        repos.awards.categories(),
      ]);
      // The public sees each as last published (publicView), never a version that was not published.
      const visibleDeclarations = (
        await Promise.all(declarations.map(async (d) => (full ? { declaration: d, renewalUnderReview: publicStateOf(d)?.renewalUnderReview ?? false } : await registry.declarations.publicView(d))))
      ).filter((shown) => shown !== null);
      const credentials = registry.deps.credentials;
      const body = {
        ...presentOrganization(organization, { full }),
        declarations: await Promise.all(
          visibleDeclarations.map(async ({ declaration: d, renewalUnderReview }) => presentDeclaration(d, { full, renewalUnderReview, credentials: await credentials.listFor({ type: 'declaration', id: d.id }) })),
        ),
        awards: await Promise.all(
          newestAwardsFirst(awards.items)
            .filter((a) => full || a.status !== 'revoked')
            .map(async (a) => presentAward(a, { categories, credentials: await credentials.listFor({ type: 'award', id: a.id }) })),
        ),
      };
      // The public's ETag follows what it is shown, its declarations and awards included (publicJson).
      if (!full) return publicJson(c, body);
      c.header('ETag', etagOf(organization.rowVersion));
      return c.json(body);
    })
    .put('/:id', async (c) => {
      const ctx = requireSignedIn(c);
      const input = await readJson<OrganizationInput>(c, 'organization');
      const organization = await registry.organizations.update(ctx, c.req.param('id'), input, ifMatchOf(c));
      c.header('ETag', etagOf(organization.rowVersion));
      return c.json(presentOrganization(organization, { full: true }));
    })
    .post('/:id/declarations', async (c) => {
      const ctx = requireSignedIn(c);
      const input = await readJson<DeclarationInput>(c, 'declaration');
      const declaration = await registry.declarations.create(ctx, c.req.param('id'), input);
      c.header('Location', `/api/v1/declarations/${declaration.id}`);
      c.header('ETag', etagOf(declaration.rowVersion));
      return c.json(presentDeclaration(declaration, { full: true }), 201);
    });
}
