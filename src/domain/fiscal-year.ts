import { japanDate } from './japan-calendar.js';

/** 年度 runs 1 April – 31 March and is named by the Western year it starts in. */
export function fiscalYearOf(date: Date): number {
  const month = date.getUTCMonth() + 1;
  return month >= 4 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
}

/** The 年度 an instant falls in as Japan counts it: from 1 April 00:00 JST, not UTC. */
export const japanFiscalYearOf = (instant: Date): number => fiscalYearOf(new Date(`${japanDate(instant.toISOString())}T00:00:00Z`));

/** 2025 → "令和7年度（2025年度）"; 2019 → "令和元年度（2019年度）". Reiwa only (FY2019 on). */
export function formatFiscalYearJa(fiscalYear: number): string {
  const reiwa = fiscalYear - 2018;
  if (reiwa < 1) return `${fiscalYear}年度`;
  return `令和${reiwa === 1 ? '元' : reiwa}年度（${fiscalYear}年度）`;
}

/** English uses Western years only: 2025 → "FY2025 (April 2025 – March 2026)". */
export function formatFiscalYearEn(fiscalYear: number): string {
  return `FY${fiscalYear} (April ${fiscalYear} – March ${fiscalYear + 1})`;
}
