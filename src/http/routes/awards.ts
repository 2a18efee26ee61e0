import { Hono, type Context } from 'hono';
import { notFound } from '../../domain/errors.js';
import type { AwardCode } from '../../domain/model.js';
import { seesPrivate, type Actor } from '../../domain/actor.js';
import type { Registry } from '../../registry.js';
import type { AwardAction, AwardActionInput, AwardCorrectionInput, AwardInput } from '../../domain/services/awards.js';
import type { AppEnv } from '../env.js';
import { presentAward } from '../present.js';
import { etagOf, ifMatchOf, parseQuery, readActionJson, readJson, requireSignedIn } from '../request.js';

const AWARD_ACTIONS: readonly string[] = ['suspend', 'reinstate', 'revoke'];

/** Awards by year and category (public), recorded and managed by the secretariat. */
export function awardRoutes(registry: Registry) {
  const { repos, credentials } = registry.deps;

  async function present(award: Awaited<ReturnType<typeof registry.awards.get>>, actor: Actor) {
    const [categories, organization, refs] = await Promise.all([
      repos.awards.categories(),
      repos.organizations.get(award.organizationId),
      credentials.listFor({ type: 'award', id: award.id }),
    ]);
    return presentAward(award, { categories, organization, credentials: refs, full: seesPrivate(actor, award.organizationId) });
  }

  /** One award as its organization and the secretariat read it: with its row version as the ETag, for the next If-Match (as declarations answer). */
  async function respond(c: Context<AppEnv>, award: Awaited<ReturnType<typeof registry.awards.get>>, status: 200 | 201 = 200) {
    if (seesPrivate(c.var.actor, award.organizationId)) c.header('ETag', etagOf(award.rowVersion));
    return c.json(await present(award, c.var.actor), status);
  }

  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const query = parseQuery(c);
      const filters = {
        fiscalYear: query.int('fiscalYear', { min: 2019, max: 2100 }),
        categoryCode: query.string('category', { max: 64 }),
        organizationId: query.string('organizationId', { max: 64 }),
        ...query.page(),
      };
      query.done();
      const page = await repos.awards.search(filters);
      const isAdmin = c.var.actor.role === 'admin';
      const visible = page.items.filter((a) => isAdmin || a.status !== 'revoked');
      return c.json({ items: await Promise.all(visible.map((award) => present(award, c.var.actor))), nextCursor: page.nextCursor });
    })
    .post('/', async (c) => {
      const ctx = requireSignedIn(c);
      const input = await readJson<AwardInput>(c, 'award');
      const award = await registry.awards.create(ctx, input);
      c.header('Location', `/api/v1/awards/${award.id}`);
      return respond(c, award, 201);
    })
    .get('/:id', async (c) => {
      const award = await registry.awards.get(c.req.param('id'));
      if (award.status === 'revoked' && c.var.actor.role !== 'admin') throw notFound({ ja: '表彰', en: 'Award' });
      return respond(c, award);
    })
    .put('/:id', async (c) => {
      const ctx = requireSignedIn(c);
      const input = await readJson<AwardCorrectionInput>(c, 'awardCorrection');
      return respond(c, await registry.awards.correct(ctx, c.req.param('id'), input, ifMatchOf(c)));
    })
    .post('/:id/:action', async (c) => {
      const action = c.req.param('action');
      if (!AWARD_ACTIONS.includes(action)) throw notFound({ ja: '操作', en: 'Action' });
      const ctx = requireSignedIn(c);
      const input = await readActionJson<AwardActionInput>(c);
      return respond(c, await registry.awards.act(ctx, c.req.param('id'), action as AwardAction, input, ifMatchOf(c)));
    });
}

/** Award categories and divisions: data the secretariat extends. */
export function awardCodeRoutes(registry: Registry, kind: 'category' | 'division') {
  const { repos } = registry.deps;
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json({ items: kind === 'category' ? await repos.awards.categories() : await repos.awards.divisions() }))
    .post('/', async (c) => {
      const ctx = requireSignedIn(c);
      const input = await readJson<AwardCode>(c, 'awardCode');
      const code = await registry.awards.addCode(ctx, kind, { ...input, sortOrder: input.sortOrder ?? 1000 });
      return c.json(code, 201);
    });
}
