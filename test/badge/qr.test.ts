import { describe, expect, it } from 'vitest';
import { renderPng } from '../../src/adapters/badge/render-png.js';
import { QR_QUIET_ZONE, qrMatrix, qrPng, qrSvg } from '../../src/adapters/qr/qr.js';
import { decodePng, luminance, readQr, VERIFY_URL, type Rgba } from './fixtures.js';

const SCALE = 8;
const isDarkAt = (image: Rgba, row: number, col: number) =>
  luminance(image, (col + QR_QUIET_ZONE) * SCALE + SCALE / 2, (row + QR_QUIET_ZONE) * SCALE + SCALE / 2) < 128;

/**
 * Reads the error-correction level from the symbol's own format information (both copies), as a
 * scanner would: 15 bits XOR 0x5412, top two bits are the level (01 L, 00 M, 11 Q, 10 H).
 */
function ecLevelOf(image: Rgba, size: number): string {
  let vertical = 0;
  let horizontal = 0;
  for (let i = 0; i < 15; i++) {
    const vRow = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    const hCol = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 14 - i;
    if (isDarkAt(image, vRow, 8)) vertical |= 1 << i;
    if (isDarkAt(image, 8, hCol)) horizontal |= 1 << i;
  }
  expect(vertical).toBe(horizontal);
  return ['M', 'L', 'H', 'Q'][((vertical ^ 0x5412) >> 13) & 3]!;
}

describe('QR codes', () => {
  it('PNG decodes back to the verification URL, at error correction Q, with a 4-module quiet zone', async () => {
    const image = decodePng(await qrPng(VERIFY_URL, { scale: SCALE }));
    const size = qrMatrix(VERIFY_URL).size;
    expect(image.width).toBe((size + 2 * QR_QUIET_ZONE) * SCALE);
    expect(readQr(image)).toBe(VERIFY_URL);
    expect(ecLevelOf(image, size)).toBe('Q');

    const quiet = QR_QUIET_ZONE * SCALE;
    let nonWhiteInQuietZone = 0;
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) {
        const inBorder = x < quiet || y < quiet || x >= image.width - quiet || y >= image.height - quiet;
        if (inBorder && luminance(image, x, y) < 254.5) nonWhiteInQuietZone++;
      }
    }
    expect(nonWhiteInQuietZone).toBe(0);
    expect(isDarkAt(image, 0, 0)).toBe(true); // finder pattern starts right after the quiet zone
  });

  it('SVG has a white quiet zone of 4 modules and renders to a scannable code', async () => {
    const svg = qrSvg(VERIFY_URL, { sizePx: 300 });
    const side = qrMatrix(VERIFY_URL).size + 2 * QR_QUIET_ZONE;
    expect(svg).toContain(`viewBox="0 0 ${side} ${side}"`);
    expect(svg).toContain(`<rect width="${side}" height="${side}" fill="#ffffff"/>`);
    const firstModule = /d="M(\d+) (\d+)/.exec(svg);
    expect(Number(firstModule?.[1])).toBeGreaterThanOrEqual(QR_QUIET_ZONE);
    expect(Number(firstModule?.[2])).toBe(QR_QUIET_ZONE);
    const image = decodePng(await renderPng(svg, { width: 300 }));
    expect(readQr(image)).toBe(VERIFY_URL);
  });

  it('encodes long and non-ASCII URLs exactly', async () => {
    const url = `${VERIFY_URL}?lang=en&ref=${'x'.repeat(60)}&q=みらい`;
    expect(readQr(decodePng(await qrPng(url, { scale: 4 })))).toBe(url);
  });
});
