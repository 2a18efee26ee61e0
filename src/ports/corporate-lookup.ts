import { DomainError, invalid } from '../domain/errors.js';
import { isValidCorporateNumber, normalizeDigits } from '../domain/identifiers.js';

/**
 * A corporation's official name and head-office address, looked up by 法人番号 (as published
 * by the National Tax Agency). Dates are YYYY-MM-DD; absent values are null, never ''.
 */
export interface CorporateRecord {
  corporateNumber: string;
  /** 商号又は名称. */
  name: string;
  /** フリガナ of the name (katakana), when published. */
  furigana: string | null;
  /** English name the corporation registered, if any. */
  enName: string | null;
  /** 本店又は主たる事務所の所在地: prefecture, city, and the rest (丁目番地等). Empty for a head office abroad. */
  prefectureName: string;
  cityName: string;
  streetNumber: string;
  /** 国外所在地: the address of a head office outside Japan; null otherwise. */
  addressOutside: string | null;
  /** Seven digits, no hyphen. */
  postCode: string | null;
  /** JIS X 0401 '01'..'47'; null for an address abroad. */
  prefectureCode: string | null;
  /** True when the registration was closed (登記記録の閉鎖等: closeDate is set). */
  closed: boolean;
  closeDate: string | null;
  /** When the National Tax Agency last updated this record (更新年月日). */
  updateDate: string | null;
}

/**
 * Looks up a 法人番号. `lookup` answers null when no corporation has that number (or when no
 * lookup is configured: `source` is then null, so a form can skip offering it). Input that is not
 * a valid 法人番号 is a validation error on `corporateNumber`; a remote that fails, is too slow or
 * answers nonsense is a DomainError (kind 'internal', extra.reason) with ja/en messages.
 */
export interface CorporateNumberLookup {
  /** What answers: e.g. 'nta' (国税庁 法人番号システム Web-API); null = no lookup configured. */
  readonly source: string | null;
  lookup(corporateNumber: string): Promise<CorporateRecord | null>;
}

/**
 * The 13 digits of a 法人番号 as typed (full-width digits, spaces and hyphens allowed), or
 * invalid([{ field: 'corporateNumber' }]). Every adapter checks input the same way.
 */
export function corporateNumberInput(raw: string): string {
  const digits = normalizeDigits(String(raw ?? ''));
  if (!isValidCorporateNumber(digits)) {
    throw invalid([{
      field: 'corporateNumber',
      ja: '法人番号は13桁の数字で、先頭のチェックデジットが正しいものを入力してください。',
      en: 'Enter a 13-digit corporate number with a correct check digit (the first digit).',
    }]);
  }
  return digits;
}

/** Why a lookup failed, for the caller (and its logs): never the request URL or credentials. */
export type LookupFailure = 'timeout' | 'network' | 'refused' | 'http-status' | 'malformed';

/**
 * The remote could not give an answer. The error model has no "unavailable" kind; 'internal'
 * (HTTP 500) is the closest, and extra.reason tells the cases apart.
 */
export function lookupUnavailable(reason: LookupFailure, status?: number): DomainError {
  const extra = { reason, ...(status !== undefined ? { upstreamStatus: status } : {}) };
  if (reason === 'refused') {
    return new DomainError(
      'internal',
      '法人番号の照会が照会先に拒否されました。照会の設定（アプリケーションID）を管理者にご確認ください。名称と所在地は直接入力できます。',
      'The corporate number service refused the lookup: ask the administrator to check its settings (application ID). You can enter the name and address yourself.',
      [],
      extra,
    );
  }
  return new DomainError(
    'internal',
    reason === 'timeout'
      ? '法人番号の照会先から時間内に応答がありませんでした。時間をおいて再度お試しいただくか、名称と所在地を直接入力してください。'
      : '法人番号の照会先から正しい応答を得られませんでした。時間をおいて再度お試しいただくか、名称と所在地を直接入力してください。',
    reason === 'timeout'
      ? 'The corporate number service did not answer in time; retry later or enter the name and address yourself.'
      : 'The corporate number service did not give a usable answer; retry later or enter the name and address yourself.',
    [],
    extra,
  );
}

/** No lookup configured (the default, and offline): checks the input, answers null, never touches the network. */
export const noCorporateLookup: CorporateNumberLookup = {
  source: null,
  async lookup(corporateNumber) {
    corporateNumberInput(corporateNumber);
    return null;
  },
};
