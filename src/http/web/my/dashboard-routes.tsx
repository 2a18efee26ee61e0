import { newestAwardsFirst } from '../../../domain/awards/labels.js';
import { categoryName, divisionSuffix } from '../../pages/badge-alt.js';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../env.js';
import { noticeOf } from '../notice.js';
import { webPage } from '../page.js';
import { DashboardPage } from './dashboard.js';
import { declarationsOf } from './live-declaration.js';
import { memberOf, type Member } from './member.js';
import type { MyRouteDeps } from './routes.js';

/** The dashboard; `problem` (409) when an action posted from it was not done. */
export async function dashboardPage(c: Context<AppEnv>, { registry }: Pick<MyRouteDeps, 'registry'>, member: Member, problem?: string) {
  const repos = registry.deps.repos;
  const orgId = member.organization.id;
  const municipality = member.organization.kind === 'municipality';
  const [{ all }, awards, partnered, categories, divisions, credentials, mailed] = await Promise.all([
    declarationsOf(registry, orgId),
    repos.awards.search({ organizationId: orgId, limit: 500 }),
    // A municipality also sees the awards it is the partner municipality (連携自治体) of: they are the recipients', not its own.
    municipality ? repos.awards.search({ partnerMunicipalityId: orgId, limit: 500 }) : null,
    repos.awards.categories(),
    repos.awards.divisions(),
    registry.credentials.listByOrganization(orgId),
    // The review's outcome is e-mailed to the members and the contact address, when there are any and e-mail can be sent.
    registry.mail.promiseTo(member.organization),
  ]);
  const active = credentials.filter((s) => s.status === 'active');
  const badged = new Set(active.filter((s) => s.subjectType === 'declaration').map((s) => s.subjectId));
  // Their partner municipalities (連携自治体), named with each award as the public pages name them.
  const partnerIds = [...new Set(awards.items.flatMap((a) => (a.partnerMunicipalityId ? [a.partnerMunicipalityId] : [])))];
  const partners = new Map((partnerIds.length > 0 ? await repos.organizations.getMany(partnerIds) : []).map((p) => [p.id, p]));
  const awardRows = newestAwardsFirst(awards.items).map((award) => {
    return {
      award,
      // 大臣賞（大企業部門）, as the verification page and the public pages name it.
      awardName: `${categoryName(categories, award.categoryCode, member.lang)}${divisionSuffix(divisions, award.divisionCode, member.lang)}`,
      hasBadge: active.some((s) => s.subjectType === 'award' && s.subjectId === award.id),
      partner: award.partnerMunicipalityId ? (partners.get(award.partnerMunicipalityId) ?? null) : null,
    };
  });
  const partneredAwards = (partnered?.items ?? []).filter((a) => a.status !== 'revoked');
  const recipients = new Map((partneredAwards.length > 0 ? await repos.organizations.getMany([...new Set(partneredAwards.map((a) => a.organizationId))]) : []).map((o) => [o.id, o]));
  const partnerRows = newestAwardsFirst(partneredAwards).flatMap((award) => {
    const recipient = recipients.get(award.organizationId);
    return recipient ? [{ award, recipient, awardName: `${categoryName(categories, award.categoryCode, member.lang)}${divisionSuffix(divisions, award.divisionCode, member.lang)}` }] : [];
  });
  const page = <DashboardPage member={member} declarations={all} awards={awardRows} partnerAwards={partnerRows} badged={badged} now={registry.deps.clock.now()} mailed={mailed} problem={problem} done={problem ? undefined : noticeOf(c)} />;
  return problem ? webPage(c, page, 409) : webPage(c, page);
}

export function dashboardRoutes(deps: MyRouteDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const member = memberOf(c);
    if (member instanceof Response) return member;
    return dashboardPage(c, deps, member);
  });
}
