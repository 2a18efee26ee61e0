import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { badgeSvg } from '../../src/adapters/badge/badge-svg.js';
import { BADGE_FONT_FILES, renderPng } from '../../src/adapters/badge/render-png.js';
import { awardInput, declarationInput, decodePng, diffPixels, inkPixels, readQr, VERIFY_URL } from './fixtures.js';

// The organization name sits in the left column below the headline (badge coordinates at 1×).
const NAME_AREA = { x: 32, y: 160, w: 400, h: 80 };
const render = async (svg: string, width = 640) => decodePng(await renderPng(svg, { width }));

describe('badge PNG rendering', () => {
  it('loads Noto Sans JP from node_modules as TrueType files', () => {
    expect(BADGE_FONT_FILES.length).toBeGreaterThanOrEqual(2);
    for (const file of BADGE_FONT_FILES) {
      const head = readFileSync(file).subarray(0, 4);
      expect([...head]).toEqual([0, 1, 0, 0]); // sfnt version 1.0 = TrueType outlines
    }
  });

  it('draws Japanese glyphs for the organization name, not blanks or tofu', async () => {
    // Only the name in the area: no English name or 法人番号 row flowing up into it.
    const only = { organizationNameEn: undefined, corporateNumber: undefined };
    const named = await render(badgeSvg(declarationInput({ ...only })));
    const empty = await render(badgeSvg(declarationInput({ ...only, organizationName: '' })));
    const other = await render(badgeSvg(declarationInput({ ...only, organizationName: '合同会社ひがしテック' })));
    expect(named.width).toBe(640);
    expect(named.height).toBe(400);
    expect(inkPixels(named, NAME_AREA)).toBeGreaterThan(1500);
    expect(inkPixels(empty, NAME_AREA)).toBe(0);
    expect(diffPixels(named, empty, NAME_AREA)).toBeGreaterThan(1500);
    // Missing glyphs would all be the same .notdef box: two different strings of the same
    // length must differ clearly.
    expect(diffPixels(named, other, NAME_AREA)).toBeGreaterThan(1000);
  });

  it('keeps the QR code on the badge scannable at 1× and 2×', async () => {
    expect(readQr(await render(badgeSvg(awardInput()), 640))).toBe(VERIFY_URL);
    expect(readQr(await render(badgeSvg(awardInput()), 1280))).toBe(VERIFY_URL);
  });

  it('never lets a very long name spill into the QR column or the footer', async () => {
    const long = '一般社団法人 地方創生テレワーク推進のための全国中小企業経営者協議会 北海道・東北ブロック連絡会議事務局'.repeat(2);
    for (const input of [
      declarationInput({ organizationName: long, organizationNameEn: 'X'.repeat(200) }),
      awardInput({ organizationName: 'W'.repeat(300), headlineJa: '令和7年度（2025年度）'.repeat(4), fiscalYearLabel: '令和8年度（2026年度）' }),
      // A division in the headline and the award's date (表彰日) as a row.
      awardInput({ organizationName: long, organizationNameEn: 'X'.repeat(200), headlineJa: '令和7年度（2025年度） 地方創生テレワーク表彰 大臣賞（中堅・中小企業・小規模事業者部門）', awardedOn: '2026-02-10' }),
    ]) {
      const image = await render(badgeSvg(input));
      expect(inkPixels(image, { x: 436, y: 76, w: 20, h: 246 })).toBe(0); // gutter before the QR frame
      expect(inkPixels(image, { x: 8, y: 312, w: 440, h: 13 })).toBe(0); // band above the footer
    }
  });

  it('writes sample badges to test-artifacts/ for a human to look at', async () => {
    mkdirSync('test-artifacts', { recursive: true });
    for (const [name, input] of [
      ['declaration', declarationInput()],
      ['award', awardInput()],
    ] as const) {
      const svg = badgeSvg(input);
      writeFileSync(`test-artifacts/badge-sample-${name}.svg`, svg);
      writeFileSync(`test-artifacts/badge-sample-${name}.png`, await renderPng(svg, { width: 1280 }));
    }
  });
});
