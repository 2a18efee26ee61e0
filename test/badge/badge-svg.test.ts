import { describe, expect, it } from 'vitest';
import { BADGE_HEIGHT, BADGE_WIDTH, badgeSvg } from '../../src/adapters/badge/badge-svg.js';
import { LOGO_SVG, logoGroup } from '../../src/adapters/badge/logo.js';
import { renderPng } from '../../src/adapters/badge/render-png.js';
import { escapeXml, fitText } from '../../src/adapters/badge/text-fit.js';
import { awardInput, CREDENTIAL_ID, declarationInput, HOSTILE, VERIFY_URL } from './fixtures.js';

describe('badge SVG', () => {
  it('carries every required element of a declaration badge', () => {
    const svg = badgeSvg(declarationInput());
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain(`viewBox="0 0 ${BADGE_WIDTH} ${BADGE_HEIGHT}"`);
    expect(svg).toContain(`font-family="'Noto Sans JP', sans-serif"`);
    expect(svg).toContain(logoGroup(22, 12, 48)); // the logo mark
    expect(svg).toContain('株式会社みらいワーク');
    expect(svg).toContain('Mirai Work Co., Ltd.');
    expect(svg).toContain('7123456789012');
    expect(svg).toContain('地方創生テレワーク 自己宣言');
    expect(svg).toContain('自己宣言');
    expect(svg).toContain(CREDENTIAL_ID);
    expect(svg).toContain(VERIFY_URL);
    expect(svg).toContain('<svg x="'); // the nested QR code
    expect(svg).toContain('<title id="badge-title">');
    expect(svg).not.toContain('認定'); // a declaration is a 宣言, never "certified"
  });

  it('shows the fiscal year of an award once, as 令和N年度（YYYY年度）', () => {
    const inHeadline = badgeSvg(awardInput());
    expect(inHeadline.split('令和7年度（2025年度）').length - 1).toBe(2); // headline + <title>
    expect(inHeadline).toContain('表彰');
    const separate = badgeSvg(awardInput({ headlineJa: '地方創生テレワーク表彰 優秀賞' }));
    expect(separate).toContain('>令和7年度（2025年度）</text>');
  });

  it('escapes hostile user text everywhere it appears', () => {
    const svg = badgeSvg(declarationInput({ organizationName: HOSTILE, organizationNameEn: HOSTILE, corporateNumber: '"><x' }));
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<!--');
    expect(svg).not.toContain(']]>');
    expect(svg).not.toContain('"><x');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;');
  });

  it('is well-formed XML for a real renderer, hostile input included', async () => {
    const png = await renderPng(badgeSvg(awardInput({ organizationName: HOSTILE })), { width: 320 });
    expect(png.length).toBeGreaterThan(1000);
  });

  it('rejects a qrSvg that is not an SVG document', () => {
    expect(() => badgeSvg(declarationInput({ qrSvg: '<script>x</script>' }))).toThrow(/qrSvg/);
  });

  it('the standalone logo is an accessible SVG document', () => {
    expect(LOGO_SVG).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*role="img"/);
    expect(LOGO_SVG).toContain('<title');
  });
});

describe('text fitting', () => {
  it('keeps a short name on one line at full size', () => {
    expect(fitText('株式会社みらいワーク', { maxWidth: 400, maxSize: 30, minSize: 14, maxLines: 3 })).toEqual({
      fontSize: 30,
      lines: ['株式会社みらいワーク'],
    });
  });

  it('wraps, shrinks, and finally truncates with an ellipsis', () => {
    const fitted = fitText('地方創生'.repeat(40), { maxWidth: 200, maxSize: 30, minSize: 14, maxLines: 2 });
    expect(fitted.fontSize).toBe(14);
    expect(fitted.lines).toHaveLength(2);
    expect(fitted.lines[1]!.endsWith('…')).toBe(true);
  });

  it('does not start a line with closing punctuation', () => {
    const fitted = fitText('あいうえおかきくけ。さしすせそ', { maxWidth: 90, maxSize: 10, minSize: 10, maxLines: 3 });
    for (const line of fitted.lines) expect(line.startsWith('。')).toBe(false);
  });

  it('escapes all five XML specials and drops characters XML forbids', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
