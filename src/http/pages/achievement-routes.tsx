// GET /achievements/…: the Open Badges Achievement addresses every credential names (open-badge.ts
// DECLARATION_ACHIEVEMENT_PATH, AWARD_ACHIEVEMENT_PATH). A person opening one from a wallet gets a
// page (achievement-pages.tsx); a program (Accept: application/json or application/ld+json) gets
// the Achievement as the credentials embed it, under their @context. An address no credential
// can name is 404: the site's page for a browser, problem+json naming the segment for a program.
import { Hono, type Context } from 'hono';
import { AWARD_ACHIEVEMENT_PATH, credentialContext, DECLARATION_ACHIEVEMENT_PATH, declarationAchievement } from '../../domain/credentials/open-badge.js';
import { sha256Hex } from '../../domain/encoding.js';
import { DomainError } from '../../domain/errors.js';
import { formatFiscalYearJa, japanFiscalYearOf } from '../../domain/fiscal-year.js';
import type { AwardCode } from '../../domain/model.js';
import { AWARD_FISCAL_YEARS } from '../../domain/services/awards.js';
import type { Registry } from '../../registry.js';
import { ifNoneMatchHits } from '../conditional.js';
import type { AppEnv } from '../env.js';
import { problemOf } from '../problem.js';
import { awardAchievement, type Achievement } from './achievement-definitions.js';
import { AwardAchievementPage, DeclarationAchievementPage } from './achievement-pages.js';
import { htmlPage, keptPage, pageAnswer, wantsJson } from './http-helpers.js';
import { pickLang, type Lang } from './i18n.js';
import { NotFoundPage } from './not-found-page.js';

/** An achievement changes only when a category or division is renamed: an hour's reuse, then the ETag revalidates. */
const CACHE_CONTROL = 'public, max-age=3600';
/** Awards of one year and category read a page at a time while looking for a division's. */
const AWARDS_READ = 500;

type Json = Record<string, unknown>;

/** The answer with a validator from the digest of its bytes: If-None-Match naming it answers 304. */
function cacheable(c: Context<AppEnv>, variant: string, digest: string, respond: () => Response): Response {
  // Weak: the answer to a browser preferring English may have lang=ja written onto its links (chosen-japanese.ts).
  // The variant (the media type sent) keeps the same JSON as application/json and as ld+json apart.
  const etag = `W/"a-${variant}-${digest}"`;
  const headers = { ETag: etag, 'Cache-Control': CACHE_CONTROL, Vary: 'Accept, Accept-Language' };
  if (ifNoneMatchHits(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
  const response = respond();
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

async function answer(c: Context<AppEnv>, achievement: Achievement, page: (lang: Lang, path: string) => unknown): Promise<Response> {
  if (wantsJson(c)) {
    const text = JSON.stringify({ '@context': credentialContext(), ...achievement });
    const type = /application\/ld\+json/i.test(c.req.header('accept') ?? '') ? 'application/ld+json' : 'application/json';
    return cacheable(c, type === 'application/json' ? 'json' : 'ld', (await sha256Hex(text)).slice(0, 32), () => c.body(text, 200, { 'Content-Type': type }));
  }
  const lang = pickLang(c.req.query('lang'), c.req.header('accept-language'));
  const document = await keptPage(c, page(lang, new URL(c.req.url).pathname) as never);
  // The kept page was digested once already (keptPage): its tag's digest, not a second SHA-256.
  return cacheable(c, 'html', document.etag.replace(/"/g, ''), () => pageAnswer(c, document));
}

async function unknown(c: Context<AppEnv>, publicBaseUrl: string, field: string, message: { ja: string; en: string }): Promise<Response> {
  if (!wantsJson(c)) {
    const lang = pickLang(c.req.query('lang'), c.req.header('accept-language'));
    return htmlPage(c, <NotFoundPage lang={lang} path={new URL(c.req.url).pathname} />, 404);
  }
  const error = new DomainError('not-found', `表彰の達成（Achievement）が見つかりません。${message.ja}`, `Award achievement not found. ${message.en}`, [{ field, ...message }]);
  const { status, body } = problemOf(error, { baseUrl: publicBaseUrl, instance: c.req.path, requestId: c.var.requestId });
  return c.json(body, status, { 'Content-Type': 'application/problem+json', Vary: 'Accept, Accept-Language' });
}

export function achievementRoutes(registry: Registry) {
  const baseUrl = registry.identity.baseUrl;
  const { repos } = registry.deps;
  const declaration = declarationAchievement(baseUrl);

  /**
   * Which of an award year and category's are recorded (any status: a revoked award's badge still
   * names its achievement): any at all, and any of the division.
   */
  async function recorded(fiscalYear: number, categoryCode: string, divisionCode: string | null): Promise<{ any: boolean; ofDivision: boolean }> {
    let any = false;
    let cursor: string | null = null;
    do {
      const page = await repos.awards.search({ fiscalYear, categoryCode, limit: AWARDS_READ, cursor });
      any ||= page.items.length > 0;
      if (page.items.some((a) => divisionCode === null || a.divisionCode === divisionCode)) return { any, ofDivision: true };
      cursor = page.nextCursor;
    } while (cursor);
    return { any, ofDivision: false };
  }

  async function award(c: Context<AppEnv>): Promise<Response> {
    const [yearText, categoryCode, divisionCode = null] = [c.req.param('fiscalYear')!, c.req.param('category')!, c.req.param('division') ?? null];
    const lastYear = japanFiscalYearOf(registry.deps.clock.now());
    const fiscalYear = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || fiscalYear < AWARD_FISCAL_YEARS.min || fiscalYear > lastYear) {
      return unknown(c, baseUrl, 'fiscalYear', { ja: `年度は ${AWARD_FISCAL_YEARS.min}〜${lastYear} の西暦4桁です。`, en: `The fiscal year is a 4-digit year from ${AWARD_FISCAL_YEARS.min} to ${lastYear}.` });
    }
    const [categories, divisions] = await Promise.all([repos.awards.categories(), repos.awards.divisions()]);
    const category = categories.find((k) => k.code === categoryCode);
    if (!category) return unknown(c, baseUrl, 'category', { ja: `「${categoryCode}」という賞はありません。`, en: `There is no award category "${categoryCode}".` });
    let division: AwardCode | null = null;
    if (divisionCode !== null) {
      division = divisions.find((k) => k.code === divisionCode) ?? null;
      if (!division) return unknown(c, baseUrl, 'division', { ja: `「${divisionCode}」という部門はありません。`, en: `There is no award division "${divisionCode}".` });
    }
    const found = await recorded(fiscalYear, category.code, division?.code ?? null);
    if (!found.any) {
      return unknown(c, baseUrl, 'fiscalYear', { ja: `${formatFiscalYearJa(fiscalYear)}の${category.nameJa}は記録されていません。`, en: `No ${category.nameEn} is recorded for FY${fiscalYear}.` });
    }
    if (!found.ofDivision) {
      return unknown(c, baseUrl, 'division', {
        ja: `${formatFiscalYearJa(fiscalYear)}の${category.nameJa}（${division!.nameJa}）は記録されていません。`,
        en: `No ${category.nameEn} (${division!.nameEn}) is recorded for FY${fiscalYear}.`,
      });
    }
    const achievement: Json = awardAchievement(baseUrl, fiscalYear, category, division);
    return answer(c, achievement, (lang, path) => <AwardAchievementPage lang={lang} path={path} achievement={achievement} fiscalYear={fiscalYear} category={category} division={division} />);
  }

  return new Hono<AppEnv>()
    .get(DECLARATION_ACHIEVEMENT_PATH, (c) => answer(c, declaration, (lang, path) => <DeclarationAchievementPage lang={lang} path={path} achievement={declaration} />))
    .get(`${AWARD_ACHIEVEMENT_PATH}:fiscalYear/:category`, award)
    .get(`${AWARD_ACHIEVEMENT_PATH}:fiscalYear/:category/:division`, award);
}
