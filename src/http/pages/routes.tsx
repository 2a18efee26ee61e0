// The public pages: verification (/v/{id}, /verify) and the portal (/, /organizations, /awards).
// Server-rendered with hono/jsx, so the same pages run on Node and on Workers.
import { newestAwardsFirst } from '../../domain/awards/labels.js';
import { Hono, type Context } from 'hono';
import { extractFromPng, extractFromSvg, type BakedCredential } from '../../adapters/badge/bake.js';
import { PNG_SIGNATURE } from '../../adapters/badge/png.js';
import { jsonObjectPart } from '../../adapters/crypto/jwt.js';
import { INDUSTRIES, PREFECTURE_CODES } from '../../domain/codes.js';
import { DomainError } from '../../domain/errors.js';
import { japanFiscalYearOf } from '../../domain/fiscal-year.js';
import type { Registry } from '../../registry.js';
import { readBodyBytes } from '../body.js';
import type { AppEnv } from '../env.js';
import { allowOwnScripts, CREDENTIAL_ID_PATTERN, htmlPage, keptPage, LEADING_UUID, pageAnswer, respelledUuid, UUID, wantsJson, type KeptPage } from './http-helpers.js';
import { localHref, pickLang, type Lang } from './i18n.js';
import { badgeEmbedKits, notValidStateOf } from '../routes/badges.js';
import { AwardsPage, HomePage, OrganizationNotFoundPage, OrganizationPage, OrganizationsPage, type DeclarationView, type OrganizationBadge, type OrganizationFilters } from './portal-pages.js';
import { storedCopySignedWithRetiredKey } from './retired-key-copy.js';
import { buildVerificationAnswer, type VerificationAnswer } from './verification-answer.js';
import { UnknownCredentialPage, VerificationPage } from './verification-page.js';
import { VerifyPage, type VerifyError } from './verify-page.js';
import { searchQueryOf } from '../../domain/search-text.js';

/** Uploads and pasted credentials: a baked PNG badge is ~200 KB, a credential a few KB. */
export const MAX_UPLOAD_BYTES = 1024 * 1024;
/** A verification answer is reused this long for the same credential in the same status. */
const ANSWER_TTL_MS = 30_000;
const ANSWER_CACHE_LIMIT = 1000;
const FIRST_AWARD_YEAR = 2021;
/** The portal's list: 20 organizations a page, numbered pages up to this many. */
const PAGE_SIZE = 20;
const MAX_PAGE = 10_000;
const RECENT_AWARDS = 6;
const MAX_AWARDS_LISTED = 2000;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const WHOLE_UUID = new RegExp(`^${UUID}$`, 'i');
/** The credential ID in a path of this registry's verification page or credential. */
const CREDENTIAL_PATH = new RegExp(`^/(?:v|credentials)/(${UUID})(?:/|$)`, 'i');

/**
 * The credential ID named by pasted text: the ID alone, or an address of this registry's
 * verification page or credential (/v/{id}, /credentials/{id}…). Another site's address names none.
 */
function credentialNamedIn(text: string, baseUrl: string): string | null {
  const trimmed = text.trim();
  if (WHOLE_UUID.test(trimmed)) return trimmed.toLowerCase();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/$/, '');
  if (url.host !== base.host || !url.pathname.startsWith(`${basePath}/`)) return null;
  const named = CREDENTIAL_PATH.exec(url.pathname.slice(basePath.length));
  return named ? named[1]!.toLowerCase() : null;
}

/** A page's own address for an ID as issued, with the request's query (?lang=en, a poster's ?utm_source) kept. */
const canonicalPath = (c: Context<AppEnv>, prefix: '/v' | '/organizations', id: string) => `${prefix}/${encodeURIComponent(id)}${new URL(c.req.url).search}`;

const langOf = (c: Context<AppEnv>): Lang => pickLang(c.req.query('lang'), c.req.header('accept-language'));

/** A credential names at least one of these (`vc`: a VC 1.1 JWT's claim); JSON with none of them is something else pasted by mistake. */
const CREDENTIAL_MEMBERS = ['@context', 'type', 'issuer', 'credentialSubject', 'proof', 'vc'];

/** Could this JSON object be a credential (its checks then say what is wrong with it)? */
const namesCredential = (value: Record<string, unknown> | undefined): value is Record<string, unknown> => !!value && CREDENTIAL_MEMBERS.some((member) => member in value);

/** Pasted JSON that could be a credential, or null. */
function credentialObject(json: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value) && namesCredential(value as Record<string, unknown>) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The credential named in a paste: JSON, a compact JWT, or a pasted SVG. Text that is no credential
 * at all ({"a":1}, a JWT whose payload is not a credential's JSON) is null, so the form says it
 * cannot be read: verifying it would say 「確認できません…改ざんされたか」 of what has neither a
 * signature nor an issuer.
 */
function parsePasted(text: string): { input: BakedCredential | 'presentation' | null; inPresentation?: true } {
  const trimmed = text.trim();
  if (COMPACT_JWS.test(trimmed)) {
    const payload = jsonObjectPart(trimmed.split('.')[1]!);
    const presentation = presentationOf(payload);
    if (presentation) return { input: credentialHeldBy(presentation), inPresentation: true };
    return { input: namesCredential(payload) ? trimmed : null };
  }
  if (trimmed.startsWith('<')) return { input: extractFromSvg(trimmed) };
  const object = credentialObject(trimmed);
  const presentation = presentationOf(object ?? undefined);
  return presentation ? { input: credentialHeldBy(presentation), inPresentation: true } : { input: object };
}

/** A presentation (JSON, a vp+jwt's payload, or a VC 1.1 JWT's `vp` claim), or null. */
function presentationOf(value: Record<string, unknown> | undefined): Record<string, unknown> | null {
  const vp = value && value.vp !== null && typeof value.vp === 'object' && !Array.isArray(value.vp) ? (value.vp as Record<string, unknown>) : value;
  const type = vp?.type;
  return vp && (type === 'VerifiablePresentation' || (Array.isArray(type) && type.includes('VerifiablePresentation'))) ? vp : null;
}

const ENVELOPED_JWT = 'data:application/vc+jwt,';

/**
 * A wallet's export is a presentation around the badge: its one credential is what the person
 * means to check (its own signature and status say whether it holds; the holder's proof is not
 * what this page answers). Holding none or several, the person is asked to paste one.
 */
function credentialHeldBy(presentation: Record<string, unknown>): BakedCredential | 'presentation' {
  const held = presentation.verifiableCredential;
  const list = Array.isArray(held) ? held : held === undefined ? [] : [held];
  if (list.length !== 1) return 'presentation';
  const [one] = list;
  const enveloped = one !== null && typeof one === 'object' && typeof (one as Record<string, unknown>).id === 'string' && ((one as Record<string, unknown>).id as string).startsWith(ENVELOPED_JWT);
  const text = typeof one === 'string' ? one : enveloped ? ((one as Record<string, unknown>).id as string).slice(ENVELOPED_JWT.length) : null;
  if (text !== null) return COMPACT_JWS.test(text) && namesCredential(jsonObjectPart(text.split('.')[1]!)) ? text : 'presentation';
  return one !== null && typeof one === 'object' && !Array.isArray(one) && namesCredential(one as Record<string, unknown>) ? (one as Record<string, unknown>) : 'presentation';
}

/** The credential baked into an uploaded image, by its content (never by its claimed type or name). */
function parseUpload(bytes: Uint8Array): BakedCredential | null {
  if (bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return extractFromPng(bytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return /<svg[\s>]/.test(text) ? extractFromSvg(text) : null;
}

const UPLOAD_ERRORS = {
  tooLarge: { ja: 'ファイルまたは貼り付けた内容が大きすぎます（1 MB まで）。', en: 'The file or pasted text is too large (1 MB at most).' },
  empty: { ja: 'バッジ画像を選ぶか、クレデンシャルを貼り付けてください。', en: 'Choose a badge image or paste a credential.' },
  noCredential: {
    ja: 'この画像にはクレデンシャルが埋め込まれていません。登録簿からダウンロードしたバッジ画像を選んでください。',
    en: 'No credential is baked into this image. Choose a badge image downloaded from the registry.',
  },
  unreadable: { ja: '貼り付けた内容をクレデンシャル（JSON または JWT）として読み取れません。', en: 'The pasted text cannot be read as a credential (JSON or JWT).' },
  presentation: {
    ja: '貼り付けた内容はプレゼンテーション（提示）です。中のクレデンシャルを1件ずつ貼り付けてください。',
    en: 'The pasted text is a presentation. Paste the credentials inside it one at a time.',
  },
  malformed: { ja: 'フォームの送信内容を読み取れません。', en: 'The form submission cannot be read.' },
} as const;

/**
 * The field each refusal is about, for its link and aria-invalid: nothing given is the file
 * picker's (the form's first field); too large may be either, and a malformed post neither.
 */
const UPLOAD_ERROR_FIELDS: Record<keyof typeof UPLOAD_ERRORS, VerifyError['field']> = {
  tooLarge: null,
  empty: 'file',
  noCredential: 'file',
  unreadable: 'credential',
  presentation: 'credential',
  malformed: null,
};

/**
 * The next instant a credential's answer turns by its dates alone, with no status change to key a
 * new one: valid from validFrom, expired just after validUntil (its last valid instant). An answer
 * is reused no longer, so /v says 期限切れ from 00:00 JST after the last day, not up to
 * ANSWER_TTL_MS later. Infinity when neither lies ahead.
 */
function nextTurnOf(stored: { validFrom: string; validUntil: string | null }, now: Date): number {
  const turns = [Date.parse(stored.validFrom), stored.validUntil ? Date.parse(stored.validUntil) + 1 : NaN];
  return Math.min(...turns.filter((t) => t > now.getTime()));
}

export function pageRoutes({ registry, renderPng }: { registry: Registry; renderPng?: unknown }) {
  const { repos } = registry.deps;
  // The last year the year filters take: a year not yet begun can hold no award (checkAward refuses
  // it), counted in Japan as checkAward counts it (from 1 April 00:00 JST, not UTC).
  const thisFiscalYear = () => japanFiscalYearOf(registry.deps.clock.now());
  const answers = new Map<string, { answer: VerificationAnswer; until: number }>();
  /** Rendered pages, valid exactly as long as the answer they show is the one cached. */
  const pages = new Map<string, { answer: VerificationAnswer; document: KeptPage }>();

  /** Real verification of the stored Data Integrity credential, reused briefly for the same status. */
  async function answerFor(id: string, status: string): Promise<VerificationAnswer | null> {
    const now = registry.deps.clock.now();
    const hit = answers.get(`${id}:${status}`);
    if (hit && hit.until > now.getTime()) return hit.answer;
    const stored = await registry.credentials.get(id);
    if (!stored) return null;
    const key = `${stored.id}:${stored.status}`;
    const outcome = await registry.credentials.verify(JSON.parse(stored.dataIntegrity), now);
    const answer = await buildVerificationAnswer({ registry, outcome, record: stored, now });
    if (answers.size >= ANSWER_CACHE_LIMIT) answers.delete(answers.keys().next().value!);
    answers.set(key, { answer, until: Math.min(now.getTime() + ANSWER_TTL_MS, nextTurnOf(stored, now)) });
    return answer;
  }

  /** Reads the verify form defensively: size first, then the multipart body from the bytes read. */
  async function readVerifyForm(
    c: Context<AppEnv>,
  ): Promise<{ input: BakedCredential | null; pasted: string; fileName?: string; inPresentation?: true; error?: keyof typeof UPLOAD_ERRORS }> {
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      // The file or paste plus room for the multipart framing; reading stops there.
      bytes = await readBodyBytes(c, MAX_UPLOAD_BYTES + 64 * 1024);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'too-large') return { input: null, pasted: '', error: 'tooLarge' };
      throw error;
    }
    let form: FormData;
    try {
      form = await new Response(bytes, { headers: { 'content-type': c.req.header('content-type') ?? '' } }).formData();
    } catch {
      return { input: null, pasted: '', error: 'malformed' };
    }
    const file = form.get('file');
    const pasted = typeof form.get('credential') === 'string' ? (form.get('credential') as string) : '';
    if (file && typeof file !== 'string' && file.size > 0) {
      if (file.size > MAX_UPLOAD_BYTES) return { input: null, pasted: '', error: 'tooLarge' };
      const input = parseUpload(new Uint8Array(await file.arrayBuffer()));
      return input ? { input, pasted: '', fileName: file.name } : { input: null, pasted: '', error: 'noCredential' };
    }
    if (pasted.trim() === '') return { input: null, pasted, error: 'empty' };
    if (pasted.length > MAX_UPLOAD_BYTES) return { input: null, pasted: '', error: 'tooLarge' };
    const { input, inPresentation } = parsePasted(pasted);
    if (input === 'presentation') return { input: null, pasted, error: 'presentation' };
    return input ? { input, pasted, ...(inPresentation ? { inPresentation } : {}) } : { input: null, pasted, error: 'unreadable' };
  }

  return new Hono<AppEnv>()
    .get('/v/:id', async (c) => {
      const lang = langOf(c);
      const id = c.req.param('id');
      // A badge ID in another spelling is the same badge: its own address, not
      // 「登録されていません…偽物の可能性があります」 about a genuine one.
      const respelled = respelledUuid(id);
      if (respelled) return c.redirect(canonicalPath(c, '/v', respelled), 301);
      // The status is read on every request (cheap); everything else is reused while it stays the same.
      const status = CREDENTIAL_ID_PATTERN.test(id) ? await registry.credentials.statusOf(id) : null;
      const answer = status ? await answerFor(id, status) : null;
      if (!answer) {
        const asOf = registry.deps.clock.now();
        if (wantsJson(c)) {
          return c.json(
            {
              verdict: 'unknown',
              verdictLabel: { ja: '登録されていません', en: 'Not in the registry' },
              explanation: { ja: 'このバッジは登録簿にありません。偽物の可能性があります。', en: 'This badge is not in the registry. It may be fake.' },
              valid: false,
              asOf: asOf.toISOString(),
              credentialId: id,
            },
            404,
            { Vary: 'Accept, Accept-Language' },
          );
        }
        return htmlPage(c, <UnknownCredentialPage lang={lang} path={c.req.path} credentialId={id} asOf={asOf} malformed={!LEADING_UUID.test(id)} />, 404);
      }
      if (wantsJson(c)) return c.json(answer, 200, { Vary: 'Accept, Accept-Language', 'Cache-Control': 'no-cache' });
      const pageKey = `${id}:${status}:${lang}:${c.req.path}`;
      let page = pages.get(pageKey);
      if (page?.answer !== answer) {
        page = { answer, document: await keptPage(c, <VerificationPage answer={answer} lang={lang} path={c.req.path} pngBadge={!!renderPng} />) };
        if (pages.size >= ANSWER_CACHE_LIMIT) pages.delete(pages.keys().next().value!);
        pages.set(pageKey, page);
      }
      return pageAnswer(c, page.document);
    })
    .get('/verify', async (c) => allowOwnScripts(await htmlPage(c, <VerifyPage lang={langOf(c)} />)))
    .post('/verify', async (c) => {
      const lang = langOf(c);
      const { input, pasted, fileName, inPresentation, error } = await readVerifyForm(c);
      // The badge's address or its ID (both printed on the badge) pasted instead of a credential:
      // that badge's verification page, not 「クレデンシャルとして読み取れません」.
      const named = error === 'unreadable' ? credentialNamedIn(pasted, registry.identity.baseUrl) : null;
      if (named) return c.redirect(localHref(`/v/${named}`, lang), 303);
      if (error || input === null) {
        const status = error === 'tooLarge' ? 413 : 400;
        const kind = error ?? 'unreadable';
        return allowOwnScripts(await htmlPage(c, <VerifyPage lang={lang} pasted={pasted} error={{ text: UPLOAD_ERRORS[kind][lang], field: UPLOAD_ERROR_FIELDS[kind] }} />, status));
      }
      const now = registry.deps.clock.now();
      const outcome = await registry.credentials.verify(input, now);
      const record = outcome.registryId ? await registry.credentials.get(outcome.registryId) : await storedCopySignedWithRetiredKey(registry, outcome, input);
      const answer = await buildVerificationAnswer({ registry, outcome, record, now });
      if (wantsJson(c)) return c.json(answer);
      return allowOwnScripts(await htmlPage(c, <VerifyPage lang={lang} pasted={pasted} answer={answer} checked={fileName !== undefined ? { file: fileName } : { text: pasted, ...(inPresentation ? { inPresentation } : {}) }} />));
    })
    .get('/', async (c) => {
      const [categories, figures, recentAwards] = await Promise.all([repos.awards.categories(), registry.portal.figures(), registry.portal.awards({ limit: RECENT_AWARDS })]);
      return htmlPage(c, <HomePage lang={langOf(c)} categories={categories} figures={figures} recentAwards={recentAwards} />);
    })
    .get('/organizations', async (c) => {
      const lang = langOf(c);
      const query = (name: string) => {
        const value = c.req.query(name)?.trim();
        return value ? value : undefined;
      };
      const [years, categories] = await Promise.all([registry.portal.awardYears(), repos.awards.categories()]);
      // Unknown filter values are dropped rather than refused: a person gets results, not a 400.
      const year = Number(query('awardYear'));
      const kind = query('kind');
      const filters: OrganizationFilters = {
        q: searchQueryOf(query('q')),
        kind: kind === 'company' || kind === 'municipality' || kind === 'other' ? kind : undefined,
        prefectureCode: PREFECTURE_CODES.includes(query('prefectureCode') ?? '') ? query('prefectureCode') : undefined,
        industryCode: Object.hasOwn(INDUSTRIES, query('industryCode') ?? '') ? query('industryCode') : undefined,
        // Any plausible year (an old link still filters, to none); the select offers the years with awards.
        awardYear: Number.isInteger(year) && year >= FIRST_AWARD_YEAR && year <= thisFiscalYear() ? year : undefined,
        awardCategory: categories.some((k) => k.code === query('awardCategory')) ? query('awardCategory') : undefined,
      };
      const sort = query('sort') === 'name' ? 'name' : 'recent';
      // A page number that is not a whole number from 1 is refused (400, as the partner API refuses a
      // bad limit), a page past the last is not found (404): each page says so and links to the
      // first and last page, rather than showing page 1 under another page's address.
      const pageParam = query('page');
      // Digits, not all zeros: a page number of any size (a huge one is past the end, not malformed).
      const wellFormed = pageParam === undefined || /^\d*[1-9]\d*$/.test(pageParam);
      const requested = pageParam === undefined ? 1 : Number(pageParam);
      const read = (n: number) =>
        registry.portal.list({ ...filters, sort: sort === 'name' ? (lang === 'en' ? 'name-en' : 'name') : 'recent', offset: (n - 1) * PAGE_SIZE, limit: PAGE_SIZE });
      const result = await read(wellFormed && requested <= MAX_PAGE ? requested : 1);
      const lastPage = Math.min(MAX_PAGE, Math.max(1, Math.ceil(result.total / PAGE_SIZE)));
      const pageProblem = !wellFormed ? 'invalid' : requested > lastPage ? 'past-end' : undefined;
      const page = pageProblem ? 1 : requested;
      const params = { ...filters, sort: sort === 'recent' ? undefined : sort };
      const searched = Object.values(filters).some((v) => v !== undefined);
      return htmlPage(
        c,
        <OrganizationsPage
          lang={lang}
          filters={filters}
          categories={categories}
          years={filters.awardYear !== undefined && !years.includes(filters.awardYear) ? [...years, filters.awardYear].sort((a, b) => b - a) : years}
          listings={pageProblem ? [] : result.items}
          total={result.total}
          page={page}
          pageSize={PAGE_SIZE}
          sort={sort}
          hrefFor={(n) => localHref('/organizations', lang, { ...params, page: n > 1 ? n : undefined })}
          searched={searched}
          otherLangHref={localHref('/organizations', lang === 'ja' ? 'en' : 'ja', { ...params, page: pageProblem ? pageParam : page > 1 ? page : undefined })}
          pageProblem={pageProblem}
          lastPage={lastPage}
        />,
        pageProblem === 'invalid' ? 400 : pageProblem ? 404 : 200,
      );
    })
    .get('/organizations/:id', async (c) => {
      const lang = langOf(c);
      // Organization IDs are UUIDs too: a link a mail program spelled otherwise leads to the page, not to 「団体が見つかりません」.
      const respelled = respelledUuid(c.req.param('id'));
      if (respelled) return c.redirect(canonicalPath(c, '/organizations', respelled), 301);
      const organization = await repos.organizations.get(c.req.param('id'));
      if (!organization || !organization.listed) return htmlPage(c, <OrganizationNotFoundPage lang={lang} />, 404);
      const [declarations, awards, categories, divisions] = await Promise.all([
        repos.declarations.listByOrganization(organization.id),
        repos.awards.search({ organizationId: organization.id, limit: 100 }),
        repos.awards.categories(),
        repos.awards.divisions(),
      ]);
      // Each declaration or award links its live credential (or its last one, which the page will call revoked or expired).
      const credentials = await registry.credentials.listByOrganization(organization.id);
      const liveCredential = (type: 'declaration' | 'award', id: string) => {
        const own = credentials.filter((k) => k.subjectType === type && k.subjectId === id).sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
        return (own.find((k) => k.status === 'active' || k.status === 'suspended') ?? own[0])?.id ?? null;
      };
      // As the public sees each (publicView): its last published content, never one that was not
      // published; a renewal after expiry under review reads as expired, with 更新を審査中.
      const declarationViews: DeclarationView[] = [];
      const suspendedAt = await registry.declarations.suspendedAt(declarations);
      const timelines = await registry.declarationHistory.timelines(declarations.map((d) => d.id));
      for (const declaration of declarations) {
        const shown = await registry.declarations.publicView(declaration);
        if (shown) declarationViews.push({ ...shown, credentialId: liveCredential('declaration', declaration.id), suspendedAt: suspendedAt.get(declaration.id) ?? null, timeline: timelines.get(declaration.id) ?? [] });
      }
      // Their partner municipalities (連携自治体), named with each award whether or not they are listed.
      const shownAwards = newestAwardsFirst(awards.items).filter((a) => a.status !== 'revoked');
      const partnerIds = [...new Set(shownAwards.flatMap((a) => (a.partnerMunicipalityId ? [a.partnerMunicipalityId] : [])))];
      const partners = new Map((partnerIds.length > 0 ? await repos.organizations.getMany(partnerIds) : []).map((p) => [p.id, p]));
      const awardViews = shownAwards.map((award) => ({ award, credentialId: liveCredential('award', award.id), partner: award.partnerMunicipalityId ? (partners.get(award.partnerMunicipalityId) ?? null) : null }));
      // Its badges now: each live credential (valid, or suspended and shown so), the declaration's first.
      const statusOf = new Map(credentials.map((k) => [k.id, k.status]));
      const now = registry.deps.clock.now();
      const held = (id: string | null) => !!id && (statusOf.get(id) === 'suspended' || (statusOf.get(id) === 'active' && !notValidStateOf(credentials.find((k) => k.id === id)!, now)));
      const badges: OrganizationBadge[] = [
        ...declarationViews.filter((v) => held(v.credentialId)).map((v) => ({ credentialId: v.credentialId!, kind: 'declaration' as const, suspended: statusOf.get(v.credentialId!) === 'suspended' })),
        ...awardViews.filter((v) => held(v.credentialId)).map((v) => ({ credentialId: v.credentialId!, kind: 'award' as const, award: v.award, suspended: statusOf.get(v.credentialId!) === 'suspended' })),
      ];
      // The embed snippet's copy button is /assets/copy.js: the page allows its own scripts.
      const badgeKits = badgeEmbedKits(credentials, registry.identity.baseUrl, now, lang);
      return allowOwnScripts(await htmlPage(c, <OrganizationPage lang={lang} organization={organization} declarations={declarationViews} awards={awardViews} categories={categories} divisions={divisions} badgeKits={badgeKits} pngBadge={!!renderPng} badges={badges} />));
    })
    .get('/awards', async (c) => {
      const lang = langOf(c);
      const requested = Number(c.req.query('fiscalYear'));
      // Any plausible year may be asked for (an old link); only years with awards are offered.
      const selectedYear = Number.isInteger(requested) && requested >= FIRST_AWARD_YEAR && requested <= thisFiscalYear() ? requested : undefined;
      const [years, awards, categories, divisions] = await Promise.all([
        registry.portal.awardYears(),
        registry.portal.awards({ fiscalYear: selectedYear, limit: MAX_AWARDS_LISTED }),
        repos.awards.categories(),
        repos.awards.divisions(),
      ]);
      const order = (code: string) => categories.find((k) => k.code === code)?.sortOrder ?? 1e9;
      // Each year's 大臣賞 first, then 優秀賞 and any others, by the categories' own order.
      const groups = [...new Set(awards.map(({ award }) => award.fiscalYear))]
        .sort((a, b) => b - a)
        .map((fiscalYear) => ({
          fiscalYear,
          items: awards.filter(({ award }) => award.fiscalYear === fiscalYear).sort((a, b) => order(a.award.categoryCode) - order(b.award.categoryCode)),
        }));
      return htmlPage(c, <AwardsPage lang={lang} years={years} selectedYear={selectedYear} groups={groups} categories={categories} divisions={divisions} />);
    });
}
