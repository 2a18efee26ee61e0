/**
 * CSV for people who open it in Excel in Japan: UTF-8 with a byte-order mark (without it Excel
 * reads Shift_JIS and garbles Japanese), CRLF line ends and RFC 4180 quoting.
 */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
}

const BOM = '\uFEFF';

/**
 * A cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets skip
 * before reading a formula) would run as a formula when opened (CSV/formula injection, OWASP).
 * Prefixing a single quote makes spreadsheets show it as text; the quote is visible to programs
 * reading the file as plain CSV, which is why the JSON form carries the value unchanged.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF; double any quote inside it. */
export function quoteField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return quoteField(neutralizeFormula(String(value)));
}

/** The whole document as one string (open data here is a few thousand rows, so no streaming). */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => quoteField(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
