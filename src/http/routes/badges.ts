// Images of a credential: QR codes and badges (SVG, and PNG where a renderer is given), baked
// with the signed credential (Open Badges 3.0 §5.3), plus the logo, the JWT form and an embed
// snippet. Rendered images are cached in memory by credential, status and signing key (a status
// change or a re-issue makes a new key) and served with a content ETag.
import { Hono, type Context } from 'hono';
import { badgeSvg, compactBadgeSvg, notValidBadgeSvg, type BadgeInput, type NotValidState } from '../../adapters/badge/badge-svg.js';
import { bakePng, bakeSvg } from '../../adapters/badge/bake.js';
import { badgeEmbedHtml } from '../../adapters/badge/embed.js';
import { LOGO_SVG } from '../../adapters/badge/logo.js';
import { QR_QUIET_ZONE, qrMatrix, qrPng, qrSvg } from '../../adapters/qr/qr.js';
import { formatFiscalYearJa, japanFiscalYearOf } from '../../domain/fiscal-year.js';
import type { StoredCredential } from '../../ports/credential-store.js';
import { readCredentialClaims } from '../../domain/credentials/claims.js';
import { REGISTRY_NAME, type Registry } from '../../registry.js';
import type { AppEnv } from '../env.js';
import { ifNoneMatchHits } from '../conditional.js';
import { CREDENTIAL_ID_PATTERN, IMAGE_CSP, problemResponse } from '../pages/http-helpers.js';
import { sha256Hex } from '../../domain/encoding.js';
import { invalid } from '../../domain/errors.js';
import { withdrawnByOrganization } from '../../domain/credentials/withdrawal.js';

/** SVG → PNG; on Node resvg with bundled Japanese fonts. Absent on Workers (no native renderer). */
export type PngRenderer = (svg: string, options: { width: number }) => Promise<Uint8Array>;

export interface BadgeRouteDeps {
  registry: Registry;
  publicBaseUrl: string;
  renderPng?: PngRenderer;
}

/** Badge PNGs at twice the SVG's size, so they stay sharp on print and high-DPI screens. */
const BADGE_PNG_WIDTH = 1280;
const COMPACT_PNG_WIDTH = 640;
/** A not-valid card may turn valid again (a suspension is lifted): cached briefly, anywhere. */
const NOT_VALID_CACHE = 'public, max-age=60, must-revalidate';
const CACHE_LIMIT = 256;

interface Rendered {
  body: Uint8Array | string;
  contentType: string;
  etag: string;
}

type Json = Record<string, any>;

/** What the card says, read from the signed credential itself. */
export function badgeInputOf(stored: StoredCredential, baseUrl: string): BadgeInput {
  const credential = JSON.parse(stored.dataIntegrity) as Json;
  // Either credential shape the registry has issued (src/domain/credentials/claims.ts).
  const claims = readCredentialClaims(credential);
  const verificationUrl = `${baseUrl}/v/${stored.id}`;
  const corporateNumber = claims.organization?.corporateNumber;
  // A municipality is identified by its 地方公共団体コード, not a 法人番号.
  const localGovernmentCode = claims.organization?.localGovernmentCode ?? null;
  const common = {
    organizationName: claims.organization?.name ?? '',
    ...(claims.organization?.nameEn ? { organizationNameEn: claims.organization.nameEn } : {}),
    ...(localGovernmentCode ? { localGovernmentCode } : corporateNumber ? { corporateNumber } : {}),
    ...(stored.validUntil ? { validUntil: stored.validUntil } : {}),
    credentialId: stored.id,
    verificationUrl,
    qrSvg: qrSvg(verificationUrl),
    issuerName: REGISTRY_NAME.ja,
    issuerNameEn: REGISTRY_NAME.en,
  };
  const award = claims.award;
  if (award) {
    const { fiscalYear, division } = award;
    const yearJa = formatFiscalYearJa(fiscalYear);
    // Two 大臣賞 of one year differ by their division (部門): named as the credential's own name and the verification page name it.
    return {
      ...common,
      kind: 'award',
      headlineJa: `${yearJa} 地方創生テレワーク表彰 ${award.category.ja}${division ? `（${division.ja}）` : ''}`.trim(),
      headlineEn: `FY${fiscalYear} Regional Revitalization Telework Award — ${award.category.en || award.categoryCode || ''}${division ? ` (${division.en})` : ''}`,
      fiscalYearLabel: yearJa,
      awardCategory: { code: award.categoryCode, ja: award.category.ja, en: award.category.en },
      ...(award.awardedOn ? { awardedOn: award.awardedOn } : {}),
    };
  }
  if (claims.kind === 'declaration') {
    return {
      ...common,
      kind: 'declaration',
      headlineJa: '地方創生テレワーク 自己宣言',
      headlineEn: 'Regional Revitalization Telework — Self-declaration',
      // The declaration's own date (宣言日); the fiscal year of publication misled readers.
      ...(claims.declaration?.committedOn ? { declaredOn: claims.declaration.committedOn } : { fiscalYearLabel: formatFiscalYearJa(japanFiscalYearOf(new Date(stored.validFrom))) }),
    };
  }
  // Credentials issued through the VC-API carry whatever name the secretariat gave them.
  return { ...common, kind: 'declaration', headlineJa: String(credential.name ?? 'Open Badge'), headlineEn: String(credential.nameEn ?? credential.name ?? 'Open Badge') };
}

/** Why a credential's badge is not currently valid, or null when it is (an active one past validUntil has expired). */
export function notValidStateOf(stored: StoredCredential, now: Date): NotValidState | null {
  if (stored.status !== 'active') return stored.status;
  return stored.validUntil && Date.parse(stored.validUntil) < now.getTime() ? 'expired' : null;
}

/** What the organization's public page offers for one currently valid credential. */
export interface BadgeEmbedKit {
  credentialId: string;
  /** The compact card's snippet: readable where sites place badges (sidebars 240–320 px wide). */
  embedHtml: string;
  verificationUrl: string;
  alt: string;
}

/** Embed kits of an organization's currently valid credentials, by credential id. */
export function badgeEmbedKits(credentials: StoredCredential[], baseUrl: string, now: Date, lang: 'ja' | 'en' = 'ja'): Record<string, BadgeEmbedKit> {
  const kits: Record<string, BadgeEmbedKit> = {};
  for (const stored of credentials) {
    if (notValidStateOf(stored, now)) continue;
    const input = badgeInputOf(stored, baseUrl);
    kits[stored.id] = {
      credentialId: stored.id,
      embedHtml: badgeEmbedHtml({
        badgeImageUrl: `${baseUrl}/credentials/${stored.id}/badge.svg?size=compact`, verificationUrl: input.verificationUrl,
        organizationName: input.organizationName, headlineJa: input.headlineJa, compact: true,
        lang, organizationNameEn: input.organizationNameEn, headlineEn: input.headlineEn,
      }),
      verificationUrl: input.verificationUrl,
      alt: `${input.organizationName} ${input.headlineJa}`,
    };
  }
  return kits;
}

const badgeSizeInvalid = () =>
  invalid([{ field: 'size', ja: 'size には compact のみ指定できます（省略すると標準サイズ）。', en: 'size may only be "compact" (omit it for the full-size badge).' }]);

const qrSizeInvalid = () =>
  invalid([{ field: 'size', ja: 'size は 64〜2400 の整数（ピクセル）で指定してください。', en: 'size must be a whole number of pixels from 64 to 2400.' }]);

async function etagOf(body: Uint8Array | string): Promise<string> {
  return `"${(await sha256Hex(typeof body === 'string' ? body : new Uint8Array(body))).slice(0, 24)}"`;
}

export function badgeRoutes({ registry, publicBaseUrl, renderPng }: BadgeRouteDeps) {
  const cache = new Map<string, Promise<Rendered>>();

  /** Renders once per key; concurrent requests for the same image share one render. */
  function cached(key: string, render: () => Promise<Omit<Rendered, 'etag'>>): Promise<Rendered> {
    let hit = cache.get(key);
    if (hit) {
      cache.delete(key); // re-insert: Map order is the LRU order
      cache.set(key, hit);
      return hit;
    }
    hit = render().then(async (r) => ({ ...r, etag: await etagOf(r.body) }));
    hit.catch(() => cache.delete(key));
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, hit);
    return hit;
  }

  function send(c: Context<AppEnv>, image: Rendered, cacheControl: string, filename?: string) {
    const headers: Record<string, string> = {
      ETag: image.etag,
      'Cache-Control': cacheControl,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': IMAGE_CSP,
      Vary: 'Authorization',
    };
    if (filename) headers['Content-Disposition'] = `inline; filename="${filename}"`;
    if (ifNoneMatchHits(c.req.header('if-none-match'), image.etag)) return c.body(null, 304, headers);
    const body = typeof image.body === 'string' ? image.body : (image.body as Uint8Array<ArrayBuffer>);
    return c.body(body, 200, { ...headers, 'Content-Type': image.contentType });
  }

  async function load(c: Context<AppEnv>): Promise<StoredCredential | Response> {
    const id = c.req.param('id') ?? '';
    const stored = CREDENTIAL_ID_PATTERN.test(id) ? await registry.credentials.get(id) : null;
    if (!stored) {
      return problemResponse(c, publicBaseUrl, 404, 'not-found', { ja: 'このバッジは登録簿にありません。', en: 'This badge is not in the registry.' });
    }
    return stored;
  }

  /** Badges of a credential that is no longer active are not handed out, except to the secretariat. */
  function refuseUnlessActive(c: Context<AppEnv>, stored: StoredCredential): Response | null {
    if (stored.status === 'active' || c.var.actor.role === 'admin') return null;
    return problemResponse(
      c, publicBaseUrl, 410, 'badge-unavailable',
      { ja: 'このバッジは有効ではないため、ダウンロードできません。', en: 'This badge is not valid, so it cannot be downloaded.' },
      { credentialStatus: stored.status, verificationUrl: `${publicBaseUrl}/v/${stored.id}` },
    );
  }

  const badgeCacheControl = (stored: StoredCredential) => (stored.status === 'active' ? 'public, max-age=60' : 'private, no-store');
  const bakedForm = (c: Context<AppEnv>, stored: StoredCredential) => (c.req.query('format') === 'jwt' ? stored.jwt : (JSON.parse(stored.dataIntegrity) as Json));
  const keyOf = (kind: string, c: Context<AppEnv>, stored: StoredCredential) => `${kind}:${stored.id}:${stored.status}:${stored.keyId}:${c.req.query('format') === 'jwt' ? 'jwt' : 'di'}`;
  const verificationUrl = (id: string) => `${publicBaseUrl}/v/${id}`;
  /** ?size=compact or nothing; anything else is a 400 naming `size`. */
  const sizeOf = (c: Context<AppEnv>): boolean => {
    const size = c.req.query('size');
    if (size !== undefined && size !== 'compact') throw badgeSizeInvalid();
    return size === 'compact';
  };
  /** As notValidStateOf, and a declaration its organization withdrew says so: its bit is the revocation bit, but no one revoked it. */
  const stateOf = async (stored: StoredCredential): Promise<NotValidState | null> => {
    const state = notValidStateOf(stored, registry.deps.clock.now());
    return state === 'revoked' && (await withdrawnByOrganization(registry.deps.repos, stored)) ? 'withdrawn' : state;
  };
  const notValidSvg = (stored: StoredCredential, state: NotValidState, compact: boolean) => {
    const input = badgeInputOf(stored, publicBaseUrl);
    return compact ? compactBadgeSvg(input, state) : notValidBadgeSvg(input, state);
  };

  return new Hono<AppEnv>()
    .get('/logo.svg', async (c) => send(c, await cached('logo', async () => ({ body: LOGO_SVG, contentType: 'image/svg+xml' })), 'public, max-age=86400'))
    .get('/credentials/:id/qr.svg', async (c) => {
      const stored = await load(c);
      if (stored instanceof Response) return stored;
      const image = await cached(`qr.svg:${stored.id}`, async () => ({ body: qrSvg(verificationUrl(stored.id)), contentType: 'image/svg+xml' }));
      return send(c, image, 'public, max-age=86400', `qr-${stored.id}.svg`);
    })
    // Pure JavaScript (qrcode matrix + CompressionStream), so the Worker serves it too.
    // ?size=N (64–2400): at least N pixels square where 32 px per module allows it, for print
    // (a poster wants 1,200 px or more); whole pixels per module keep the edges crisp.
    .get('/credentials/:id/qr.png', async (c) => {
      const stored = await load(c);
      if (stored instanceof Response) return stored;
      const size = c.req.query('size');
      if (size !== undefined && !/^\d{2,4}$/.test(size)) throw qrSizeInvalid();
      const minPx = size === undefined ? null : Number(size);
      if (minPx !== null && (minPx < 64 || minPx > 2400)) throw qrSizeInvalid();
      const modules = qrMatrix(verificationUrl(stored.id)).size + 2 * QR_QUIET_ZONE;
      const scale = minPx === null ? undefined : Math.min(32, Math.ceil(minPx / modules));
      const image = await cached(`qr.png:${stored.id}:${scale ?? 'default'}`, async () => ({ body: await qrPng(verificationUrl(stored.id), { scale }), contentType: 'image/png' }));
      return send(c, image, 'public, max-age=86400', `qr-${stored.id}.png`);
    })
    // ?size=compact: the small card for a sidebar (240–320 px wide). A credential that is not
    // currently valid answers 200 with a card saying so (no credential baked in), because an
    // embedded <img> cannot show an error; the JSON status is GET /v/{id} with Accept: application/json.
    .get('/credentials/:id/badge.svg', async (c) => {
      const stored = await load(c);
      if (stored instanceof Response) return stored;
      const compact = sizeOf(c);
      const notValid = await stateOf(stored);
      if (notValid && c.var.actor.role !== 'admin') {
        const image = await cached(`badge.svg:not-valid:${stored.id}:${notValid}:${compact}`, async () => ({ body: notValidSvg(stored, notValid, compact), contentType: 'image/svg+xml' }));
        return send(c, image, NOT_VALID_CACHE, `telework-badge-${stored.id}.svg`);
      }
      const image = await cached(`${keyOf('badge.svg', c, stored)}:${compact}`, async () => {
        const input = badgeInputOf(stored, publicBaseUrl);
        return { body: bakeSvg(compact ? compactBadgeSvg(input) : badgeSvg(input), bakedForm(c, stored)), contentType: 'image/svg+xml' };
      });
      return send(c, image, badgeCacheControl(stored), `telework-badge-${stored.id}.svg`);
    })
    .get('/credentials/:id/badge.png', async (c) => {
      const stored = await load(c);
      if (stored instanceof Response) return stored;
      const compact = sizeOf(c);
      if (!renderPng) {
        return problemResponse(c, publicBaseUrl, 501, 'png-renderer-unavailable', {
          ja: 'この環境では PNG のバッジを作成できません。SVG 版（badge.svg）をご利用ください。',
          en: 'PNG badges cannot be rendered here; use the SVG badge (badge.svg).',
        }, { alternative: `${publicBaseUrl}/credentials/${stored.id}/badge.svg` });
      }
      const width = compact ? COMPACT_PNG_WIDTH : BADGE_PNG_WIDTH;
      const notValid = await stateOf(stored);
      if (notValid && c.var.actor.role !== 'admin') {
        const image = await cached(`badge.png:not-valid:${stored.id}:${notValid}:${compact}`, async () => ({ body: await renderPng(notValidSvg(stored, notValid, compact), { width }), contentType: 'image/png' }));
        return send(c, image, NOT_VALID_CACHE, `telework-badge-${stored.id}.png`);
      }
      const image = await cached(`${keyOf('badge.png', c, stored)}:${compact}`, async () => {
        const input = badgeInputOf(stored, publicBaseUrl);
        return { body: bakePng(await renderPng(compact ? compactBadgeSvg(input) : badgeSvg(input), { width }), bakedForm(c, stored)), contentType: 'image/png' };
      });
      return send(c, image, badgeCacheControl(stored), `telework-badge-${stored.id}.png`);
    })
    .get('/credentials/:id/embed', async (c) => {
      const stored = await load(c);
      if (stored instanceof Response) return stored;
      const refused = refuseUnlessActive(c, stored);
      if (refused) return refused;
      const input = badgeInputOf(stored, publicBaseUrl);
      const badgeImageUrl = `${publicBaseUrl}/credentials/${stored.id}/badge.svg`;
      return c.json({
        html: badgeEmbedHtml({ badgeImageUrl, verificationUrl: input.verificationUrl, organizationName: input.organizationName, headlineJa: input.headlineJa }),
        badgeSvg: badgeImageUrl,
        badgePng: renderPng ? `${publicBaseUrl}/credentials/${stored.id}/badge.png` : null,
        qrSvg: `${publicBaseUrl}/credentials/${stored.id}/qr.svg`,
        verificationUrl: input.verificationUrl,
      });
    })
    // The JWT form at its own address, so a plain link can offer it (GET /credentials/{id} needs an Accept header).
    .get('/credentials/:id/credential.jwt', async (c) => {
      const stored = await load(c);
      if (stored instanceof Response) return stored;
      return c.body(stored.jwt, 200, { 'Content-Type': 'application/vc+jwt', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' });
    });
}
