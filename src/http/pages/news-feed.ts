// 新着: an Atom feed (RFC 4287) of the organizations whose declaration was published or who were
// awarded most recently, for newsrooms, municipalities and job sites that follow the registry in a
// feed reader without a partner account (partners have the change feed and webhooks).
import { Hono } from 'hono';
import { escapeXml as xml } from '../../adapters/badge/text-fit.js';
import type { Award, AwardCode, Organization } from '../../domain/model.js';
import type { PortalListing, PortalReader } from '../../ports/portal.js';
import { REGISTRY_NAME } from '../../registry.js';
import type { AppEnv } from '../env.js';
import { badgeSubject } from './badge-alt.js';
import { localHref, type Lang } from './i18n.js';
import { organizationNameIn } from './organization-name.js';

export const NEWS_FEED_PATH = '/feeds/news.atom';
const ENTRIES = 30;

/** An award's day as an instant: the start of that day in Japan. */
const awardedAt = (day: string) => `${day}T00:00:00+09:00`;

/** One piece of news: an organization's declaration published, or an award. */
export interface NewsItem {
  at: string;
  organization: Organization;
  award: Pick<Award, 'id' | 'fiscalYear' | 'categoryCode' | 'divisionCode'> | null;
}

/**
 * The newest `limit` pieces of news. The portal's newest-first list orders organizations by their
 * latest publication or award, so its first `limit` hold every publication among the newest
 * `limit` pieces (each organization above one has news newer than it); the awards come from the
 * newest awards themselves, not only each organization's latest.
 */
export function newestNews(listings: PortalListing[], awards: Awaited<ReturnType<PortalReader['awards']>>, limit: number): NewsItem[] {
  const published: NewsItem[] = listings.flatMap((l) => (l.publishedAt ? [{ at: l.publishedAt, organization: l.organization, award: null }] : []));
  const awarded: NewsItem[] = awards.map((a) => ({ at: awardedAt(a.award.awardedOn), organization: a.organization, award: a.award }));
  return [...published, ...awarded].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, limit);
}

export function newsFeed(lang: Lang, baseUrl: string, news: NewsItem[], categories: AwardCode[], divisions: AwardCode[], now: Date): string {
  const ja = lang === 'ja';
  const entries = news.map(({ at, organization: o, award }) => {
    const name = organizationNameIn(o, lang);
    const what = badgeSubject(lang, categories, divisions, award);
    const title = award ? (ja ? `${name}が${what}を受賞しました` : `${name} received the ${what}`) : ja ? `${name}が地方創生テレワークを自己宣言しました` : `${name} made the telework self-declaration`;
    const page = `${baseUrl}${localHref(`/organizations/${o.id}`, lang)}`;
    return (
      `<entry><title>${xml(title)}</title><link rel="alternate" type="text/html" href="${xml(page)}"/>` +
      `<id>${xml(`${baseUrl}/organizations/${o.id}#${award ? `award-${award.id}` : `published-${at}`}`)}</id><updated>${xml(at)}</updated></entry>`
    );
  });
  const newest = news[0]?.at ?? now.toISOString();
  const self = `${baseUrl}${localHref(NEWS_FEED_PATH, lang)}`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`,
    `<title>${xml(`${REGISTRY_NAME[lang]} ${ja ? '新着（宣言の公表・表彰）' : 'Latest declarations and awards'}`)}</title>`,
    `<link rel="self" type="application/atom+xml" href="${xml(self)}"/>`,
    `<link rel="alternate" type="text/html" href="${xml(`${baseUrl}${localHref('/organizations', lang)}`)}"/>`,
    `<id>${xml(self)}</id>`,
    `<updated>${xml(newest)}</updated>`,
    `<author><name>${xml(REGISTRY_NAME[lang])}</name></author>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

export function newsFeedRoutes({ portal, awardCodes, publicBaseUrl }: { portal: PortalReader; awardCodes: () => Promise<[AwardCode[], AwardCode[]]>; publicBaseUrl: string }) {
  return new Hono<AppEnv>().get(NEWS_FEED_PATH, async (c) => {
    // By the address alone: a feed reader's own language must not change what one address serves.
    const lang: Lang = c.req.query('lang') === 'en' ? 'en' : 'ja';
    // The portal's own lists, kept until the record changes.
    const [{ items }, awards, [categories, divisions]] = await Promise.all([portal.list({ sort: 'recent', offset: 0, limit: ENTRIES }), portal.awards({ limit: ENTRIES }), awardCodes()]);
    return c.body(newsFeed(lang, publicBaseUrl, newestNews(items, awards, ENTRIES), categories, divisions, new Date()), 200, { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
  });
}
