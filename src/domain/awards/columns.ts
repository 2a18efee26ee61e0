/**
 * The columns of an award import file, as a secretariat keeps them in Excel: a header row in
 * Japanese (English keys accepted too), in any order. Pure: what a header or a cell says;
 * whether the codes and organizations exist is the import service's question.
 */
import { DomainError } from '../errors.js';
import { isValidCorporateNumber, isValidLocalGovernmentCode, normalizeDigits } from '../identifiers.js';
import { withoutIgnorables } from '../name-key.js';
import { lineBreaksAsLf } from '../readable-text.js';
import { readTypedDate } from '../typed-date.js';

export const AWARD_CSV_COLUMNS = [
  { key: 'fiscalYear', ja: '年度', en: 'Fiscal year', required: true, example: '2025' },
  { key: 'category', ja: '表彰区分', en: 'Category', required: true, example: '大臣賞' },
  { key: 'division', ja: '部門', en: 'Division', required: false, example: '' },
  { key: 'corporateNumber', ja: '法人番号', en: 'Corporate number', required: false, example: '7000012050002' },
  { key: 'localGovernmentCode', ja: '地方公共団体コード', en: 'Local government code', required: false, example: '' },
  { key: 'organizationName', ja: '団体名', en: 'Organization name', required: false, example: '' },
  { key: 'partnerMunicipalityCode', ja: '連携自治体コード', en: 'Partner municipality code', required: false, example: '' },
  { key: 'overview', ja: '概要', en: 'Overview', required: false, example: '' },
  { key: 'message', ja: 'メッセージ', en: 'Message', required: false, example: '' },
  { key: 'awardedOn', ja: '表彰日', en: 'Awarded on', required: false, example: '2026-02-10' },
] as const;

export type AwardCsvColumn = (typeof AWARD_CSV_COLUMNS)[number]['key'];

/** The canonical header row, in template order (what the template download holds). */
export const AWARD_CSV_HEADER: readonly string[] = AWARD_CSV_COLUMNS.map((c) => c.ja);

/**
 * The template file's text: the header row only, CRLF, with a BOM so that Excel opens it as
 * UTF-8 (encode with TextEncoder; serve as text/csv; charset=utf-8).
 */
export function awardCsvTemplate(): string {
  return `\uFEFF${AWARD_CSV_HEADER.join(',')}\r\n`;
}

const columnByKey = new Map<string, AwardCsvColumn>(AWARD_CSV_COLUMNS.map((c) => [c.key.toLowerCase(), c.key]));
/**
 * Headers the template once had, still read: files the secretariat saved from the template before
 * the award date was named 表彰日 as on every other page say 授賞日.
 */
const FORMER_HEADERS: readonly [string, AwardCsvColumn][] = [['授賞日', 'awardedOn']];
const columnByJa = new Map<string, AwardCsvColumn>([...AWARD_CSV_COLUMNS.map((c) => [c.ja, c.key] as [string, AwardCsvColumn]), ...FORMER_HEADERS]);
export const columnJa = (key: AwardCsvColumn) => AWARD_CSV_COLUMNS.find((c) => c.key === key)!.ja;

/**
 * NFKC (full-width letters and digits to ASCII), every kind of space and every character that shows
 * as nothing (a zero-width space or soft hyphen pasted with a name) removed: how cells and labels compare.
 */
export const foldText = (value: string) => withoutIgnorables(withoutIgnorables(value).normalize('NFKC')).replace(/\s+/g, '');

/** Where each known column is in the file, and the header as the file spells it (for messages). */
export interface CsvLayout {
  index: Partial<Record<AwardCsvColumn, number>>;
  /** The header cell of each column as written in the file. */
  label: Partial<Record<AwardCsvColumn, string>>;
}

/**
 * Reads the header row; every problem (unknown, repeated or missing columns) in one error.
 * An empty header cell is allowed (Excel keeps stray empty columns); a value under it is a row error.
 */
export function readHeader(cells: readonly string[]): CsvLayout {
  const layout: CsvLayout = { index: {}, label: {} };
  const unknown: string[] = [];
  const repeated: string[] = [];
  cells.forEach((cell, i) => {
    const text = cell.trim();
    if (text === '') return;
    const folded = foldText(text);
    const key = columnByJa.get(folded) ?? columnByKey.get(folded.toLowerCase());
    if (!key) unknown.push(text);
    else if (layout.index[key] !== undefined) repeated.push(text);
    else {
      layout.index[key] = i;
      layout.label[key] = text;
    }
  });
  const problems = [];
  if (unknown.length > 0) {
    problems.push({
      field: 'header',
      ja: `不明な列があります: ${unknown.join('、')}。使える列は ${AWARD_CSV_HEADER.join('、')} です。`,
      en: `Unknown columns: ${unknown.join(', ')}. The columns are ${AWARD_CSV_COLUMNS.map((c) => `${c.ja} (${c.key})`).join(', ')}.`,
    });
  }
  if (repeated.length > 0) {
    problems.push({ field: 'header', ja: `同じ列が複数あります: ${repeated.join('、')}。`, en: `Columns given twice: ${repeated.join(', ')}.` });
  }
  for (const column of AWARD_CSV_COLUMNS) {
    if (column.required && layout.index[column.key] === undefined) {
      problems.push({ field: 'header', ja: `「${column.ja}」の列がありません。`, en: `The "${column.ja}" (${column.key}) column is missing.` });
    }
  }
  if (layout.index.corporateNumber === undefined && layout.index.localGovernmentCode === undefined) {
    problems.push({
      field: 'header',
      ja: '受賞団体を示す「法人番号」または「地方公共団体コード」の列が必要です。',
      en: 'A "法人番号" (corporateNumber) or "地方公共団体コード" (localGovernmentCode) column is needed to name the organization.',
    });
  }
  if (problems.length > 0) {
    throw new DomainError('validation', 'CSV の見出しの行に誤りがあります。', 'The header row of the CSV file is not valid.', problems);
  }
  return layout;
}

/** A problem with one cell (column) or with the whole row (column null). */
export interface CellProblem {
  column: AwardCsvColumn | null;
  ja: string;
  en: string;
}

/** What one row says, read but not yet looked up: codes and labels as written, identifiers normalized. */
export interface AwardRowValues {
  fiscalYear: number | null;
  category: string | null;
  division: string | null;
  corporateNumber: string | null;
  localGovernmentCode: string | null;
  organizationName: string | null;
  partnerMunicipalityCode: string | null;
  overview: string | null;
  message: string | null;
  awardedOn: string | null;
}

/** 2025, ２０２５, 2025年度, 令和7年度, 令和元年度, or the label 令和7年度（2025年度） (both parts must agree). */
export function parseFiscalYear(value: string): number | null {
  const text = foldText(value);
  const western = /^(\d{4})(?:年度?)?$/.exec(text);
  if (western) return Number(western[1]);
  const reiwa = /^令和(元|\d{1,2})年度?(?:\((\d{4})年度?\))?$/.exec(text);
  if (!reiwa) return null;
  const year = 2018 + (reiwa[1] === '元' ? 1 : Number(reiwa[1]));
  if (reiwa[2] !== undefined && Number(reiwa[2]) !== year) return null;
  return year;
}

const multiline = (text: string | null) => (text === null ? null : lineBreaksAsLf(text));

/** How to keep digits as typed in Excel, for the messages below. */
const KEEP_AS_TEXT = {
  ja: 'Excelでは列の表示形式を「文字列」にしてから入力し直して（または先頭に \' を付けて入力して）、CSVに保存し直してください。',
  en: 'In Excel, format the column as Text before typing the numbers (or type \' before each), then save as CSV again.',
};

/**
 * The officer typed the number right and Excel changed it on saving: a 13-digit 法人番号 in an
 * ordinary cell is saved in E notation (7.12346E+12, its digits lost), and a code's leading zero
 * goes (011002 → 11002). Said as such, with the way to keep it, rather than "must be 13 digits".
 */
function changedByExcel(key: 'corporateNumber' | 'localGovernmentCode' | 'partnerMunicipalityCode', text: string, digits: string): { ja: string; en: string } | null {
  const column = columnJa(key);
  if (key === 'corporateNumber' && /^\d(\.\d+)?E\+\d+$/i.test(foldText(text))) {
    return {
      ja: `「${text}」: Excelが${column}を数値として扱い、指数表記で保存したため、13桁の番号が失われています。${KEEP_AS_TEXT.ja}`,
      en: `"${text}": Excel took the ${column} (${key}) for a number and saved it in E notation, so its 13 digits are lost. ${KEEP_AS_TEXT.en}`,
    };
  }
  if (key !== 'corporateNumber' && /^\d{5}$/.test(digits)) {
    return {
      ja: `「${text}」: ${column}は6桁です。Excelで保存すると先頭の0が消えることがあります（011002 → 11002）。${KEEP_AS_TEXT.ja}`,
      en: `"${text}": the ${column} (${key}) has 6 digits. Excel drops a leading zero when it saves a number (011002 → 11002). ${KEEP_AS_TEXT.en}`,
    };
  }
  return null;
}

/**
 * Reads one data row: each cell to its value, and what is wrong with the cells on their own
 * (shapes, check digits, a missing organization). `cells` are the record's fields in file order.
 */
export function readRow(layout: CsvLayout, cells: readonly string[]): { values: AwardRowValues; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const cell = (key: AwardCsvColumn) => {
    const i = layout.index[key];
    const text = i === undefined ? '' : (cells[i] ?? '').trim();
    return text === '' ? null : text;
  };
  const problem = (column: AwardCsvColumn | null, ja: string, en: string) => problems.push({ column, ja, en });

  const known = new Set(Object.values(layout.index));
  if (cells.some((c, i) => c.trim() !== '' && !known.has(i))) {
    problem(null, '見出しのない列に値があります（列が多すぎます）。', 'A value stands in a column without a header (too many columns).');
  }

  const yearText = cell('fiscalYear');
  const fiscalYear = yearText === null ? null : parseFiscalYear(yearText);
  if (yearText === null) problem('fiscalYear', '年度を入力してください。', 'The fiscal year is required.');
  else if (fiscalYear === null) problem('fiscalYear', `年度「${yearText}」は西暦4桁（例: 2025）または「令和7年度」の形で書いてください。`, `Fiscal year "${yearText}": write 4 digits (e.g. 2025) or 令和N年度.`);

  const category = cell('category');
  if (category === null) problem('category', '表彰区分を入力してください。', 'The category is required.');

  const identifier = (key: 'corporateNumber' | 'localGovernmentCode' | 'partnerMunicipalityCode') => {
    const text = cell(key);
    if (text === null) return null;
    const digits = normalizeDigits(text);
    const valid = key === 'corporateNumber' ? isValidCorporateNumber(digits) : isValidLocalGovernmentCode(digits);
    if (!valid) {
      const excel = changedByExcel(key, text, digits);
      if (excel) {
        problem(key, excel.ja, excel.en);
        return null;
      }
      const [ja, en] =
        key === 'corporateNumber'
          ? ['13桁で、先頭のチェックディジットが正しくなければなりません', 'must be 13 digits with a valid leading check digit']
          : ['6桁で、末尾のチェックディジットが正しくなければなりません', 'must be 6 digits with a valid check digit'];
      problem(key, `「${text}」: ${columnJa(key)}は${ja}。`, `"${text}": ${columnJa(key)} (${key}) ${en}.`);
      return null;
    }
    return digits;
  };
  const corporateNumber = identifier('corporateNumber');
  const localGovernmentCode = identifier('localGovernmentCode');
  const partnerMunicipalityCode = identifier('partnerMunicipalityCode');
  if (cell('corporateNumber') === null && cell('localGovernmentCode') === null) {
    const column = layout.index.corporateNumber !== undefined ? 'corporateNumber' : 'localGovernmentCode';
    problem(column, '受賞団体の法人番号または地方公共団体コードを入力してください。', 'Give the organization\'s corporate number or local government code.');
  }

  const dateText = cell('awardedOn');
  const awardedOn = dateText === null ? null : readTypedDate(dateText);
  if (dateText !== null && awardedOn === null) {
    problem('awardedOn', `表彰日「${dateText}」は 2026-02-10、2026/2/10、2026年2月10日 または 令和8年2月10日（R8.2.10）の形で書いてください。`, `Awarded on "${dateText}": write 2026-02-10, 2026/2/10, 2026年2月10日 or 令和8年2月10日 (R8.2.10).`);
  }

  return {
    values: {
      fiscalYear,
      category,
      division: cell('division'),
      corporateNumber,
      localGovernmentCode,
      organizationName: cell('organizationName'),
      partnerMunicipalityCode,
      // A quoted cell's line breaks as the API and the forms store them: CR LF from some tools is one \n.
      overview: multiline(cell('overview')),
      message: multiline(cell('message')),
      awardedOn,
    },
    problems,
  };
}
