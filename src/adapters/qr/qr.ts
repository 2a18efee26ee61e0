// QR codes for verification addresses. Only `QRCode.create` (the matrix) is used: it exists in
// both the Node and the browser/Workers builds of `qrcode`, and drawing the SVG and PNG here keeps
// both outputs synchronous-or-Web-API-only, so they run on Workers without qrcode's Node renderers.
import QRCode from 'qrcode';
import { encodeGreyPng } from '../badge/png.js';

/** Quiet zone in modules: ISO/IEC 18004 asks for 4 around the symbol. */
export const QR_QUIET_ZONE = 4;

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  isDark(row: number, col: number): boolean;
}

/**
 * The QR matrix for a URL at error correction Q (25 % recoverable: posters get scuffed and
 * badges get printed small). A verification URL (~80 bytes) still fits in version 6–7.
 */
export function qrMatrix(text: string): QrMatrix {
  const cached = recent.get(text);
  if (cached) return cached;
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'Q' });
  const matrix: QrMatrix = { size: modules.size, isDark: (row, col) => Boolean(modules.get(row, col)) };
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value!);
  recent.set(text, matrix);
  return matrix;
}

// Encoding (choosing the mask) dominates the cost of a QR code and a URL always gives the same
// matrix, so the most recent ones are kept: a badge page and its images ask for the same URL.
const RECENT_LIMIT = 256;
const recent = new Map<string, QrMatrix>();

/** SVG path data drawing the dark modules, one unit per module, offset by the quiet zone. */
function modulesPath(matrix: QrMatrix): string {
  const parts: string[] = [];
  for (let row = 0; row < matrix.size; row++) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.isDark(row, col)) col++;
      parts.push(`M${start + QR_QUIET_ZONE} ${row + QR_QUIET_ZONE}h${col - start}v1h${start - col}z`);
    }
  }
  return parts.join('');
}

/**
 * A standalone SVG of the QR code (white background including the quiet zone), scalable:
 * only a viewBox in module units, plus width/height when `sizePx` is given.
 */
export function qrSvg(url: string, options: { sizePx?: number } = {}): string {
  const matrix = qrMatrix(url);
  const side = matrix.size + 2 * QR_QUIET_ZONE;
  const size = options.sizePx ? ` width="${options.sizePx}" height="${options.sizePx}"` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}"${size} shape-rendering="crispEdges">` +
    `<rect width="${side}" height="${side}" fill="#ffffff"/>` +
    `<path fill="#000000" d="${modulesPath(matrix)}"/>` +
    `</svg>`
  );
}

/**
 * A PNG of the QR code, `scale` pixels per module (default 8: a version-6 code becomes 392 px
 * square, crisp when printed at 3 cm). Pure Web APIs, so it runs on Workers as well.
 */
export async function qrPng(url: string, options: { scale?: number } = {}): Promise<Uint8Array> {
  const scale = Math.max(1, Math.min(32, Math.floor(options.scale ?? 8)));
  const matrix = qrMatrix(url);
  const side = (matrix.size + 2 * QR_QUIET_ZONE) * scale;
  const pixels = new Uint8Array(side * side).fill(255);
  for (let row = 0; row < matrix.size; row++) {
    for (let col = 0; col < matrix.size; col++) {
      if (!matrix.isDark(row, col)) continue;
      const x0 = (col + QR_QUIET_ZONE) * scale;
      const y0 = (row + QR_QUIET_ZONE) * scale;
      for (let y = y0; y < y0 + scale; y++) pixels.fill(0, y * side + x0, y * side + x0 + scale);
    }
  }
  return encodeGreyPng(side, side, pixels);
}
