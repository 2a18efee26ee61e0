/**
 * Japanese public identifiers: 法人番号 (corporate number) and 全国地方公共団体コード.
 * Pure functions; validate before anything touches the database.
 */

/**
 * Every hyphen, dash, minus and long-vowel mark people type or paste between the groups of a
 * number (‐ - – — ― − ｰ ー ﹣ －), as a regular-expression class: the input method's choice, or a
 * PDF's, is not the person's.
 */
export const DASHES = '[\\-‐‑‒–—―−ーｰ－﹣]';
const DASH = new RegExp(DASHES, 'g');

/** Full-width digits to ASCII, and every kind of hyphen or space removed. */
export function normalizeDigits(input: string): string {
  return input.normalize('NFKC').replace(/\s/g, '').replace(DASH, '');
}

/**
 * A phone number as meant: full-width digits, brackets and + in ASCII (NFKC), every kind of hyphen
 * as "-", spaces (the ideographic one too) as one, none at either end. 0３（1234）5678 → 03(1234)5678.
 */
export function normalizePhone(input: string): string {
  return input.normalize('NFKC').replace(DASH, '-').replace(/\s+/g, ' ').trim();
}

/** 法人番号: 13 digits, check digit first, computed over the 12-digit base number. */
export function isValidCorporateNumber(value: string): boolean {
  if (!/^[1-9]\d{12}$/.test(value)) return false;
  return corporateCheckDigit(value.slice(1)) === Number(value[0]);
}

export function corporateCheckDigit(base12: string): number {
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(base12[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

/** 地方公共団体コード: 5-digit JIS X 0402 code followed by its check digit. */
export function isValidLocalGovernmentCode(value: string): boolean {
  return /^\d{6}$/.test(value) && localGovernmentCheckDigit(value.slice(0, 5)) === Number(value[5]);
}

/** Check digit of a 5-digit JIS X 0402 code: weights 6,5,4,3,2, (11 − Σ mod 11) mod 10. */
export function localGovernmentCheckDigit(code5: string): number {
  const sum = [6, 5, 4, 3, 2].reduce((acc, w, i) => acc + w * Number(code5[i]), 0);
  return (11 - (sum % 11)) % 10;
}

/** Whether a valid 法人番号 is a local government's ("000020" + its code after the check digit, 東京都: 8000020130001). */
export const isLocalGovernmentCorporateNumber = (corporateNumber: string): boolean => corporateNumber.slice(1, 7) === '000020';

/** A local government's 法人番号 is its check digit + "000020" + its 6-digit code. */
export function corporateNumberOfLocalGovernment(localGovernmentCode: string): string {
  const base = `000020${localGovernmentCode}`;
  return `${corporateCheckDigit(base)}${base}`;
}

/**
 * The 法人番号 in a list a person pasted: a column copied from Excel (one a line), or numbers
 * separated by commas, 、 or spaces. Each piece holding a digit is one entry, as typed (a name or
 * a header copied with the column has none and is passed over); the same number twice, however
 * written, is one entry, and `repeated` counts the others.
 */
export function corporateNumberEntries(text: string): { entries: string[]; repeated: number } {
  const seen = new Set<string>();
  const entries: string[] = [];
  let repeated = 0;
  for (const piece of text.normalize('NFKC').split(/[\s,、;]+/)) {
    if (!/\d/.test(piece)) continue;
    const number = normalizeDigits(piece);
    if (seen.has(number)) repeated++;
    else {
      seen.add(number);
      entries.push(piece);
    }
  }
  return { entries, repeated };
}
