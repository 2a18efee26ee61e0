import { isAdmin } from '../actor.js';
import { conflict, forbidden, invalid, notFound, unprocessable } from '../errors.js';
import { isRealDate } from '../declaration-rules.js';
import type { Award, AwardCode, AwardStatus } from '../model.js';
import { UniqueViolation } from '../../ports/store.js';
import { awardEvent } from '../partners/change-events.js';
import { auditEntry, type RequestContext, type ServiceDeps } from './context.js';
import { commitChange } from './commit-change.js';

export interface AwardInput {
  organizationId: string;
  fiscalYear: number;
  category: string;
  division?: string | null;
  partnerMunicipalityId?: string | null;
  overview?: string | null;
  message?: string | null;
  awardedOn?: string | null;
}

export type AwardAction = 'suspend' | 'reinstate' | 'revoke';
const AWARD_TRANSITIONS: Record<AwardAction, { from: AwardStatus[]; to: AwardStatus }> = {
  suspend: { from: ['active'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'active' },
  revoke: { from: ['active', 'suspended'], to: 'revoked' },
};

const AWARD = { ja: '表彰', en: 'Award' };

/** Awards (表彰): recorded by the secretariat; a company needs a published declaration at award time. */
export function createAwardService(deps: ServiceDeps) {
  const { repos, uow, clock } = deps;

  async function commit(ctx: RequestContext, action: string, before: Award | null, after: Award, ops: ReturnType<typeof repos.awards.insert>) {
    const organization = await repos.organizations.get(after.organizationId);
    if (!organization) throw notFound({ ja: '団体', en: 'Organization' });
    const event = deps.outbox && awardEvent({ action, after, organization }, deps.newId);
    const eventOps = event ? deps.outbox!.append(event) : [];
    await commitChange(deps, {
      ops,
      credentialOps: () => deps.credentials.forAward({ before, after, organization }),
      eventOps,
      audit: auditEntry(ctx, after.updatedAt, { action: `award.${action}`, entityType: 'award', entityId: after.id, before, after }),
    });
  }

  return {
    async create(ctx: RequestContext, input: AwardInput): Promise<Award> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const [categories, divisions] = await Promise.all([repos.awards.categories(), repos.awards.divisions()]);
      if (!categories.some((c) => c.code === input.category)) {
        throw invalid([{ field: '/category', ja: `表彰区分は ${categories.map((c) => c.code).join(', ')} のいずれかです。`, en: `category must be one of ${categories.map((c) => c.code).join(', ')}.` }]);
      }
      if (input.division && !divisions.some((d) => d.code === input.division)) {
        throw invalid([{ field: '/division', ja: '部門が登録されていません。', en: `division "${input.division}" is not registered.` }]);
      }
      if (input.awardedOn && !isRealDate(input.awardedOn)) {
        throw invalid([{ field: '/awardedOn', ja: 'awardedOn は実在する日付（YYYY-MM-DD）で指定してください。', en: 'awardedOn must be a real calendar date (YYYY-MM-DD).' }]);
      }
      const organization = await repos.organizations.get(input.organizationId);
      if (!organization) throw invalid([{ field: '/organizationId', ja: '受賞団体が見つかりません。', en: 'organizationId does not name a registered organization.' }]);
      if (input.partnerMunicipalityId) {
        const partner = await repos.organizations.get(input.partnerMunicipalityId);
        if (!partner || partner.kind !== 'municipality') {
          throw invalid([{ field: '/partnerMunicipalityId', ja: '連携自治体は登録済みの地方公共団体を指定してください。', en: 'partnerMunicipalityId must name a registered municipality.' }]);
        }
      }
      if (organization.kind === 'company') {
        const declarations = await repos.declarations.listByOrganization(organization.id);
        if (!declarations.some((d) => d.status === 'published')) {
          throw unprocessable(
            '企業を表彰するには、公表中の自己宣言が必要です。',
            'A company can only be awarded while it holds a published declaration.',
            [{ field: '/organizationId', ja: '公表中の自己宣言がありません。', en: 'The company has no published declaration.' }],
          );
        }
      }
      const now = clock.now().toISOString();
      const award: Award = {
        id: deps.newId(),
        organizationId: organization.id,
        fiscalYear: input.fiscalYear,
        categoryCode: input.category,
        divisionCode: input.division ?? null,
        partnerMunicipalityId: input.partnerMunicipalityId ?? null,
        overview: input.overview?.trim() || null,
        message: input.message?.trim() || null,
        awardedOn: input.awardedOn ?? now.slice(0, 10),
        status: 'active',
        rowVersion: 1,
        createdAt: now,
        updatedAt: now,
      };
      await commit(ctx, 'create', null, award, [...repos.awards.insert(award), repos.organizations.markListed(organization.id)]);
      return award;
    },

    async act(ctx: RequestContext, id: string, action: AwardAction): Promise<Award> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const before = await repos.awards.get(id);
      if (!before) throw notFound(AWARD);
      const transition = AWARD_TRANSITIONS[action];
      if (!transition.from.includes(before.status)) {
        throw conflict(`現在の状態（${before.status}）では「${action}」を行えません。`, `Cannot ${action} an award whose current state is "${before.status}".`, { currentStatus: before.status });
      }
      const now = clock.now().toISOString();
      const after: Award = { ...before, status: transition.to, rowVersion: before.rowVersion + 1, updatedAt: now };
      await commit(ctx, action, before, after, repos.awards.update(after, before.rowVersion));
      return after;
    },

    async get(id: string): Promise<Award> {
      const award = await repos.awards.get(id);
      if (!award) throw notFound(AWARD);
      return award;
    },

    /** Categories and divisions are data: the secretariat adds new ones without a code change. */
    async addCode(ctx: RequestContext, kind: 'category' | 'division', code: AwardCode): Promise<AwardCode> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const now = clock.now().toISOString();
      const ops = kind === 'category' ? repos.awards.insertCategory(code) : repos.awards.insertDivision(code);
      try {
        await uow.commit([...ops, repos.audit.append(auditEntry(ctx, now, { action: `award-${kind}.create`, entityType: `award-${kind}`, entityId: code.code, before: null, after: code }))]);
      } catch (error) {
        if (error instanceof UniqueViolation) throw conflict('このコードは既に登録されています。', `The ${kind} code "${code.code}" already exists.`, { field: '/code' });
        throw error;
      }
      return code;
    },
  };
}

export type AwardService = ReturnType<typeof createAwardService>;
