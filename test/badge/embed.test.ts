import { describe, expect, it } from 'vitest';
import { badgeEmbedHtml } from '../../src/adapters/badge/embed.js';
import { BASE_URL, CREDENTIAL_ID, HOSTILE, VERIFY_URL } from './fixtures.js';

const badgeImageUrl = `${BASE_URL}/credentials/${CREDENTIAL_ID}/badge.svg`;

describe('HTML embed snippet', () => {
  it('links the badge image to the verification page with a descriptive alt text', () => {
    const html = badgeEmbedHtml({ badgeImageUrl, verificationUrl: VERIFY_URL, organizationName: '株式会社みらいワーク', headlineJa: '地方創生テレワーク 自己宣言' });
    expect(html).toBe(
      `<a href="${VERIFY_URL}" target="_blank" rel="noopener"><img src="${badgeImageUrl}" alt="株式会社みらいワーク 地方創生テレワーク 自己宣言（クリックで真正性を確認）" width="320" height="200" loading="lazy"></a>`,
    );
  });

  it('describes the badge in English for an English page: the English name where the organization has one', () => {
    const input = { badgeImageUrl, verificationUrl: VERIFY_URL, organizationName: '株式会社みらいワーク', headlineJa: '地方創生テレワーク 自己宣言', headlineEn: 'Regional Revitalization Telework — Self-declaration', lang: 'en' as const };
    expect(badgeEmbedHtml({ ...input, organizationNameEn: 'Mirai Work Co., Ltd.' })).toContain('alt="Mirai Work Co., Ltd.: Regional Revitalization Telework — Self-declaration (click to check it is genuine)"');
    expect(badgeEmbedHtml(input)).toContain('alt="株式会社みらいワーク: Regional Revitalization Telework — Self-declaration (click to check it is genuine)"');
  });

  it('escapes hostile names and refuses non-http URLs', () => {
    const html = badgeEmbedHtml({ badgeImageUrl, verificationUrl: VERIFY_URL, organizationName: HOSTILE, headlineJa: '"', width: 9999 });
    expect(html).not.toContain('<script');
    expect(html.match(/"/g)!.length % 2).toBe(0);
    expect(html).toContain('width="1280" height="800"');
    expect(() => badgeEmbedHtml({ badgeImageUrl: 'javascript:alert(1)', verificationUrl: VERIFY_URL, organizationName: 'x', headlineJa: 'y' })).toThrow();
  });
});
