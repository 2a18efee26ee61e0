// Everything a person sees rather than a program: pages, images and their assets, mounted by
// createApp with one line.
import { Hono } from 'hono';
import { assetRoutes } from '../assets/routes.js';
import type { AppEnv } from '../env.js';
import { achievementRoutes } from './achievement-routes.js';
import { badgeRoutes, type BadgeRouteDeps } from '../routes/badges.js';
import { checkRoutes } from './check-routes.js';
import { crawlerRoutes } from './crawlers.js';
import { newsFeedRoutes } from './news-feed.js';
import { pageRoutes } from './routes.js';
import { guideRoutes } from './guide-page.js';
import { privacyRoutes, retentionPeriodsOf } from './privacy-page.js';
import { publicStatisticsRoutes } from './statistics-page.js';

export function publicSiteRoutes(deps: BadgeRouteDeps) {
  return new Hono<AppEnv>()
    .route('/', assetRoutes())
    .route('/', badgeRoutes(deps))
    .route('/', pageRoutes(deps))
    .route('/', achievementRoutes(deps.registry))
    .route('/', checkRoutes(deps.registry))
    .route('/', publicStatisticsRoutes(deps.registry))
    .route('/', privacyRoutes(retentionPeriodsOf(deps.registry)))
    .route('/', guideRoutes(deps.registry))
    .route('/', crawlerRoutes({ portal: deps.registry.portal, publicBaseUrl: deps.publicBaseUrl }))
    .route('/', newsFeedRoutes({ portal: deps.registry.portal, awardCodes: () => Promise.all([deps.registry.deps.repos.awards.categories(), deps.registry.deps.repos.awards.divisions()]), publicBaseUrl: deps.publicBaseUrl }));
}
