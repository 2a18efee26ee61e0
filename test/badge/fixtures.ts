/** Shared inputs and image helpers for the badge/QR tests. */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { BadgeInput } from '../../src/adapters/badge/badge-svg.js';
import { qrSvg } from '../../src/adapters/qr/qr.js';

export const BASE_URL = 'https://registry.telework.example.jp';
export const CREDENTIAL_ID = '01973a2c-5f1e-7b3a-9c4d-2e8f6a1b0c9d';
export const VERIFY_URL = `${BASE_URL}/v/${CREDENTIAL_ID}`;
export const HOSTILE = `<script>alert(1)</script> & "q" 'a' ]]> <!-- x -->`;

export function declarationInput(overrides: Partial<BadgeInput> = {}): BadgeInput {
  return {
    kind: 'declaration',
    organizationName: '株式会社みらいワーク',
    organizationNameEn: 'Mirai Work Co., Ltd.',
    corporateNumber: '7123456789012',
    headlineJa: '地方創生テレワーク 自己宣言',
    headlineEn: 'Regional Revitalization Telework — Self-declaration',
    credentialId: CREDENTIAL_ID,
    verificationUrl: VERIFY_URL,
    qrSvg: qrSvg(VERIFY_URL),
    issuerName: '地方創生テレワーク宣言・表彰レジストリ',
    ...overrides,
  };
}

export function awardInput(overrides: Partial<BadgeInput> = {}): BadgeInput {
  return declarationInput({
    kind: 'award',
    headlineJa: '令和7年度（2025年度） 地方創生テレワーク表彰 大臣賞',
    headlineEn: "FY2025 Regional Revitalization Telework Award — Minister's Award",
    fiscalYearLabel: '令和7年度（2025年度）',
    ...overrides,
  });
}

export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

export function decodePng(png: Uint8Array): Rgba {
  const image = PNG.sync.read(Buffer.from(png));
  return { width: image.width, height: image.height, data: new Uint8Array(image.data) };
}

export function readQr(image: Rgba): string | null {
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

/** Luminance 0–255 of the pixel at (x, y), composited over white. */
export function luminance(image: Rgba, x: number, y: number): number {
  const i = (y * image.width + x) * 4;
  const a = image.data[i + 3]! / 255;
  const lum = 0.2126 * image.data[i]! + 0.7152 * image.data[i + 1]! + 0.0722 * image.data[i + 2]!;
  return lum * a + 255 * (1 - a);
}

/** Number of pixels that differ between two same-sized images inside a rectangle. */
export function diffPixels(a: Rgba, b: Rgba, box: { x: number; y: number; w: number; h: number }): number {
  let n = 0;
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) {
      if (Math.abs(luminance(a, x, y) - luminance(b, x, y)) > 8) n++;
    }
  }
  return n;
}

/** Number of dark ("ink") pixels inside a rectangle. */
export function inkPixels(image: Rgba, box: { x: number; y: number; w: number; h: number }, threshold = 200): number {
  let n = 0;
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) if (luminance(image, x, y) < threshold) n++;
  }
  return n;
}
