import { Hono, type Context } from 'hono';
import { seesPrivate } from '../../domain/actor.js';
import { ACTIONS, PUBLIC_STATUSES, publicStateOf, storedStatusesShownAs, type DeclarationAction } from '../../domain/declaration-lifecycle.js';
import type { DeclarationInput } from '../../domain/declaration-rules.js';
import { forbidden, notFound } from '../../domain/errors.js';
import { DECLARATION_STATUSES, type Declaration } from '../../domain/model.js';
import type { Registry } from '../../registry.js';
import type { ActionInput } from '../../domain/services/declarations.js';
import type { AppEnv } from '../env.js';
import { publicJson } from '../conditional.js';
import { presentDeclaration } from '../present.js';
import { etagOf, ifMatchOf, parseQuery, readActionJson, readJson, requireSignedIn } from '../request.js';
import { INDUSTRY_CODES, PREFECTURE_CODES } from './organizations.js';

/** `expire` is the system's own action (the expiry sweep), not an API action. */
const API_ACTIONS: readonly string[] = ACTIONS.filter((a) => a !== 'expire');

/** Declarations: public search and reads, amendments, and the lifecycle actions. */
export function declarationRoutes(registry: Registry) {
  const credentials = registry.deps.credentials;

  async function respond(c: Context<AppEnv>, declaration: Declaration, status: 200 | 201 = 200) {
    const full = seesPrivate(c.var.actor, declaration.organizationId);
    c.header('ETag', etagOf(declaration.rowVersion));
    const refs = await credentials.listFor({ type: 'declaration', id: declaration.id });
    return c.json(presentDeclaration(declaration, { full, credentials: refs, renewalUnderReview: publicStateOf(declaration)?.renewalUnderReview ?? false }), status);
  }

  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const query = parseQuery(c);
      const actor = c.var.actor;
      const organizationId = query.string('organizationId', { max: 64 });
      // An organization lists its own declarations in every state (drafts too), as the secretariat lists everyone's.
      const seesAll = actor.role === 'admin' || (actor.role === 'organization' && organizationId === actor.organizationId);
      const status = query.oneOf('status', seesAll ? DECLARATION_STATUSES : PUBLIC_STATUSES);
      const filters = {
        q: query.string('q', { max: 100 }),
        organizationId,
        prefectureCode: query.oneOf('prefectureCode', PREFECTURE_CODES),
        industryCode: query.oneOf('industryCode', INDUSTRY_CODES),
        ...query.page(),
      };
      query.done();
      // The public's expired include a renewal after expiry under review (stored as draft or submitted), as lookup and open data show it.
      const statuses = seesAll ? (status ? [status] : []) : storedStatusesShownAs(status ?? 'published');
      const page = await registry.deps.repos.declarations.search({ ...filters, statuses, publishedOnce: !seesAll });
      const items = await Promise.all(
        page.items.map(async (d) => {
          const full = seesPrivate(actor, d.organizationId);
          // Others see each as the public does: its last published content, never an unpublished version.
          const shown = full ? { declaration: d, renewalUnderReview: publicStateOf(d)?.renewalUnderReview ?? false } : await registry.declarations.publicView(d);
          if (!shown) return null;
          return presentDeclaration(shown.declaration, { full, renewalUnderReview: shown.renewalUnderReview, credentials: await credentials.listFor({ type: 'declaration', id: d.id }) });
        }),
      );
      return c.json({ items: items.filter((item) => item !== null), nextCursor: page.nextCursor });
    })
    .get('/:id', async (c) => {
      // The public reads it as last published (publicView); its organization and the secretariat, whole.
      const { declaration, full, renewalUnderReview } = await registry.declarations.read(c.var.actor, c.req.param('id'));
      const refs = await credentials.listFor({ type: 'declaration', id: declaration.id });
      const body = presentDeclaration(declaration, { full, credentials: refs, renewalUnderReview });
      if (!full) return publicJson(c, body);
      c.header('ETag', etagOf(declaration.rowVersion));
      return c.json(body);
    })
    .get('/:id/versions', async (c) => {
      const ctx = requireSignedIn(c);
      const declaration = await registry.declarations.view(ctx.actor, c.req.param('id'));
      if (!seesPrivate(ctx.actor, declaration.organizationId)) throw forbidden();
      return c.json({ items: await registry.declarations.versions(declaration.id) });
    })
    .put('/:id', async (c) => {
      const ctx = requireSignedIn(c);
      const input = await readJson<DeclarationInput>(c, 'declaration');
      return respond(c, await registry.declarations.amend(ctx, c.req.param('id'), input, ifMatchOf(c)));
    })
    .post('/:id/:action', async (c) => {
      const action = c.req.param('action') as DeclarationAction;
      if (!API_ACTIONS.includes(action)) throw notFound({ ja: '操作', en: 'Action' });
      const ctx = requireSignedIn(c);
      const input = await readActionJson<ActionInput>(c);
      return respond(c, await registry.declarations.act(ctx, c.req.param('id'), action, input, ifMatchOf(c)));
    });
}


