import { describe, expect, it } from 'vitest';
import {
  corporateNumberOfLocalGovernment, isValidCorporateNumber, isValidLocalGovernmentCode, normalizeDigits,
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
