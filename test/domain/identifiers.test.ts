import { describe, expect, it } from 'vitest';
import {
  corporateNumberEntries, corporateNumberOfLocalGovernment, isValidCorporateNumber, isValidLocalGovernmentCode, normalizeDigits,
} from '../../src/domain/identifiers.js';
import { formatFiscalYearEn, formatFiscalYearJa, fiscalYearOf } from '../../src/domain/fiscal-year.js';

describe('法人番号 (corporate number)', () => {
  it.each(['7000012050002', '8000020130001', '1180301018771', '4011001098993', '7123456789012'])('accepts %s', (n) => {
    expect(isValidCorporateNumber(n)).toBe(true);
  });
  it.each(['7000012050003', '0000012050002', '700001205000', '７００００１２０５０００２'])('rejects %s as given', (n) => {
    expect(isValidCorporateNumber(n)).toBe(false);
  });
  it('validates full-width digits and hyphens after normalization', () => {
    expect(isValidCorporateNumber(normalizeDigits('７００００１２０５０００２'))).toBe(true);
    expect(isValidCorporateNumber(normalizeDigits('7-0000-1205-0002'))).toBe(true);
    expect(isValidCorporateNumber(normalizeDigits('７－００００－１２０５－０００２'))).toBe(true);
  });
});

describe('a pasted list of 法人番号 (/check)', () => {
  it('reads a column copied from Excel with its header and names, commas, 、, full-width digits and spaces, and a number with hyphens', () => {
    const pasted = '法人番号\t団体名\r\n7000012050002\t国税庁\r\n８００００２０１３０００１, 1180301018771、4011-001-098993\u3000700001205000\n\n';
    expect(corporateNumberEntries(pasted)).toEqual({ entries: ['7000012050002', '8000020130001', '1180301018771', '4011-001-098993', '700001205000'], repeated: 0 });
  });

  it('keeps the same number once, however it was written, and counts the repeats', () => {
    expect(corporateNumberEntries('7000012050002\n７０００－０１２０５０００２\n7000012050002\n8000020130001')).toEqual({ entries: ['7000012050002', '8000020130001'], repeated: 2 });
  });

  it('finds nothing in text without digits', () => {
    expect(corporateNumberEntries('株式会社テレワーク\n法人番号')).toEqual({ entries: [], repeated: 0 });
  });
});

describe('地方公共団体コード (local government code)', () => {
  it.each(['131016', '011002', '222101', '152170', '130001'])('accepts %s', (code) => {
    expect(isValidLocalGovernmentCode(code)).toBe(true);
  });
  it.each(['131017', '13101', '1310160', 'abcdef'])('rejects %s', (code) => {
    expect(isValidLocalGovernmentCode(code)).toBe(false);
  });
  it("derives a local government's 法人番号 (東京都 130001 → 8000020130001)", () => {
    expect(corporateNumberOfLocalGovernment('130001')).toBe('8000020130001');
  });
});

describe('fiscal year (年度)', () => {
  it('names the year a fiscal year starts in, April to March', () => {
    expect(fiscalYearOf(new Date('2026-03-31T00:00:00Z'))).toBe(2025);
    expect(fiscalYearOf(new Date('2026-04-01T00:00:00Z'))).toBe(2026);
  });
  it('shows the Reiwa era with the Western year', () => {
    expect(formatFiscalYearJa(2025)).toBe('令和7年度（2025年度）');
    expect(formatFiscalYearJa(2019)).toBe('令和元年度（2019年度）');
    expect(formatFiscalYearEn(2025)).toBe('FY2025 (April 2025 – March 2026)');
  });
});
