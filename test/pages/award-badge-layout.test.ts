/**
 * The award badge at its real size (640×400) in chromium: with the division (部門) in its headline
 * and the award's date (表彰日) among its rows, every line stays on the card, and the left column's
 * text clears the QR code's frame and the footer, even for a long name with an English name.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BADGE_HEIGHT, BADGE_WIDTH, badgeSvg } from '../../src/adapters/badge/badge-svg.js';
import { awardInput } from '../badge/fixtures.js';
import { browserMissing, launchBrowser, SCREENSHOT_DIR } from '../helpers/browser.js';

/** Where the QR code's frame starts and the footer begins (badge-svg.ts QR_X − 6, FOOTER_Y). */
const QR_FRAME_X = 458;
const FOOTER_Y = 326;

const withDivisionAndDate = (organizationName: string, organizationNameEn: string) =>
  awardInput({
    organizationName,
    organizationNameEn,
    headlineJa: '令和7年度（2025年度） 地方創生テレワーク表彰 大臣賞（中堅・中小企業・小規模事業者部門）',
    headlineEn: "FY2025 Regional Revitalization Telework Award — Minister's Award (Medium-sized, small and micro enterprises)",
    awardedOn: '2026-02-10',
  });

describe.skipIf(browserMissing)('the award badge with its division and 表彰日, in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [name, input] of [
    ['short', withDivisionAndDate('株式会社みらいワーク', 'Mirai Work Co., Ltd.')],
    ['long', withDivisionAndDate('一般社団法人 地方創生テレワーク推進のための全国中小企業経営者協議会 北海道・東北ブロック連絡会議', 'National Council of Small and Medium Enterprise Executives for Regional Telework')],
  ] as const) {
    it(`keeps every line on the card and the body clear of the QR code and the footer (${name} name)`, async () => {
      const page = await browser.newPage({ viewport: { width: BADGE_WIDTH, height: BADGE_HEIGHT } });
      await page.setContent(`<body style="margin:0">${badgeSvg(input)}</body>`, { waitUntil: 'load' });
      await page.screenshot({ path: join(SCREENSHOT_DIR, `badge-award-division-${name}.png`) });
      const texts = await page.locator('body > svg > text').evaluateAll((nodes) =>
        nodes.map((node) => {
          const box = node.getBoundingClientRect();
          return { text: node.textContent ?? '', x: Number(node.getAttribute('x')), y: Number(node.getAttribute('y')), left: box.left, right: box.right, top: box.top, bottom: box.bottom };
        }),
      );
      const body = texts.filter((t) => t.x < QR_FRAME_X && t.y > 72 && t.y < FOOTER_Y);
      expect(body.map((t) => t.text)).toContain('2026年2月10日');
      expect(body.map((t) => t.text).join('')).toContain('大臣賞（中堅・中小企業・小規模事業者部門）');
      for (const t of texts) {
        expect(t.left, t.text).toBeGreaterThanOrEqual(0);
        expect(t.right, t.text).toBeLessThanOrEqual(BADGE_WIDTH);
        expect(t.bottom, t.text).toBeLessThanOrEqual(BADGE_HEIGHT);
      }
      for (const t of body) {
        expect(t.right, t.text).toBeLessThanOrEqual(QR_FRAME_X);
        expect(t.bottom, t.text).toBeLessThanOrEqual(FOOTER_Y);
      }
      await page.close();
    });
  }
});
