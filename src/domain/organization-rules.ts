import { INDUSTRIES, PREFECTURES, SIZE_BANDS } from './codes.js';
import { invalid, type FieldProblem } from './errors.js';
import { checkEmail } from './accounts/person-rules.js';
import {
  corporateNumberOfLocalGovernment, isLocalGovernmentCorporateNumber, isValidCorporateNumber, isValidLocalGovernmentCode, normalizeDigits, normalizePhone,
} from './identifiers.js';
import type { Contact, OrganizationKind } from './model.js';

/** What a client sends to create or update an organization (already shape-checked by JSON Schema). */
export interface OrganizationInput {
  kind: OrganizationKind;
  name: string;
  nameKana?: string | null;
  nameEn?: string | null;
  corporateNumber?: string | null;
  localGovernmentCode?: string | null;
  prefectureCode: string;
  city?: string | null;
  industryCode?: string | null;
  sizeBand?: string | null;
  website?: string | null;
  contact?: Contact | null;
}

export type NormalizedOrganization = Required<{ [K in keyof OrganizationInput]: Exclude<OrganizationInput[K], undefined> }>;

/**
 * Normalizes full-width digits and hyphens, then checks identifiers and codes. Throws one
 * validation error listing every failing field. A municipality's 法人番号 is derived from its
 * 地方公共団体コード when not given, and cross-checked when it is.
 */
export function normalizeOrganization(input: OrganizationInput): NormalizedOrganization {
  const problems: FieldProblem[] = [];
  const corporateNumber = input.corporateNumber ? normalizeDigits(input.corporateNumber) : null;
  const localGovernmentCode = input.localGovernmentCode ? normalizeDigits(input.localGovernmentCode) : null;
  const prefectureCode = normalizeDigits(input.prefectureCode).padStart(2, '0');

  if (corporateNumber !== null && !isValidCorporateNumber(corporateNumber)) {
    problems.push({
      field: '/corporateNumber',
      ja: '法人番号は13桁で、先頭のチェックディジットが正しくなければなりません。',
      en: 'The corporate number must be 13 digits with a valid leading check digit.',
    });
  }
  if (localGovernmentCode !== null && !isValidLocalGovernmentCode(localGovernmentCode)) {
    problems.push({
      field: '/localGovernmentCode',
      ja: '地方公共団体コードは6桁で、末尾のチェックディジットが正しくなければなりません。',
      en: 'The local government code must be 6 digits with a valid check digit.',
    });
  }
  if (input.kind === 'company' && corporateNumber === null) {
    problems.push({ field: '/corporateNumber', ja: '企業には法人番号が必要です。', en: 'The corporate number is required for a company.' });
  } else if (input.kind !== 'municipality' && corporateNumber !== null && isValidCorporateNumber(corporateNumber) && isLocalGovernmentCorporateNumber(corporateNumber)) {
    // "000020" + the code is the base of a local government's 法人番号 (東京都: 8000020130001). As a
    // company or another body it would also take the number the municipality registers under.
    problems.push({ field: '/corporateNumber', ja: 'この法人番号は地方公共団体のものです。種類を「地方公共団体」にして、地方公共団体コードで登録してください。', en: "This corporate number is a local government's: register it as a municipality, by its local government code." });
  }
  if (input.kind === 'municipality' && localGovernmentCode === null) {
    problems.push({
      field: '/localGovernmentCode',
      ja: '地方公共団体には地方公共団体コードが必要です。',
      en: 'The local government code is required for a municipality.',
    });
  }
  if (input.kind !== 'municipality' && localGovernmentCode !== null) {
    problems.push({
      field: '/localGovernmentCode',
      ja: '地方公共団体コードは地方公共団体にのみ指定できます。',
      en: 'A local government code may only be given for a municipality.',
    });
  }
  if (!PREFECTURES[prefectureCode]) {
    problems.push({ field: '/prefectureCode', ja: '都道府県コードは01〜47です。', en: 'The prefecture code must be "01" to "47" (JIS X 0401).' });
  }
  const validLgCode = localGovernmentCode !== null && isValidLocalGovernmentCode(localGovernmentCode);
  if (validLgCode && PREFECTURES[prefectureCode] && localGovernmentCode.slice(0, 2) !== prefectureCode) {
    problems.push({
      field: '/prefectureCode',
      ja: '都道府県コードが地方公共団体コードの先頭2桁と一致しません。',
      en: 'The prefecture does not match the first two digits of the local government code.',
    });
  }
  const derived = validLgCode ? corporateNumberOfLocalGovernment(localGovernmentCode) : null;
  if (derived && corporateNumber !== null && isValidCorporateNumber(corporateNumber) && corporateNumber !== derived) {
    problems.push({
      field: '/corporateNumber',
      ja: `法人番号が地方公共団体コードと一致しません（${derived} のはずです）。`,
      en: `The corporate number does not match the local government code (expected ${derived}).`,
    });
  }
  if (input.industryCode && !INDUSTRIES[input.industryCode]) {
    problems.push({ field: '/industryCode', ja: '業種は日本標準産業分類の大分類A〜Tです。', en: 'The industry must be a JSIC major group, A to T.' });
  }
  if (input.sizeBand && !(SIZE_BANDS as readonly string[]).includes(input.sizeBand)) {
    problems.push({ field: '/sizeBand', ja: `従業員規模は ${SIZE_BANDS.join(', ')} のいずれかです。`, en: `The employee-count band must be one of ${SIZE_BANDS.join(', ')}.` });
  }
  const contact = input.contact ? normalizeContact(input.contact, problems) : null;
  if (problems.length > 0) throw invalid(problems);

  return {
    kind: input.kind,
    name: input.name.trim(),
    // A reading in full-width katakana, as the form asks: ｶﾌﾞｼｷｶﾞｲｼｬ from a half-width input or a PDF is カブシキガイシャ.
    nameKana: input.nameKana?.normalize('NFKC').replace(/\s+/g, ' ').trim() || null,
    nameEn: input.nameEn?.trim() || null,
    corporateNumber: corporateNumber ?? derived,
    localGovernmentCode,
    prefectureCode,
    city: input.city?.trim() || null,
    industryCode: input.industryCode ?? null,
    sizeBand: input.sizeBand ?? null,
    website: input.website ?? null,
    contact,
  };
}

/** A phone number once read as meant (normalizePhone): digits, brackets, +, hyphens and spaces. */
const PHONE = /^[0-9+() -]*[0-9][0-9+() -]*$/;

/**
 * The contact as meant when typed with a Japanese input method on or pasted: the e-mail address
 * read as the registry reads every address (checkEmail: full width to half width, trimmed), the
 * phone number by normalizePhone. What is still not an address or a number is added to `problems`.
 */
function normalizeContact(contact: Contact, problems: FieldProblem[]): Contact {
  const normalized: Contact = { ...contact };
  if (contact.email !== undefined) {
    const email = checkEmail(contact.email, '/contact/email');
    problems.push(...email.problems);
    if (email.value === null) delete normalized.email;
    else normalized.email = email.value;
  }
  if (contact.phone !== undefined) {
    const phone = normalizePhone(contact.phone);
    if (phone === '') delete normalized.phone;
    else if (PHONE.test(phone)) normalized.phone = phone;
    else problems.push({ field: '/contact/phone', ja: '電話番号は数字・ハイフン・括弧・+ で入力してください（例: 03-1234-5678）。', en: 'Enter the phone number with digits, hyphens, brackets or + (e.g. 03-1234-5678).' });
  }
  return normalized;
}
