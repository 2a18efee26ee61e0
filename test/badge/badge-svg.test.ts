import { describe, expect, it } from 'vitest';
import {
  BADGE_HEIGHT, BADGE_WIDTH, badgeSvg, COMPACT_HEIGHT, COMPACT_WIDTH, compactBadgeSvg, detailRows, issuerTextWidth, NOT_VALID_STATE_LABELS, notValidBadgeSvg, shortCredentialId, type NotValidState,
} from '../../src/adapters/badge/badge-svg.js';
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

/** Every <text> of an SVG with its font size (tspans inherit; their own sizes are checked too). */
function fontSizes(svg: string): number[] {
  return [...svg.matchAll(/<(?:text|tspan)\b[^>]*\sfont-size="([\d.]+)"/g)].map((m) => Number(m[1]));
}
function viewBoxWidth(svg: string): number {
  return Number(/viewBox="0 0 ([\d.]+) /.exec(svg)![1]);
}

describe('badge details (issue 15 point 9)', () => {
  it('a declaration shows its declaration date (宣言日) and valid-until (有効期限), not a fiscal year (年度)', () => {
    const svg = badgeSvg(declarationInput({ declaredOn: '2025-06-10', validUntil: '2027-06-30T14:59:59Z', fiscalYearLabel: '令和8年度（2026年度）' }));
    expect(svg).toContain('>宣言日<');
    expect(svg).toContain('>2025年6月10日</text>');
    expect(svg).toContain('>有効期限<');
    expect(svg).toContain('>2027年6月30日</text>');
    expect(svg).not.toContain('年度');
  });

  it('a valid-until instant is printed on its day in Japan, as /v, the portal and the e-mails print it', () => {
    // Published at 05:11 in Japan (20:11 UTC the day before): the credential ends on 4 December in Japan.
    const until = '2029-12-03T20:11:00.000Z';
    expect(badgeSvg(declarationInput({ validUntil: until }))).toContain('>2029年12月4日</text>');
    expect(compactBadgeSvg(declarationInput({ validUntil: until }))).toContain('2029年12月4日');
    expect(compactBadgeSvg(declarationInput({ validUntil: until }))).not.toContain('2029年12月3日');
  });

  it('a municipality is identified by its 地方公共団体コード, never a 法人番号', () => {
    const svg = badgeSvg(declarationInput({ organizationName: '北海道ニセコ町', corporateNumber: '8000020013951', localGovernmentCode: '013951' }));
    expect(svg).toContain('>地方公共団体コード<');
    expect(svg).toContain('>013951</text>');
    expect(svg).not.toContain('法人番号');
    expect(detailRows(declarationInput())[0]![0]).toBe('法人番号');
  });

  it.each(['declaration', 'award'] as const)("the registry's full English name fits beside the %s chip (not cut off)", (kind) => {
    const issuerNameEn = 'Regional Revitalization Telework Declaration and Award Registry';
    const svg = badgeSvg(declarationInput({ kind, issuerNameEn }));
    const match = new RegExp(`<text x="86" y="54" font-size="([\\d.]+)"[^>]*>${issuerNameEn}</text>`).exec(svg);
    expect(match, 'the whole name, no ellipsis').not.toBeNull();
    const chipWidth = Number(/<rect x="[\d.]+" y="14" width="([\d.]+)" height="44"/.exec(svg)![1]);
    // A rough monospace estimate (0.6 em a character) must fit the room between the logo and the chip.
    expect(issuerNameEn.length * Number(match![1]) * 0.6).toBeLessThanOrEqual(issuerTextWidth(chipWidth));
  });
});

describe('compact badge (issue 15 point 3c)', () => {
  const long = declarationInput({ organizationName: '株式会社みらいワーク・ホールディングス地方創生推進本部', validUntil: '2027-06-30' });
  it.each([
    ['valid', compactBadgeSvg(long)],
    ['award', compactBadgeSvg(awardInput({ validUntil: '2028-03-31' }))],
    ['not valid', compactBadgeSvg(long, 'superseded')],
  ])('%s: every text is at least 11 px when shown 240 px wide', (_, svg) => {
    const scale = 240 / viewBoxWidth(svg);
    const sizes = fontSizes(svg);
    expect(sizes.length).toBeGreaterThan(3);
    for (const size of sizes) expect(size * scale).toBeGreaterThanOrEqual(11);
  });

  it('carries the name, the kind, valid-until and a short ID, and nothing smaller', () => {
    const svg = compactBadgeSvg(declarationInput({ validUntil: '2027-06-30' }));
    expect(svg).toContain('株式会社みらいワーク');
    expect(svg).toContain('自己宣言');
    expect(svg).toContain('2027年6月30日');
    expect(svg).toContain(`>${shortCredentialId(CREDENTIAL_ID)}</tspan>`);
    expect(svg).not.toContain(CREDENTIAL_ID);
    expect(svg).toContain(`viewBox="0 0 ${COMPACT_WIDTH} ${COMPACT_HEIGHT}"`);
  });

  it('renders (well-formed for resvg)', async () => {
    expect((await renderPng(compactBadgeSvg(awardInput({ organizationName: HOSTILE }), 'revoked'), { width: 240 })).length).toBeGreaterThan(500);
  });
});

describe('not-valid badge (issue 15 point 3b)', () => {
  it.each(Object.entries(NOT_VALID_STATE_LABELS))('%s: says 現在有効ではありません and the state, still names the verification page', (state, label) => {
    const svg = notValidBadgeSvg(declarationInput(), state as NotValidState);
    expect(svg).toContain('現在有効ではありません');
    expect(svg).toContain('Not currently valid');
    expect(svg).toContain(`>${label.ja}</text>`);
    expect(svg).toContain(VERIFY_URL);
    expect(svg).not.toContain('openbadges');
  });

  it('renders (well-formed for resvg), hostile name included', async () => {
    expect((await renderPng(notValidBadgeSvg(declarationInput({ organizationName: HOSTILE }), 'suspended'), { width: 320 })).length).toBeGreaterThan(1000);
  });
});
