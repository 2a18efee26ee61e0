import { corporateCheckDigit } from '../../src/domain/identifiers.js';

/** Valid 法人番号 for the n-th test company (check digit computed). */
export function corporateNumberFor(n: number): string {
  const base = String(100000000000 + n).slice(-12);
  return `${corporateCheckDigit(base)}${base}`;
}
