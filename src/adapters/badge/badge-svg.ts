// The badge card: a 640×400 SVG a company can put on a recruiting page or a poster. Everything a
// reader needs to check the claim is on the card itself (who, what, which year, the credential ID,
// a QR code and the verification address). Pure string building: fast, and runs on Workers.
import { japanDate } from '../../domain/japan-calendar.js';
import { LOGO_COLORS, logoGroup } from './logo.js';
import { escapeXml, estimateWidth, fitText, type FittedText } from './text-fit.js';

export interface BadgeInput {
  kind: 'declaration' | 'award';
  organizationName: string;
  organizationNameEn?: string;
  /** 法人番号 (13 digits), shown when given. */
  corporateNumber?: string;
  /** 地方公共団体コード (6 digits), shown instead of a 法人番号 for a municipality. */
  localGovernmentCode?: string;
  /** YYYY-MM-DD: the date the organization made its declaration (宣言日), not the fiscal year. */
  declaredOn?: string;
  /** YYYY-MM-DD: the day an award was given (表彰日). */
  awardedOn?: string;
  /** YYYY-MM-DD or an ISO timestamp: the last day the credential is valid (有効期限). */
  validUntil?: string;
  /** e.g. '地方創生テレワーク 自己宣言' or '令和7年度（2025年度） 地方創生テレワーク表彰 大臣賞'. */
  headlineJa: string;
  headlineEn: string;
  /**
   * An award's category (表彰区分): 大臣賞 and 優秀賞 each get their own emblem (a star, a ringed
   * medal) and name on the card, so they differ by shape and text, not colour alone.
   */
  awardCategory?: { code: string | null; ja: string; en: string };
  /** e.g. '令和7年度（2025年度）'; omitted from the card when the headline already says it. */
  fiscalYearLabel?: string;
  credentialId: string;
  /** PUBLIC_BASE_URL/v/{credentialId}: printed in full, and what the QR code encodes. */
  verificationUrl: string;
  /** A standalone QR SVG from `qrSvg()` (src/adapters/qr/qr.ts). */
  qrSvg: string;
  issuerName: string;
  issuerNameEn?: string;
}

export const BADGE_WIDTH = 640;
export const BADGE_HEIGHT = 400;
/** The left text column and the QR column never overlap: text is fitted to this width. */
const TEXT_X = 32;
const TEXT_WIDTH = 400;
const QR_X = 464;
const QR_Y = 92;
const QR_SIZE = 148;
const FOOTER_Y = 326;
const FOOTER_VALUE_DX = 100;
/** Wide enough for the longest label, 地方公共団体コード + its English gloss. */
const DETAIL_VALUE_DX = 176;

const INK = '#1a1a1c';
const MUTED = '#4d5a68'; // 7:1 on white, readable when printed small
const ACCENT = LOGO_COLORS.tile;
const KIND_STYLE = {
  declaration: { ja: '自己宣言', en: 'Self-declaration', chipFill: '#e3f4ea', chipInk: '#15603a', stripe: LOGO_COLORS.nearHill, subjectJa: '宣言団体', subjectEn: 'Declared by' },
  award: { ja: '表彰', en: 'Award', chipFill: '#fbefc8', chipInk: '#5c4500', stripe: '#d4a72c', subjectJa: '受賞団体', subjectEn: 'Awarded to' },
} as const;

/** How an award category looks: its emblem's shape and the chip's colours (the shape and the name carry the difference). */
export type AwardEmblem = 'star' | 'medal' | 'rosette';
const AWARD_RANKS: Record<AwardEmblem, { chipFill: string; chipInk: string; stripe: string; emblemFill: string; emblemInk: string }> = {
  // 大臣賞: a gold five-pointed star, and a double rule down the card's edge.
  star: { chipFill: '#fbefc8', chipInk: '#5c4500', stripe: '#d4a72c', emblemFill: '#d4a72c', emblemInk: '#5c4500' },
  // 優秀賞: a silver medal with a ring.
  medal: { chipFill: '#e6ecf3', chipInk: '#23364d', stripe: '#8a9bb0', emblemFill: '#b8c4d3', emblemInk: '#23364d' },
  // Any other category the secretariat adds: a rosette (a circle of petals).
  rosette: { chipFill: '#efe7f6', chipInk: '#4a2a66', stripe: '#8e6bb0', emblemFill: '#c7b2dd', emblemInk: '#4a2a66' },
};

/** The emblem of an award category: a star for 大臣賞 (minister), a ringed medal for 優秀賞 (excellence), a rosette otherwise. */
export function awardEmblemOf(category: { code: string | null; ja: string } | undefined): AwardEmblem | null {
  if (!category) return null;
  if (category.code === 'minister' || (!category.code && category.ja.includes('大臣賞'))) return 'star';
  if (category.code === 'excellence' || (!category.code && category.ja.includes('優秀賞'))) return 'medal';
  return 'rosette';
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The emblem drawn centred at (cx, cy) with radius r, outlined in ink so it reads in greyscale too. */
export function emblemSvg(emblem: AwardEmblem, cx: number, cy: number, r: number): string {
  const { emblemFill: fill, emblemInk: ink } = AWARD_RANKS[emblem];
  if (emblem === 'star') {
    const points = Array.from({ length: 10 }, (_, i) => {
      const radius = i % 2 === 0 ? r : r * 0.45;
      const angle = -Math.PI / 2 + (i * Math.PI) / 5;
      return `${round1(cx + radius * Math.cos(angle))},${round1(cy + radius * Math.sin(angle))}`;
    }).join(' ');
    return `<polygon data-emblem="star" points="${points}" fill="${fill}" stroke="${ink}" stroke-width="1.2" stroke-linejoin="round"/>`;
  }
  if (emblem === 'medal') {
    return (
      `<g data-emblem="medal"><circle cx="${cx}" cy="${cy}" r="${round1(r * 0.92)}" fill="${fill}" stroke="${ink}" stroke-width="1.2"/>` +
      `<circle cx="${cx}" cy="${cy}" r="${round1(r * 0.5)}" fill="none" stroke="${ink}" stroke-width="1.2"/></g>`
    );
  }
  const petals = Array.from({ length: 8 }, (_, i) => {
    const angle = (i * Math.PI) / 4;
    return `<circle cx="${round1(cx + r * 0.55 * Math.cos(angle))}" cy="${round1(cy + r * 0.55 * Math.sin(angle))}" r="${round1(r * 0.4)}"/>`;
  }).join('');
  return `<g data-emblem="rosette" fill="${fill}" stroke="${ink}" stroke-width="1">${petals}<circle cx="${cx}" cy="${cy}" r="${round1(r * 0.4)}"/></g>`;
}

/** The chip's words and colours: the award's category when it has one, else the kind. */
function chipOf(input: BadgeInput) {
  const style = KIND_STYLE[input.kind];
  const emblem = input.kind === 'award' ? awardEmblemOf(input.awardCategory) : null;
  if (!emblem || !input.awardCategory) return { ja: style.ja, en: style.en, chipFill: style.chipFill, chipInk: style.chipInk, stripe: style.stripe, emblem: null };
  const rank = AWARD_RANKS[emblem];
  return { ja: input.awardCategory.ja, en: input.awardCategory.en || input.awardCategory.ja, chipFill: rank.chipFill, chipInk: rank.chipInk, stripe: rank.stripe, emblem };
}

/** The coloured rule down the card's left edge; doubled for 大臣賞. */
function edgeStripe(input: BadgeInput, top: number, height: number, width = 6): string {
  const chip = chipOf(input);
  const rule = `<rect x="1" y="${top}" width="${width}" height="${height}" fill="${chip.stripe}"/>`;
  return chip.emblem === 'star' ? rule + `<rect x="${width + 3}" y="${top}" width="2" height="${height}" fill="${chip.stripe}"/>` : rule;
}

/** `<text>` lines of a fitted block starting at baseline y; returns the markup and the next y. */
function textBlock(fitted: FittedText, y: number, attrs: string, lineHeight = 1.3): { svg: string; y: number } {
  const step = Math.round(fitted.fontSize * lineHeight);
  const svg = fitted.lines
    .map((line, i) => `<text x="${TEXT_X}" y="${y + i * step}" font-size="${fitted.fontSize}" ${attrs}>${escapeXml(line)}</text>`)
    .join('');
  return { svg, y: y + (fitted.lines.length - 1) * step };
}

/** A small English gloss after a Japanese label (dx, because SVG collapses a leading space). */
function enLabel(en: string): string {
  return `<tspan dx="6" font-size="11" xml:lang="en">${en}</tspan>`;
}

/** Re-homes the standalone QR SVG as a nested <svg> at the given box (keeps its viewBox). */
function placeQr(qr: string, x: number, y: number, size: number): string {
  const viewBox = /^<svg[^>]*\sviewBox="([\d.\s]+)"[^>]*>/.exec(qr.trim());
  if (!viewBox || !qr.trim().endsWith('</svg>')) throw new Error('qrSvg must be an SVG document from qrSvg()');
  const inner = qr.trim().slice(viewBox[0].length, -'</svg>'.length);
  return `<svg x="${x}" y="${y}" width="${size}" height="${size}" viewBox="${viewBox[1]}" shape-rendering="crispEdges">${inner}</svg>`;
}

function header(input: BadgeInput, withStripe = true): string {
  const chip = chipOf(input);
  // The chip stacks Japanese over English, so the issuer's long English name keeps its full width.
  const emblemRoom = chip.emblem ? 24 : 0;
  const chipWidth = Math.ceil(Math.max(estimateWidth(chip.ja, 13), estimateWidth(chip.en, 10))) + 28 + emblemRoom;
  const issuerWidth = issuerTextWidth(chipWidth);
  const issuer = fitText(input.issuerName, { maxWidth: issuerWidth, maxSize: 17, minSize: 11, maxLines: 1 });
  const issuerEn = fitText(input.issuerNameEn ?? 'Regional Revitalization Telework Registry', { maxWidth: issuerWidth, maxSize: 11, minSize: 9, maxLines: 1 });
  const chipX = BADGE_WIDTH - 20 - chipWidth;
  const textX = chipX + emblemRoom + (chipWidth - emblemRoom) / 2;
  return (
    (withStripe ? edgeStripe(input, 72, FOOTER_Y - 72) : '') +
    `<path d="M0 16A16 16 0 0 1 16 0H${BADGE_WIDTH - 16}A16 16 0 0 1 ${BADGE_WIDTH} 16V72H0Z" fill="${ACCENT}"/>` +
    `<rect x="20" y="10" width="52" height="52" rx="14" fill="#ffffff"/>` +
    logoGroup(22, 12, 48) +
    `<text x="86" y="35" font-size="${issuer.fontSize}" font-weight="700" fill="#ffffff">${escapeXml(issuer.lines[0] ?? '')}</text>` +
    `<text x="86" y="54" font-size="${issuerEn.fontSize}" fill="#d5e5f5" xml:lang="en">${escapeXml(issuerEn.lines[0] ?? '')}</text>` +
    `<rect x="${chipX}" y="14" width="${chipWidth}" height="44" rx="12" fill="${chip.chipFill}"/>` +
    (chip.emblem ? emblemSvg(chip.emblem, chipX + 20, 36, 11) : '') +
    `<text x="${textX}" y="33" font-size="13" font-weight="700" fill="${chip.chipInk}" text-anchor="middle">${escapeXml(chip.ja)}</text>` +
    `<text x="${textX}" y="49" font-size="10" fill="${chip.chipInk}" text-anchor="middle" xml:lang="en">${escapeXml(chip.en)}</text>`
  );
}

/** Room for the issuer's names between the logo and the kind chip (exported for the layout tests). */
export function issuerTextWidth(chipWidth: number): number {
  return BADGE_WIDTH - 86 - chipWidth - 20 - 12;
}

/**
 * "2026-03-31" → "2026年3月31日"; a timestamp on its day in Japan ("2026-03-31T20:00:00Z" →
 * "2026年4月1日"), as the verification page, the portal and the e-mails print it. Null when it is not a date.
 */
export function formatDateJa(value: string | undefined): string | null {
  const day = value && value.length > 10 ? japanDate(value) : value;
  const m = day ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : null;
}

/** The label/value rows under the name: the identifier, the declaration date or fiscal year, an award's date, and the expiry. */
export function detailRows(input: BadgeInput): [string, string, string][] {
  const rows: [string, string, string][] = [];
  if (input.localGovernmentCode) rows.push(['地方公共団体コード', 'LG code', input.localGovernmentCode]);
  else if (input.corporateNumber) rows.push(['法人番号', 'Corporate No.', input.corporateNumber]);
  const declaredOn = formatDateJa(input.declaredOn);
  if (declaredOn) rows.push(['宣言日', 'Declared', declaredOn]);
  else if (input.fiscalYearLabel && !input.headlineJa.includes(input.fiscalYearLabel)) rows.push(['年度', 'Fiscal year', input.fiscalYearLabel]);
  const awardedOn = input.kind === 'award' ? formatDateJa(input.awardedOn) : null;
  if (awardedOn) rows.push(['表彰日', 'Awarded', awardedOn]);
  const validUntil = formatDateJa(input.validUntil);
  if (validUntil) rows.push(['有効期限', 'Valid until', validUntil]);
  return rows;
}

/** Name sizes tried in turn until the body clears the footer (long headline + long name + details). */
const NAME_BUDGETS = [
  { maxLines: 3, maxSize: 30 },
  { maxLines: 2, maxSize: 24 },
  { maxLines: 2, maxSize: 20 },
  { maxLines: 1, maxSize: 18 },
] as const;

function body(input: BadgeInput): string {
  let laid = layoutBody(input, NAME_BUDGETS[0]);
  for (const budget of NAME_BUDGETS.slice(1)) {
    if (laid.bottom <= FOOTER_Y - 14) break;
    laid = layoutBody(input, budget);
  }
  return laid.svg;
}

function layoutBody(input: BadgeInput, nameBudget: { maxLines: number; maxSize: number }): { svg: string; bottom: number } {
  const style = KIND_STYLE[input.kind];
  const parts: string[] = [];
  const headlineJa = fitText(input.headlineJa, { maxWidth: TEXT_WIDTH, maxSize: 18, minSize: 13, maxLines: 2, oneLineDownTo: 15 });
  let block = textBlock(headlineJa, 104, `font-weight="700" fill="${ACCENT}"`);
  parts.push(block.svg);
  const headlineEn = fitText(input.headlineEn, { maxWidth: TEXT_WIDTH, maxSize: 12, minSize: 10, maxLines: 2 });
  block = textBlock(headlineEn, block.y + 20, `fill="${MUTED}" xml:lang="en"`);
  parts.push(block.svg);

  parts.push(`<text x="${TEXT_X}" y="${block.y + 32}" font-size="12" fill="${MUTED}">${style.subjectJa}${enLabel(style.subjectEn)}</text>`);
  const name = fitText(input.organizationName, { maxWidth: TEXT_WIDTH, maxSize: nameBudget.maxSize, minSize: 14, maxLines: nameBudget.maxLines, oneLineDownTo: Math.min(22, nameBudget.maxSize) });
  block = textBlock(name, block.y + 32 + Math.round(name.fontSize * 1.25), `font-weight="700" fill="${INK}"`, 1.22);
  parts.push(block.svg);
  if (input.organizationNameEn) {
    const nameEn = fitText(input.organizationNameEn, { maxWidth: TEXT_WIDTH, maxSize: 13, minSize: 10, maxLines: 1 });
    block = textBlock(nameEn, block.y + 20, `fill="${MUTED}" xml:lang="en"`);
    parts.push(block.svg);
  }

  const details = detailRows(input);
  let y = block.y + 34;
  for (const [ja, en, value] of details) {
    const fitted = fitText(value, { maxWidth: TEXT_WIDTH - DETAIL_VALUE_DX, maxSize: 14, minSize: 10, maxLines: 1 });
    parts.push(
      `<text x="${TEXT_X}" y="${y}" font-size="12" fill="${MUTED}">${ja}${enLabel(en)}</text>` +
        `<text x="${TEXT_X + DETAIL_VALUE_DX}" y="${y}" font-size="${fitted.fontSize}" font-weight="700" fill="${INK}">${escapeXml(fitted.lines[0] ?? '')}</text>`,
    );
    y += 22;
  }
  return { svg: parts.join(''), bottom: details.length > 0 ? y - 22 : block.y };
}

function qrColumn(input: BadgeInput): string {
  const cx = QR_X + QR_SIZE / 2;
  return (
    `<rect x="${QR_X - 6}" y="${QR_Y - 6}" width="${QR_SIZE + 12}" height="${QR_SIZE + 12}" rx="8" fill="#ffffff" stroke="#c9d3de"/>` +
    placeQr(input.qrSvg, QR_X, QR_Y, QR_SIZE) +
    `<text x="${cx}" y="${QR_Y + QR_SIZE + 28}" font-size="12" font-weight="700" fill="${INK}" text-anchor="middle">読み取って真正性を確認</text>` +
    `<text x="${cx}" y="${QR_Y + QR_SIZE + 44}" font-size="11" fill="${MUTED}" text-anchor="middle" xml:lang="en">Scan to verify</text>`
  );
}

function footer(input: BadgeInput): string {
  const url = fitText(input.verificationUrl, { maxWidth: BADGE_WIDTH - 2 * TEXT_X - FOOTER_VALUE_DX, maxSize: 14, minSize: 8, maxLines: 1 });
  const id = fitText(input.credentialId, { maxWidth: BADGE_WIDTH - 2 * TEXT_X - FOOTER_VALUE_DX, maxSize: 12, minSize: 8, maxLines: 1 });
  return (
    `<path d="M0 ${FOOTER_Y}H${BADGE_WIDTH}V${BADGE_HEIGHT - 16}A16 16 0 0 1 ${BADGE_WIDTH - 16} ${BADGE_HEIGHT}H16A16 16 0 0 1 0 ${BADGE_HEIGHT - 16}Z" fill="#eef3f8"/>` +
    `<line x1="0" y1="${FOOTER_Y}" x2="${BADGE_WIDTH}" y2="${FOOTER_Y}" stroke="#c9d3de"/>` +
    `<text x="${TEXT_X}" y="${FOOTER_Y + 29}" font-size="12" fill="${MUTED}">確認先${enLabel('Verify')}</text>` +
    `<text x="${TEXT_X + FOOTER_VALUE_DX}" y="${FOOTER_Y + 29}" font-size="${url.fontSize}" font-weight="700" fill="${ACCENT}">${escapeXml(url.lines[0] ?? '')}</text>` +
    `<text x="${TEXT_X}" y="${FOOTER_Y + 55}" font-size="12" fill="${MUTED}">バッジID${enLabel('ID')}</text>` +
    `<text x="${TEXT_X + FOOTER_VALUE_DX}" y="${FOOTER_Y + 55}" font-size="${id.fontSize}" fill="${INK}">${escapeXml(id.lines[0] ?? '')}</text>`
  );
}

/** The badge as a standalone SVG document (UTF-8). All input text is XML-escaped. */
export function badgeSvg(input: BadgeInput): string {
  const title = `${input.organizationName} — ${input.headlineJa}（${input.issuerName}）`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${BADGE_WIDTH}" height="${BADGE_HEIGHT}" viewBox="0 0 ${BADGE_WIDTH} ${BADGE_HEIGHT}" ` +
    `role="img" aria-labelledby="badge-title" xml:lang="ja" font-family="'Noto Sans JP', sans-serif">` +
    `<title id="badge-title">${escapeXml(title)}</title>` +
    `<rect x="0.5" y="0.5" width="${BADGE_WIDTH - 1}" height="${BADGE_HEIGHT - 1}" rx="16" fill="#ffffff" stroke="#b7c4d1"/>` +
    header(input) +
    body(input) +
    qrColumn(input) +
    footer(input) +
    `</svg>`
  );
}

// ---------------------------------------------------------------------------------------------
// A badge that is no longer valid: sites keep embedding badge.svg after a suspension, a
// revocation or the expiry, and an <img> cannot show a JSON error. This card says so instead, in
// the same frame, still pointing (QR code and address) to the verification page with the verdict.

export type NotValidState = 'suspended' | 'revoked' | 'withdrawn' | 'expired' | 'superseded';

export const NOT_VALID_STATE_LABELS: Record<NotValidState, { ja: string; en: string }> = {
  suspended: { ja: '一時停止中', en: 'Suspended' },
  revoked: { ja: '取消', en: 'Revoked' },
  withdrawn: { ja: '取下げ済み', en: 'Withdrawn' },
  expired: { ja: '有効期限切れ', en: 'Expired' },
  superseded: { ja: '新しい版に置き換え済み', en: 'Superseded by a newer version' },
};

const ALERT = '#9b1c1c'; // 7:1 on white

/** The full-size card for a credential that is not currently valid; carries no credential. */
export function notValidBadgeSvg(input: BadgeInput, state: NotValidState): string {
  const label = NOT_VALID_STATE_LABELS[state];
  const title = `${input.organizationName} — 現在有効ではありません（${label.ja}） / Not currently valid (${label.en})`;
  const name = fitText(input.organizationName, { maxWidth: TEXT_WIDTH, maxSize: 18, minSize: 13, maxLines: 1 });
  const headline = fitText(input.headlineJa, { maxWidth: TEXT_WIDTH, maxSize: 13, minSize: 11, maxLines: 1 });
  return (
    svgOpen(BADGE_WIDTH, BADGE_HEIGHT, title) +
    `<rect x="0.5" y="0.5" width="${BADGE_WIDTH - 1}" height="${BADGE_HEIGHT - 1}" rx="16" fill="#ffffff" stroke="#b7c4d1"/>` +
    header(input, false) +
    `<rect x="1" y="72" width="6" height="${FOOTER_Y - 72}" fill="${ALERT}"/>` +
    `<text x="${TEXT_X}" y="124" font-size="28" font-weight="700" fill="${ALERT}">現在有効ではありません</text>` +
    `<text x="${TEXT_X}" y="150" font-size="16" font-weight="700" fill="${ALERT}" xml:lang="en">Not currently valid</text>` +
    `<text x="${TEXT_X}" y="188" font-size="12" fill="${MUTED}">状態</text>` +
    `<text x="${TEXT_X}" y="206" font-size="11" fill="${MUTED}" xml:lang="en">Status</text>` +
    `<text x="${TEXT_X + 60}" y="188" font-size="16" font-weight="700" fill="${INK}">${label.ja}</text>` +
    `<text x="${TEXT_X + 60}" y="206" font-size="12" fill="${MUTED}" xml:lang="en">${label.en}</text>` +
    `<text x="${TEXT_X}" y="240" font-size="${name.fontSize}" font-weight="700" fill="${MUTED}">${escapeXml(name.lines[0] ?? '')}</text>` +
    `<text x="${TEXT_X}" y="262" font-size="${headline.fontSize}" fill="${MUTED}">${escapeXml(headline.lines[0] ?? '')}</text>` +
    `<text x="${TEXT_X}" y="294" font-size="13" fill="${INK}">最新の状態は確認先のページでご確認ください。</text>` +
    `<text x="${TEXT_X}" y="311" font-size="11" fill="${MUTED}" xml:lang="en">See the verification page for the current verdict.</text>` +
    qrColumn(input) +
    footer(input) +
    `</svg>`
  );
}

function svgOpen(width: number, height: number, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `role="img" aria-labelledby="badge-title" xml:lang="ja" font-family="'Noto Sans JP', sans-serif">` +
    `<title id="badge-title">${escapeXml(title)}</title>`
  );
}

// ---------------------------------------------------------------------------------------------
// The compact badge, for a sidebar or a footer 240–320 px wide: only the mark, the name, the
// kind, the state or valid-until date and a short ID, every text at least 15 units in a
// 320-unit-wide view box, so at least 11 px when shown 240 px wide. The full card is for print.

export const COMPACT_WIDTH = 320;
export const COMPACT_HEIGHT = 204;
/** The smallest font size on the compact card: 15 × 240 / 320 = 11.25 px at 240 px wide. */
export const COMPACT_MIN_FONT = 15;

/**
 * The last eight characters of the credential ID: enough to match the card against the
 * verification page, which shows the whole ID. Not the first block: IDs are UUIDv7, whose first
 * 32 bits are the time, so every badge issued within the same minute or so had the same short ID.
 */
export function shortCredentialId(id: string): string {
  return id.slice(-8);
}

/** The compact card's band: the kind (or the award's category, with its emblem on a white disc at the right). */
function compactBand(chip: ReturnType<typeof chipOf>, kindX: number, W: number): string {
  const room = W - kindX - (chip.emblem ? 42 : 10);
  const ja = fitText(`地方創生テレワーク ${chip.ja}`, { maxWidth: room, maxSize: COMPACT_MIN_FONT + 1, minSize: COMPACT_MIN_FONT, maxLines: 1 });
  const en = fitText(chip.en, { maxWidth: room, maxSize: COMPACT_MIN_FONT, minSize: COMPACT_MIN_FONT, maxLines: 1 });
  return (
    `<text x="${kindX}" y="29" font-size="${ja.fontSize}" font-weight="700" fill="#ffffff">${escapeXml(ja.lines[0] ?? '')}</text>` +
    `<text x="${kindX}" y="50" font-size="${en.fontSize}" fill="#d5e5f5" xml:lang="en">${escapeXml(en.lines[0] ?? '')}</text>` +
    (chip.emblem ? `<circle cx="${W - 24}" cy="31" r="16" fill="#ffffff"/>` + emblemSvg(chip.emblem, W - 24, 31, 12) : '')
  );
}

export function compactBadgeSvg(input: BadgeInput, notValid: NotValidState | null = null): string {
  const chip = chipOf(input);
  const W = COMPACT_WIDTH;
  const x = 14;
  const textWidth = W - 2 * x;
  const kindX = 72;
  const name = fitText(input.organizationName, { maxWidth: textWidth, maxSize: 20, minSize: COMPACT_MIN_FONT, maxLines: 2, oneLineDownTo: 17 });
  const nameStep = Math.round(name.fontSize * 1.22);
  const rowCount = notValid ? 3 : 2;
  // Centred in the white area under the band, so every card has the same height (the embed's aspect ratio).
  const blockHeight = name.lines.length * nameStep + 8 + rowCount * 24;
  const nameY = Math.round(62 + (COMPACT_HEIGHT - 62 - blockHeight) / 2 + name.fontSize);
  const nameSvg = name.lines
    .map((line, i) => `<text x="${x}" y="${nameY + i * nameStep}" font-size="${name.fontSize}" font-weight="700" fill="${notValid ? MUTED : INK}">${escapeXml(line)}</text>`)
    .join('');
  const rowY = nameY + (name.lines.length - 1) * nameStep + 30;
  const until = formatDateJa(input.validUntil);
  const rows = notValid
    ? [
        `font-weight="700" fill="${ALERT}">現在有効ではありません`,
        `fill="${MUTED}">状態 <tspan font-weight="700" fill="${INK}">${NOT_VALID_STATE_LABELS[notValid].ja}</tspan>`,
      ]
    : [until ? `fill="${MUTED}">有効期限 <tspan font-weight="700" fill="${INK}">${until}</tspan>` : `font-weight="700" fill="${INK}">有効`];
  rows.push(`fill="${MUTED}">ID <tspan fill="${INK}">${escapeXml(shortCredentialId(input.credentialId))}</tspan>`);
  const rowsSvg = rows.map((row, i) => `<text x="${x}" y="${rowY + i * 24}" font-size="${COMPACT_MIN_FONT}" ${row}</text>`).join('');
  const H = COMPACT_HEIGHT;
  const stateEn = notValid ? ` — Not currently valid (${NOT_VALID_STATE_LABELS[notValid].en})` : '';
  const title = `${input.organizationName} — ${input.headlineJa}${notValid ? '（現在有効ではありません）' : ''}（${input.issuerName}）${stateEn}`;
  return (
    svgOpen(W, H, title) +
    `<rect x="0.5" y="0.5" width="${W - 1}" height="${H - 1}" rx="12" fill="#ffffff" stroke="#b7c4d1"/>` +
    `<path d="M0 12A12 12 0 0 1 12 0H${W - 12}A12 12 0 0 1 ${W} 12V62H0Z" fill="${ACCENT}"/>` +
    `<rect x="10" y="8" width="46" height="46" rx="12" fill="#ffffff"/>` +
    logoGroup(12, 10, 42) +
    compactBand(chip, kindX, W) +
    (notValid ? `<rect x="1" y="62" width="5" height="${H - 74}" fill="${ALERT}"/>` : edgeStripe(input, 62, H - 74, 5)) +
    nameSvg +
    rowsSvg +
    `</svg>`
  );
}
