/**
 * Reading an uploaded CSV file: the bytes as Excel and other tools write them, then RFC 4180
 * records. Pure and Web-API only (runs on Workers): TextDecoder knows 'shift_jis' on Node and
 * in workerd alike (the WHATWG Shift_JIS decoder, i.e. Windows-31J/CP932 with the NEC and IBM
 * extensions that Japanese Excel writes).
 */
import { DomainError } from '../errors.js';

export type CsvEncoding = 'utf-8' | 'shift_jis';

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
}

/** A record of the file and its number counting from 1 (the row number a spreadsheet shows). */
export interface CsvRecord {
  number: number;
  cells: string[];
}

const fileProblem = (ja: string, en: string, detailJa: string, detailEn: string) =>
  new DomainError('validation', ja, en, [{ field: 'file', ja: detailJa, en: detailEn }]);

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/**
 * The file's text: UTF-8 with a BOM ("CSV UTF-8" in Excel), UTF-8 without one, or else
 * Shift_JIS (plain "CSV" in Japanese Excel). Strict decoders, so a file in neither encoding is
 * refused instead of read as mojibake. A Shift_JIS file that is valid UTF-8 too is all but
 * impossible once it holds any Japanese text; an ASCII-only file reads the same either way.
 */
export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  const unreadable = (detailJa: string, detailEn: string) =>
    fileProblem('CSV ファイルを読み取れません。', 'The CSV file cannot be read.', detailJa, detailEn);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    throw unreadable('Excel ブック（.xlsx）です。「CSV UTF-8」または「CSV」形式で保存してください。', 'This is an Excel workbook (.xlsx); save it as "CSV UTF-8" or "CSV".');
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw unreadable('UTF-16 のテキストです。「CSV UTF-8」または「CSV」形式で保存してください。', 'The file is UTF-16 text; save it as "CSV UTF-8" or "CSV".');
  }
  const decode = (encoding: CsvEncoding, body: Uint8Array) => {
    try {
      // ignoreBOM: the BOM is removed below, once, whatever follows it.
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      return null;
    }
  };
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = decode('utf-8', bytes.subarray(3));
    if (text === null) throw unreadable('UTF-8 の BOM で始まりますが、UTF-8 として正しくない文字があります。', 'The file starts with a UTF-8 BOM but is not valid UTF-8.');
    return { text, encoding: 'utf-8' };
  }
  const utf8 = decode('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  const sjis = decode('shift_jis', bytes);
  if (sjis !== null) return { text: sjis, encoding: 'shift_jis' };
  throw unreadable('文字コードが UTF-8 でも Shift_JIS でもありません。', 'The file is neither UTF-8 nor Shift_JIS text.');
}

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');

/**
 * RFC 4180 records: comma-separated, fields in double quotes may hold commas, line breaks and
 * doubled quotes; CRLF, LF or CR end a record; a final line break adds no record. A quote inside
 * an unquoted field is kept as a character (as spreadsheets read it).
 *
 * Blank records (empty lines, or only commas as Excel writes formatted empty rows) are skipped
 * but counted, so numbers stay the row numbers a spreadsheet shows. The first non-blank record
 * is the header; more than `maxRows` non-blank records after it stop the reading with a
 * 'too-large' error, before the rest is parsed.
 */
export function parseCsv(text: string, { maxRows }: { maxRows: number }): CsvRecord[] {
  const records: CsvRecord[] = [];
  let number = 0;
  let cells: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let closed = false; // a quoted field has ended; only a comma or a line break may follow
  let started = false; // the current record has any character

  const endField = () => {
    cells.push(field);
    field = '';
    closed = false;
  };
  const endRecord = () => {
    endField();
    number++;
    if (!isBlank(cells)) {
      if (records.length > maxRows) {
        throw new DomainError(
          'too-large',
          `CSV のデータ行が上限（見出しの行を除いて ${maxRows} 行）を超えています。ファイルを分けてください。`,
          `The CSV file has more than ${maxRows} data rows (after the header); split it.`,
          [{ field: 'file', ja: `${number} 行目で上限を超えました。`, en: `Row ${number} is past the limit.` }],
        );
      }
      records.push({ number, cells });
    }
    cells = [];
    started = false;
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
        closed = true;
      }
      continue;
    }
    if (c === ',') {
      endField();
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      continue;
    } else if (closed) {
      throw fileProblem(
        'CSV の形式に誤りがあります。',
        'The file is not well-formed CSV.',
        `${number + 1} 行目: 引用符（"）で囲んだ値の後に「${c}」があります。値の中の " は "" と書きます。`,
        `Row ${number + 1}: "${c}" follows a quoted value; a quote inside a value is written "".`,
      );
    } else if (c === '"' && field === '') {
      quoted = true;
    } else {
      field += c;
    }
    started = true;
  }
  if (quoted) {
    throw fileProblem(
      'CSV の形式に誤りがあります。',
      'The file is not well-formed CSV.',
      `${number + 1} 行目: 引用符（"）が閉じられていません。`,
      `Row ${number + 1}: a quoted value is never closed.`,
    );
  }
  if (started || cells.length > 0 || closed) endRecord();
  return records;
}
