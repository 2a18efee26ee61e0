// The registry's own logo mark, drawn for this project (no government mark is copied): a city on
// the left joined by an arc to a laptop on green hills, i.e. "the work travels from the city to
// the regions". Flat shapes, no ids or gradients, so it can be inlined into any SVG many times
// and stays legible at 48 px.

/** Side of the logo's own coordinate system. */
export const LOGO_VIEWBOX_SIZE = 64;

/** Brand colours, shared with the badge so the two always match. */
export const LOGO_COLORS = {
  tile: '#0b4f8c',
  city: '#a9d1f5',
  farHill: '#6dbb88',
  nearHill: '#2e8b57',
  link: '#ffffff',
} as const;

const SHAPES = [
  `<rect width="64" height="64" rx="14" fill="${LOGO_COLORS.tile}"/>`,
  // City skyline: three towers with a few windows, so it reads as buildings, not a bar chart.
  `<rect x="7" y="30" width="8" height="26" rx="1" fill="${LOGO_COLORS.city}"/>`,
  `<rect x="16" y="19" width="9" height="37" rx="1" fill="${LOGO_COLORS.city}"/>`,
  `<rect x="26" y="35" width="6" height="21" rx="1" fill="${LOGO_COLORS.city}"/>`,
  `<path d="M9 34h4v2.4h-4zM9 40h4v2.4h-4zM18.5 24h4v2.4h-4zM18.5 30h4v2.4h-4zM18.5 36h4v2.4h-4zM27.5 39h3v2.4h-3z" fill="${LOGO_COLORS.tile}"/>`,
  // Mountains and the near hill; their lower edge follows the tile's rounded corner (r = 14).
  `<path d="M26 64L45 31L52 40L58 34L64 40V50A14 14 0 0 1 50 64Z" fill="${LOGO_COLORS.farHill}"/>`,
  `<path d="M8 64Q30 45 64 50A14 14 0 0 1 50 64Z" fill="${LOGO_COLORS.nearHill}"/>`,
  // The connection: an arc from the tallest tower to the laptop.
  `<path d="M20.5 14Q36 0 44 35" fill="none" stroke="${LOGO_COLORS.link}" stroke-width="3" stroke-linecap="round"/>`,
  `<circle cx="20.5" cy="14" r="3.5" fill="${LOGO_COLORS.link}"/>`,
  // Laptop on the hill: screen with a blue display, and a keyboard base.
  `<rect x="36" y="36" width="16" height="11" rx="1.5" fill="${LOGO_COLORS.link}"/>`,
  `<rect x="38.5" y="38.2" width="11" height="6.6" rx="0.5" fill="${LOGO_COLORS.tile}"/>`,
  `<path d="M33 48h22l-2.2 3.2h-17.6z" fill="${LOGO_COLORS.link}"/>`,
].join('');

/**
 * The logo as a `<g>` placed at (x, y) and scaled to `size` px square, for embedding in another
 * SVG (badges, page headers).
 */
export function logoGroup(x: number, y: number, size: number): string {
  const scale = size / LOGO_VIEWBOX_SIZE;
  return `<g transform="translate(${x} ${y}) scale(${scale})">${SHAPES}</g>`;
}

/** The logo as a standalone SVG document with an accessible name. */
export const LOGO_SVG =
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64" role="img" aria-labelledby="logo-title">` +
  `<title id="logo-title">地方創生テレワーク宣言・表彰レジストリ</title>` +
  SHAPES +
  `</svg>`;
