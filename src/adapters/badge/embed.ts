// The HTML snippet a company pastes into its recruiting page: the badge image linking to the
// verification page, so a reader can check the claim in one click. Plain HTML with no script
// and no third-party requests: it works under any page's Content-Security-Policy that allows images.
import { BADGE_HEIGHT, BADGE_WIDTH, COMPACT_HEIGHT, COMPACT_WIDTH } from './badge-svg.js';
import { escapeXml } from './text-fit.js';

export interface EmbedSnippetInput {
  /** Absolute URL of the badge image (PUBLIC_BASE_URL/credentials/{id}/badge.svg or .png). */
  badgeImageUrl: string;
  /** PUBLIC_BASE_URL/v/{credentialId}. */
  verificationUrl: string;
  organizationName: string;
  /** e.g. '地方創生テレワーク 自己宣言' or '令和7年度（2025年度） 地方創生テレワーク表彰 大臣賞'. */
  headlineJa: string;
  /**
   * The alt text's language (default 'ja'): the page the snippet is copied from, since a person
   * reading the registry in English pastes it into an English recruiting page, whose screen
   * readers would otherwise read Japanese in an English voice.
   */
  lang?: 'ja' | 'en';
  /** Used when `lang` is 'en': the English name if the organization has one, and the English headline. */
  organizationNameEn?: string;
  headlineEn?: string;
  /** Displayed width in CSS px (default 320); the height keeps the badge's aspect ratio. */
  width?: number;
  /** The image is the compact card (badge.svg?size=compact), whose aspect ratio differs. */
  compact?: boolean;
}

function httpUrl(url: string): string {
  const parsed = new URL(url); // throws on garbage: the caller builds these from PUBLIC_BASE_URL
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new TypeError(`not an http(s) URL: ${url}`);
  return parsed.href;
}

/** `<a href="…/v/{id}"><img src="…/badge.svg" alt="…"></a>`, every value escaped. */
export function badgeEmbedHtml(input: EmbedSnippetInput): string {
  const width = Math.max(120, Math.min(BADGE_WIDTH * 2, Math.round(input.width ?? 320)));
  const height = input.compact ? Math.round((width * COMPACT_HEIGHT) / COMPACT_WIDTH) : Math.round((width * BADGE_HEIGHT) / BADGE_WIDTH);
  const alt =
    input.lang === 'en'
      ? `${input.organizationNameEn || input.organizationName}: ${input.headlineEn ?? input.headlineJa} (click to check it is genuine)`
      : `${input.organizationName} ${input.headlineJa}（クリックで真正性を確認）`;
  return (
    `<a href="${escapeXml(httpUrl(input.verificationUrl))}" target="_blank" rel="noopener">` +
    `<img src="${escapeXml(httpUrl(input.badgeImageUrl))}" alt="${escapeXml(alt)}" width="${width}" height="${height}" loading="lazy">` +
    `</a>`
  );
}
